//! Reading a run's output directory back: `summary.json`, `timeseries.csv` and `events.jsonl`
//! as written by `bcpsim run --out DIR` (docs/outputs.md), for charts and the printable report.
//!
//! The read-side structs hold only what the report uses and ignore other keys, so a field added
//! to the output later does not break old readers; the format version is checked first and any
//! other version is refused. Every failure names the file and says what is wrong, in Japanese or
//! English ([`ReadError::message`]); nothing here panics on bad input.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use bcpsim_engine::batch::{BATCH_FORMAT_VERSION, BatchSummary};
use bcpsim_engine::outcome::OUTPUT_FORMAT_VERSION;
pub use bcpsim_engine::outcome::{BatteryMargin, Critical};
use bcpsim_engine::{Lang, limits};
use serde::Deserialize;

use crate::files::{
    BANDS_FILE, BATCH_FILE, BATCH_FILES, BandsFile, COMPARE_FILE, CompareFile, EVENTS_FILE,
    RUNS_FILE, SUMMARY_FILE, TIMESERIES_FILE,
};

mod csv;

use crate::i18n;
use bcpsim_engine::batch::BatchData;
pub use csv::{parse_runs_csv, parse_timeseries};

// --- summary.json ------------------------------------------------------------------------------

/// `summary.json` is read as the engine's own
/// [`Summary`](bcpsim_engine::outcome::Summary): the reader and the writer share one
/// description of the file.
pub use bcpsim_engine::outcome::Summary as RunSummary;

// --- timeseries.csv ----------------------------------------------------------------------------

/// One row of `timeseries.csv` (one step of one agency), the columns the report uses.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRow {
    pub hour: u32,
    pub agency: String,
    pub plan_attendance: f64,
    pub present: u32,
    pub attendance: f64,
    /// Levels 0–1 in `Lifeline::ALL` order, at the agency's zone.
    pub lifelines: [f64; 9],
    pub confirmed: u32,
    pub class_a_unconfirmed: u32,
    /// Classes B and C not yet confirmed; `None` in files written before these columns.
    pub class_b_unconfirmed: Option<u32>,
    pub class_c_unconfirmed: Option<u32>,
    pub depleted_patients: u32,
    /// The plan's assumed stock share at this hour; `None` in files written before it.
    pub plan_stock: Option<f64>,
    /// One entry per [`RunDir::stock_items`]; `None` where the agency does not hold the item.
    pub stocks: Vec<Option<f64>>,
}

// --- events.jsonl ------------------------------------------------------------------------------

/// One line of `events.jsonl`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Event {
    pub hour: u32,
    pub kind: String,
    #[serde(default)]
    pub agency: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A run's output directory, read and checked.
#[derive(Debug, Clone)]
pub struct RunDir {
    pub dir: PathBuf,
    pub summary: RunSummary,
    /// Stock item ids, in the order of the `stock_<item>` columns.
    pub stock_items: Vec<String>,
    pub rows: Vec<StepRow>,
    pub events: Vec<Event>,
}

/// Why a run directory could not be read; always names the file.
#[derive(Debug)]
pub struct ReadError {
    pub path: PathBuf,
    pub kind: ReadErrorKind,
}

#[derive(Debug)]
pub enum ReadErrorKind {
    /// The path is not a directory.
    NotADirectory,
    /// The directory holds none of the three output files.
    NotAnOutputDir,
    /// One of the output files is missing.
    Missing,
    /// Reading failed (permissions, not UTF-8…).
    Io(io::Error),
    /// The file ends in the middle of a line or is empty.
    Truncated,
    /// The content is not what `bcpsim run` writes; line number when known (1-based).
    Malformed { line: Option<usize>, detail: String },
    /// Another output format version (`expected` is the one this bcpsim reads).
    Version { found: String, expected: u32 },
}

impl ReadError {
    fn new(path: &Path, kind: ReadErrorKind) -> ReadError {
        ReadError {
            path: path.to_path_buf(),
            kind,
        }
    }

    fn malformed(path: &Path, line: Option<usize>, detail: impl Into<String>) -> ReadError {
        ReadError::new(
            path,
            ReadErrorKind::Malformed {
                line,
                detail: detail.into(),
            },
        )
    }

    /// The message for the user, naming the file.
    pub fn message(&self, lang: Lang) -> String {
        let p = self.path.display();
        match &self.kind {
            ReadErrorKind::NotADirectory => i18n::READ_NOT_A_DIRECTORY.fill(lang, &[&p]),
            ReadErrorKind::NotAnOutputDir => i18n::READ_NOT_AN_OUTPUT_DIR.fill(lang, &[&p]),
            ReadErrorKind::Missing => i18n::READ_MISSING.fill(lang, &[&p]),
            ReadErrorKind::Io(e) => i18n::READ_IO_ERROR.fill(lang, &[&p, e]),
            ReadErrorKind::Truncated => i18n::READ_TRUNCATED.fill(lang, &[&p]),
            ReadErrorKind::Malformed {
                line: Some(l),
                detail,
            } => i18n::READ_MALFORMED_LINE.fill(lang, &[&p, l, detail]),
            ReadErrorKind::Malformed { line: None, detail } => {
                i18n::READ_MALFORMED.fill(lang, &[&p, detail])
            }
            ReadErrorKind::Version { found, expected } => {
                i18n::READ_VERSION.fill(lang, &[&p, found, expected])
            }
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReadError {}

/// A batch directory (`bcpsim batch --out`), read through its `batch.json`.
#[derive(Debug, Clone)]
pub struct BatchDir {
    pub dir: PathBuf,
    pub summary: BatchSummary,
}

/// A comparison directory (`bcpsim compare --out`), read through its `compare.json`.
#[derive(Debug, Clone)]
pub struct CompareDir {
    pub dir: PathBuf,
    pub file: CompareFile,
}

/// What `bcpsim report` was given, told apart by the files in the directory.
#[derive(Debug, Clone)]
pub enum ReportInput {
    // Boxed: a run's and a batch's contents are far larger than a comparison's.
    Run(Box<RunDir>),
    Batch(Box<BatchDir>),
    Compare(CompareDir),
}

/// Reads a directory `bcpsim report` accepts: a comparison if it holds `compare.json`, a batch
/// if it holds `batch.json`, otherwise a run (summary.json, timeseries.csv, events.jsonl).
pub fn read_report_dir(dir: &Path) -> Result<ReportInput, ReadError> {
    if !dir.is_dir() {
        return Err(ReadError::new(dir, ReadErrorKind::NotADirectory));
    }
    let compare = dir.join(COMPARE_FILE);
    if compare.exists() {
        let file = parse_versioned(&compare, &read_text(&compare)?, BATCH_FORMAT_VERSION)?;
        return Ok(ReportInput::Compare(CompareDir {
            dir: dir.to_path_buf(),
            file,
        }));
    }
    let batch = dir.join(BATCH_FILE);
    // runs.csv or bands.json without batch.json: a batch directory that lost its summary.
    if batch.exists() || BATCH_FILES.iter().any(|f| dir.join(f).exists()) {
        if !batch.exists() {
            return Err(ReadError::new(&batch, ReadErrorKind::Missing));
        }
        let summary: BatchSummary =
            parse_versioned(&batch, &read_text(&batch)?, BATCH_FORMAT_VERSION)?;
        check_time_frame(&batch, summary.horizon_hours, summary.step_hours, None)?;
        check_band_hours(&batch, &summary)?;
        check_runs_csv(&dir.join(RUNS_FILE), summary.runs_included)?;
        return Ok(ReportInput::Batch(Box::new(BatchDir {
            dir: dir.to_path_buf(),
            summary,
        })));
    }
    read_run_dir(dir).map(|run| ReportInput::Run(Box::new(run)))
}

/// Reads a batch (or shard) directory's `runs.csv` and `bands.json` back into its data; a
/// failure is the one [`ReadError`] of every output directory, naming the file.
pub fn read_batch_dir(dir: &Path) -> Result<BatchData, ReadError> {
    let bands_path = dir.join(BANDS_FILE);
    let file: BandsFile =
        parse_versioned(&bands_path, &read_text(&bands_path)?, BATCH_FORMAT_VERSION)?;
    let runs_path = dir.join(RUNS_FILE);
    let (metric_names, rows) = parse_runs_csv(&runs_path, &read_text(&runs_path)?)?;
    Ok(BatchData {
        meta: file.meta,
        metric_names,
        rows,
        bands: file.bands,
    })
}

/// A batch's `runs.csv` must be there and hold one complete row per run of `batch.json`:
/// otherwise the directory is an unfinished copy or a batch cut off before it was written.
fn check_runs_csv(path: &Path, runs: u64) -> Result<(), ReadError> {
    if !path.exists() {
        return Err(ReadError::new(path, ReadErrorKind::Missing));
    }
    let text = read_text(path)?;
    if text.is_empty() || !text.ends_with('\n') {
        return Err(ReadError::new(path, ReadErrorKind::Truncated));
    }
    let (_, rows) = parse_runs_csv(path, &text)?;
    // Fewer rows: cut short. More rows: not what batch wrote for its runs.
    match (rows.len() as u64).cmp(&runs) {
        std::cmp::Ordering::Less => Err(ReadError::new(path, ReadErrorKind::Truncated)),
        std::cmp::Ordering::Greater => Err(ReadError::malformed(
            path,
            None,
            format!("{} runs, but {BATCH_FILE} says {runs}", rows.len()),
        )),
        std::cmp::Ordering::Equal => Ok(()),
    }
}

/// Reads and checks the three output files of a run in `dir`.
pub fn read_run_dir(dir: &Path) -> Result<RunDir, ReadError> {
    if !dir.is_dir() {
        return Err(ReadError::new(dir, ReadErrorKind::NotADirectory));
    }
    let paths = [SUMMARY_FILE, TIMESERIES_FILE, EVENTS_FILE].map(|n| dir.join(n));
    if paths.iter().all(|p| !p.exists()) {
        return Err(ReadError::new(dir, ReadErrorKind::NotAnOutputDir));
    }
    let [summary_path, ts_path, events_path] = paths;
    let summary = parse_summary(&summary_path, &read_text(&summary_path)?)?;
    check_time_frame(
        &summary_path,
        summary.horizon_hours,
        summary.step_hours,
        summary.stopped_at_hour,
    )?;
    let (stock_items, rows) = parse_timeseries(&ts_path, &read_text(&ts_path)?)?;
    let events = parse_events(&events_path, &read_text(&events_path)?)?;
    check_complete(&summary, &rows, &ts_path)?;
    check_events(&summary, &rows, &events, &events_path)?;
    Ok(RunDir {
        dir: dir.to_path_buf(),
        summary,
        stock_items,
        rows,
        events,
    })
}

/// The horizon and step a file claims must be ones a run can have ([`limits`]), and a stop
/// must lie within the horizon: a damaged or hostile file cannot make a chart or a check
/// walk through more hours than a run holds.
fn check_time_frame(
    path: &Path,
    horizon: u32,
    step: u32,
    stopped_at: Option<u32>,
) -> Result<(), ReadError> {
    let max = limits::MAX_HORIZON_HOURS;
    if horizon == 0 || horizon > max {
        return Err(ReadError::malformed(
            path,
            None,
            format!("`horizon_hours` = {horizon}; a run lasts 1 to {max} hours"),
        ));
    }
    if !limits::STEP_HOURS.contains(&step) {
        return Err(ReadError::malformed(
            path,
            None,
            format!("`step_hours` = {step}; a step divides 24 hours"),
        ));
    }
    if let Some(h) = stopped_at
        && h > horizon
    {
        return Err(ReadError::malformed(
            path,
            None,
            format!("`stopped_at_hour` = {h} is after `horizon_hours` = {horizon}"),
        ));
    }
    Ok(())
}

/// Every band of `batch.json` lies within the batch's horizon.
fn check_band_hours(path: &Path, b: &BatchSummary) -> Result<(), ReadError> {
    let bands = &b.bands;
    let all = bands
        .attendance
        .iter()
        .chain(&bands.safety_checks_confirmed_share)
        .chain(bands.stocks.values().flatten());
    for band in all {
        if band.hour > b.horizon_hours {
            return Err(ReadError::malformed(
                path,
                None,
                format!(
                    "a band at `hour` = {} is after `horizon_hours` = {}",
                    band.hour, b.horizon_hours
                ),
            ));
        }
    }
    Ok(())
}

/// A time series cut at a line boundary still parses: check it reaches the horizon (or the
/// hour the run stopped at) with one row per agency at every step, each at its step's hour.
/// The summary's time frame is checked first ([`check_time_frame`]).
fn check_complete(summary: &RunSummary, rows: &[StepRow], path: &Path) -> Result<(), ReadError> {
    let step = summary.step_hours;
    let end = summary.stopped_at_hour.unwrap_or(summary.horizon_hours);
    let steps = end.div_ceil(step) as usize;
    let agencies = summary.agencies.len().max(1);
    if rows.len() < steps * agencies {
        return Err(ReadError::new(path, ReadErrorKind::Truncated));
    }
    if rows.len() > steps * agencies {
        return Err(ReadError::malformed(
            path,
            None,
            format!(
                "{} rows, summary.json says {steps} steps × {agencies} agencies",
                rows.len()
            ),
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let want = (i / agencies) as u32 * step;
        if row.hour != want {
            return Err(ReadError::malformed(
                path,
                Some(i + 2),
                format!("`hour` = {}, expected {want}", row.hour),
            ));
        }
    }
    Ok(())
}

/// An event log cut at a line boundary still parses: it must hold the summary's count of
/// events, and (for files without the count) every patient confirmed in the time series has
/// its `patient_confirmed` event.
fn check_events(
    summary: &RunSummary,
    rows: &[StepRow],
    events: &[Event],
    path: &Path,
) -> Result<(), ReadError> {
    if let Some(n) = summary.event_count
        && (events.len() as u64) < n
    {
        return Err(ReadError::new(path, ReadErrorKind::Truncated));
    }
    let Some(last) = rows.last().map(|r| r.hour) else {
        return Ok(());
    };
    let confirmed: u64 = rows
        .iter()
        .filter(|r| r.hour == last)
        .map(|r| u64::from(r.confirmed))
        .sum();
    let logged = events
        .iter()
        .filter(|e| e.kind == "patient_confirmed")
        .count() as u64;
    if logged < confirmed {
        return Err(ReadError::new(path, ReadErrorKind::Truncated));
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String, ReadError> {
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|e| ReadError::new(path, ReadErrorKind::Io(io::Error::other(e)))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(ReadError::new(path, ReadErrorKind::Missing))
        }
        Err(e) => Err(ReadError::new(path, ReadErrorKind::Io(e))),
    }
}

/// Parses `summary.json`; the format version is checked before the rest.
pub fn parse_summary(path: &Path, text: &str) -> Result<RunSummary, ReadError> {
    parse_versioned(path, text, OUTPUT_FORMAT_VERSION)
}

/// Parses a JSON file whose `format_version` must be `expected` (checked before the rest).
fn parse_versioned<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    expected: u32,
) -> Result<T, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::new(path, ReadErrorKind::Truncated));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ReadError::new(path, ReadErrorKind::Truncated)
        } else {
            ReadError::malformed(path, Some(e.line()), e.to_string())
        }
    })?;
    match value.get("format_version") {
        Some(v) if v.as_u64() == Some(u64::from(expected)) => {}
        Some(v) => {
            return Err(ReadError::new(
                path,
                ReadErrorKind::Version {
                    found: v.to_string(),
                    expected,
                },
            ));
        }
        None => return Err(ReadError::malformed(path, None, "no format_version")),
    }
    if let Some((field, x)) = beyond_any_figure(&value, String::new()) {
        return Err(ReadError::malformed(
            path,
            None,
            format!("`{field}` = {x:e} is beyond any figure a run writes"),
        ));
    }
    serde_json::from_value(value).map_err(|e| ReadError::malformed(path, None, e.to_string()))
}

/// The largest magnitude of a number in an output file: patient-hours of the largest valid
/// scenario over a year are about 2 × 10⁹, yen figures far below 10¹⁵. A larger number is
/// damage, and would make a chart's axis span more than it can draw.
pub(crate) const MAX_FIGURE: f64 = 1e15;

/// The first number in `value` beyond [`MAX_FIGURE`], with its dotted path.
fn beyond_any_figure(value: &serde_json::Value, path: String) -> Option<(String, f64)> {
    use serde_json::Value;
    match value {
        Value::Number(n) => n
            .as_f64()
            .filter(|x| x.abs() > MAX_FIGURE)
            .map(|x| (path, x)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| beyond_any_figure(v, format!("{path}[{i}]"))),
        // A seed is any u64 the user chose, not a figure.
        Value::Object(map) => map.iter().filter(|(k, _)| *k != "seed").find_map(|(k, v)| {
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            beyond_any_figure(v, p)
        }),
        _ => None,
    }
}

/// Parses `events.jsonl` (one JSON object per line; an empty file is a run with no events).
pub fn parse_events(path: &Path, text: &str) -> Result<Vec<Event>, ReadError> {
    if !text.is_empty() && !text.ends_with('\n') {
        return Err(ReadError::new(path, ReadErrorKind::Truncated));
    }
    text.lines()
        .enumerate()
        .map(|(n, line)| {
            serde_json::from_str(line)
                .map_err(|e| ReadError::malformed(path, Some(n + 1), e.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TS: &str = "step,hour,day,clock_hour,agency,bcp_active,plan_attendance,present,\
on_duty,attendance,permitted_categories,power,water,sewer,gas,telecom_voice,telecom_data,roads,\
rail,fuel,mobile_network,toilets_usable,calls,failed_calls,visits,urgent_visits,confirmed,\
class_a_unconfirmed,open_demands,depleted_patients,stock_fuel,stock_water\n\
0,0,0,14,a,true,0.0300,1,1,0.1111,1,0.0000,0.0000,0.0000,0.0000,0.5000,0.2500,0.5000,0.0000,1.0000,true,false,3,1,0,0,2,1,4,0,,41.0000\n";

    #[test]
    fn timeseries_columns_by_name() {
        let (items, rows) = parse_timeseries(Path::new("t.csv"), TS).unwrap();
        assert_eq!(items, ["fuel", "water"]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].stocks, [None, Some(41.0)]);
        assert_eq!(rows[0].lifelines[4], 0.5);
        assert_eq!(rows[0].class_a_unconfirmed, 1);
        // A file from before the class B and C columns: still read, those classes unknown.
        assert_eq!(rows[0].class_b_unconfirmed, None);
        let with_classes = TS
            .replace(
                "class_a_unconfirmed,",
                "class_a_unconfirmed,class_b_unconfirmed,class_c_unconfirmed,",
            )
            .replace("0,0,2,1,4,0,,41", "0,0,2,1,5,6,4,0,,41");
        let (_, rows) = parse_timeseries(Path::new("t.csv"), &with_classes).unwrap();
        assert_eq!(
            (rows[0].class_b_unconfirmed, rows[0].class_c_unconfirmed),
            (Some(5), Some(6))
        );
    }

    #[test]
    fn truncated_and_bad_rows_name_file_and_line() {
        let cut = &TS[..TS.len() - 10];
        let e = parse_timeseries(Path::new("t.csv"), cut).unwrap_err();
        assert!(matches!(e.kind, ReadErrorKind::Truncated));
        assert!(e.message(Lang::Ja).contains("t.csv"));
        let bad = TS.replace(",0.1111,", ",x,");
        let e = parse_timeseries(Path::new("t.csv"), &bad).unwrap_err();
        assert!(e.message(Lang::En).contains("t.csv line 2"), "{e}");
    }

    #[test]
    fn summary_version_is_checked_first() {
        let e = parse_summary(Path::new("s.json"), "{\"format_version\": 99}").unwrap_err();
        assert!(matches!(e.kind, ReadErrorKind::Version { .. }));
        assert!(e.message(Lang::En).contains("version 99"), "{e}");
        let e = parse_summary(Path::new("s.json"), "{\"format_version\": 1, \"sce").unwrap_err();
        assert!(matches!(e.kind, ReadErrorKind::Truncated));
        let e = parse_summary(Path::new("s.json"), "{\"format_version\": 1}").unwrap_err();
        assert!(e.message(Lang::Ja).contains("s.json"));
    }

    #[test]
    fn events_need_whole_lines() {
        let ok = "{\"hour\":0,\"kind\":\"stockout\",\"agency\":\"a\",\"subject\":\"water\"}\n";
        assert_eq!(
            parse_events(Path::new("e"), ok).unwrap()[0].kind,
            "stockout"
        );
        assert!(parse_events(Path::new("e"), "").unwrap().is_empty());
        let e = parse_events(Path::new("e"), &ok[..20]).unwrap_err();
        assert!(matches!(e.kind, ReadErrorKind::Truncated));
    }
}
