//! `bcpsim sensitivity`'s files and terminal table: `sensitivity.json` (everything),
//! `tornado.csv` and `sobol.csv` (one row per metric and factor), and for a shard
//! `evaluations.json` (the raw evaluations that `merge` joins).

use std::fmt::Write as _;

use bcpsim_engine::Lang;
use bcpsim_engine::lang::glossary::analysis;
use bcpsim_engine::outcome::catalogue;
use bcpsim_engine::sensitivity::{Analysis, Evaluations};

use super::{Decimals, cell, field, json};
use crate::i18n::Text;
use crate::width::{Align, table};

pub const SENSITIVITY_FILE: &str = "sensitivity.json";
pub const TORNADO_FILE: &str = "tornado.csv";
pub const SOBOL_FILE: &str = "sobol.csv";
pub const EVALUATIONS_FILE: &str = "evaluations.json";
/// The files of a whole analysis.
pub const SENSITIVITY_FILES: [&str; 4] =
    [SENSITIVITY_FILE, TORNADO_FILE, SOBOL_FILE, EVALUATIONS_FILE];

pub fn render_sensitivity_json(a: &Analysis) -> String {
    json(a)
}

pub fn render_evaluations_json(e: &Evaluations) -> String {
    // Compact: it is for `merge`, not for reading.
    let mut s = serde_json::to_string(e).unwrap_or_else(|_| "null".into());
    s.push('\n');
    s
}

pub fn render_tornado_csv(a: &Analysis) -> String {
    let mut s = String::from(
        "metric,factor,low,high,base_value,mean_at_low,mean_at_base,mean_at_high,difference,ci_low,ci_high,runs\n",
    );
    for m in &a.metrics {
        for r in &m.tornado {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{},{},{},{},{}",
                field(&m.metric),
                field(&r.factor),
                r.low,
                r.high,
                r.base_value,
                r.mean_at_low,
                r.mean_at_base,
                r.mean_at_high,
                r.difference,
                r.ci_low,
                r.ci_high,
                r.runs
            );
        }
    }
    s
}

pub fn render_sobol_csv(a: &Analysis) -> String {
    let mut s = String::from(
        "metric,factor,first_order,first_order_low,first_order_high,total,total_low,total_high,rows\n",
    );
    for m in &a.metrics {
        for r in &m.sobol {
            let i = &r.indices;
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{},{}",
                field(&m.metric),
                field(&r.factor),
                cell(Some(i.first_order)),
                i.first_order_low,
                i.first_order_high,
                i.total,
                i.total_low,
                i.total_high,
                m.sobol_rows
            );
        }
    }
    s
}

/// The files of a whole analysis, in the order they are written.
pub fn sensitivity_files(a: &Analysis, e: &Evaluations) -> Vec<(&'static str, String)> {
    vec![
        (SENSITIVITY_FILE, render_sensitivity_json(a)),
        (TORNADO_FILE, render_tornado_csv(a)),
        (SOBOL_FILE, render_sobol_csv(a)),
        (EVALUATIONS_FILE, render_evaluations_json(e)),
    ]
}

const HEADING: Text = Text::new(
    "感度分析: {}（シード {}、トルネード {} 回の対、Sobol指数 {} 行）",
    "Sensitivity analysis: {} (seed {}, tornado {} paired runs, Sobol indices {} rows)",
);
const TORNADO_HEAD: [Text; 5] = [
    analysis::FACTOR,
    Text::new("下限 → 上限", "Low → high"),
    Text::new("下限での平均", "Mean at low"),
    Text::new("上限での平均", "Mean at high"),
    Text::new("差（上限 − 下限）[95%区間]", "High − low [95 % CI]"),
];
const SOBOL_HEAD: [Text; 3] = [
    analysis::FACTOR,
    analysis::FIRST_ORDER_INDEX,
    analysis::TOTAL_INDEX,
];

const INTERVALS: Text = Text::new(
    "  ［ ］はブートストラップによる95%区間",
    "  [ ] are 95 % bootstrap intervals",
);

/// Said under the indices of a metric that never varied (they are 0 by definition).
pub(crate) const CONSTANT: Text = Text::new(
    "  この指標は全実行で同じ値でした。どの因子にも割り当てるばらつきがないため、指数は 0 です。",
    "  This metric had the same value in every run: there is no variation to attribute, so the indices are 0.",
);

/// A metric's name in `lang` from the catalogue (the key when it is not there).
pub fn metric_name(key: &str, lang: Lang) -> String {
    catalogue::find(key).map_or(key.to_string(), |m| m.name.get(lang).to_string())
}

/// The readable tables: per metric, the tornado sorted by the size of the difference, then the
/// Sobol' indices.
pub fn sensitivity_text(a: &Analysis, lang: Lang) -> String {
    let s = &a.settings;
    let mut out = HEADING.fill(lang, &[&a.scenario, &s.seed, &s.runs, &s.samples]);
    out.push('\n');
    for m in &a.metrics {
        let _ = writeln!(out, "\n■ {} ({})", metric_name(&m.metric, lang), m.metric);
        if !m.tornado.is_empty() {
            let d = Decimals::for_values(
                m.tornado
                    .iter()
                    .flat_map(|r| [r.mean_at_low, r.mean_at_high]),
            );
            let mut rows: Vec<_> = m.tornado.iter().collect();
            rows.sort_by(|x, y| y.difference.abs().total_cmp(&x.difference.abs()));
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.factor.clone(),
                        format!("{} → {}", r.low, r.high),
                        d.show(r.mean_at_low),
                        d.show(r.mean_at_high),
                        format!(
                            "{} [{}, {}]",
                            d.show(r.difference),
                            d.show(r.ci_low),
                            d.show(r.ci_high)
                        ),
                    ]
                })
                .collect();
            let head: Vec<String> = TORNADO_HEAD
                .iter()
                .map(|t| t.get(lang).to_string())
                .collect();
            out.push_str(&table(
                "  ",
                &[
                    Align::Left,
                    Align::Left,
                    Align::Right,
                    Align::Right,
                    Align::Right,
                ],
                &[vec![head], body].concat(),
            ));
        }
        if !m.sobol.is_empty() {
            let body: Vec<Vec<String>> = m
                .sobol
                .iter()
                .map(|r| {
                    let i = &r.indices;
                    vec![
                        r.factor.clone(),
                        format!(
                            "{:.3} [{:.3}, {:.3}]",
                            i.first_order, i.first_order_low, i.first_order_high
                        ),
                        format!("{:.3} [{:.3}, {:.3}]", i.total, i.total_low, i.total_high),
                    ]
                })
                .collect();
            let head: Vec<String> = SOBOL_HEAD.iter().map(|t| t.get(lang).to_string()).collect();
            out.push('\n');
            out.push_str(&table(
                "  ",
                &[Align::Left, Align::Right, Align::Right],
                &[vec![head], body].concat(),
            ));
            out.push_str(INTERVALS.get(lang));
            out.push('\n');
            if m.variance.is_some_and(|v| v <= 0.0) {
                out.push_str(CONSTANT.get(lang));
                out.push('\n');
            }
        }
    }
    out
}
