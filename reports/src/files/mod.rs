//! Writing output files: the three of a run (documented field by field in `docs/outputs.md`),
//! those of a batch and a comparison ([`batch_files`], [`render_compare_json`]), and writing a
//! set of files all together or not at all. A run's files:
//!
//! - `summary.json`: the [`Summary`], pretty-printed;
//! - `timeseries.csv`: one row per step and agency ([`StepRow`]);
//! - `events.jsonl`: one [`EventRecord`] per line.
//!
//! Rendering is pure (`render_*` return `String`s, the same bytes for the same result);
//! [`write_run_outputs`] writes all three or none.

use std::fmt::{self, Write as _};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use bcpsim_engine::Lang;
use bcpsim_engine::outcome::{
    EventRecord, RunResult, StepRow, Summary, Timeseries, timeseries_columns,
};
use bcpsim_engine::scenario::Lifeline;

use crate::i18n;

mod batch;

pub(crate) use batch::BandsFile;
#[cfg(test)]
pub(crate) use batch::tests::data as batch_fixture;
pub use batch::{
    BANDS_FILE, BATCH_FILE, BATCH_FILES, BatchContent, COMPARE_FILE, CompareFile, RUNS_FILE,
    VariantComparison, batch_files, render_bands_json, render_batch_json, render_compare_json,
    render_runs_csv,
};

/// What goes into a file: bytes already made, or a renderer that writes straight into the
/// file, so that a large file (the `runs.csv` of a 100 000-run batch is 50 MB) is not held
/// in memory whole beside the data it is made from. Either writes the same bytes.
pub trait Content {
    fn write_to(&self, out: &mut dyn io::Write) -> io::Result<()>;
}

impl<T: AsRef<[u8]> + ?Sized> Content for T {
    fn write_to(&self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(self.as_ref())
    }
}

pub const SUMMARY_FILE: &str = "summary.json";
pub const TIMESERIES_FILE: &str = "timeseries.csv";
pub const EVENTS_FILE: &str = "events.jsonl";

/// The three file names, in the order they are written.
pub const OUTPUT_FILES: [&str; 3] = [SUMMARY_FILE, TIMESERIES_FILE, EVENTS_FILE];

/// Decimals of every floating-point column of `timeseries.csv`.
pub const CSV_DECIMALS: usize = 4;

/// `summary.json`: the summary as pretty JSON with a trailing newline.
pub fn render_summary_json(summary: &Summary) -> String {
    // The outcome types are plain data (strings, numbers, maps with string or integer keys):
    // serialising them cannot fail.
    let mut s = serde_json::to_string_pretty(summary).expect("summary serialises to JSON");
    s.push('\n');
    s
}

/// The header line of `timeseries.csv` (without the newline) for these stock items.
pub fn timeseries_header(stock_items: &[String]) -> String {
    let mut out = String::new();
    for (i, c) in timeseries_columns(stock_items).iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(&mut out, c);
    }
    out
}

/// `timeseries.csv`: a header, then one line per row. Integers are written as integers,
/// floats with [`CSV_DECIMALS`] decimals, booleans as `true`/`false`; a stock the row's agency
/// does not hold is an empty cell. Lines end in `\n`.
pub fn render_timeseries_csv(timeseries: &Timeseries) -> String {
    let mut out = timeseries_header(timeseries.items());
    out.push('\n');
    for (row, stocks) in timeseries.iter() {
        write_row(&mut out, row, stocks);
    }
    out
}

fn write_row(out: &mut String, r: &StepRow, stocks: &[Option<f64>]) {
    // Field by field without `write!`: a run's timeseries has tens of thousands of cells.
    for n in [r.step, r.hour, r.day, r.clock_hour] {
        push_int(out, n);
        out.push(',');
    }
    push_field(out, &r.agency);
    out.push(',');
    push_bool(out, r.bcp_active);
    out.push(',');
    push_float(out, r.plan_attendance);
    for n in [r.present, r.on_duty] {
        out.push(',');
        push_int(out, n);
    }
    out.push(',');
    push_float(out, r.attendance);
    out.push(',');
    push_int(out, r.permitted_categories);
    for l in Lifeline::ALL {
        out.push(',');
        push_float(out, r.lifelines[l.index()]);
    }
    for b in [r.mobile_network, r.toilets_usable] {
        out.push(',');
        push_bool(out, b);
    }
    for n in [
        r.calls,
        r.failed_calls,
        r.visits,
        r.urgent_visits,
        r.confirmed,
        r.class_a_unconfirmed,
        r.class_b_unconfirmed,
        r.class_c_unconfirmed,
        r.open_demands,
        r.depleted_patients,
    ] {
        out.push(',');
        push_int(out, n);
    }
    out.push(',');
    push_float(out, r.plan_stock);
    for q in stocks {
        out.push(',');
        if let Some(q) = q {
            push_float(out, *q);
        }
    }
    out.push('\n');
}

/// A whole number in decimal, as `{}` writes it.
fn push_int(out: &mut String, n: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// `true` or `false`, as `{}` writes a bool.
fn push_bool(out: &mut String, b: bool) {
    out.push_str(if b { "true" } else { "false" });
}

/// A float with fixed decimals; `-0` is written as `0`, and a value that is not finite (which
/// the engine never produces) as an empty cell.
#[cfg(test)]
fn float(x: f64) -> String {
    let mut s = String::new();
    push_float(&mut s, x);
    s
}

/// Appends `x` with [`CSV_DECIMALS`] decimals, byte for byte what `format!("{x:.4}")` writes
/// (the exact binary value rounded half to even), except that `-0.0000` is written `0.0000`
/// and a value that is not finite is nothing. Most values are written from the value scaled
/// to an integer; only where that cannot be sure of the rounding (a fraction within a
/// hair of a half, or a huge value) is the exact formatter used, which a run's thousands of
/// cells would otherwise spend most of `bcpsim run`'s rendering in.
fn push_float(out: &mut String, x: f64) {
    if !x.is_finite() {
        return;
    }
    const SCALE: f64 = 10_000.0; // 10^CSV_DECIMALS
    let scaled = x.abs() * SCALE;
    let rounded = scaled.round();
    // The product is within half an ulp of the exact scaled value (< 2^-52 relative), so a
    // fraction further than 1e-9 relative from one half rounds the same either way.
    let margin = (scaled - scaled.trunc() - 0.5).abs();
    if scaled < 1e15 && margin > 1e-9 * scaled.max(1.0) {
        let units = rounded as u64;
        if units != 0 && x < 0.0 {
            out.push('-');
        }
        let (whole, frac) = (units / 10_000, units % 10_000);
        push_int(out, whole);
        out.push('.');
        // The four decimals, leading zeros kept (as `{frac:04}`).
        for d in [frac / 1000, frac / 100 % 10, frac / 10 % 10, frac % 10] {
            out.push(char::from(b'0' + d as u8));
        }
        return;
    }
    let start = out.len();
    write!(out, "{x:.CSV_DECIMALS$}").expect("writing to a String cannot fail");
    // A tiny negative value rounds to "-0.0000".
    let written = &out.as_bytes()[start..];
    if written.first() == Some(&b'-') && written[1..].iter().all(|&b| b == b'0' || b == b'.') {
        out.remove(start);
    }
}

/// A CSV field, quoted only when it has to be (ids are validated to letters, digits, `-` and
/// `_`, so in practice never).
fn push_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// `events.jsonl`: one compact JSON object per event, each on its own line.
pub fn render_events_jsonl(events: &[EventRecord]) -> String {
    let mut out = Vec::new();
    for e in events {
        serde_json::to_writer(&mut out, e).expect("event serialises to JSON");
        out.push(b'\n');
    }
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Why the output files were not written. Every kind but `Io` is the user's choice of
/// destination (exit 2): it is found before anything is computed or written.
#[derive(Debug)]
pub enum OutputError {
    /// Some target files exist and overwriting was not asked for; nothing was written.
    Exists(Vec<PathBuf>),
    /// The output directory (or a folder on its way) is an existing file.
    NotADirectory(PathBuf),
    /// A target file's name is taken by a directory (even `--force` does not replace one).
    TargetIsDirectory(PathBuf),
    /// The directory cannot be written (permissions, a read-only disk).
    NotWritable { path: PathBuf, source: io::Error },
    /// Writing a file failed midway (disk full…). Files not yet renamed into place are
    /// removed; targets are never left half-written.
    Io { path: PathBuf, source: io::Error },
}

impl OutputError {
    /// True when the destination the user named is unusable (exit 2); false for a failure
    /// while writing.
    pub fn is_refusal(&self) -> bool {
        !matches!(self, OutputError::Io { .. })
    }

    /// The message for the user, with a hint.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OutputError::Exists(paths) => {
                let list = paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                format!(
                    "{}\n{}",
                    i18n::OUTPUT_EXISTS.fill(lang, &[&list]),
                    i18n::OUTPUT_EXISTS_HINT.get(lang)
                )
            }
            OutputError::NotADirectory(path) => {
                i18n::OUTPUT_NOT_A_DIRECTORY.fill(lang, &[&path.display()])
            }
            OutputError::TargetIsDirectory(path) => {
                i18n::OUTPUT_TARGET_IS_DIRECTORY.fill(lang, &[&path.display()])
            }
            OutputError::NotWritable { path, source } => {
                i18n::OUTPUT_NOT_WRITABLE.fill(lang, &[&path.display(), source])
            }
            OutputError::Io { path, source } => {
                i18n::OUTPUT_IO.fill(lang, &[&path.display(), source])
            }
        }
    }
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for OutputError {}

/// Those of `names` that already exist in `dir`, in the given order.
fn existing_files(dir: &Path, names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .map(|name| dir.join(name))
        .filter(|p| p.symlink_metadata().is_ok())
        .collect()
}

/// Checks, before any work, that `names` can be written into `dir`: `dir` is a directory or
/// can be created (no file on its way), it can be written, no target is a directory, and
/// unless `force` no target exists. Nothing is created or left behind.
pub fn check_destination(dir: &Path, names: &[&str], force: bool) -> Result<(), OutputError> {
    // The nearest existing folder on the way to `dir` must be a directory.
    let mut existing = Some(dir);
    while let Some(p) = existing {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        match p.metadata() {
            Ok(m) if m.is_dir() => {
                probe_writable(p)?;
                break;
            }
            Ok(_) => return Err(OutputError::NotADirectory(p.to_path_buf())),
            Err(_) => existing = p.parent(),
        }
    }
    let targets: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    if let Some(d) = targets.iter().find(|t| t.is_dir()) {
        return Err(OutputError::TargetIsDirectory(d.clone()));
    }
    if !force {
        let existing = existing_files(dir, names);
        if !existing.is_empty() {
            return Err(OutputError::Exists(existing));
        }
    }
    Ok(())
}

/// Creates and removes a probe file in `dir`, so an unwritable folder is refused before a
/// long run rather than after it.
fn probe_writable(dir: &Path) -> Result<(), OutputError> {
    let probe = dir.join(format!(".bcpsim-probe.{}.tmp", std::process::id()));
    match fs::File::create(&probe) {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            Ok(())
        }
        Err(source) => Err(OutputError::NotWritable {
            path: dir.to_path_buf(),
            source,
        }),
    }
}

/// Writes `summary.json`, `timeseries.csv` and `events.jsonl` into `dir` (created if missing)
/// and returns their paths, whole or not at all (see [`write_files_atomically`]).
pub fn write_run_outputs(
    dir: &Path,
    result: &RunResult,
    force: bool,
) -> Result<Vec<PathBuf>, OutputError> {
    let files = [
        (SUMMARY_FILE, render_summary_json(&result.summary)),
        (TIMESERIES_FILE, render_timeseries_csv(&result.timeseries)),
        (EVENTS_FILE, render_events_jsonl(&result.events)),
    ];
    write_files_atomically(dir, &files, force)
}

/// Writes each `(name, contents)` into `dir` (created if missing) and returns their paths.
///
/// Whole or not at all: the destination is checked first ([`check_destination`]: unless
/// `force`, any existing target is refused before anything is written). Each file is first
/// written and flushed to disk under a temporary name in `dir`; only when all are complete
/// are they renamed into place, so a reader never sees a half-written file and a failure
/// leaves no temporary files behind.
pub fn write_files_atomically<N: AsRef<str> + Sync, C: Content + Sync>(
    dir: &Path,
    files: &[(N, C)],
    force: bool,
) -> Result<Vec<PathBuf>, OutputError> {
    write_sets_atomically(&[(dir, files)], force)
}

/// As [`write_files_atomically`] for files in several directories at once (a report and its
/// charts): every destination is checked and every file staged before any is put in place.
pub fn write_sets_atomically<N: AsRef<str> + Sync, C: Content + Sync>(
    sets: &[(&Path, &[(N, C)])],
    force: bool,
) -> Result<Vec<PathBuf>, OutputError> {
    for (dir, files) in sets {
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_ref()).collect();
        check_destination(dir, &names, force)?;
    }
    for (dir, _) in sets {
        if let Err(source) = fs::create_dir_all(dir) {
            return Err(refusal_or_io(dir, source));
        }
    }
    // Each file is made and staged on its own task of the current rayon pool (a batch's
    // three files are independent; on one thread they are staged in turn).
    let jobs: Vec<(&Path, &str, &C)> = sets
        .iter()
        .flat_map(|(dir, files)| files.iter().map(move |(n, c)| (*dir, n.as_ref(), c)))
        .collect();
    let staged: Vec<Result<(PathBuf, PathBuf), OutputError>> = jobs
        .par_iter()
        .map(|&(dir, name, content)| {
            let target = dir.join(name);
            let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
            match write_synced(&temp, content) {
                Ok(()) => Ok((temp, target)),
                Err(source) => {
                    let _ = fs::remove_file(&temp);
                    Err(refusal_or_io(&target, source))
                }
            }
        })
        .collect();
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(staged.len());
    let mut failure = None;
    for result in staged {
        match result {
            Ok(pair) => temps.push(pair),
            // The first failure in file order is reported; every staged file is removed.
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
    }
    if let Some(e) = failure {
        remove_all(&temps);
        return Err(e);
    }

    let mut written = Vec::with_capacity(temps.len());
    for (i, (temp, target)) in temps.iter().enumerate() {
        if let Err(source) = fs::rename(temp, target) {
            remove_all(&temps[i..]);
            return Err(OutputError::Io {
                path: target.clone(),
                source,
            });
        }
        written.push(target.clone());
    }
    Ok(written)
}

/// A permission error is the destination's (exit 2); any other is a failed write.
fn refusal_or_io(path: &Path, source: io::Error) -> OutputError {
    if source.kind() == io::ErrorKind::PermissionDenied {
        OutputError::NotWritable {
            path: path.to_path_buf(),
            source,
        }
    } else {
        OutputError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

fn write_synced(path: &Path, content: &dyn Content) -> io::Result<()> {
    let mut out = io::BufWriter::new(fs::File::create(path)?);
    content.write_to(&mut out)?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .sync_all()
}

fn remove_all(temps: &[(PathBuf, PathBuf)]) {
    for (temp, _) in temps {
        let _ = fs::remove_file(temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;

    use bcpsim_engine::outcome::{
        EventKind, Metrics, OUTPUT_FORMAT_VERSION, StockSummary, Summary,
    };
    use bcpsim_engine::scenario::Weekday;

    fn row(step: u32, agency: &str) -> StepRow {
        StepRow {
            step,
            hour: step,
            day: step / 24,
            clock_hour: (14 + step) % 24,
            agency: agency.to_string(),
            bcp_active: step > 0,
            plan_attendance: 0.03,
            plan_stock: 0.95,
            present: 1,
            on_duty: 1,
            attendance: 1.0 / 9.0,
            permitted_categories: 1,
            lifelines: [0.0, 0.0, 0.0, 0.0, 0.5, 0.25, 0.5, 0.0, 1.0],
            mobile_network: true,
            toilets_usable: false,
            calls: 3,
            failed_calls: 1,
            visits: 0,
            urgent_visits: 0,
            confirmed: 2,
            class_a_unconfirmed: 1,
            class_b_unconfirmed: 2,
            class_c_unconfirmed: 0,
            open_demands: 4,
            depleted_patients: 0,
        }
    }

    /// Two steps of two agencies with different stock items (by place in the sorted items
    /// `fuel_l`, `meals`, `water_2l`).
    fn timeseries() -> Timeseries {
        let mut t = Timeseries::new(vec!["fuel_l".into(), "meals".into(), "water_2l".into()]);
        t.push(row(0, "station"), [(2, 41.0), (1, 81.0)]);
        t.push(row(0, "clinic"), [(0, 40.0)]);
        t.push(row(1, "station"), [(2, 40.625), (1, 80.0)]);
        t.push(row(1, "clinic"), [(0, 38.123_456)]);
        t
    }

    /// Two steps, two agencies with different stock items.
    fn result() -> RunResult {
        let mut region = Metrics::default();
        region.critical.battery_depleted_patients = 1;
        region.stocks.insert(
            "water_2l".into(),
            StockSummary {
                unit: "bottle".into(),
                initial: 41.0,
                final_quantity: 0.0,
                min_quantity: 0.0,
                stockout_hour: Some(50),
            },
        );
        let mut agencies = BTreeMap::new();
        agencies.insert("clinic".to_string(), Metrics::default());
        agencies.insert("station".to_string(), region.clone());
        RunResult {
            totals: Default::default(),
            stock_items: Vec::new(),
            summary: Summary {
                format_version: OUTPUT_FORMAT_VERSION,
                scenario: "test".into(),
                seed: 7,
                run: 0,
                stopped_at_hour: None,
                horizon_hours: 2,
                step_hours: 1,
                onset_weekday: Weekday::Mon,
                onset_hour: 14,
                region,
                agencies,
                zones: Default::default(),
                battery_margins: Vec::new(),
                event_count: Some(0),
            },
            timeseries: timeseries(),
            events: vec![
                EventRecord {
                    hour: 0,
                    kind: EventKind::BcpActivated,
                    agency: Some("station".into()),
                    subject: None,
                    value: None,
                    note: String::new(),
                },
                EventRecord {
                    hour: 1,
                    kind: EventKind::LifelineChanged,
                    agency: None,
                    subject: Some("z1/power".into()),
                    value: Some(0.5),
                    note: "partial".into(),
                },
            ],
        }
    }

    const HEADER: &str = "step,hour,day,clock_hour,agency,bcp_active,plan_attendance,present,\
on_duty,attendance,permitted_categories,power,water,sewer,gas,telecom_voice,telecom_data,roads,\
rail,fuel,mobile_network,toilets_usable,calls,failed_calls,visits,urgent_visits,confirmed,\
class_a_unconfirmed,class_b_unconfirmed,class_c_unconfirmed,open_demands,depleted_patients,plan_stock,stock_fuel_l,stock_meals,stock_water_2l";

    #[test]
    fn csv_header_has_lifelines_and_union_of_stocks() {
        let csv = render_timeseries_csv(&result().timeseries);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some(HEADER));
        assert_eq!(csv.lines().count(), 5);
        assert!(csv.ends_with('\n'));
    }

    #[test]
    fn csv_rows_are_fixed_format_with_empty_missing_stocks() {
        let csv = render_timeseries_csv(&result().timeseries);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[3],
            "1,1,0,15,station,true,0.0300,1,1,0.1111,1,\
0.0000,0.0000,0.0000,0.0000,0.5000,0.2500,0.5000,0.0000,1.0000,\
true,false,3,1,0,0,2,1,2,0,4,0,0.9500,,80.0000,40.6250"
        );
        assert!(lines[4].ends_with(",38.1235,,"), "{}", lines[4]);
        assert!(lines[2].starts_with("0,0,0,14,clinic,false,"));
        let columns = HEADER.split(',').count();
        for line in &lines {
            assert_eq!(line.split(',').count(), columns, "{line}");
        }
    }

    #[test]
    fn csv_of_no_rows_is_just_the_fixed_header() {
        // A region holding stock but with no step recorded: no stock columns either.
        let csv = render_timeseries_csv(&Timeseries::new(vec!["water_2l".into()]));
        assert_eq!(csv.lines().count(), 1);
        assert!(csv.trim_end().ends_with(",depleted_patients,plan_stock"));
    }

    #[test]
    fn floats_are_deterministic() {
        assert_eq!(float(-0.0), "0.0000");
        assert_eq!(float(-0.000_01), "0.0000");
        assert_eq!(float(2.0 / 3.0), "0.6667");
        assert_eq!(float(1234.5), "1234.5000");
        assert_eq!(float(f64::NAN), "");
    }

    /// The formatter as it was: `format!` with four decimals, `-0.0000` made `0.0000`.
    fn reference(x: f64) -> String {
        if !x.is_finite() {
            return String::new();
        }
        let x = if x == 0.0 { 0.0 } else { x };
        let s = format!("{x:.4}");
        match s.strip_prefix('-') {
            Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
            _ => s,
        }
    }

    /// The fast path writes what `format!` writes: at every tie of the fifth decimal
    /// (k / 20 000, where rounding half to even of the exact binary value decides), around
    /// them by an ulp, at thirds, at integers, tiny and huge values, and across random bit
    /// patterns.
    #[test]
    fn floats_are_written_as_the_exact_formatter_writes_them() {
        let mut values = vec![
            0.0, -0.0, 1e-300, -1e-300, 1e15, 1e20, -1e20, 0.00005, -0.00005,
        ];
        for k in -200_000i64..=200_000 {
            let x = k as f64 / 20_000.0;
            values.extend([x, f64::from_bits(x.to_bits() + 1), x / 3.0, k as f64 * 7.1]);
            if x != 0.0 {
                values.push(f64::from_bits(x.to_bits() - 1));
            }
        }
        let mut bits = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..400_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            // Random values at every scale from 1e-6 to 1e13.
            let mantissa = (bits >> 11) as f64 / (1u64 << 53) as f64;
            let exponent = (bits % 20) as i32 - 6;
            let sign = if bits & 1 == 0 { 1.0 } else { -1.0 };
            values.push(sign * mantissa * 10f64.powi(exponent));
        }
        for x in values {
            assert_eq!(float(x), reference(x), "{x:e} ({:#x})", x.to_bits());
        }
    }

    #[test]
    fn summary_json_is_pretty_flattened_with_newline() {
        let json = render_summary_json(&result().summary);
        assert!(json.ends_with("}\n"));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["format_version"], 1);
        assert_eq!(v["critical"]["battery_depleted_patients"], 1);
        assert_eq!(v["stocks"]["water_2l"]["stockout_hour"], 50);
        assert_eq!(
            v["agencies"]["clinic"]["safety_checks"]["class_a_all_confirmed_hour"],
            serde_json::Value::Null
        );
        assert!(json.contains("\n  \"scenario\": \"test\",\n"));
        assert_eq!(v["onset_weekday"], "Mon");
        assert_eq!(v["onset_hour"], 14);
        assert_eq!(v["staff"]["lowest_attendance"], 0.0);
        assert_eq!(
            v["agencies"]["station"]["staff"]["lowest_attendance_hour"],
            0
        );
    }

    #[test]
    fn events_are_one_object_per_line() {
        let jsonl = render_events_jsonl(&result().events);
        assert_eq!(
            jsonl,
            "{\"hour\":0,\"kind\":\"bcp_activated\",\"agency\":\"station\"}\n\
{\"hour\":1,\"kind\":\"lifeline_changed\",\"subject\":\"z1/power\",\"value\":0.5,\"note\":\"partial\"}\n"
        );
    }

    /// A fresh empty directory under the system's temporary directory.
    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("bcpsim-reports-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_three_files_and_no_temporaries() {
        let dir = temp_dir("write").join("nested/out");
        let r = result();
        let paths = write_run_outputs(&dir, &r, false).unwrap();
        assert_eq!(
            paths,
            OUTPUT_FILES.iter().map(|n| dir.join(n)).collect::<Vec<_>>()
        );
        assert_eq!(
            names(&dir),
            ["events.jsonl", "summary.json", "timeseries.csv"]
        );
        assert_eq!(
            fs::read_to_string(dir.join(TIMESERIES_FILE)).unwrap(),
            render_timeseries_csv(&r.timeseries)
        );
        assert_eq!(
            fs::read_to_string(dir.join(SUMMARY_FILE)).unwrap(),
            render_summary_json(&r.summary)
        );
        // Overwriting with force also leaves no temporaries.
        write_run_outputs(&dir, &r, true).unwrap();
        assert_eq!(
            names(&dir),
            ["events.jsonl", "summary.json", "timeseries.csv"]
        );
        fs::remove_dir_all(dir.parent().unwrap().parent().unwrap()).unwrap();
    }

    /// A file whose making fails halfway (a renderer's error, as a full disk gives).
    struct Failing;

    impl Content for Failing {
        fn write_to(&self, out: &mut dyn io::Write) -> io::Result<()> {
            out.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        }
    }

    /// Either the text or a failure, so one set can hold both.
    enum Made {
        Text(&'static str),
        Fails(Failing),
    }

    impl Content for Made {
        fn write_to(&self, out: &mut dyn io::Write) -> io::Result<()> {
            match self {
                Made::Text(t) => t.write_to(out),
                Made::Fails(f) => f.write_to(out),
            }
        }
    }

    #[test]
    fn a_file_failing_while_staged_leaves_nothing_behind() {
        // Three files staged side by side, the second failing: no file is put in place, no
        // temporary is left, and the error names the failing file.
        let dir = temp_dir("staging");
        let files = [
            ("a.txt", Made::Text("a")),
            ("b.txt", Made::Fails(Failing)),
            ("c.txt", Made::Text("c")),
        ];
        let err = write_files_atomically(&dir, &files, false).unwrap_err();
        assert!(
            matches!(&err, OutputError::Io { path, .. } if path == &dir.join("b.txt")),
            "{err:?}"
        );
        assert!(names(&dir).is_empty(), "{:?}", names(&dir));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_to_overwrite_and_writes_nothing() {
        let dir = temp_dir("refuse");
        fs::write(dir.join(TIMESERIES_FILE), "keep me").unwrap();
        let err = write_run_outputs(&dir, &result(), false).unwrap_err();
        assert!(err.is_refusal());
        match &err {
            OutputError::Exists(paths) => assert_eq!(paths, &[dir.join(TIMESERIES_FILE)]),
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.message(Lang::En).contains("--force"));
        assert!(err.message(Lang::Ja).contains("--force"));
        assert_eq!(
            fs::read_to_string(dir.join(TIMESERIES_FILE)).unwrap(),
            "keep me"
        );
        assert_eq!(names(&dir), ["timeseries.csv"]);

        // With force, all three are written.
        write_run_outputs(&dir, &result(), true).unwrap();
        assert_eq!(
            names(&dir),
            ["events.jsonl", "summary.json", "timeseries.csv"]
        );
        assert_ne!(
            fs::read_to_string(dir.join(TIMESERIES_FILE)).unwrap(),
            "keep me"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_target_taken_by_a_folder_is_refused_before_anything_is_written() {
        // A directory where summary.json should go would make its rename fail after the
        // temporaries were written: it is refused first, even with `force`.
        let dir = temp_dir("fail");
        fs::create_dir(dir.join(SUMMARY_FILE)).unwrap();
        fs::write(dir.join(SUMMARY_FILE).join("inside"), "x").unwrap();
        let err = write_run_outputs(&dir, &result(), true).unwrap_err();
        assert!(matches!(err, OutputError::TargetIsDirectory(_)), "{err}");
        assert!(err.is_refusal());
        assert_eq!(names(&dir), ["summary.json"]);
        // A file where the folder should be.
        let file = dir.join("file");
        fs::write(&file, "mine").unwrap();
        let err = write_run_outputs(&file.join("out"), &result(), false).unwrap_err();
        assert!(
            matches!(err, OutputError::NotADirectory(ref p) if *p == file),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
        fs::remove_dir_all(&dir).unwrap();
    }
}
