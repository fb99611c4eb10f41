//! The phases of a step, in the order they run (docs/model.md "The step, in order"). A step is
//! [`run_step`] over the run's state ([`crate::state::RunState`], the one resource of the run's
//! bevy_ecs world): it calls the phases in this order, each over the whole region, so each
//! reads the state the previous one left, on one thread, every step alike:
//!
//! 1. [`events`]: scheduled events (and later injects and decisions) due this step;
//! 2. [`lifelines`]: each zone's lifelines, then dependencies (mobile network after base-station
//!    batteries, toilets after water, power and sewer) at every building;
//! 3. [`activation`]: the plan's activation and release rules;
//! 4. [`staffing`]: who is present (plan curve or roster and assembly rules) and who is on duty
//!    (fatigue limits);
//! 5. [`operating_level`]: which care categories run at this attendance;
//! 6. [`safety_checks`]: calls in priority order while phones and the network allow;
//! 7. [`visits`]: urgent power visits, check visits, then care visits by priority within
//!    the staff on duty;
//! 8. [`patients`]: device batteries, family standing in;
//! 9. [`stocks`]: consumption, stock-outs and refills;
//! 10. [`mutual_aid`]: under agreements, loans of staff start and end and patients are
//!     handed over to partners;
//! 11. [`record`]: the step's time-series rows.
//!
//! Phases walk agencies, staff and patients by index in scenario order (dense vectors in
//! [`crate::state`]), so draws and float sums never depend on anything but the scenario.

// Files carry the phase number so the folder lists them in step order.
#[path = "01_events.rs"]
pub mod events;
#[path = "02_lifelines.rs"]
pub mod lifelines;
#[path = "03_activation.rs"]
pub mod activation;
#[path = "04_staffing.rs"]
pub mod staffing;
#[path = "05_operating_level.rs"]
pub mod operating_level;
#[path = "06_safety_checks.rs"]
pub mod safety_checks;
#[path = "07_visits.rs"]
pub mod visits;
#[path = "08_patients.rs"]
pub mod patients;
#[path = "09_stocks.rs"]
pub mod stocks;
#[path = "10_mutual_aid.rs"]
pub mod mutual_aid;
#[path = "11_record.rs"]
pub mod record;

use crate::outcome::EventKind;
use crate::state::{Log, Patient, PatientState, RunState};

/// One step: the phases in the model's order, each over the whole region before the next
/// starts. The order is this function's code: nothing is left to a scheduler.
pub fn run_step(s: &mut RunState) {
    events::apply_events(s);
    lifelines::update_lifelines(s);
    activation::apply_activation(s);
    staffing::update_staffing(s);
    operating_level::update_operating_level(s);
    safety_checks::make_calls(s);
    visits::make_visits(s);
    patients::update_patients(s);
    stocks::consume_stocks(s);
    mutual_aid::mutual_aid(s);
    mutual_aid::share_supplies(s);
    record::record_step(s);
}

/// Brings up to date what quiet steps leave for later, before anything reads a run's records
/// (its summary, its batch totals): the duty hours of steady steps
/// ([`crate::state::PendingDuty`]) and the stocks of steps in which none changed
/// ([`crate::outcome::RunTotals::push_same_stocks`]).
pub fn settle_pending(s: &mut RunState) {
    staffing::count_pending_duty(s);
    s.log.totals.finish();
}

/// Records that agency `a` knows patient `p` is safe, by `how` (a call, a message, a visit,
/// an admission). True when this is the patient's first confirmation, which the caller credits
/// to the patient's own agency.
fn confirm(
    a: usize,
    agency_id: &str,
    p: &Patient,
    ps: &mut PatientState,
    hour: u32,
    how: &str,
    log: &mut Log,
) -> bool {
    ps.known_to.insert(a);
    if ps.confirmed_hour.is_some() {
        return false;
    }
    ps.confirmed_hour = Some(hour);
    log.event(
        hour,
        EventKind::PatientConfirmed,
        Some(agency_id),
        Some(&p.id),
        None,
        how,
    );
    true
}
