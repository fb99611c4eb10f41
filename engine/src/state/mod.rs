//! What the engine holds while a run goes on: ECS components (one entity per agency, staff
//! member and patient) and resources (the clock, zones, the index, the log). Built from a
//! validated scenario by `crate::build`; the scenario types a user writes stay in
//! `crate::scenario`.

mod agency;
mod clock;
mod index;
mod log;
mod patient;
mod staff;
mod zone;

pub use agency::{AgencyInfo, AgencyState, StepCounters, StockState, reaches};
pub use clock::{Clock, RunKey};
pub use index::{AgreementInForce, Agreements, Caseloads, Crews, Index, TakeoverTerms};
pub use log::{Log, PendingEvents};
pub use patient::{DeviceState, Location, NeedState, Patient, PatientState};
pub use staff::{Arrival, Exemption, Loan, StaffMember, StaffState};
pub use zone::{HazardState, ZoneState, Zones, served};
