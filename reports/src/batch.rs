//! Files and tables of a batch and a comparison.
//!
//! A batch directory holds `runs.csv` (one row per run, every metric of `summary.json`),
//! `bands.json` (the batch's identity and per-step histograms, from which bands are computed
//! and through which shards merge exactly) and `batch.json` (statistics and bands). A
//! comparison writes `compare.json`. Every file is a pure function of the batch's data, so a
//! merged set of shards writes exactly the bytes one machine would have.

use std::fmt::Write as _;

use bcpsim_engine::Lang;
use bcpsim_engine::batch::{
    BATCH_FORMAT_VERSION, Bands, BatchData, BatchMeta, Paired, RunRow, Stats,
};
use serde::{Deserialize, Serialize};

use bcpsim_engine::outcome::catalogue::{self, Unit, keys};

use crate::i18n::Text;
use crate::width::{Align, table};

pub const RUNS_FILE: &str = "runs.csv";
pub const BANDS_FILE: &str = "bands.json";
pub const BATCH_FILE: &str = "batch.json";
pub const COMPARE_FILE: &str = "compare.json";
/// The files of a batch (or shard) directory, in the order they are written.
pub const BATCH_FILES: [&str; 3] = [RUNS_FILE, BANDS_FILE, BATCH_FILE];

/// `runs.csv`: `run` and every metric, one row per run. Numbers are written in Rust's
/// shortest round-trip form, so reading them back gives the same bits; an empty cell is null.
pub fn render_runs_csv(data: &BatchData) -> String {
    let mut out = String::from("run");
    for name in &data.metric_names {
        out.push(',');
        out.push_str(name);
    }
    out.push('\n');
    for row in &data.rows {
        let _ = write!(out, "{}", row.run);
        for v in row.values.iter() {
            out.push(',');
            if let Some(x) = v {
                // `{}` of f64 round-trips exactly; -0 is written as 0.
                let _ = write!(out, "{}", if x == 0.0 { 0.0 } else { x });
            }
        }
        out.push('\n');
    }
    out
}

/// `bands.json`: what a batch is and its per-step histograms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BandsFile {
    pub(crate) format_version: u32,
    pub(crate) meta: BatchMeta,
    pub(crate) bands: Bands,
}

pub fn render_bands_json(data: &BatchData) -> String {
    let file = BandsFile {
        format_version: BATCH_FORMAT_VERSION,
        meta: data.meta.clone(),
        bands: data.bands.clone(),
    };
    let mut s = serde_json::to_string(&file).unwrap_or_default();
    s.push('\n');
    s
}

/// `batch.json`: per metric statistics and per-step bands.
pub fn render_batch_json(data: &BatchData) -> String {
    let mut s = serde_json::to_string_pretty(&data.summarize()).unwrap_or_default();
    s.push('\n');
    s
}

/// The three files of a batch directory, ready for `write_files_atomically`.
pub fn batch_files(data: &BatchData) -> [(&'static str, String); 3] {
    [
        (RUNS_FILE, render_runs_csv(data)),
        (BANDS_FILE, render_bands_json(data)),
        (BATCH_FILE, render_batch_json(data)),
    ]
}

/// Parses `runs.csv` as written by [`render_runs_csv`].
pub fn parse_runs_csv(text: &str) -> Result<(Vec<String>, Vec<RunRow>), String> {
    let mut lines = text.lines();
    let header = lines.next().ok_or("empty file")?;
    let mut names = header.split(',');
    if names.next() != Some("run") {
        return Err("the first column must be `run`".into());
    }
    let metric_names: Vec<String> = names.map(str::to_string).collect();
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate() {
        let mut cells = line.split(',');
        let line_no = i + 2;
        let run = cells
            .next()
            .and_then(|c| c.parse::<u64>().ok())
            .ok_or_else(|| format!("line {line_no}: a run number is expected"))?;
        let values: Vec<Option<f64>> = cells
            .map(|c| {
                if c.is_empty() {
                    return Ok(None);
                }
                match c.parse::<f64>() {
                    Ok(x) if x.is_finite() => Ok(Some(x)),
                    _ => Err(format!("line {line_no}: `{c}` is not a finite number")),
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        if values.len() != metric_names.len() {
            return Err(format!(
                "line {line_no}: {} values for {} metrics",
                values.len(),
                metric_names.len()
            ));
        }
        rows.push(RunRow {
            run,
            values: values.into(),
        });
    }
    Ok((metric_names, rows))
}

// --- readable tables -------------------------------------------------------------------------

/// The metrics a person reads first, in table order; names and units from the engine's
/// metric catalogue.
const HEADLINE: [&str; 11] = [
    keys::BATTERY_DEPLETED_PATIENTS,
    keys::DEPLETED_PATIENT_HOURS,
    keys::LONGEST_WITHOUT_DEVICE_POWER,
    keys::ADMITTED_TO_HOSPITAL,
    keys::CLASS_A_UNCONTACTED_OVER_24H,
    keys::CONFIRMED_SHARE_24H,
    keys::CLASS_A_ALL_CONFIRMED_HOUR,
    keys::VISITS_DEMANDED,
    keys::VISITS_DELIVERED,
    keys::LOWEST_ATTENDANCE,
    keys::OVERTIME_HOURS,
];

/// A metric's name with its unit for a table: a share's values carry their own "%".
fn table_label(metric: &str, lang: Lang) -> String {
    catalogue::find(metric).map_or_else(|| metric.to_string(), |m| m.label(Text::new("", ""), lang))
}

/// The forest plot's metrics, most critical first.
pub const FOREST_METRICS: [&str; 8] = [
    keys::BATTERY_DEPLETED_PATIENTS,
    keys::DEPLETED_PATIENT_HOURS,
    keys::CLASS_A_UNCONTACTED_OVER_24H,
    keys::CLASS_A_ALL_CONFIRMED_HOUR,
    keys::CONFIRMED_SHARE_24H,
    keys::VISITS_DELIVERED,
    keys::LOWEST_ATTENDANCE,
    keys::OVERTIME_HOURS,
];

/// Percentage points: the unit of a difference of shares.
pub const POINTS: Text = Text::new("ポイント", "percentage points");

/// A forest panel's label (name and the unit of its axis) and the factor from the metric's
/// value to that unit: shares are drawn in percentage points.
pub fn forest_axis(metric: &str, lang: Lang) -> (String, f64) {
    match catalogue::find(metric) {
        Some(m) if m.unit == Unit::Share => (m.label(POINTS, lang), 100.0),
        Some(m) => (m.label(POINTS, lang), 1.0),
        None => (metric.to_string(), 1.0),
    }
}

const BATCH_TITLE: Text = Text::new("モンテカルロ結果", "Monte Carlo result");
const BATCH_HEADER: Text = Text::new(
    "シナリオ: {}\nシード {}、{} 回実行",
    "Scenario: {}\nseed {}, {} runs",
);
const COL_METRIC: Text = Text::new("指標", "Metric");
const COL_MEAN: Text = Text::new("平均", "Mean");
const COL_NEVER: Text = Text::new("未達", "Never");
const STOCKOUT: Text = Text::new("在庫切れ {}（時間）", "Stock-out {} (h)");
const COMPARE_TITLE: Text = Text::new(
    "計画の比較（同じ災害での対比較）",
    "Plan comparison (paired, same disasters)",
);
const COMPARE_HEADER: Text = Text::new(
    "基準: {}\n比較: {}\nシード {}、{} 回実行",
    "Base: {}\nVariant: {}\nseed {}, {} runs",
);
const COL_BASE: Text = Text::new("基準 中央値", "Base median");
const COL_VARIANT: Text = Text::new("比較 中央値", "Variant median");
const COL_DIFF: Text = Text::new("差 [95%信頼区間]", "Difference [95% CI]");
const COL_BETTER: Text = Text::new("改善した実行", "Runs better");

fn number(x: Option<f64>) -> String {
    match x {
        None => "—".to_string(),
        Some(v) if v.fract() == 0.0 && v.abs() < 1e12 => format!("{v:.0}"),
        Some(v) if v.abs() < 1.0 => format!("{v:.3}"),
        Some(v) => format!("{v:.1}"),
    }
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// Whether the metric is a share (written as a percentage, its differences in points).
fn is_share(metric: &str) -> bool {
    catalogue::find(metric).is_some_and(|m| m.unit == Unit::Share)
}

/// A value: a share as a percentage.
fn value(x: Option<f64>, share: bool) -> String {
    match (share, x) {
        (true, Some(v)) => format!("{:.1}%", v * 100.0),
        _ => number(x),
    }
}

/// A difference: signed, a share's in percentage points.
fn difference(x: Option<f64>, share: bool) -> String {
    match (share, x) {
        (true, Some(v)) => {
            let p = v * 100.0;
            if p.abs() < 0.05 {
                "0.0 pt".to_string()
            } else {
                format!("{p:+.1} pt")
            }
        }
        _ => signed(x),
    }
}

/// Headline metrics plus each item's stock-out hour, as (name, label).
fn rows_to_show(names: &[String], lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = HEADLINE
        .iter()
        .filter(|k| names.iter().any(|n| n == *k))
        .map(|k| (k.to_string(), table_label(k, lang)))
        .collect();
    for n in names {
        if let Some(item) = catalogue::stockout_item(n) {
            // The same item names as the charts and reports.
            let name = bcpsim_engine::lang::glossary::stock_item(item, lang);
            out.push((n.clone(), STOCKOUT.fill(lang, &[&name])));
        }
    }
    out
}

/// The batch's readable table: mean and 5 / 50 / 95 % of the headline metrics.
pub fn batch_text(data: &BatchData, lang: Lang) -> String {
    let summary = data.summarize();
    let mut out = format!("{}\n", BATCH_TITLE.get(lang));
    out.push_str(&BATCH_HEADER.fill(
        lang,
        &[&data.meta.scenario, &data.meta.seed, &data.rows.len()],
    ));
    out.push_str("\n\n");
    let mut rows = vec![vec![
        COL_METRIC.get(lang).to_string(),
        COL_MEAN.get(lang).to_string(),
        "5%".into(),
        "50%".into(),
        "95%".into(),
        COL_NEVER.get(lang).to_string(),
    ]];
    for (name, label) in rows_to_show(&data.metric_names, lang) {
        let Some(s) = summary.metrics.get(&name) else {
            continue;
        };
        rows.push(stat_row(label, s, is_share(&name)));
    }
    out.push_str(&table("  ", &label_then_numbers(6), &rows));
    out
}

/// A label column, then right-aligned numbers: `columns` in all.
fn label_then_numbers(columns: usize) -> Vec<Align> {
    std::iter::once(Align::Left)
        .chain(std::iter::repeat_n(Align::Right, columns - 1))
        .collect()
}

fn stat_row(label: String, s: &Stats, share: bool) -> Vec<String> {
    vec![
        label,
        value(s.mean, share),
        value(s.p5, share),
        value(s.p50, share),
        value(s.p95, share),
        s.missing.to_string(),
    ]
}

/// `compare.json`: the base, each variant, and every metric's paired comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareFile {
    pub format_version: u32,
    pub base: String,
    /// SHA-256 of the disaster side shared by the base and every variant
    /// (`Scenario::disaster_sha256`): what makes the runs pairs.
    pub disaster_sha256: String,
    pub seed: u64,
    pub runs: u64,
    pub variants: Vec<VariantComparison>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantComparison {
    pub variant: String,
    pub metrics: Vec<Paired>,
}

pub fn render_compare_json(file: &CompareFile) -> String {
    let mut s = serde_json::to_string_pretty(file).unwrap_or_default();
    s.push('\n');
    s
}

/// The comparison's readable tables, one per variant.
pub fn compare_text(file: &CompareFile, lang: Lang) -> String {
    let mut out = format!("{}\n", COMPARE_TITLE.get(lang));
    for v in &file.variants {
        out.push('\n');
        out.push_str(&COMPARE_HEADER.fill(lang, &[&file.base, &v.variant, &file.seed, &file.runs]));
        out.push_str("\n\n");
        let mut rows = vec![compare_header(lang)];
        rows.extend(compare_rows(v, lang));
        out.push_str(&table("  ", &label_then_numbers(5), &rows));
    }
    out
}

/// The columns of a variant's comparison table.
pub fn compare_header(lang: Lang) -> Vec<String> {
    [COL_METRIC, COL_BASE, COL_VARIANT, COL_DIFF, COL_BETTER]
        .iter()
        .map(|t| t.get(lang).to_string())
        .collect()
}

/// The headline metrics of one variant: base and variant medians, the mean paired difference
/// with its 95 % interval, and the share of runs where the variant is better. A stock item
/// whose stock-out hour is the same in every run is left out (most items, for most variants).
pub fn compare_rows(v: &VariantComparison, lang: Lang) -> Vec<Vec<String>> {
    let names: Vec<String> = v.metrics.iter().map(|p| p.metric.clone()).collect();
    rows_to_show(&names, lang)
        .into_iter()
        .filter_map(|(name, label)| {
            let p = v.metrics.iter().find(|p| p.metric == name)?;
            if name.ends_with(".stockout_hour") && p.zero_difference_runs == p.runs {
                return None;
            }
            let shown = is_share(&name);
            let diff = format!(
                "{} [{}, {}]",
                difference(p.mean_difference, shown),
                difference(p.ci_low, shown),
                difference(p.ci_high, shown)
            );
            Some(vec![
                label,
                value(p.base_median, shown),
                value(p.variant_median, shown),
                diff,
                percent(p.share_better),
            ])
        })
        .collect()
}

fn signed(x: Option<f64>) -> String {
    match x {
        Some(v) if v > 0.0 => format!("+{}", number(Some(v))),
        other => number(other.map(|v| if v == 0.0 { 0.0 } else { v })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bcpsim_engine::batch::{ScenarioProfile, Shard};
    use bcpsim_engine::scenario::Weekday;

    fn data() -> BatchData {
        BatchData {
            meta: BatchMeta {
                scenario: "s".into(),
                scenario_sha256: "0".repeat(64),
                seed: 1,
                runs: 2,
                shard: Some(Shard { index: 0, count: 1 }),
                horizon_hours: 24,
                step_hours: 1,
                normal_daily_staff: 9.0,
                patients: 100,
                profile: ScenarioProfile {
                    onset_weekday: Weekday::Mon,
                    onset_hour: 9,
                    agencies: 1,
                    class_a_patients: 5,
                    power_dependent_patients: 2,
                    plan_attendance: vec![0.03; 24],
                    plan_stock: vec![1.0; 24],
                    stocks: Default::default(),
                },
            },
            metric_names: vec![
                "critical.battery_depleted_patients".into(),
                "stocks.water_2l.stockout_hour".into(),
            ],
            rows: vec![
                RunRow {
                    run: 0,
                    values: vec![Some(3.0), None].into(),
                },
                RunRow {
                    run: 1,
                    values: vec![Some(0.1 + 0.2), Some(-0.0)].into(),
                },
            ],
            bands: Bands::default(),
        }
    }

    #[test]
    fn runs_csv_round_trips_exactly() {
        let d = data();
        let text = render_runs_csv(&d);
        assert_eq!(
            text,
            "run,critical.battery_depleted_patients,stocks.water_2l.stockout_hour\n0,3,\n1,0.30000000000000004,0\n"
        );
        let (names, rows) = parse_runs_csv(&text).unwrap();
        assert_eq!(names, d.metric_names);
        assert_eq!(
            rows[1].values.get(0).unwrap().to_bits(),
            (0.1f64 + 0.2).to_bits()
        );
        assert_eq!(rows[0].values.get(1), None);
    }

    #[test]
    fn comparison_table_leaves_out_stock_items_no_run_changes() {
        use bcpsim_engine::batch::metrics::Direction;
        let paired = |metric: &str, zero_runs: u64, mean: f64| Paired {
            metric: metric.into(),
            direction: Direction::Higher,
            runs: 10,
            base_median: Some(45.0),
            variant_median: Some(45.0 + mean),
            mean_difference: Some(mean),
            ci_low: Some(mean),
            ci_high: Some(mean),
            share_better: Some(if mean > 0.0 { 1.0 } else { 0.0 }),
            share_worse: Some(0.0),
            zero_difference_runs: zero_runs,
        };
        let v = VariantComparison {
            variant: "v".into(),
            metrics: vec![
                // Gloves run out at the same hour in all 10 runs: left out.
                paired("stocks.gloves.stockout_hour", 10, 0.0),
                // Water runs out 45 h later in every run: shown.
                paired("stocks.water_2l.stockout_hour", 0, 45.0),
            ],
        };
        let rows = compare_rows(&v, Lang::Ja);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][0], "在庫切れ 飲料水 2L（時間）");
        assert_eq!(rows[0][3], "+45 [+45, +45]");
    }

    #[test]
    fn malformed_runs_csv_is_an_error_not_a_panic() {
        assert!(parse_runs_csv("").is_err());
        assert!(parse_runs_csv("x,a\n").is_err());
        assert!(parse_runs_csv("run,a\n0,1,2\n").is_err());
        assert!(parse_runs_csv("run,a\nzero,1\n").is_err());
        assert!(parse_runs_csv("run,a\n0,one\n").is_err());
    }
}
