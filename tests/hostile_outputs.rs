//! Hostile and odd destinations and output files (issue: no hang, no panic, every error
//! located): `merge` of damaged, edited or foreign shards, `report` of output files that claim
//! absurd horizons or hours, `compare` of a variant of another base, absurd `--threads` and
//! `--runs`, `--out` naming a file. Each must exit 2 with a sentence naming the culprit and
//! write nothing; never a panic (exit 101) or an abort.

mod support;
use support::{bcpsim, repo, stderr};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn succeeded(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// Exit 2 with `needle` in the message.
fn refused(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
}

/// The sample scenario with `cars` cars written into `dir`, and its path.
fn sample_with_cars(dir: &Path, name: &str, cars: u32) -> PathBuf {
    let text = fs::read_to_string(repo("scenarios/sample-station.ron")).unwrap();
    let text = text.replacen("cars: 2,", &format!("cars: {cars},"), 1);
    assert!(text.contains(&format!("cars: {cars},")));
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn shard(scenario: &Path, k: u32, dir: &Path) {
    let spec = format!("{k}/2");
    let o = bcpsim(&[
        "batch",
        s(scenario),
        "--runs",
        "4",
        "--shard",
        &spec,
        "--out",
        s(dir),
        "--lang",
        "en",
    ]);
    succeeded(&o);
}

#[test]
fn merge_refuses_huge_shard_counts_edited_scenarios_and_damaged_bands() {
    let t = tempfile::tempdir().unwrap();
    let scenario = sample_with_cars(t.path(), "a.ron", 2);
    let (s0, s1) = (t.path().join("s0"), t.path().join("s1"));
    shard(&scenario, 0, &s0);
    shard(&scenario, 1, &s1);
    let out = t.path().join("merged");

    // A shard claiming 2^64 − 1 shards: refused without allocating by that count.
    let huge = t.path().join("huge");
    fs::create_dir(&huge).unwrap();
    for f in ["runs.csv", "batch.json"] {
        fs::copy(s0.join(f), huge.join(f)).unwrap();
    }
    let bands = fs::read_to_string(s0.join("bands.json")).unwrap();
    assert!(bands.contains("\"count\":2"));
    fs::write(
        huge.join("bands.json"),
        bands.replace("\"count\":2", "\"count\":18446744073709551615"),
    )
    .unwrap();
    let o = bcpsim(&["merge", s(&huge), s(&s1), "--out", s(&out), "--lang", "en"]);
    refused(&o, "huge");
    assert!(!out.exists(), "nothing written");

    // The same file name, edited content (one more car): not the same batch.
    let edited_dir = t.path().join("edited");
    fs::create_dir(&edited_dir).unwrap();
    let edited = sample_with_cars(&edited_dir, "a.ron", 3);
    let e1 = t.path().join("e1");
    shard(&edited, 1, &e1);
    let o = bcpsim(&["merge", s(&s0), s(&e1), "--out", s(&out), "--lang", "en"]);
    refused(&o, "not a shard of the same batch");
    assert!(!out.exists());

    // Histograms that do not count the shard's runs.
    let damaged = t.path().join("damaged");
    fs::create_dir(&damaged).unwrap();
    for f in ["runs.csv", "batch.json"] {
        fs::copy(s1.join(f), damaged.join(f)).unwrap();
    }
    let bands = fs::read_to_string(s1.join("bands.json")).unwrap();
    let first_count = bands.find("\"present\":[{").expect("present histograms") + 13;
    let mut cut = bands.clone();
    // `{"0":2,…}` → `{"0":9,…}`-like damage: change the first count digit after the key.
    let colon = first_count + cut[first_count..].find(':').unwrap() + 1;
    cut.replace_range(colon..colon + 1, "7");
    fs::write(damaged.join("bands.json"), cut).unwrap();
    let o = bcpsim(&[
        "merge",
        s(&s0),
        s(&damaged),
        "--out",
        s(&out),
        "--lang",
        "en",
    ]);
    refused(&o, "do not match the runs of shard 1/2");
    assert!(!out.exists());

    // The genuine shards still merge.
    let o = bcpsim(&["merge", s(&s0), s(&s1), "--out", s(&out), "--lang", "en"]);
    succeeded(&o);
    let batch = fs::read_to_string(out.join("batch.json")).unwrap();
    assert!(batch.contains("\"scenario_sha256\""), "{batch}");
}

#[test]
fn report_refuses_absurd_horizons_and_hours_at_once_and_reads_a_stopped_replay() {
    let t = tempfile::tempdir().unwrap();
    let scenario = sample_with_cars(t.path(), "a.ron", 2);

    // batch.json claiming 2^32 − 1 hours: named, not charted for minutes.
    let batch = t.path().join("batch");
    let o = bcpsim(&[
        "batch",
        s(&scenario),
        "--runs",
        "2",
        "--out",
        s(&batch),
        "--lang",
        "en",
    ]);
    succeeded(&o);
    let text = fs::read_to_string(batch.join("batch.json")).unwrap();
    assert!(text.contains("\"horizon_hours\": 720"));
    fs::write(
        batch.join("batch.json"),
        text.replacen("\"horizon_hours\": 720", "\"horizon_hours\": 4294967295", 1),
    )
    .unwrap();
    let o = bcpsim(&["report", s(&batch), "--lang", "en"]);
    refused(&o, "`horizon_hours` = 4294967295");
    assert!(!batch.join("report.html").exists());

    // One `hour` cell of 2^32 − 1 in a run's time series: the file and line are named.
    let run = t.path().join("run");
    let o = bcpsim(&["run", s(&scenario), "--out", s(&run), "--lang", "en"]);
    succeeded(&o);
    let ts = fs::read_to_string(run.join("timeseries.csv")).unwrap();
    let mut lines: Vec<String> = ts.lines().map(str::to_string).collect();
    // Line 5 is step 3 (one agency): `step,hour,…` → `3,4294967295,…`.
    let rest = lines[4]
        .split_once(',')
        .unwrap()
        .1
        .split_once(',')
        .unwrap()
        .1;
    lines[4] = format!("3,4294967295,{rest}");
    fs::write(run.join("timeseries.csv"), lines.join("\n") + "\n").unwrap();
    let o = bcpsim(&["report", s(&run), "--lang", "en"]);
    refused(&o, "timeseries.csv line 5");
    refused(&o, "`hour` = 4294967295, expected 3");

    // The shipped exercise session stops at hour 72 of 720: replay's output is a report's
    // input like any run's, and the report says where it stopped.
    let replayed = t.path().join("replayed");
    let o = bcpsim(&[
        "replay",
        s(&repo("scenarios/exercise-sample-session.jsonl")),
        "--out",
        s(&replayed),
        "--lang",
        "en",
    ]);
    succeeded(&o);
    let o = bcpsim(&["report", s(&replayed), "--lang", "en"]);
    succeeded(&o);
    let html = fs::read_to_string(replayed.join("report.html")).unwrap();
    assert!(html.contains("This run stopped at hour 72 after onset (of 720 hours)"));
}

#[test]
fn compare_refuses_a_variant_of_another_base() {
    let o = bcpsim(&[
        "compare",
        s(&repo("scenarios/region-kashiwa.ron")),
        s(&repo("scenarios/variants/power-stations-6.ron")),
        "--runs",
        "2",
        "--lang",
        "en",
    ]);
    refused(&o, "is not a plan variant living through the same disaster");
    refused(&o, "compare it with its own base");
    assert!(o.stdout.is_empty(), "nothing compared");
}

#[test]
fn absurd_thread_and_run_counts_are_refused_or_bounded() {
    let t = tempfile::tempdir().unwrap();
    let scenario = sample_with_cars(t.path(), "a.ron", 2);
    let o = bcpsim(&[
        "batch",
        s(&scenario),
        "--runs",
        "2",
        "--threads",
        "100000",
        "--lang",
        "en",
    ]);
    refused(&o, "--threads must be between 1 and 1024 (100000)");
    let o = bcpsim(&[
        "batch",
        s(&scenario),
        "--runs",
        "100000000000",
        "--lang",
        "en",
    ]);
    refused(&o, "--runs must be between 1 and 1000000");
    // Many more threads than runs: only as many workers as runs start.
    let o = bcpsim(&[
        "batch",
        s(&scenario),
        "--runs",
        "2",
        "--threads",
        "1024",
        "--lang",
        "en",
    ]);
    succeeded(&o);
}

#[test]
fn an_out_that_is_a_file_is_refused_before_any_work() {
    let t = tempfile::tempdir().unwrap();
    let scenario = sample_with_cars(t.path(), "a.ron", 2);
    let file = t.path().join("taken");
    fs::write(&file, "mine").unwrap();
    let session = repo("scenarios/exercise-sample-session.jsonl");
    let cases: [Vec<&str>; 5] = [
        vec!["run", s(&scenario), "--out", s(&file)],
        vec!["batch", s(&scenario), "--runs", "2", "--out", s(&file)],
        vec![
            "compare",
            s(&scenario),
            s(&scenario),
            "--runs",
            "2",
            "--out",
            s(&file),
        ],
        vec!["merge", s(t.path()), "--out", s(&file)],
        vec!["replay", s(&session), "--out", s(&file)],
    ];
    for mut args in cases {
        args.extend(["--lang", "en"]);
        let o = bcpsim(&args);
        refused(&o, "is a file, so it cannot be the output folder");
        assert_eq!(fs::read_to_string(&file).unwrap(), "mine", "{args:?}");
    }
    // A folder on the way that is a file.
    let below = file.join("sub");
    let o = bcpsim(&["run", s(&scenario), "--out", s(&below), "--lang", "en"]);
    refused(&o, "is a file");

    // report --charts into a file: refused, and the report itself is not written either.
    let run = t.path().join("run");
    let o = bcpsim(&["run", s(&scenario), "--out", s(&run), "--lang", "en"]);
    succeeded(&o);
    let o = bcpsim(&["report", s(&run), "--charts", s(&file), "--lang", "en"]);
    refused(&o, "is a file");
    assert!(!run.join("report.html").exists(), "all or nothing");
    // A target name taken by a folder: refused even with --force.
    fs::create_dir(run.join("report.html")).unwrap();
    let o = bcpsim(&["report", s(&run), "--force", "--lang", "en"]);
    refused(&o, "a folder has the name of the output file");
}

#[test]
fn a_scenario_too_large_for_one_run_is_refused_with_its_size() {
    let t = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(repo("scenarios/large-station.ron")).unwrap();
    // 100 000 generated patients and 100 000 generated staff, with the listed staff: over 200 000.
    let big = text.replacen("count: 170,", "count: 100000,", 1).replacen(
        "count: 22,",
        "count: 100000,",
        1,
    );
    let path = t.path().join("big.ron");
    fs::write(&path, big).unwrap();
    let o = bcpsim(&["validate", s(&path), "--lang", "en"]);
    refused(&o, "staff and patients in all (at most 200000)");
    // 60 000 patients × 720 steps = 4.3 × 10⁷ person-steps is within the limit; a year is not.
    let long = text.replacen("count: 170,", "count: 60000,", 1).replacen(
        "horizon_hours: 720",
        "horizon_hours: 8760",
        1,
    );
    fs::write(&path, long).unwrap();
    let o = bcpsim(&["validate", s(&path), "--lang", "en"]);
    refused(&o, "one run is too large");
}

#[test]
fn report_names_figures_no_run_writes_instead_of_charting_them() {
    // A comparison whose intervals claim ±10^308: the forest plot's axis would span more than
    // it can draw (it hung for minutes); the field is named instead.
    let t = tempfile::tempdir().unwrap();
    let cmp = t.path().join("cmp");
    let o = bcpsim(&[
        "compare",
        s(&repo("scenarios/sample-station.ron")),
        s(&repo("scenarios/variants/power-stations-6.ron")),
        "--runs",
        "2",
        "--out",
        s(&cmp),
        "--lang",
        "en",
    ]);
    succeeded(&o);
    let text = fs::read_to_string(cmp.join("compare.json")).unwrap();
    let changed = text.replacen("\"ci_high\": 0.0", "\"ci_high\": 1e308", 1);
    assert_ne!(text, changed);
    fs::write(cmp.join("compare.json"), changed).unwrap();
    let o = bcpsim(&["report", s(&cmp), "--lang", "en"]);
    refused(&o, ".ci_high` = 1e308 is beyond any figure a run writes");
    assert!(!cmp.join("report.html").exists());
}
