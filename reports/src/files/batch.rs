//! The files of a batch and a comparison.
//!
//! A batch directory holds `runs.csv` (one row per run, every metric of `summary.json`),
//! `bands.json` (the batch's identity and per-step histograms, from which bands are computed
//! and through which shards merge exactly) and `batch.json` (statistics and bands). A
//! comparison writes `compare.json`. Every file is a pure function of the batch's data, so a
//! merged set of shards writes exactly the bytes one machine would have. They are read back by
//! [`crate::read`].

use std::fmt::Write as _;
use std::io::{self, Write as _};

use bcpsim_engine::batch::{BATCH_FORMAT_VERSION, Bands, BatchData, BatchMeta, Paired};
use serde::{Deserialize, Serialize};

use super::Content;

pub const RUNS_FILE: &str = "runs.csv";
pub const BANDS_FILE: &str = "bands.json";
pub const BATCH_FILE: &str = "batch.json";
pub const COMPARE_FILE: &str = "compare.json";
/// The files of a batch (or shard) directory, in the order they are written.
pub const BATCH_FILES: [&str; 3] = [RUNS_FILE, BANDS_FILE, BATCH_FILE];

/// `runs.csv`: `run` and every metric, one row per run. Numbers are written in Rust's
/// shortest round-trip form, so reading them back gives the same bits; an empty cell is null.
pub fn render_runs_csv(data: &BatchData) -> String {
    BatchContent::Runs(data).render()
}

/// Writes `runs.csv` row by row (see [`render_runs_csv`]).
fn write_runs_csv(data: &BatchData, out: &mut dyn io::Write) -> io::Result<()> {
    let mut line = String::from("run");
    for name in &data.metric_names {
        line.push(',');
        line.push_str(name);
    }
    line.push('\n');
    out.write_all(line.as_bytes())?;
    for row in &data.rows {
        line.clear();
        let _ = write!(line, "{}", row.run);
        for v in row.values.iter() {
            line.push(',');
            if let Some(x) = v {
                // `{}` of f64 round-trips exactly; -0 is written as 0.
                let _ = write!(line, "{}", if x == 0.0 { 0.0 } else { x });
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// `bands.json`: what a batch is and its per-step histograms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BandsFile {
    pub(crate) format_version: u32,
    pub(crate) meta: BatchMeta,
    pub(crate) bands: Bands,
}

/// [`BandsFile`] borrowed from the batch's data, for writing (the same fields in the same
/// order, so the same bytes).
#[derive(Serialize)]
struct BandsFileOf<'a> {
    format_version: u32,
    meta: &'a BatchMeta,
    bands: &'a Bands,
}

pub fn render_bands_json(data: &BatchData) -> String {
    BatchContent::Bands(data).render()
}

/// Writes `bands.json` (see [`render_bands_json`]).
fn write_bands_json(data: &BatchData, out: &mut dyn io::Write) -> io::Result<()> {
    let file = BandsFileOf {
        format_version: BATCH_FORMAT_VERSION,
        meta: &data.meta,
        bands: &data.bands,
    };
    // serde_json writes piece by piece: a buffer of a known type keeps each piece a copy
    // rather than a call through `dyn Write`.
    let mut buffered = io::BufWriter::new(out);
    serde_json::to_writer(&mut buffered, &file)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// `batch.json`: per metric statistics and per-step bands.
pub fn render_batch_json(data: &BatchData) -> String {
    let mut s = serde_json::to_string_pretty(&data.summarize()).unwrap_or_default();
    s.push('\n');
    s
}

/// One file of a batch directory: `runs.csv` and `bands.json` are written straight from the
/// batch's data (a 100 000-run batch's are 50 MB and 10 MB); `batch.json` is small.
#[derive(Debug, Clone, Copy)]
pub enum BatchContent<'a> {
    Runs(&'a BatchData),
    Bands(&'a BatchData),
    Statistics(&'a BatchData),
}

impl Content for BatchContent<'_> {
    fn write_to(&self, out: &mut dyn io::Write) -> io::Result<()> {
        match *self {
            BatchContent::Runs(data) => write_runs_csv(data, out),
            BatchContent::Bands(data) => write_bands_json(data, out),
            BatchContent::Statistics(data) => out.write_all(render_batch_json(data).as_bytes()),
        }
    }
}

impl BatchContent<'_> {
    /// The file's text, as written.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        // Writing into a vector cannot fail, and every piece written is UTF-8.
        let _ = self.write_to(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// The three files of a batch directory, ready for `write_files_atomically`.
pub fn batch_files(data: &BatchData) -> [(&'static str, BatchContent<'_>); 3] {
    [
        (RUNS_FILE, BatchContent::Runs(data)),
        (BANDS_FILE, BatchContent::Bands(data)),
        (BATCH_FILE, BatchContent::Statistics(data)),
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

    /// Each file written into a file's stream is, byte for byte, its rendered text: the
    /// fixture's null and -0, and a real batch's bands and statistics (3 runs of the sample
    /// station over 2 days).
    #[test]
    fn written_files_are_the_rendered_text() {
        use bcpsim_engine::batch::{BatchPlan, run_batch};
        use bcpsim_engine::load::load_scenario;
        use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};
        let mut scenario = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).unwrap();
        scenario.time.horizon_hours = 48;
        let plan = BatchPlan {
            seed: 3,
            runs: 3,
            shard: None,
        };
        let real = run_batch(&scenario, &plan, &|| {});
        assert!(
            !real.bands.present.is_empty(),
            "the batch has bands to write"
        );
        for d in [data(), real] {
            for (name, content) in batch_files(&d) {
                let mut written = Vec::new();
                content.write_to(&mut written).unwrap();
                let text = content.render();
                assert!(!text.is_empty(), "{name} has text");
                assert_eq!(String::from_utf8(written).unwrap(), text, "{name}");
            }
        }
        let runs = render_runs_csv(&data());
        // The fixture's rows, by hand: a null is an empty cell, -0 is written 0.
        assert_eq!(
            runs,
            "run,critical.battery_depleted_patients,stocks.water_2l.stockout_hour\n\
             0,3,\n\
             1,0.30000000000000004,0\n"
        );
    }
}
