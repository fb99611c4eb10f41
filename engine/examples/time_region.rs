//! Times runs of a generated region: `cargo run --release -p bcpsim-engine --example
//! time_region [AGENCIES] [PATIENTS_PER_AGENCY] [DAYS]`. A quick look; benchmarks are in
//! `benches/` (criterion).

use std::time::Instant;

fn main() {
    let arg = |i: usize, default: u32| {
        std::env::args()
            .nth(i)
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let region =
        bcpsim_engine::samples::generated_region(arg(1, 40) as usize, arg(2, 100), arg(3, 14));
    for seed in 1..=3 {
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
