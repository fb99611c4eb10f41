//! The scenario a user writes, as it appears in a RON file.
//!
//! These types are the file format: every field here is documented in
//! `docs/scenario-format.md`, units are in field names (`_hours`, `_km`, `_minutes`, `_share`),
//! and unknown fields are errors. They are kept apart from the components the engine holds
//! (`crate::state`): the engine builds its state from a validated scenario and never writes back.

mod agency;
mod agreements;
mod dist;
mod events;
pub(crate) mod exercise;
mod hazard;
mod identity;
mod lifelines;
mod patients;
mod plan;
mod staff;
mod stocks;
mod time;

pub use agency::{AgencyKind, AgencySpec, Equipment, Finance};
pub use agreements::{Agreement, AgreementKind, AgreementStatus, RegionalPlan, VERBAL_DELAY_HOURS};
pub use dist::{Dist, number_or_dist, unit_factor};
pub use events::{Destination, Effect, ScheduledEvent};
pub use exercise::{
    After, Channel, EXPECTABLE_COMMANDS, Exercise, Expected, Inject, Objective, ROLE_KEYWORDS,
};
pub use hazard::{AlertChange, Hazard, InfectionWave, Intensity, StaffRisks};
pub use lifelines::{
    Lifeline, LifelineSpec, LifelineState, Lifelines, PacedSchedule, RandomOutage, StateChange,
    ZoneSpec,
};
pub use patients::{
    CareCategory, CareNeed, ClassProfile, Coping, Device, DeviceKind, DeviceShare, PatientProfile,
    PatientSpec, PatientsSpec, PriorityClass,
};
pub use plan::{
    ActivationRule, AdmissionRule, AttendanceMode, AttendanceSpec, CurvePoint, FatigueLimits,
    MutualAidPolicy, NightVisits, OperatingLevel, Plan, RosterRules, SafetyCheckPolicy, ShareAt,
    VisitPolicy, WorkPattern,
};
pub use staff::{BcpRole, CommuteMode, Role, StaffMemberSpec, StaffProfile, StaffSpec, VisitMode};
pub use stocks::{Consumption, ConsumptionBasis, StockCondition, StockSpec};
pub use time::{TimeSpec, Weekday};

use serde::{Deserialize, Serialize};

/// A whole scenario: when the disaster strikes, what it does to each zone, and the agencies
/// (with their staff, patients, stocks and plans) that live through it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Short name shown in summaries and reports (any language).
    pub name: String,
    /// Free text: what the scenario represents and where its numbers come from.
    #[serde(default)]
    pub description: String,
    pub time: TimeSpec,
    pub hazard: Hazard,
    pub zones: Vec<ZoneSpec>,
    pub agencies: Vec<AgencySpec>,
    /// Things that happen at a fixed hour (a road reopens, a water truck arrives).
    #[serde(default)]
    pub events: Vec<ScheduledEvent>,
    /// What the region shares (regional BCP).
    #[serde(default, skip_serializing_if = "RegionalPlan::is_default")]
    pub region: RegionalPlan,
    /// How households and home-oxygen suppliers cope with a power cut.
    #[serde(default, skip_serializing_if = "Coping::is_default")]
    pub coping: Coping,
    /// Mutual aid agreements between agencies (collaborative BCP).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Agreement>,
    /// A tabletop exercise's objectives and injects (docs/exercise.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<Exercise>,
}

impl Scenario {
    /// Number of steps in the run (the horizon divided by the step length, rounded up).
    pub fn steps(&self) -> u32 {
        self.time
            .horizon_hours
            .div_ceil(self.time.step_hours.max(1))
    }
}
