//! Running a scenario: build the world, step it through the horizon, collect the outcome.

use crate::build::{RunTemplate, build_world, world_of};
use crate::outcome::RunResult;
use crate::phases::run_step;
use crate::scenario::Scenario;
use crate::scenario::ScheduledEvent;
use crate::state::RunState;
use crate::summarize::summarize;
use bevy_ecs::prelude::World;

/// What to record besides the summary (batches skip the time series and events).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    pub record_timeseries: bool,
    pub record_events: bool,
    /// Region-wide totals per step (`RunResult::totals`), for batch bands.
    pub record_totals: bool,
    /// The summary's parts beyond the region's metrics: each agency's and zone's metrics and
    /// every power-dependent patient's battery margin. Off, those stay empty (a batch reads
    /// the region's metrics only).
    pub summary_details: bool,
}

impl RunOptions {
    pub const FULL: RunOptions = RunOptions {
        record_timeseries: true,
        record_events: true,
        record_totals: false,
        summary_details: true,
    };
    pub const SUMMARY_ONLY: RunOptions = RunOptions {
        record_timeseries: false,
        record_events: false,
        record_totals: false,
        summary_details: true,
    };
    /// The region's metrics alone: what sensitivity analyses and plan searches read.
    pub const METRICS_ONLY: RunOptions = RunOptions {
        record_timeseries: false,
        record_events: false,
        record_totals: false,
        summary_details: false,
    };
    /// What a batch needs: the region's metrics and the per-step totals.
    pub const BATCH: RunOptions = RunOptions {
        record_timeseries: false,
        record_events: false,
        record_totals: true,
        summary_details: false,
    };
}

/// Runs `scenario` once as run number `run` under `seed`. A pure function of its arguments:
/// the same inputs give the same result, byte for byte once written, on any machine thread
/// count. The scenario must have passed validation (`crate::load::load_scenario`).
pub fn simulate(scenario: &Scenario, seed: u64, run: u64, options: RunOptions) -> RunResult {
    RunTemplate::new(scenario).simulate(seed, run, options)
}

impl RunTemplate<'_> {
    /// [`simulate`] of the template's scenario: the same result, without working out again
    /// what every run shares (a batch makes one template and runs it many times).
    pub fn simulate(&self, seed: u64, run: u64, options: RunOptions) -> RunResult {
        // `Simulation` run to the end, without its own copy of the scenario.
        let scenario = self.scenario();
        let mut world = world_of(self, seed, run, options);
        let mut state = world.resource_mut::<RunState>();
        for step in 0..scenario.steps() {
            state.clock.set_step(step);
            run_step(&mut state);
        }
        let state = world
            .remove_resource::<RunState>()
            .expect("the run's state");
        into_result(state, scenario, seed, run, None)
    }
}

/// A run's result from its state: the summary (saying where the run stopped, if it did) and
/// the records kept.
fn into_result(
    mut state: RunState,
    scenario: &Scenario,
    seed: u64,
    run: u64,
    stopped_at_hour: Option<u32>,
) -> RunResult {
    crate::phases::settle_pending(&mut state);
    let mut summary = summarize(&state, scenario, seed, run);
    summary.stopped_at_hour = stopped_at_hour;
    let log = std::mem::take(&mut state.log);
    RunResult {
        summary,
        timeseries: log.timeseries,
        events: log.events,
        totals: log.totals,
        stock_items: log.stock_items,
    }
}

/// A run advanced step by step, so that effects (an exercise's injects, the room's decisions)
/// can be scheduled between steps. `simulate` is `Simulation::new` run to the end: a session
/// that schedules nothing gives exactly `simulate`'s result.
pub struct Simulation {
    scenario: Scenario,
    seed: u64,
    run: u64,
    /// Holds the run's state ([`RunState`]) as its one resource.
    world: World,
    /// Steps already run.
    done: u32,
}

/// Why an effect could not be scheduled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleError {
    /// The hour lies before the next step (hour given, next step's hour).
    InThePast(u32, u32),
}

impl Simulation {
    pub fn new(scenario: &Scenario, seed: u64, run: u64, options: RunOptions) -> Simulation {
        Simulation {
            scenario: scenario.clone(),
            seed,
            run,
            world: build_world(scenario, seed, run, options),
            done: 0,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Steps run so far.
    pub fn steps_done(&self) -> u32 {
        self.done
    }

    /// Hours after onset at the start of the next step (the time the room is at).
    pub fn hour(&self) -> u32 {
        self.done * self.scenario.time.step_hours.max(1)
    }

    pub fn is_finished(&self) -> bool {
        self.done >= self.scenario.steps()
    }

    /// Runs one step; false (and nothing happens) when the horizon is reached.
    pub fn step(&mut self) -> bool {
        if self.is_finished() {
            return false;
        }
        let mut state = self.world.resource_mut::<RunState>();
        state.clock.set_step(self.done);
        run_step(&mut state);
        self.done += 1;
        true
    }

    /// Runs steps until the next step starts at `hour` or later (or the horizon).
    pub fn run_until_hour(&mut self, hour: u32) {
        while self.hour() < hour && self.step() {}
    }

    pub fn run_to_end(&mut self) {
        while self.step() {}
    }

    /// Schedules `event` to apply in the step containing its hour, after any event already
    /// scheduled for the same hour. The hour must not lie before the next step.
    pub fn schedule_event(&mut self, event: ScheduledEvent) -> Result<(), ScheduleError> {
        let now = self.hour();
        if event.at_hour < now {
            return Err(ScheduleError::InThePast(event.at_hour, now));
        }
        let pending = &mut self.world.resource_mut::<RunState>().into_inner().pending;
        let next = pending.next;
        let at = next + pending.events[next..].partition_point(|e| e.at_hour <= event.at_hour);
        pending.events.insert(at, event);
        Ok(())
    }

    /// Holds (or releases) patient `id`'s deterioration from the next step on: while held and
    /// at home without power, the devices do not drain (an exercise facilitator's steering).
    /// False when no patient has that id.
    pub fn hold_patient(&mut self, id: &str, held: bool) -> bool {
        let state = self.world.resource_mut::<RunState>().into_inner();
        let patients = &mut state.patients;
        match patients.patient.iter().position(|p| p.id == id) {
            Some(i) => {
                patients.state[i].held = held;
                true
            }
            None => false,
        }
    }

    /// The time series recorded so far (empty unless the run records it).
    pub fn timeseries(&self) -> &crate::outcome::Timeseries {
        &self.world.resource::<RunState>().log.timeseries
    }

    /// What the room would see now: see [`crate::status::Status`].
    pub fn status(&self) -> crate::status::Status {
        crate::status::snapshot(self.world.resource::<RunState>(), self.hour())
    }

    /// The run's result so far: the summary of the steps run (over the whole horizon when
    /// finished), the records kept.
    pub fn result(&mut self) -> RunResult {
        let summary = self.summary();
        let log = &self.world.resource::<RunState>().log;
        RunResult {
            summary,
            timeseries: log.timeseries.clone(),
            events: log.events.clone(),
            totals: log.totals.clone(),
            stock_items: log.stock_items.clone(),
        }
    }

    /// The summary of the steps run, saying where the run stopped when it is not finished.
    fn summary(&mut self) -> crate::outcome::Summary {
        let state = self.world.resource_mut::<RunState>().into_inner();
        crate::phases::settle_pending(state);
        let mut summary = summarize(state, &self.scenario, self.seed, self.run);
        if !self.is_finished() {
            summary.stopped_at_hour = Some(self.hour());
        }
        summary
    }

    /// As [`Simulation::result`], consuming the simulation (no copy of the records).
    pub fn into_result(mut self) -> RunResult {
        let stopped_at_hour = (!self.is_finished()).then(|| self.hour());
        let state = self
            .world
            .remove_resource::<RunState>()
            .expect("the run's state");
        into_result(state, &self.scenario, self.seed, self.run, stopped_at_hour)
    }
}
