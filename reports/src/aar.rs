//! The after-action report (振り返り報告) of a tabletop session, as Markdown or a simple
//! self-contained HTML page: the timeline of injects, decisions and notes; whether each
//! inject's expected action was taken and when; the key figures with the room's decisions and
//! without them (the counterfactual). Pure: the same debrief gives the same bytes.

use bcpsim_engine::Lang;
use bcpsim_engine::exercise::debrief::{Debrief, Figures};
use bcpsim_engine::exercise::session::TimelineItem;
use bcpsim_engine::lang::Text;
use bcpsim_engine::lang::glossary;
use bcpsim_engine::outcome::catalogue::{self, keys};

use crate::charts::{FONT_BYTES, FONT_FAMILY};
use crate::report::base64 as bcpsim_reports_base64;

/// A bilingual string of this report.
struct T(&'static str, &'static str);

impl T {
    fn get(&self, lang: Lang) -> &'static str {
        lang.pick(self.0, self.1)
    }
}

const TITLE: T = T("振り返り報告", "After-action report");
const SCENARIO: T = T("シナリオ", "Scenario");
const SEED: T = T("シード", "Seed");
const END: T = T("終了時刻", "Session ended at");
const HOURS_AFTER: T = T("発災から {} 時間", "hour {}");
const TIMELINE: T = T(
    "経過（状況付与・決定・メモ・進行操作）",
    "Timeline (injects, decisions, notes, steering)",
);
const HOUR: T = T("時刻", "Hour");
const WHAT: T = T("種別", "What");
const DETAIL: T = T("内容", "Detail");
const INJECT: T = T("状況付与", "Inject");
const DECISION: T = T("決定", "Decision");
const NOTE: T = T("メモ", "Note");
const STEERING: T = T("進行操作", "Steering");
const INTERVENTIONS: T = T(
    "ファシリテーターによる介入（参加者の決定とは別。両方の実行に適用）",
    "Facilitator interventions (not the room's decisions; applied in both runs)",
);
const COMMAND: T = T("コマンド", "Command");
const NO_INTERVENTIONS: T = T("なし", "none");
const OBJECTIVES: T = T("訓練目標の達成", "Objectives");
const EXPECTED: T = T("想定される対応", "Expected action");
const GIVEN: T = T("付与", "Given");
const TAKEN: T = T("対応", "Taken");
const NOT_GIVEN: T = T("未付与", "not given");
const NOT_TAKEN: T = T("未対応", "not taken");
const FIGURES: T = T(
    "主要指標（決定あり／決定なし）",
    "Key figures (with / without the room's decisions)",
);
const FIGURE: T = T("指標", "Figure");
const WITH: T = T("決定あり", "With decisions");
const WITHOUT: T = T("決定なし", "Without decisions");
const DIFF: T = T("差", "Difference");
const NEVER: T = T("なし", "never");
const CHANGED_NOTE: T = T(
    "太字の行: 参加者の決定で値が変わった指標（同じシナリオ・シード・状況付与・進行操作で、決定だけを除いて比較）。",
    "Rows in bold: figures the room's decisions changed (the same scenario, seed, injects and steering, without the decisions).",
);
const RULE_NOTE: T = T(
    "判定: 状況付与の後に、想定されたコマンド（と対象）に一致する決定が最初に記録された時刻。指標は両方とも終了時刻までの実行で比較。",
    "Rule: the first decision after the inject whose command (and target, if set) matches the expectation. Both runs are compared up to the session's end.",
);

fn hour(h: u32, lang: Lang) -> String {
    HOURS_AFTER.get(lang).replace("{}", &h.to_string())
}

fn opt_hour(h: Option<u32>, lang: Lang) -> String {
    h.map_or_else(|| NEVER.get(lang).to_string(), |h| format!("{h}"))
}

/// Rows of the key-figure table: (label, with, without, difference).
fn figure_rows(p: &Figures, c: &Figures, lang: Lang) -> Vec<[String; 4]> {
    let diff = |a: u32, b: u32| format!("{:+}", i64::from(a) - i64::from(b));
    let diff_opt = |a: Option<u32>, b: Option<u32>| match (a, b) {
        (Some(a), Some(b)) => format!("{:+}", i64::from(a) - i64::from(b)),
        _ => "-".to_string(),
    };
    let stockout = |f: &Figures| match &f.first_stockout {
        Some((item, h)) => format!("{} @ {h}", glossary::stock_item(item, lang)),
        None => NEVER.get(lang).to_string(),
    };
    // The metric's name and unit, as every table and chart names it.
    let name = |key: &str| {
        catalogue::find(key).map_or_else(|| key.to_string(), |m| m.label(Text::new("", ""), lang))
    };
    // A count: with, without and the difference.
    let count = |key: &str, of: fn(&Figures) -> u32| {
        [
            name(key),
            of(p).to_string(),
            of(c).to_string(),
            diff(of(p), of(c)),
        ]
    };
    // A share: as percentages, the difference in percentage points.
    let share = |key: &str, of: fn(&Figures) -> f64| {
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        let points = (of(p) - of(c)) * 100.0;
        [
            name(key),
            pct(of(p)),
            pct(of(c)),
            format!("{points:+.1} {}", lang.pick("ポイント", "pt")),
        ]
    };
    vec![
        count(keys::BATTERY_DEPLETED_PATIENTS, |f| {
            f.battery_depleted_patients
        }),
        count(keys::DEPLETED_PATIENT_HOURS, |f| f.depleted_patient_hours),
        count(keys::LONGEST_WITHOUT_DEVICE_POWER, |f| {
            f.longest_without_device_power_hours
        }),
        count(keys::ADMITTED_TO_HOSPITAL, |f| f.admitted_to_hospital),
        count(keys::CLASS_A_UNCONTACTED_OVER_24H, |f| {
            f.class_a_uncontacted_over_24h
        }),
        share(keys::CONFIRMED_SHARE_24H, |f| f.confirmed_share_24h),
        [
            name(keys::CLASS_A_ALL_CONFIRMED_HOUR),
            opt_hour(p.class_a_all_confirmed_hour, lang),
            opt_hour(c.class_a_all_confirmed_hour, lang),
            diff_opt(p.class_a_all_confirmed_hour, c.class_a_all_confirmed_hour),
        ],
        [
            lang.pick(
                "最初の在庫切れ（品目 @ 時）",
                "First stock-out (item @ hour)",
            )
            .to_string(),
            stockout(p),
            stockout(c),
            diff_opt(
                p.first_stockout.as_ref().map(|s| s.1),
                c.first_stockout.as_ref().map(|s| s.1),
            ),
        ],
        count(keys::VISITS_DEMANDED, |f| f.visits_demanded),
        [
            name(keys::VISITS_DELIVERED),
            format!("{} / {}", p.visits_delivered, p.visits_demanded),
            format!("{} / {}", c.visits_delivered, c.visits_demanded),
            diff(p.visits_delivered, c.visits_delivered),
        ],
        share(keys::LOWEST_ATTENDANCE, |f| f.lowest_attendance),
        count(keys::OVERTIME_HOURS, |f| f.overtime_hours),
    ]
}

fn timeline_rows(d: &Debrief, lang: Lang) -> Vec<[String; 3]> {
    d.timeline
        .iter()
        .map(|t| match t {
            TimelineItem::Inject {
                hour,
                id,
                recipient,
                to_ja,
                to_en,
                content_ja,
                content_en,
                ..
            } => {
                let content = if lang == Lang::En && !content_en.is_empty() {
                    content_en
                } else {
                    content_ja
                };
                let id = id.as_deref().unwrap_or("+");
                let words = lang.pick(to_ja, to_en);
                let to = if recipient.is_empty() {
                    String::new()
                } else if words.is_empty() {
                    format!(" → {recipient}")
                } else {
                    format!(" → {words}")
                };
                [
                    hour.to_string(),
                    format!("{} {id}", INJECT.get(lang)),
                    format!("{content}{to}"),
                ]
            }
            TimelineItem::Decision { hour, command, .. } => [
                hour.to_string(),
                DECISION.get(lang).to_string(),
                command.clone(),
            ],
            TimelineItem::Note { hour, text } => {
                [hour.to_string(), NOTE.get(lang).to_string(), text.clone()]
            }
            TimelineItem::Intervention { hour, ja, en, .. } => [
                hour.to_string(),
                STEERING.get(lang).to_string(),
                lang.pick(ja, en).to_string(),
            ],
        })
        .collect()
}

fn intervention_rows(d: &Debrief, lang: Lang) -> Vec<[String; 3]> {
    d.interventions
        .iter()
        .map(|i| {
            [
                i.hour.to_string(),
                lang.pick(&i.ja, &i.en).to_string(),
                i.command.clone(),
            ]
        })
        .collect()
}

fn objective_rows(d: &Debrief, lang: Lang) -> Vec<[String; 4]> {
    d.injects
        .iter()
        .filter(|m| m.expected)
        .map(|m| {
            // The expected action in the scenario's words; the command rule only without them.
            let words = if lang == Lang::En && !m.expected_en.is_empty() {
                &m.expected_en
            } else {
                &m.expected_ja
            };
            let expected = if !words.is_empty() {
                words.clone()
            } else {
                match &m.expected_target {
                    Some(t) => format!("{} {t}", m.expected_command.as_deref().unwrap_or("")),
                    None => m.expected_command.clone().unwrap_or_default(),
                }
            };
            let given = m
                .given_hour
                .map_or_else(|| NOT_GIVEN.get(lang).to_string(), |h| h.to_string());
            let taken = match (m.met_hour, m.given_hour, &m.met_by) {
                (Some(h), Some(g), Some(by)) => match lang {
                    Lang::Ja => format!("{h}（+{} 時間）: {by}", h - g),
                    Lang::En => format!("{h} (+{}h): {by}", h - g),
                },
                _ => NOT_TAKEN.get(lang).to_string(),
            };
            [
                format!(
                    "{}{}",
                    m.inject,
                    m.objective
                        .as_ref()
                        .map(|o| format!(" [{o}]"))
                        .unwrap_or_default()
                ),
                expected,
                given,
                taken,
            ]
        })
        .collect()
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn md_table<const N: usize>(out: &mut String, head: [&str; N], rows: &[[String; N]]) {
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(N)));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| md_escape(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
}

/// The report as Markdown.
pub fn aar_markdown(d: &Debrief, lang: Lang) -> String {
    let mut o = String::new();
    o.push_str(&format!(
        "# {}: {}\n\n",
        TITLE.get(lang),
        md_escape(&d.title)
    ));
    o.push_str(&format!(
        "- {}: {}\n- {}: {}\n- {}: {}\n\n",
        SCENARIO.get(lang),
        md_escape(&d.scenario),
        SEED.get(lang),
        d.seed,
        END.get(lang),
        hour(d.end_hour, lang)
    ));
    o.push_str(&format!("## {}\n\n", FIGURES.get(lang)));
    md_table(
        &mut o,
        [
            FIGURE.get(lang),
            WITH.get(lang),
            WITHOUT.get(lang),
            DIFF.get(lang),
        ],
        &figure_rows(&d.played, &d.counterfactual, lang),
    );
    o.push_str(&format!("## {}\n\n", OBJECTIVES.get(lang)));
    for ob in &d.objectives {
        let text = if lang == Lang::En && !ob.en.is_empty() {
            &ob.en
        } else {
            &ob.ja
        };
        o.push_str(&format!(
            "- **{}** {}: {}/{}\n",
            ob.id,
            md_escape(text),
            ob.met,
            ob.checked
        ));
    }
    if !d.objectives.is_empty() {
        o.push('\n');
    }
    md_table(
        &mut o,
        [
            INJECT.get(lang),
            EXPECTED.get(lang),
            GIVEN.get(lang),
            TAKEN.get(lang),
        ],
        &objective_rows(d, lang),
    );
    o.push_str(&format!("_{}_\n\n", RULE_NOTE.get(lang)));
    o.push_str(&format!("## {}\n\n", INTERVENTIONS.get(lang)));
    if d.interventions.is_empty() {
        o.push_str(&format!("{}\n\n", NO_INTERVENTIONS.get(lang)));
    } else {
        md_table(
            &mut o,
            [HOUR.get(lang), DETAIL.get(lang), COMMAND.get(lang)],
            &intervention_rows(d, lang),
        );
    }
    o.push_str(&format!("## {}\n\n", TIMELINE.get(lang)));
    md_table(
        &mut o,
        [HOUR.get(lang), WHAT.get(lang), DETAIL.get(lang)],
        &timeline_rows(d, lang),
    );
    o
}

pub(crate) fn html_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn html_table<const N: usize>(out: &mut String, head: [&str; N], rows: &[[String; N]]) {
    html_table_marked(out, head, rows, |_| false);
}

/// A table whose rows for which `changed` holds are marked (`class="changed"`, in bold).
fn html_table_marked<const N: usize>(
    out: &mut String,
    head: [&str; N],
    rows: &[[String; N]],
    changed: impl Fn(&[String; N]) -> bool,
) {
    out.push_str("<table>\n<tr>");
    for h in head {
        out.push_str(&format!("<th>{}</th>", html_escape(h)));
    }
    out.push_str("</tr>\n");
    for r in rows {
        out.push_str(if changed(r) {
            "<tr class=\"changed\">"
        } else {
            "<tr>"
        });
        for c in r {
            out.push_str(&format!("<td>{}</td>", html_escape(c)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// The report as one self-contained HTML page (no scripts, no external files); with
/// `embed_font` the Japanese font the charts use (IPAexGothic) is embedded, so the page shows
/// Japanese on a PC without a Japanese font (about 6 MB more).
pub fn aar_html(d: &Debrief, lang: Lang, embed_font: bool) -> String {
    let mut o = String::new();
    let code = lang.pick("ja", "en");
    o.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}: {}</title>\n",
        TITLE.get(lang),
        html_escape(&d.title)
    ));
    o.push_str("<style>");
    if embed_font {
        o.push_str(&format!(
            "@font-face{{font-family:'IPAexGothic';src:url(data:font/ttf;base64,{}) format('truetype')}}",
            bcpsim_reports_base64(FONT_BYTES)
        ));
    }
    o.push_str(&format!(
        "body{{font-family:{FONT_FAMILY};max-width:60em;margin:2em auto;line-height:1.5}}\
         table{{border-collapse:collapse;margin:1em 0}}th,td{{border:1px solid #999;padding:.3em .6em;\
         text-align:left;vertical-align:top}}th{{background:#eee;white-space:nowrap}}tr.changed td{{font-weight:bold;background:#fff6d5}}\
         .note{{font-size:.9em;color:#444}}</style>\n</head>\n<body>\n"
    ));
    o.push_str(&format!(
        "<h1>{}: {}</h1>\n<ul><li>{}: {}</li><li>{}: {}</li><li>{}: {}</li></ul>\n",
        TITLE.get(lang),
        html_escape(&d.title),
        SCENARIO.get(lang),
        html_escape(&d.scenario),
        SEED.get(lang),
        d.seed,
        END.get(lang),
        html_escape(&hour(d.end_hour, lang))
    ));
    o.push_str(&format!("<h2>{}</h2>\n", FIGURES.get(lang)));
    // The figures the room's decisions changed stand out.
    html_table_marked(
        &mut o,
        [
            FIGURE.get(lang),
            WITH.get(lang),
            WITHOUT.get(lang),
            DIFF.get(lang),
        ],
        &figure_rows(&d.played, &d.counterfactual, lang),
        |r| r[1] != r[2],
    );
    o.push_str(&format!(
        "<p class=\"note\">{}</p>\n",
        CHANGED_NOTE.get(lang)
    ));
    o.push_str(&format!("<h2>{}</h2>\n<ul>\n", OBJECTIVES.get(lang)));
    for ob in &d.objectives {
        let text = if lang == Lang::En && !ob.en.is_empty() {
            &ob.en
        } else {
            &ob.ja
        };
        o.push_str(&format!(
            "<li><b>{}</b> {}: {}/{}</li>\n",
            html_escape(&ob.id),
            html_escape(text),
            ob.met,
            ob.checked
        ));
    }
    o.push_str("</ul>\n");
    html_table(
        &mut o,
        [
            INJECT.get(lang),
            EXPECTED.get(lang),
            GIVEN.get(lang),
            TAKEN.get(lang),
        ],
        &objective_rows(d, lang),
    );
    o.push_str(&format!("<p><i>{}</i></p>\n", RULE_NOTE.get(lang)));
    o.push_str(&format!("<h2>{}</h2>\n", INTERVENTIONS.get(lang)));
    if d.interventions.is_empty() {
        o.push_str(&format!("<p>{}</p>\n", NO_INTERVENTIONS.get(lang)));
    } else {
        html_table(
            &mut o,
            [HOUR.get(lang), DETAIL.get(lang), COMMAND.get(lang)],
            &intervention_rows(d, lang),
        );
    }
    o.push_str(&format!("<h2>{}</h2>\n", TIMELINE.get(lang)));
    html_table(
        &mut o,
        [HOUR.get(lang), WHAT.get(lang), DETAIL.get(lang)],
        &timeline_rows(d, lang),
    );
    o.push_str("</body>\n</html>\n");
    o
}
