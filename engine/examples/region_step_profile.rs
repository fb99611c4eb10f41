//! How the cost of an agency-step grows with the size of a city: `cargo run --release -p
//! bcpsim-engine --example region_step_profile [SIZES] [ROUNDS]`, SIZES agencies apart by
//! commas (`80,160,320` by default), 75 patients an agency over 30 days, ROUNDS rounds (2).
//!
//! Each round runs each size in turn, `320 ÷ size` runs of it (at least one), timing each
//! step from outside the engine (`Simulation::step`). It prints, per size, the time of building
//! a run and of its steps, and the mean time of an agency-step in days 9–29 (where little
//! happens) by hour after the onset, then over all those hours. Were a city's time linear in its
//! agencies, an agency-step would cost the same at every size. A quick look, for deciding what
//! to make faster; benchmarks are in `benches/` (criterion). Night and day steps of the quiet
//! days go through functions of their own ([`quiet_night_step`], [`quiet_day_step`]), for
//! counting them under callgrind.

use std::time::Instant;

use bcpsim_engine::{RunOptions, Simulation};

/// Steps a day: the generated region steps hourly, as the sample does.
const STEPS_A_DAY: usize = 24;
/// Days 9–29: the quiet part of the month.
const QUIET_FROM_DAY: usize = 9;
/// Night steps of the quiet days, by hour after the onset: 19:00–06:59 for the generated
/// region's 14:00 onset.
const NIGHT: std::ops::Range<usize> = 5..17;

/// One night step of the quiet days, apart so that a profiler can count these steps alone:
/// `valgrind --tool=callgrind --toggle-collect='region_step_profile::quiet_night_step' …`.
#[inline(never)]
fn quiet_night_step(sim: &mut Simulation) {
    sim.step();
}

/// One day step of the quiet days (the other hours), apart as [`quiet_night_step`] is: both
/// toggled count every quiet step.
#[inline(never)]
fn quiet_day_step(sim: &mut Simulation) {
    sim.step();
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sizes: Vec<usize> = args
        .get(1)
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![80, 160, 320]);
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2);
    let regions: Vec<_> = sizes
        .iter()
        .map(|&n| bcpsim_engine::samples::generated_region(n, 75, 30))
        .collect();
    for round in 1..=rounds {
        println!("round {round}");
        for (&agencies, region) in sizes.iter().zip(&regions) {
            let runs = (320 / agencies.max(1)).max(1);
            let (mut build, mut steps) = (0.0, 0.0);
            let mut by_hour = [0.0f64; STEPS_A_DAY];
            let quiet_days = (region.steps() as usize / STEPS_A_DAY).saturating_sub(QUIET_FROM_DAY);
            for run in 0..runs {
                let start = Instant::now();
                let mut sim = Simulation::new(region, 1, run as u64, RunOptions::BATCH);
                build += start.elapsed().as_secs_f64();
                for step in 0..region.steps() as usize {
                    let quiet = step / STEPS_A_DAY >= QUIET_FROM_DAY;
                    let start = Instant::now();
                    if quiet && NIGHT.contains(&(step % STEPS_A_DAY)) {
                        quiet_night_step(&mut sim);
                    } else if quiet {
                        quiet_day_step(&mut sim);
                    } else {
                        sim.step();
                    }
                    let took = start.elapsed().as_secs_f64();
                    steps += took;
                    if quiet {
                        by_hour[step % STEPS_A_DAY] += took;
                    }
                }
                std::hint::black_box(sim.into_result());
            }
            let per_run = 1e3 / runs as f64;
            // Nanoseconds an agency-step, over the runs and quiet days.
            let scale = 1e9 / (runs * quiet_days.max(1) * agencies.max(1)) as f64;
            let hours: Vec<String> = by_hour
                .iter()
                .map(|t| format!("{:.0}", t * scale))
                .collect();
            let mean = by_hour.iter().sum::<f64>() * scale / STEPS_A_DAY as f64;
            println!(
                "{agencies:4} agencies: build {:.1} ms, steps {:.1} ms a run; an agency-step in \
                 days {QUIET_FROM_DAY}+: {mean:.0} ns (by hour after the onset: {})",
                build * per_run,
                steps * per_run,
                hours.join(" ")
            );
        }
    }
}
