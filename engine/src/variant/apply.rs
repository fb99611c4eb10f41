//! Applying a variant's changes to its base scenario, remembering for every changed value of the
//! merged scenario which value of the variant file set it (so that a problem found in the merged
//! scenario can be reported where the planner wrote it).

use std::collections::BTreeMap;

use super::Change;
use crate::lang::Msg;
use crate::load::closest_name;
use crate::scenario::{AgreementStatus, Effect, Scenario, StockSpec};
use crate::stockpile::{ITEMS, StockpileInputs};

/// Longest stockpile target a variant may ask for: a year (a longer one is surely a typo, and
/// would make huge quantities).
pub(crate) const MAX_STOCKPILE_DAYS: u32 = 366;

/// A problem with one change, before any scenario check: at `path` in the variant file.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub path: String,
    pub code: &'static str,
    pub message: Msg,
    pub hint: Option<Msg>,
}

/// The merged scenario, the path map and the problems of changes that could not be applied
/// (those changes are skipped; the others are applied).
pub(crate) struct Applied {
    pub scenario: Scenario,
    /// Merged-scenario path → variant-file path of the value that set it. A path of the merged
    /// scenario belongs to the longest prefix found here (see [`Applied::variant_path`]).
    pub map: BTreeMap<String, String>,
    pub problems: Vec<Problem>,
}

impl Applied {
    /// Where in the variant file a problem at merged-scenario `path` was written, if a change
    /// set that value or one enclosing it.
    pub fn variant_path(&self, path: &str) -> Option<String> {
        let mut p = path;
        loop {
            if let Some(v) = self.map.get(p) {
                return Some(format!("{v}{}", &path[p.len()..]));
            }
            if p.is_empty() {
                return None;
            }
            p = crate::load::spans::parent(p);
        }
    }
}

/// Ids quoted and joined, for hints.
fn listed<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    ids.into_iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `did you mean` for an unknown id among `known`.
fn unknown_hint<'a>(
    found: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
    what_ja: &str,
    what_en: &str,
) -> Msg {
    let all = listed(known.clone());
    match closest_name(found, known) {
        Some(best) => Msg::new(
            format!("`{best}` の誤りではありませんか？ 基本シナリオの{what_ja}: {all}"),
            format!("did you mean `{best}`? {what_en} in the base scenario: {all}"),
        ),
        None => Msg::new(
            format!("基本シナリオの{what_ja}: {all}"),
            format!("{what_en} in the base scenario: {all}"),
        ),
    }
}

/// The message and hint for a change that would alter the disaster or the people.
pub(crate) fn not_plan_message(what: &str) -> (Msg, Msg) {
    (
        Msg::new(
            format!("変種は計画だけを変更できます: `{what}` は災害か人（職員・利用者）を変えます"),
            format!(
                "a variant may only change the plan: `{what}` changes the disaster or the people (staff, patients)"
            ),
        ),
        Msg::new(
            "災害・ライフライン・職員・利用者を変えるには、基本シナリオを複製して新しいシナリオを作ってください（変種どうしは同じ災害で比べるものです）",
            "to change the disaster, lifelines, staff or patients, make a new scenario (a copy of the base); variants are compared over the same disaster",
        ),
    )
}

/// Applies `changes` to a copy of `base` in order.
pub(crate) fn apply(base: &Scenario, changes: &[Change]) -> Applied {
    let mut s = base.clone();
    let mut map = BTreeMap::new();
    let mut problems = Vec::new();
    for (k, change) in changes.iter().enumerate() {
        let cp = format!("changes[{k}]");
        let agency = match change.agency() {
            None => None,
            Some(id) => match s.agencies.iter().position(|a| a.id == id) {
                Some(i) => Some(i),
                None => {
                    problems.push(Problem {
                        path: format!("{cp}.agency"),
                        code: "unknown-ref",
                        message: Msg::new(
                            format!("事業所 `{id}` は基本シナリオにありません"),
                            format!("agency `{id}` is not in the base scenario"),
                        ),
                        hint: Some(unknown_hint(
                            id,
                            s.agencies.iter().map(|a| a.id.as_str()),
                            "事業所",
                            "agencies",
                        )),
                    });
                    continue;
                }
            },
        };
        let ap = agency.map(|i| format!("agencies[{i}]")).unwrap_or_default();
        let mut set = |merged: String, variant: String| {
            map.insert(merged, variant);
        };
        match change {
            Change::Equipment {
                cars,
                portable_power_stations,
                power_station_hours,
                power_station_recharge_hours,
                car_inverters,
                generator,
                phones,
                calls_per_phone_charge,
                power_bank_item,
                ..
            } => {
                let Some(i) = agency else { continue };
                let e = &mut s.agencies[i].equipment;
                let mut field =
                    |name: &str| set(format!("{ap}.equipment.{name}"), format!("{cp}.{name}"));
                if let Some(v) = cars {
                    e.cars = *v;
                    field("cars");
                }
                if let Some(v) = portable_power_stations {
                    e.portable_power_stations = *v;
                    field("portable_power_stations");
                }
                if let Some(v) = power_station_hours {
                    e.power_station_hours = *v;
                    field("power_station_hours");
                }
                if let Some(v) = power_station_recharge_hours {
                    e.power_station_recharge_hours = *v;
                    field("power_station_recharge_hours");
                }
                if let Some(v) = car_inverters {
                    e.car_inverters = *v;
                    field("car_inverters");
                }
                if let Some(v) = generator {
                    e.generator = *v;
                    field("generator");
                }
                if let Some(v) = phones {
                    e.phones = *v;
                    field("phones");
                }
                if let Some(v) = calls_per_phone_charge {
                    e.calls_per_phone_charge = *v;
                    field("calls_per_phone_charge");
                }
                if let Some(v) = power_bank_item {
                    e.power_bank_item = Some(v.clone());
                    field("power_bank_item");
                }
            }
            Change::StockpileDays { days, .. } => {
                let Some(i) = agency else { continue };
                if !(1..=MAX_STOCKPILE_DAYS).contains(days) {
                    problems.push(Problem {
                        path: format!("{cp}.days"),
                        code: "out-of-range",
                        message: Msg::new(
                            format!(
                                "`days` は 1〜{MAX_STOCKPILE_DAYS} の範囲にしてください（{days}）"
                            ),
                            format!("`days` must be between 1 and {MAX_STOCKPILE_DAYS} ({days})"),
                        ),
                        hint: Some(Msg::new(
                            "備蓄の目標日数です。サンプルは 3 日（004 §2-7）",
                            "the stockpile target in days; the sample's is 3 (004 §2-7)",
                        )),
                    });
                    continue;
                }
                let a = &mut s.agencies[i];
                let inputs = StockpileInputs::from_staff(&a.staff, *days);
                let mut any = false;
                for item in &ITEMS {
                    if let Some(j) = a.stocks.iter().position(|st| st.item == item.id) {
                        a.stocks[j].quantity = item.required(&inputs) as f64;
                        set(format!("{ap}.stocks[{j}].quantity"), format!("{cp}.days"));
                        any = true;
                    }
                }
                if !any {
                    let id = &a.id;
                    problems.push(Problem {
                        path: cp.clone(),
                        code: "no-effect",
                        message: Msg::new(
                            format!("事業所 `{id}` は 004 §2-7 の備蓄品目を持っていないため、この変更は何も変えません"),
                            format!("agency `{id}` holds no item of the 004 §2-7 table, so this change does nothing"),
                        ),
                        hint: Some(Msg::new(
                            format!("品目を加えるには `Stock(agency: \"{id}\", item: \"water_2l\", quantity: …, unit: \"…\")` を使います"),
                            format!("add items with `Stock(agency: \"{id}\", item: \"water_2l\", quantity: …, unit: \"…\")`"),
                        )),
                    });
                }
            }
            Change::Stock {
                item,
                quantity,
                unit,
                consumption,
                refill_when_up,
                ..
            } => {
                let Some(i) = agency else { continue };
                let a = &mut s.agencies[i];
                match a.stocks.iter().position(|st| &st.item == item) {
                    Some(j) => {
                        let sp = format!("{ap}.stocks[{j}]");
                        let st = &mut a.stocks[j];
                        st.quantity = *quantity;
                        set(format!("{sp}.quantity"), format!("{cp}.quantity"));
                        if let Some(u) = unit {
                            st.unit = u.clone();
                            set(format!("{sp}.unit"), format!("{cp}.unit"));
                        }
                        if let Some(c) = consumption {
                            st.consumption = c.clone();
                            set(format!("{sp}.consumption"), format!("{cp}.consumption"));
                        }
                        if let Some(l) = refill_when_up {
                            st.refill_when_up = Some(*l);
                            set(
                                format!("{sp}.refill_when_up"),
                                format!("{cp}.refill_when_up"),
                            );
                        }
                    }
                    None => {
                        let Some(unit) = unit else {
                            let id = &a.id;
                            let mut hint = unknown_hint(
                                item,
                                a.stocks.iter().map(|st| st.item.as_str()),
                                &format!("`{id}` の備蓄品目"),
                                &format!("items of `{id}`"),
                            );
                            hint.ja
                                .push_str("。新しい品目を加えるには `unit` も書いてください");
                            hint.en.push_str("; to add a new item, give its `unit` too");
                            problems.push(Problem {
                                path: format!("{cp}.item"),
                                code: "unknown-ref",
                                message: Msg::new(
                                    format!("事業所 `{id}` は備蓄品目 `{item}` を持っていません"),
                                    format!("agency `{id}` holds no stock item `{item}`"),
                                ),
                                hint: Some(hint),
                            });
                            continue;
                        };
                        let j = a.stocks.len();
                        a.stocks.push(StockSpec {
                            item: item.clone(),
                            quantity: *quantity,
                            unit: unit.clone(),
                            consumption: consumption.clone().unwrap_or_default(),
                            refill_when_up: *refill_when_up,
                        });
                        set(format!("{ap}.stocks[{j}]"), cp.clone());
                    }
                }
            }
            Change::Attendance { attendance, .. } => {
                let Some(i) = agency else { continue };
                s.agencies[i].plan.attendance = attendance.clone();
                set(format!("{ap}.plan.attendance"), format!("{cp}.attendance"));
            }
            Change::Activation { activation, .. } => {
                let Some(i) = agency else { continue };
                s.agencies[i].plan.activation = activation.clone();
                set(format!("{ap}.plan.activation"), format!("{cp}.activation"));
            }
            Change::OperatingLevels { levels, .. } => {
                let Some(i) = agency else { continue };
                s.agencies[i].plan.operating_levels = levels.clone();
                set(
                    format!("{ap}.plan.operating_levels"),
                    format!("{cp}.levels"),
                );
            }
            Change::SafetyChecks { safety_checks, .. } => {
                let Some(i) = agency else { continue };
                s.agencies[i].plan.safety_checks = safety_checks.clone();
                set(
                    format!("{ap}.plan.safety_checks"),
                    format!("{cp}.safety_checks"),
                );
            }
            Change::Visits { visits, .. } => {
                let Some(i) = agency else { continue };
                s.agencies[i].plan.visits = visits.clone();
                set(format!("{ap}.plan.visits"), format!("{cp}.visits"));
            }
            Change::Admission { admission, .. } => {
                let Some(i) = agency else { continue };
                s.agencies[i].plan.admission = admission.clone();
                set(format!("{ap}.plan.admission"), format!("{cp}.admission"));
            }
            Change::Fatigue { fatigue, .. } => {
                let Some(i) = agency else { continue };
                s.agencies[i].plan.fatigue = fatigue.clone();
                set(format!("{ap}.plan.fatigue"), format!("{cp}.fatigue"));
            }
            Change::Work { work, .. } => {
                let Some(i) = agency else { continue };
                s.agencies[i].plan.work = work.clone();
                set(format!("{ap}.plan.work"), format!("{cp}.work"));
            }
            Change::AddEvents(events) => {
                for (j, e) in events.iter().enumerate() {
                    if let Some(what) = Effect::disaster_kind(&e.effect) {
                        let (message, hint) = not_plan_message(what);
                        problems.push(Problem {
                            path: format!("{cp}[{j}].effect"),
                            code: "not-plan",
                            message,
                            hint: Some(hint),
                        });
                        continue;
                    }
                    let n = s.events.len();
                    s.events.push(e.clone());
                    set(format!("events[{n}]"), format!("{cp}[{j}]"));
                }
            }
            Change::SignAgreement { agreement } => {
                match s.agreements.iter().position(|a| &a.id == agreement) {
                    Some(i) => {
                        s.agreements[i].status = AgreementStatus::Signed;
                        set(format!("agreements[{i}].status"), format!("{cp}.agreement"));
                    }
                    None => problems.push(Problem {
                        path: format!("{cp}.agreement"),
                        code: "unknown-ref",
                        message: Msg::new(
                            format!("協定 `{agreement}` は基本シナリオにありません"),
                            format!("agreement `{agreement}` is not in the base scenario"),
                        ),
                        hint: Some(unknown_hint(
                            agreement,
                            s.agreements.iter().map(|a| a.id.as_str()),
                            "協定",
                            "agreements",
                        )),
                    }),
                }
            }
            Change::Region { region } => {
                s.region = region.clone();
                set("region".to_string(), format!("{cp}.region"));
            }
        }
    }
    Applied {
        scenario: s,
        map,
        problems,
    }
}
