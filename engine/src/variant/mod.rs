//! Plan variants (計画の変種): a small file that names a base scenario and changes only what a
//! plan changes, so that "what does plan B buy us over plan A?" is answered over the same
//! disasters.
//!
//! A variant may change an agency's equipment, stockpile (備蓄) and BCP (事業継続計画) rules, and
//! add plan-side events (a delivery, lent power stations, the leader's activation, a patient
//! moved to hospital). It may not change the disaster or the people: time, hazard, zones and
//! their lifelines, staff and patients stay the base's. Since every random stream is keyed by
//! stable ids of exactly those things, run *i* of a variant sees the same disaster as run *i* of
//! its base (common random numbers).
//!
//! The file format is documented in `docs/variants.md`. [`load_variant`] reads one (the caller
//! supplies the base's text: the engine does no I/O) and returns the merged [`Scenario`].

pub(crate) mod apply;
mod load;

use serde::{Deserialize, Serialize};

use crate::scenario::{
    ActivationRule, AdmissionRule, AttendanceSpec, Consumption, FatigueLimits, Lifeline,
    OperatingLevel, RegionalPlan, SafetyCheckPolicy, Scenario, ScheduledEvent, VisitPolicy,
    WorkPattern,
};

pub use load::{ReadBase, VariantError, is_variant_text, load_variant};

/// A variant file as written: `Variant(base: "…", name: "…", changes: [ … ])`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Variant", deny_unknown_fields)]
pub struct VariantSpec {
    /// Path of the base scenario, relative to the variant file's directory.
    pub base: String,
    /// Short name of the variant, shown in summaries and comparisons instead of the base's.
    pub name: String,
    /// What the variant represents and where its numbers come from.
    #[serde(default)]
    pub description: String,
    /// The changes, applied in order (a later change to the same value wins).
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// One change to the base's plan side. Every change but `AddEvents` names the agency it applies
/// to by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Change {
    /// Sets the equipment fields that are given; the others keep the base's values.
    Equipment {
        agency: String,
        #[serde(default)]
        cars: Option<u32>,
        #[serde(default)]
        portable_power_stations: Option<u32>,
        #[serde(default)]
        power_station_hours: Option<f64>,
        #[serde(default)]
        power_station_recharge_hours: Option<f64>,
        #[serde(default)]
        car_inverters: Option<bool>,
        #[serde(default)]
        generator: Option<bool>,
        #[serde(default)]
        phones: Option<u32>,
        #[serde(default)]
        calls_per_phone_charge: Option<u32>,
        #[serde(default)]
        power_bank_item: Option<String>,
    },
    /// Sets every item of the 004 §2-7 table that the agency holds to what the table's formula
    /// requires for `days` days (with the agency's W and women's share). Items the agency does
    /// not hold are not added; other items (fuel) are left alone.
    StockpileDays { agency: String, days: u32 },
    /// Sets one stock item's quantity, and the other fields that are given. An item the agency
    /// does not hold is added, and then needs a `unit`.
    Stock {
        agency: String,
        item: String,
        quantity: f64,
        #[serde(default)]
        unit: Option<String>,
        #[serde(default)]
        consumption: Option<Vec<Consumption>>,
        #[serde(default)]
        refill_when_up: Option<Lifeline>,
    },
    /// Replaces the plan's attendance (出勤率) rules.
    Attendance {
        agency: String,
        attendance: AttendanceSpec,
    },
    /// Replaces the plan's activation (発動) and release (解除) rule.
    Activation {
        agency: String,
        activation: ActivationRule,
    },
    /// Replaces the plan's priority-work (優先業務) table.
    OperatingLevels {
        agency: String,
        levels: Vec<OperatingLevel>,
    },
    /// Replaces the plan's safety-check (安否確認) policy.
    SafetyChecks {
        agency: String,
        safety_checks: SafetyCheckPolicy,
    },
    /// Replaces the plan's visit (訪問) policy.
    Visits { agency: String, visits: VisitPolicy },
    /// Replaces the plan's hospital admission (入院) rule for power-dependent patients.
    Admission {
        agency: String,
        admission: AdmissionRule,
    },
    /// Replaces the plan's fatigue limits.
    Fatigue {
        agency: String,
        fatigue: FatigueLimits,
    },
    /// Replaces the normal working pattern.
    Work { agency: String, work: WorkPattern },
    /// Adds plan-side events after the base's: `Resupply`, `AddPowerStations`, `ActivateBcp`,
    /// `MovePatient`, `SendStaff`, `PrioritizeCheck`. Events that change the disaster (`SetLifeline`, `SetAlertLevel`,
    /// `StaffUnavailable`) are refused.
    AddEvents(Vec<ScheduledEvent>),
    /// Puts an agreement of the base in force (協定締結): `status` becomes `Signed`.
    SignAgreement { agreement: String },
    /// Replaces what the region shares (a shared safety-check list).
    Region { region: RegionalPlan },
}

impl Change {
    /// The agency this change applies to (`None` for `AddEvents`).
    pub fn agency(&self) -> Option<&str> {
        match self {
            Change::Equipment { agency, .. }
            | Change::StockpileDays { agency, .. }
            | Change::Stock { agency, .. }
            | Change::Attendance { agency, .. }
            | Change::Activation { agency, .. }
            | Change::OperatingLevels { agency, .. }
            | Change::SafetyChecks { agency, .. }
            | Change::Visits { agency, .. }
            | Change::Admission { agency, .. }
            | Change::Fatigue { agency, .. }
            | Change::Work { agency, .. } => Some(agency),
            Change::AddEvents(_) | Change::SignAgreement { .. } | Change::Region { .. } => None,
        }
    }
}

/// A loaded variant: the merged scenario, ready to simulate, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The variant's name (also the merged scenario's `name`, so summaries show it).
    pub name: String,
    /// The variant's description (also the merged scenario's, when not empty).
    pub description: String,
    /// How the base file was named to the loader (its display path).
    pub base_file: String,
    /// The base scenario as loaded, unchanged: run it beside `scenario` to compare.
    pub base: Scenario,
    /// The base with the changes applied.
    pub scenario: Scenario,
    /// The variant file as written.
    pub spec: VariantSpec,
}
