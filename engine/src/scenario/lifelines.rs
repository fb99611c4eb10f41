use serde::{Deserialize, Serialize};

use super::Dist;

/// An area with its own lifeline schedules. Agencies and patients live in a zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneSpec {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// Each lifeline's course in this zone; a lifeline left out stays up.
    #[serde(default)]
    pub lifelines: Lifelines,
    /// Hours mobile base stations run on their batteries during a power cut; after that the
    /// mobile network fails until power returns (004 §1-3). A number or a distribution, drawn
    /// per zone and run. Default 24.
    #[serde(
        default = "base_station_default",
        deserialize_with = "super::number_or_dist"
    )]
    pub base_station_battery_hours: Dist,
}

fn base_station_default() -> Dist {
    Dist::Fixed(24.0)
}

/// The lifelines of docs/model.md. Toilets are not listed: they are derived (unusable while water,
/// power or sewer is out, 004 §2-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Lifeline {
    Power,
    Water,
    Sewer,
    Gas,
    TelecomVoice,
    TelecomData,
    Roads,
    Rail,
    Fuel,
}

impl Lifeline {
    pub const ALL: [Lifeline; 9] = [
        Lifeline::Power,
        Lifeline::Water,
        Lifeline::Sewer,
        Lifeline::Gas,
        Lifeline::TelecomVoice,
        Lifeline::TelecomData,
        Lifeline::Roads,
        Lifeline::Rail,
        Lifeline::Fuel,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The snake_case name used in output files.
    pub fn key(self) -> &'static str {
        match self {
            Lifeline::Power => "power",
            Lifeline::Water => "water",
            Lifeline::Sewer => "sewer",
            Lifeline::Gas => "gas",
            Lifeline::TelecomVoice => "telecom_voice",
            Lifeline::TelecomData => "telecom_data",
            Lifeline::Roads => "roads",
            Lifeline::Rail => "rail",
            Lifeline::Fuel => "fuel",
        }
    }
}

/// Every lifeline of a zone. A lifeline left out is `Up` for the whole run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lifelines {
    #[serde(default)]
    pub power: LifelineSpec,
    #[serde(default)]
    pub water: LifelineSpec,
    #[serde(default)]
    pub sewer: LifelineSpec,
    #[serde(default)]
    pub gas: LifelineSpec,
    #[serde(default)]
    pub telecom_voice: LifelineSpec,
    #[serde(default)]
    pub telecom_data: LifelineSpec,
    #[serde(default)]
    pub roads: LifelineSpec,
    #[serde(default)]
    pub rail: LifelineSpec,
    #[serde(default)]
    pub fuel: LifelineSpec,
}

impl Lifelines {
    pub fn get(&self, lifeline: Lifeline) -> &LifelineSpec {
        match lifeline {
            Lifeline::Power => &self.power,
            Lifeline::Water => &self.water,
            Lifeline::Sewer => &self.sewer,
            Lifeline::Gas => &self.gas,
            Lifeline::TelecomVoice => &self.telecom_voice,
            Lifeline::TelecomData => &self.telecom_data,
            Lifeline::Roads => &self.roads,
            Lifeline::Rail => &self.rail,
            Lifeline::Fuel => &self.fuel,
        }
    }
}

/// How one lifeline behaves in one zone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum LifelineSpec {
    /// Never affected.
    #[default]
    Up,
    /// A fixed course, for a replayed exercise: from each change's hour on, the given state.
    /// Before the first change the lifeline is up.
    Schedule(Vec<StateChange>),
    /// A random course, for Monte Carlo: down from `start_hour` for a drawn number of hours,
    /// then degraded (partly restored) for a drawn number of hours, then up.
    Restoration(RandomOutage),
    /// A schedule whose timing and levels vary from run to run: the time from the first
    /// change to each later one is multiplied by `pace`, and the partial levels (`Degraded`) by
    /// `levels`, each drawn once per run (a level stays within 0–1; `Up` and `Down` stay as
    /// written; the first change keeps its hour).
    Curve(PacedSchedule),
}

/// A schedule with a random pace and random partial levels (`LifelineSpec::Curve`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PacedSchedule {
    /// The course as written, as in `Schedule`.
    pub changes: Vec<StateChange>,
    /// Multiplies the hours from the first change to every later one (0.5: twice as fast; 2:
    /// twice as slow). Default 1.
    #[serde(default = "super::unit_factor")]
    pub pace: Dist,
    /// Multiplies every `Degraded` level (capped at 1). Default 1.
    #[serde(default = "super::unit_factor")]
    pub levels: Dist,
}

/// From `hour` on, the lifeline is in `state`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateChange {
    pub hour: u32,
    pub state: LifelineState,
}

/// A random outage: `down_hours` fully out, then `degraded_hours` at `degraded_level`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RandomOutage {
    #[serde(default)]
    pub start_hour: u32,
    pub down_hours: Dist,
    #[serde(default = "no_hours")]
    pub degraded_hours: Dist,
    /// Share of the zone served while degraded (0–1). Default 0.5.
    #[serde(default = "half")]
    pub degraded_level: f64,
}

fn no_hours() -> Dist {
    Dist::Fixed(0.0)
}

fn half() -> f64 {
    0.5
}

/// The state of a lifeline in a zone. `Degraded(share)` means that share of the zone's sites
/// (agencies, homes) is served; each site has a fixed place in the restoration order, drawn
/// per run, so restoration is progressive and a site once served stays served while the share
/// does not fall.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum LifelineState {
    Up,
    Down,
    Degraded(f64),
}

impl LifelineState {
    /// Share of the zone served: 1 when up, 0 when down.
    pub fn level(self) -> f64 {
        match self {
            LifelineState::Up => 1.0,
            LifelineState::Down => 0.0,
            LifelineState::Degraded(x) => x.clamp(0.0, 1.0),
        }
    }
}
