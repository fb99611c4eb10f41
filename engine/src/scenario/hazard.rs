use serde::{Deserialize, Serialize};

use super::Dist;

/// What kind of disaster this is, as far as the plan's rules care (activation, assembly).
/// Its consequences (outages, absences) are described by the zones' lifelines and by the
/// staff risks, the same way for every hazard (all-hazards, 001 §1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Hazard {
    /// No disaster: normal operations (a baseline).
    None,
    /// An earthquake of the given seismic intensity (震度) at the agencies.
    Earthquake {
        intensity: Intensity,
        #[serde(default)]
        staff_risks: StaffRisks,
    },
    /// A storm, flood or heavy snow, expressed by its alert levels (警戒レベル 1–5) over time.
    Storm {
        alert_levels: Vec<AlertChange>,
        #[serde(default)]
        staff_risks: StaffRisks,
    },
    /// An infection wave: no lifeline damage, staff fall ill or care for ill family.
    Infection(InfectionWave),
}

/// Japanese seismic intensity (震度), from 5弱 upwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Intensity {
    /// 震度4以下
    FourOrLess,
    /// 震度5弱
    FiveLower,
    /// 震度5強
    FiveUpper,
    /// 震度6弱
    SixLower,
    /// 震度6強
    SixUpper,
    /// 震度7
    Seven,
}

/// From this hour on, the alert level is `level` (1–5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertChange {
    pub hour: u32,
    pub level: u8,
}

/// Shares of staff kept away by the disaster itself (004 §3-9 exemptions). Each share is a
/// number or a distribution drawn once per run (how hard this disaster hit the staff's homes);
/// who is affected is then drawn per person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffRisks {
    /// Share of staff injured or with a damaged house (exempt from assembly). Default 0.05.
    #[serde(default = "five_percent", deserialize_with = "super::number_or_dist")]
    pub injury_share: Dist,
    /// Share of staff whose family member is injured (exempt from assembly). Default 0.05.
    #[serde(default = "five_percent", deserialize_with = "super::number_or_dist")]
    pub family_injured_share: Dist,
}

fn five_percent() -> Dist {
    Dist::Fixed(0.05)
}

impl StaffRisks {
    /// No risk (no hazard, an infection wave).
    pub fn none() -> StaffRisks {
        StaffRisks {
            injury_share: Dist::Fixed(0.0),
            family_injured_share: Dist::Fixed(0.0),
        }
    }
}

impl Default for StaffRisks {
    fn default() -> Self {
        StaffRisks {
            injury_share: five_percent(),
            family_injured_share: five_percent(),
        }
    }
}

/// An infection wave: the share of staff absent rises linearly to `peak_absent_share` at
/// `peak_day` and falls back to zero at `duration_days` (pandemic business-continuity
/// planning assumes up to about 40 % absent at the peak of a wave of about two months). Each
/// absence lasts `isolation_days` (5: the MHLW guidance since May 2023).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InfectionWave {
    pub peak_absent_share: f64,
    pub peak_day: f64,
    pub duration_days: f64,
    #[serde(default = "five_days")]
    pub isolation_days: u32,
}

fn five_days() -> u32 {
    5
}
