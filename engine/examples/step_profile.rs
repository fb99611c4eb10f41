//! Where a sample run's time goes, step by step: `cargo run --release -p bcpsim-engine
//! --example step_profile [RUNS]`. Each step of RUNS runs (batch options) is timed from outside
//! the engine, through `Simulation::step`, and the mean time of each step is printed as a table
//! of days (rows) by hours after the onset's hour (columns), then the share of the run spent in
//! each stretch of days. A quick look for deciding what to make faster (which steps cost most,
//! and the cost of a step where little happens); benchmarks are in `benches/` (criterion).

use std::time::Instant;

use bcpsim_engine::{RunOptions, Simulation};

fn main() {
    let runs: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let scenario = bcpsim_engine::load::load_scenario(
        "sample-station.ron",
        include_str!("../samples/sample-station.ron"),
    )
    .expect("the sample is valid");
    let steps = scenario.steps() as usize;
    let mut nanos = vec![0u128; steps];
    for run in 0..runs {
        let mut sim = Simulation::new(&scenario, 1, run, RunOptions::BATCH);
        for total in nanos.iter_mut() {
            let start = Instant::now();
            sim.step();
            *total += start.elapsed().as_nanos();
        }
        std::hint::black_box(sim.into_result());
    }
    let mean = |t: u128| t / u128::from(runs.max(1));
    let per_day = 24 / scenario.time.step_hours.max(1) as usize;
    println!(
        "mean ns a step, {runs} runs; rows: days after the onset, columns: steps after the onset's hour"
    );
    let days: Vec<&[u128]> = nanos.chunks(per_day.max(1)).collect();
    for (d, day) in days.iter().enumerate() {
        let row: Vec<String> = day.iter().map(|&t| format!("{:6}", mean(t))).collect();
        println!("day {d:2}: {}", row.join(""));
    }
    let run_total: u128 = nanos.iter().map(|&t| mean(t)).sum();
    println!("steps of a run: {} µs in all", run_total / 1000);
    for (from, to) in [(0, 1), (1, 9), (9, days.len())] {
        let part: u128 = days
            .get(from..to.min(days.len()))
            .unwrap_or(&[])
            .iter()
            .flat_map(|d| d.iter())
            .map(|&t| mean(t))
            .sum();
        let n = (to.min(days.len()).saturating_sub(from) * per_day).max(1) as u128;
        println!(
            "days {from}–{}: {:4.1} % of the steps' time, {} ns a step",
            to.saturating_sub(1),
            100.0 * part as f64 / run_total.max(1) as f64,
            part / n
        );
    }
}
