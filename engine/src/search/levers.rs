//! The levers file (`Levers(levers: [ … ])`): integer or choice plan changes with their cost
//! in yen. Each value of a lever is a list of plan-variant changes ([`Change`]), so the plan a
//! search chooses is written out as a variant file that `run`, `compare` and `report` accept.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::variant::Change;

/// A levers file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Levers", deny_unknown_fields)]
pub struct LeversSpec {
    pub levers: Vec<Lever>,
}

/// One lever: a count to buy, or a choice between options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Lever {
    /// A whole number from `min` to `max` (`min` defaults to what the scenario holds). Each
    /// unit above what the scenario holds costs `unit_cost_yen` (units below cost nothing:
    /// nothing is sold).
    Count {
        name: String,
        set: CountTarget,
        #[serde(default)]
        min: Option<u32>,
        max: u32,
        unit_cost_yen: f64,
    },
    /// One of the options (the first is usually "as now", at no cost).
    Choice {
        name: String,
        options: Vec<LeverOption>,
    },
}

/// One option of a choice lever.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeverOption {
    pub name: String,
    pub cost_yen: f64,
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// What a count lever sets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum CountTarget {
    PowerStations {
        agency: String,
    },
    Cars {
        agency: String,
    },
    Phones {
        agency: String,
    },
    /// A stock item's quantity (the item must be held).
    Stock {
        agency: String,
        item: String,
    },
}

impl CountTarget {
    pub fn agency(&self) -> &str {
        match self {
            CountTarget::PowerStations { agency }
            | CountTarget::Cars { agency }
            | CountTarget::Phones { agency }
            | CountTarget::Stock { agency, .. } => agency,
        }
    }

    /// What the scenario holds; `None` when the agency or item is not there.
    pub fn current(&self, s: &Scenario) -> Option<u32> {
        let a = s.agencies.iter().find(|a| a.id == self.agency())?;
        Some(match self {
            CountTarget::PowerStations { .. } => a.equipment.portable_power_stations,
            CountTarget::Cars { .. } => a.equipment.cars,
            CountTarget::Phones { .. } => a.equipment.phones,
            CountTarget::Stock { item, .. } => {
                let q = a.stocks.iter().find(|st| &st.item == item)?.quantity;
                q.round().clamp(0.0, f64::from(u32::MAX)) as u32
            }
        })
    }

    /// The variant change that sets it to `n`.
    pub fn change(&self, n: u32) -> Change {
        let agency = self.agency().to_string();
        let equipment = |cars, stations, phones| Change::Equipment {
            agency: agency.clone(),
            cars,
            portable_power_stations: stations,
            power_station_hours: None,
            power_station_recharge_hours: None,
            car_inverters: None,
            generator: None,
            phones,
            calls_per_phone_charge: None,
            power_bank_item: None,
        };
        match self {
            CountTarget::PowerStations { .. } => equipment(None, Some(n), None),
            CountTarget::Cars { .. } => equipment(Some(n), None, None),
            CountTarget::Phones { .. } => equipment(None, None, Some(n)),
            CountTarget::Stock { item, .. } => Change::Stock {
                agency,
                item: item.clone(),
                quantity: f64::from(n),
                unit: None,
                consumption: None,
                refill_when_up: None,
            },
        }
    }
}

/// A lever resolved against the scenario: its values in order, each with its cost and
/// changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolved {
    pub name: String,
    pub values: Vec<LeverValue>,
}

/// One value of a lever.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeverValue {
    /// The count, or the option's name.
    pub label: String,
    pub cost_yen: f64,
    pub changes: Vec<Change>,
}

impl Lever {
    pub fn name(&self) -> &str {
        match self {
            Lever::Count { name, .. } | Lever::Choice { name, .. } => name,
        }
    }

    /// The lever's values against `s` (names must have been checked).
    pub fn resolve(&self, s: &Scenario) -> Resolved {
        let values = match self {
            Lever::Count {
                set,
                min,
                max,
                unit_cost_yen,
                ..
            } => {
                let current = set.current(s).unwrap_or(0);
                let from = min.unwrap_or(current);
                (from..=*max)
                    .map(|n| LeverValue {
                        label: n.to_string(),
                        cost_yen: unit_cost_yen * f64::from(n.saturating_sub(current)),
                        // The scenario's own count needs no change.
                        changes: if n == current {
                            Vec::new()
                        } else {
                            vec![set.change(n)]
                        },
                    })
                    .collect()
            }
            Lever::Choice { options, .. } => options
                .iter()
                .map(|o| LeverValue {
                    label: o.name.clone(),
                    cost_yen: o.cost_yen,
                    changes: o.changes.clone(),
                })
                .collect(),
        };
        Resolved {
            name: self.name().to_string(),
            values,
        }
    }
}
