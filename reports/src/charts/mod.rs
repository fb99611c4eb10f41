//! Charts of a run, a batch (medians with 5–95 % bands) or a comparison (a forest plot of
//! paired differences) as PNG and SVG, with Japanese or English labels.
//!
//! Text is drawn with the bundled IPAexGothic font (`reports/fonts/`, IPA licence) through
//! plotters' `ab_glyph` feature: plotters' default font path resolves "sans-serif" to a Latin
//! system font and draws boxes for Japanese without any error. PNG charts therefore look the
//! same on every machine. SVG charts keep text as `<text>` and name a CSS font list that starts
//! with IPAexGothic and common Japanese system fonts, so their look depends on the viewer's fonts.
//!
//! Colours are the Okabe–Ito palette (safe for colour-blind readers) and every series also
//! differs by line style, marker or lightness so that a black-and-white print stays readable.
//!
//! A chart is described by a [`ChartSpec`] (plain data, built from a run directory by
//! [`run_charts`], from `batch.json` by [`batch_charts`], from `compare.json` by
//! [`compare_charts`]), and rendered by
//! [`render_png`] or [`render_svg`]. Rendering is deterministic: same spec, same bytes.

mod batch;
mod draw;
pub(crate) use draw::row_label;
pub mod font;
pub mod style;
pub mod time;

use bcpsim_engine::Lang;
use bcpsim_engine::batch::metrics::Direction;
use bcpsim_engine::scenario::{CurvePoint, ShareAt};

use crate::i18n;
use crate::read::RunDir;
use bcpsim_engine::scenario::{CareCategory, Lifeline};

pub use batch::{
    batch_attendance, batch_charts, batch_safety, batch_stocks, compare_charts, forest_data,
};
pub use font::{FONT_BYTES, FONT_FAMILY, ensure_font};
/// The Okabe–Ito palette the charts use, for other charts to match.
pub use style::{BLACK, BLUE, BLUISH_GREEN, ORANGE, PURPLE, SKY_BLUE, VERMILLION, YELLOW};

/// The sample plan's assumed stock level (004 §3-10), the default of a plan's `stock_curve`,
/// as (hour, share): what the report shows for output files written before `plan_stock`.
fn sample_plan_stock_curve() -> Vec<(f64, f64)> {
    CurvePoint::sample_stock_curve()
        .iter()
        .map(|p| (f64::from(p.hour), p.share))
        .collect()
}

/// The sample plan's assumed stock share at `hour` (linear between the points, flat after the
/// last).
pub fn sample_plan_stock_share(hour: u32) -> f64 {
    CurvePoint::sample_stock_curve().share_at(hour)
}

/// One point of a 5–95 % band (from a batch): the share at `hour`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandPoint {
    pub hour: f64,
    pub low: f64,
    pub high: f64,
}

/// Attendance over time: simulated vs the plan's curve, optionally with a batch band.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AttendanceData {
    /// (hour, present ÷ W).
    pub simulated: Vec<(f64, f64)>,
    /// (hour, the plan curve's share).
    pub plan: Vec<(f64, f64)>,
    /// The 5th–95th percentile band over a batch's runs, if any.
    pub band: Option<Vec<BandPoint>>,
    /// The solid line is a batch's median, not one run.
    pub median: bool,
}

/// A lifeline's state in one zone over time, as level changes.
#[derive(Debug, Clone, PartialEq)]
pub struct LifelineRow {
    pub zone: String,
    /// Key, one of `Lifeline::ALL`'s.
    pub lifeline: String,
    /// (hour, new level 0–1), in time order; the level before the first change is 1 (up).
    pub changes: Vec<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LifelineData {
    pub rows: Vec<LifelineRow>,
    pub horizon: f64,
}

/// One stock item: quantity as a share of the initial quantity over time.
#[derive(Debug, Clone, PartialEq)]
pub struct StockSeries {
    pub item: String,
    pub unit: String,
    pub initial: f64,
    /// (hour, quantity ÷ initial).
    pub share: Vec<(f64, f64)>,
    pub stockout_hour: Option<f64>,
    /// The 5th–95th percentile band of the share over a batch's runs, if any.
    pub band: Option<Vec<BandPoint>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct StockData {
    pub items: Vec<StockSeries>,
    /// The plan's assumed curve, (hour, share).
    pub plan: Vec<(f64, f64)>,
    pub horizon: f64,
    /// The solid lines are a batch's medians, not one run.
    pub median: bool,
}

/// Safety-check coverage over time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SafetyData {
    /// (hour, share of all patients confirmed).
    pub all: Vec<(f64, f64)>,
    /// Per class key (`a`, `b`, `c`) with patients: (hour, share of the class confirmed).
    pub class_lines: Vec<(String, Vec<(f64, f64)>)>,
    /// Classes without a line (older files, a batch): the confirmed shares at 6, 24 and 72 h
    /// from the summary.
    pub class_points: Vec<(String, Vec<(f64, f64)>)>,
    pub horizon: f64,
    /// The 5th–95th percentile band of `all` over a batch's runs, if any.
    pub band: Option<Vec<BandPoint>>,
    /// `all` is a batch's median, not one run.
    pub median: bool,
}

/// Patients at zero battery without power, per step.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DepletedData {
    pub counts: Vec<(f64, f64)>,
    /// Hours at which some patient's battery ran out (`battery_depleted` events).
    pub depletions: Vec<f64>,
    /// Hours at which a visit brought power (`power_brought` events).
    pub power_brought: Vec<f64>,
    pub horizon: f64,
}

/// One patient's row of the battery-margin chart (hours).
#[derive(Debug, Clone, PartialEq)]
pub struct MarginRow {
    pub patient: String,
    /// Battery life of the weakest device, full.
    pub capacity: f64,
    /// The lowest battery left at any step without power.
    pub lowest: f64,
    /// Hours at zero battery without power.
    pub depleted: f64,
}

/// Class-A power-dependent patients' battery margins, closest to running out first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarginData {
    pub rows: Vec<MarginRow>,
    /// Class-A power-dependent patients left out of the chart (beyond [`MARGIN_ROWS`]).
    pub more: usize,
}

/// The most patients the margin chart shows.
pub const MARGIN_ROWS: usize = 30;

/// Visits demanded vs delivered per care category.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VisitsData {
    /// (category key, demanded, delivered), in display order.
    pub categories: Vec<(String, u64, u64)>,
}

/// One row of a forest plot: a variant's paired difference (variant − base) with its 95 %
/// interval, in the panel's unit.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestRow {
    /// The variant's name.
    pub label: String,
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
}

/// One metric of a comparison: its own x axis (the metrics have different units), one row per
/// variant.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestPanel {
    /// The metric's name with its unit, e.g. "機器バッテリーが尽きた利用者（人）".
    pub label: String,
    /// Which way is an improvement.
    pub better: Direction,
    pub rows: Vec<ForestRow>,
}

impl ForestPanel {
    /// Whether `row`'s whole interval lies on the better (`Some(true)`) or worse
    /// (`Some(false)`) side of zero; `None` when it includes zero or the metric is neutral.
    pub fn verdict(&self, row: &ForestRow) -> Option<bool> {
        let (better_side, worse_side) = match self.better {
            Direction::Lower => (row.high < 0.0, row.low > 0.0),
            Direction::Higher => (row.low > 0.0, row.high < 0.0),
            Direction::Neutral => return None,
        };
        if better_side {
            Some(true)
        } else if worse_side {
            Some(false)
        } else {
            None
        }
    }
}

/// Paired differences of a comparison, one panel per metric.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForestData {
    pub panels: Vec<ForestPanel>,
    /// This chart's place when the panels are split over several charts, each fitting a
    /// printed page at full width ([`ForestData::pages`]): (index from 0, number of charts).
    /// `(0, 1)` or the default `(0, 0)`: the whole plot.
    pub part: (usize, usize),
}

impl ForestData {
    /// The panels split into charts of at most [`FOREST_PAGE_PANELS_HEIGHT`] pixels of panels
    /// each (at least one panel per chart), in order.
    pub fn pages(self) -> Vec<ForestData> {
        let mut pages: Vec<Vec<ForestPanel>> = Vec::new();
        let mut height = 0;
        for panel in self.panels {
            let h = forest_panel_height(&panel);
            match pages.last_mut() {
                Some(page) if height + h <= FOREST_PAGE_PANELS_HEIGHT => page.push(panel),
                _ => {
                    height = 0;
                    pages.push(vec![panel]);
                }
            }
            height += h;
        }
        if pages.is_empty() {
            pages.push(Vec::new());
        }
        let count = pages.len();
        pages
            .into_iter()
            .enumerate()
            .map(|(i, panels)| ForestData {
                panels,
                part: (i, count),
            })
            .collect()
    }

    /// Whether this chart continues a plot split over several charts.
    pub fn continued(&self) -> bool {
        self.part.0 > 0
    }
}

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartSpec {
    Attendance(AttendanceData),
    Lifelines(LifelineData),
    Stocks(StockData),
    Safety(SafetyData),
    Depleted(DepletedData),
    Margins(MarginData),
    Visits(VisitsData),
    Forest(ForestData),
}

/// A chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "chart: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl ChartSpec {
    /// A short id, used for file names (`attendance.png`, …); the second and later parts of a
    /// split forest plot are `comparison-2`, ….
    pub fn id(&self) -> String {
        let id = match self {
            ChartSpec::Attendance(_) => "attendance",
            ChartSpec::Lifelines(_) => "lifelines",
            ChartSpec::Stocks(_) => "stocks",
            ChartSpec::Safety(_) => "safety_checks",
            ChartSpec::Depleted(_) => "battery_depleted",
            ChartSpec::Margins(_) => "battery_margins",
            ChartSpec::Visits(_) => "visits",
            ChartSpec::Forest(_) => "comparison",
        };
        match self {
            ChartSpec::Forest(d) if d.continued() => format!("{id}-{}", d.part.0 + 1),
            _ => id.to_string(),
        }
    }

    /// The chart's title in `lang` (a split forest plot's with its part, "（2/3）").
    pub fn title(&self, lang: Lang) -> String {
        match self {
            ChartSpec::Forest(d) if d.part.1 > 1 => format!(
                "{}{}",
                i18n::CHART_T_FOREST.get(lang),
                i18n::CHART_PART.fill(lang, &[&(d.part.0 + 1), &d.part.1])
            ),
            ChartSpec::Attendance(_) => i18n::CHART_T_ATTENDANCE.get(lang).to_string(),
            ChartSpec::Lifelines(_) => i18n::CHART_T_LIFELINES.get(lang).to_string(),
            ChartSpec::Stocks(_) => i18n::CHART_T_STOCKS.get(lang).to_string(),
            ChartSpec::Safety(_) => i18n::CHART_T_SAFETY.get(lang).to_string(),
            ChartSpec::Depleted(_) => i18n::CHART_T_DEPLETED.get(lang).to_string(),
            ChartSpec::Margins(_) => i18n::CHART_T_MARGINS.get(lang).to_string(),
            ChartSpec::Visits(_) => i18n::CHART_T_VISITS.get(lang).to_string(),
            ChartSpec::Forest(_) => i18n::CHART_T_FOREST.get(lang).to_string(),
        }
    }

    /// Size in pixels (width, height).
    pub fn size(&self) -> (u32, u32) {
        match self {
            ChartSpec::Lifelines(d) => (1200, 210 + 36 * d.rows.len().max(1) as u32),
            ChartSpec::Stocks(d) => {
                let rows = d.items.len().div_ceil(STOCK_COLUMNS).max(1) as u32;
                (1200, 110 + 230 * rows)
            }
            ChartSpec::Margins(d) => (1200, 210 + 28 * d.rows.len().max(3) as u32),
            // Narrower than the others: printed at the page's width, its labels come out
            // larger (20 pixels of 1000 over 180 mm are about 10 pt).
            ChartSpec::Forest(d) => (
                FOREST_WIDTH,
                FOREST_HEAD
                    + d.panels
                        .iter()
                        .map(forest_panel_height)
                        .sum::<u32>()
                        .max(100),
            ),
            _ => (1200, 600),
        }
    }
}

impl ChartSpec {
    /// The chart's time axis, for the charts drawn over the run's hours.
    pub fn time_axis(&self) -> Option<time::TimeAxis> {
        let horizon = match self {
            ChartSpec::Attendance(d) => d
                .simulated
                .iter()
                .chain(&d.plan)
                .map(|p| p.0)
                .fold(1.0, f64::max),
            ChartSpec::Lifelines(d) => d.horizon,
            ChartSpec::Stocks(d) => d.horizon,
            ChartSpec::Safety(d) => d.all.iter().map(|p| p.0).fold(d.horizon, f64::max),
            ChartSpec::Depleted(d) => d.counts.iter().map(|p| p.0).fold(d.horizon, f64::max),
            ChartSpec::Margins(_) | ChartSpec::Visits(_) | ChartSpec::Forest(_) => return None,
        };
        Some(time::TimeAxis::new(horizon))
    }
}

/// Height in pixels of one panel of the forest plot.
pub(crate) fn forest_panel_height(panel: &ForestPanel) -> u32 {
    FOREST_PANEL_BASE + FOREST_ROW * panel.rows.len().max(1) as u32
}
const FOREST_PANEL_BASE: u32 = 108;
const FOREST_ROW: u32 = 46;
/// Width in pixels of the forest plot.
pub const FOREST_WIDTH: u32 = 1000;
/// Height in pixels of the forest plot above its panels (title and key).
const FOREST_HEAD: u32 = 150;
/// The most pixels of panels one forest chart holds: with its head, the chart printed at the
/// page's width (180 mm for 1000 pixels) is at most 1150 × 0.18 ≈ 207 mm tall, leaving room on
/// an A4 page (267 mm inside the margins) for its caption.
pub const FOREST_PAGE_PANELS_HEIGHT: u32 = 1020;

/// Panels per row of the stock chart.
pub const STOCK_COLUMNS: usize = 4;

/// Renders a chart as PNG bytes.
pub fn render_png(spec: &ChartSpec, lang: Lang) -> Result<Vec<u8>, ChartError> {
    draw::png(spec, lang)
}

/// Renders a chart as an SVG document.
pub fn render_svg(spec: &ChartSpec, lang: Lang) -> Result<String, ChartError> {
    draw::svg(spec, lang)
}

/// The charts of one run, in report order.
pub fn run_charts(run: &RunDir) -> Vec<ChartSpec> {
    vec![
        ChartSpec::Attendance(attendance_data(run)),
        ChartSpec::Lifelines(lifeline_data(run)),
        ChartSpec::Stocks(stock_data(run)),
        ChartSpec::Safety(safety_data(run)),
        ChartSpec::Depleted(depleted_data(run)),
        ChartSpec::Margins(margin_data(run)),
        ChartSpec::Visits(visits_data(run)),
    ]
}

/// Rows grouped by hour (rows come in step order, then agency order).
fn by_hour(run: &RunDir) -> Vec<(u32, Vec<&crate::read::StepRow>)> {
    let mut out: Vec<(u32, Vec<&crate::read::StepRow>)> = Vec::new();
    for row in &run.rows {
        match out.last_mut() {
            Some((h, rows)) if *h == row.hour => rows.push(row),
            _ => out.push((row.hour, vec![row])),
        }
    }
    out
}

/// The normal daily staff (W) of an agency, from the summary (the region's if unknown).
fn agency_w(run: &RunDir, agency: &str) -> f64 {
    run.summary
        .agencies
        .get(agency)
        .map_or(run.summary.region.staff.normal_daily_staff, |a| {
            a.staff.normal_daily_staff
        })
}

/// Region-wide attendance per hour: Σ present ÷ Σ W, and the plan curve weighted by W.
pub fn attendance_data(run: &RunDir) -> AttendanceData {
    let mut data = AttendanceData::default();
    for (hour, rows) in by_hour(run) {
        let w: f64 = rows.iter().map(|r| agency_w(run, &r.agency)).sum();
        if w <= 0.0 {
            continue;
        }
        let present: f64 = rows.iter().map(|r| f64::from(r.present)).sum();
        let plan: f64 = rows
            .iter()
            .map(|r| r.plan_attendance * agency_w(run, &r.agency))
            .sum();
        data.simulated.push((f64::from(hour), present / w));
        data.plan.push((f64::from(hour), plan / w));
    }
    data
}

/// Every zone's lifeline changes, from the `lifeline_changed` events.
pub fn lifeline_data(run: &RunDir) -> LifelineData {
    let mut rows: Vec<LifelineRow> = Vec::new();
    for e in run.events.iter().filter(|e| e.kind == "lifeline_changed") {
        let (Some(subject), Some(value)) = (&e.subject, e.value) else {
            continue;
        };
        let Some((zone, lifeline)) = subject.split_once('/') else {
            continue;
        };
        let change = (f64::from(e.hour), value.clamp(0.0, 1.0));
        match rows
            .iter_mut()
            .find(|r| r.zone == zone && r.lifeline == lifeline)
        {
            Some(r) => r.changes.push(change),
            None => rows.push(LifelineRow {
                zone: zone.to_string(),
                lifeline: lifeline.to_string(),
                changes: vec![change],
            }),
        }
    }
    let order = |l: &str| Lifeline::from_key(l).map_or(Lifeline::ALL.len(), |l| l.index());
    rows.sort_by(|a, b| {
        (a.zone.as_str(), order(&a.lifeline), a.lifeline.as_str()).cmp(&(
            b.zone.as_str(),
            order(&b.lifeline),
            b.lifeline.as_str(),
        ))
    });
    LifelineData {
        rows,
        horizon: f64::from(run.summary.horizon_hours),
    }
}

/// Every stock item's region-wide quantity as a share of its initial quantity.
pub fn stock_data(run: &RunDir) -> StockData {
    let hours = by_hour(run);
    let mut items = Vec::new();
    for (i, item) in run.stock_items.iter().enumerate() {
        let summary = run.summary.region.stocks.get(item);
        let first: f64 = hours.first().map_or(0.0, |(_, rows)| {
            rows.iter().filter_map(|r| r.stocks[i]).sum()
        });
        let initial = summary.map_or(first, |s| s.initial);
        if initial <= 0.0 {
            continue;
        }
        let share = hours
            .iter()
            .map(|(h, rows)| {
                let q: f64 = rows
                    .iter()
                    .filter_map(|r| r.stocks.get(i).copied().flatten())
                    .sum();
                (f64::from(*h), q / initial)
            })
            .collect();
        items.push(StockSeries {
            item: item.clone(),
            unit: summary.map_or_else(String::new, |s| s.unit.clone()),
            initial,
            share,
            stockout_hour: summary.and_then(|s| s.stockout_hour).map(f64::from),
            band: None,
        });
    }
    let horizon = f64::from(run.summary.horizon_hours);
    StockData {
        items,
        plan: plan_stock_points(run)
            .unwrap_or_else(|| sample_plan_stock_points(run.summary.horizon_hours)),
        horizon,
        median: false,
    }
}

/// The plans' stock curve per hour (the mean over agencies of their `plan_stock`), or `None`
/// for a file written before the column existed.
fn plan_stock_points(run: &RunDir) -> Option<Vec<(f64, f64)>> {
    by_hour(run)
        .into_iter()
        .map(|(hour, rows)| {
            let sum: f64 = rows.iter().map(|r| r.plan_stock).sum::<Option<f64>>()?;
            Some((f64::from(hour), sum / rows.len().max(1) as f64))
        })
        .collect::<Option<Vec<_>>>()
        .filter(|v| !v.is_empty())
}

/// The sample plan's stock curve up to `horizon_hours`, ending at the horizon.
fn sample_plan_stock_points(horizon_hours: u32) -> Vec<(f64, f64)> {
    let horizon = f64::from(horizon_hours);
    sample_plan_stock_curve()
        .into_iter()
        .filter(|(h, _)| *h <= horizon)
        .chain(std::iter::once((
            horizon,
            sample_plan_stock_share(horizon_hours),
        )))
        .collect()
}

/// Confirmed shares over time: all patients and each priority class from the time series
/// (its `class_<k>_unconfirmed` columns); a class the file has no column for (written before
/// classes B and C had one) as points at 6, 24 and 72 h from the summary.
pub fn safety_data(run: &RunDir) -> SafetyData {
    let s = &run.summary.region.safety_checks;
    let mut data = SafetyData {
        horizon: f64::from(run.summary.horizon_hours),
        ..SafetyData::default()
    };
    let hours = by_hour(run);
    for (hour, rows) in &hours {
        if s.patients > 0 {
            let confirmed: f64 = rows.iter().map(|r| f64::from(r.confirmed)).sum();
            // Counts are at the end of the step.
            data.all.push((
                f64::from(*hour) + 1.0,
                (confirmed / s.patients as f64).min(1.0),
            ));
        }
    }
    let unconfirmed = |class: &str, r: &crate::read::StepRow| match class {
        "a" => Some(r.class_a_unconfirmed),
        "b" => r.class_b_unconfirmed,
        "c" => r.class_c_unconfirmed,
        _ => None,
    };
    for (class, c) in &s.by_class {
        if c.patients == 0 {
            continue;
        }
        let total = c.patients as f64;
        let line: Option<Vec<(f64, f64)>> = hours
            .iter()
            .map(|(hour, rows)| {
                let open: u32 = rows
                    .iter()
                    .map(|r| unconfirmed(class, r))
                    .sum::<Option<u32>>()?;
                Some((
                    f64::from(*hour) + 1.0,
                    (1.0 - f64::from(open) / total).clamp(0.0, 1.0),
                ))
            })
            .collect();
        match line {
            Some(line) if !line.is_empty() => data.class_lines.push((class.clone(), line)),
            _ => {
                let points = [
                    (6.0, c.confirmed_share_6h),
                    (24.0, c.confirmed_share_24h),
                    (72.0, c.confirmed_share_72h),
                ]
                .into_iter()
                .filter(|(h, _)| *h <= data.horizon)
                .collect();
                data.class_points.push((class.clone(), points));
            }
        }
    }
    data
}

/// Depleted patients per step (all agencies), with the depletion and power-brought moments.
pub fn depleted_data(run: &RunDir) -> DepletedData {
    let counts = by_hour(run)
        .into_iter()
        .map(|(h, rows)| {
            let n: u32 = rows.iter().map(|r| r.depleted_patients).sum();
            (f64::from(h), f64::from(n))
        })
        .collect();
    let moments = |kind: &str| -> Vec<f64> {
        run.events
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| match (kind, e.value) {
                ("battery_depleted", Some(v)) if v.is_finite() => v,
                _ => f64::from(e.hour),
            })
            .collect()
    };
    DepletedData {
        counts,
        depletions: moments("battery_depleted"),
        power_brought: moments("power_brought"),
        horizon: f64::from(run.summary.horizon_hours),
    }
}

/// Class-A power-dependent patients, those who ran out longest first, then by the least
/// battery left, then by id; at most [`MARGIN_ROWS`].
pub fn margin_data(run: &RunDir) -> MarginData {
    let mut rows: Vec<MarginRow> = run
        .summary
        .battery_margins
        .iter()
        .filter(|m| m.class == "a")
        .map(|m| MarginRow {
            patient: m.patient.clone(),
            capacity: m.capacity_hours,
            lowest: m.lowest_battery_hours,
            depleted: f64::from(m.depleted_hours),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.depleted
            .total_cmp(&a.depleted)
            .then(a.lowest.total_cmp(&b.lowest))
            .then(a.patient.cmp(&b.patient))
    });
    let more = rows.len().saturating_sub(MARGIN_ROWS);
    rows.truncate(MARGIN_ROWS);
    MarginData { rows, more }
}

/// Visits per care category, in `CareCategory::ALL` order (most vital first), then any other
/// keys.
pub fn visits_data(run: &RunDir) -> VisitsData {
    let by = &run.summary.region.visits.by_category;
    let mut categories: Vec<(String, u64, u64)> = CareCategory::ALL
        .iter()
        .filter_map(|c| {
            by.get(c.key())
                .map(|v| (c.key().to_string(), v.demanded.into(), v.delivered.into()))
        })
        .collect();
    for (k, v) in by {
        if CareCategory::from_key(k).is_none() {
            categories.push((k.clone(), v.demanded.into(), v.delivered.into()));
        }
    }
    VisitsData { categories }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forest_verdict_needs_the_whole_interval_on_one_side() {
        let row = |low, high| ForestRow {
            label: String::new(),
            estimate: (low + high) / 2.0,
            low,
            high,
        };
        let panel = |better| ForestPanel {
            label: String::new(),
            better,
            rows: Vec::new(),
        };
        let lower = panel(Direction::Lower);
        // Fewer battery-depleted patients, interval [-3, -0.2]: better.
        assert_eq!(lower.verdict(&row(-3.0, -0.2)), Some(true));
        assert_eq!(lower.verdict(&row(0.5, 2.0)), Some(false));
        // [-1, 0.4] includes no difference.
        assert_eq!(lower.verdict(&row(-1.0, 0.4)), None);
        let higher = panel(Direction::Higher);
        assert_eq!(higher.verdict(&row(0.5, 2.0)), Some(true));
        assert_eq!(higher.verdict(&row(-3.0, -0.2)), Some(false));
        assert_eq!(panel(Direction::Neutral).verdict(&row(1.0, 2.0)), None);
    }

    #[test]
    fn a_long_forest_plot_is_split_into_page_sized_charts() {
        let panel = |i: usize| ForestPanel {
            label: format!("m{i}"),
            better: Direction::Lower,
            rows: vec![
                ForestRow {
                    label: "v1".into(),
                    estimate: 0.0,
                    low: -1.0,
                    high: 1.0,
                };
                2
            ],
        };
        let data = ForestData {
            panels: (0..14).map(panel).collect(),
            part: (0, 1),
        };
        // A panel of two rows is 108 + 2 × 46 = 200 pixels; 1020 pixels hold 5 of them.
        assert_eq!(forest_panel_height(&data.panels[0]), 200);
        let pages = data.pages();
        let sizes: Vec<usize> = pages.iter().map(|p| p.panels.len()).collect();
        assert_eq!(sizes, vec![5, 5, 4]);
        assert_eq!(pages[2].panels[3].label, "m13");
        let specs: Vec<ChartSpec> = pages.into_iter().map(ChartSpec::Forest).collect();
        let ids: Vec<String> = specs.iter().map(ChartSpec::id).collect();
        assert_eq!(ids, vec!["comparison", "comparison-2", "comparison-3"]);
        assert!(specs[1].title(Lang::Ja).ends_with("（2/3）"));
        // 150 + 5 × 200: each chart printed 180 mm wide is at most 207 mm tall.
        assert_eq!(specs[0].size(), (1000, 1150));
        // One short plot stays one chart, with the plain id and title.
        let one = ForestData {
            panels: vec![panel(0)],
            part: (0, 1),
        }
        .pages();
        assert_eq!(one.len(), 1);
        assert_eq!(ChartSpec::Forest(one[0].clone()).id(), "comparison");
        assert!(
            !ChartSpec::Forest(one[0].clone())
                .title(Lang::En)
                .contains('/')
        );
    }

    #[test]
    fn plan_stock_curve_interpolates() {
        assert_eq!(sample_plan_stock_share(0), 1.0);
        assert!((sample_plan_stock_share(3) - 0.95).abs() < 1e-9);
        assert!((sample_plan_stock_share(72) - 0.2).abs() < 1e-9);
        assert!((sample_plan_stock_share(1000) - 0.9).abs() < 1e-9);
        // A curve read from an output file is read the same way.
        let points = [(0.0, 1.0), (6.0, 0.9), (24.0, 0.7)];
        assert!((points.share_at(15) - 0.8).abs() < 1e-9);
        assert_eq!((points.share_at(0), points.share_at(100)), (1.0, 0.7));
    }
}
