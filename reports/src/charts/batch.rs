//! Chart data of a batch (`batch.json`: medians with 5–95 % bands against the plan) and of a
//! comparison (`compare.json`: a forest plot of paired differences).

use bcpsim_engine::Lang;
use bcpsim_engine::batch::{Band, BatchSummary};

use super::{
    AttendanceData, BandPoint, ChartSpec, ForestData, ForestPanel, ForestRow, SafetyData,
    StockData, StockSeries,
};
use crate::files::CompareFile;
use crate::i18n::Text;
use crate::metrics::{FOREST_METRICS, forest_axis};
use bcpsim_engine::lang::glossary;
use bcpsim_engine::outcome::catalogue;

/// The charts of a batch, in report order: attendance, stocks, safety checks.
pub fn batch_charts(b: &BatchSummary) -> Vec<ChartSpec> {
    vec![
        ChartSpec::Attendance(batch_attendance(b)),
        ChartSpec::Stocks(batch_stocks(b)),
        ChartSpec::Safety(batch_safety(b)),
    ]
}

/// The charts of a comparison: the forest plot of every variant's paired differences, split
/// into charts that each fit a printed page at full width.
pub fn compare_charts(file: &CompareFile, lang: Lang) -> Vec<ChartSpec> {
    forest_data(file, lang)
        .pages()
        .into_iter()
        .map(ChartSpec::Forest)
        .collect()
}

/// A per-step series as (hour, value).
fn per_step(values: &[f64], step_hours: u32) -> Vec<(f64, f64)> {
    let step = f64::from(step_hours.max(1));
    values
        .iter()
        .enumerate()
        .map(|(t, v)| (t as f64 * step, *v))
        .collect()
}

fn median_line(bands: &[Band], scale: f64) -> Vec<(f64, f64)> {
    bands
        .iter()
        .map(|b| (f64::from(b.hour), b.p50 / scale))
        .collect()
}

fn band_points(bands: &[Band], scale: f64) -> Vec<BandPoint> {
    bands
        .iter()
        .map(|b| BandPoint {
            hour: f64::from(b.hour),
            low: b.p5 / scale,
            high: b.p95 / scale,
        })
        .collect()
}

/// Median attendance with its band, against the plans' curve (region-wide, W-weighted).
pub fn batch_attendance(b: &BatchSummary) -> AttendanceData {
    AttendanceData {
        simulated: median_line(&b.bands.attendance, 1.0),
        plan: per_step(&b.profile.plan_attendance, b.step_hours),
        band: Some(band_points(&b.bands.attendance, 1.0)),
        median: true,
    }
}

/// Each item's median quantity as a share of its initial quantity, with its band; the
/// stock-out marked at the median stock-out hour when most runs ran out.
pub fn batch_stocks(b: &BatchSummary) -> StockData {
    let horizon = f64::from(b.horizon_hours);
    let items = b
        .bands
        .stocks
        .iter()
        .filter_map(|(item, bands)| {
            let start = b.profile.stocks.get(item)?;
            if start.initial <= 0.0 {
                return None;
            }
            let stockout = b
                .metrics
                .get(&catalogue::stockout_key(item))
                .filter(|s| s.n > s.missing)
                .and_then(|s| s.p50);
            Some(StockSeries {
                item: item.clone(),
                unit: start.unit.clone(),
                initial: start.initial,
                share: median_line(bands, start.initial),
                stockout_hour: stockout,
                band: Some(band_points(bands, start.initial)),
            })
        })
        .collect();
    StockData {
        items,
        plan: per_step(&b.profile.plan_stock, b.step_hours),
        horizon,
        median: true,
    }
}

/// Median coverage of all patients with its band; each class as medians at 6, 24, 72 h (a
/// batch keeps no per-class bands).
pub fn batch_safety(b: &BatchSummary) -> SafetyData {
    let horizon = f64::from(b.horizon_hours);
    // Coverage counts are at the end of the step, as in a run's chart.
    let end = |v: Vec<(f64, f64)>| -> Vec<(f64, f64)> {
        v.into_iter()
            .map(|(h, s)| (h + f64::from(b.step_hours.max(1)), s.min(1.0)))
            .collect()
    };
    let bands = &b.bands.safety_checks_confirmed_share;
    let band = band_points(bands, 1.0)
        .into_iter()
        .map(|p| BandPoint {
            hour: p.hour + f64::from(b.step_hours.max(1)),
            low: p.low.min(1.0),
            high: p.high.min(1.0),
        })
        .collect();
    let mut class_points = Vec::new();
    for class in classes(b) {
        let points = [6u32, 24, 72]
            .into_iter()
            .filter(|h| f64::from(*h) <= horizon)
            .filter_map(|h| {
                let name = catalogue::class_key(&class, &format!("confirmed_share_{h}h"));
                b.metrics
                    .get(&name)
                    .and_then(|s| s.p50)
                    .map(|v| (f64::from(h), v))
            })
            .collect();
        class_points.push((class, points));
    }
    SafetyData {
        all: end(median_line(bands, 1.0)),
        class_lines: Vec::new(),
        class_points,
        horizon,
        band: Some(band),
        median: true,
    }
}

/// Priority classes with patients, from the metric names (`safety_checks.by_class.<k>.…`).
fn classes(b: &BatchSummary) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (name, s) in &b.metrics {
        let Some(rest) = name.strip_prefix("safety_checks.by_class.") else {
            continue;
        };
        let Some((class, field)) = rest.split_once('.') else {
            continue;
        };
        if field == "patients" && s.p50.unwrap_or(0.0) > 0.0 && !out.iter().any(|c| c == class) {
            out.push(class.to_string());
        }
    }
    out
}

/// At most this many stock items get a panel of their own in the forest plot.
const FOREST_STOCK_PANELS: usize = 6;

const STOCKOUT_PANEL: Text = Text::new("在庫切れまで：{}（時間）", "Hours until stock-out: {}");

/// One panel per headline metric, one row per variant with its mean paired difference and
/// 95 % interval (shares in percentage points); then the stock items whose stock-out hour
/// some variant clearly changes, earliest base stock-out first.
pub fn forest_data(file: &CompareFile, lang: Lang) -> ForestData {
    let mut panels: Vec<ForestPanel> = FOREST_METRICS
        .iter()
        .filter_map(|m| {
            let (label, scale) = forest_axis(m, lang);
            panel(file, m, label, scale)
        })
        .collect();
    let mut stocks: Vec<(f64, ForestPanel)> = stockout_metrics(file)
        .into_iter()
        .filter_map(|(metric, item)| {
            let label = STOCKOUT_PANEL.fill(lang, &[&glossary::stock_item(&item, lang)]);
            let p = panel(file, &metric, label, 1.0)?;
            let clear = p.rows.iter().any(|r| p.verdict(r).is_some());
            let base = file
                .variants
                .iter()
                .flat_map(|v| &v.metrics)
                .find(|x| x.metric == metric)
                .and_then(|x| x.base_median)
                .unwrap_or(f64::INFINITY);
            clear.then_some((base, p))
        })
        .collect();
    stocks.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.label.cmp(&b.1.label)));
    panels.extend(stocks.into_iter().take(FOREST_STOCK_PANELS).map(|(_, p)| p));
    ForestData {
        panels,
        part: (0, 1),
    }
}

/// `stocks.<item>.stockout_hour` metrics of the comparison, with their item, in name order.
fn stockout_metrics(file: &CompareFile) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = file
        .variants
        .iter()
        .flat_map(|v| &v.metrics)
        .filter_map(|p| {
            let item = catalogue::stockout_item(&p.metric)?;
            Some((p.metric.clone(), item.to_string()))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The panel of one metric: a row per variant that has an interval for it.
fn panel(file: &CompareFile, metric: &str, label: String, scale: f64) -> Option<ForestPanel> {
    let rows: Vec<ForestRow> = file
        .variants
        .iter()
        .filter_map(|v| {
            let p = v.metrics.iter().find(|p| p.metric == metric)?;
            Some(ForestRow {
                label: v.variant.clone(),
                estimate: p.mean_difference? * scale,
                low: p.ci_low? * scale,
                high: p.ci_high? * scale,
            })
        })
        .collect();
    let direction = file
        .variants
        .iter()
        .flat_map(|v| &v.metrics)
        .find(|p| p.metric == metric)?
        .direction;
    (!rows.is_empty()).then_some(ForestPanel {
        label,
        better: direction,
        rows,
    })
}
