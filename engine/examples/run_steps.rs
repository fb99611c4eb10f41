//! Runs 100 sample runs (batch options, seed 1) to step STEPS each: `cargo run --release -p
//! bcpsim-engine --example run_steps [STEPS]` (720, the whole month, by default). Counted under
//! `valgrind --tool=cachegrind --cache-sim=no` at 216 and at 720 steps, the difference ÷
//! (100 × 504) is the instructions of a step in days 9–29, where little happens: the floor of
//! a run's cost (docs/performance.md). A quick look; benchmarks are in `benches/` (criterion).

use bcpsim_engine::{RunOptions, Simulation};

fn main() {
    let steps: u32 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(720);
    let scenario = bcpsim_engine::load::load_scenario(
        "sample-station.ron",
        include_str!("../samples/sample-station.ron"),
    )
    .expect("the sample is valid");
    for run in 0..100 {
        let mut sim = Simulation::new(&scenario, 1, run, RunOptions::BATCH);
        for _ in 0..steps {
            sim.step();
        }
        std::hint::black_box(sim.into_result());
    }
}
