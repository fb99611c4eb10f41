//! Engine benchmarks (criterion). `cargo bench --bench engine`.
//!
//! - `sample_station/summary_only`: one 30-day hourly run of the sample station, as a batch
//!   would run it (no time series, no event log);
//! - `sample_station/full`: the same with the time series and event log that `bcpsim run` writes.

use std::hint::black_box;

use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};
use bcpsim_engine::{RunOptions, simulate};
use criterion::{Criterion, criterion_group, criterion_main};

fn sample_station(c: &mut Criterion) {
    let scenario = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
    let mut group = c.benchmark_group("sample_station");
    group.bench_function("summary_only", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            black_box(simulate(&scenario, seed, 0, RunOptions::SUMMARY_ONLY))
        })
    });
    group.bench_function("full", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            black_box(simulate(&scenario, seed, 0, RunOptions::FULL))
        })
    });
    group.finish();
}

criterion_group!(benches, sample_station);
criterion_main!(benches);
