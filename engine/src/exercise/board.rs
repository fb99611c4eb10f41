//! The status board a facilitator projects: few, large numbers, Japanese by default. Plain
//! text from [`crate::status::Status`].

use crate::Lang;
use crate::lang::glossary;
use crate::scenario::Lifeline;
use crate::status::Status;

use super::session::{Session, TimelineItem};

/// A stock is "running low" below this share of its initial quantity.
const LOW_STOCK_SHARE: f64 = 0.3;
/// Patients listed by name on the board at most.
const MAX_LISTED: usize = 6;

fn level(v: f64, lang: Lang) -> String {
    if v <= 0.0 {
        lang.pick("✕停止", "✕ DOWN").to_string()
    } else if v >= 1.0 {
        lang.pick("○", "OK").to_string()
    } else {
        format!("△{:.0}%", v * 100.0)
    }
}

const RULE: &str = "════════════════════════════════════════════════════════════";

/// The board for `session` now, in `lang`.
pub fn board(session: &Session, lang: Lang) -> String {
    let st = session.status();
    let open = session.open_injects();
    render(&st, &open, lang)
}

/// The board for a status snapshot and the open injects.
pub fn render(st: &Status, open: &[String], lang: Lang) -> String {
    let mut o = String::new();
    let day = st.day;
    o.push_str(RULE);
    o.push('\n');
    o.push_str(&match lang {
        Lang::Ja => format!(
            "  発災から {} 時間　（{}日目　{}曜 {:02}:00）\n",
            st.hour,
            day,
            st.weekday.short_name().get(lang),
            st.clock_hour
        ),
        Lang::En => format!(
            "  HOUR {} after onset   (day {}, {} {:02}:00)\n",
            st.hour,
            day,
            st.weekday.short_name().get(lang),
            st.clock_hour
        ),
    });
    o.push_str(RULE);
    o.push('\n');
    for z in &st.zones {
        let parts: Vec<String> = Lifeline::ALL
            .iter()
            .map(|l| {
                format!(
                    "{} {}",
                    l.name().get(lang),
                    level(z.lifelines[l.index()], lang)
                )
            })
            .collect();
        o.push_str(&format!(
            "  {} [{}]  {}\n",
            lang.pick("ライフライン", "Lifelines"),
            z.id,
            parts.join("  ")
        ));
    }
    for a in &st.agencies {
        o.push('\n');
        let bcp = if a.bcp_active {
            lang.pick("BCP 発動中", "BCP ACTIVE")
        } else {
            lang.pick("BCP 未発動", "BCP not active")
        };
        o.push_str(&format!("  ■ {}   {}\n", a.id, bcp));
        let plan = a.plan_attendance * a.normal_daily_staff;
        o.push_str(&match lang {
            Lang::Ja => format!(
                "    職員　出勤 {} 人（勤務中 {}）／ 計画 {:.1} 人\n",
                a.present, a.on_duty, plan
            ),
            Lang::En => format!(
                "    Staff  present {} (on duty {}) / plan {:.1}\n",
                a.present, a.on_duty, plan
            ),
        });
        o.push_str(&match lang {
            Lang::Ja => format!(
                "    安否確認　{} / {} 人　　ポータブル電源 空き {} 台\n",
                a.confirmed, a.patients, a.power_stations_free
            ),
            Lang::En => format!(
                "    Safety checks  {} / {}    power stations free {}\n",
                a.confirmed, a.patients, a.power_stations_free
            ),
        });
        let low: Vec<String> = a
            .stocks
            .iter()
            .filter(|s| s.stockout_hour.is_some() || s.quantity < s.initial * LOW_STOCK_SHARE)
            .map(|s| {
                let name = glossary::stock_item(&s.item, lang);
                if s.quantity <= 0.0 {
                    format!("{name} {}", lang.pick("在庫切れ", "OUT"))
                } else {
                    let unit = glossary::unit(&s.unit, lang);
                    format!("{name} {:.0}/{:.0} {unit}", s.quantity, s.initial)
                }
            })
            .collect();
        if !low.is_empty() {
            o.push_str(&format!(
                "    {}　{}\n",
                lang.pick("残りわずかの備蓄", "Stocks low"),
                low.join("  ")
            ));
        }
        o.push_str(&format!(
            "    {}　{} {}\n",
            lang.pick("未確認の優先度A", "Class A not confirmed"),
            a.class_a_unconfirmed.len(),
            lang.pick("人", "")
        ));
        for p in a.class_a_unconfirmed.iter().take(MAX_LISTED) {
            let battery = match p.battery_hours {
                Some(h) if !p.powered => match lang {
                    Lang::Ja => format!("電池残り {h:.1} 時間"),
                    Lang::En => format!("battery {h:.1} h"),
                },
                Some(_) => lang.pick("電源あり", "powered").to_string(),
                None => String::new(),
            };
            o.push_str(&format!("      - {}  {}\n", p.id, battery));
        }
        if a.class_a_unconfirmed.len() > MAX_LISTED {
            o.push_str(&format!(
                "      … {} {}\n",
                a.class_a_unconfirmed.len() - MAX_LISTED,
                lang.pick("人ほか", "more")
            ));
        }
        let urgent: Vec<String> = a
            .without_power
            .iter()
            .take(MAX_LISTED)
            .map(|p| format!("{} {:.1}h", p.id, p.battery_hours.unwrap_or(0.0)))
            .collect();
        if !urgent.is_empty() {
            o.push_str(&format!(
                "    {}　{}\n",
                lang.pick("停電中の電源依存（電池残）", "Without power (battery left)"),
                urgent.join("  ")
            ));
        }
        if a.depleted_patient_hours > 0 || a.admitted_to_hospital > 0 {
            o.push_str(&match lang {
                Lang::Ja => format!(
                    "    電源のない機器　延べ {} 人・時間　　計画による入院 {} 人\n",
                    a.depleted_patient_hours, a.admitted_to_hospital
                ),
                Lang::En => format!(
                    "    Without device power  {} patient-hours    admitted to hospital {}\n",
                    a.depleted_patient_hours, a.admitted_to_hospital
                ),
            });
        }
    }
    o.push('\n');
    if open.is_empty() {
        o.push_str(&format!(
            "  {}\n",
            lang.pick("未対応の状況付与: なし", "Open injects: none")
        ));
    } else {
        o.push_str(&format!(
            "  {} {}\n",
            lang.pick("未対応の状況付与:", "Open injects:"),
            open.join(", ")
        ));
    }
    o.push_str(RULE);
    o.push('\n');
    o
}

/// An inject as read out when it is given.
pub fn inject_text(item: &TimelineItem, lang: Lang) -> String {
    let TimelineItem::Inject {
        hour,
        id,
        recipient,
        sender,
        channel,
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
    let (ch_ja, ch_en) = channel.names();
    let mut o = String::new();
    o.push_str(&match lang {
        Lang::Ja => format!(
            "▶ 状況付与 {}（発災から {} 時間）\n",
            id.as_deref().unwrap_or("（追加）"),
            hour
        ),
        Lang::En => format!(
            "▶ INJECT {} (hour {})\n",
            id.as_deref().unwrap_or("(added)"),
            hour
        ),
    });
    if !recipient.is_empty() || !sender.is_empty() {
        o.push_str(&match lang {
            Lang::Ja => format!("  付与先: {recipient}　発信元: {sender}　手段: {ch_ja}\n"),
            Lang::En => format!("  to: {recipient}   from: {sender}   by: {ch_en}\n"),
        });
    }
    o.push_str(&format!("  {content}\n"));
    if !expected.is_empty() {
        o.push_str(&format!(
            "  {} {expected}\n",
            lang.pick("想定される対応:", "Expected action:")
        ));
    }
    o
}

/// The scenario's injects, their times and whether they were given.
pub fn injects_text(session: &Session, lang: Lang) -> String {
    let ex = session.exercise();
    let hours = ex.scheduled_hours();
    let mut o = String::new();
    for (inj, h) in ex.injects.iter().zip(hours) {
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
        o.push_str(&format!(
            "  {:<12} {:<10} {:<20} {}\n",
            inj.id,
            when,
            state,
            inj.content(lang == Lang::En)
        ));
    }
    if o.is_empty() {
        o.push_str(lang.pick(
            "  このシナリオには状況付与がありません\n",
            "  this scenario has no injects\n",
        ));
    }
    o
}
