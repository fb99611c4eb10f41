//! Times runs of a generated region: `cargo run --release -p bcpsim-engine --example
//! time_region [AGENCIES] [PATIENTS_PER_AGENCY] [DAYS] [RUNS]` (RUNS runs, seeds 1, 2, …;
//! three by default). A quick look, and what docs/performance.md counts under cachegrind;
//! benchmarks are in `benches/` (criterion).

use std::time::Instant;

#[path = "shared/region_args.rs"]
mod region_args;

fn main() {
    let region = region_args::region_from_args(40, 100, 14);
    let runs: u64 = region_args::number_arg(4, 3);
    for seed in 1..=runs {
        let start = Instant::now();
        let r = bcpsim_engine::simulate(&region, seed, 0, bcpsim_engine::RunOptions::BATCH);
        println!(
            "seed {seed}: {:?}, {} patients, {} depleted",
            start.elapsed(),
            r.summary.region.safety_checks.patients,
            r.summary.region.critical.battery_depleted_patients
        );
    }
}
