//! `bcpsim run` end to end: the terminal summary in both languages, the three output files and
//! what they hold, refusing to overwrite, and exit codes for bad scenarios.
//!
//! Run with `cargo test --test run_cli`.

mod support;
use support::stderr;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Output;

use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};
use bcpsim_engine::scenario::Scenario;
use serde_json::Value;
use tempfile::NamedTempFile;

/// Runs `bcpsim run` with `args`.
fn run(args: &[&str]) -> Output {
    support::bcpsim(&[&["run"], args].concat())
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn sample() -> Scenario {
    load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads")
}

/// The file names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The bytes of every file in `dir`, by name.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    names(dir)
        .into_iter()
        .map(|n| {
            let bytes = fs::read(dir.join(&n)).expect("read output");
            (n, bytes)
        })
        .collect()
}

const OUTPUTS: [&str; 3] = ["events.jsonl", "summary.json", "timeseries.csv"];

/// Japanese section titles of the summary, as printed.
const JA_SECTIONS: [&str; 6] = [
    "■ 重大事象",
    "■ 安否確認",
    "■ 訪問",
    "■ 備蓄の在庫切れ",
    "■ 出勤率",
    "■ 事業継続計画 (BCP) と職員",
];

#[test]
fn default_run_prints_the_japanese_summary_of_the_sample() {
    let out = run(&[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        text.contains(&sample().name),
        "scenario name missing:\n{text}"
    );
    for title in JA_SECTIONS {
        assert!(text.contains(title), "missing {title:?} in\n{text}");
    }
    // Glossary terms of docs/model.md the summary uses.
    for term in [
        "発災",
        "利用者",
        "安否確認",
        "優先度A",
        "訪問",
        "医療的ケア",
        "備蓄",
        "在庫切れ",
        "出勤率",
        "計画",
        "BCP 発動",
        "超過勤務",
        "時間後",
        "日目",
    ] {
        assert!(text.contains(term), "missing {term:?} in\n{text}");
    }
    // The attendance section shows the trough with its day and clock time.
    let attendance = &text[text.find("■ 出勤率").unwrap()..];
    let lowest = attendance
        .lines()
        .find(|l| l.trim_start().starts_with("最低 "))
        .unwrap_or_else(|| panic!("no lowest attendance in\n{attendance}"));
    assert!(
        lowest.contains("%（") && lowest.contains("日目 ") && lowest.ends_with("時）"),
        "{lowest}"
    );
    assert!(!text.contains("Safety checks"), "{text}");
}

#[test]
fn english_summary_has_english_terms_and_no_japanese_titles() {
    let out = run(&["--lang", "en"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(text.contains(&sample().name), "{text}");
    for term in [
        "Simulation result",
        "Onset:",
        "Critical",
        "Patients whose device battery ran out",
        "Safety checks",
        "Class A",
        "Visits (demanded vs delivered)",
        "Medical care",
        "Stock-outs",
        "Attendance (simulated / plan)",
        "lowest ",
        "BCP activated",
        "Overtime",
    ] {
        assert!(text.contains(term), "missing {term:?} in\n{text}");
    }
    for title in JA_SECTIONS {
        assert!(!text.contains(title), "{title:?} in\n{text}");
    }
    // Every section title is English (the scenario's name may be Japanese; titles are not).
    for line in text.lines().filter(|l| l.starts_with("■ ")) {
        assert!(line["■ ".len()..].is_ascii(), "{line}");
    }
    assert!(!text.contains("時間後") && !text.contains("日目"), "{text}");
}

#[test]
fn out_writes_the_three_files_with_the_required_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().join("out");
    let out = run(&["--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(names(&out_dir), OUTPUTS);

    let scenario = sample();
    let json = fs::read_to_string(out_dir.join("summary.json")).unwrap();
    let v: Value = serde_json::from_str(&json).expect("summary.json parses");
    assert_eq!(v["scenario"], scenario.name.as_str());
    assert_eq!(v["seed"], 1);
    assert_eq!(v["horizon_hours"], 720);
    assert_eq!(
        v["onset_weekday"],
        serde_json::to_value(scenario.time.onset_weekday).unwrap()
    );
    assert!(v["onset_weekday"].is_string(), "{v}");
    assert_eq!(v["onset_hour"], scenario.time.onset_hour);
    assert!(v["critical"]["battery_depleted_patients"].is_u64(), "{v}");
    assert!(
        v["critical"]["class_a_uncontacted_over_24h"].is_u64(),
        "{v}"
    );
    let share = v["safety_checks"]["confirmed_share_24h"]
        .as_f64()
        .expect("confirmed_share_24h is a number");
    assert!((0.0..=1.0).contains(&share), "{share}");
    let all_a = &v["safety_checks"]["class_a_all_confirmed_hour"];
    assert!(all_a.is_u64() || all_a.is_null(), "{all_a}");
    let demanded = v["visits"]["demanded"].as_u64().expect("visits.demanded");
    let delivered = v["visits"]["delivered"].as_u64().expect("visits.delivered");
    assert!(delivered <= demanded, "{delivered} > {demanded}");
    let lowest = v["staff"]["lowest_attendance"].as_f64().expect("lowest");
    assert!(lowest >= 0.0, "{lowest}");
    assert!(v["staff"]["lowest_attendance_hour"].as_u64().unwrap() < 720);

    let stocks = v["stocks"].as_object().expect("stocks is an object");
    let items: Vec<&str> = scenario.agencies[0]
        .stocks
        .iter()
        .map(|s| s.item.as_str())
        .collect();
    assert!(!items.is_empty());
    for item in &items {
        let hour = &stocks
            .get(*item)
            .unwrap_or_else(|| panic!("no stocks.{item}"))["stockout_hour"];
        assert!(hour.is_u64() || hour.is_null(), "stocks.{item}: {hour}");
    }
    assert_eq!(stocks.len(), items.len(), "{stocks:?}");

    // One row per step and agency: the sample is hourly over 30 days with one agency.
    assert_eq!(scenario.agencies.len(), 1);
    let csv = fs::read_to_string(out_dir.join("timeseries.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 720 + 1);
    assert!(lines[0].starts_with("step,hour,day,clock_hour,agency,"));
    for (step, line) in lines[1..].iter().enumerate() {
        assert!(line.starts_with(&format!("{step},{step},")), "{line}");
    }

    let events = fs::read_to_string(out_dir.join("events.jsonl")).unwrap();
    for line in events.lines() {
        let e: Value = serde_json::from_str(line).expect("event line parses");
        assert!(e["hour"].is_u64() && e["kind"].is_string(), "{line}");
    }
}

#[test]
fn refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().to_str().unwrap();
    let first = run(&["--out", out_dir]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = contents(dir.path());
    assert_eq!(before.keys().collect::<Vec<_>>(), OUTPUTS);

    // A different seed would give different files: nothing may be written.
    for lang in ["ja", "en"] {
        let again = run(&["--out", out_dir, "--seed", "2", "--lang", lang]);
        assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
        assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
        assert_eq!(contents(dir.path()), before, "files changed or appeared");
    }

    let forced = run(&["--out", out_dir, "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_eq!(contents(dir.path()), before, "same seed, same bytes");
}

#[test]
fn missing_scenario_file_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-scenario.ron");
    let out = run(&[missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no-such-scenario.ron"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

/// A small scenario with one semantic error: a negative `home_km` on line 14.
const NEGATIVE_HOME_KM: &str = r#"Scenario(
    name: "run cli test",
    time: (onset_weekday: Wed, onset_hour: 14, horizon_hours: 24),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: "z1")],
    agencies: [(
        id: "station",
        kind: VisitingNurseStation,
        zone: "z1",
        staff: (
            average_working_per_day: 2,
            members: [
                (id: "n1", role: Nurse, home_km: 2, commute: Bicycle),
                (id: "n2", role: Nurse, home_km: -3.5, commute: Walk),
            ],
        ),
        stocks: [(item: "water_2l", quantity: 41, unit: "bottle")],
        plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.03), (hour: 6, share: 0.6)])),
    )],
)
"#;

fn write(text: &str) -> NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(".ron")
        .tempfile()
        .expect("temp file");
    f.write_all(text.as_bytes()).expect("write temp file");
    f
}

#[test]
fn semantic_error_exits_2_with_its_position() {
    // The same file without the error runs: the error alone makes the difference.
    let valid = write(&NEGATIVE_HOME_KM.replace("home_km: -3.5", "home_km: 3.5"));
    let out = run(&[valid.path().to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("run cli test"));

    let f = write(NEGATIVE_HOME_KM);
    let p = f.path().display().to_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().join("out");
    for lang in ["ja", "en"] {
        let out = run(&[&p, "--lang", lang, "--out", out_dir.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        // Line 14 `                (id: "n2", role: Nurse, home_km: -3.5, ...`: 16 spaces +
        // `(id: "n2", ` (11) + `role: Nurse, ` (13) + `home_km: ` (9) = 49 → `-3.5` at 50.
        assert!(err.contains(&format!("{p}:14:50")), "{err}");
        assert!(out.stdout.is_empty(), "{}", stdout(&out));
        assert!(!out_dir.exists(), "nothing is written for a bad scenario");
    }
}
