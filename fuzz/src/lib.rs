//! What each fuzz target does with its input, and the contract it checks.
//!
//! Shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`, run with `cargo fuzz run NAME`,
//! docs/fuzzing.md) and by the deterministic mutation test of the normal suite
//! (`tests/mutation_fuzz.rs`, which includes this file), so that both hold the inputs to the
//! same promise:
//!
//! - no panic (a panic is the fuzzer's crash; the test catches it);
//! - invalid text input is refused with every problem located: a line and column (scenario,
//!   variant, session file), or a row or column (a sheet, the inject CSV), except for what
//!   concerns the whole file (its encoding, no header row at all);
//! - the printed snippet stays readable (no source line wider than the clipping allows);
//! - an output file that cannot be read is refused naming the file.
//!
//! Each function returns `Err(what broke)` when the input was handled without a panic but the
//! contract was not kept. Time is bounded by the callers (the test measures each case).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bcpsim_engine::Lang;
use bcpsim_engine::exercise::{read_session, rebuild, timeline_csv};
use bcpsim_engine::import::{ImportError, ImportOptions, import_patients, import_staff};
use bcpsim_engine::lang::display_width;
use bcpsim_engine::load::{LoadError, decode_source, load_scenario, warnings};
use bcpsim_engine::scenario::{Exercise, Scenario};
use bcpsim_engine::variant::{VariantError, load_variant};

/// The sample station, as the base every fuzzed variant names.
pub const SAMPLE_STATION: &str = include_str!("../../scenarios/sample-station.ron");
/// The exercise sample: the scenario fuzzed session files and inject timelines belong to.
pub const EXERCISE_STATION: &str = include_str!("../../scenarios/exercise-sample-station.ron");

/// Widest snippet line the renderer may print: 100 columns of source, the gutter (line
/// numbers up to 7 digits), ` | ` and an ellipsis at each end.
const MAX_SNIPPET_COLUMNS: usize = 100 + 7 + 3 + 2;

fn exercise_scenario() -> &'static Scenario {
    static S: OnceLock<Scenario> = OnceLock::new();
    S.get_or_init(|| {
        load_scenario("exercise-sample-station.ron", EXERCISE_STATION)
            .expect("the exercise sample is valid")
    })
}

/// A scenario file's bytes: decoded and loaded like `bcpsim validate` does.
pub fn scenario(data: &[u8]) -> Result<(), String> {
    let text = match decode_source("fuzz.ron", data) {
        Ok(t) => t,
        Err(e) => return located(&e),
    };
    match load_scenario("fuzz.ron", &text) {
        Ok(s) => {
            let _ = warnings(&text, &s);
            Ok(())
        }
        Err(e) => located(&e),
    }
}

/// A variant file's bytes, its base the sample station (any `base` is read as it).
pub fn variant(data: &[u8]) -> Result<(), String> {
    let text = match decode_source("fuzz-variant.ron", data) {
        Ok(t) => t,
        Err(e) => return located(&e),
    };
    // The shipped bases by file name; anything else reads as the sample station.
    let mut read_base = |base: &str| -> Result<(String, String), String> {
        let name = base.rsplit('/').next().unwrap_or(base);
        let text = match name {
            "region-kashiwa.ron" => include_str!("../../scenarios/region-kashiwa.ron"),
            "region-niigata.ron" => include_str!("../../scenarios/region-niigata.ron"),
            "missing.ron" => return Err(format!("{base} not found")),
            _ => SAMPLE_STATION,
        };
        Ok((name.to_string(), text.to_string()))
    };
    match load_variant("fuzz-variant.ron", &text, &mut read_base) {
        Ok(_) => Ok(()),
        Err(VariantError { files }) => {
            if files.is_empty() {
                return Err("a variant error with no file".into());
            }
            files.iter().try_for_each(located)
        }
    }
}

/// A staff sheet (表1) as Excel saves it.
pub fn staff_sheet(data: &[u8]) -> Result<(), String> {
    sheet_result(import_staff(data, &ImportOptions::default()).map(|_| ()))
}

/// A patient sheet (表2) as Excel saves it.
pub fn patient_sheet(data: &[u8]) -> Result<(), String> {
    sheet_result(import_patients(data, &ImportOptions::default()).map(|_| ()))
}

/// The inject timeline CSV: read, then spliced into the exercise sample and loaded, as
/// `bcpsim exercise import` does.
pub fn inject_csv(data: &[u8]) -> Result<(), String> {
    let text = match bcpsim_engine::import::encoding::decode(data, None) {
        Ok((t, _)) => t,
        Err(p) => return sheet_result(Err(ImportError::from(p))),
    };
    // The sample's onset, 14:00, for times written `N日目 H:MM`.
    let imported = match timeline_csv::import(&text, 14 * 60) {
        Ok(i) => i,
        Err(errors) => {
            if errors.is_empty() {
                return Err("an inject CSV error with no message".into());
            }
            for m in &errors {
                // Every problem names its row, except that the file is empty.
                let whole_file = m.en == "the CSV is empty";
                let row = m.en.starts_with("row ") && m.ja.contains('行');
                if !(whole_file || row) {
                    return Err(format!("inject CSV error without its row: {}", m.en));
                }
            }
            let _ = timeline_csv::render_errors("fuzz.csv", &errors, Lang::En);
            return Ok(());
        }
    };
    let old = exercise_scenario().exercise.clone().unwrap_or_default();
    let ex = Exercise {
        title: old.title,
        objectives: old.objectives,
        injects: imported.injects.clone(),
    };
    let new_text = timeline_csv::splice_exercise(EXERCISE_STATION, &ex);
    match load_scenario("fuzz-spliced.ron", &new_text) {
        Ok(_) => Ok(()),
        Err(e) => {
            // As the CLI reports them: a problem of an inject at the sheet's row.
            for d in &e.diagnostics {
                let about_an_inject = d
                    .path
                    .as_deref()
                    .is_some_and(|p| p.starts_with("exercise.injects["));
                if about_an_inject && imported.locate(d).is_none() {
                    return Err(format!(
                        "inject problem without its CSV row: {}",
                        d.message_en
                    ));
                }
                let _ = imported.problem(d);
            }
            located(&e)
        }
    }
}

/// A session file, replayed against the exercise sample (the header's hash is not checked:
/// the entries are what is fuzzed).
pub fn session(data: &[u8]) -> Result<(), String> {
    let text = match decode_source("fuzz.jsonl", data) {
        Ok(t) => t,
        Err(e) => return located(&e),
    };
    let sf = match read_session(&text) {
        Ok(sf) => sf,
        Err(m) => return line_named(&m.en, &m.ja),
    };
    // Each entry may step the session up to the horizon: keep one case short.
    let entries = &sf.entries[..sf.entries.len().min(64)];
    match rebuild(exercise_scenario(), sf.header.seed, entries) {
        Ok(s) => {
            let _ = bcpsim_engine::exercise::board::board(&s, Lang::En);
            Ok(())
        }
        Err(m) => line_named(&m.en, &m.ja),
    }
}

/// Output files of one kind of directory, replaced one at a time by fuzzed bytes.
pub struct OutputFixture {
    /// `(file name, valid contents)`.
    pub files: Vec<(&'static str, String)>,
}

/// The sample station over three days (smaller files: a case reads quicker).
fn short_sample() -> Scenario {
    let mut s = load_scenario("sample-station.ron", SAMPLE_STATION).expect("sample is valid");
    s.time.horizon_hours = 72;
    s
}

/// The three files of a run of the sample station (`bcpsim run --out`).
pub fn run_fixture() -> &'static OutputFixture {
    static F: OnceLock<OutputFixture> = OnceLock::new();
    F.get_or_init(|| {
        let s = short_sample();
        let r = bcpsim_engine::simulate(&s, 1, 0, bcpsim_engine::RunOptions::FULL);
        OutputFixture {
            files: vec![
                (
                    bcpsim_reports::SUMMARY_FILE,
                    bcpsim_reports::render_summary_json(&r.summary),
                ),
                (
                    bcpsim_reports::TIMESERIES_FILE,
                    bcpsim_reports::render_timeseries_csv(&r.timeseries),
                ),
                (
                    bcpsim_reports::EVENTS_FILE,
                    bcpsim_reports::render_events_jsonl(&r.events),
                ),
            ],
        }
    })
}

/// The files of a 3-run batch of the sample station (`bcpsim batch --out`), then the
/// `compare.json` of the sample against itself (`bcpsim compare --out`).
pub fn batch_fixture() -> &'static OutputFixture {
    static F: OnceLock<OutputFixture> = OnceLock::new();
    F.get_or_init(|| {
        use bcpsim_engine::batch::{BATCH_FORMAT_VERSION, BatchPlan, compare, run_batch};
        use bcpsim_reports::files::{
            CompareFile, VariantComparison, batch_files, render_compare_json,
        };
        let s = short_sample();
        let plan = BatchPlan {
            seed: 1,
            runs: 3,
            shard: None,
        };
        let data = run_batch(&s, &plan, &|| {});
        let mut files: Vec<(&'static str, String)> = batch_files(&data)
            .iter()
            .map(|(name, content)| (*name, content.render()))
            .collect();
        let cmp = CompareFile {
            format_version: BATCH_FORMAT_VERSION,
            base: s.name.clone(),
            disaster_sha256: s.disaster_sha256(),
            seed: 1,
            runs: 3,
            variants: vec![VariantComparison {
                variant: s.name.clone(),
                metrics: compare(&data, &data),
            }],
        };
        files.push((COMPARE_FILE, render_compare_json(&cmp)));
        OutputFixture { files }
    })
}

const COMPARE_FILE: &str = "compare.json";

/// A scratch folder for output files, one per process and thread.
fn scratch(kind: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "bcpsim-fuzz-{}-{:?}-{kind}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Writes the fixture into `dir` with file `pick` replaced by `bytes`.
fn lay_out(dir: &Path, fixture: &OutputFixture, pick: usize, bytes: &[u8], skip: &[&str]) {
    for (i, (name, text)) in fixture.files.iter().enumerate() {
        if skip.contains(name) {
            continue;
        }
        let body = if i == pick { bytes } else { text.as_bytes() };
        std::fs::write(dir.join(name), body).expect("write scratch file");
    }
}

/// Run outputs: the first byte picks the file (summary.json, timeseries.csv, events.jsonl) that
/// the rest replaces; the directory is read as `bcpsim report` reads it and, when accepted,
/// rendered as Markdown and HTML with its charts.
pub fn run_outputs(data: &[u8]) -> Result<(), String> {
    run_outputs_with(data, true)
}

/// [`run_outputs`] without the HTML report and its charts (the quick check of the test suite,
/// whose reports crate is not optimised).
pub fn run_outputs_read(data: &[u8]) -> Result<(), String> {
    run_outputs_with(data, false)
}

fn run_outputs_with(data: &[u8], html: bool) -> Result<(), String> {
    let Some((&pick, bytes)) = data.split_first() else {
        return Ok(());
    };
    let fixture = run_fixture();
    let pick = usize::from(pick) % fixture.files.len();
    let dir = scratch("run");
    lay_out(&dir, fixture, pick, bytes, &[]);
    let out = report_dir(&dir, html);
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// Batch outputs: the first byte picks the file (runs.csv, bands.json, batch.json, or
/// compare.json in a comparison's folder) that the rest replaces; the folder is read as
/// `bcpsim report` reads it (and rendered), and a batch's as `bcpsim merge` reads a shard.
pub fn batch_outputs(data: &[u8]) -> Result<(), String> {
    batch_outputs_with(data, true)
}

/// [`batch_outputs`] without the HTML report and its charts.
pub fn batch_outputs_read(data: &[u8]) -> Result<(), String> {
    batch_outputs_with(data, false)
}

fn batch_outputs_with(data: &[u8], html: bool) -> Result<(), String> {
    let Some((&pick, bytes)) = data.split_first() else {
        return Ok(());
    };
    let fixture = batch_fixture();
    let pick = usize::from(pick) % fixture.files.len();
    let dir = scratch("batch");
    let compare = fixture.files[pick].0 == COMPARE_FILE;
    if compare {
        // A comparison's folder holds compare.json alone.
        std::fs::write(dir.join(COMPARE_FILE), bytes).expect("write scratch file");
    } else {
        lay_out(&dir, fixture, pick, bytes, &[COMPARE_FILE]);
    }
    let mut out = report_dir(&dir, html);
    if !compare && out.is_ok() {
        out = match bcpsim_reports::read::read_batch_dir(&dir) {
            Ok(d) => match bcpsim_engine::batch::BatchData::merge(vec![d]) {
                Ok(m) => {
                    let _ = bcpsim_reports::tables::batch_text(&m, Lang::En);
                    Ok(())
                }
                Err(_) => Ok(()),
            },
            Err(e) if e.path.as_os_str().is_empty() => {
                Err(format!("merge read error names no file: {e:?}"))
            }
            Err(_) => Ok(()),
        };
    }
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn report_dir(dir: &Path, html: bool) -> Result<(), String> {
    use bcpsim_reports::read::read_report_dir;
    use bcpsim_reports::report::{HtmlOptions, document, render_html, render_markdown};
    match read_report_dir(dir) {
        Ok(input) => {
            let doc = document(&input, Lang::En);
            let _ = render_markdown(&doc, Lang::En);
            if html {
                let _ = render_html(&doc, Lang::Ja, HtmlOptions { embed_font: false });
            }
            Ok(())
        }
        Err(e) => {
            let msg = e.message(Lang::En);
            let named = e.path.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                msg.contains(n.as_ref())
            });
            if named {
                Ok(())
            } else {
                Err(format!("output read error does not name its file: {msg}"))
            }
        }
    }
}

/// Every diagnostic has a line and a column, and the rendering keeps source lines clipped.
fn located(e: &LoadError) -> Result<(), String> {
    if e.diagnostics.is_empty() {
        return Err(format!("{}: an error with no problem in it", e.file));
    }
    for d in &e.diagnostics {
        if d.line == 0 || d.column == 0 {
            return Err(format!(
                "{}: problem without a position ({}:{}): {}",
                e.file, d.line, d.column, d.message_en
            ));
        }
    }
    for lang in [Lang::Ja, Lang::En] {
        let text = e.render(lang, false);
        for l in text.lines() {
            let snippet = l.split_once(" | ").is_some_and(|(g, _)| {
                let g = g.trim();
                !g.is_empty() && g.chars().all(|c| c.is_ascii_digit())
            });
            if snippet && display_width(l) > MAX_SNIPPET_COLUMNS {
                return Err(format!(
                    "{}: a snippet line of {} columns",
                    e.file,
                    display_width(l)
                ));
            }
        }
    }
    Ok(())
}

/// Every problem of a sheet names its row or column, except those about the whole file.
fn sheet_result(r: Result<(), ImportError>) -> Result<(), String> {
    let Err(e) = r else {
        return Ok(());
    };
    if e.problems.is_empty() {
        return Err("a sheet error with no problem in it".into());
    }
    for p in &e.problems {
        let whole_file = matches!(p.code, "encoding" | "no-header");
        if p.row.is_none() && p.column.is_none() && !whole_file {
            return Err(format!(
                "sheet problem `{}` without row or column: {}",
                p.code, p.message_en
            ));
        }
    }
    let _ = e.render("fuzz.csv", Lang::Ja);
    Ok(())
}

/// A session file's message names its line (or says the file is empty).
fn line_named(en: &str, ja: &str) -> Result<(), String> {
    if (en.contains("line ") && ja.contains('行')) || en.contains("is empty") {
        Ok(())
    } else {
        Err(format!("session error without its line: {en}"))
    }
}
