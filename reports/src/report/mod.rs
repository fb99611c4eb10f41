//! The printable report (`bcpsim report DIR`) of a run, a batch or a comparison: a
//! self-contained HTML file for a room of nurses, doctors and care managers ([`render_html`]),
//! and a Markdown summary with the same key figures for pasting into BCP documents
//! ([`render_markdown`]).
//!
//! The content is a [`Document`], filled by [`run_document`], [`batch_document`] or
//! [`compare_document`] (or [`document`] for whatever was read); the two writers render any
//! document. All are pure functions of the directory's contents: no timestamps, no paths of
//! the machine, so the same outputs give byte-identical reports.

mod batch;
mod compare;
mod document;
mod html;
mod markdown;

use bcpsim_engine::Lang;
use bcpsim_engine::lang::glossary;

use bcpsim_engine::scenario::ShareAt;

use crate::charts::{ChartSpec, run_charts};
use crate::i18n::{self, Text};
use crate::read::{ReportInput, RunDir};

pub use batch::batch_document;
pub use compare::compare_document;
pub use document::{Assumptions, Document, KeyTable};
pub use html::{HtmlOptions, base64, chart_caption, escape, render_html};
pub use markdown::render_markdown;

/// The report of whatever `bcpsim report` was given.
pub fn document(input: &ReportInput, lang: Lang) -> Document {
    match input {
        ReportInput::Run(run) => run_document(run, lang),
        ReportInput::Batch(batch) => batch_document(&batch.summary, lang),
        ReportInput::Compare(compare) => compare_document(&compare.file, lang),
    }
}

/// Each chart with the caption that says how to read it.
fn captioned(specs: Vec<ChartSpec>, lang: Lang) -> Vec<(ChartSpec, String)> {
    specs
        .into_iter()
        .map(|spec| {
            let caption = chart_caption(&spec, lang);
            (spec, caption)
        })
        .collect()
}

/// The report of one run: key figures, the six charts, and the plan's assumptions.
pub fn run_document(run: &RunDir, lang: Lang) -> Document {
    let stocks = stock_table(run, lang);
    let has_stocks = !stocks.rows.is_empty();
    let mut tables = vec![("attendance", attendance_table(run, lang))];
    if has_stocks {
        tables.push(("stocks", stocks));
    }
    Document {
        title: i18n::REPORT_TITLE.get(lang).to_string(),
        subject: run.summary.scenario.clone(),
        paragraph: scenario_paragraph(run, lang),
        key_figures: key_figures(run, lang),
        key_tables: Vec::new(),
        charts: captioned(run_charts(run), lang),
        assumptions: Some(Assumptions {
            sentence: attendance_worst(run, lang),
            tables,
            note: has_stocks.then(|| stock_note(lang).to_string()),
        }),
        footer: footer(lang),
    }
}

/// Default file names inside the run directory.
pub const REPORT_HTML: &str = "report.html";
pub const REPORT_MD: &str = "report.md";

/// Hours at which the plan's assumptions are compared with the simulation (004 §3-10).
pub const CHECK_HOURS: [u32; 6] = [0, 6, 24, 72, 168, 720];

/// One key figure: label and value, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFigure {
    pub label: String,
    pub value: String,
}

/// A row of an assumption table.
#[derive(Debug, Clone, PartialEq)]
pub struct AssumptionRow {
    pub hour: u32,
    pub plan: f64,
    pub simulated: f64,
    /// Stock rows only: the lowest item (name, share) and how many items are below the plan.
    pub lowest: Option<(String, f64)>,
    pub below: Option<usize>,
    /// A batch's rows: the 5th and 95th percentiles around the median `simulated`.
    pub range: Option<(f64, f64)>,
}

fn percent(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

fn points(v: f64) -> String {
    let p = v * 100.0;
    let p = if p.abs() < 0.05 { 0.0 } else { p };
    format!("{p:+.1} pt")
}

/// "130 時間後（5日目 00時）" / "130 h (day 5 00:00)".
pub fn at_time(run: &RunDir, hour: u32, lang: Lang) -> String {
    at_clock(run.summary.onset_hour, hour, lang)
}

/// [`at_time`] for an onset at `onset_hour` o'clock.
pub fn at_clock(onset_hour: u32, hour: u32, lang: Lang) -> String {
    let day = bcpsim_engine::lang::calendar_day(onset_hour, hour);
    let clock = (onset_hour + hour) % 24;
    i18n::REPORT_AT_TIME.fill(lang, &[&hour, &day, &format!("{clock:02}")])
}

/// Patients of priority class A, region-wide.
fn class_a_patients(run: &RunDir) -> u32 {
    let by_class = &run.summary.region.safety_checks.by_class;
    by_class.get("a").map_or(0, |c| c.patients)
}

/// The scenario and plan in one paragraph.
pub fn scenario_paragraph(run: &RunDir, lang: Lang) -> String {
    let s = &run.summary;
    let class_a = class_a_patients(run);
    let curve = attendance_rows(run)
        .iter()
        .map(|r| format!("{}h {:.0}%", r.hour, r.plan * 100.0))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "));
    let stock_curve = curve_text(&crate::charts::stock_data(run).plan, check_hours(run), lang);
    let activated = s.region.activation.activated_hour.map_or_else(
        || i18n::NOT_ACTIVATED.get(lang).to_string(),
        |h| at_time(run, h, lang),
    );
    let released = s.region.activation.released_hour.map_or_else(
        || i18n::NOT_RELEASED.get(lang).to_string(),
        |h| at_time(run, h, lang),
    );
    let sep = lang.pick("", " ");
    [
        i18n::REPORT_SCENARIO_LINE.fill(
            lang,
            &[
                &s.scenario,
                &s.onset_weekday.name().get(lang),
                &s.onset_hour,
                &s.horizon_hours,
                &format!("{:.0}", f64::from(s.horizon_hours) / 24.0),
                &s.seed,
                &s.run,
            ],
        ),
        i18n::REPORT_PLAN_LINE.fill(
            lang,
            &[
                &s.agencies.len().max(1),
                &format_number(s.region.staff.normal_daily_staff),
                &s.region.safety_checks.patients,
                &class_a,
                &s.region.critical.power_dependent_patients,
            ],
        ),
        i18n::REPORT_PLAN_CURVE_LINE.fill(lang, &[&curve, &stock_curve]),
        i18n::REPORT_ACTIVATION_LINE.fill(lang, &[&activated, &released]),
    ]
    .into_iter()
    .chain(
        s.stopped_at_hour
            .map(|h| i18n::REPORT_STOPPED_LINE.fill(lang, &[&h, &s.horizon_hours])),
    )
    .collect::<Vec<_>>()
    .join(sep)
}

/// "0h 100%、6h 90%、…": the curve `points` at each of `hours`.
fn curve_text(points: &[(f64, f64)], hours: impl Iterator<Item = u32>, lang: Lang) -> String {
    hours
        .map(|h| format!("{h}h {:.0}%", points.share_at(h) * 100.0))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// To one decimal, without ".0" for (nearly) whole numbers.
fn format_number(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{:.0}", v.round())
    } else {
        format!("{v:.1}")
    }
}

/// The five key figures, most critical first.
pub fn key_figures(run: &RunDir, lang: Lang) -> Vec<KeyFigure> {
    let s = &run.summary;
    let c = &s.region.critical;
    let class_a = class_a_patients(run);
    let all_a = s
        .region
        .safety_checks
        .class_a_all_confirmed_hour
        .map_or_else(
            || i18n::NEVER.get(lang).to_string(),
            |h| at_time(run, h, lang),
        );
    let first_stockout = s
        .region
        .stocks
        .iter()
        .filter_map(|(k, v)| v.stockout_hour.map(|h| (h, k)))
        .min()
        .map_or_else(
            || i18n::NO_STOCKOUTS.get(lang).to_string(),
            |(h, k)| {
                i18n::REPORT_KF_STOCKOUT_VALUE.fill(
                    lang,
                    &[&glossary::stock_item(k, lang), &at_time(run, h, lang)],
                )
            },
        );
    let v = &s.region.visits;
    let share = if v.demanded > 0 {
        percent(v.delivered as f64 / v.demanded as f64)
    } else {
        "—".to_string()
    };
    key_figures_of(
        [
            i18n::REPORT_KF_DEPLETED_VALUE.fill(
                lang,
                &[
                    &c.battery_depleted_patients,
                    &c.power_dependent_patients,
                    &c.depleted_patient_hours,
                ],
            ),
            i18n::REPORT_KF_OF.fill(lang, &[&c.class_a_uncontacted_over_24h, &class_a]),
            all_a,
            first_stockout,
            i18n::REPORT_KF_VISITS_VALUE.fill(lang, &[&v.delivered, &v.demanded, &share]),
        ],
        lang,
    )
}

/// The five key figures' labels, most critical first.
const KEY_FIGURE_LABELS: [Text; 5] = [
    i18n::REPORT_KF_DEPLETED,
    i18n::REPORT_KF_CLASS_A_24H,
    i18n::REPORT_KF_CLASS_A_ALL,
    i18n::REPORT_KF_FIRST_STOCKOUT,
    i18n::REPORT_KF_VISITS,
];

/// The key figures from their five values, in [`KEY_FIGURE_LABELS`] order.
fn key_figures_of(values: [String; 5], lang: Lang) -> Vec<KeyFigure> {
    KEY_FIGURE_LABELS
        .iter()
        .zip(values)
        .map(|(label, value)| KeyFigure {
            label: label.get(lang).to_string(),
            value,
        })
        .collect()
}

/// The check hours the run reaches; the one at the horizon itself (720 h in a 30-day run,
/// whose last step starts at 719 h) is shown at the last step.
fn check_hours(run: &RunDir) -> impl Iterator<Item = u32> {
    check_hours_of(
        run.rows.last().map_or(0, |r| r.hour),
        run.summary.horizon_hours,
    )
}

/// The check hours up to `horizon`, the last shown at the `last` step.
fn check_hours_of(last: u32, horizon: u32) -> impl Iterator<Item = u32> {
    CHECK_HOURS
        .into_iter()
        .filter(move |h| *h <= horizon.max(last))
        .map(move |h| h.min(last))
}

/// Plan vs simulated attendance (region, W-weighted) at the check hours the run reaches.
pub fn attendance_rows(run: &RunDir) -> Vec<AssumptionRow> {
    let data = crate::charts::attendance_data(run);
    check_hours(run)
        .filter_map(|h| {
            let i = data.simulated.iter().position(|p| p.0 == f64::from(h))?;
            Some(AssumptionRow {
                hour: h,
                plan: data.plan[i].1,
                simulated: data.simulated[i].1,
                lowest: None,
                below: None,
                range: None,
            })
        })
        .collect()
}

/// The sample plan's stock assumption vs the simulated stock (mean share over items).
pub fn stock_rows(run: &RunDir, lang: Lang) -> Vec<AssumptionRow> {
    let data = crate::charts::stock_data(run);
    if data.items.is_empty() {
        return Vec::new();
    }
    stock_rows_of(&data, check_hours(run), lang)
}

/// Per check hour: the sample plan's stock share against the mean share over `data`'s items,
/// the lowest item and how many items are below the plan.
fn stock_rows_of(
    data: &crate::charts::StockData,
    hours: impl Iterator<Item = u32>,
    lang: Lang,
) -> Vec<AssumptionRow> {
    hours
        .map(|h| {
            let plan = data.plan.share_at(h);
            let shares: Vec<(&str, f64)> = data
                .items
                .iter()
                .filter_map(|it| {
                    it.share
                        .iter()
                        .find(|p| p.0 == f64::from(h))
                        .map(|p| (it.item.as_str(), p.1))
                })
                .collect();
            let mean = shares.iter().map(|s| s.1).sum::<f64>() / shares.len().max(1) as f64;
            let lowest = shares
                .iter()
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(k, v)| (glossary::stock_item(k, lang), *v));
            let below = shares.iter().filter(|s| s.1 < plan - 1e-9).count();
            AssumptionRow {
                hour: h,
                plan,
                simulated: mean,
                lowest,
                below: Some(below),
                range: None,
            }
        })
        .collect()
}

fn verdict(row: &AssumptionRow, lang: Lang) -> &'static str {
    let d = row.simulated - row.plan;
    if d <= -0.1 {
        i18n::REPORT_WORSE.get(lang)
    } else if d >= 0.1 {
        i18n::REPORT_BETTER.get(lang)
    } else {
        i18n::REPORT_CLOSE.get(lang)
    }
}

/// A sentence about the step where attendance fell furthest below the plan.
pub fn attendance_worst(run: &RunDir, lang: Lang) -> String {
    let data = crate::charts::attendance_data(run);
    attendance_worst_of(&data, run.summary.onset_hour, lang)
}

/// The sentence of [`attendance_worst`] for `data`; its simulated line is a batch's median
/// when `data.median`.
fn attendance_worst_of(
    data: &crate::charts::AttendanceData,
    onset_hour: u32,
    lang: Lang,
) -> String {
    let worst = data
        .simulated
        .iter()
        .zip(&data.plan)
        .map(|(s, p)| (s.1 - p.1, s.0, p.1, s.1))
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    match worst {
        Some((d, hour, plan, sim)) if d < 0.0 => if data.median {
            i18n::REPORT_ATTENDANCE_WORST_MEDIAN
        } else {
            i18n::REPORT_ATTENDANCE_WORST
        }
        .fill(
            lang,
            &[
                &at_clock(onset_hour, hour as u32, lang),
                &percent(plan),
                &percent(sim),
            ],
        ),
        _ => i18n::REPORT_ATTENDANCE_NEVER_BELOW.get(lang).to_string(),
    }
}

/// A table as header and rows of cells (rendered by the HTML and Markdown writers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub fn attendance_table(run: &RunDir, lang: Lang) -> Table {
    attendance_table_of(&attendance_rows(run), run.summary.onset_hour, false, lang)
}

/// The columns of an assumption table: time, plan, simulated (or median and its 5–95 %
/// range), difference, then `extra`.
fn assumption_header(
    rows: &[AssumptionRow],
    median: bool,
    extra: &[Text],
    lang: Lang,
) -> Vec<String> {
    let mut header = vec![i18n::REPORT_COL_TIME, i18n::REPORT_COL_PLAN];
    if !median {
        header.push(i18n::REPORT_COL_SIM);
    } else if rows.iter().any(|r| r.range.is_some()) {
        header.extend([i18n::REPORT_COL_MEDIAN, i18n::REPORT_COL_RANGE]);
    } else {
        header.push(i18n::REPORT_COL_MEDIAN);
    }
    header.push(i18n::REPORT_COL_DIFF);
    header.extend_from_slice(extra);
    header.iter().map(|t| t.get(lang).to_string()).collect()
}

/// The first cells of an assumption row, matching [`assumption_header`].
fn assumption_cells(r: &AssumptionRow, onset_hour: u32, lang: Lang) -> Vec<String> {
    let mut cells = vec![
        at_clock(onset_hour, r.hour, lang),
        percent(r.plan),
        percent(r.simulated),
    ];
    if let Some((lo, hi)) = r.range {
        cells.push(format!(
            "{}{}{}",
            percent(lo),
            lang.pick("〜", "–"),
            percent(hi)
        ));
    }
    cells.push(points(r.simulated - r.plan));
    cells
}

/// `median`: the simulated values are a batch's medians.
fn attendance_table_of(rows: &[AssumptionRow], onset_hour: u32, median: bool, lang: Lang) -> Table {
    Table {
        caption: i18n::REPORT_ATTENDANCE_TABLE.get(lang).into(),
        header: assumption_header(rows, median, &[i18n::REPORT_COL_VERDICT], lang),
        rows: rows
            .iter()
            .map(|r| {
                let mut cells = assumption_cells(r, onset_hour, lang);
                cells.push(verdict(r, lang).to_string());
                cells
            })
            .collect(),
    }
}

pub fn stock_table(run: &RunDir, lang: Lang) -> Table {
    stock_table_of(&stock_rows(run, lang), run.summary.onset_hour, false, lang)
}

fn stock_table_of(rows: &[AssumptionRow], onset_hour: u32, median: bool, lang: Lang) -> Table {
    Table {
        caption: i18n::REPORT_STOCK_TABLE.get(lang).into(),
        header: assumption_header(
            rows,
            median,
            &[i18n::REPORT_COL_LOWEST, i18n::REPORT_COL_BELOW],
            lang,
        ),
        rows: rows
            .iter()
            .map(|r| {
                let mut cells = assumption_cells(r, onset_hour, lang);
                cells.push(
                    r.lowest
                        .as_ref()
                        .map_or_else(String::new, |(k, v)| format!("{k} {}", percent(*v))),
                );
                cells.push(r.below.map_or_else(String::new, |n| n.to_string()));
                cells
            })
            .collect(),
    }
}

pub fn stock_note(lang: Lang) -> &'static str {
    i18n::REPORT_STOCK_NOTE.get(lang)
}

pub fn footer(lang: Lang) -> String {
    i18n::REPORT_FOOTER.fill(lang, &[&bcpsim_engine::outcome::OUTPUT_FORMAT_VERSION])
}
