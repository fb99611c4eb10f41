//! Engine benchmarks (criterion): `cargo bench --bench engine [FILTER]`.
//!
//! - `sample_station/*`: one 30-day hourly run of the sample station, as a batch runs it
//!   (summary and per-step totals) and as `bcpsim run` does (time series and event log);
//!   `run_command` is the whole of `bcpsim run --out`'s work short of the disk: the scenario
//!   read and validated from its text, the run, and its three files rendered; `validate` the
//!   reading and checking alone;
//! - `batch_1000/threads_{1,2}`: what `bcpsim batch --runs 1000` does short of writing to disk
//!   (the runs, then runs.csv, bands.json and batch.json rendered), on one and on two threads
//!   (the ratio is the parallel speed-up);
//! - `large_region/*`: a generated region of 40 agencies, 600 staff and 4 000 patients over
//!   14 days, hourly: one run, and 100 runs on two threads;
//! - `city/*`: a city of 200 agencies × 75 patients (15 000 patients, 3 000 staff) over 30
//!   days, hourly: one run, and 20 runs on two threads;
//! - `scaling/*`: how time grows with runs, agencies (a city of 75 patients an agency over
//!   30 days, 10 to 320 agencies), patients and days (docs/performance.md).

use std::hint::black_box;
use std::time::Duration;

use bcpsim_engine::batch::{BatchPlan, run_batch};
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME, generated_region};
use bcpsim_engine::scenario::Scenario;
use bcpsim_engine::{RunOptions, RunTemplate, simulate};
use bcpsim_reports::files;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// The allocator of the `bcpsim` binary (`cli/main.rs`), so that the benches time what users
/// run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sample() -> Scenario {
    load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads")
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
}

fn batch(scenario: &Scenario, runs: u64, threads: usize) {
    let plan = BatchPlan {
        seed: 1,
        runs,
        shard: None,
    };
    black_box(pool(threads).install(|| run_batch(scenario, &plan, &|| {})));
}

/// What `bcpsim batch --out` does short of the disk: the runs, then the three files made side
/// by side on the batch's pool, as `write_files_atomically` makes them.
fn batch_with_files(scenario: &Scenario, runs: u64, threads: usize) {
    use rayon::prelude::*;
    let plan = BatchPlan {
        seed: 1,
        runs,
        shard: None,
    };
    let pool = pool(threads);
    let data = pool.install(|| run_batch(scenario, &plan, &|| {}));
    // Written into a sink: the bytes are made as for the disk, row by row.
    let files = bcpsim_reports::files::batch_files(&data);
    pool.install(|| {
        files.par_iter().for_each(|(_, content)| {
            let mut sink = std::io::sink();
            black_box(bcpsim_reports::files::Content::write_to(content, &mut sink)).ok();
        })
    });
}

fn sample_station(c: &mut Criterion) {
    let scenario = sample();
    let mut group = c.benchmark_group("sample_station");
    // A batch's run: from the template the batch makes once, with the batch's records.
    group.bench_function("batch_run", |b| {
        let template = RunTemplate::new(&scenario);
        let mut run = 0;
        b.iter(|| {
            run += 1;
            black_box(template.simulate(1, run, RunOptions::BATCH))
        })
    });
    // A single run (`bcpsim run`): template and run, every record kept.
    group.bench_function("full", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            black_box(simulate(&scenario, seed, 0, RunOptions::FULL))
        })
    });
    group.bench_function("run_command", |b| {
        b.iter(|| {
            let scenario = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("loads");
            let result = simulate(&scenario, 1, 0, RunOptions::FULL);
            black_box((
                files::render_summary_json(&result.summary),
                files::render_timeseries_csv(&result.timeseries),
                files::render_events_jsonl(&result.events),
            ))
        })
    });
    group.bench_function("validate", |b| {
        b.iter(|| black_box(load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("loads")))
    });
    group.finish();
}

fn batch_1000(c: &mut Criterion) {
    let scenario = sample();
    let mut group = c.benchmark_group("batch_1000");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for threads in [1, 2] {
        group.bench_function(format!("threads_{threads}"), |b| {
            b.iter(|| batch_with_files(&scenario, 1000, threads))
        });
    }
    group.finish();
}

fn large_region(c: &mut Criterion) {
    let region = generated_region(40, 100, 14);
    let mut group = c.benchmark_group("large_region");
    group.sample_size(10);
    group.bench_function("one_run", |b| {
        b.iter(|| black_box(simulate(&region, 1, 0, RunOptions::BATCH)))
    });
    group.measurement_time(Duration::from_secs(40));
    group.bench_function("runs_100_threads_2", |b| b.iter(|| batch(&region, 100, 2)));
    group.finish();
}

fn city(c: &mut Criterion) {
    let city = generated_region(200, 75, 30);
    let mut group = c.benchmark_group("city");
    group.sample_size(10);
    group.bench_function("one_run", |b| {
        b.iter(|| black_box(simulate(&city, 1, 0, RunOptions::BATCH)))
    });
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("runs_20_threads_2", |b| b.iter(|| batch(&city, 20, 2)));
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    let scenario = sample();
    for runs in [50u64, 100, 200] {
        group.bench_with_input(BenchmarkId::new("runs", runs), &runs, |b, &runs| {
            b.iter(|| batch(&scenario, runs, 1))
        });
    }
    for patients in [25u32, 50, 100] {
        let region = generated_region(10, patients, 14);
        group.bench_with_input(
            BenchmarkId::new("patients_per_agency_x10", patients),
            &region,
            |b, r| b.iter(|| black_box(simulate(r, 1, 0, RunOptions::BATCH))),
        );
    }
    // A city: 75 patients an agency, 30 days; time should double with the agencies.
    for agencies in [10usize, 20, 40, 80, 160, 320] {
        let region = generated_region(agencies, 75, 30);
        group.bench_with_input(
            BenchmarkId::new("agencies_75p_30d", agencies),
            &region,
            |b, r| b.iter(|| black_box(simulate(r, 1, 0, RunOptions::BATCH))),
        );
    }
    for days in [7u32, 14, 28] {
        let region = generated_region(10, 100, days);
        group.bench_with_input(BenchmarkId::new("days", days), &region, |b, r| {
            b.iter(|| black_box(simulate(r, 1, 0, RunOptions::BATCH)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: criterion draws them with plotters, which the reports crate builds with
    // a bundled-font backend that criterion's plot code does not set up.
    config = Criterion::default().without_plots();
    targets = sample_station, batch_1000, large_region, city, scaling
}
criterion_main!(benches);
