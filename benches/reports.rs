//! Report benchmarks (criterion): `cargo bench --bench reports [FILTER]`.
//!
//! - `run_report/html`: the whole HTML report of a 30-day sample-station run (seven charts
//!   drawn and PNG-encoded, base64, the tables) from its read-back output directory;
//! - `run_report/chart/<id>`: each chart of that run as PNG alone;
//! - `batch_report/html`: the HTML report of a 200-run batch of the night scenario.

use std::hint::black_box;
use std::time::Duration;

use bcpsim_engine::batch::{BatchPlan, run_batch};
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};
use bcpsim_engine::{Lang, RunOptions, simulate};
use bcpsim_reports::charts::render_png;
use bcpsim_reports::files::batch_files;
use bcpsim_reports::read::read_report_dir;
use bcpsim_reports::report::{HtmlOptions, document, render_html};
use bcpsim_reports::{write_files_atomically, write_run_outputs};
use criterion::{Criterion, criterion_group, criterion_main};

/// The allocator of the `bcpsim` binary (`cli/main.rs`), so that the benches time what users
/// run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn reports(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let scenario = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
    let run_dir = tmp.path().join("run");
    let result = simulate(&scenario, 1, 0, RunOptions::FULL);
    write_run_outputs(&run_dir, &result, false).expect("run outputs written");
    let run = read_report_dir(&run_dir).expect("run dir reads back");
    let doc = document(&run, Lang::Ja);

    let mut group = c.benchmark_group("run_report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("html", |b| {
        b.iter(|| {
            let doc = document(black_box(&run), Lang::Ja);
            black_box(render_html(&doc, Lang::Ja, HtmlOptions::default()).expect("renders"))
        })
    });
    for (spec, _) in &doc.charts {
        group.bench_function(format!("chart/{}", spec.id()), |b| {
            b.iter(|| black_box(render_png(black_box(spec), Lang::Ja).expect("renders")))
        });
    }
    group.finish();

    let night = load_scenario(
        "sample-station-night.ron",
        include_str!("../scenarios/sample-station-night.ron"),
    )
    .expect("night scenario loads");
    let plan = BatchPlan {
        seed: 1,
        runs: 200,
        shard: None,
    };
    let data = run_batch(&night, &plan, &|| {});
    let batch_dir = tmp.path().join("batch");
    write_files_atomically(&batch_dir, &batch_files(&data), false).expect("batch written");
    let batch = read_report_dir(&batch_dir).expect("batch dir reads back");
    let mut group = c.benchmark_group("batch_report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("html", |b| {
        b.iter(|| {
            let doc = document(black_box(&batch), Lang::Ja);
            black_box(render_html(&doc, Lang::Ja, HtmlOptions::default()).expect("renders"))
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: criterion's plot code does not set up the bundled-font backend the
    // reports crate builds plotters with (as in benches/engine.rs).
    config = Criterion::default().without_plots();
    targets = reports
}
criterion_main!(benches);
