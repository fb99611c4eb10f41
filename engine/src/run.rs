//! Running a scenario: build the world, step it through the horizon, collect the outcome.

use crate::outcome::RunResult;
use crate::scenario::Scenario;

/// What to record besides the summary (batches skip the time series and events).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    pub record_timeseries: bool,
    pub record_events: bool,
}

impl RunOptions {
    pub const FULL: RunOptions = RunOptions {
        record_timeseries: true,
        record_events: true,
    };
    pub const SUMMARY_ONLY: RunOptions = RunOptions {
        record_timeseries: false,
        record_events: false,
    };
}

/// Runs `scenario` once. A pure function of its arguments: the same inputs give the same
/// result, byte for byte once written.
pub fn simulate(scenario: &Scenario, seed: u64, run: u64, options: RunOptions) -> RunResult {
    let _ = (scenario, seed, run, options);
    todo!("engine in progress")
}
