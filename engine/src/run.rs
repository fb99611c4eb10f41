//! Running a scenario: build the world, step it through the horizon, collect the outcome.

use crate::build::build_world;
use crate::outcome::RunResult;
use crate::phases::step_schedule;
use crate::scenario::Scenario;
use crate::state::{Clock, Log, RunKey};
use crate::summarize::summarize;

/// What to record besides the summary (batches skip the time series and events).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    pub record_timeseries: bool,
    pub record_events: bool,
    /// Region-wide totals per step (`RunResult::totals`), for batch bands.
    pub record_totals: bool,
}

impl RunOptions {
    pub const FULL: RunOptions = RunOptions {
        record_timeseries: true,
        record_events: true,
        record_totals: false,
    };
    pub const SUMMARY_ONLY: RunOptions = RunOptions {
        record_timeseries: false,
        record_events: false,
        record_totals: false,
    };
    /// What a batch needs: the summary and the per-step totals.
    pub const BATCH: RunOptions = RunOptions {
        record_timeseries: false,
        record_events: false,
        record_totals: true,
    };
}

/// Runs `scenario` once as run number `run` under `seed`. A pure function of its arguments:
/// the same inputs give the same result, byte for byte once written, on any machine thread
/// count. The scenario must have passed validation (`crate::load::load_scenario`).
pub fn simulate(scenario: &Scenario, seed: u64, run: u64, options: RunOptions) -> RunResult {
    simulate_with_schedule_shuffle(scenario, seed, run, options, None)
}

/// As [`simulate`], with the schedule's system order shuffled before ordering when
/// `shuffle_seed` is given (effective with the `shuffle-check` feature): the explicit chain
/// must make the result identical.
pub fn simulate_with_schedule_shuffle(
    scenario: &Scenario,
    seed: u64,
    run: u64,
    options: RunOptions,
    shuffle_seed: Option<u64>,
) -> RunResult {
    let mut world = build_world(scenario, seed, run, options);
    world.insert_resource(RunKey { seed, run });
    let mut schedule = step_schedule(shuffle_seed);
    let steps = scenario.steps();
    for step in 0..steps {
        world.resource_mut::<Clock>().step = step;
        schedule.run(&mut world);
    }
    let summary = summarize(&world, scenario, seed, run);
    let log = std::mem::take(&mut *world.resource_mut::<Log>());
    RunResult {
        summary,
        timeseries: log.rows,
        events: log.events,
        totals: log.totals,
        stock_items: log.stock_items,
    }
}
