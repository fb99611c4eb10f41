//! The HTML report in a real browser: headless Chromium loads it with no script error, shows
//! the Japanese title and decodes every chart; a screenshot is kept for a person to look at
//! (`<target>/tmp/report_browser/report.png`). The same for the report of a batch and of a
//! comparison (`<target>/tmp/report_browser_batch/batch.png` and `comparison.png`). Every
//! report's tables and charts must also fit the page's width.
//!
//! Without Chromium the test is skipped with a message, unless the environment variable `CI`
//! is set: then a missing browser fails it (`.ci/run` installs `chromium`). The browser can be
//! named with `BCPSIM_CHROMIUM` (a path that does not exist simulates a machine without it).
//!
//! Run with `cargo test --test report_browser`.

mod support;
use support::{bcpsim, chromium};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The charts of a run's report, in order.
const CHARTS: [&str; 7] = [
    "attendance",
    "lifelines",
    "stocks",
    "safety_checks",
    "battery_depleted",
    "battery_margins",
    "visits",
];

/// Runs the browser headless on `page` with `extra` arguments, killing it after 90 s. Output
/// goes through files: a page's DOM is larger than a pipe's buffer.
fn headless(browser: &Path, page: &Path, extra: &[String]) -> Output {
    let profile = TempDir::new().unwrap();
    let out_path = profile.path().join("stdout.txt");
    let err_path = profile.path().join("stderr.txt");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Output {
        status,
        stdout: fs::read(&out_path).unwrap_or_default(),
        stderr: fs::read(&err_path).unwrap_or_default(),
    }
}

/// The browser, or `None` after printing why the test is skipped; a missing browser fails
/// the test when `CI` is set.
fn browser_or_skip() -> Option<PathBuf> {
    let browser = chromium();
    if browser.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("chromium is not installed but CI is set: .ci/run must install it");
        }
        eprintln!(
            "SKIPPED report_browser: chromium not found (install it, e.g. `apt-get install \
chromium`, or set BCPSIM_CHROMIUM); this test fails instead when CI is set"
        );
    }
    browser
}

/// A fresh folder under the target directory, kept after the test for a person to look at.
fn keep_dir(name: &str) -> PathBuf {
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&keep);
    fs::create_dir_all(&keep).unwrap();
    keep
}

fn ok(args: &[&str]) {
    let o = bcpsim(args);
    assert!(
        o.status.success(),
        "bcpsim {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Writes the HTML report of `dir` to `page` with the font embedded, so the page's text is
/// Japanese even where no Japanese font is installed (the screenshot is for a person to check).
fn write_report(dir: &Path, page: &Path) {
    ok(&[
        "report",
        dir.to_str().unwrap(),
        "--embed-font",
        "--out",
        page.to_str().unwrap(),
    ]);
}

/// Loads `page` headless and checks the loaded DOM: the title, every chart's figure, every
/// chart image decoded (`data-charts-loaded`), and no error in the browser's log.
fn check_loaded_page(browser: &Path, page: &Path, title: &str, charts: &[&str]) {
    let dom = headless(
        browser,
        page,
        &["--virtual-time-budget=10000".into(), "--dump-dom".into()],
    );
    let html = String::from_utf8_lossy(&dom.stdout);
    let log = String::from_utf8_lossy(&dom.stderr);
    let name = page.display();
    assert!(dom.status.success(), "chromium failed on {name}: {log}");
    assert!(
        html.contains(&format!("<h1 id=\"title\">{title}</h1>")),
        "no Japanese title {title:?} in the loaded page {name}"
    );
    for id in charts {
        assert!(
            html.contains(&format!("id=\"chart-{id}\"")),
            "chart {id} missing in {name}"
        );
    }
    // Every chart decoded: those named, and the parts a long forest plot is split into
    // (comparison-2, …).
    let figures = html.matches("<figure class=\"chart\"").count();
    assert!(figures >= charts.len(), "{figures} charts in {name}");
    let loaded = format!("data-charts-loaded=\"{0}/{0}\"", figures);
    assert!(
        html.contains(&loaded),
        "not every chart image of {name} decoded in the browser (want {loaded}): {}",
        html.lines()
            .find(|l| l.contains("<body"))
            .unwrap_or("(no body)")
    );
    for bad in [
        "Uncaught",
        "SyntaxError",
        "ERR_FILE_NOT_FOUND",
        "Failed to load resource",
    ] {
        assert!(
            !log.contains(bad),
            "browser reported {bad} on {name}: {log}"
        );
    }
}

/// Appended to a copy of a page: after loading, records on `<body data-overflow="…">` every
/// table and figure whose right edge is beyond the body's (`class:right>body`), or `none`.
const FIT_PROBE: &str = "<script>window.addEventListener('load',function(){\
var b=document.body.getBoundingClientRect().right,o=[];\
document.querySelectorAll('table,figure').forEach(function(t){\
var r=t.getBoundingClientRect().right;\
if(r>b+1){o.push((t.className||t.tagName)+':'+Math.round(r)+'>'+Math.round(b));}});\
document.body.setAttribute('data-overflow',o.join(' ')||'none');});</script>";

/// The tables and figures of `page` wider than the page's body at a 1000 px wide window
/// (the body is at most 190 mm, the A4 text width), as the probe reports them: `none` when
/// everything fits. The probe runs on a copy next to the page (`<name>-fit.html`).
fn overflowing(browser: &Path, page: &Path) -> String {
    let html = fs::read_to_string(page).unwrap();
    let at = html.rfind("</body>").expect("a </body>");
    let stem = page.file_stem().unwrap().to_str().unwrap();
    let probe = page.with_file_name(format!("{stem}-fit.html"));
    fs::write(&probe, format!("{}{FIT_PROBE}{}", &html[..at], &html[at..])).unwrap();
    let dom = headless(
        browser,
        &probe,
        &[
            "--virtual-time-budget=10000".into(),
            "--window-size=1000,3000".into(),
            "--dump-dom".into(),
        ],
    );
    assert!(
        dom.status.success(),
        "chromium failed on {}: {}",
        probe.display(),
        String::from_utf8_lossy(&dom.stderr)
    );
    let out = String::from_utf8_lossy(&dom.stdout);
    let start = out
        .find("data-overflow=\"")
        .unwrap_or_else(|| panic!("the fit probe did not run on {}", probe.display()))
        + "data-overflow=\"".len();
    let end = start + out[start..].find('"').unwrap();
    out[start..end].replace("&gt;", ">")
}

/// Takes a `width` × `height` screenshot of `page` into `shot` and checks it is not blank.
fn screenshot(browser: &Path, page: &Path, shot: &Path, (width, height): (u32, u32)) {
    let o = headless(
        browser,
        page,
        &[
            format!("--screenshot={}", shot.display()),
            format!("--window-size={width},{height}"),
            "--hide-scrollbars".into(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = fs::read(shot).expect("screenshot written");
    assert_eq!(&png[1..4], b"PNG");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((w, h), (width, height));
    // A blank page compresses to almost nothing; the report's text and charts do not.
    assert!(
        png.len() > 100_000,
        "screenshot {} looks empty: {} bytes",
        shot.display(),
        png.len()
    );
    eprintln!("screenshot for a person to look at: {}", shot.display());
}

#[test]
fn html_report_loads_in_chromium_with_title_and_every_chart() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let keep = keep_dir("report_browser");
    let run = keep.join("run");
    ok(&["run", "--out", run.to_str().unwrap()]);
    let page = keep.join("report.html");
    write_report(&run, &page);
    check_loaded_page(&browser, &page, "BCP シミュレーション報告書", &CHARTS);
    assert_eq!(overflowing(&browser, &page), "none", "wider than the page");
    screenshot(&browser, &page, &keep.join("report.png"), (1000, 5200));
}

#[test]
fn batch_and_comparison_reports_load_in_chromium_with_title_and_every_chart() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let keep = keep_dir("report_browser_batch");
    let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let scenario = |rel: &str| scenarios.join(rel).to_str().unwrap().to_string();
    let batch = keep.join("batch");
    ok(&[
        "batch",
        &scenario("sample-station-night.ron"),
        "--runs",
        "8",
        "--out",
        batch.to_str().unwrap(),
    ]);
    let compare = keep.join("compare");
    ok(&[
        "compare",
        &scenario("sample-station.ron"),
        &scenario("variants/power-stations-6.ron"),
        &scenario("variants/stockpile-7-days.ron"),
        "--runs",
        "8",
        "--out",
        compare.to_str().unwrap(),
    ]);
    for (dir, name, title, charts) in [
        (
            &batch,
            "batch",
            "BCP シミュレーション報告書（モンテカルロ）",
            &["attendance", "stocks", "safety_checks"][..],
        ),
        (
            &compare,
            "comparison",
            "計画の比較報告書",
            &["comparison"][..],
        ),
    ] {
        let page = keep.join(format!("{name}.html"));
        write_report(dir, &page);
        check_loaded_page(&browser, &page, title, charts);
        assert_eq!(
            overflowing(&browser, &page),
            "none",
            "{name} is wider than the page"
        );
        screenshot(
            &browser,
            &page,
            &keep.join(format!("{name}.png")),
            (1000, 4000),
        );
    }
}
