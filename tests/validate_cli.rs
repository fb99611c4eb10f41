//! `bcpsim validate` on real files: every problem with its `file:line:column`, exit codes.

use std::ffi::OsStr;
use std::io::Write;
use std::process::Output;

use tempfile::NamedTempFile;

mod support;

/// A scenario with three semantic errors (lines numbered in the comments of the tests).
const THREE_ERRORS: &str = r#"Scenario(
    name: "cli test",
    time: (onset_weekday: Wed, onset_hour: 14, horizon_hours: 72),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: "z1")],
    agencies: [(
        id: "station",
        kind: VisitingNurseStation,
        zone: "z9",
        staff: (
            average_working_per_day: 2,
            members: [
                (id: "n1", role: Nurse, home_km: -4, commute: Walk),
                (id: "n2", role: Nurse, home_km: 2, commute: Bicycle),
            ],
        ),
        stocks: [(item: "water_2l", quantity: 41, unit: "bottle")],
        plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.03), (hour: 6, share: 1.2)])),
    )],
)
"#;

fn valid() -> String {
    THREE_ERRORS
        .replace("\"z9\"", "\"z1\"")
        .replace("home_km: -4", "home_km: 4")
        .replace("share: 1.2", "share: 0.6")
}

fn write(text: &str) -> NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(".ron")
        .tempfile()
        .expect("temp file");
    f.write_all(text.as_bytes()).expect("write temp file");
    f
}

fn validate(path: &std::path::Path, lang: &str) -> Output {
    support::bcpsim(&[
        OsStr::new("validate"),
        path.as_os_str(),
        OsStr::new("--lang"),
        OsStr::new(lang),
    ])
}

#[test]
fn reports_all_three_semantic_errors_with_positions() {
    let f = write(THREE_ERRORS);
    let p = f.path().display().to_string();
    for lang in ["ja", "en"] {
        let out = validate(f.path(), lang);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        // Line 9 `        zone: "z9",`: 8 spaces + `zone: ` (6) → `"z9"` at column 15.
        assert!(err.contains(&format!("{p}:9:15")), "{err}");
        // Line 13 `                (id: "n1", role: Nurse, home_km: -4, ...`: 16 spaces +
        // `(id: "n1", ` (11) + `role: Nurse, ` (13) + `home_km: ` (9) = 49 → `-4` at 50.
        assert!(err.contains(&format!("{p}:13:50")), "{err}");
        // Line 18 `        plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.03), (hour: 6, share: 1.2)...`:
        // 8 + `plan: (` 7 + `attendance: (` 13 + `mode: Curve, ` 13 + `curve: [` 8 +
        // `(hour: 0, share: 0.03), ` 24 + `(hour: 6, share: ` 17 = 90 → `1.2` at 91.
        assert!(err.contains(&format!("{p}:18:91")), "{err}");
        if lang == "ja" {
            assert!(err.contains("問題が3件あります"), "{err}");
            assert!(err.contains("ゾーン `z9` が見つかりません"), "{err}");
        } else {
            assert!(err.contains("3 problems found"), "{err}");
            assert!(err.contains("unknown zone `z9`"), "{err}");
            assert!(err.contains("hint: did you mean `z1`?"), "{err}");
        }
        assert!(
            !err.contains('\x1b'),
            "no colour when stderr is not a terminal"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn valid_file_is_confirmed() {
    let f = write(&valid());
    let out = validate(f.path(), "ja");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = f.path().display();
    assert_eq!(
        stdout.trim(),
        format!("OK: {p} (事業所 1, 職員 2, 利用者 0)")
    );
    let out = validate(f.path(), "en");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.trim(),
        format!("OK: {p} (1 agency, 2 staff, 0 patients)")
    );
}

#[test]
fn a_device_with_no_battery_is_a_warning_not_an_error() {
    // A ventilator with 0 h of battery and nothing else stops at the outage: legal, but
    // probably a slip in the sheet. The file is valid (exit 0, the OK line) and stderr warns
    // at the value's line and column: line 21 (the patient), column of `0`.
    let text = valid().replace(
        "        stocks:",
        "        patients: (members: [(id: \"p1\", class: A,\n            devices: [(kind: Ventilator, battery_hours: 0)])]),\n        stocks:",
    );
    let f = write(&text);
    let out = validate(f.path(), "en");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let line = text
        .lines()
        .position(|l| l.contains("battery_hours: 0"))
        .unwrap()
        + 1;
    let column = text.lines().nth(line - 1).unwrap().find("0)").unwrap() + 1;
    let p = f.path().display();
    assert!(
        stderr.contains(&format!("{p}:{line}:{column}: warning: this device stops")),
        "{stderr}"
    );
    assert!(stderr.contains("hint:"), "{stderr}");
    let ja = validate(f.path(), "ja");
    assert!(String::from_utf8_lossy(&ja.stderr).contains("警告"));
    // With a spare battery it is no longer suspicious.
    let spare = text.replace(
        "battery_hours: 0)",
        "battery_hours: 0, spare_battery_hours: 4)",
    );
    let f = write(&spare);
    let out = validate(f.path(), "en");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
}

#[test]
fn syntax_error_gives_its_position() {
    let f = write(&valid().replace("onset_hour: 14", "onset_hor: 14"));
    let p = f.path().display().to_string();
    let out = validate(f.path(), "en");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    // Line 3 `    time: (onset_weekday: Wed, onset_hor`: 4 + `time: (` 7 + `onset_weekday: Wed, ` 20
    // = 31 → `onset_hor` at column 32.
    assert!(err.contains(&format!("{p}:3:32")), "{err}");
    assert!(err.contains("unknown field `onset_hor`"), "{err}");
    assert!(err.contains("did you mean `onset_hour`?"), "{err}");
    assert!(err.contains("1 problem found"), "{err}");
}

#[test]
fn missing_file_is_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nope.ron");
    let out = validate(&path, "ja");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("見つかりません") && err.contains("nope.ron"),
        "{err}"
    );
    let out = validate(&path, "en");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
}

fn write_bytes(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

#[test]
fn shift_jis_file_is_located_with_a_conversion_hint() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 「訪問」 in Shift_JIS on line 2, column 11 (after `    name: "`).
    let mut bytes = valid()
        .replacen("name: \"cli test\"", "name: \"", 1)
        .into_bytes();
    let at = String::from_utf8_lossy(&bytes).find("name: \"").unwrap() + 7;
    bytes.splice(at..at, [0x96, 0x4B, 0x96, 0xE2, b't']);
    let p = write_bytes(dir.path(), "sjis.ron", &bytes);
    let out = validate(&p, "en");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("sjis.ron:2:12"), "{err}");
    assert!(
        err.contains("Shift_JIS") && err.contains("iconv -f CP932 -t UTF-8"),
        "{err}"
    );
    let err = String::from_utf8_lossy(&validate(&p, "ja").stderr).to_string();
    assert!(
        err.contains("Shift_JIS") && err.contains("UTF-8 として読めない"),
        "{err}"
    );
}

#[test]
fn old_mac_line_ends_are_line_breaks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ok = write_bytes(
        dir.path(),
        "mac.ron",
        valid().replace('\n', "\r").as_bytes(),
    );
    let out = validate(&ok, "en");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad = write_bytes(
        dir.path(),
        "bad.ron",
        THREE_ERRORS.replace('\n', "\r").as_bytes(),
    );
    let out = validate(&bad, "en");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("bad.ron:13:50"), "{err}");
    assert!(err.lines().all(|l| l.chars().count() < 200), "{err}");
}

#[test]
fn base_that_is_a_folder_or_empty_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (base, want_en, want_ja) in [
        (".", "is a folder, not a scenario file", "フォルダです"),
        ("..", "is a folder, not a scenario file", "フォルダです"),
        ("", "`base` is empty", "`base` が空です"),
    ] {
        let p = write_bytes(
            dir.path(),
            "v.ron",
            format!("Variant(\n  name: \"x\",\n  base: \"{base}\",\n  changes: [],\n)\n")
                .as_bytes(),
        );
        let out = validate(&p, "en");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(want_en) && err.contains("v.ron:3:9"), "{err}");
        let err = String::from_utf8_lossy(&validate(&p, "ja").stderr).to_string();
        assert!(err.contains(want_ja), "{err}");
    }
}
