//! A tabletop session: a [`Simulation`] driven by the room's commands, with the scenario's
//! injects fired as time passes. Pure: the caller reads commands, writes the session file and
//! shows what [`Session::apply`] returns.
//!
//! Determinism: a session is a pure function of (scenario, seed, the accepted commands in
//! order). Replaying the recorded commands rebuilds the identical state.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::Lang;
use crate::build::expand_patients;
use crate::lang::glossary;
use crate::scenario::{
    Channel, Destination, Effect, Exercise, LifelineState, Scenario, ScheduledEvent,
};
use crate::status::Status;
use crate::{RunOptions, Simulation};

use super::Msg;
use super::command::{Command, Decision, MAX_COUNT, MAX_QUANTITY};

/// One entry of the session's timeline (for the board and the after-action report).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineItem {
    /// An inject given: from the scenario (`id`) or added in the room (`id` None).
    Inject {
        hour: u32,
        id: Option<String>,
        recipient: String,
        /// The recipient in words (agency names, the BCP's role names), Japanese and English.
        #[serde(skip_serializing_if = "String::is_empty")]
        to_ja: String,
        #[serde(skip_serializing_if = "String::is_empty")]
        to_en: String,
        sender: String,
        channel: Channel,
        /// The channel as the scenario wrote it, when that is more than the kind's name.
        #[serde(skip_serializing_if = "String::is_empty")]
        channel_text: String,
        content_ja: String,
        content_en: String,
        expected_ja: String,
        expected_en: String,
        objective: Option<String>,
        /// Fired by `inject ID` (or `add-inject`) rather than at its scheduled time.
        manual: bool,
    },
    /// A decision of the room (the command as typed).
    Decision {
        hour: u32,
        kind: String,
        targets: Vec<String>,
        command: String,
    },
    Note {
        hour: u32,
        text: String,
    },
    /// The facilitator's steering of the model (a lifeline set, a patient held or released),
    /// apart from the room's decisions: `kind` is the command word (`set`, `hold`, `release`),
    /// `command` its English command line, `ja`/`en` what it did in words.
    Intervention {
        hour: u32,
        kind: String,
        command: String,
        ja: String,
        en: String,
    },
}

impl TimelineItem {
    pub fn hour(&self) -> u32 {
        match self {
            TimelineItem::Inject { hour, .. }
            | TimelineItem::Decision { hour, .. }
            | TimelineItem::Note { hour, .. }
            | TimelineItem::Intervention { hour, .. } => *hour,
        }
    }
}

/// What applying a command did, for the caller to show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Applied {
    /// Injects given by this command (scheduled ones due in the advanced span, or the one
    /// fired), as timeline items.
    pub injects: Vec<TimelineItem>,
    /// Whether time advanced (show the board).
    pub advanced: bool,
    /// A confirmation for the room.
    pub message: Option<Msg>,
}

/// A running tabletop session.
pub struct Session {
    scenario: Scenario,
    seed: u64,
    sim: Simulation,
    exercise: Exercise,
    /// Scenario inject id → hour it was given.
    fired: BTreeMap<String, u32>,
    timeline: Vec<TimelineItem>,
    /// Every patient id → its agency id.
    patients: BTreeMap<String, String>,
    /// Patient id → name, for the patients the scenario names.
    patient_names: BTreeMap<String, String>,
    /// Whether decisions are applied (false for the counterfactual: injects and the
    /// facilitator's steering only).
    decisions: bool,
    /// Power-dependent patients (their deterioration can be held).
    devices: BTreeSet<String>,
    /// Patients whose deterioration the facilitator holds.
    held: BTreeSet<String>,
}

impl Session {
    pub fn new(scenario: &Scenario, seed: u64) -> Session {
        let mut patients = BTreeMap::new();
        let mut patient_names = BTreeMap::new();
        let mut devices = BTreeSet::new();
        for a in &scenario.agencies {
            for p in expand_patients(a) {
                if !p.devices.is_empty() {
                    devices.insert(p.id.clone());
                }
                if let Some(name) = p.name.filter(|n| !n.trim().is_empty()) {
                    patient_names.insert(p.id.clone(), name);
                }
                patients.insert(p.id, a.id.clone());
            }
        }
        let mut s = Session {
            scenario: scenario.clone(),
            seed,
            sim: Simulation::new(scenario, seed, 0, RunOptions::FULL),
            exercise: scenario.exercise.clone().unwrap_or_default(),
            fired: BTreeMap::new(),
            timeline: Vec::new(),
            patients,
            patient_names,
            decisions: true,
            devices,
            held: BTreeSet::new(),
        };
        // Injects due in the first step are given as the session opens (see the timeline).
        s.give_due();
        s
    }

    /// A session that ignores decisions (they are accepted and dropped): the counterfactual
    /// of the after-action report.
    pub fn without_decisions(scenario: &Scenario, seed: u64) -> Session {
        let mut s = Session::new(scenario, seed);
        s.decisions = false;
        s
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn exercise(&self) -> &Exercise {
        &self.exercise
    }

    /// An agency's name as the scenario gives it (its id when it has none).
    pub fn agency_name(&self, id: &str) -> String {
        self.scenario
            .agencies
            .iter()
            .find(|a| a.id == id && !a.name.trim().is_empty())
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }

    /// A patient's name as the scenario gives it, or the id.
    pub fn patient_name(&self, id: &str) -> String {
        self.patient_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// A zone's name as the scenario gives it (its id when it has none).
    pub fn zone_name(&self, id: &str) -> String {
        self.scenario
            .zones
            .iter()
            .find(|z| z.id == id && !z.name.trim().is_empty())
            .map_or_else(|| id.to_string(), |z| z.name.clone())
    }

    /// What a decision decides, in words, with names: the acknowledgement repeats it.
    pub fn describe(&self, d: &Decision) -> Msg {
        match d {
            Decision::SendStaff { from, to, count } => {
                let (from, to) = (self.agency_name(from), self.agency_name(to));
                Msg::new(
                    format!("派遣: {from} から {to} へ職員 {count} 人（到着は1時間後）"),
                    format!("send staff: {count} from {from} to {to} (arriving after 1 h)"),
                )
            }
            Decision::Prioritize { patient } => {
                let p = self.patient_name(patient);
                Msg::new(
                    format!("優先: {p} の安否確認を最優先にする"),
                    format!("prioritize: {p} first in the safety checks"),
                )
            }
            Decision::Move { patient, to } => {
                let p = self.patient_name(patient);
                let (ja, en) = match to {
                    Destination::Hospital => ("病院", "hospital"),
                    Destination::Shelter => ("避難所", "a shelter"),
                };
                Msg::new(format!("移送: {p} を{ja}へ"), format!("move: {p} to {en}"))
            }
            Decision::Deliver {
                agency,
                item,
                quantity,
            } => {
                let a = self.agency_name(agency);
                let unit = self
                    .scenario
                    .agencies
                    .iter()
                    .find(|x| &x.id == agency)
                    .and_then(|x| x.stocks.iter().find(|s| &s.item == item))
                    .map(|s| s.unit.clone())
                    .unwrap_or_default();
                let q = format_quantity(*quantity);
                Msg::new(
                    format!(
                        "届ける: {a} へ {} {q} {}",
                        glossary::stock_item(item, Lang::Ja),
                        glossary::unit(&unit, Lang::Ja)
                    ),
                    format!(
                        "deliver: {q} {} of {} to {a}",
                        glossary::unit(&unit, Lang::En),
                        glossary::stock_item(item, Lang::En)
                    ),
                )
            }
            Decision::LendPower { agency, count } => {
                let a = self.agency_name(agency);
                Msg::new(
                    format!("電源貸出: {a} へポータブル電源 {count} 台"),
                    format!("lend power: {count} portable power stations to {a}"),
                )
            }
        }
    }

    /// Patients whose deterioration the facilitator holds now.
    pub fn held(&self) -> &BTreeSet<String> {
        &self.held
    }

    /// What a steering command does, in words, with names (the acknowledgement and the
    /// after-action report repeat it); `None` for other commands.
    pub fn describe_steering(&self, cmd: &Command) -> Option<Msg> {
        Some(match cmd {
            Command::SetLifeline {
                lifeline,
                zone,
                state,
            } => {
                let z = self.zone_name(zone);
                let (ja, en) = match state {
                    LifelineState::Up => ("復旧（○）".to_string(), "up".to_string()),
                    LifelineState::Down => ("停止（✕）".to_string(), "down".to_string()),
                    LifelineState::Degraded(x) => (
                        format!("低下（△{:.0}%）", x * 100.0),
                        format!("degraded ({:.0}%)", x * 100.0),
                    ),
                };
                Msg::new(
                    format!("設定: {z} の{}を{ja}に", lifeline.name().get(Lang::Ja)),
                    format!(
                        "set: {} in {z} {en}",
                        lifeline.name().get(Lang::En).to_lowercase()
                    ),
                )
            }
            Command::Hold {
                patient,
                held: true,
            } => {
                let p = self.patient_name(patient);
                Msg::new(
                    format!("保留: {p} の悪化（電池の消耗）を一時停止"),
                    format!("hold: {p}'s deterioration (battery clock) stands still"),
                )
            }
            Command::Hold {
                patient,
                held: false,
            } => {
                let p = self.patient_name(patient);
                Msg::new(
                    format!("解除: {p} の悪化（電池の消耗）を再開"),
                    format!("release: {p}'s deterioration (battery clock) goes on"),
                )
            }
            Command::Back { hour } => Msg::new(
                format!("戻す: 発災から {hour} 時間の時点へ"),
                format!("back: to hour {hour}"),
            ),
            _ => return None,
        })
    }

    /// Hours after onset at the start of the next step.
    pub fn hour(&self) -> u32 {
        self.sim.hour()
    }

    pub fn is_finished(&self) -> bool {
        self.sim.is_finished()
    }

    pub fn status(&self) -> Status {
        self.sim.status()
    }

    /// The time series of the steps run so far (one row per agency and step).
    pub fn timeseries(&self) -> &crate::outcome::Timeseries {
        self.sim.timeseries()
    }

    pub fn timeline(&self) -> &[TimelineItem] {
        &self.timeline
    }

    /// Scenario injects given so far, id → hour.
    pub fn fired(&self) -> &BTreeMap<String, u32> {
        &self.fired
    }

    /// The run's result so far.
    pub fn result(&mut self) -> crate::outcome::RunResult {
        self.sim.result()
    }

    pub fn into_result(self) -> crate::outcome::RunResult {
        self.sim.into_result()
    }

    /// The hour a scenario inject is due, given what has fired: its `at_hour`, or `hours`
    /// after the inject it follows was actually given.
    fn due(&self, i: usize) -> Option<u32> {
        let inj = &self.exercise.injects[i];
        match (&inj.at_hour, &inj.after) {
            (Some(h), _) => Some(*h),
            (None, Some(a)) => self.fired.get(&a.inject).map(|h| h.saturating_add(a.hours)),
            (None, None) => None,
        }
    }

    /// Scenario injects given but whose expected action has not been taken (for the board).
    pub fn open_injects(&self) -> Vec<String> {
        super::debrief::match_expectations(&self.exercise, &self.timeline)
            .into_iter()
            .filter(|m| m.expected && m.given_hour.is_some() && m.met_hour.is_none())
            .map(|m| m.inject)
            .collect()
    }

    /// Checks a command against the state without changing anything: `Err` explains why it
    /// cannot be accepted (nothing is then to be recorded).
    pub fn check(&self, cmd: &Command) -> Result<(), Msg> {
        let finished = || {
            Msg::new(
                "シミュレーション期間の終わりに達しています",
                "the run has reached the end of its horizon",
            )
        };
        let horizon = self.scenario.time.horizon_hours;
        let beyond = |to: u32| {
            Msg::new(
                format!(
                    "シミュレーションは発災から {horizon} 時間で終わります（いまは {} 時間、残り {} 時間）。{to} 時間までは進められません",
                    self.hour(),
                    horizon.saturating_sub(self.hour())
                ),
                format!(
                    "the run ends at hour {horizon} (it is hour {}, {} h left); it cannot go to hour {to}",
                    self.hour(),
                    horizon.saturating_sub(self.hour())
                ),
            )
        };
        match cmd {
            Command::Next { .. } if self.is_finished() => Err(finished()),
            Command::Next { hours: Some(h) } if self.hour().saturating_add(*h) > horizon => {
                Err(beyond(self.hour().saturating_add(*h)))
            }
            Command::Until { hour } => {
                if self.is_finished() {
                    Err(finished())
                } else if *hour > horizon {
                    Err(beyond(*hour))
                } else if *hour <= self.hour() {
                    Err(Msg::new(
                        format!(
                            "いまは発災から {} 時間です。それより後の時刻を指定してください",
                            self.hour()
                        ),
                        format!("it is already hour {}; give a later hour", self.hour()),
                    ))
                } else {
                    Ok(())
                }
            }
            Command::Inject { id } => {
                if self.exercise.inject(id).is_none() {
                    let ids: Vec<&str> = self
                        .exercise
                        .injects
                        .iter()
                        .map(|i| i.id.as_str())
                        .collect();
                    return Err(unknown(("状況付与", "inject"), id, &ids));
                }
                if let Some(h) = self.fired.get(id) {
                    return Err(Msg::new(
                        format!("状況付与 `{id}` は {h} 時間に付与済みです"),
                        format!("inject `{id}` was already given at hour {h}"),
                    ));
                }
                if self.is_finished() {
                    return Err(finished());
                }
                Ok(())
            }
            Command::AddInject { effect, .. } => {
                if self.is_finished() {
                    return Err(finished());
                }
                match effect {
                    Some(e) => self.check_effect(e),
                    None => Ok(()),
                }
            }
            Command::Decision(d) => {
                if self.is_finished() {
                    return Err(finished());
                }
                self.check_decision(d)
            }
            Command::SetLifeline {
                lifeline,
                zone,
                state,
            } => {
                if self.is_finished() {
                    return Err(finished());
                }
                self.check_effect(&Effect::SetLifeline {
                    zone: zone.clone(),
                    lifeline: *lifeline,
                    state: *state,
                })
            }
            Command::Hold { patient, held } => {
                if self.is_finished() {
                    return Err(finished());
                }
                self.patient_known(patient)?;
                let name = self.patient_name(patient);
                if !self.devices.contains(patient) {
                    return Err(Msg::new(
                        format!(
                            "{name} は電源を使う医療機器を使っていません（一時停止できるのは電池の消耗です）"
                        ),
                        format!("{name} uses no powered device (a hold stops a battery clock)"),
                    ));
                }
                match (held, self.held.contains(patient)) {
                    (true, true) => Err(Msg::new(
                        format!("{name} は既に一時停止中です（解除は release / 解除）"),
                        format!("{name} is already held (release lifts it)"),
                    )),
                    (false, false) => Err(Msg::new(
                        format!("{name} は一時停止していません"),
                        format!("{name} is not held"),
                    )),
                    _ => Ok(()),
                }
            }
            Command::Back { hour } => {
                if *hour >= self.hour() {
                    Err(Msg::new(
                        format!(
                            "いまは発災から {} 時間です。戻せるのはそれより前の時刻です",
                            self.hour()
                        ),
                        format!(
                            "it is hour {}; time can only go back to an earlier hour",
                            self.hour()
                        ),
                    ))
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }

    fn agency_known(&self, id: &str) -> Result<(), Msg> {
        let ids: Vec<&str> = self
            .scenario
            .agencies
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        if ids.contains(&id) {
            Ok(())
        } else {
            Err(unknown(("事業所", "agency"), id, &ids))
        }
    }

    fn patient_known(&self, id: &str) -> Result<(), Msg> {
        if self.patients.contains_key(id) {
            Ok(())
        } else {
            let ids: Vec<&str> = self.patients.keys().map(String::as_str).collect();
            Err(unknown(("利用者", "patient"), id, &ids))
        }
    }

    fn item_known(&self, agency: &str, item: &str) -> Result<(), Msg> {
        self.agency_known(agency)?;
        let items: Vec<&str> = self
            .scenario
            .agencies
            .iter()
            .filter(|a| a.id == agency)
            .flat_map(|a| a.stocks.iter().map(|s| s.item.as_str()))
            .collect();
        if items.contains(&item) {
            Ok(())
        } else {
            Err(unknown(("備蓄品目", "stock item"), item, &items))
        }
    }

    fn check_decision(&self, d: &Decision) -> Result<(), Msg> {
        match d {
            Decision::SendStaff { from, to, count } => {
                self.agency_known(from)?;
                self.agency_known(to)?;
                if from == to {
                    return Err(Msg::new(
                        "派遣元と派遣先が同じ事業所です",
                        "the agency sending and the one receiving are the same",
                    ));
                }
                let present = self
                    .status()
                    .agencies
                    .iter()
                    .find(|a| &a.id == from)
                    .map_or(0, |a| a.present);
                if *count > present {
                    return Err(Msg::new(
                        format!(
                            "`{from}` にいる職員は {present} 人です。{count} 人は派遣できません"
                        ),
                        format!("`{from}` has {present} staff present; it cannot send {count}"),
                    ));
                }
                Ok(())
            }
            Decision::Prioritize { patient } | Decision::Move { patient, .. } => {
                self.patient_known(patient)
            }
            Decision::Deliver { agency, item, .. } => self.item_known(agency, item),
            Decision::LendPower { agency, .. } => self.agency_known(agency),
        }
    }

    fn check_effect(&self, e: &Effect) -> Result<(), Msg> {
        match e {
            Effect::SetLifeline { zone, .. } => {
                let ids: Vec<&str> = self.scenario.zones.iter().map(|z| z.id.as_str()).collect();
                if ids.contains(&zone.as_str()) {
                    Ok(())
                } else {
                    Err(unknown(("ゾーン", "zone"), zone, &ids))
                }
            }
            Effect::Resupply {
                agency,
                item,
                quantity,
            } => {
                if !quantity.is_finite() || *quantity < 0.0 || *quantity > MAX_QUANTITY {
                    return Err(Msg::new("数量が不正です", "the quantity is not valid"));
                }
                self.item_known(agency, item)
            }
            Effect::MovePatient { patient, .. } | Effect::PrioritizeCheck { patient } => {
                self.patient_known(patient)
            }
            Effect::StaffUnavailable { staff, .. } => {
                let known = self
                    .scenario
                    .agencies
                    .iter()
                    .any(|a| crate::build::expand_staff(a).iter().any(|s| &s.id == staff));
                if known {
                    Ok(())
                } else {
                    Err(unknown(("職員", "staff member"), staff, &[]))
                }
            }
            Effect::AddPowerStations { count, .. } if *count > MAX_COUNT => Err(Msg::new(
                format!("台数 {count} は範囲外です（1〜{MAX_COUNT}）"),
                format!("{count} power stations is out of range (1 to {MAX_COUNT})"),
            )),
            Effect::SendStaff { count, .. } if *count > MAX_COUNT => Err(Msg::new(
                format!("人数 {count} は範囲外です（1〜{MAX_COUNT}）"),
                format!("{count} staff is out of range (1 to {MAX_COUNT})"),
            )),
            Effect::ActivateBcp { agency } | Effect::AddPowerStations { agency, .. } => {
                self.agency_known(agency)
            }
            Effect::SetAlertLevel { .. } => Ok(()),
            Effect::SendStaff { from, to, .. } => {
                self.agency_known(from)?;
                self.agency_known(to)
            }
        }
    }

    /// Applies an accepted command (call [`Session::check`] first; a command that fails the
    /// check is answered with the same explanation and changes nothing). `text` is the line as
    /// typed, kept in the timeline.
    pub fn apply(&mut self, cmd: &Command, text: &str) -> Result<Applied, Msg> {
        if matches!(cmd, Command::Decision(_)) && !self.decisions {
            // The counterfactual drops decisions unchecked (its state differs from the room's).
            return Ok(Applied::default());
        }
        self.check(cmd)?;
        let mut out = Applied::default();
        match cmd {
            Command::Next { hours } => {
                let step = self.scenario.time.step_hours.max(1);
                let target = self.hour().saturating_add(hours.unwrap_or(step));
                out.injects = self.advance_to(target);
                out.advanced = true;
            }
            Command::Until { hour } => {
                out.injects = self.advance_to(*hour);
                out.advanced = true;
            }
            Command::Inject { id } => {
                let i = self.exercise.position(id).unwrap_or(0);
                out.injects.push(self.fire(i, true));
            }
            Command::AddInject { text: t, effect } => {
                let hour = self.hour();
                if let Some(e) = effect {
                    self.schedule(e.clone(), format!("exercise: add-inject {t}"));
                }
                let item = TimelineItem::Inject {
                    hour,
                    id: None,
                    recipient: String::new(),
                    to_ja: String::new(),
                    to_en: String::new(),
                    sender: String::new(),
                    channel: Channel::Other,
                    channel_text: String::new(),
                    content_ja: t.clone(),
                    content_en: t.clone(),
                    expected_ja: String::new(),
                    expected_en: String::new(),
                    objective: None,
                    manual: true,
                };
                self.timeline.push(item.clone());
                out.injects.push(item);
            }
            Command::Decision(d) => {
                if self.decisions {
                    self.schedule(d.effect(), format!("exercise: {}", d.command_line()));
                }
                self.timeline.push(TimelineItem::Decision {
                    hour: self.hour(),
                    kind: d.kind().to_string(),
                    targets: d.targets().iter().map(|s| s.to_string()).collect(),
                    command: text.trim().to_string(),
                });
                let what = self.describe(d);
                out.message = Some(Msg::new(
                    format!(
                        "{}（発災から {} 時間に決定、次のステップから反映）",
                        what.ja,
                        self.hour()
                    ),
                    format!(
                        "{} (decided at hour {}; takes effect in the next step)",
                        what.en,
                        self.hour()
                    ),
                ));
            }
            Command::Note { text: t } => {
                self.timeline.push(TimelineItem::Note {
                    hour: self.hour(),
                    text: t.clone(),
                });
                out.message = Some(Msg::new(
                    format!("メモ（発災から {} 時間）: {t}", self.hour()),
                    format!("note at hour {}: {t}", self.hour()),
                ));
            }
            Command::SetLifeline {
                lifeline,
                zone,
                state,
            } => {
                let line = cmd.steering_line().unwrap_or_default();
                self.schedule(
                    Effect::SetLifeline {
                        zone: zone.clone(),
                        lifeline: *lifeline,
                        state: *state,
                    },
                    format!("exercise: {line}"),
                );
                out.message = Some(self.intervene(cmd, "set", line));
            }
            Command::Hold { patient, held } => {
                self.sim.hold_patient(patient, *held);
                if *held {
                    self.held.insert(patient.clone());
                } else {
                    self.held.remove(patient);
                }
                let line = cmd.steering_line().unwrap_or_default();
                let kind = if *held { "hold" } else { "release" };
                out.message = Some(self.intervene(cmd, kind, line));
            }
            Command::Status
            | Command::Injects
            | Command::Help
            | Command::Branch { .. }
            | Command::Undo
            | Command::Back { .. }
            | Command::Quit => {}
        }
        Ok(out)
    }

    /// Records a steering command in the timeline; the acknowledgement repeating it.
    fn intervene(&mut self, cmd: &Command, kind: &str, line: String) -> Msg {
        let what = self
            .describe_steering(cmd)
            .unwrap_or_else(|| Msg::new(line.clone(), line.clone()));
        let hour = self.hour();
        self.timeline.push(TimelineItem::Intervention {
            hour,
            kind: kind.to_string(),
            command: line,
            ja: what.ja.clone(),
            en: what.en.clone(),
        });
        Msg::new(
            format!(
                "{}（ファシリテーターの進行操作、発災から {hour} 時間、次のステップから反映）",
                what.ja
            ),
            format!(
                "{} (facilitator's steering at hour {hour}; takes effect in the next step)",
                what.en
            ),
        )
    }

    fn schedule(&mut self, effect: Effect, note: String) {
        let at_hour = self.hour();
        // The hour is now: scheduling cannot be in the past.
        let _ = self.sim.schedule_event(ScheduledEvent {
            at_hour,
            note,
            effect,
        });
    }

    /// Gives scenario inject `i` now.
    fn fire(&mut self, i: usize, manual: bool) -> TimelineItem {
        let inj = self.exercise.injects[i].clone();
        let hour = self.hour();
        self.fired.insert(inj.id.clone(), hour);
        if let Some(e) = &inj.effect {
            self.schedule(e.clone(), format!("inject {}", inj.id));
        }
        let item = TimelineItem::Inject {
            hour,
            id: Some(inj.id.clone()),
            recipient: inj.recipient.clone(),
            to_ja: super::view::recipient_words(&self.scenario, &inj.recipient, Lang::Ja),
            to_en: super::view::recipient_words(&self.scenario, &inj.recipient, Lang::En),
            sender: inj.sender.clone(),
            channel: inj.channel,
            channel_text: inj.channel_text.clone(),
            content_ja: inj.content_ja.clone(),
            content_en: inj.content_en.clone(),
            expected_ja: inj.expected.ja.clone(),
            expected_en: inj.expected.en.clone(),
            objective: inj.objective.clone(),
            manual,
        };
        self.timeline.push(item.clone());
        item
    }

    /// Steps until the next step starts at `target` or later (or the horizon). Each scenario
    /// inject is given when the clock reaches the step that contains its due hour, before that
    /// step runs, so the room can answer it.
    fn advance_to(&mut self, target: u32) -> Vec<TimelineItem> {
        let mut given = Vec::new();
        while self.hour() < target && !self.is_finished() {
            self.sim.step();
            given.extend(self.give_due());
        }
        given
    }

    /// Gives every scenario inject due in the coming step (none once the run is finished).
    fn give_due(&mut self) -> Vec<TimelineItem> {
        let mut given = Vec::new();
        if self.is_finished() {
            return given;
        }
        let end = self.hour() + self.scenario.time.step_hours.max(1);
        // Giving one inject may make another (`after: 0 h`) due in the same step.
        loop {
            let fired: BTreeSet<&str> = self.fired.keys().map(String::as_str).collect();
            let next = (0..self.exercise.injects.len())
                .filter(|&i| !fired.contains(self.exercise.injects[i].id.as_str()))
                .filter_map(|i| self.due(i).filter(|&d| d < end).map(|d| (d, i)))
                .min();
            match next {
                Some((_, i)) => given.push(self.fire(i, false)),
                None => break,
            }
        }
        given
    }
}

/// A quantity as a person writes it: `15`, `2.5`.
fn format_quantity(q: f64) -> String {
    if q.fract() == 0.0 {
        format!("{q:.0}")
    } else {
        let s = format!("{q:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn unknown(what: (&str, &str), found: &str, known: &[&str]) -> Msg {
    match crate::load::closest_name(found, known.iter().copied()) {
        Some(best) => Msg::new(
            format!(
                "{} `{found}` が見つかりません。`{best}` の誤りではありませんか？",
                what.0
            ),
            format!("unknown {} `{found}`; did you mean `{best}`?", what.1),
        ),
        None => Msg::new(
            format!("{} `{found}` が見つかりません", what.0),
            format!("unknown {} `{found}`", what.1),
        ),
    }
}
