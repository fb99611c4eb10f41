//! Plan variants through the binary: `validate` and `run` accept them wherever a scenario goes.

mod support;
use support::bcpsim;

use std::io::Write;
use std::path::{Path, PathBuf};

fn shipped(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/variants")
        .join(name)
        .display()
        .to_string()
}

/// A variant file next to a copy of the sample station, in a fresh temporary folder.
fn write_variant(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("sample-station.ron"),
        bcpsim_engine::samples::SAMPLE_STATION,
    )
    .expect("write base");
    let path = dir.path().join("variant.ron");
    let mut f = std::fs::File::create(&path).expect("create variant");
    f.write_all(text.as_bytes()).expect("write variant");
    (dir, path)
}

#[test]
fn validate_names_the_variant_and_its_base() {
    let file = shipped("power-stations-6.ron");
    let out = bcpsim(&["validate", &file, "--lang", "en"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with(&format!("OK: {file}")), "{stdout}");
    assert!(
        stdout.contains("variant \"ポータブル電源 6台 / six portable power stations\""),
        "{stdout}"
    );
    // The base is named as a person would write it: no `variants/../`.
    assert!(stdout.contains("scenarios/sample-station.ron"), "{stdout}");
    assert!(!stdout.contains(".."), "{stdout}");
    assert!(
        stdout.contains("1 agency, 15 staff, 100 patients"),
        "{stdout}"
    );
    let out = bcpsim(&["validate", &file]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("変種「ポータブル電源 6台"), "{stdout}");
    assert!(stdout.contains("基本シナリオ"), "{stdout}");
}

#[test]
fn every_shipped_variant_validates() {
    for name in [
        "power-stations-6.ron",
        "stockpile-7-days.ron",
        "safety-checks-shared.ron",
        "roster-attendance.ron",
    ] {
        let out = bcpsim(&["validate", &shipped(name)]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn run_simulates_the_merged_scenario_under_the_variant_name() {
    let out = bcpsim(&[
        "run",
        &shipped("stockpile-7-days.ron"),
        "--seed",
        "3",
        "--lang",
        "en",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Scenario: 備蓄 7日分 / 7-day stockpile"),
        "{stdout}"
    );
}

#[test]
fn run_writes_the_variant_name_into_summary_json() {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out_path = out_dir.path().join("out");
    let out = bcpsim(&[
        "run",
        &shipped("power-stations-6.ron"),
        "--out",
        &out_path.display().to_string(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = std::fs::read_to_string(out_path.join("summary.json")).expect("summary.json");
    let json: serde_json::Value = serde_json::from_str(&summary).expect("json");
    assert_eq!(
        json["scenario"],
        "ポータブル電源 6台 / six portable power stations"
    );
}

#[test]
fn a_bad_variant_exits_2_with_its_position() {
    let text = "Variant(\n    base: \"sample-station.ron\",\n    name: \"bad\",\n    changes: [\n        Equipment(agency: \"statoin\", phones: 12),\n    ],\n)\n";
    let (_dir, path) = write_variant(text);
    let p = path.display().to_string();
    for cmd in ["validate", "run"] {
        let out = bcpsim(&[cmd, &p, "--lang", "en"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {stderr}");
        // Line 5: 8 spaces + `Equipment(` (10) + `agency: ` (8) = 26 → column 27.
        assert!(stderr.contains(&format!("{p}:5:27")), "{cmd}: {stderr}");
        assert!(
            stderr.contains("did you mean `station`?"),
            "{cmd}: {stderr}"
        );
    }
}

#[test]
fn a_missing_base_exits_2_at_the_base_value() {
    let text = "Variant(\n    base: \"no-such-base.ron\",\n    name: \"orphan\",\n)\n";
    let (_dir, path) = write_variant(text);
    let p = path.display().to_string();
    let out = bcpsim(&["validate", &p, "--lang", "en"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // Line 2 `    base: "no-such-base.ron",`: 4 + `base: ` (6) = 10 → column 11.
    assert!(stderr.contains(&format!("{p}:2:11")), "{stderr}");
    assert!(stderr.contains("no-such-base.ron not found"), "{stderr}");
}

#[test]
fn a_valid_variant_in_a_temporary_folder_runs() {
    let text = "// Comments before the value are fine.\nVariant(\n    base: \"sample-station.ron\",\n    name: \"plan B\",\n    changes: [StockpileDays(agency: \"station\", days: 5)],\n)\n";
    let (_dir, path) = write_variant(text);
    let out = bcpsim(&["run", &path.display().to_string(), "--lang", "en"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Scenario: plan B"), "{stdout}");
}
