//! The scenario's injects as 状況付与票 (situation slips): one A6 card per inject, four to an A4
//! page, as a self-contained HTML page to print and cut (`bcpsim exercise cards`). Each card
//! holds what a facilitator hands over or reads out — number, time, from, to, channel, text —
//! and what only the facilitator keeps: the expected action, the objective, the remarks.
//! Pure: the same scenario gives the same bytes.

use bcpsim_engine::Lang;
use bcpsim_engine::exercise::view::recipient_words;
use bcpsim_engine::lang::calendar_day;
use bcpsim_engine::scenario::{Inject, Scenario};

use crate::aar::html_escape;
use crate::charts::{FONT_BYTES, FONT_FAMILY};
use crate::report::base64;

/// A bilingual string of the cards.
struct T(&'static str, &'static str);

impl T {
    fn get(&self, lang: Lang) -> &'static str {
        lang.pick(self.0, self.1)
    }
}

const SLIP: T = T("状況付与票", "Inject card");
const NUMBER: T = T("番号", "No.");
const TIME: T = T("付与時刻", "Time");
const FROM: T = T("発信元", "From");
const TO: T = T("付与先", "To");
const CHANNEL: T = T("伝達手段", "Channel");
const CONTENT: T = T("付与内容", "Message");
const EXPECTED: T = T("想定される対応", "Expected action");
const OBJECTIVE: T = T("訓練目標", "Objective");
const REMARKS: T = T("備考", "Remarks");
const FACILITATOR_ONLY: T = T(
    "ファシリテーター用（参加者には見せない）",
    "For the facilitator (not shown to the room)",
);
const NONE: T = T("（なし）", "(none)");
const NO_INJECTS: T = T(
    "このシナリオには状況付与がありません",
    "This scenario has no injects",
);

/// The clock at `hour` after onset: `発災から 6 時間（1日目 火曜日 15:00）`.
fn when(s: &Scenario, hour: u32, lang: Lang) -> String {
    let t = &s.time;
    let minutes = t.onset_hour * 60 + t.onset_minute + hour * 60;
    let day = calendar_day(t.onset_hour, hour);
    let weekday = t.onset_weekday.plus_days((t.onset_hour + hour) / 24);
    let clock = format!("{}:{:02}", (minutes / 60) % 24, minutes % 60);
    match lang {
        Lang::Ja => format!(
            "発災から {hour} 時間（{day}日目 {} {clock}）",
            weekday.name().get(lang)
        ),
        Lang::En => format!(
            "hour {hour} after onset (day {day}, {} {clock})",
            weekday.name().get(lang)
        ),
    }
}

/// An inject's time as the card gives it: its hour, or "N h after inject X" with the hour it
/// is then scheduled for.
fn time_of(s: &Scenario, inj: &Inject, scheduled: Option<u32>, lang: Lang) -> String {
    match (&inj.after, inj.at_hour, scheduled) {
        (_, Some(h), _) => when(s, h, lang),
        (Some(a), None, Some(h)) => match lang {
            Lang::Ja => format!(
                "{} の付与から {} 時間後（予定: {}）",
                a.inject,
                a.hours,
                when(s, h, lang)
            ),
            Lang::En => format!(
                "{} h after {} is given (planned: {})",
                a.hours,
                a.inject,
                when(s, h, lang)
            ),
        },
        (Some(a), None, None) => match lang {
            Lang::Ja => format!("{} の付与から {} 時間後", a.inject, a.hours),
            Lang::En => format!("{} h after {} is given", a.hours, a.inject),
        },
        (None, None, _) => "-".to_string(),
    }
}

/// The injects of `scenario` as 状況付与票, in time order (then file order), in `lang`; with
/// `embed_font` the Japanese font is carried in the page.
pub fn cards_html(scenario: &Scenario, lang: Lang, embed_font: bool) -> String {
    let ex = scenario.exercise.clone().unwrap_or_default();
    let hours = ex.scheduled_hours();
    let mut order: Vec<usize> = (0..ex.injects.len()).collect();
    order.sort_by_key(|&i| (hours[i].unwrap_or(u32::MAX), i));
    let title = if ex.title.is_empty() {
        scenario.name.clone()
    } else {
        ex.title.clone()
    };
    let mut o = String::new();
    o.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}: {}</title>\n<style>",
        lang.pick("ja", "en"),
        SLIP.get(lang),
        html_escape(&title)
    ));
    if embed_font {
        o.push_str(&format!(
            "@font-face{{font-family:'IPAexGothic';src:url(data:font/ttf;base64,{}) format('truetype')}}",
            base64(FONT_BYTES)
        ));
    }
    o.push_str(&format!(
        "@page{{size:A4 portrait;margin:0}}\
         *{{box-sizing:border-box}}\
         body{{margin:0;font-family:{FONT_FAMILY};color:#000;background:#fff}}\
         .sheet{{width:210mm;height:297mm;display:grid;grid-template-columns:105mm 105mm;\
         grid-template-rows:148.5mm 148.5mm;page-break-after:always;break-after:page;overflow:hidden}}\
         .sheet:last-child{{page-break-after:auto;break-after:auto}}\
         .card{{width:105mm;height:148.5mm;padding:6mm;border:0.3mm dashed #888;overflow:hidden;\
         display:flex;flex-direction:column;gap:1.5mm;font-size:9.5pt;line-height:1.35}}\
         .card h2{{margin:0;font-size:13pt;display:flex;justify-content:space-between;\
         border-bottom:0.6mm solid #000;padding-bottom:1mm}}\
         .card .ex{{font-size:7.5pt;color:#444}}\
         .card table{{border-collapse:collapse;width:100%}}\
         .card th,.card td{{border:0.2mm solid #666;padding:0.8mm 1.5mm;text-align:left;vertical-align:top}}\
         .card th{{width:22mm;background:#eee;font-weight:bold;white-space:nowrap}}\
         .content{{border:0.4mm solid #000;padding:2mm;font-size:11pt;flex:1 1 auto;min-height:20mm;\
         overflow-wrap:anywhere;white-space:pre-wrap}}\
         .label{{font-weight:bold;font-size:8.5pt}}\
         .facilitator{{border-top:0.4mm dotted #000;padding-top:1mm;font-size:8.5pt;\
         overflow-wrap:anywhere;white-space:pre-wrap}}\
         .card.long{{font-size:8pt}}.card.long .content{{font-size:9pt}}\
         .card.very-long{{font-size:7pt;line-height:1.25}}.card.very-long .content{{font-size:7.5pt}}\
         @media screen{{body{{background:#ccc}}.sheet{{background:#fff;margin:5mm auto;\
         box-shadow:0 0 2mm #666}}}}\
         </style>\n</head>\n<body>\n"
    ));
    if order.is_empty() {
        o.push_str(&format!(
            "<p>{}</p>\n</body>\n</html>\n",
            NO_INJECTS.get(lang)
        ));
        return o;
    }
    for (n, chunk) in order.chunks(4).enumerate() {
        o.push_str(&format!(
            "<section class=\"sheet\" id=\"sheet-{}\">\n",
            n + 1
        ));
        for &i in chunk {
            let inj = &ex.injects[i];
            card(&mut o, scenario, inj, hours[i], &title, lang);
        }
        o.push_str("</section>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}

/// Display columns of what a card prints at length (a Japanese character is two).
fn text_columns(inj: &Inject, english: bool) -> usize {
    let columns = bcpsim_engine::lang::display_width;
    columns(inj.content(english)) + columns(inj.expected.text(english)) + columns(&inj.remarks)
}

/// Beyond this many columns of text even the smallest type may not hold a card's text.
const MOST_COLUMNS: usize = 1000;

/// The injects whose text may not fit their card even in the smallest type (to warn about).
pub fn too_long(scenario: &Scenario, lang: Lang) -> Vec<String> {
    scenario
        .exercise
        .iter()
        .flat_map(|e| &e.injects)
        .filter(|i| text_columns(i, lang == Lang::En) > MOST_COLUMNS)
        .map(|i| i.id.clone())
        .collect()
}

fn card(o: &mut String, s: &Scenario, inj: &Inject, hour: Option<u32>, title: &str, lang: Lang) {
    let en = lang == Lang::En;
    let row = |o: &mut String, head: &T, value: &str| {
        o.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n",
            head.get(lang),
            html_escape(value)
        ));
    };
    // Long texts take smaller type, so that the card holds them whole.
    let size = match text_columns(inj, en) {
        0..=360 => "",
        361..=640 => " long",
        _ => " very-long",
    };
    o.push_str(&format!(
        "<article class=\"card{size}\" id=\"card-{}\">\n<h2><span>{}</span><span>{} {}</span></h2>\n<div class=\"ex\">{}</div>\n<table>\n",
        html_escape(&inj.id),
        SLIP.get(lang),
        NUMBER.get(lang),
        html_escape(&inj.id),
        html_escape(title)
    ));
    row(o, &TIME, &time_of(s, inj, hour, lang));
    let or_none = |v: String| {
        if v.trim().is_empty() {
            NONE.get(lang).to_string()
        } else {
            v
        }
    };
    row(o, &FROM, &or_none(inj.sender.clone()));
    row(o, &TO, &or_none(recipient_words(s, &inj.recipient, lang)));
    row(o, &CHANNEL, &inj.channel.shown(&inj.channel_text, lang));
    o.push_str("</table>\n");
    o.push_str(&format!(
        "<div class=\"label\">{}</div>\n<div class=\"content\">{}</div>\n",
        CONTENT.get(lang),
        html_escape(inj.content(en))
    ));
    let expected = {
        let words = inj.expected.text(en);
        if !words.is_empty() {
            words.to_string()
        } else {
            match (&inj.expected.command, &inj.expected.target) {
                (Some(c), Some(t)) => format!("{c} {t}"),
                (Some(c), None) => c.clone(),
                _ => NONE.get(lang).to_string(),
            }
        }
    };
    let objective = inj
        .objective
        .as_ref()
        .map(|id| {
            let ex = s.exercise.as_ref();
            let words = ex
                .and_then(|e| e.objective(id))
                .map(|ob| {
                    if en && !ob.en.is_empty() {
                        ob.en.clone()
                    } else {
                        ob.ja.clone()
                    }
                })
                .unwrap_or_default();
            format!("{id} {words}").trim().to_string()
        })
        .unwrap_or_else(|| NONE.get(lang).to_string());
    let remarks = if inj.remarks.trim().is_empty() {
        NONE.get(lang).to_string()
    } else {
        inj.remarks.clone()
    };
    o.push_str(&format!(
        "<div class=\"facilitator\"><span class=\"label\">{}</span>\n<b>{}:</b> {}\n<b>{}:</b> {}\n<b>{}:</b> {}</div>\n</article>\n",
        FACILITATOR_ONLY.get(lang),
        EXPECTED.get(lang),
        html_escape(&expected),
        OBJECTIVE.get(lang),
        html_escape(&objective),
        REMARKS.get(lang),
        html_escape(&remarks)
    ));
}
