//! The status board a facilitator projects: few, large numbers, Japanese by default, with the
//! names the scenario gives (agencies, zones, patients) and the glossary's words for lifelines,
//! stock items and their units. Plain text from [`crate::status::Status`], laid out to fit
//! [`WIDTH`] terminal columns without breaking a token, and with colour and emphasis when
//! asked ([`Style::Ansi`]: the CLI asks at a terminal without `NO_COLOR`).

use crate::Lang;
use crate::lang::{char_width, display_width, glossary, pad_right};
use crate::scenario::Lifeline;
use crate::status::{AgencyStatus, PatientStatus, Status};

use super::session::{Session, TimelineItem};

/// A stock is "running low" below this share of its initial quantity.
pub(crate) const LOW_STOCK_SHARE: f64 = 0.3;
/// Patients listed by name on the board at most.
const MAX_LISTED: usize = 6;
/// Battery hours below which a patient is shown as urgent (red).
pub(crate) const URGENT_HOURS: f64 = 3.0;

/// Terminal columns the board fits in (a projector terminal is often 100 wide).
pub const WIDTH: usize = 100;

/// Plain text, or text with ANSI colour and emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    #[default]
    Plain,
    Ansi,
}

/// What a piece of text means to the room: its colour when styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Strong,
    Good,
    Warn,
    Bad,
    Heading,
}

impl Style {
    /// `s` in the colour of `tone` (as it is when plain).
    pub fn paint(self, tone: Tone, s: &str) -> String {
        let code = match (self, tone) {
            (Style::Plain, _) | (_, Tone::Normal) => return s.to_string(),
            (_, Tone::Strong) => "1",
            (_, Tone::Good) => "32",
            (_, Tone::Warn) => "1;33",
            (_, Tone::Bad) => "1;31",
            (_, Tone::Heading) => "1;36",
        };
        format!("\x1b[{code}m{s}\x1b[0m")
    }
}

/// Columns `s` may take on any terminal: symbols of ambiguous East Asian width (○ △ ■ ▶ …),
/// which a Japanese terminal may draw two columns wide, count as two.
fn cols(s: &str) -> usize {
    display_width(s)
        + s.chars()
            .filter(|&c| char_width(c) == 1 && !c.is_ascii())
            .count()
}

/// `s` cut (ending in `…`) to at most `room` columns as [`cols`] counts them.
fn fit(s: &str, room: usize) -> String {
    if cols(s) <= room {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if cols(&out) + cols(&c.to_string()) + cols("…") > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// One token of a line: its text and tone. Lines break between tokens, never inside one.
struct Token(String, Tone);

fn tok(s: impl Into<String>, tone: Tone) -> Token {
    Token(s.into(), tone)
}

/// Lays `tokens` out after `first` (the line's label), two spaces apart, breaking lines so
/// that none is wider than [`WIDTH`]; continued lines start with `indent` spaces. A token wider
/// than a line is cut with `…`.
fn flow(out: &mut String, style: Style, first: &str, indent: usize, tokens: &[Token]) {
    let mut line = first.to_string();
    let mut used = cols(first);
    let mut empty = true;
    for Token(text, tone) in tokens {
        let text = fit(text, WIDTH.saturating_sub(indent));
        let sep = if empty { 0 } else { 2 };
        if !empty && used + sep + cols(&text) > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent);
            used = indent;
        } else if !empty {
            line.push_str("  ");
            used += 2;
        }
        line.push_str(&style.paint(*tone, &text));
        used += cols(&text);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// Free text (an inject's content) wrapped to [`WIDTH`] after `indent` spaces: at a space where
/// the line has one, else between characters (Japanese has no spaces).
fn wrap_text(out: &mut String, indent: usize, text: &str) {
    let room = WIDTH.saturating_sub(indent).max(20);
    for para in text.lines() {
        let mut line = String::new();
        let mut used = 0;
        for c in para.chars() {
            let w = cols(&c.to_string());
            if used + w > room {
                // Break at the last space when there is one in the second half of the line.
                let cut = line
                    .rfind(' ')
                    .filter(|&i| cols(&line[..i]) > room / 2)
                    .unwrap_or(line.len());
                let rest = line[cut..].trim_start().to_string();
                out.push_str(&" ".repeat(indent));
                out.push_str(line[..cut].trim_end());
                out.push('\n');
                used = cols(&rest);
                line = rest;
            }
            line.push(c);
            used += w;
        }
        out.push_str(&" ".repeat(indent));
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn level(v: f64, lang: Lang) -> (String, Tone) {
    if v <= 0.0 {
        (lang.pick("✕停止", "✕DOWN").to_string(), Tone::Bad)
    } else if v >= 1.0 {
        (lang.pick("○", "OK").to_string(), Tone::Good)
    } else {
        (format!("△{:.0}%", v * 100.0), Tone::Warn)
    }
}

/// A rule across the board: 48 `═`, within 100 columns even where `═` is drawn wide.
fn rule(out: &mut String) {
    out.push_str(&"═".repeat(48));
    out.push('\n');
}

/// The board for `session` now, in `lang`, plain.
pub fn board(session: &Session, lang: Lang) -> String {
    board_in(session, lang, Style::Plain)
}

/// The board for `session` now, in `lang` and `style`.
pub fn board_in(session: &Session, lang: Lang, style: Style) -> String {
    let st = session.status();
    let open = session.open_injects();
    render(&st, &open, &Names::Session(session), lang, style)
}

/// How the board names agencies, zones and patients.
pub enum Names<'a> {
    /// By their ids.
    Ids,
    /// As the session's scenario names them.
    Session(&'a Session),
}

impl Names<'_> {
    fn agency(&self, id: &str) -> String {
        match self {
            Names::Ids => id.to_string(),
            Names::Session(s) => s.agency_name(id),
        }
    }
    fn zone(&self, id: &str) -> String {
        match self {
            Names::Ids => id.to_string(),
            Names::Session(s) => s.zone_name(id),
        }
    }
    fn patient(&self, id: &str) -> String {
        match self {
            Names::Ids => id.to_string(),
            Names::Session(s) => s.patient_name(id),
        }
    }
}

/// The board for a status snapshot and the open injects.
pub fn render(st: &Status, open: &[String], names: &Names, lang: Lang, style: Style) -> String {
    let mut o = String::new();
    rule(&mut o);
    let clock = match lang {
        Lang::Ja => format!(
            " 発災から {} 時間　{}日目 {} {:02}:00",
            st.hour,
            st.day,
            st.weekday.name().get(lang),
            st.clock_hour
        ),
        Lang::En => format!(
            " HOUR {} after onset   day {}, {} {:02}:00",
            st.hour,
            st.day,
            st.weekday.name().get(lang),
            st.clock_hour
        ),
    };
    o.push_str(&style.paint(Tone::Heading, &clock));
    o.push('\n');
    rule(&mut o);
    for z in &st.zones {
        let label = format!(
            " {}　{}",
            lang.pick("ライフライン", "Lifelines"),
            fit(&names.zone(&z.id), WIDTH - 20)
        );
        o.push_str(&style.paint(Tone::Strong, &label));
        o.push('\n');
        let tokens: Vec<Token> = Lifeline::ALL
            .iter()
            .map(|l| {
                let (word, tone) = level(z.lifelines[l.index()], lang);
                tok(format!("{} {word}", l.name().get(lang)), tone)
            })
            .collect();
        flow(&mut o, style, "   ", 3, &tokens);
    }
    for a in &st.agencies {
        o.push('\n');
        agency(&mut o, a, names, lang, style);
    }
    o.push('\n');
    let label = format!(" {} ", lang.pick("未対応の状況付与:", "Open injects:"));
    if open.is_empty() {
        o.push_str(&format!("{label}{}\n", lang.pick("なし", "none")));
    } else {
        let tokens: Vec<Token> = open.iter().map(|i| tok(i.clone(), Tone::Warn)).collect();
        flow(&mut o, style, &label, 3, &tokens);
    }
    if let Names::Session(s) = names
        && !s.held().is_empty()
    {
        let label = format!(
            " {} ",
            lang.pick("保留中（悪化を一時停止）:", "Held (deterioration stopped):")
        );
        let tokens: Vec<Token> = s
            .held()
            .iter()
            .map(|p| tok(s.patient_name(p), Tone::Heading))
            .collect();
        flow(&mut o, style, &label, 3, &tokens);
    }
    rule(&mut o);
    o
}

fn agency(o: &mut String, a: &AgencyStatus, names: &Names, lang: Lang, style: Style) {
    let (bcp, tone) = if a.bcp_active {
        (lang.pick("BCP 発動中", "BCP ACTIVE"), Tone::Warn)
    } else {
        (lang.pick("BCP 未発動", "BCP not active"), Tone::Normal)
    };
    let name = fit(&names.agency(&a.id), WIDTH - 20);
    o.push_str(&format!(
        " {}   {}\n",
        style.paint(Tone::Strong, &format!("■ {name}")),
        style.paint(tone, bcp)
    ));
    let plan = a.plan_attendance * a.normal_daily_staff;
    let staff_tone = if f64::from(a.present) + 0.5 < plan {
        Tone::Bad
    } else {
        Tone::Normal
    };
    let staff = match lang {
        Lang::Ja => format!(
            "出勤 {} 人（勤務中 {}）／ 計画 {plan:.1} 人",
            a.present, a.on_duty
        ),
        Lang::En => format!(
            "present {} (on duty {}) / plan {plan:.1}",
            a.present, a.on_duty
        ),
    };
    o.push_str(&format!(
        "   {}  {}\n",
        lang.pick("職員", "Staff"),
        style.paint(staff_tone, &staff)
    ));
    let checks = match lang {
        Lang::Ja => format!(
            "   安否確認  {} / {} 人    ポータブル電源 空き {} 台\n",
            a.confirmed, a.patients, a.power_stations_free
        ),
        Lang::En => format!(
            "   Safety checks  {} / {}    power stations free {}\n",
            a.confirmed, a.patients, a.power_stations_free
        ),
    };
    o.push_str(&checks);
    let low: Vec<Token> = a
        .stocks
        .iter()
        .filter(|s| s.stockout_hour.is_some() || s.quantity < s.initial * LOW_STOCK_SHARE)
        .map(|s| {
            let name = glossary::stock_item(&s.item, lang);
            if s.quantity <= 0.0 {
                tok(
                    format!("{name} {}", lang.pick("在庫切れ", "OUT")),
                    Tone::Bad,
                )
            } else {
                let unit = glossary::unit(&s.unit, lang);
                tok(
                    format!("{name} {:.0}/{:.0} {unit}", s.quantity, s.initial),
                    Tone::Warn,
                )
            }
        })
        .collect();
    if !low.is_empty() {
        let label = format!("   {}  ", lang.pick("残りわずかの備蓄", "Stocks low"));
        flow(o, style, &label, 5, &low);
    }
    let n = a.class_a_unconfirmed.len();
    let count = match lang {
        Lang::Ja => format!("{n} 人"),
        Lang::En => n.to_string(),
    };
    o.push_str(&format!(
        "   {}  {}\n",
        lang.pick("未確認の優先度A", "Class A not confirmed"),
        style.paint(if n > 0 { Tone::Bad } else { Tone::Good }, &count)
    ));
    let listed: Vec<Token> = a
        .class_a_unconfirmed
        .iter()
        .take(MAX_LISTED)
        .map(|p| {
            let name = names.patient(&p.id);
            match p.battery_hours {
                Some(h) if !p.powered => {
                    let text = match lang {
                        Lang::Ja => format!("{name}（電池残り {h:.1} 時間）{}", held_mark(p, lang)),
                        Lang::En => format!("{name} (battery {h:.1} h){}", held_mark(p, lang)),
                    };
                    tok(text, battery_tone(h))
                }
                Some(_) => tok(
                    format!("{name}{}", lang.pick("（電源あり）", " (powered)")),
                    Tone::Normal,
                ),
                None => tok(name, Tone::Normal),
            }
        })
        .chain((n > MAX_LISTED).then(|| {
            tok(
                format!("… {} {}", n - MAX_LISTED, lang.pick("人ほか", "more")),
                Tone::Normal,
            )
        }))
        .collect();
    if !listed.is_empty() {
        flow(o, style, "     ", 5, &listed);
    }
    without_power(o, &a.without_power, names, lang, style);
    if a.depleted_patient_hours > 0 || a.admitted_to_hospital > 0 {
        o.push_str(&match lang {
            Lang::Ja => format!(
                "   電源のない機器  延べ {} 人・時間    計画による入院 {} 人\n",
                a.depleted_patient_hours, a.admitted_to_hospital
            ),
            Lang::En => format!(
                "   Without device power  {} patient-hours    admitted to hospital {}\n",
                a.depleted_patient_hours, a.admitted_to_hospital
            ),
        });
    }
}

/// Marks a patient whose deterioration the facilitator holds.
fn held_mark(p: &PatientStatus, lang: Lang) -> &'static str {
    if p.held {
        lang.pick("［保留中］", " [held]")
    } else {
        ""
    }
}

fn battery_tone(hours: f64) -> Tone {
    if hours <= 0.0 || hours < URGENT_HOURS {
        Tone::Bad
    } else {
        Tone::Warn
    }
}

/// Power-dependent patients at home without power: those that can still be saved first (least
/// battery left above zero first), then how many are already on an empty battery.
fn without_power(
    o: &mut String,
    patients: &[PatientStatus],
    names: &Names,
    lang: Lang,
    style: Style,
) {
    if patients.is_empty() {
        return;
    }
    let left = |p: &PatientStatus| p.battery_hours.unwrap_or(0.0);
    let mut savable: Vec<&PatientStatus> = patients.iter().filter(|p| left(p) > 0.0).collect();
    savable.sort_by(|x, y| left(x).total_cmp(&left(y)));
    let empty = patients.len() - savable.len();
    let mut tokens: Vec<Token> = savable
        .iter()
        .take(MAX_LISTED)
        .map(|p| {
            tok(
                format!(
                    "{} {:.1}h{}",
                    names.patient(&p.id),
                    left(p),
                    held_mark(p, lang)
                ),
                battery_tone(left(p)),
            )
        })
        .collect();
    if savable.len() > MAX_LISTED {
        tokens.push(tok(
            format!(
                "… {} {}",
                savable.len() - MAX_LISTED,
                lang.pick("人ほか", "more")
            ),
            Tone::Normal,
        ));
    }
    if empty > 0 {
        tokens.push(tok(
            match lang {
                Lang::Ja => format!("電池切れ {empty} 人"),
                Lang::En => format!("{empty} on an empty battery"),
            },
            Tone::Bad,
        ));
    }
    let label = format!(
        "   {}  ",
        lang.pick(
            "停電中の電源依存（電池残りの短い順）",
            "Without power (least battery left first)"
        )
    );
    flow(o, style, &label, 5, &tokens);
}

/// An inject as read out when it is given, plain.
pub fn inject_text(item: &TimelineItem, lang: Lang) -> String {
    inject_text_in(item, lang, Style::Plain)
}

/// An inject as read out when it is given, in `style`, wrapped to [`WIDTH`].
pub fn inject_text_in(item: &TimelineItem, lang: Lang, style: Style) -> String {
    let TimelineItem::Inject {
        hour,
        id,
        recipient,
        to_ja,
        to_en,
        sender,
        channel,
        channel_text,
        content_ja,
        content_en,
        expected_ja,
        expected_en,
        ..
    } = item
    else {
        return String::new();
    };
    let en = lang == Lang::En;
    let content = if en && !content_en.is_empty() {
        content_en
    } else {
        content_ja
    };
    let expected = if en && !expected_en.is_empty() {
        expected_en
    } else {
        expected_ja
    };
    let channel = channel.shown(channel_text, lang);
    let mut o = String::new();
    let head = match lang {
        Lang::Ja => format!(
            "▶ 状況付与 {}（発災から {} 時間）",
            id.as_deref().unwrap_or("（追加）"),
            hour
        ),
        Lang::En => format!(
            "▶ INJECT {} (hour {})",
            id.as_deref().unwrap_or("(added)"),
            hour
        ),
    };
    o.push_str(&style.paint(Tone::Heading, &head));
    o.push('\n');
    let to = match lang {
        Lang::Ja if !to_ja.is_empty() => to_ja,
        Lang::En if !to_en.is_empty() => to_en,
        _ => recipient,
    };
    if !recipient.is_empty() || !sender.is_empty() {
        let tokens = match lang {
            Lang::Ja => [
                format!("付与先: {to}"),
                format!("発信元: {sender}"),
                format!("手段: {channel}"),
            ],
            Lang::En => [
                format!("to: {to}"),
                format!("from: {sender}"),
                format!("by: {channel}"),
            ],
        };
        let tokens: Vec<Token> = tokens.into_iter().map(|t| tok(t, Tone::Normal)).collect();
        flow(&mut o, style, "  ", 2, &tokens);
    }
    let mut body = String::new();
    wrap_text(&mut body, 2, content);
    o.push_str(&style.paint(Tone::Strong, body.trim_end()));
    o.push('\n');
    if !expected.is_empty() {
        o.push_str(&format!(
            "  {}\n",
            lang.pick("想定される対応:", "Expected action:")
        ));
        wrap_text(&mut o, 4, expected);
    }
    o
}

/// The scenario's injects, their times and whether they were given, in columns by display
/// width.
pub fn injects_text(session: &Session, lang: Lang) -> String {
    let ex = session.exercise();
    let hours = ex.scheduled_hours();
    let rows: Vec<[String; 4]> = ex
        .injects
        .iter()
        .zip(hours)
        .map(|(inj, h)| {
            let when = match (&inj.after, h) {
                (Some(a), _) => format!("{}+{}h", a.inject, a.hours),
                (None, Some(h)) => format!("{h}h"),
                (None, None) => "-".to_string(),
            };
            let state = match session.fired().get(&inj.id) {
                Some(h) => match lang {
                    Lang::Ja => format!("付与済み（{h} 時間）"),
                    Lang::En => format!("given at hour {h}"),
                },
                None => lang.pick("未付与", "not yet given").to_string(),
            };
            [
                inj.id.clone(),
                when,
                state,
                inj.content(lang == Lang::En).to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        return lang
            .pick(
                "  このシナリオには状況付与がありません\n",
                "  this scenario has no injects\n",
            )
            .to_string();
    }
    let width = |k: usize| rows.iter().map(|r| display_width(&r[k])).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    let mut o = String::new();
    for r in &rows {
        let lead = format!(
            "  {}  {}  {}  ",
            pad_right(&r[0], w0),
            pad_right(&r[1], w1),
            pad_right(&r[2], w2)
        );
        let room = WIDTH.saturating_sub(cols(&lead));
        o.push_str(&lead);
        o.push_str(&fit(r[3].lines().next().unwrap_or(""), room));
        o.push('\n');
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flowed_lines_fit_and_keep_tokens_whole() {
        let tokens: Vec<Token> = (0..40)
            .map(|i| tok(format!("station-p{i:03} 1.0h"), Tone::Normal))
            .collect();
        let mut o = String::new();
        flow(&mut o, Style::Plain, "   停電中の電源依存  ", 5, &tokens);
        for line in o.lines() {
            assert!(cols(line) <= WIDTH, "{line}");
        }
        for i in 0..40 {
            assert!(o.contains(&format!("station-p{i:03} 1.0h")), "{o}");
        }
    }

    #[test]
    fn japanese_text_wraps_within_the_width() {
        let mut o = String::new();
        wrap_text(
            &mut o,
            2,
            &"停電で人工呼吸器の電池が残り少ないと家族から電話。".repeat(6),
        );
        assert!(o.lines().count() > 1);
        for line in o.lines() {
            assert!(cols(line) <= WIDTH, "{line}");
        }
        let mut o = String::new();
        wrap_text(
            &mut o,
            2,
            &"The power is out at my mother's house. ".repeat(6),
        );
        for line in o.lines() {
            assert!(cols(line) <= WIDTH && !line.ends_with(' '), "{line}");
        }
    }

    #[test]
    fn ansi_only_when_asked() {
        assert_eq!(Style::Plain.paint(Tone::Bad, "x"), "x");
        assert_eq!(Style::Ansi.paint(Tone::Bad, "x"), "\x1b[1;31mx\x1b[0m");
    }
}
