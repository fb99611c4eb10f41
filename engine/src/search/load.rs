//! Reading a levers file with positions, as scenarios and factors files are read: every
//! problem at its line and column with a hint.

use super::levers::{CountTarget, Lever, LeversSpec};
use crate::lang::Msg;
use crate::load::spans::SpanIndex;
use crate::load::{LoadError, Report, check_scenario, closest_name, read_located};
use crate::scenario::Scenario;

/// Most candidate plans a search may enumerate (the product of the levers' value counts): a
/// round holds every undecided candidate's runs, 50 each by default, so 10 000 candidates are
/// 500 000 simulations (about 8 CPU-minutes for the sample) before the first look.
pub const MAX_CANDIDATES: u64 = 10_000;

/// Largest count a lever may reach.
pub const MAX_COUNT: u32 = 10_000;

/// Parses and checks a levers file against the scenario it will change.
pub fn load_levers(file: &str, text: &str, scenario: &Scenario) -> Result<Vec<Lever>, LoadError> {
    let spec: LeversSpec = read_located(file, text, |spec: &LeversSpec, at: &mut Report<'_>| {
        check_levers(spec, scenario, at)
    })?;
    Ok(spec.levers)
}

/// The checks of meaning of a levers file against the scenario, each problem reported at its
/// value.
fn check_levers(spec: &LeversSpec, scenario: &Scenario, at: &mut Report<'_>) {
    if spec.levers.is_empty() {
        at(
            "levers".into(),
            "empty",
            Msg::new("レバーが一つもありません", "the file names no lever"),
            Some(Msg::new(
                "例: Count(name: \"ポータブル電源\", set: PowerStations(agency: \"station\"), max: 6, unit_cost_yen: 150000)",
                "e.g. Count(name: \"power stations\", set: PowerStations(agency: \"station\"), max: 6, unit_cost_yen: 150000)",
            )),
        );
    }
    let cost_problem = |path: String, x: f64, at: &mut Report<'_>| {
        if !x.is_finite() || x < 0.0 {
            at(
                path,
                "out-of-range",
                Msg::new(
                    format!("費用は 0 円以上にしてください（{x}）"),
                    format!("a cost must be 0 yen or more ({x})"),
                ),
                Some(Msg::new(
                    "円で書きます（例: 150000）。今の計画のままの選択肢は 0 円です",
                    "write it in yen (e.g. 150000); the option of keeping the plan as it is costs 0",
                )),
            );
        }
    };
    let mut candidates: u64 = 1;
    for (i, lever) in spec.levers.iter().enumerate() {
        let p = format!("levers[{i}]");
        if lever.name().trim().is_empty() {
            at(
                format!("{p}.name"),
                "empty",
                Msg::new("`name` が空です", "`name` is empty"),
                None,
            );
        }
        if let Some(j) = spec.levers[..i]
            .iter()
            .position(|l| l.name() == lever.name())
        {
            at(
                format!("{p}.name"),
                "duplicate-id",
                Msg::new(
                    format!(
                        "レバー名 `{}` は levers[{j}] と重複しています",
                        lever.name()
                    ),
                    format!(
                        "lever name `{}` is already used by levers[{j}]",
                        lever.name()
                    ),
                ),
                None,
            );
        }
        match lever {
            Lever::Count {
                set,
                min,
                max,
                unit_cost_yen,
                ..
            } => {
                cost_problem(format!("{p}.unit_cost_yen"), *unit_cost_yen, at);
                let Some(current) = count_names_ok(set, scenario, &p, at) else {
                    continue;
                };
                if *max > MAX_COUNT {
                    at(
                        format!("{p}.max"),
                        "out-of-range",
                        Msg::new(
                            format!("`max` は {MAX_COUNT} までです（{max}）"),
                            format!("`max` may be at most {MAX_COUNT} ({max})"),
                        ),
                        None,
                    );
                    continue;
                }
                let from = min.unwrap_or(current);
                if from > *max {
                    let (path, ja, en) = match min {
                        Some(m) => (
                            format!("{p}.min"),
                            format!("`min`（{m}）が `max`（{max}）より大きくなっています"),
                            format!("`min` ({m}) is above `max` ({max})"),
                        ),
                        None => (
                            format!("{p}.max"),
                            format!(
                                "`max`（{max}）がシナリオの今の数（{current}）より小さくなっています"
                            ),
                            format!(
                                "`max` ({max}) is below what the scenario holds now ({current})"
                            ),
                        ),
                    };
                    at(
                        path,
                        "low-above-high",
                        Msg::new(ja, en),
                        Some(Msg::new(
                            "`min` を省くと、シナリオの今の数から始まります",
                            "without `min` the lever starts at what the scenario holds",
                        )),
                    );
                    continue;
                }
                candidates = candidates.saturating_mul(u64::from(max - from) + 1);
            }
            Lever::Choice { options, .. } => {
                if options.is_empty() {
                    at(
                        format!("{p}.options"),
                        "empty",
                        Msg::new("選択肢が一つもありません", "the choice has no option"),
                        Some(Msg::new(
                            "ふつうは最初の選択肢を「今のまま」（cost_yen: 0, changes: []）にします",
                            "usually the first option is \"as now\" (cost_yen: 0, changes: [])",
                        )),
                    );
                    continue;
                }
                for (j, o) in options.iter().enumerate() {
                    let op = format!("{p}.options[{j}]");
                    cost_problem(format!("{op}.cost_yen"), o.cost_yen, at);
                    if options[..j].iter().any(|q| q.name == o.name) {
                        at(
                            format!("{op}.name"),
                            "duplicate-id",
                            Msg::new(
                                format!("選択肢名 `{}` が重複しています", o.name),
                                format!("option name `{}` is used twice", o.name),
                            ),
                            None,
                        );
                    }
                    let applied = crate::variant::apply::apply(scenario, &o.changes);
                    for problem in &applied.problems {
                        at(
                            format!("{op}.{}", problem.path),
                            problem.code,
                            problem.message.clone(),
                            problem.hint.clone(),
                        );
                    }
                    if applied.problems.is_empty() {
                        let empty = SpanIndex::build("");
                        if let Some(d) = check_scenario(&applied.scenario, "", &empty)
                            .into_iter()
                            .next()
                        {
                            at(
                                format!("{op}.changes"),
                                "invalid-change",
                                Msg::new(
                                    format!(
                                        "この選択肢を適用するとシナリオが成り立ちません: {}",
                                        d.message
                                    ),
                                    format!(
                                        "with this option the scenario is not valid: {}",
                                        d.message_en
                                    ),
                                ),
                                Some(Msg::new(
                                    format!("問題の値: {}", d.path.as_deref().unwrap_or("")),
                                    format!(
                                        "the value at fault: {}",
                                        d.path.as_deref().unwrap_or("")
                                    ),
                                )),
                            );
                        }
                    }
                }
                candidates = candidates.saturating_mul(options.len() as u64);
            }
        }
    }
    if candidates > MAX_CANDIDATES {
        at(
            "levers".into(),
            "too-many",
            Msg::new(
                format!("組み合わせが {candidates} 通りあり、上限 {MAX_CANDIDATES} を超えています"),
                format!(
                    "the levers make {candidates} combinations, above the limit of {MAX_CANDIDATES}"
                ),
            ),
            Some(Msg::new(
                "レバーの範囲（min〜max）を狭めるか、レバーを減らしてください",
                "narrow the levers' ranges (min–max) or use fewer levers",
            )),
        );
    }
}

/// Checks the agency and item a count lever names; the count the scenario holds, or `None`
/// (with a problem).
fn count_names_ok(set: &CountTarget, s: &Scenario, p: &str, at: &mut Report<'_>) -> Option<u32> {
    let list = |known: Vec<&str>| {
        known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let id = set.agency();
    let Some(a) = s.agencies.iter().find(|a| a.id == id) else {
        let known: Vec<&str> = s.agencies.iter().map(|a| a.id.as_str()).collect();
        let near = closest_name(id, known.iter().copied());
        let all = list(known.clone());
        at(
            format!("{p}.set.agency"),
            "unknown-ref",
            Msg::new(
                format!("事業所 `{id}` はシナリオにありません"),
                format!("agency `{id}` is not in the scenario"),
            ),
            Some(match near {
                Some(n) => Msg::new(
                    format!("`{n}` の誤りではありませんか？ シナリオの事業所: {all}"),
                    format!("did you mean `{n}`? agencies in the scenario: {all}"),
                ),
                None => Msg::new(
                    format!("シナリオの事業所: {all}"),
                    format!("agencies in the scenario: {all}"),
                ),
            }),
        );
        return None;
    };
    if let CountTarget::Stock { item, .. } = set
        && !a.stocks.iter().any(|st| &st.item == item)
    {
        let known: Vec<&str> = a.stocks.iter().map(|st| st.item.as_str()).collect();
        let all = list(known);
        at(
            format!("{p}.set.item"),
            "unknown-ref",
            Msg::new(
                format!("事業所 `{id}` は備蓄品目 `{item}` を持っていません"),
                format!("agency `{id}` holds no stock item `{item}`"),
            ),
            Some(Msg::new(
                format!("`{id}` の備蓄品目: {all}"),
                format!("items of `{id}`: {all}"),
            )),
        );
        return None;
    }
    set.current(s)
}
