//! What the after-action report (振り返り報告) is made of: the timeline, whether each inject's
//! expected action was taken, and the key figures with and without the room's decisions.
//!
//! Matching rule (docs/exercise.md): an inject's expectation is met by the first decision
//! recorded at or after the hour the inject was given whose command kind equals
//! `expected.command` and, when `expected.target` is set, that names the target (for `note`,
//! the first note whose text contains the target). An objective is met when every inject that
//! tests it and carries an expected command was met.

use serde::Serialize;

use super::Msg;
use super::command::parse;
use super::file::{Entry, effective_entries, rebuild, rewinds};
use super::session::{Session, TimelineItem};
use crate::outcome::Summary;
use crate::scenario::{Exercise, Scenario};

/// One scenario inject and what became of its expectation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InjectMatch {
    pub inject: String,
    pub objective: Option<String>,
    /// Hour given; None if never given during the session.
    pub given_hour: Option<u32>,
    /// Whether the inject carries an expected command.
    pub expected: bool,
    pub expected_command: Option<String>,
    pub expected_target: Option<String>,
    /// The expected action in the scenario's own words (想定される対応), Japanese and English.
    pub expected_ja: String,
    pub expected_en: String,
    /// Hour of the matching decision.
    pub met_hour: Option<u32>,
    /// The matching decision as typed.
    pub met_by: Option<String>,
}

/// One objective's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveResult {
    pub id: String,
    pub ja: String,
    pub en: String,
    /// Injects testing it that carry an expected command, and how many were met.
    pub checked: u32,
    pub met: u32,
}

/// The key figures of a run, as the report shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub battery_depleted_patients: u32,
    /// Patient-hours without device power.
    pub depleted_patient_hours: u32,
    pub longest_without_device_power_hours: u32,
    pub admitted_to_hospital: u32,
    pub class_a_uncontacted_over_24h: u32,
    pub class_a_all_confirmed_hour: Option<u32>,
    /// The first stock-out: (item, hour), the earliest across agencies (ties: item order).
    pub first_stockout: Option<(String, u32)>,
    pub visits_delivered: u32,
    pub visits_demanded: u32,
    /// Share of patients confirmed within 24 h (0–1).
    pub confirmed_share_24h: f64,
    /// The lowest attendance (present ÷ normal daily staff) of any step (0–1).
    pub lowest_attendance: f64,
    /// Hours on duty beyond the normal day, summed over staff.
    pub overtime_hours: u32,
}

impl Figures {
    pub fn of(summary: &Summary) -> Figures {
        let r = &summary.region;
        let first_stockout = r
            .stocks
            .iter()
            .filter_map(|(item, s)| s.stockout_hour.map(|h| (h, item.clone())))
            .min()
            .map(|(h, item)| (item, h));
        Figures {
            battery_depleted_patients: r.critical.battery_depleted_patients,
            depleted_patient_hours: r.critical.depleted_patient_hours,
            longest_without_device_power_hours: r.critical.longest_without_device_power_hours,
            admitted_to_hospital: r.critical.admitted_to_hospital,
            class_a_uncontacted_over_24h: r.critical.class_a_uncontacted_over_24h,
            class_a_all_confirmed_hour: r.safety_checks.class_a_all_confirmed_hour,
            first_stockout,
            visits_delivered: r.visits.delivered,
            visits_demanded: r.visits.demanded,
            confirmed_share_24h: r.safety_checks.confirmed_share_24h,
            lowest_attendance: r.staff.lowest_attendance,
            overtime_hours: r.staff.overtime_hours,
        }
    }
}

/// One of the facilitator's steering commands that stands (a lifeline set, a patient held or
/// released) or time moved back: listed apart from the room's decisions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intervention {
    /// Its line in the session file (the order typed).
    pub line: usize,
    /// The hour it was given.
    pub hour: u32,
    /// The command word: `set`, `hold`, `release`, `back`.
    pub kind: String,
    /// The English command line (`set power ward down`, `back 6h`).
    pub command: String,
    /// What it did, in words with the scenario's names.
    pub ja: String,
    pub en: String,
}

/// Everything the after-action report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
    pub title: String,
    pub scenario: String,
    pub seed: u64,
    /// The hour the session ended at (both runs are compared at this hour).
    pub end_hour: u32,
    pub timeline: Vec<TimelineItem>,
    pub injects: Vec<InjectMatch>,
    pub objectives: Vec<ObjectiveResult>,
    /// With the room's decisions.
    pub played: Figures,
    /// The same scenario, seed and injects, without the decisions.
    pub counterfactual: Figures,
    pub decisions: u32,
    pub notes: u32,
    /// The facilitator's steering, in the order typed (applied in both runs: it is not the
    /// room's).
    pub interventions: Vec<Intervention>,
}

/// Matches every scenario inject's expectation against the timeline.
pub fn match_expectations(ex: &Exercise, timeline: &[TimelineItem]) -> Vec<InjectMatch> {
    ex.injects
        .iter()
        .map(|inj| {
            let given_hour = timeline.iter().find_map(|t| match t {
                TimelineItem::Inject {
                    id: Some(id), hour, ..
                } if id == &inj.id => Some(*hour),
                _ => None,
            });
            let cmd = inj.expected.command.clone();
            let target = inj.expected.target.clone();
            let met = match (&cmd, given_hour) {
                (Some(cmd), Some(given)) => timeline.iter().find_map(|t| match t {
                    TimelineItem::Decision {
                        hour,
                        kind,
                        targets,
                        command,
                    } if *hour >= given
                        && kind == cmd
                        && target.as_ref().is_none_or(|x| targets.contains(x)) =>
                    {
                        Some((*hour, command.clone()))
                    }
                    TimelineItem::Note { hour, text }
                        if *hour >= given
                            && cmd == "note"
                            && target.as_ref().is_none_or(|x| text.contains(x.as_str())) =>
                    {
                        Some((*hour, format!("note {text}")))
                    }
                    _ => None,
                }),
                _ => None,
            };
            InjectMatch {
                inject: inj.id.clone(),
                objective: inj.objective.clone(),
                given_hour,
                expected: cmd.is_some(),
                expected_command: cmd,
                expected_target: target,
                expected_ja: inj.expected.ja.clone(),
                expected_en: inj.expected.en.clone(),
                met_hour: met.as_ref().map(|m| m.0),
                met_by: met.map(|m| m.1),
            }
        })
        .collect()
}

/// Builds the debrief of a recorded session: replays it with and without decisions.
pub fn debrief(scenario: &Scenario, seed: u64, entries: &[Entry]) -> Result<Debrief, Msg> {
    let played = rebuild(scenario, seed, entries)?;
    let mut counter = Session::without_decisions(scenario, seed);
    super::file::replay(&mut counter, entries)?;
    let interventions = interventions(&played, entries)?;
    let mut d = debrief_of(played, counter);
    d.interventions = interventions;
    Ok(d)
}

/// The steering commands that stand and every `back`, in the order typed.
fn interventions(played: &Session, entries: &[Entry]) -> Result<Vec<Intervention>, Msg> {
    let mut out: Vec<Intervention> = Vec::new();
    for (line, e) in effective_entries(entries)? {
        let Ok(Some(cmd)) = parse(&e.command) else {
            continue;
        };
        let (Some(command), Some(what)) = (cmd.steering_line(), played.describe_steering(&cmd))
        else {
            continue;
        };
        out.push(Intervention {
            line,
            hour: e.hour,
            kind: command.split(' ').next().unwrap_or("").to_string(),
            command,
            ja: what.ja,
            en: what.en,
        });
    }
    for r in rewinds(entries)? {
        out.push(Intervention {
            line: r.line,
            hour: r.from_hour,
            kind: "back".into(),
            command: format!("back {}h", r.to_hour),
            ja: format!(
                "戻す: 発災から {} 時間 → {} 時間へ（以後の記録 {} 件を取り消し）",
                r.from_hour, r.to_hour, r.dropped
            ),
            en: format!(
                "back: from hour {} to hour {} (commands taken back: {})",
                r.from_hour, r.to_hour, r.dropped
            ),
        });
    }
    out.sort_by_key(|i| i.line);
    Ok(out)
}

fn debrief_of(mut played: Session, mut counter: Session) -> Debrief {
    let ex = played.exercise().clone();
    let timeline = played.timeline().to_vec();
    let injects = match_expectations(&ex, &timeline);
    let objectives = ex
        .objectives
        .iter()
        .map(|o| {
            let mine: Vec<&InjectMatch> = injects
                .iter()
                .filter(|m| m.expected && m.objective.as_deref() == Some(o.id.as_str()))
                .collect();
            ObjectiveResult {
                id: o.id.clone(),
                ja: o.ja.clone(),
                en: o.en.clone(),
                checked: mine.len() as u32,
                met: mine.iter().filter(|m| m.met_hour.is_some()).count() as u32,
            }
        })
        .collect();
    let count = |f: fn(&TimelineItem) -> bool| timeline.iter().filter(|t| f(t)).count() as u32;
    Debrief {
        title: if ex.title.is_empty() {
            played.scenario().name.clone()
        } else {
            ex.title.clone()
        },
        scenario: played.scenario().name.clone(),
        seed: played.seed(),
        end_hour: played.hour(),
        decisions: count(|t| matches!(t, TimelineItem::Decision { .. })),
        notes: count(|t| matches!(t, TimelineItem::Note { .. })),
        interventions: Vec::new(),
        timeline,
        injects,
        objectives,
        played: Figures::of(&played.result().summary),
        counterfactual: Figures::of(&counter.result().summary),
    }
}
