//! The factors file (`Factors(factors: [Factor(…), …])`) and what each factor's target does to
//! a scenario: a parameterised transform of the scenario, so that one number can be set to
//! any value in its range for one model evaluation.
//!
//! Two kinds of target: a *scale* multiplies numbers the scenario already holds (1 = as
//! written), keeping their distributions' shapes, so a factor can doubt "power comes back 30 %
//! later than the schedule says" without rewriting the schedule; a *value* sets a plan number
//! (a count of power stations, a stock quantity). Scaling keeps every random stream's draws
//! (a `Dist` scaled by x gives x times the same draw), so common random numbers hold.

use serde::{Deserialize, Serialize};

use crate::scenario::{DeviceKind, Dist, Lifeline, LifelineSpec, LifelineState, Scenario};

/// A factors file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Factors", deny_unknown_fields)]
pub struct FactorsSpec {
    pub factors: Vec<Factor>,
}

/// One doubted number: its target, its range and how it is spread over the range (for the
/// Sobol' indices; the tornado uses only the ends).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Factor", deny_unknown_fields)]
pub struct Factor {
    pub name: String,
    pub target: Target,
    pub low: f64,
    pub high: f64,
    #[serde(default)]
    pub distribution: Spread,
}

/// How a factor's values are spread between `low` and `high`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Spread {
    /// Every value equally likely (a count: every whole number from low to high).
    #[default]
    Uniform,
    /// Triangular, most likely at `mode`.
    Triangular { mode: f64 },
}

/// What a factor changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Target {
    /// Scale of the plan's attendance curve (curve mode): multiplies `curve_scale`.
    AttendanceScale { agency: String },
    /// Scale of a lifeline's time to restoration in a zone: every hour after the first change
    /// of a schedule, a curve's `pace`, or a random outage's down and degraded hours.
    Restoration { zone: String, lifeline: Lifeline },
    /// Scale of a lifeline's partial levels (`Degraded`) in a zone, capped at 1. For
    /// `TelecomVoice` this is the chance that one call gets through.
    LifelineLevel { zone: String, lifeline: Lifeline },
    /// Scale of the battery hours of the agency's patients' devices (of one kind, if given).
    BatteryHours {
        agency: String,
        #[serde(default)]
        device: Option<DeviceKind>,
    },
    /// Scale of every stock quantity the agency holds.
    StockScale { agency: String },
    /// One stock item's quantity.
    Stock { agency: String, item: String },
    /// Number of portable power stations.
    PowerStations { agency: String },
    /// Hours of device use one charged power station gives.
    PowerStationHours { agency: String },
    /// Number of visit cars.
    Cars { agency: String },
    /// Number of phones for safety-check calls.
    Phones { agency: String },
}

/// What kind of number a target takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A factor on numbers of the scenario: ≥ 0, 1 = as written.
    Scale,
    /// A whole number ≥ 0.
    Count,
    /// A quantity ≥ 0.
    Amount,
}

impl Target {
    pub fn kind(&self) -> Kind {
        match self {
            Target::AttendanceScale { .. }
            | Target::Restoration { .. }
            | Target::LifelineLevel { .. }
            | Target::BatteryHours { .. }
            | Target::StockScale { .. } => Kind::Scale,
            Target::PowerStations { .. } | Target::Cars { .. } | Target::Phones { .. } => {
                Kind::Count
            }
            Target::Stock { .. } | Target::PowerStationHours { .. } => Kind::Amount,
        }
    }

    /// The agency the target names, if any.
    pub fn agency(&self) -> Option<&str> {
        match self {
            Target::AttendanceScale { agency }
            | Target::BatteryHours { agency, .. }
            | Target::StockScale { agency }
            | Target::Stock { agency, .. }
            | Target::PowerStations { agency }
            | Target::PowerStationHours { agency }
            | Target::Cars { agency }
            | Target::Phones { agency } => Some(agency),
            Target::Restoration { .. } | Target::LifelineLevel { .. } => None,
        }
    }

    /// The zone the target names, if any.
    pub fn zone(&self) -> Option<&str> {
        match self {
            Target::Restoration { zone, .. } | Target::LifelineLevel { zone, .. } => Some(zone),
            _ => None,
        }
    }

    /// The value the scenario holds as written (1 for a scale); `None` when the agency, zone
    /// or item is not in the scenario.
    pub fn base_value(&self, s: &Scenario) -> Option<f64> {
        if self.kind() == Kind::Scale {
            return Some(1.0);
        }
        let a = s
            .agencies
            .iter()
            .find(|a| Some(a.id.as_str()) == self.agency())?;
        let e = &a.equipment;
        Some(match self {
            Target::PowerStations { .. } => f64::from(e.portable_power_stations),
            Target::Cars { .. } => f64::from(e.cars),
            Target::Phones { .. } => f64::from(e.phones),
            Target::PowerStationHours { .. } => e.power_station_hours,
            Target::Stock { item, .. } => a.stocks.iter().find(|st| &st.item == item)?.quantity,
            _ => return None,
        })
    }

    /// Sets the target to `x` in `s`. Names must have been checked (an unknown one does
    /// nothing).
    pub fn apply(&self, s: &mut Scenario, x: f64) {
        if let Some(z) = self.zone() {
            let Some(zone) = s.zones.iter_mut().find(|zone| zone.id == z) else {
                return;
            };
            match self {
                Target::Restoration { lifeline, .. } => {
                    scale_restoration(lifeline_mut(&mut zone.lifelines, *lifeline), x)
                }
                Target::LifelineLevel { lifeline, .. } => {
                    scale_levels(lifeline_mut(&mut zone.lifelines, *lifeline), x)
                }
                _ => {}
            }
            return;
        }
        let Some(a) = s
            .agencies
            .iter_mut()
            .find(|a| Some(a.id.as_str()) == self.agency())
        else {
            return;
        };
        let count = |x: f64| x.round().clamp(0.0, f64::from(u32::MAX)) as u32;
        match self {
            Target::AttendanceScale { .. } => {
                let c = &mut a.plan.attendance.curve_scale;
                *c = scale_dist(c, x);
            }
            Target::BatteryHours { device, .. } => {
                let hit = |k: DeviceKind| device.is_none_or(|d| d == k);
                for p in &mut a.patients.members {
                    for d in p.devices.iter_mut().filter(|d| hit(d.kind)) {
                        d.battery_hours *= x;
                    }
                }
                for class in a
                    .patients
                    .profile
                    .iter_mut()
                    .flat_map(|p| p.classes.iter_mut())
                {
                    for d in class.devices.iter_mut().filter(|d| hit(d.device.kind)) {
                        d.device.battery_hours *= x;
                    }
                }
            }
            Target::StockScale { .. } => {
                for st in &mut a.stocks {
                    st.quantity *= x;
                }
            }
            Target::Stock { item, .. } => {
                if let Some(st) = a.stocks.iter_mut().find(|st| &st.item == item) {
                    st.quantity = x;
                }
            }
            Target::PowerStations { .. } => a.equipment.portable_power_stations = count(x),
            Target::PowerStationHours { .. } => a.equipment.power_station_hours = x,
            Target::Cars { .. } => a.equipment.cars = count(x),
            Target::Phones { .. } => a.equipment.phones = count(x),
            Target::Restoration { .. } | Target::LifelineLevel { .. } => {}
        }
    }
}

impl Factor {
    /// The factor's value at `u` in [0, 1): the inverse of its spread's distribution function
    /// (a count: one of the whole numbers low..=high, equally likely).
    pub fn value_at(&self, u: f64) -> f64 {
        let (lo, hi) = (self.low, self.high);
        if self.target.kind() == Kind::Count {
            let n = (hi - lo + 1.0).max(1.0);
            return (lo + (u * n).floor()).min(hi);
        }
        match self.distribution {
            Spread::Uniform => lo + (hi - lo) * u,
            Spread::Triangular { mode } => Dist::Triangular {
                min: lo,
                mode,
                max: hi,
            }
            .value(u, 0.0),
        }
    }
}

fn lifeline_mut(l: &mut crate::scenario::Lifelines, which: Lifeline) -> &mut LifelineSpec {
    match which {
        Lifeline::Power => &mut l.power,
        Lifeline::Water => &mut l.water,
        Lifeline::Sewer => &mut l.sewer,
        Lifeline::Gas => &mut l.gas,
        Lifeline::TelecomVoice => &mut l.telecom_voice,
        Lifeline::TelecomData => &mut l.telecom_data,
        Lifeline::Roads => &mut l.roads,
        Lifeline::Rail => &mut l.rail,
        Lifeline::Fuel => &mut l.fuel,
    }
}

/// `d` times `x`: every family is closed under scaling, and the scaled one gives x times the
/// draw the original gives from the same uniform and normal numbers.
pub fn scale_dist(d: &Dist, x: f64) -> Dist {
    match *d {
        Dist::Fixed(v) => Dist::Fixed(v * x),
        Dist::Uniform { min, max } => Dist::Uniform {
            min: min * x,
            max: max * x,
        },
        Dist::Triangular { min, mode, max } => Dist::Triangular {
            min: min * x,
            mode: mode * x,
            max: max * x,
        },
        Dist::Normal { mean, sd } => Dist::Normal {
            mean: mean * x,
            sd: sd * x,
        },
        Dist::LogNormal { median, sigma } => Dist::LogNormal {
            median: median * x,
            sigma,
        },
    }
}

fn scale_restoration(spec: &mut LifelineSpec, x: f64) {
    match spec {
        LifelineSpec::Up => {}
        LifelineSpec::Schedule(changes) => {
            let first = changes.first().map_or(0, |c| c.hour);
            for c in changes.iter_mut() {
                let later = f64::from(c.hour - first.min(c.hour)) * x;
                c.hour = first + later.round().min(f64::from(u32::MAX - first)) as u32;
            }
        }
        LifelineSpec::Curve(p) => p.pace = scale_dist(&p.pace, x),
        LifelineSpec::Restoration(o) => {
            o.down_hours = scale_dist(&o.down_hours, x);
            o.degraded_hours = scale_dist(&o.degraded_hours, x);
        }
    }
}

fn scale_levels(spec: &mut LifelineSpec, x: f64) {
    match spec {
        LifelineSpec::Up => {}
        LifelineSpec::Schedule(changes) => {
            for c in changes.iter_mut() {
                if let LifelineState::Degraded(l) = c.state {
                    c.state = LifelineState::Degraded((l * x).min(1.0));
                }
            }
        }
        LifelineSpec::Curve(p) => p.levels = scale_dist(&p.levels, x),
        LifelineSpec::Restoration(o) => o.degraded_level = (o.degraded_level * x).min(1.0),
    }
}

/// Whether the target can change anything in `s`: a lifeline that is never affected, an
/// attendance scale in roster mode or batteries of a device nobody uses do nothing, which is
/// almost surely a slip in the file.
pub fn has_effect(t: &Target, s: &Scenario) -> bool {
    match t {
        Target::Restoration { zone, lifeline } | Target::LifelineLevel { zone, lifeline } => s
            .zones
            .iter()
            .find(|z| &z.id == zone)
            .is_some_and(|z| !matches!(z.lifelines.get(*lifeline), LifelineSpec::Up)),
        Target::AttendanceScale { agency } => s.agencies.iter().any(|a| {
            &a.id == agency && a.plan.attendance.mode == crate::scenario::AttendanceMode::Curve
        }),
        Target::BatteryHours { agency, device } => s.agencies.iter().any(|a| {
            let hit = |k: DeviceKind| device.is_none_or(|d| d == k);
            &a.id == agency
                && (a
                    .patients
                    .members
                    .iter()
                    .any(|p| p.devices.iter().any(|d| hit(d.kind)))
                    || a.patients.profile.iter().any(|p| {
                        p.classes.iter().any(|c| {
                            c.devices
                                .iter()
                                .any(|d| d.share > 0.0 && hit(d.device.kind))
                        })
                    }))
        }),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_scenario;
    use crate::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};

    fn targets() -> Vec<Target> {
        let agency = || "station".to_string();
        let zone = || "ward".to_string();
        vec![
            Target::AttendanceScale { agency: agency() },
            Target::Restoration {
                zone: zone(),
                lifeline: Lifeline::Power,
            },
            Target::LifelineLevel {
                zone: zone(),
                lifeline: Lifeline::TelecomVoice,
            },
            Target::BatteryHours {
                agency: agency(),
                device: Some(DeviceKind::Ventilator),
            },
            Target::StockScale { agency: agency() },
            Target::Stock {
                agency: agency(),
                item: "water_2l".into(),
            },
            Target::PowerStations { agency: agency() },
            Target::PowerStationHours { agency: agency() },
            Target::Cars { agency: agency() },
            Target::Phones { agency: agency() },
        ]
    }

    #[test]
    fn every_target_at_its_base_value_leaves_the_scenario_as_written() {
        // The tornado's low and high points set the other factors to their base values: that
        // must be the scenario itself, or the pairs would not differ by one factor only.
        let s = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).unwrap();
        for t in targets() {
            let mut changed = s.clone();
            t.apply(&mut changed, t.base_value(&s).unwrap());
            assert_eq!(changed, s, "{t:?}");
            assert!(has_effect(&t, &s), "{t:?}");
        }
    }

    #[test]
    fn scales_and_values_land_where_they_should() {
        let s = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).unwrap();
        let mut c = s.clone();
        Target::Restoration {
            zone: "ward".into(),
            lifeline: Lifeline::Power,
        }
        .apply(&mut c, 2.0);
        let LifelineSpec::Curve(p) = &c.zones[0].lifelines.power else {
            panic!("the sample's power is a curve")
        };
        assert_eq!(
            p.pace,
            Dist::Triangular {
                min: 1.0,
                mode: 2.0,
                max: 3.0
            }
        );
        let mut sched = LifelineSpec::Schedule(vec![
            crate::scenario::StateChange {
                hour: 10,
                state: LifelineState::Down,
            },
            crate::scenario::StateChange {
                hour: 40,
                state: LifelineState::Degraded(0.6),
            },
        ]);
        scale_restoration(&mut sched, 1.5);
        scale_levels(&mut sched, 2.0);
        let LifelineSpec::Schedule(ch) = sched else {
            unreachable!()
        };
        assert_eq!((ch[0].hour, ch[1].hour), (10, 55));
        assert_eq!(ch[1].state, LifelineState::Degraded(1.0));
        Target::PowerStations {
            agency: "station".into(),
        }
        .apply(&mut c, 3.0);
        assert_eq!(c.agencies[0].equipment.portable_power_stations, 3);
        // A count's values in the Sobol' design are its whole numbers, equally likely.
        let f = Factor {
            name: "n".into(),
            target: Target::Cars {
                agency: "station".into(),
            },
            low: 1.0,
            high: 3.0,
            distribution: Spread::Uniform,
        };
        let got: Vec<f64> = [0.0, 0.33, 0.34, 0.66, 0.67, 0.999]
            .iter()
            .map(|&u| f.value_at(u))
            .collect();
        assert_eq!(got, vec![1.0, 1.0, 2.0, 2.0, 3.0, 3.0]);
    }
}
