//! The self-contained HTML report of an analysis (A4, no scripts, charts as base64 PNG drawn
//! with the bundled font): for a sensitivity analysis the tornado chart and the tables of
//! each metric; for a search the answer, the frontier chart and its table. Japanese or
//! English; the same result gives the same bytes.

use std::fmt::Write as _;

use bcpsim_engine::Lang;
use bcpsim_engine::lang::glossary::analysis;
use bcpsim_engine::outcome::catalogue;
use bcpsim_engine::search::SearchResult;
use bcpsim_engine::sensitivity::Analysis;

use super::Decimals;
use super::charts::{frontier_png, tornado_png};
use super::search::{FRONTIER_HEAD, describe_chosen, pct, plan_label, verdict, yen};
use super::sensitivity::metric_name;
use crate::i18n::Text;
use crate::report::{base64, escape};

const CSS: &str = "\
@page { size: A4; margin: 14mm; }
body { font-family: 'IPAexGothic', 'IPAexゴシック', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', \
'Noto Sans CJK JP', sans-serif; max-width: 190mm; margin: 0 auto; line-height: 1.55; font-size: 11pt; }
h1 { font-size: 20pt; border-bottom: 2pt solid #000; }
h2 { font-size: 15pt; border-left: 6pt solid #0072B2; padding-left: 6pt; break-before: page; }
h2.first { break-before: auto; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; }
th, td { border: 0.75pt solid #444; padding: 3pt 6pt; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #eee; }
figure { margin: 0 0 12pt; break-inside: avoid; }
figure img { width: 100%; height: auto; border: 0.5pt solid #999; }
figcaption, footer { font-size: 10pt; }
footer { margin-top: 18pt; border-top: 0.5pt solid #999; }
";

fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n{body}</body>\n</html>\n",
        lang.pick("ja", "en"),
        escape(title),
        escape(title)
    )
}

fn table(out: &mut String, head: &[&str], rows: &[Vec<(String, bool)>]) {
    out.push_str("<table>\n<tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr>\n");
    for row in rows {
        out.push_str("<tr>");
        for (cell, numeric) in row {
            let class = if *numeric { " class=\"n\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn figure(out: &mut String, png: &[u8], alt: &str, caption: &str) {
    let _ = writeln!(
        out,
        "<figure><img alt=\"{}\" src=\"data:image/png;base64,{}\"><figcaption>{}</figcaption></figure>",
        escape(alt),
        base64(png),
        escape(caption)
    );
}

const S_TITLE: Text = Text::new("感度分析報告書", "Sensitivity analysis report");
/// Under the index table: the intervals' meaning.
const S_SOBOL_NOTE: Text = Text::new(
    "［ ］はブートストラップによる95%区間です。",
    "[ ] are 95 % bootstrap intervals.",
);
const S_LEAD: Text = Text::new(
    "シナリオ「{}」の {} 個の因子（疑わしい前提）について、どれが結果を左右するかを調べました。トルネード図は、各因子を下限と上限にしたときの平均の変化です（他の因子はシナリオのまま、シード {} の同じ {} 回の災害で対比較）。Sobol指数は、結果のばらつきのうち各因子が説明する割合で、一次指数はその因子だけで、総合指数は他の因子との組み合わせを含めて説明する割合です（Saltelli 法、{} 行、区間は {} 回のブートストラップによる95%区間）。残りは災害そのもののばらつきです。",
    "Which of the {} doubted assumptions (factors) of the scenario “{}” decide the outcome. The tornado shows how the mean changes with each factor at its low and at its high end (the others as written; paired over the same {} disasters of seed {}). A Sobol index is the share of the outcome's variance a factor explains: first-order alone, total with its interactions (Saltelli design, {} rows; 95 % intervals from {} bootstrap resamples). The rest is the disaster's own variation.",
);
const S_TORNADO_CAPTION: Text = Text::new(
    "水色の棒は因子を下限にしたとき、橙色の棒は上限にしたときの平均の変化（基準はシナリオのまま）。上ほど影響が大きい因子です。",
    "Sky-blue bars: the change of the mean with the factor at its low end; orange: at its high end (from the scenario as written). The widest swing is on top.",
);
const S_TORNADO_HEAD: [Text; 6] = [
    analysis::FACTOR,
    Text::new("下限", "Low"),
    Text::new("上限", "High"),
    Text::new("下限での平均", "Mean at low"),
    Text::new("上限での平均", "Mean at high"),
    Text::new("差（上限 − 下限）[95%区間]", "High − low [95 % CI]"),
];
const S_SOBOL_HEAD: [Text; 3] = [
    analysis::FACTOR,
    analysis::FIRST_ORDER_INDEX,
    analysis::TOTAL_INDEX,
];
const FOOTER: Text = Text::new(
    "bcpsim が作成（docs/sensitivity.md、docs/search.md）。同じ入力からは同じ内容になります。",
    "Made by bcpsim (docs/sensitivity.md, docs/search.md). The same inputs give the same report.",
);

/// The report of a sensitivity analysis.
pub fn sensitivity_report(a: &Analysis, lang: Lang) -> Result<String, String> {
    let s = &a.settings;
    let mut body = String::new();
    let lead = match lang {
        Lang::Ja => S_LEAD.fill(
            lang,
            &[
                &a.scenario,
                &a.factors.len(),
                &s.seed,
                &s.runs,
                &s.samples,
                &s.resamples,
            ],
        ),
        Lang::En => S_LEAD.fill(
            lang,
            &[
                &a.factors.len(),
                &a.scenario,
                &s.runs,
                &s.seed,
                &s.samples,
                &s.resamples,
            ],
        ),
    };
    let _ = writeln!(body, "<p>{}</p>", escape(&lead));
    for (k, m) in a.metrics.iter().enumerate() {
        let label = catalogue::find(&m.metric).map_or(m.metric.clone(), |info| {
            info.label(Text::new("%", "%"), lang)
        });
        let class = if k == 0 { " class=\"first\"" } else { "" };
        let _ = writeln!(body, "<h2{class}>{}</h2>", escape(&label));
        if !m.tornado.is_empty() {
            let png = tornado_png(&metric_name(&m.metric, lang), &m.tornado, lang)?;
            figure(&mut body, &png, &label, S_TORNADO_CAPTION.get(lang));
            let head: Vec<&str> = S_TORNADO_HEAD.iter().map(|t| t.get(lang)).collect();
            let d = Decimals::for_values(
                m.tornado
                    .iter()
                    .flat_map(|r| [r.mean_at_low, r.mean_at_high]),
            );
            let rows: Vec<Vec<(String, bool)>> = m
                .tornado
                .iter()
                .map(|r| {
                    vec![
                        (r.factor.clone(), false),
                        (r.low.to_string(), true),
                        (r.high.to_string(), true),
                        (d.show(r.mean_at_low), true),
                        (d.show(r.mean_at_high), true),
                        (
                            format!(
                                "{} [{}, {}]",
                                d.show(r.difference),
                                d.show(r.ci_low),
                                d.show(r.ci_high)
                            ),
                            true,
                        ),
                    ]
                })
                .collect();
            table(&mut body, &head, &rows);
        }
        if !m.sobol.is_empty() {
            let head: Vec<&str> = S_SOBOL_HEAD.iter().map(|t| t.get(lang)).collect();
            let rows: Vec<Vec<(String, bool)>> = m
                .sobol
                .iter()
                .map(|r| {
                    let i = &r.indices;
                    vec![
                        (r.factor.clone(), false),
                        (
                            format!(
                                "{:.3} [{:.3}, {:.3}]",
                                i.first_order, i.first_order_low, i.first_order_high
                            ),
                            true,
                        ),
                        (
                            format!("{:.3} [{:.3}, {:.3}]", i.total, i.total_low, i.total_high),
                            true,
                        ),
                    ]
                })
                .collect();
            table(&mut body, &head, &rows);
            let _ = writeln!(body, "<p>{}</p>", escape(S_SOBOL_NOTE.get(lang)));
            if m.variance.is_some_and(|v| v <= 0.0) {
                let note = super::sensitivity::CONSTANT.get(lang).trim();
                let _ = writeln!(body, "<p>{}</p>", escape(note));
            }
        }
    }
    let _ = writeln!(body, "<footer>{}</footer>", escape(FOOTER.get(lang)));
    Ok(page(
        lang,
        &format!("{} — {}", S_TITLE.get(lang), a.scenario),
        &body,
    ))
}

const R_TITLE: Text = Text::new("対策探索報告書", "Plan search report");
const R_LEAD: Text = Text::new(
    "シナリオ「{}」について、レバーの組み合わせ {} 通りを、同じ災害（シード {}）で試しました。目標は、実行ごとに「{}」を満たすことで、それを {}% 以上の実行で満たす最も安い計画を探しました。各計画は {} 回ずつ実行し、目標を満たす割合の95%区間（Wilson）が基準の上か下にはっきり分かれた時点で止めています（最大 {} 回）。",
    "For the scenario “{}”, {} combinations of the levers were run over the same disasters (seed {}). The target is “{}” in a run; the search looked for the cheapest plan meeting it in at least {} % of runs. Each plan ran in rounds of {} runs and stopped once the 95 % (Wilson) interval of its share lay clearly above or below that level (at most {} runs).",
);
const R_CHOSEN: Text = Text::new(
    "答え: {}（費用 {} 円）。目標を満たした実行 {} / {}（{}%、95%区間 {}〜{}%）。この計画は chosen-plan.ron（変種ファイル）として書き出しました。bcpsim compare で基本シナリオと比べられます。",
    "Answer: {} (cost {} yen): the target met in {} of {} runs ({} %, 95 % CI {}–{} %). The plan is written as chosen-plan.ron, a variant file: compare it with the base with bcpsim compare.",
);
const R_NONE: Text = Text::new(
    "目標を満たすとはっきり言える計画はありませんでした。",
    "No plan clearly meets the target.",
);
const R_CAPTION: Text = Text::new(
    "灰色の点は試したすべての計画、黒い線は各費用で最も良い計画（縦線は95%区間、青は目標を満たす計画）、朱色の破線は求める割合、朱色の三角は選んだ計画です。",
    "Grey dots: every plan tried; black line: the best plan at each cost (vertical lines: 95 % intervals; blue: plans meeting the target); dashed vermillion line: the level asked for; vermillion triangle: the chosen plan.",
);
/// The report of a search.
pub fn search_report(r: &SearchResult, lang: Lang) -> Result<String, String> {
    let s = &r.settings;
    let mut body = String::new();
    let lead = R_LEAD.fill(
        lang,
        &[
            &r.scenario,
            &r.candidates.len(),
            &s.seed,
            &s.target.text(),
            &pct(s.confidence),
            &s.batch,
            &s.max_runs,
        ],
    );
    let _ = writeln!(body, "<p>{}</p>", escape(&lead));
    let answer = match r.chosen.map(|i| &r.candidates[i]) {
        Some(c) => describe_chosen(R_CHOSEN, c, lang),
        None => R_NONE.get(lang).to_string(),
    };
    let _ = writeln!(body, "<p><strong>{}</strong></p>", escape(&answer));
    let _ = writeln!(
        body,
        "<h2 class=\"first\">{}</h2>",
        escape(analysis::FRONTIER.get(lang))
    );
    let png = frontier_png(r, lang)?;
    figure(&mut body, &png, R_CAPTION.get(lang), R_CAPTION.get(lang));
    let head: Vec<&str> = FRONTIER_HEAD.iter().map(|t| t.get(lang)).collect();
    let rows: Vec<Vec<(String, bool)>> = r
        .frontier
        .iter()
        .map(|&i| {
            let c = &r.candidates[i];
            vec![
                (yen(c.cost_yen), true),
                (plan_label(c), false),
                (
                    format!(
                        "{}% [{}, {}]",
                        pct(c.share),
                        pct(c.share_low),
                        pct(c.share_high)
                    ),
                    true,
                ),
                (c.runs.to_string(), true),
                (verdict(c.status).get(lang).to_string(), false),
            ]
        })
        .collect();
    table(&mut body, &head, &rows);
    let _ = writeln!(body, "<footer>{}</footer>", escape(FOOTER.get(lang)));
    Ok(page(
        lang,
        &format!("{} — {}", R_TITLE.get(lang), r.scenario),
        &body,
    ))
}
