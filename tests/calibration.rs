//! The calibration against real disasters (docs/calibration.md) holds: each calibration
//! scenario, re-run with a small number of runs, gives a median inside the band written in the
//! doc's table. The table is the single source: a row names the scenario, the metric (a dotted
//! name of `runs.csv`, or `a / b` for a ratio of two) and the band; this test reads it.
//!
//! The bands are the 5–95 % ranges of the doc's 500-run batches; the median of
//! [`RUNS`] runs falls far inside them unless the model has moved.

mod support;

use bcpsim_engine::batch::metrics::flatten;
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::{Lang, RunOptions, simulate};
use rayon::prelude::*;
use support::repo;

/// Runs per scenario: enough for a stable median, few enough for a quick test.
const RUNS: u64 = 60;
/// The batch default, as in the doc's commands.
const SEED: u64 = 1;

/// One row of the doc's table.
struct Row {
    scenario: String,
    metric: String,
    band: (f64, f64),
}

fn rows() -> Vec<Row> {
    let doc =
        std::fs::read_to_string(repo("docs/calibration.md")).expect("docs/calibration.md reads");
    let mut out = Vec::new();
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | figure | scenario | metric | observed | median | 5–95 % | test band |
        if cells.len() < 9 || !cells[2].contains("scenarios/calibration/") {
            continue;
        }
        let unquote = |s: &str| s.trim_matches('`').to_string();
        let band = cells[7].trim_matches('`');
        let (lo, hi) = band
            .split_once('–')
            .unwrap_or_else(|| panic!("band {band:?}"));
        out.push(Row {
            scenario: unquote(cells[2]),
            metric: unquote(cells[3]),
            band: (
                lo.trim().parse().expect("band low"),
                hi.trim().parse().expect("band high"),
            ),
        });
    }
    out
}

fn value(metrics: &[(String, Option<f64>)], name: &str) -> f64 {
    let get = |n: &str| {
        metrics
            .iter()
            .find(|(k, _)| k == n.trim())
            .and_then(|(_, v)| *v)
            .unwrap_or_else(|| panic!("metric {n} missing"))
    };
    match name.split_once(" / ") {
        Some((a, b)) => get(a) / get(b),
        None => get(name),
    }
}

#[test]
fn calibration_scenarios_stay_in_their_bands() {
    let rows = rows();
    assert!(rows.len() >= 8, "the doc's table has {} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let text =
            std::fs::read_to_string(repo(&row.scenario)).expect("calibration scenario reads");
        let scenario = load_scenario(&row.scenario, &text)
            .unwrap_or_else(|e| panic!("{}", e.render(Lang::En, false)));
        let mut values: Vec<f64> = (0..RUNS)
            .into_par_iter()
            .map(|run| {
                let r = simulate(&scenario, SEED, run, RunOptions::SUMMARY_ONLY);
                value(&flatten(&r.summary), &row.metric)
            })
            .collect();
        values.sort_by(f64::total_cmp);
        let median = (values[(values.len() - 1) / 2] + values[values.len() / 2]) / 2.0;
        eprintln!(
            "{:<48} {:<60} median {median:.3} band {:.3}–{:.3}",
            row.scenario, row.metric, row.band.0, row.band.1
        );
        if !(row.band.0..=row.band.1).contains(&median) {
            failures.push(format!(
                "{} {}: median {median:.3} outside {:.3}–{:.3}",
                row.scenario, row.metric, row.band.0, row.band.1
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "calibration moved:\n{}",
        failures.join("\n")
    );
}
