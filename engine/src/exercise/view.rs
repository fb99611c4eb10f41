//! The board as data, for the projector web page (`bcpsim exercise --board`): the same
//! [`crate::status::Status`] the terminal board is drawn from, with the session's injects,
//! expected actions and the time series so far, in words of the session's language (the
//! scenario's names, the glossary's terms). Serialised to JSON for the page; pure.

use serde::Serialize;

use crate::Lang;
use crate::lang::glossary;
use crate::scenario::{Lifeline, PriorityClass, Scenario};
use crate::status::{AgencyStatus, PatientStatus};

use super::debrief::match_expectations;
use super::session::{Session, TimelineItem};

// The terminal board's thresholds: a stock running low, a patient urgent.
use super::board::{LOW_STOCK_SHARE, URGENT_HOURS};

/// Everything the web board shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoardView {
    /// `ja` or `en`.
    pub lang: &'static str,
    pub title: String,
    /// The page's fixed words, in the session's language.
    pub labels: Labels,
    /// Hours after onset, and the horizon.
    pub hour: u32,
    pub horizon: u32,
    pub finished: bool,
    /// `発災から 6 時間` / `hour 6 after onset`.
    pub hour_text: String,
    /// `2日目` / `day 2`, the weekday's name, `14:00`.
    pub day_text: String,
    pub weekday: String,
    pub clock: String,
    pub zones: Vec<ZoneView>,
    pub agencies: Vec<AgencyView>,
    pub injects: Vec<InjectView>,
    pub expected: ExpectedView,
    pub charts: Vec<ChartView>,
    /// Patients whose deterioration the facilitator holds, by name.
    pub held: Vec<String>,
    /// The room's latest decisions and notes and the facilitator's steering, latest first.
    pub recent: Vec<RecentItem>,
}

/// A decision, a note or a steering command, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecentItem {
    pub hour: u32,
    /// `decision`, `note` or `steering`.
    pub kind: &'static str,
    pub kind_text: String,
    pub text: String,
}

/// The page's fixed words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labels {
    pub lifelines: &'static str,
    pub staff: &'static str,
    pub present: &'static str,
    pub on_duty: &'static str,
    pub plan: &'static str,
    pub class_a: &'static str,
    pub without_power: &'static str,
    pub empty_battery: &'static str,
    pub stocks: &'static str,
    pub injects: &'static str,
    pub expected: &'static str,
    pub charts: &'static str,
    pub elapsed: &'static str,
    pub now: &'static str,
    pub held: &'static str,
    pub none: &'static str,
    pub safety_checks: &'static str,
    pub power_stations: &'static str,
    pub finished: &'static str,
    pub disconnected: &'static str,
    pub recent: &'static str,
}

impl Labels {
    fn of(lang: Lang) -> Labels {
        let t = |ja: &'static str, en: &'static str| lang.pick(ja, en);
        Labels {
            lifelines: t("ライフライン", "Lifelines"),
            staff: t("職員", "Staff"),
            present: t("出勤", "present"),
            on_duty: t("勤務中", "on duty"),
            plan: t("計画", "plan"),
            class_a: t(
                "未確認の優先度A（残り時間の短い順）",
                "Class A not confirmed (least time left first)",
            ),
            without_power: t(
                "停電中の電源依存（電池残りの短い順）",
                "Without power (least battery left first)",
            ),
            empty_battery: t("電池切れ", "on an empty battery"),
            stocks: t("備蓄", "Stocks"),
            injects: t("状況付与", "Injects"),
            expected: t("想定される対応", "Expected actions"),
            charts: t("推移", "So far"),
            elapsed: t("経過（実時間）", "Elapsed (wall clock)"),
            now: t("現在時刻", "Time now"),
            held: t("保留中", "held"),
            none: t("なし", "none"),
            safety_checks: t("安否確認", "Safety checks"),
            power_stations: t("ポータブル電源 空き", "Power stations free"),
            finished: t("シミュレーション終了", "Run finished"),
            disconnected: t(
                "bcpsim との接続が切れました",
                "Lost the connection to bcpsim",
            ),
            recent: t(
                "最近の決定・メモ・進行操作",
                "Latest decisions, notes, steering",
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZoneView {
    pub name: String,
    pub lifelines: Vec<LifelineView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifelineView {
    pub key: &'static str,
    pub name: String,
    /// 0–1.
    pub level: f64,
    /// `up`, `degraded` or `down`: the colour.
    pub state: &'static str,
    /// The icon: ○ △ ×.
    pub icon: &'static str,
    /// The state in words: `通常`, `60%`, `停止`.
    pub word: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyView {
    pub name: String,
    pub bcp_active: bool,
    pub bcp_text: String,
    pub present: u32,
    pub on_duty: u32,
    /// Staff the plan expects present now.
    pub plan: f64,
    /// Present below the plan.
    pub short: bool,
    pub patients: u32,
    pub confirmed: u32,
    pub power_stations_free: u32,
    pub stocks: Vec<StockView>,
    /// Class-A patients not confirmed: least time left that can still save them first, then
    /// the others (powered, no device), then those on an empty battery.
    pub class_a: Vec<PatientView>,
    /// Power-dependent patients at home without power with battery left, least first.
    pub without_power: Vec<PatientView>,
    /// How many are on an empty battery.
    pub empty_battery: u32,
    pub figures_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StockView {
    pub name: String,
    pub text: String,
    /// quantity ÷ initial, 0–1.
    pub share: f64,
    /// `ok`, `low` or `out`.
    pub state: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatientView {
    pub name: String,
    /// `urgent`, `warn` or `ok`.
    pub tone: &'static str,
    pub text: String,
    pub held: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InjectView {
    pub id: String,
    /// `given`, `pending` (due at a known hour) or `on_demand` (follows an inject not yet
    /// given, or has no time: given with `inject ID`).
    pub state: &'static str,
    pub state_text: String,
    /// The hour given, or due.
    pub hour: Option<u32>,
    pub when: String,
    pub to: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectedView {
    pub met: u32,
    pub total: u32,
    /// `3 / 10 達成` / `3 / 10 met`.
    pub text: String,
    pub items: Vec<ExpectedItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectedItem {
    pub inject: String,
    pub text: String,
    /// `met`, `open` (given, not yet taken) or `waiting` (not given yet).
    pub state: &'static str,
    pub state_text: String,
}

/// A small chart of one figure over the steps run so far (region totals).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartView {
    pub title: String,
    pub hours: Vec<u32>,
    pub values: Vec<f64>,
    /// Where the axis ends (the figure's natural maximum where there is one).
    pub max: f64,
    /// The last value in words.
    pub last: String,
}

/// An inject recipient in words: an agency by its name, a role keyword by the BCP's role
/// name (glossary), `AGENCY/ROLE` as both; anything else (`所長`) as written.
pub fn recipient_words(s: &Scenario, r: &str, lang: Lang) -> String {
    let agency = |id: &str| {
        s.agencies
            .iter()
            .find(|a| a.id == id && !a.name.trim().is_empty())
            .map(|a| a.name.clone())
    };
    let role = |k: &str| glossary::role(k).map(|t| t.get(lang).to_string());
    if let Some(w) = role(r).or_else(|| agency(r)) {
        return w;
    }
    if let Some((a, k)) = r.split_once('/') {
        let a = agency(a).unwrap_or_else(|| a.to_string());
        let k = role(k).unwrap_or_else(|| k.to_string());
        return format!("{a} {k}");
    }
    r.to_string()
}

fn lifeline(l: Lifeline, v: f64, lang: Lang) -> LifelineView {
    let (state, icon, word) = if v <= 0.0 {
        ("down", "×", lang.pick("停止", "down").to_string())
    } else if v >= 1.0 {
        ("up", "○", lang.pick("通常", "up").to_string())
    } else {
        ("degraded", "△", format!("{:.0}%", v * 100.0))
    };
    LifelineView {
        key: l.key(),
        name: l.name().get(lang).to_string(),
        level: v,
        state,
        icon,
        word,
    }
}

fn tone(hours: f64) -> &'static str {
    if hours < URGENT_HOURS {
        "urgent"
    } else {
        "warn"
    }
}

fn patient(session: &Session, p: &PatientStatus, lang: Lang) -> PatientView {
    let name = session.patient_name(&p.id);
    let (tone, text) = match p.battery_hours {
        Some(h) if !p.powered && h > 0.0 => (
            tone(h),
            match lang {
                Lang::Ja => format!("電池残り {h:.1} 時間"),
                Lang::En => format!("battery {h:.1} h"),
            },
        ),
        Some(_) if !p.powered => ("urgent", lang.pick("電池切れ", "battery empty").to_string()),
        Some(_) => ("ok", lang.pick("電源あり", "powered").to_string()),
        None => ("ok", String::new()),
    };
    PatientView {
        name,
        tone,
        text,
        held: p.held,
    }
}

fn agency(session: &Session, a: &AgencyStatus, lang: Lang) -> AgencyView {
    let plan = a.plan_attendance * a.normal_daily_staff;
    let left = |p: &PatientStatus| match p.battery_hours {
        Some(h) if !p.powered && h > 0.0 => (0, h),
        Some(_) if !p.powered => (2, 0.0),
        _ => (1, 0.0),
    };
    let mut class_a: Vec<&PatientStatus> = a.class_a_unconfirmed.iter().collect();
    class_a.sort_by(|x, y| {
        let (kx, hx) = left(x);
        let (ky, hy) = left(y);
        kx.cmp(&ky).then(hx.total_cmp(&hy))
    });
    let mut savable: Vec<&PatientStatus> = a
        .without_power
        .iter()
        .filter(|p| p.battery_hours.unwrap_or(0.0) > 0.0)
        .collect();
    savable.sort_by(|x, y| {
        x.battery_hours
            .unwrap_or(0.0)
            .total_cmp(&y.battery_hours.unwrap_or(0.0))
    });
    let empty = (a.without_power.len() - savable.len()) as u32;
    // Stocks nearest to running out first (out, then the lowest share left).
    let mut stocks: Vec<&crate::status::StockStatus> = a.stocks.iter().collect();
    let share = |s: &crate::status::StockStatus| {
        if s.initial > 0.0 {
            (s.quantity / s.initial).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    stocks.sort_by(|x, y| share(x).total_cmp(&share(y)));
    AgencyView {
        name: session.agency_name(&a.id),
        bcp_active: a.bcp_active,
        bcp_text: if a.bcp_active {
            lang.pick("BCP 発動中", "BCP active")
        } else {
            lang.pick("BCP 未発動", "BCP not active")
        }
        .to_string(),
        present: a.present,
        on_duty: a.on_duty,
        plan,
        short: f64::from(a.present) + 0.5 < plan,
        patients: a.patients,
        confirmed: a.confirmed,
        power_stations_free: a.power_stations_free,
        stocks: stocks
            .iter()
            .map(|s| {
                let name = glossary::stock_item(&s.item, lang);
                let unit = glossary::unit(&s.unit, lang);
                let share = share(s);
                let state = if s.quantity <= 0.0 {
                    "out"
                } else if s.stockout_hour.is_some() || s.quantity < s.initial * LOW_STOCK_SHARE {
                    "low"
                } else {
                    "ok"
                };
                let text = if state == "out" {
                    lang.pick("在庫切れ", "out").to_string()
                } else {
                    format!("{:.0} / {:.0} {unit}", s.quantity, s.initial)
                };
                StockView {
                    name,
                    text,
                    share,
                    state,
                }
            })
            .collect(),
        class_a: class_a.iter().map(|p| patient(session, p, lang)).collect(),
        without_power: savable.iter().map(|p| patient(session, p, lang)).collect(),
        empty_battery: empty,
        figures_text: match lang {
            Lang::Ja => format!(
                "電源のない機器 延べ {} 人・時間　計画による入院 {} 人",
                a.depleted_patient_hours, a.admitted_to_hospital
            ),
            Lang::En => format!(
                "{} patient-hours without device power, {} admitted to hospital",
                a.depleted_patient_hours, a.admitted_to_hospital
            ),
        },
    }
}

fn injects(session: &Session, lang: Lang) -> Vec<InjectView> {
    let ex = session.exercise();
    let scheduled = ex.scheduled_hours();
    let en = lang == Lang::En;
    let mut out: Vec<InjectView> = ex
        .injects
        .iter()
        .zip(&scheduled)
        .map(|(inj, planned)| {
            let given = session.fired().get(&inj.id).copied();
            // Due now: its own hour, or hours after the inject it follows was given.
            let due = match (&inj.at_hour, &inj.after) {
                (Some(h), _) => Some(*h),
                (None, Some(a)) => session
                    .fired()
                    .get(&a.inject)
                    .map(|h| h.saturating_add(a.hours)),
                (None, None) => None,
            };
            let (state, hour) = match (given, due) {
                (Some(h), _) => ("given", Some(h)),
                (None, Some(h)) => ("pending", Some(h)),
                (None, None) => ("on_demand", *planned),
            };
            let state_text = match (state, lang) {
                ("given", Lang::Ja) => "付与済み",
                ("given", Lang::En) => "given",
                ("pending", Lang::Ja) => "予定",
                ("pending", Lang::En) => "pending",
                (_, Lang::Ja) => "随時",
                (_, Lang::En) => "on demand",
            }
            .to_string();
            let when = match (state, &inj.after, hour) {
                ("on_demand", Some(a), _) => match lang {
                    Lang::Ja => format!("{} の {} 時間後", a.inject, a.hours),
                    Lang::En => format!("{} h after {}", a.hours, a.inject),
                },
                (_, _, Some(h)) => match lang {
                    Lang::Ja => format!("{h} 時間"),
                    Lang::En => format!("hour {h}"),
                },
                _ => "-".to_string(),
            };
            InjectView {
                id: inj.id.clone(),
                state,
                state_text,
                hour,
                when,
                to: recipient_words(session.scenario(), &inj.recipient, lang),
                text: inj.content(en).to_string(),
            }
        })
        .collect();
    // Injects added in the room.
    for t in session.timeline() {
        if let TimelineItem::Inject {
            hour,
            id: None,
            content_ja,
            content_en,
            ..
        } = t
        {
            out.push(InjectView {
                id: lang.pick("追加", "added").to_string(),
                state: "given",
                state_text: lang.pick("付与済み", "given").to_string(),
                hour: Some(*hour),
                when: match lang {
                    Lang::Ja => format!("{hour} 時間"),
                    Lang::En => format!("hour {hour}"),
                },
                to: String::new(),
                text: if en { content_en } else { content_ja }.clone(),
            });
        }
    }
    // Given first (latest on top), then pending by hour, then on demand.
    let rank = |i: &InjectView| match i.state {
        "given" => 0,
        "pending" => 1,
        _ => 2,
    };
    out.sort_by(|a, b| {
        rank(a).cmp(&rank(b)).then(match a.state {
            "given" => b.hour.cmp(&a.hour),
            _ => a.hour.cmp(&b.hour),
        })
    });
    out
}

fn expected(session: &Session, lang: Lang) -> ExpectedView {
    let en = lang == Lang::En;
    let matches = match_expectations(session.exercise(), session.timeline());
    let items: Vec<ExpectedItem> = matches
        .iter()
        .filter(|m| m.expected)
        .map(|m| {
            let words = if en && !m.expected_en.is_empty() {
                &m.expected_en
            } else {
                &m.expected_ja
            };
            let text = if words.is_empty() {
                m.expected_command.clone().unwrap_or_default()
            } else {
                words.clone()
            };
            let (state, state_text) = match (m.met_hour, m.given_hour) {
                (Some(h), _) => (
                    "met",
                    match lang {
                        Lang::Ja => format!("達成（{h} 時間）"),
                        Lang::En => format!("met at hour {h}"),
                    },
                ),
                (None, Some(_)) => ("open", lang.pick("未対応", "open").to_string()),
                (None, None) => ("waiting", lang.pick("未付与", "not given").to_string()),
            };
            ExpectedItem {
                inject: m.inject.clone(),
                text,
                state,
                state_text,
            }
        })
        .collect();
    let met = items.iter().filter(|i| i.state == "met").count() as u32;
    let total = items.len() as u32;
    ExpectedView {
        met,
        total,
        text: match lang {
            Lang::Ja => format!("{met} / {total} 達成"),
            Lang::En => format!("{met} / {total} met"),
        },
        items,
    }
}

fn charts(session: &Session, lang: Lang) -> Vec<ChartView> {
    let rows = session.timeseries();
    let st = session.status();
    let patients: u32 = st.agencies.iter().map(|a| a.patients).sum();
    let staff: f64 = st.agencies.iter().map(|a| a.normal_daily_staff).sum();
    // Region totals by hour, in step order.
    let mut hours: Vec<u32> = Vec::new();
    let mut confirmed: Vec<f64> = Vec::new();
    let mut present: Vec<f64> = Vec::new();
    let mut depleted: Vec<f64> = Vec::new();
    let mut class_a: Vec<f64> = Vec::new();
    for r in rows.rows() {
        if hours.last() != Some(&r.hour) {
            hours.push(r.hour);
            for v in [&mut confirmed, &mut present, &mut depleted, &mut class_a] {
                v.push(0.0);
            }
        }
        let i = hours.len() - 1;
        confirmed[i] += f64::from(r.confirmed);
        present[i] += f64::from(r.present);
        depleted[i] += f64::from(r.depleted_patients);
        class_a[i] += f64::from(r.class_a_unconfirmed);
    }
    let class_a_total = session
        .scenario()
        .agencies
        .iter()
        .flat_map(crate::build::expand_patients)
        .filter(|p| p.class == PriorityClass::A)
        .count() as f64;
    let chart = |ja: &str, en: &str, values: Vec<f64>, max: f64, unit: (&str, &str)| {
        let last = values.last().copied().unwrap_or(0.0);
        let peak = values.iter().copied().fold(0.0, f64::max);
        ChartView {
            title: lang.pick(ja, en).to_string(),
            hours: hours.clone(),
            max: max.max(peak).max(1.0),
            last: format!("{last:.0} {}", lang.pick(unit.0, unit.1)),
            values,
        }
    };
    vec![
        chart(
            "安否確認済み",
            "Patients confirmed",
            confirmed,
            f64::from(patients),
            ("人", "patients"),
        ),
        chart(
            "未確認の優先度A",
            "Class A not confirmed",
            class_a,
            class_a_total,
            ("人", "patients"),
        ),
        chart(
            "電池切れの利用者",
            "Patients on an empty battery",
            depleted,
            0.0,
            ("人", "patients"),
        ),
        chart(
            "出勤している職員",
            "Staff present",
            present,
            staff.ceil(),
            ("人", "staff"),
        ),
    ]
}

/// How many decisions, notes and steering commands the board lists.
const RECENT: usize = 6;

fn recent(session: &Session, lang: Lang) -> Vec<RecentItem> {
    session
        .timeline()
        .iter()
        .rev()
        .filter_map(|t| match t {
            TimelineItem::Decision { hour, command, .. } => {
                // In words with the scenario's names, as the acknowledgement said it.
                let text = match super::parse(command) {
                    Ok(Some(super::Command::Decision(d))) => {
                        session.describe(&d).get(lang).to_string()
                    }
                    _ => command.clone(),
                };
                Some(RecentItem {
                    hour: *hour,
                    kind: "decision",
                    kind_text: lang.pick("決定", "decision").to_string(),
                    text,
                })
            }
            TimelineItem::Note { hour, text } => Some(RecentItem {
                hour: *hour,
                kind: "note",
                kind_text: lang.pick("メモ", "note").to_string(),
                text: text.clone(),
            }),
            TimelineItem::Intervention { hour, ja, en, .. } => Some(RecentItem {
                hour: *hour,
                kind: "steering",
                kind_text: lang.pick("進行操作", "steering").to_string(),
                text: lang.pick(ja, en).to_string(),
            }),
            TimelineItem::Inject { .. } => None,
        })
        .take(RECENT)
        .collect()
}

/// The board of `session` now, in `lang`.
pub fn view(session: &Session, lang: Lang) -> BoardView {
    let st = session.status();
    let ex = session.exercise();
    let title = if ex.title.is_empty() {
        session.scenario().name.clone()
    } else {
        ex.title.clone()
    };
    BoardView {
        lang: lang.pick("ja", "en"),
        title,
        labels: Labels::of(lang),
        hour: st.hour,
        horizon: session.scenario().time.horizon_hours,
        finished: session.is_finished(),
        hour_text: match lang {
            Lang::Ja => format!("発災から {} 時間", st.hour),
            Lang::En => format!("hour {} after onset", st.hour),
        },
        day_text: match lang {
            Lang::Ja => format!("{}日目", st.day),
            Lang::En => format!("day {}", st.day),
        },
        weekday: st.weekday.name().get(lang).to_string(),
        clock: format!("{:02}:00", st.clock_hour),
        zones: st
            .zones
            .iter()
            .map(|z| ZoneView {
                name: session.zone_name(&z.id),
                lifelines: Lifeline::ALL
                    .iter()
                    .map(|l| lifeline(*l, z.lifelines[l.index()], lang))
                    .collect(),
            })
            .collect(),
        agencies: st
            .agencies
            .iter()
            .map(|a| agency(session, a, lang))
            .collect(),
        injects: injects(session, lang),
        expected: expected(session, lang),
        charts: charts(session, lang),
        held: session
            .held()
            .iter()
            .map(|p| session.patient_name(p))
            .collect(),
        recent: recent(session, lang),
    }
}

/// The board of `session` as JSON, with `version` (the page redraws when it changes).
pub fn view_json(session: &Session, lang: Lang, version: u64) -> String {
    #[derive(Serialize)]
    struct Versioned<'a> {
        version: u64,
        #[serde(flatten)]
        view: &'a BoardView,
    }
    serde_json::to_string(&Versioned {
        version,
        view: &view(session, lang),
    })
    .unwrap_or_else(|_| "{}".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::parse;
    use crate::load::load_scenario;

    const SAMPLE: &str = include_str!("../../../scenarios/exercise-sample-station.ron");

    #[test]
    fn the_view_follows_the_session() {
        let scenario = load_scenario("exercise-sample-station.ron", SAMPLE).unwrap();
        let mut s = Session::new(&scenario, 1);
        let v0 = view(&s, Lang::Ja);
        assert_eq!(v0.hour, 0);
        assert_eq!(v0.expected.met, 0);
        assert!(v0.expected.total >= 5);
        assert!(v0.injects.iter().any(|i| i.state == "given"));
        assert!(v0.injects.iter().any(|i| i.state == "pending"));
        for line in ["next 2h", "prioritize station-p002", "next 4h"] {
            let cmd = parse(line).unwrap().unwrap();
            s.apply(&cmd, line).unwrap();
        }
        let v = view(&s, Lang::Ja);
        assert_eq!(v.hour, 6);
        assert!(v.expected.met >= 1, "{:?}", v.expected);
        assert!(v.expected.text.ends_with("達成"));
        assert_eq!(v.recent[0].kind, "decision");
        assert!(v.recent[0].text.starts_with("優先: "), "{:?}", v.recent);
        assert_eq!(v.charts[0].hours.len(), v.charts[0].values.len());
        assert!(!v.charts[0].hours.is_empty());
        // Names, not ids; class A by least time left.
        let a = &v.agencies[0];
        assert_eq!(a.name, "訪問ステーション〇〇〇");
        let hours: Vec<f64> = a
            .class_a
            .iter()
            .filter(|p| p.text.starts_with("電池残り"))
            .map(|p| p.text.split(' ').nth(1).unwrap().parse().unwrap())
            .collect();
        assert!(hours.windows(2).all(|w| w[0] <= w[1]), "{hours:?}");
        // The lifelines carry colour, icon and words.
        let l = &v.zones[0].lifelines[0];
        assert!(["up", "degraded", "down"].contains(&l.state) && !l.icon.is_empty());
        let json = view_json(&s, Lang::En, 3);
        assert!(json.starts_with("{\"version\":3,"), "{json}");
    }
}
