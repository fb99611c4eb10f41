//! `bcpsim report` of a batch directory (`bcpsim batch --out`: runs.csv, bands.json,
//! batch.json) and of a comparison directory (`bcpsim compare --out`: compare.json), end to
//! end: the HTML and Markdown reports, both languages, determinism (any thread count, every
//! time, `batch --report` / `compare --report` the same as `bcpsim report` afterwards), chart
//! files, refusing to overwrite, and clear errors (exit 2, naming the file, nothing written) for
//! directories that are not a whole batch or comparison of this format version.
//!
//! Run with `cargo test --test report_batch_cli`.

mod support;
use support::{bcpsim, stderr};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use serde_json::Value;
use tempfile::TempDir;

const BATCH_TITLE_JA: &str = "<h1 id=\"title\">BCP シミュレーション報告書（モンテカルロ）</h1>";
const BATCH_TITLE_EN: &str = "<h1 id=\"title\">BCP simulation report (Monte Carlo)</h1>";
const COMPARE_TITLE_JA: &str = "<h1 id=\"title\">計画の比較報告書</h1>";
const COMPARE_TITLE_EN: &str = "<h1 id=\"title\">Plan comparison report</h1>";
const BATCH_CHARTS: [&str; 3] = ["attendance", "stocks", "safety_checks"];
/// Base64 of the PNG signature (\x89PNG\r\n\x1a\n): an embedded image that really is a PNG.
const PNG_DATA: &str = "src=\"data:image/png;base64,iVBORw0KGgo";
const KEY_LABELS_JA: [&str; 5] = [
    "電源がなく機器のバッテリーが尽きた利用者",
    "24時間以上連絡のつかなかった優先度Aの利用者",
    "優先度Aの利用者全員の安否確認まで",
    "最初の在庫切れ",
    "訪問の実施（需要に対して）",
];
const KEY_LABELS_EN: [&str; 5] = [
    "Patients whose device battery ran out without power",
    "Class-A patients uncontacted over 24 h",
    "Time to confirm every class-A patient",
    "First stock-out",
    "Visits delivered (of demanded)",
];
const RUNS: &str = "8";
const POWER_VARIANT: &str = "ポータブル電源 6台 / six portable power stations";
const STOCK_VARIANT: &str = "備蓄 7日分 / 7-day stockpile";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scenario(rel: &str) -> String {
    root()
        .join("scenarios")
        .join(rel)
        .to_str()
        .unwrap()
        .to_string()
}

/// Runs bcpsim and fails the test with its stderr unless it succeeds.
fn ok(args: &[&str]) -> Output {
    let o = bcpsim(args);
    assert!(o.status.success(), "bcpsim {args:?}: {}", stderr(&o));
    o
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// A fresh directory under the target directory for the shared outputs.
fn shared(name: &str) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("report_batch_cli")
        .join(name);
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(out.parent().unwrap()).unwrap();
    out
}

/// A batch of the night scenario (which varies from run to run), 8 runs on one thread, with
/// its report written by `batch --report`; shared by the tests, each working on a copy.
fn batch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = shared("batch");
        ok(&[
            "batch",
            &scenario("sample-station-night.ron"),
            "--runs",
            RUNS,
            "--threads",
            "1",
            "--out",
            s(&out),
            "--report",
        ]);
        out
    })
}

/// The sample station against two of its plan variants, 8 paired runs, with the report
/// written by `compare --report`.
fn compare_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = shared("compare");
        ok(&[
            "compare",
            &scenario("sample-station.ron"),
            &scenario("variants/power-stations-6.ron"),
            &scenario("variants/stockpile-7-days.ron"),
            "--runs",
            RUNS,
            "--out",
            s(&out),
            "--report",
        ]);
        out
    })
}

/// A fresh copy of the batch's three files (not its report).
fn copy_batch(tmp: &TempDir) -> PathBuf {
    let dir = tmp.path().join("batch");
    fs::create_dir_all(&dir).unwrap();
    for name in ["batch.json", "runs.csv", "bands.json"] {
        fs::copy(batch_dir().join(name), dir.join(name)).unwrap();
    }
    dir
}

/// A fresh copy of the comparison's compare.json (not its report).
fn copy_compare(tmp: &TempDir) -> PathBuf {
    let dir = tmp.path().join("compare");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(compare_dir().join("compare.json"), dir.join("compare.json")).unwrap();
    dir
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The rows of the HTML report's key-figure table, as (label, value).
fn key_figures(html: &str) -> Vec<(String, String)> {
    let start = html
        .find("<table class=\"key\"><tbody>")
        .expect("a key-figure table");
    let end = start + html[start..].find("</tbody>").unwrap();
    html[start..end]
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix("<tr><th>")?.strip_suffix("</td></tr>")?;
            let (label, value) = l.split_once("</th><td class=\"value\">")?;
            Some((unescape(label), unescape(value)))
        })
        .collect()
}

/// A Markdown table cell as the report writes it.
fn md_cell(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "|\\*_`[]<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The base64 payloads of the embedded PNGs, in order.
fn pngs(html: &str) -> Vec<&str> {
    html.split("src=\"data:image/png;base64,")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

/// A batch statistic as the report shows it: one decimal, none for (nearly) whole numbers.
fn value(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{:.0}", v.round())
    } else {
        format!("{v:.1}")
    }
}

/// A comparison median as its table shows it.
fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else if v.abs() < 1.0 {
        format!("{v:.3}")
    } else {
        format!("{v:.1}")
    }
}

// --- the batch report -----------------------------------------------------------------------

#[test]
fn batch_html_report_has_title_key_figures_and_the_three_charts() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    ok(&["report", s(&dir)]);
    let html = fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    assert!(html.contains(BATCH_TITLE_JA), "no batch title");
    // Exactly the batch's three charts, each an embedded PNG.
    for id in BATCH_CHARTS {
        assert!(
            html.contains(&format!("<figure class=\"chart\" id=\"chart-{id}\">")),
            "chart {id} missing"
        );
    }
    assert_eq!(html.matches("<figure class=\"chart\"").count(), 3);
    assert_eq!(html.matches(PNG_DATA).count(), 3, "three embedded PNGs");
    // The key figures, most critical first, before the charts; the assumptions after them.
    let figures = key_figures(&html);
    let labels: Vec<&str> = figures.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, KEY_LABELS_JA);
    let key = html.find(KEY_LABELS_JA[0]).unwrap();
    let charts = html.find("id=\"charts\"").unwrap();
    let assumptions = html.find("計画の想定とシミュレーションの違い").unwrap();
    assert!(key < charts && charts < assumptions);
    assert!(html.contains("中央値"));
    assert!(
        html.contains("<th>5〜95%</th>"),
        "the assumptions give the range"
    );

    // The figures are batch.json's: the runs, the profile, the visits' distribution.
    let batch = json(&dir.join("batch.json"));
    assert_eq!(batch["format_version"], 3);
    let scenario_name = batch["scenario"].as_str().unwrap();
    assert!(html.contains(&format!("シナリオ「{scenario_name}」")));
    assert!(html.contains(&format!("シード 1 で {RUNS} 回実行")));
    let power = batch["profile"]["power_dependent_patients"]
        .as_u64()
        .unwrap();
    assert!(
        figures[0].1.contains(&format!("電源依存 {power} 人中")),
        "{figures:?}"
    );
    let delivered = &batch["metrics"]["visits.delivered"];
    let demanded = &batch["metrics"]["visits.demanded"];
    let f = |m: &Value, k: &str| m[k].as_f64().unwrap();
    assert_ne!(
        f(delivered, "min"),
        f(delivered, "max"),
        "the night scenario varies from run to run"
    );
    let expected = format!(
        "中央値 {} 件（5〜95%：{} 件〜{} 件）、需要の中央値 {} 件（{:.1}%）",
        value(f(delivered, "p50")),
        value(f(delivered, "p5")),
        value(f(delivered, "p95")),
        value(f(demanded, "p50")),
        f(delivered, "p50") / f(demanded, "p50") * 100.0
    );
    assert_eq!(figures[4].1, expected);
    assert!(html.contains("bcpsim がバッチの出力（batch.json、出力形式 3）から作成"));
    // No network: nothing is fetched from elsewhere.
    assert!(!html.contains("http://") && !html.contains("https://"));
}

#[test]
fn batch_markdown_has_the_same_key_figures_as_the_html() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    ok(&["report", s(&dir), "--format", "md"]);
    let md = fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(
        !dir.join("report.html").exists(),
        "md writes only report.md"
    );
    assert!(md.starts_with("# BCP シミュレーション報告書（モンテカルロ）\n"));
    let html = fs::read_to_string(batch_dir().join("report.html")).unwrap();
    let figures = key_figures(&html);
    assert_eq!(figures.len(), 5);
    for (label, value) in &figures {
        let row = format!("| {} | {} |", md_cell(label), md_cell(value));
        assert!(md.contains(&row), "{row} not in the Markdown:\n{md}");
    }
    assert!(md.contains("中央値"));
    assert!(md.contains("## 計画の想定とシミュレーションの違い"));
    assert!(md.contains("| 時点 | 計画の想定 | 中央値 | 5〜95% |"));
    assert!(!md.contains("data:image"), "no charts in the Markdown");
}

#[test]
fn batch_report_in_english() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    let en = tmp.path().join("en.html");
    ok(&["report", s(&dir), "--lang", "en", "--out", s(&en)]);
    assert!(!dir.join("report.html").exists(), "--out is where it goes");
    let html = fs::read_to_string(&en).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains(BATCH_TITLE_EN));
    let labels: Vec<String> = key_figures(&html).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, KEY_LABELS_EN);
    assert!(html.contains("median "));
    for ja in ["報告書", "中央値", "重要な数値", "時間後"] {
        assert!(!html.contains(ja), "Japanese {ja:?} in the English report");
    }
    for id in BATCH_CHARTS {
        assert!(html.contains(&format!("id=\"chart-{id}\"")), "chart {id}");
    }
    // The charts are drawn in English too: other images than the Japanese report's.
    let ja = fs::read_to_string(batch_dir().join("report.html")).unwrap();
    let (ja_pngs, en_pngs) = (pngs(&ja), pngs(&html));
    assert_eq!(en_pngs.len(), 3);
    for (i, (a, b)) in ja_pngs.iter().zip(&en_pngs).enumerate() {
        assert_ne!(a, b, "chart {i} is the same in both languages");
    }

    let md = tmp.path().join("en.md");
    ok(&[
        "report",
        s(&dir),
        "--format",
        "md",
        "--lang",
        "en",
        "--out",
        s(&md),
    ]);
    let md = fs::read_to_string(md).unwrap();
    assert!(md.starts_with("# BCP simulation report (Monte Carlo)\n"));
    for label in KEY_LABELS_EN {
        assert!(md.contains(&format!("| {label} |")), "{label}");
    }
    assert!(md.contains("median "));
    assert!(!md.contains("中央値") && !md.contains("報告書"));
}

#[test]
fn batch_report_is_the_same_for_any_thread_count_and_every_time() {
    let tmp = TempDir::new().unwrap();
    // `batch --threads 1 --report` wrote batch_dir()/report.html.
    let written_by_batch = fs::read(batch_dir().join("report.html")).unwrap();
    let dir = copy_batch(&tmp);
    let (a, b) = (tmp.path().join("a.html"), tmp.path().join("b.html"));
    ok(&["report", s(&dir), "--out", s(&a)]);
    ok(&["report", s(&dir), "--out", s(&b)]);
    let a = fs::read(&a).unwrap();
    assert_eq!(a, fs::read(&b).unwrap(), "report twice");
    assert_eq!(a, written_by_batch, "batch --report and bcpsim report");

    // The same batch on two threads: the same files, so the same report.
    let two = tmp.path().join("two");
    ok(&[
        "batch",
        &scenario("sample-station-night.ron"),
        "--runs",
        RUNS,
        "--threads",
        "2",
        "--out",
        s(&two),
    ]);
    for name in ["batch.json", "runs.csv", "bands.json"] {
        assert_eq!(
            fs::read(two.join(name)).unwrap(),
            fs::read(dir.join(name)).unwrap(),
            "{name} with 1 and 2 threads"
        );
    }
    let c = tmp.path().join("c.html");
    ok(&["report", s(&two), "--out", s(&c)]);
    assert_eq!(fs::read(&c).unwrap(), a, "report of the 2-thread batch");
    for lang in ["ja", "en"] {
        let (m1, m2) = (
            tmp.path().join(format!("1-{lang}.md")),
            tmp.path().join(format!("2-{lang}.md")),
        );
        for (d, m) in [(&dir, &m1), (&two, &m2)] {
            ok(&[
                "report",
                s(d),
                "--format",
                "md",
                "--lang",
                lang,
                "--out",
                s(m),
            ]);
        }
        assert_eq!(fs::read(&m1).unwrap(), fs::read(&m2).unwrap(), "md {lang}");
    }
}

#[test]
fn shard_report_says_it_is_one_shard() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("shard");
    ok(&[
        "batch",
        &scenario("sample-station-night.ron"),
        "--runs",
        RUNS,
        "--shard",
        "1/2",
        "--out",
        s(&out),
        "--report",
        "--lang",
        "en",
    ]);
    // runs.csv holds the shard's 4 runs of 8: not cut short.
    let rows = fs::read_to_string(out.join("runs.csv"))
        .unwrap()
        .lines()
        .count();
    assert_eq!(rows, 1 + 4);
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains(BATCH_TITLE_EN));
    assert!(
        html.contains("This is one shard (1/2, 4 runs)"),
        "no shard line"
    );
    assert!(html.contains(&format!("seed 1, {RUNS} runs")));
}

// --- the comparison report ------------------------------------------------------------------

#[test]
fn variants_of_the_comparison_name_the_sample_station_as_base() {
    for v in ["power-stations-6.ron", "stockpile-7-days.ron"] {
        let text = fs::read_to_string(root().join("scenarios/variants").join(v)).unwrap();
        assert!(text.contains("base: \"../sample-station.ron\""), "{v}");
    }
}

#[test]
fn compare_report_has_a_table_per_variant_and_the_forest_chart() {
    let dir = compare_dir();
    let file = json(&dir.join("compare.json"));
    assert_eq!(file["format_version"], 3);
    let names: Vec<&str> = file["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["variant"].as_str().unwrap())
        .collect();
    assert_eq!(names, [POWER_VARIANT, STOCK_VARIANT]);

    // `compare --report` wrote report.html.
    let html = fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    assert!(html.contains(COMPARE_TITLE_JA), "no comparison title");
    let base = file["base"].as_str().unwrap();
    assert!(html.contains(&format!("基準のシナリオ「{base}」と 2 件の比較案")));
    assert!(html.contains(&format!("シード 1 の同じ {RUNS} 回の災害")));
    // The forest plot as embedded PNGs: split into charts that each fit a printed page (eight
    // headline panels and the clear stock-out panels, two variants a panel, five panels a
    // chart), numbered after the first.
    assert!(html.contains("<figure class=\"chart\" id=\"chart-comparison\">"));
    let figures = html.matches("<figure class=\"chart\"").count();
    assert!(
        figures >= 2,
        "{figures} forest charts for at least 8 panels"
    );
    assert_eq!(html.matches(PNG_DATA).count(), figures);
    for part in 2..=figures {
        let id = format!("<figure class=\"chart\" id=\"chart-comparison-{part}\">");
        assert!(html.contains(&id), "{id}");
        assert!(
            html.contains(&format!("（{part}/{figures}）")),
            "part {part}"
        );
    }
    // One table per variant, in the order given, each led by its verdicts.
    assert_eq!(html.matches("<table class=\"comparison\">").count(), 2);
    let mut at = 0;
    for name in names.iter() {
        let lead = format!("<p>比較案「{name}」：グラフの ");
        let caption = format!("<caption>「{name}」と基準の比較</caption>");
        let l = at + html[at..].find(&lead).unwrap_or_else(|| panic!("{lead}"));
        let c = l + html[l..]
            .find(&caption)
            .unwrap_or_else(|| panic!("{caption}"));
        at = c;
    }
    assert!(html.contains(
        "<th>指標</th><th>基準 中央値</th><th>比較 中央値</th><th>差 [95%信頼区間]</th><th>改善した実行</th>"
    ));
    // The medians are compare.json's.
    for v in file["variants"].as_array().unwrap() {
        let m = v["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"] == "critical.class_a_uncontacted_over_24h")
            .unwrap();
        let row = format!(
            "<tr><td>24時間以上連絡のない優先度A（人）</td><td>{}</td><td>{}</td>",
            number(m["base_median"].as_f64().unwrap()),
            number(m["variant_median"].as_f64().unwrap())
        );
        assert!(html.contains(&row), "{row}");
    }
    assert!(html.contains("bcpsim が比較の出力（compare.json、出力形式 3）から作成"));
    assert!(!html.contains("http://") && !html.contains("https://"));
}

#[test]
fn compare_report_is_what_bcpsim_report_writes_in_both_formats_and_languages() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_compare(&tmp);
    let again = tmp.path().join("again.html");
    ok(&["report", s(&dir), "--out", s(&again)]);
    assert_eq!(
        fs::read(&again).unwrap(),
        fs::read(compare_dir().join("report.html")).unwrap(),
        "compare --report and bcpsim report"
    );

    let en = tmp.path().join("en.html");
    ok(&["report", s(&dir), "--lang", "en", "--out", s(&en)]);
    let en = fs::read_to_string(en).unwrap();
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains(COMPARE_TITLE_EN));
    assert!(en.contains("id=\"chart-comparison\""));
    for name in [POWER_VARIANT, STOCK_VARIANT] {
        assert!(en.contains(&format!("<caption>“{name}” against the base</caption>")));
    }
    assert!(!en.contains("報告書") && !en.contains("基準"));

    ok(&["report", s(&dir), "--format", "md"]);
    let md = fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.starts_with("# 計画の比較報告書\n"));
    for name in [POWER_VARIANT, STOCK_VARIANT] {
        assert!(
            md.contains(&format!("**「{name}」と基準の比較**")),
            "{name}"
        );
        assert!(md.contains(&format!("比較案「{name}」：")), "{name}");
    }
    assert_eq!(
        md.matches("| 指標 | 基準 中央値 | 比較 中央値 | 差 \\[95%信頼区間\\] | 改善した実行 |")
            .count(),
        2,
        "a table per variant"
    );
    let again = tmp.path().join("again.md");
    ok(&["report", s(&dir), "--format", "md", "--out", s(&again)]);
    assert_eq!(fs::read(&again).unwrap(), md.as_bytes());
}

// --- bad input --------------------------------------------------------------------------------

/// `bcpsim report DIR` must stop with exit 2 and a message containing every needle, in both
/// languages, and write nothing (neither the report nor any chart).
fn expect_bad(dir: &Path, ja: &[&str], en: &[&str]) {
    let charts = dir.join("charts");
    for (lang, needles, extra) in [
        ("ja", ja, &[][..]),
        ("en", en, &["--charts", s(&charts)][..]),
        ("en", en, &["--format", "md"][..]),
    ] {
        let mut args = vec!["report", s(dir), "--lang", lang];
        args.extend_from_slice(extra);
        let o = bcpsim(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        for n in needles {
            assert!(err.contains(n), "{n:?} not in {err}");
        }
        assert!(!err.contains("panicked"), "{err}");
        assert!(o.stdout.is_empty(), "nothing on stdout");
        for name in ["report.html", "report.md", "charts"] {
            assert!(!dir.join(name).exists(), "{name} was written");
        }
    }
}

fn path_of(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn batch_json_cut_in_half_is_named_as_truncated() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    let bytes = fs::read(dir.join("batch.json")).unwrap();
    fs::write(dir.join("batch.json"), &bytes[..bytes.len() / 2]).unwrap();
    let file = path_of(&dir, "batch.json");
    expect_bad(&dir, &[&file, "途中で切れています"], &[&file, "truncated"]);
}

#[test]
fn empty_batch_json_is_named_as_truncated() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    fs::write(dir.join("batch.json"), "").unwrap();
    let file = path_of(&dir, "batch.json");
    expect_bad(&dir, &[&file, "途中で切れています"], &[&file, "truncated"]);
}

#[test]
fn missing_runs_csv_is_named() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    fs::remove_file(dir.join("runs.csv")).unwrap();
    let file = path_of(&dir, "runs.csv");
    expect_bad(&dir, &[&file, "がありません"], &[&file, "is missing"]);
}

#[test]
fn runs_csv_without_its_last_row_is_named_as_truncated() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    let text = fs::read_to_string(dir.join("runs.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 8, "a header and one row per run");
    // Cut at a line boundary: every row parses, but one run is missing.
    let cut: String = lines[..lines.len() - 1]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.join("runs.csv"), cut).unwrap();
    let file = path_of(&dir, "runs.csv");
    expect_bad(&dir, &[&file, "途中で切れています"], &[&file, "truncated"]);
    // And cut in the middle of a row.
    fs::write(dir.join("runs.csv"), &text[..text.len() - 5]).unwrap();
    expect_bad(&dir, &[&file, "途中で切れています"], &[&file, "truncated"]);
}

#[test]
fn batch_json_of_the_older_format_names_both_versions() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    let text = fs::read_to_string(dir.join("batch.json")).unwrap();
    let old = text.replacen("\"format_version\": 3,", "\"format_version\": 1,", 1);
    assert_ne!(text, old);
    fs::write(dir.join("batch.json"), old).unwrap();
    let file = path_of(&dir, "batch.json");
    expect_bad(
        &dir,
        &[&file, "バージョンが 1 です", "読めるのは 3"],
        &[&file, "format version 1", "reads 3"],
    );
}

#[test]
fn invalid_compare_json_is_named_with_its_line() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_compare(&tmp);
    let text = fs::read_to_string(dir.join("compare.json")).unwrap();
    // An unquoted key: not JSON, on the line of the first "variants".
    let line = text
        .lines()
        .position(|l| l.contains("\"variants\""))
        .unwrap()
        + 1;
    fs::write(
        dir.join("compare.json"),
        text.replacen("\"variants\"", "variants", 1),
    )
    .unwrap();
    let file = path_of(&dir, "compare.json");
    let en = format!("{file} line {line} is not in bcpsim's output format");
    let ja = format!("{file} の {line} 行目が bcpsim の出力形式ではありません");
    expect_bad(&dir, &[&ja], &[&en]);
}

#[test]
fn compare_json_cut_short_empty_or_older_is_named() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_compare(&tmp);
    let path = dir.join("compare.json");
    let text = fs::read_to_string(&path).unwrap();
    let file = path_of(&dir, "compare.json");
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    expect_bad(&dir, &[&file, "途中で切れています"], &[&file, "truncated"]);
    fs::write(&path, "").unwrap();
    expect_bad(&dir, &[&file, "途中で切れています"], &[&file, "truncated"]);
    let old = text.replacen("\"format_version\": 3,", "\"format_version\": 1,", 1);
    assert_ne!(text, old);
    fs::write(&path, old).unwrap();
    expect_bad(
        &dir,
        &[&file, "バージョンが 1 です", "読めるのは 3"],
        &[&file, "format version 1", "reads 3"],
    );
}

#[test]
fn directory_with_none_of_the_files_is_named() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("notes");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("notes.txt"), "not a bcpsim output").unwrap();
    let name = dir.display().to_string();
    expect_bad(
        &dir,
        &[
            &name,
            "bcpsim の出力ディレクトリではありません",
            "batch.json",
        ],
        &[
            &name,
            "not a bcpsim output directory",
            "batch.json",
            "compare.json",
        ],
    );
}

#[test]
fn batch_directory_without_batch_json_names_it() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    fs::remove_file(dir.join("batch.json")).unwrap();
    let file = path_of(&dir, "batch.json");
    expect_bad(&dir, &[&file, "がありません"], &[&file, "is missing"]);
}

#[test]
fn runs_csv_with_an_extra_row_is_not_called_truncated() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    let text = fs::read_to_string(dir.join("runs.csv")).unwrap();
    let last = text.lines().last().unwrap().to_string();
    fs::write(dir.join("runs.csv"), format!("{text}{last}\n")).unwrap();
    let file = path_of(&dir, "runs.csv");
    let o = bcpsim(&["report", s(&dir), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&file), "{err}");
    assert!(!err.contains("truncated"), "{err}");
    assert!(err.contains("9 runs, but batch.json says 8"), "{err}");
}

// --- refusing to overwrite ----------------------------------------------------------------------

#[test]
fn report_twice_without_force_is_refused_and_keeps_the_first() {
    let tmp = TempDir::new().unwrap();
    let dir = copy_batch(&tmp);
    ok(&["report", s(&dir)]);
    let target = dir.join("report.html");
    let first = fs::read(&target).unwrap();
    // Mark the first so that a rewrite with the same bytes would still show.
    let marked = [first.as_slice(), b"<!-- first -->\n"].concat();
    fs::write(&target, &marked).unwrap();
    let o = bcpsim(&["report", s(&dir)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&target.display().to_string()), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        fs::read(&target).unwrap(),
        marked,
        "the first report is kept"
    );
    ok(&["report", s(&dir), "--force"]);
    assert_eq!(fs::read(&target).unwrap(), first);
}

/// The files in `dir`, sorted, with their bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = fs::read(e.path()).unwrap();
            (e.file_name().into_string().unwrap(), bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn charts_option_writes_each_chart_and_refuses_existing_ones_before_writing_anything() {
    let tmp = TempDir::new().unwrap();
    let batch = copy_batch(&tmp);
    for (dir, ids) in [
        (batch.clone(), &BATCH_CHARTS[..]),
        (copy_compare(&tmp), &["comparison"][..]),
    ] {
        let charts = dir.join("charts");
        ok(&["report", s(&dir), "--charts", s(&charts)]);
        assert!(dir.join("report.html").exists());
        let names: Vec<String> = files(&charts).into_iter().map(|(n, _)| n).collect();
        // The forest plot comes in parts: comparison, comparison-2, ….
        let parts = names
            .iter()
            .filter(|n| n.starts_with("comparison") && n.ends_with(".png"))
            .count();
        let ids: Vec<String> = if ids == ["comparison"] {
            assert!(parts >= 2, "{names:?}");
            std::iter::once("comparison".to_string())
                .chain((2..=parts).map(|k| format!("comparison-{k}")))
                .collect()
        } else {
            ids.iter().map(|id| id.to_string()).collect()
        };
        let mut expected: Vec<String> = ids
            .iter()
            .flat_map(|id| [format!("{id}.png"), format!("{id}.svg")])
            .collect();
        expected.sort();
        assert_eq!(
            names, expected,
            "exactly the report's charts, no temporary files"
        );
        for id in ids {
            let png = fs::read(charts.join(format!("{id}.png"))).unwrap();
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{id}");
            let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
            let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
            if id.starts_with("comparison") {
                // Printed 180 mm wide, at most 1150 × 0.18 = 207 mm tall: a page with room
                // for its caption.
                assert_eq!(w, 1000, "{id}");
                assert!(h <= 1150, "{id} is {h} pixels tall");
            } else {
                assert_eq!(w, 1200, "{id}");
            }
            let svg = fs::read_to_string(charts.join(format!("{id}.svg"))).unwrap();
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        }
    }

    // The batch's charts are there: another report into the same directory is refused,
    // naming them, and writes nothing, not even the report.
    let charts = batch.join("charts");
    let before = files(&charts);
    fs::remove_file(batch.join("report.html")).unwrap();
    let o = bcpsim(&["report", s(&batch), "--charts", s(&charts)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("attendance.png") && err.contains("--force"),
        "{err}"
    );
    assert!(
        !batch.join("report.html").exists(),
        "the report was written"
    );
    assert_eq!(files(&charts), before, "the charts changed");

    // One chart file in the way is enough: none of the others is written either.
    let partial = tmp.path().join("partial");
    fs::create_dir_all(&partial).unwrap();
    fs::write(partial.join("stocks.svg"), "keep me").unwrap();
    let o = bcpsim(&[
        "report",
        s(&batch),
        "--format",
        "md",
        "--charts",
        s(&partial),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("stocks.svg"), "{}", stderr(&o));
    assert!(!batch.join("report.md").exists(), "the report was written");
    assert_eq!(
        files(&partial),
        [("stocks.svg".to_string(), b"keep me".to_vec())]
    );
}

#[test]
fn batch_and_compare_with_report_refuse_an_existing_report_before_running() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("report.html"), "keep me").unwrap();
    let batch = bcpsim(&[
        "batch",
        &scenario("sample-station-night.ron"),
        "--runs",
        RUNS,
        "--out",
        s(&out),
        "--report",
    ]);
    let compare = bcpsim(&[
        "compare",
        &scenario("sample-station.ron"),
        &scenario("variants/power-stations-6.ron"),
        "--runs",
        RUNS,
        "--out",
        s(&out),
        "--report",
    ]);
    for (cmd, o) in [("batch", batch), ("compare", compare)] {
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains("report.html"), "{cmd}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{cmd} ran before refusing");
    }
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["report.html"], "nothing else was written");
    assert_eq!(
        fs::read_to_string(out.join("report.html")).unwrap(),
        "keep me"
    );
}
