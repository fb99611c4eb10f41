//! The phases of a step, in the order they run (MODEL.md "Behaviour in a step"). Each phase is
//! one bevy_ecs system; the schedule chains them so each reads the state the previous one
//! left, on one thread, in the same order every step:
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
//! Systems never rely on query iteration order: they walk entities through [`crate::state::Index`],
//! which keeps scenario order.

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

use bevy_ecs::prelude::IntoScheduleConfigs;

use crate::outcome::EventKind;
use crate::state::{Log, Patient, PatientState};
use bevy_ecs::schedule::{Schedule, ScheduleBuildSettings, SingleThreadedExecutor};

/// The schedule of one step. `shuffle_seed` shuffles the graph's node order before ordering
/// (a test uses it to show the chain leaves nothing to chance).
pub fn step_schedule(shuffle_seed: Option<u64>) -> Schedule {
    let mut schedule = Schedule::default();
    schedule.set_executor(SingleThreadedExecutor::new());
    #[cfg(feature = "shuffle-check")]
    schedule.set_build_settings(ScheduleBuildSettings {
        shuffle_seed,
        ..ScheduleBuildSettings::default()
    });
    #[cfg(not(feature = "shuffle-check"))]
    let _ = (shuffle_seed, ScheduleBuildSettings::default);
    schedule.add_systems(
        (
            events::apply_events,
            lifelines::update_lifelines,
            activation::apply_activation,
            staffing::update_staffing,
            operating_level::update_operating_level,
            safety_checks::make_calls,
            visits::make_visits,
            patients::update_patients,
            stocks::consume_stocks,
            mutual_aid::mutual_aid,
            mutual_aid::share_supplies,
            record::record_step,
        )
            .chain(),
    );
    schedule
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
    if !ps.known_to.contains(&a) {
        ps.known_to.push(a);
    }
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
