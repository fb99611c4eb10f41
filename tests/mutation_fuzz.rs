//! A fast, deterministic mutation fuzz of every input kind (issue 15): the shipped files (and
//! output files made from the sample station) with byte flips, deletions, insertions of
//! hostile tokens, duplicated lines, truncation, CR-only line ends, invalid UTF-8 and a BOM.
//!
//! Each case goes through the same harness as the cargo-fuzz targets (`fuzz/src/lib.rs`,
//! docs/fuzzing.md), in process: no panic (caught), every error located, and no case slower
//! than [`CASE_LIMIT`] of CPU time (a bound against hangs and quadratic paths, not a
//! benchmark). The
//! random source is seeded with a constant: the same cases every run. A failing input is
//! written to `target/mutation-fuzz/` to be turned into a regression test (docs/fuzzing.md).
//!
//! `BCPSIM_MUTATION_CASES=N` sets the cases per kind (the defaults are below, about 2 800 in all);
//! the last part of this file runs a smaller set through the real binary, which must exit 2,
//! never 101 (a panic).

mod support;

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use support::{bcpsim, repo, stderr};

/// The longest one case may take (the slowest seen is well under a tenth of it).
const CASE_LIMIT: Duration = Duration::from_secs(2);

/// Tokens that break parsers and arithmetic.
const TOKENS: &[&str] = &[
    "4294967295",
    "18446744073709551616",
    "-1",
    "-0",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "0",
    "\"\"",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "//",
    "/*",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{feff}",
    "\0",
    "訪問",
    "\u{3000}",
    ",,,,,,,,",
    "Some(",
    "None",
    "true",
    "#![enable(implicit_some)]",
    "{\"hour\":4294967295,\"command\":\"next 4294967295h\"}\n",
    "next 100000h",
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit(usize, u8),
    Delete(usize, usize),
    Insert(usize, usize),
    DuplicateLine(usize, usize),
    Truncate(usize),
    CrOnly,
    InvalidUtf8(usize, u8),
    Bom,
    LongRun(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        3 => (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        6 => (any::<usize>(), 0..TOKENS.len()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        2 => (any::<usize>(), 1usize..2000).prop_map(|(i, n)| Mutation::DuplicateLine(i, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => Just(Mutation::CrOnly),
        1 => (any::<usize>(), 0x80u8..=0xFF).prop_map(|(i, b)| Mutation::InvalidUtf8(i, b)),
        1 => Just(Mutation::Bom),
        1 => (any::<usize>(), 1usize..20_000).prop_map(|(i, n)| Mutation::LongRun(i, n)),
    ]
}

fn apply(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for m in mutations {
        let at = |i: usize, len: usize| i % (len + 1);
        match *m {
            Mutation::FlipBit(i, bit) if !b.is_empty() => {
                let n = b.len();
                b[i % n] ^= 1 << bit;
            }
            Mutation::FlipBit(..) => {}
            Mutation::Delete(i, n) => {
                let s = at(i, b.len());
                let e = (s + n).min(b.len());
                b.drain(s..e);
            }
            Mutation::Insert(i, t) => {
                let s = at(i, b.len());
                b.splice(s..s, TOKENS[t].bytes());
            }
            Mutation::DuplicateLine(i, times) => {
                let s = at(i, b.len());
                let start = b[..s]
                    .iter()
                    .rposition(|&c| c == b'\n')
                    .map_or(0, |p| p + 1);
                let end = b[s..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |p| s + p + 1);
                let line = b[start..end].to_vec();
                let mut line = line;
                if !line.ends_with(b"\n") {
                    line.push(b'\n');
                }
                let copies: Vec<u8> = line.repeat(times);
                b.splice(end..end, copies);
            }
            Mutation::Truncate(i) => {
                let s = at(i, b.len());
                b.truncate(s);
            }
            Mutation::CrOnly => {
                b = String::from_utf8_lossy(&b)
                    .replace("\r\n", "\r")
                    .replace('\n', "\r")
                    .into_bytes();
            }
            Mutation::InvalidUtf8(i, byte) => {
                let s = at(i, b.len());
                b.insert(s, byte);
            }
            Mutation::Bom => b.splice(0..0, "\u{feff}".bytes()).for_each(drop),
            Mutation::LongRun(i, n) => {
                let s = at(i, b.len());
                b.splice(s..s, std::iter::repeat_n(b'9', n));
            }
        }
    }
    b
}

fn cases(default: u32) -> u32 {
    std::env::var("BCPSIM_MUTATION_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `cases` mutated inputs from `seeds` through `target`; panics listing every failure.
fn fuzz(kind: &str, seeds: &[Vec<u8>], cases: u32, target: fn(&[u8]) -> Result<(), String>) {
    let config = Config {
        cases,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        ..Config::default()
    };
    // A constant seed per kind: the same inputs every run, on every machine.
    let mut key = [0u8; 32];
    for (k, b) in key.iter_mut().zip(kind.bytes().cycle()) {
        *k = b;
    }
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &key));
    let strategy = (0..seeds.len(), prop::collection::vec(mutation(), 1..5));
    // The harness's panics are caught and reported below, not printed one by one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    let mut slowest = Duration::ZERO;
    for case in 0..cases {
        let (seed, mutations) = strategy.new_tree(&mut runner).expect("a case").current();
        let input = apply(&seeds[seed], &mutations);
        let started = cpu_time();
        let outcome = catch_unwind(AssertUnwindSafe(|| target(&input)));
        let took = cpu_time().saturating_sub(started);
        slowest = slowest.max(took);
        if took > CASE_LIMIT / 4 {
            eprintln!("{kind}: case {case} (seed {seed}, {mutations:?}) took {took:?}");
        }
        let problem = match outcome {
            Ok(Ok(())) if took <= CASE_LIMIT => None,
            Ok(Ok(())) => Some(format!("took {took:?}")),
            Ok(Err(broken)) => Some(broken),
            Err(p) => Some(format!(
                "panicked: {}",
                p.downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| p.downcast_ref::<&str>().copied())
                    .unwrap_or("?")
            )),
        };
        if let Some(problem) = problem {
            let saved = save_failure(kind, case, &input);
            failures.push(format!(
                "case {case} (seed {seed}, {mutations:?}): {problem}\n    input: {}",
                saved.display()
            ));
        }
    }
    std::panic::set_hook(hook);
    eprintln!("{kind}: {cases} cases, slowest {slowest:?}");
    assert!(
        failures.is_empty(),
        "{kind}: {} of {cases} cases broke the contract:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Time this thread has spent on a CPU (Linux: /proc/thread-self/schedstat, in ns), so that
/// the bound holds on a machine busy with other builds; elsewhere, time since the first call.
fn cpu_time() -> Duration {
    if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat")
        && let Some(ns) = s.split_whitespace().next().and_then(|n| n.parse().ok())
    {
        return Duration::from_nanos(ns);
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

fn save_failure(kind: &str, case: u32, input: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mutation-fuzz");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{kind}-{case}"));
    let _ = std::fs::write(&path, input);
    path
}

fn shipped(dir: &str, ext: &str, keep: impl Fn(&str) -> bool) -> Vec<Vec<u8>> {
    let root = repo(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("shipped folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter(|p| keep(&std::fs::read_to_string(p).unwrap_or_default()))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("read seed"))
        .collect()
}

/// Scenarios small enough that a few hundred loads stay quick (the regions are kept: the
/// largest has about 4 000 people).
fn scenario_seeds() -> Vec<Vec<u8>> {
    shipped("scenarios", "ron", |t| {
        !bcpsim_engine::variant::is_variant_text(t)
    })
}

fn output_seeds(fixture: &harness::OutputFixture) -> Vec<Vec<u8>> {
    fixture
        .files
        .iter()
        .enumerate()
        .map(|(i, (_, text))| {
            let mut b = vec![i as u8];
            b.extend_from_slice(text.as_bytes());
            b
        })
        .collect()
}

#[test]
fn scenario_files() {
    fuzz("scenario", &scenario_seeds(), cases(500), harness::scenario);
}

#[test]
fn variant_files() {
    let seeds = shipped("scenarios/variants", "ron", |_| true);
    fuzz("variant", &seeds, cases(400), harness::variant);
}

/// The shipped sheets (both kinds: a staff sheet is a fine hostile patient sheet) and the
/// blank template of `kind`.
fn sheet_seeds(kind: bcpsim_engine::import::SheetKind) -> Vec<Vec<u8>> {
    let mut seeds = shipped("scenarios/rosters", "csv", |_| true);
    seeds.push(bcpsim_engine::import::template(kind));
    seeds
}

#[test]
fn staff_sheets() {
    let seeds = sheet_seeds(bcpsim_engine::import::SheetKind::Staff);
    fuzz("staff_sheet", &seeds, cases(400), harness::staff_sheet);
}

#[test]
fn patient_sheets() {
    let seeds = sheet_seeds(bcpsim_engine::import::SheetKind::Patients);
    fuzz("patient_sheet", &seeds, cases(400), harness::patient_sheet);
}

#[test]
fn inject_csv() {
    let s = bcpsim_engine::load::load_scenario("x", harness::EXERCISE_STATION).expect("valid");
    let csv = bcpsim_engine::exercise::timeline_csv::export(&s.exercise.unwrap_or_default());
    fuzz(
        "inject_csv",
        &[csv.into_bytes()],
        cases(400),
        harness::inject_csv,
    );
}

#[test]
fn session_files() {
    let seeds = shipped("scenarios", "jsonl", |_| true);
    fuzz("session", &seeds, cases(300), harness::session);
}

#[test]
fn run_output_files() {
    let seeds = output_seeds(harness::run_fixture());
    fuzz("run_outputs", &seeds, cases(150), harness::run_outputs_read);
}

#[test]
fn batch_output_files() {
    let seeds = output_seeds(harness::batch_fixture());
    fuzz(
        "batch_outputs",
        &seeds,
        cases(200),
        harness::batch_outputs_read,
    );
}

// ---- through the binary --------------------------------------------------------------

/// Invalid inputs given to the real commands: exit 2 with a located message, never a panic.
#[test]
fn invalid_inputs_through_the_binary_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = std::fs::read(repo("scenarios/sample-station.ron")).expect("sample");
    let session = std::fs::read(repo("scenarios/exercise-sample-session.jsonl")).expect("s");
    std::fs::copy(
        repo("scenarios/exercise-sample-station.ron"),
        dir.path().join("exercise-sample-station.ron"),
    )
    .expect("copy");
    let config = Config {
        cases: 1,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let strategy = prop::collection::vec(mutation(), 1..4);
    let mut failures = Vec::new();
    for case in 0..cases(20) {
        let mutations = strategy.new_tree(&mut runner).expect("case").current();
        for (kind, seed) in [("validate", &sample), ("replay", &session)] {
            let input = apply(seed, &mutations);
            let path = dir.path().join(match kind {
                "validate" => "case.ron",
                _ => "case.jsonl",
            });
            std::fs::write(&path, &input).expect("write case");
            let out = bcpsim(&[kind, &path.display().to_string(), "--lang", "en"]);
            let err = stderr(&out);
            let code = out.status.code();
            let ok = match code {
                Some(0) => true,
                Some(2) => kind == "replay" || err.contains("case.ron:"),
                _ => false,
            };
            if !ok {
                let saved = save_failure(&format!("bin-{kind}"), case, &input);
                failures.push(format!(
                    "{kind} case {case} ({mutations:?}): exit {code:?}\n{err}\n    input: {}",
                    saved.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The hand-made hostile cases of issue 15 that belong to the loader: each exits 2, located.
#[test]
fn hostile_loader_inputs_through_the_binary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = std::fs::read_to_string(repo("scenarios/sample-station.ron")).expect("s");
    let mut dup = sample.clone();
    let at = dup.find("            patients: (\n").expect("patients") + 25;
    let one = "                (id: \"dup\", class: C, home_km: 1.0, needs: [(category: MedicalCare, every_hours: 48)]),\n";
    dup.insert_str(
        at,
        &format!(
            "                members: [\n{}                ],\n",
            one.repeat(5000)
        ),
    );
    let sjis = shift_jis_bytes(&format!("// 訪問\n{sample}"));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "dup.ron",
            dup.into_bytes(),
            "and 4949 more problems not shown",
        ),
        ("sjis.ron", sjis, "Shift_JIS"),
        (
            "mac-bad.ron",
            sample
                .replace("horizon_hours: ", "horizon_hours: -")
                .replace('\n', "\r")
                .into_bytes(),
            "mac-bad.ron:",
        ),
        (
            "one-line.ron",
            format!("({}oops)", " ".repeat(100_000)).into_bytes(),
            "one-line.ron:1:",
        ),
    ];
    for (name, bytes, want) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let started = Instant::now();
        let out = bcpsim(&["validate", &path.display().to_string(), "--lang", "en"]);
        let took = started.elapsed();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(want), "{name}: {err}");
        assert!(
            err.lines().all(|l| l.chars().count() < 400),
            "{name}: a huge line"
        );
        assert!(took < Duration::from_secs(10), "{name}: {took:?}");
    }
}

/// `text` with 訪問 in Shift_JIS bytes (0x96 0x4B 0x96 0xE2) and other non-ASCII as `?`.
fn shift_jis_bytes(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.chars() {
        match c {
            '訪' => out.extend([0x96, 0x4B]),
            '問' => out.extend([0x96, 0xE2]),
            c if c.is_ascii() => out.push(c as u8),
            _ => out.push(b'?'),
        }
    }
    out
}

// ---- the output readers' bugs of issue 15 (items 1–3), kept as regression tests -----------

/// Runs `f` on its own thread and fails if it has not finished within `limit` (the thread is
/// left behind: the test process ends with the test).
fn within(limit: Duration, f: impl FnOnce() -> Result<(), String> + Send + 'static) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let r = catch_unwind(AssertUnwindSafe(f));
        let _ = tx.send(r);
    });
    match rx.recv_timeout(limit) {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(broken))) => panic!("{broken}"),
        Ok(Err(_)) => panic!("panicked"),
        Err(_) => panic!("did not finish within {limit:?}"),
    }
}

/// The batch fixture's file `name` edited by `edit`, as a batch_outputs input.
fn batch_case(name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let fixture = harness::batch_fixture();
    let i = fixture
        .files
        .iter()
        .position(|(n, _)| *n == name)
        .expect("file");
    let mut b = vec![i as u8];
    b.extend_from_slice(edit(&fixture.files[i].1).as_bytes());
    b
}

/// Item 1: a shard's bands.json claiming 2⁶⁴−1 shards makes `merge` allocate by that count
/// ("capacity overflow", exit 101).
#[test]
fn merge_of_a_shard_claiming_huge_count() {
    let input = batch_case("bands.json", |t| {
        t.replacen(
            "\"shard\":null",
            "\"shard\":{\"index\":0,\"count\":18446744073709551615}",
            1,
        )
    });
    assert!(input.windows(5).any(|w| w == b"18446"), "the edit applied");
    within(Duration::from_secs(10), move || {
        harness::batch_outputs_read(&input)
    });
}

/// Item 2: `horizon_hours: 4294967295` in batch.json makes the report's charts ask for a tick
/// label every 120 hours of it (minutes and gigabytes).
#[test]
fn report_of_a_batch_with_huge_horizon() {
    let input = batch_case("batch.json", |t| {
        t.replacen("\"horizon_hours\": 72", "\"horizon_hours\": 4294967295", 1)
    });
    assert!(
        input.windows(10).any(|w| w == b"4294967295"),
        "the edit applied"
    );
    within(Duration::from_secs(10), move || {
        harness::batch_outputs(&input)
    });
}

/// Item 3: `report` refuses the output of `replay` for a session that stopped before the
/// horizon (the shipped sample session): "timeseries.csv is truncated".
#[test]
fn report_reads_replay_output_of_the_sample_session() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let session = repo("scenarios/exercise-sample-session.jsonl");
    let out = out.display().to_string();
    let r = bcpsim(&["replay", &session.display().to_string(), "--out", &out]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let r = bcpsim(&["report", &out, "--format", "md"]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
}
