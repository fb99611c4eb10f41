//! Step-by-step runs (exercise mode's engine): stepping without decisions is `simulate`, and
//! a decision scheduled during the run has the same effect as the same event in the file.

use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};
use bcpsim_engine::scenario::{Effect, ScheduledEvent};
use bcpsim_engine::{RunOptions, ScheduleError, Simulation, simulate};

fn json<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_string(x).expect("serializes")
}

#[test]
fn stepping_without_decisions_is_simulate() {
    let scenario = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
    let mut sim = Simulation::new(&scenario, 4, 0, RunOptions::FULL);
    sim.run_until_hour(30);
    assert_eq!(sim.hour(), 30);
    sim.step();
    sim.run_to_end();
    assert!(!sim.step(), "no step after the horizon");
    assert_eq!(
        json(&sim.into_result()),
        json(&simulate(&scenario, 4, 0, RunOptions::FULL))
    );
}

#[test]
fn a_decision_during_the_run_equals_the_same_event_in_the_file() {
    let scenario = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
    let delivery = ScheduledEvent {
        at_hour: 40,
        note: "city water truck".into(),
        effect: Effect::Resupply {
            agency: "station".into(),
            item: "water_2l".into(),
            quantity: 20.0,
        },
    };
    let mut in_file = scenario.clone();
    // Last in the file: applied after any other event of hour 40, as a live decision is.
    in_file.events.push(delivery.clone());
    let mut sim = Simulation::new(&scenario, 2, 0, RunOptions::FULL);
    sim.run_until_hour(12);
    sim.schedule_event(delivery.clone())
        .expect("hour 40 is ahead");
    sim.run_to_end();
    let live = sim.into_result();
    assert_eq!(
        json(&live),
        json(&simulate(&in_file, 2, 0, RunOptions::FULL))
    );
    // And the delivery did change the run.
    assert_ne!(
        json(&live.summary),
        json(&simulate(&scenario, 2, 0, RunOptions::FULL).summary)
    );
}

#[test]
fn a_decision_in_the_past_is_refused() {
    let scenario = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
    let mut sim = Simulation::new(&scenario, 1, 0, RunOptions::SUMMARY_ONLY);
    sim.run_until_hour(10);
    let late = ScheduledEvent {
        at_hour: 9,
        note: String::new(),
        effect: Effect::ActivateBcp {
            agency: "station".into(),
        },
    };
    assert_eq!(
        sim.schedule_event(late),
        Err(ScheduleError::InThePast(9, 10))
    );
    let status = sim.status();
    assert_eq!(status.hour, 10);
    // Onset Wednesday 14:00 (the sample): hour 10 is Thursday 00:00.
    assert_eq!(status.clock_hour, 0);
    assert_eq!(status.agencies[0].id, "station");
    assert_eq!(status.agencies[0].patients, 100);
}

/// A batch's run summarizes the region only: the same region metrics as a full run of the same
/// seed, and no agency, zone or battery-margin parts (which it never reads).
#[test]
fn a_batch_run_summarizes_the_region_alone() {
    let region = bcpsim_engine::samples::generated_region(3, 20, 5);
    let full = simulate(&region, 6, 2, RunOptions::FULL).summary;
    let batch = simulate(&region, 6, 2, RunOptions::BATCH).summary;
    assert_eq!(json(&batch.region), json(&full.region));
    // The full run has what the batch run leaves out: 3 agencies, their zones, and margins.
    assert_eq!(full.agencies.len(), 3);
    assert!(!full.zones.is_empty() && !full.battery_margins.is_empty());
    assert!(batch.agencies.is_empty() && batch.zones.is_empty());
    assert!(batch.battery_margins.is_empty());
    // Analyses (sensitivity, search) read the same region metrics and nothing else either.
    let analysis = simulate(&region, 6, 2, RunOptions::METRICS_ONLY).summary;
    assert_eq!(json(&analysis), json(&batch));
}
