//! The report of a comparison (`compare.json`): per variant, the headline metrics paired run
//! by run against the base, and the forest plot of the differences.

use bcpsim_engine::Lang;

use super::document::{Document, KeyTable};
use super::{Table, captioned};
use crate::charts::{compare_charts, forest_data};
use crate::files::CompareFile;
use crate::i18n::Text;
use crate::tables::{compare_header, compare_rows};

const TITLE: Text = Text::new("計画の比較報告書", "Plan comparison report");
/// Base, variant count, variant names, seed, runs.
const COMPARE_LINE: Text = Text::new(
    "基準のシナリオ「{}」と {} 件の比較案（{}）を、シード {} の同じ {} 回の災害で実行し、実行ごとに差をとりました（共通乱数による対比較）。差は「比較案 − 基準」、[ ] は実行ごとの差の平均の95%信頼区間、「改善した実行」は比較案が基準より良かった実行の割合です。",
    "The base scenario “{}” and {} variant(s) ({}) were run over the same disasters (seed {}, {} runs) and compared run by run (common random numbers). Differences are variant − base; [ ] is the 95 % confidence interval of the mean paired difference; “runs better” is the share of runs in which the variant did better than the base.",
);
/// What the comparison's method means, in plain words, after the paragraph that names it.
const PLAIN_WORDS: Text = Text::new(
    "わかりやすく言えば：基準と比較案を、まったく同じ災害（同じ職員の欠勤、同じ停電や断水、同じ道路の被害）に何度も当て、結果の違いが計画の違いだけから生まれるようにして比べています。95%信頼区間は「差の本当の平均はほぼ確実にこの範囲にある」という幅です。区間が0をまたぐときは、その指標で計画に差があるとは言い切れません。割合の差は「ポイント」（4.0%から5.0%なら +1.0 ポイント）で示します。",
    "In plain words: the base and each variant face exactly the same disasters (the same staff absent, the same power and water outages, the same damaged roads), many times over, so that any difference in the results comes from the plans alone. The 95 % confidence interval is the range in which the true average difference almost certainly lies; where it includes 0, the plans cannot be told apart on that metric. Differences of shares are in percentage points (from 4.0 % to 5.0 % is +1.0 pt).",
);
const FOOTER: Text = Text::new(
    "bcpsim が比較の出力（compare.json、出力形式 {}）から作成。同じ入力からは同じ内容になります。",
    "Made by bcpsim from the comparison output (compare.json, format {}). The same inputs give the same report.",
);
/// Variant, metrics shown, better, worse, unclear.
const VARIANT_LEAD: Text = Text::new(
    "比較案「{}」：グラフの {} 指標のうち、改善がはっきりしているもの {}、悪化がはっきりしているもの {}、はっきりしないもの {}。",
    "Variant “{}”: of the {} metrics in the chart, {} clearly better, {} clearly worse, {} unclear.",
);
const TABLE_CAPTION: Text = Text::new("「{}」と基準の比較", "“{}” against the base");

/// The comparison's report.
pub fn compare_document(file: &CompareFile, lang: Lang) -> Document {
    let forest = forest_data(file, lang);
    let key_tables = file
        .variants
        .iter()
        .map(|v| {
            let (mut shown, mut better, mut worse) = (0, 0, 0);
            for panel in &forest.panels {
                for row in panel.rows.iter().filter(|r| r.label == v.variant) {
                    shown += 1;
                    match panel.verdict(row) {
                        Some(true) => better += 1,
                        Some(false) => worse += 1,
                        None => {}
                    }
                }
            }
            KeyTable {
                class: "comparison",
                lead: VARIANT_LEAD.fill(
                    lang,
                    &[
                        &v.variant,
                        &shown,
                        &better,
                        &worse,
                        &(shown - better - worse),
                    ],
                ),
                table: Table {
                    caption: TABLE_CAPTION.fill(lang, &[&v.variant]),
                    header: compare_header(lang),
                    rows: compare_rows(v, lang),
                },
            }
        })
        .collect();
    let charts = captioned(compare_charts(file, lang), lang);
    Document {
        title: TITLE.get(lang).to_string(),
        subject: file.base.clone(),
        paragraph: compare_paragraph(file, lang),
        key_figures: Vec::new(),
        key_tables,
        charts,
        assumptions: None,
        footer: FOOTER.fill(lang, &[&file.format_version]),
    }
}

/// What was compared, over which runs, and how to read the differences, then the same in
/// plain words.
pub fn compare_paragraph(file: &CompareFile, lang: Lang) -> String {
    let names = file
        .variants
        .iter()
        .map(|v| lang.pick("「", "“").to_string() + &v.variant + lang.pick("」", "”"))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "));
    let line = COMPARE_LINE.fill(
        lang,
        &[
            &file.base,
            &file.variants.len(),
            &names,
            &file.seed,
            &file.runs,
        ],
    );
    format!("{line}{}{}", lang.pick("", " "), PLAIN_WORDS.get(lang))
}

#[cfg(test)]
mod tests {
    use bcpsim_engine::batch::metrics::Direction;
    use bcpsim_engine::batch::{BATCH_FORMAT_VERSION, Paired};

    use super::*;
    use crate::files::VariantComparison;

    fn paired(metric: &str, direction: Direction, mean: f64, low: f64, high: f64) -> Paired {
        Paired {
            metric: metric.into(),
            direction,
            runs: 20,
            base_median: Some(1.0),
            variant_median: Some(1.0 + mean),
            mean_difference: Some(mean),
            ci_low: Some(low),
            ci_high: Some(high),
            share_better: Some(0.5),
            share_worse: Some(0.1),
            zero_difference_runs: 8,
        }
    }

    fn file() -> CompareFile {
        CompareFile {
            format_version: BATCH_FORMAT_VERSION,
            base: "base".into(),
            disaster_sha256: "0".repeat(64),
            seed: 3,
            runs: 20,
            variants: vec![VariantComparison {
                variant: "power".into(),
                metrics: vec![
                    // Fewer depleted patients, the whole interval below 0: better.
                    paired(
                        "critical.battery_depleted_patients",
                        Direction::Lower,
                        -2.0,
                        -3.0,
                        -1.0,
                    ),
                    // Coverage up 5 points, but the interval crosses 0: unclear.
                    paired(
                        "safety_checks.confirmed_share_24h",
                        Direction::Higher,
                        0.05,
                        -0.01,
                        0.11,
                    ),
                    // Fewer visits delivered, the whole interval below 0: worse.
                    paired("visits.delivered", Direction::Higher, -4.0, -6.0, -2.0),
                ],
            }],
        }
    }

    #[test]
    fn forest_shows_shares_in_points_with_each_metrics_direction() {
        let forest = forest_data(&file(), Lang::Ja);
        assert_eq!(forest.panels.len(), 3);
        let share = &forest.panels[1];
        assert_eq!(share.label, "24時間以内の安否確認率（ポイント）");
        assert_eq!(share.better, Direction::Higher);
        // 0.05 of all patients is 5 percentage points.
        assert!((share.rows[0].estimate - 5.0).abs() < 1e-9);
        assert!((share.rows[0].low + 1.0).abs() < 1e-9);
    }

    #[test]
    fn shares_are_percentages_and_their_differences_points() {
        let rows = crate::tables::compare_rows(&file().variants[0], Lang::Ja);
        let share = rows
            .iter()
            .find(|r| r[0] == "24時間以内の安否確認率")
            .unwrap();
        // Medians 1.0 and 1.05, difference 0.05 in [-0.01, 0.11]; 50 % of runs better.
        assert_eq!(
            share[1..],
            ["100.0%", "105.0%", "+5.0 pt [-1.0 pt, +11.0 pt]", "50%"]
        );
        let visits = rows.iter().find(|r| r[0] == "訪問の実施（件）").unwrap();
        assert_eq!(visits[1..], ["1", "-3", "-4 [-6, -2]", "50%"]);
    }

    #[test]
    fn the_method_is_said_in_plain_words_too() {
        let ja = compare_paragraph(&file(), Lang::Ja);
        assert!(ja.contains("共通乱数による対比較"));
        assert!(ja.contains("わかりやすく言えば：基準と比較案を、まったく同じ災害"));
        let en = compare_paragraph(&file(), Lang::En);
        assert!(
            en.contains(
                "In plain words: the base and each variant face exactly the same disasters"
            )
        );
    }

    #[test]
    fn each_variant_is_summed_up_by_what_its_intervals_show() {
        let doc = compare_document(&file(), Lang::Ja);
        assert_eq!(doc.key_tables.len(), 1);
        assert_eq!(
            doc.key_tables[0].lead,
            "比較案「power」：グラフの 3 指標のうち、改善がはっきりしているもの 1、悪化がはっきりしているもの 1、はっきりしないもの 1。"
        );
        assert_eq!(doc.charts.len(), 1);
        assert!(doc.assumptions.is_none());
    }
}
