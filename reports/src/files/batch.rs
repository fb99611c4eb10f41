//! The files of a batch and a comparison.
//!
//! A batch directory holds `runs.csv` (one row per run, every metric of `summary.json`),
//! `bands.json` (the batch's identity and per-step histograms, from which bands are computed
//! and through which shards merge exactly) and `batch.json` (statistics and bands). A
//! comparison writes `compare.json`. Every file is a pure function of the batch's data, so a
//! merged set of shards writes exactly the bytes one machine would have. They are read back by
//! [`crate::read`].

use std::fmt::Write as _;

use bcpsim_engine::batch::{BATCH_FORMAT_VERSION, Bands, BatchData, BatchMeta, Paired};
use serde::{Deserialize, Serialize};

pub const RUNS_FILE: &str = "runs.csv";
pub const BANDS_FILE: &str = "bands.json";
pub const BATCH_FILE: &str = "batch.json";
pub const COMPARE_FILE: &str = "compare.json";
/// The files of a batch (or shard) directory, in the order they are written.
pub const BATCH_FILES: [&str; 3] = [RUNS_FILE, BANDS_FILE, BATCH_FILE];

/// `runs.csv`: `run` and every metric, one row per run. Numbers are written in Rust's
/// shortest round-trip form, so reading them back gives the same bits; an empty cell is null.
pub fn render_runs_csv(data: &BatchData) -> String {
    let mut out = String::from("run");
    for name in &data.metric_names {
        out.push(',');
        out.push_str(name);
    }
    out.push('\n');
    for row in &data.rows {
        let _ = write!(out, "{}", row.run);
        for v in row.values.iter() {
            out.push(',');
            if let Some(x) = v {
                // `{}` of f64 round-trips exactly; -0 is written as 0.
                let _ = write!(out, "{}", if x == 0.0 { 0.0 } else { x });
            }
        }
        out.push('\n');
    }
    out
}

/// `bands.json`: what a batch is and its per-step histograms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BandsFile {
    pub(crate) format_version: u32,
    pub(crate) meta: BatchMeta,
    pub(crate) bands: Bands,
}

pub fn render_bands_json(data: &BatchData) -> String {
    let file = BandsFile {
        format_version: BATCH_FORMAT_VERSION,
        meta: data.meta.clone(),
        bands: data.bands.clone(),
    };
    let mut s = serde_json::to_string(&file).unwrap_or_default();
    s.push('\n');
    s
}

/// `batch.json`: per metric statistics and per-step bands.
pub fn render_batch_json(data: &BatchData) -> String {
    let mut s = serde_json::to_string_pretty(&data.summarize()).unwrap_or_default();
    s.push('\n');
    s
}

/// The three files of a batch directory, ready for `write_files_atomically`.
pub fn batch_files(data: &BatchData) -> [(&'static str, String); 3] {
    [
        (RUNS_FILE, render_runs_csv(data)),
        (BANDS_FILE, render_bands_json(data)),
        (BATCH_FILE, render_batch_json(data)),
    ]
}

/// `compare.json`: the base, each variant, and every metric's paired comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareFile {
    pub format_version: u32,
    pub base: String,
    /// SHA-256 of the disaster side shared by the base and every variant
    /// (`Scenario::disaster_sha256`): what makes the runs pairs.
    pub disaster_sha256: String,
    pub seed: u64,
    pub runs: u64,
    pub variants: Vec<VariantComparison>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantComparison {
    pub variant: String,
    pub metrics: Vec<Paired>,
}

pub fn render_compare_json(file: &CompareFile) -> String {
    let mut s = serde_json::to_string_pretty(file).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use bcpsim_engine::batch::{RunRow, ScenarioProfile, Shard};
    use bcpsim_engine::scenario::Weekday;

    /// A batch of two runs with a null and a -0 (the fixture of the `runs.csv` tests).
    pub(crate) fn data() -> BatchData {
        BatchData {
            meta: BatchMeta {
                scenario: "s".into(),
                scenario_sha256: "0".repeat(64),
                seed: 1,
                runs: 2,
                shard: Some(Shard { index: 0, count: 1 }),
                horizon_hours: 24,
                step_hours: 1,
                normal_daily_staff: 9.0,
                patients: 100,
                profile: ScenarioProfile {
                    onset_weekday: Weekday::Mon,
                    onset_hour: 9,
                    agencies: 1,
                    class_a_patients: 5,
                    power_dependent_patients: 2,
                    plan_attendance: vec![0.03; 24],
                    plan_stock: vec![1.0; 24],
                    stocks: Default::default(),
                },
            },
            metric_names: vec![
                "critical.battery_depleted_patients".into(),
                "stocks.water_2l.stockout_hour".into(),
            ],
            rows: vec![
                RunRow {
                    run: 0,
                    values: vec![Some(3.0), None].into(),
                },
                RunRow {
                    run: 1,
                    values: vec![Some(0.1 + 0.2), Some(-0.0)].into(),
                },
            ],
            bands: Bands::default(),
        }
    }
}
