//! Times building a run's world against running it, for the sample station:
//! `cargo run --release -p bcpsim-engine --example time_build [RUNS]`. A quick look; benchmarks
//! are in `benches/` (criterion).

use std::time::Instant;

use bcpsim_engine::{RunOptions, RunTemplate, Simulation, simulate};

fn main() {
    let runs: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(500);
    let scenario = bcpsim_engine::load::load_scenario(
        "sample-station.ron",
        include_str!("../samples/sample-station.ron"),
    )
    .expect("the sample is valid");
    let start = Instant::now();
    for run in 0..runs {
        // Simulation::new clones the scenario too; a second clone is timed apart.
        std::hint::black_box(Simulation::new(&scenario, 1, run, RunOptions::BATCH));
    }
    let built = start.elapsed();
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(scenario.clone());
    }
    let cloned = start.elapsed();
    let start = Instant::now();
    for run in 0..runs {
        std::hint::black_box(simulate(&scenario, 1, run, RunOptions::BATCH));
    }
    let ran = start.elapsed();
    // As a batch runs: one template, many runs.
    let template = RunTemplate::new(&scenario);
    let start = Instant::now();
    for run in 0..runs {
        std::hint::black_box(template.simulate(1, run, RunOptions::BATCH));
    }
    let templated = start.elapsed();
    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / runs as f64;
    println!(
        "per run: build {:.0} µs (besides the scenario clone of {:.0} µs), whole run {:.0} µs, \
         whole run from a template {:.0} µs",
        per(built) - per(cloned),
        per(cloned),
        per(ran),
        per(templated)
    );
}
