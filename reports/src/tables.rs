//! The readable tables of a batch and a comparison, printed on the terminal by `bcpsim batch`,
//! `merge` and `compare` and shown in the comparison's report.

use bcpsim_engine::Lang;
use bcpsim_engine::batch::{BatchData, Stats};

use crate::files::{CompareFile, VariantComparison};
use crate::i18n::Text;
use crate::metrics::{is_share, rows_to_show};
use crate::width::{Align, table};

const BATCH_TITLE: Text = Text::new("モンテカルロ結果", "Monte Carlo result");
const BATCH_HEADER: Text = Text::new(
    "シナリオ: {}\nシード {}、{} 回実行",
    "Scenario: {}\nseed {}, {} runs",
);
const COL_METRIC: Text = Text::new("指標", "Metric");
const COL_MEAN: Text = Text::new("平均", "Mean");
const COL_NEVER: Text = Text::new("未達", "Never");
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

/// The batch's readable table: mean and 5 / 50 / 95 % of the headline metrics.
pub fn batch_text(data: &BatchData, lang: Lang) -> String {
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
    // Only the metrics shown are described (the whole summary is `batch.json`'s).
    for (name, label) in rows_to_show(&data.metric_names, lang) {
        let Some(s) = data.describe(&name) else {
            continue;
        };
        rows.push(stat_row(label, &s, is_share(&name)));
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
    use bcpsim_engine::batch::Paired;

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
}
