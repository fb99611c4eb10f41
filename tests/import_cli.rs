//! `bcpsim import` and `bcpsim template` end to end: merging the shipped sheets into the
//! sample, refusing to overwrite, bad cells (exit 2, nothing written), pseudonyms, templates.

mod support;
use support::bcpsim_in as bcpsim;

use std::path::{Path, PathBuf};

use bcpsim_engine::load::load_scenario;

fn rosters(file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/rosters")
        .join(file)
        .display()
        .to_string()
}

fn sample_copy(dir: &Path) -> PathBuf {
    let path = dir.join("station.ron");
    std::fs::write(&path, bcpsim_engine::samples::SAMPLE_STATION).unwrap();
    path
}

#[test]
fn into_writes_a_new_file_that_loads_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    sample_copy(dir.path());
    let staff = rosters("staff-utf8-bom.csv");
    let patients = rosters("patients-shift_jis.csv");
    let args = [
        "import",
        "staff",
        &staff,
        "patients",
        &patients,
        "--into",
        "station.ron",
    ];
    let out = bcpsim(&args, dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = dir.path().join("station.imported.ron");
    let text = std::fs::read_to_string(&written).unwrap();
    let s = load_scenario("station.imported.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.agencies[0].staff.members.len(), 9);
    assert_eq!(s.agencies[0].patients.members.len(), 8);
    assert!(text.contains(
        "// ---------------------------------------------------------------- staff (職員)"
    ));
    assert!(!text.contains("高田"), "names are not written by default");
    let original = std::fs::read_to_string(dir.path().join("station.ron")).unwrap();
    assert_eq!(
        original,
        bcpsim_engine::samples::SAMPLE_STATION,
        "the input is untouched"
    );

    // A second run would overwrite the output: refused, exit 2, file unchanged.
    let again = bcpsim(&args, dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&written).unwrap(), text);
    // --out onto the scenario itself also needs --force.
    let inplace = [
        "import",
        "staff",
        &staff,
        "--into",
        "station.ron",
        "--out",
        "station.ron",
    ];
    assert_eq!(bcpsim(&inplace, dir.path()).status.code(), Some(2));
    let mut forced = inplace.to_vec();
    forced.push("--force");
    assert!(bcpsim(&forced, dir.path()).status.success());
    let replaced = std::fs::read_to_string(dir.path().join("station.ron")).unwrap();
    assert!(load_scenario("station.ron", &replaced).is_ok());
    assert_ne!(replaced, original);
}

#[test]
fn bad_cells_exit_2_with_rows_and_columns_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    sample_copy(dir.path());
    std::fs::write(
        dir.path().join("bad.csv"),
        "\u{feff}氏名,職種,自宅からの距離(km),通勤手段\r\nA,看護師,約3,自転\r\nB,ナース,-1,徒歩\r\n",
    )
    .unwrap();
    let out = bcpsim(
        &[
            "import",
            "staff",
            "bad.csv",
            "--into",
            "station.ron",
            "--lang",
            "en",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "bad.csv: row 2, column \"自宅からの距離(km)\": a number is expected",
        "bad.csv: row 2, column \"通勤手段\": unknown commute mode \"自転\"",
        "did you mean \"自転車\"?",
        "bad.csv: row 3, column \"職種\": unknown job role \"ナース\"",
        "bad.csv: row 3, column \"自宅からの距離(km)\": home distance is negative",
        "4 problems; nothing was written.",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in\n{err}");
    }
    assert!(!dir.path().join("station.imported.ron").exists());
    // Japanese by default.
    let ja = bcpsim(&["import", "staff", "bad.csv"], dir.path());
    assert_eq!(ja.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&ja.stderr).contains("2行目「通勤手段」列"));
}

#[test]
fn stdout_sections_anonymised_hide_names_and_are_stable() {
    let dir = tempfile::tempdir().unwrap();
    let patients = rosters("patients-shift_jis.csv");
    let run = |salt: &str| {
        let out = bcpsim(
            &[
                "import",
                "patients",
                &patients,
                "--agency",
                "st",
                "--anonymize",
                "--salt",
                salt,
            ],
            dir.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let a = run("k1");
    assert_eq!(a, run("k1"));
    assert_ne!(a, run("k2"));
    assert!(a.contains("id: \"st-p-"), "{a}");
    for leak in ["青木", "p001", "〇〇区"] {
        assert!(!a.contains(leak), "{leak} leaked:\n{a}");
    }
    let keep = bcpsim(
        &["import", "patients", &patients, "--keep-names"],
        dir.path(),
    );
    assert!(String::from_utf8_lossy(&keep.stdout).contains("name: Some(\"青木 一郎\")"));
    assert!(
        !String::from_utf8_lossy(&keep.stdout).contains("〇〇区"),
        "addresses are never written"
    );
    let both = bcpsim(
        &[
            "import",
            "patients",
            &patients,
            "--keep-names",
            "--anonymize",
        ],
        dir.path(),
    );
    assert_eq!(both.status.code(), Some(2), "the two options conflict");
}

#[test]
fn template_has_a_bom_and_headers_and_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = bcpsim(&["template", "staff"], dir.path());
    assert!(out.status.success());
    let bytes = std::fs::read(dir.path().join("staff.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(
        String::from_utf8_lossy(&bytes).contains("氏名,職種,BCP役割,自宅からの距離(km),通勤手段")
    );
    assert_eq!(
        bcpsim(&["template", "staff"], dir.path()).status.code(),
        Some(2)
    );
    assert!(
        bcpsim(&["template", "staff", "--force"], dir.path())
            .status
            .success()
    );
    let p = bcpsim(&["template", "patients", "--out", "p.csv"], dir.path());
    assert!(p.status.success());
    let text = std::fs::read_to_string(dir.path().join("p.csv")).unwrap();
    assert!(text.contains("優先度") && text.contains("バッテリー(時間)"));
    // The blank template imports as an empty, valid sheet.
    let empty = bcpsim(&["import", "patients", "p.csv"], dir.path());
    assert!(
        empty.status.success(),
        "{}",
        String::from_utf8_lossy(&empty.stderr)
    );
}

#[test]
fn extra_roster_columns_are_warned_and_household_columns_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("staff.csv"),
        "職員ID,職種,自宅からの距離(km),通勤手段,同居家族,同居家族の要援護者,担当地区\n\
         s1,看護師,1,徒歩,\"夫、長女(6歳)\",,北\n\
         s2,看護師,2,自転車,なし,父（要介護3）,南\n",
    )
    .unwrap();
    let out = bcpsim(
        &["import", "staff", "staff.csv", "--lang", "en"],
        dir.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning: staff.csv: row 1, column \"担当地区\": unknown column header"),
        "{err}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let s1 = &text[text.find("\"s1\"").unwrap()..text.find("\"s2\"").unwrap()];
    let s2 = &text[text.find("\"s2\"").unwrap()..];
    assert!(s1.contains("small_children: true"), "{text}");
    assert!(s2.contains("dependent_care: true"), "{text}");
}
