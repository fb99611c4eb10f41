//! `bcpsim report` end to end: the HTML and Markdown reports of a real run, determinism,
//! refusing to overwrite, `bcpsim run --report`, chart files, and clear errors (exit 2, naming
//! the file) for directories that are not a whole bcpsim output of this format version.
//!
//! Run with `cargo test --test report_cli`.

mod support;
use support::{bcpsim, stderr};

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tempfile::TempDir;

/// The charts of a run's report, in order.
const RUN_CHARTS: [&str; 7] = [
    "attendance",
    "lifelines",
    "stocks",
    "safety_checks",
    "battery_depleted",
    "battery_margins",
    "visits",
];

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// One run of the sample (seed 1) under the target directory, shared by the tests; each test
/// works on a copy.
fn sample_run() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_cli_run");
        let _ = fs::remove_dir_all(&out);
        let o = bcpsim(&["run", "--out", s(&out)]);
        assert!(o.status.success(), "{}", stderr(&o));
        out
    })
}

/// A fresh copy of the sample run's three files.
fn copy_run(tmp: &TempDir) -> PathBuf {
    let dir = tmp.path().join("copy");
    fs::create_dir_all(&dir).unwrap();
    for name in ["summary.json", "timeseries.csv", "events.jsonl"] {
        fs::copy(sample_run().join(name), dir.join(name)).unwrap();
    }
    dir
}

#[test]
fn html_report_has_title_key_figures_and_every_chart() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_run(&tmp);
    let o = bcpsim(&["report", s(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1 id=\"title\">BCP シミュレーション報告書</h1>"));
    assert!(html.contains("@page"));
    for id in RUN_CHARTS {
        assert!(
            html.contains(&format!("id=\"chart-{id}\"")),
            "chart {id} missing"
        );
    }
    assert_eq!(
        html.matches("src=\"data:image/png;base64,").count(),
        RUN_CHARTS.len()
    );
    // Key figures come before the charts, the assumptions after them.
    let key = html
        .find("電源がなく機器のバッテリーが尽きた利用者")
        .unwrap();
    let charts = html.find("id=\"charts\"").unwrap();
    let assumptions = html.find("計画の想定とシミュレーションの違い").unwrap();
    assert!(key < charts && charts < assumptions);
    // The summary's figures appear as they are.
    let summary: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let delivered = summary["visits"]["delivered"].as_u64().unwrap();
    let demanded = summary["visits"]["demanded"].as_u64().unwrap();
    assert!(html.contains(&format!("{delivered} 件 / {demanded} 件")));
    // No network: nothing is fetched from elsewhere.
    assert!(!html.contains("http://") && !html.contains("https://"));
}

#[test]
fn reports_are_byte_identical_for_the_same_run() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_run(&tmp);
    for (fmt, a, b) in [("html", "a.html", "b.html"), ("md", "a.md", "b.md")] {
        let pa = tmp.path().join(a);
        let pb = tmp.path().join(b);
        assert!(
            bcpsim(&["report", s(&dir), "--format", fmt, "--out", s(&pa)])
                .status
                .success()
        );
        assert!(
            bcpsim(&["report", s(&dir), "--format", fmt, "--out", s(&pb)])
                .status
                .success()
        );
        assert_eq!(fs::read(&pa).unwrap(), fs::read(&pb).unwrap(), "{fmt}");
    }
}

#[test]
fn markdown_has_the_key_figures_in_both_languages() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_run(&tmp);
    assert!(
        bcpsim(&["report", s(&dir), "--format", "md"])
            .status
            .success()
    );
    let md = fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.starts_with("# BCP シミュレーション報告書\n"));
    for label in [
        "電源がなく機器のバッテリーが尽きた利用者",
        "24時間以上連絡のつかなかった優先度Aの利用者",
        "優先度Aの利用者全員の安否確認まで",
        "最初の在庫切れ",
        "訪問の実施（需要に対して）",
    ] {
        assert!(md.contains(&format!("| {label} |")), "{label}");
    }
    let en = tmp.path().join("en.md");
    assert!(
        bcpsim(&[
            "report",
            s(&dir),
            "--format",
            "md",
            "--lang",
            "en",
            "--out",
            s(&en)
        ])
        .status
        .success()
    );
    let en = fs::read_to_string(en).unwrap();
    assert!(en.starts_with("# BCP simulation report\n"));
    assert!(en.contains("| First stock-out |"));
    assert!(!en.contains("報告書"));
}

#[test]
fn refuses_to_overwrite_without_force() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_run(&tmp);
    let target = dir.join("report.html");
    fs::write(&target, "keep me").unwrap();
    let o = bcpsim(&["report", s(&dir)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
    let o = bcpsim(&["report", s(&dir), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read_to_string(&target).unwrap().contains("<html"));
}

#[test]
fn run_with_report_writes_it_next_to_the_outputs() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let o = bcpsim(&["run", "--out", s(&out), "--report", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("BCP simulation report"));
    // Same run, same report as `bcpsim report` would write.
    let again = tmp.path().join("again.html");
    let o = bcpsim(&["report", s(&out), "--lang", "en", "--out", s(&again)]);
    assert!(o.status.success());
    assert_eq!(fs::read(&again).unwrap(), html.as_bytes());
    // A second run refuses before simulating: report.html is there.
    fs::remove_file(out.join("summary.json")).unwrap();
    fs::remove_file(out.join("timeseries.csv")).unwrap();
    fs::remove_file(out.join("events.jsonl")).unwrap();
    let o = bcpsim(&["run", "--out", s(&out), "--report"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("report.html"));
    assert!(!out.join("summary.json").exists());
}

#[test]
fn charts_option_writes_png_and_svg() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_run(&tmp);
    let charts = tmp.path().join("charts");
    let o = bcpsim(&["report", s(&dir), "--charts", s(&charts)]);
    assert!(o.status.success(), "{}", stderr(&o));
    for id in RUN_CHARTS {
        let png = fs::read(charts.join(format!("{id}.png"))).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(w, 1200, "{id}");
        let svg = fs::read_to_string(charts.join(format!("{id}.svg"))).unwrap();
        assert!(svg.starts_with("<svg"), "{id}");
    }
}

/// Runs `bcpsim report DIR` expecting exit 2 and an error naming `needle`.
fn expect_bad(dir: &Path, lang: &str, needles: &[&str]) {
    let o = bcpsim(&["report", s(dir), "--lang", lang]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for n in needles {
        assert!(err.contains(n), "{n:?} not in {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(!dir.join("report.html").exists());
}

#[test]
fn not_an_output_directory() {
    let tmp = TempDir::new().unwrap();
    expect_bad(
        tmp.path(),
        "ja",
        &["bcpsim の出力ディレクトリではありません"],
    );
    expect_bad(tmp.path(), "en", &["not a bcpsim output directory"]);
    let file = tmp.path().join("file.txt");
    fs::write(&file, "x").unwrap();
    let o = bcpsim(&["report", s(&file)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("file.txt"));
}

#[test]
fn missing_file_is_named() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_run(&tmp);
    fs::remove_file(dir.join("events.jsonl")).unwrap();
    expect_bad(&dir, "ja", &["events.jsonl", "ありません"]);
    expect_bad(&dir, "en", &["events.jsonl", "missing"]);
}

#[test]
fn truncated_files_are_named() {
    for name in ["timeseries.csv", "summary.json", "events.jsonl"] {
        let tmp = TempDir::new().unwrap();
        let dir = copy_run(&tmp);
        let bytes = fs::read(dir.join(name)).unwrap();
        fs::write(dir.join(name), &bytes[..bytes.len() / 2 + 7]).unwrap();
        expect_bad(&dir, "en", &[name]);
        expect_bad(&dir, "ja", &[name, "エラー"]);
    }
    // Cut at a line boundary: every line parses, but the file is incomplete.
    for name in ["timeseries.csv", "events.jsonl"] {
        let tmp = TempDir::new().unwrap();
        let dir = copy_run(&tmp);
        let text = fs::read_to_string(dir.join(name)).unwrap();
        let keep = text.lines().count() * 2 / 3;
        let cut: String = text.lines().take(keep).map(|l| format!("{l}\n")).collect();
        fs::write(dir.join(name), cut).unwrap();
        expect_bad(&dir, "en", &[name, "truncated"]);
    }
}

#[test]
fn other_format_version_is_refused() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_run(&tmp);
    let text = fs::read_to_string(dir.join("summary.json")).unwrap();
    let changed = text.replacen("\"format_version\": 1,", "\"format_version\": 2,", 1);
    assert_ne!(text, changed);
    fs::write(dir.join("summary.json"), changed).unwrap();
    expect_bad(&dir, "en", &["summary.json", "format version 2", "reads 1"]);
    expect_bad(&dir, "ja", &["summary.json", "バージョン"]);
}

#[test]
fn malformed_row_names_file_and_line() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_run(&tmp);
    let text = fs::read_to_string(dir.join("timeseries.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[3] = lines[3].replacen(",station,", ",station,oops,", 1);
    fs::write(dir.join("timeseries.csv"), lines.join("\n") + "\n").unwrap();
    expect_bad(&dir, "en", &["timeseries.csv line 4"]);
}

#[test]
fn the_plans_own_stock_curve_is_what_the_report_compares_against() {
    // The sample with a plan that expects stocks to fall to 50 % by day 1 and stay there.
    let tmp = TempDir::new().unwrap();
    let sample = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/sample-station.ron"),
    )
    .unwrap();
    let text = sample.replacen(
        "            plan: (\n",
        "            plan: (\n                stock_curve: [(hour: 0, share: 1.0), (hour: 24, share: 0.5)],\n",
        1,
    );
    assert_ne!(text, sample, "the sample's plan was not found");
    let scenario = tmp.path().join("own-curve.ron");
    fs::write(&scenario, text).unwrap();
    let out = tmp.path().join("out");
    let o = bcpsim(&["run", s(&scenario), "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bcpsim(&["report", s(&out), "--format", "md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    // Linear from 100 % at 0 h to 50 % at 24 h: 87.5 % at 6 h; held at 50 % after.
    assert!(
        md.contains("計画の備蓄想定：0h 100%、6h 88%、24h 50%、72h 50%"),
        "{md}"
    );
    assert!(md.contains("| 6 時間後（1日目 20時） | 87.5% |"), "{md}");
    assert!(md.contains("| 168 時間後（8日目 14時） | 50.0% |"), "{md}");
}
