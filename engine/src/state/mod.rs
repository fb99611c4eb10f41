//! What the engine holds while a run goes on: resources of the run's world — dense vectors of
//! agencies, staff and patients by index in scenario order, the clock, zones, the index, the
//! log. Built from a
//! validated scenario by `crate::build`; the scenario types a user writes stay in
//! `crate::scenario`.

mod agency;
mod clock;
mod index;
mod log;
mod patient;
mod staff;
mod stocks;
mod zone;

pub use agency::{
    Agencies, AgencyInfo, AgencyState, PendingDuty, SteadyCrew, SteadyMember, StepCounters, reaches,
};
pub use clock::{Clock, RunKey, WorkWeek};
pub use index::{
    AgreementInForce, Agreements, CareQueue, Caseloads, Crews, DueQueue, Index, TakeoverTerms,
    VisitSets,
};
pub use log::{Log, PendingEvents};
pub use patient::{
    DeviceState, Handover, Location, NeedState, Patient, PatientState, Patients, Settled,
};
pub use staff::{Arrival, Exemption, Loan, Staff, StaffMember, StaffState, StaffTasks};
pub use stocks::Stocks;
pub use zone::{HazardState, ZoneState, Zones, served};

/// Everything a run holds, in the run's world as one resource: each phase of a step takes it
/// whole and borrows the fields it needs (distinct fields, so a phase can change patients
/// while it writes the log).
#[derive(Debug, Clone, bevy_ecs::prelude::Resource)]
pub struct RunState {
    pub clock: Clock,
    pub key: RunKey,
    /// The same for every run of a scenario: shared with the run's template.
    pub index: std::sync::Arc<Index>,
    pub agreements: Agreements,
    pub hazard: HazardState,
    pub zones: Zones,
    pub crews: Crews,
    pub caseloads: Caseloads,
    pub agencies: Agencies,
    pub staff: Staff,
    pub patients: Patients,
    pub pending: PendingEvents,
    pub log: Log,
    pub scratch: Scratch,
}

/// Buffers the phases reuse from step to step, so that the step loop does not allocate. A
/// phase takes a buffer (`std::mem::take`), clears it, fills it, and puts it back; nothing in
/// them outlives the phase.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    /// Staff indices (an agency's own crew; free staff).
    pub staff: Vec<usize>,
    /// Staff indices (the crew sent from other agencies).
    pub crew: Vec<usize>,
    /// Per crew member: present this step.
    pub chosen: Vec<bool>,
    /// Members per rest-rotation team.
    pub team_sizes: Vec<u32>,
    /// Per rest-rotation team: resting this step.
    pub team_resting: Vec<bool>,
    /// Staff indices with a flag (free staff under the daily visit limit).
    pub flagged_staff: Vec<(usize, bool)>,
    /// Free staff as (not the contact role, crew position, staff index), for the calling
    /// team.
    pub free_staff: Vec<(bool, usize, usize)>,
    /// The safety-check queue: (not prioritized, class, list position).
    pub call_queue: Vec<(bool, crate::scenario::PriorityClass, usize)>,
    /// Places in a caseload.
    pub positions: Vec<usize>,
    /// Check and urgent power visit candidates: (what for, class, not prioritized, reserve,
    /// list position).
    pub visit_candidates: Vec<(VisitKind, crate::scenario::PriorityClass, bool, i64, usize)>,
    /// Places in a caseload of this step's check and urgent power visit candidates, in order.
    pub emitted: Vec<usize>,
    /// Places in a caseload taken from the care queue this step, to be put back.
    pub set_aside: Vec<usize>,
}

/// What a visit is for, in the order candidates are served (the visits phase).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum VisitKind {
    /// A patient nobody could reach by phone.
    Check,
    /// Power brought to a power-dependent patient whose reserve runs low.
    UrgentPower,
    /// An open care demand.
    Care,
}
#[cfg(test)]
mod layout_tests {
    use std::mem::{offset_of, size_of};

    use super::*;

    /// The per-step phases rely on these records' first cache lines holding what they read
    /// of every patient, staff member and stock item (the comments on the fields say which);
    /// a field added in the wrong place would make a city miss the cache again.
    #[test]
    fn what_every_step_reads_sits_in_the_first_cache_lines() {
        // Patients: the scans' line, the power-dependent patients' line, then the line of
        // those without power.
        assert_eq!(offset_of!(PatientState, location), 0);
        assert!(offset_of!(PatientState, has_phone) < 64);
        assert!(offset_of!(PatientState, class) < 64);
        assert!(offset_of!(PatientState, handover) + size_of::<Option<Handover>>() <= 64);
        assert_eq!(offset_of!(PatientState, power_site), 64);
        assert!(offset_of!(PatientState, held) < 128);
        assert_eq!(offset_of!(PatientState, devices), 128);
        assert!(offset_of!(PatientState, longest_depleted_hours) + 4 <= 192);
        // Staff: one line for staffing.
        assert!(offset_of!(StaffState, team) + size_of::<Option<u8>>() <= 64);
        assert!(offset_of!(StaffState, on_duty) < 64);
        assert!(offset_of!(StaffState, day_hours) + 8 <= 64);
        assert!(size_of::<StaffTasks>() <= 24);
        // Stocks: what the stocks phase and the totals read of an item, 24 bytes.
        assert!(size_of::<stocks::StockLevel>() <= 24);
    }
}
