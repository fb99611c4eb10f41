#![doc = include_str!("../README.md")]
//!
//! # Running
//!
//! A run is [`simulate`]`(scenario, seed, run, options)`: a pure function. The crate does no
//! I/O beyond what it is handed: it reads a scenario from a string ([`load::load_scenario`])
//! and returns plain data ([`outcome::RunResult`]) for others to write.
//!
//! # Guarantees
//!
//! - **Same inputs, same outputs.** The same scenario, seed and run number give an identical
//!   [`outcome::RunResult`], whatever the thread count of the caller. The engine never reads
//!   the clock and never iterates a hash map: phases walk agencies, staff and patients by
//!   index in scenario order, so no draw or sum depends on anything else.
//! - **Independent random streams.** Every draw comes from a ChaCha8 stream keyed by (seed,
//!   run, purpose, stable id): a staff member's draws do not change when someone is added, and
//!   two plan variants given the same seed and run see the same lifeline outages and the same
//!   personal events (common random numbers).
//! - **Phase order.** Each step runs the phases of the model (`docs/model.md`) in a fixed
//!   order, one after the other on a single thread; each phase sees exactly the state the
//!   previous one left. Scheduled events due in a step are applied first, in hour order and,
//!   for equal hours, in file order.
//! - **Time.** Step `t` covers hours `[t·h, (t+1)·h)` after onset for a step length `h`; an
//!   event "at hour x" applies in the step that contains x.
//!
//! # Layout
//!
//! [`scenario`] is what a user writes; [`load`] reads and validates it; inside the crate, `build`
//! turns it into a run's `state` (dense vectors of agencies, staff and patients, held as the
//! one resource of a bevy_ecs world) and `phases` are the step's phases in order; [`outcome`]
//! is what a run produces.
//!
//! Around the run: [`variant`] (plan variants over a base scenario), [`batch`] (Monte Carlo
//! runs, exact statistics, paired comparison, shards), [`exercise`] and [`status`] (a tabletop
//! session stepping a [`Simulation`]), [`import`] (staff and patient sheets from Excel),
//! [`stockpile`] (the 004 §2-7 formulas), [`limits`] (what one run may hold), [`samples`] (the
//! embedded sample station and a generated region for benchmarks).
//!
//! Analyses over many runs: [`sensitivity`] (which doubted number decides the outcome: a
//! tornado and Sobol' indices) and [`search`] (the cheapest plan change that meets a target),
//! both evaluating jobs through [`evaluate`].

pub mod batch;
mod build;
pub mod evaluate;
pub mod exercise;
pub mod import;
pub mod lang;
pub mod limits;
pub mod load;
pub mod outcome;
mod phases;
mod prefetch;
mod rng;
mod rounding;
mod run;
pub mod samples;
pub mod scenario;
pub mod search;
pub mod sensitivity;
mod state;
pub mod status;
pub mod stockpile;
mod summarize;
mod travel;
pub mod variant;

pub use build::RunTemplate;
pub use lang::{Lang, Msg};
pub use run::{RunOptions, ScheduleError, Simulation, simulate};
