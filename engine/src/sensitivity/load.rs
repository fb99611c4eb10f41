//! Reading a factors file with positions: syntax and type errors from ron, then every check
//! of meaning at the value it is about (`FILE:LINE:COLUMN`, the line, a hint), as scenarios
//! are read.

use super::factors::{Factor, FactorsSpec, Kind, Spread, Target, has_effect};
use crate::lang::Msg;
use crate::load::spans::SpanIndex;
use crate::load::{LoadError, Report, check_scenario, closest_name, read_located};
use crate::scenario::Scenario;

/// Most factors a file may name: a Sobol' design costs (factors + 2) × samples runs.
pub const MAX_FACTORS: usize = 64;

/// Largest count a factor may take (power stations, cars, phones): far above any station.
pub const MAX_COUNT: f64 = 10_000.0;

/// Parses and checks a factors file against the scenario it will be applied to. `file` names
/// the file in diagnostics.
pub fn load_factors(file: &str, text: &str, scenario: &Scenario) -> Result<Vec<Factor>, LoadError> {
    let spec: FactorsSpec = read_located(file, text, |spec: &FactorsSpec, at: &mut Report<'_>| {
        check_factors(spec, scenario, at)
    })?;
    Ok(spec.factors)
}

/// The checks of meaning of a factors file against the scenario, each problem reported at its
/// value.
fn check_factors(spec: &FactorsSpec, scenario: &Scenario, at: &mut Report<'_>) {
    if spec.factors.is_empty() {
        at(
            "factors".into(),
            "empty",
            Msg::new("因子が一つもありません", "the file names no factor"),
            Some(Msg::new(
                "例: Factor(name: \"出勤率\", target: AttendanceScale(agency: \"station\"), low: 0.7, high: 1.1)",
                "e.g. Factor(name: \"attendance\", target: AttendanceScale(agency: \"station\"), low: 0.7, high: 1.1)",
            )),
        );
    }
    if spec.factors.len() > MAX_FACTORS {
        at(
            "factors".into(),
            "too-many",
            Msg::new(
                format!(
                    "因子は {MAX_FACTORS} 個までです（{} 個）",
                    spec.factors.len()
                ),
                format!("at most {MAX_FACTORS} factors ({})", spec.factors.len()),
            ),
            None,
        );
    }
    for (i, f) in spec.factors.iter().enumerate() {
        let p = format!("factors[{i}]");
        if f.name.trim().is_empty() {
            at(
                format!("{p}.name"),
                "empty",
                Msg::new("`name` が空です", "`name` is empty"),
                Some(Msg::new(
                    "表やグラフに出る名前です",
                    "it names the factor in tables and charts",
                )),
            );
        }
        if let Some(j) = spec.factors[..i].iter().position(|g| g.name == f.name) {
            at(
                format!("{p}.name"),
                "duplicate-id",
                Msg::new(
                    format!("因子名 `{}` は factors[{j}] と重複しています", f.name),
                    format!("factor name `{}` is already used by factors[{j}]", f.name),
                ),
                None,
            );
        }
        if !names_ok(&f.target, scenario, &p, at) {
            continue;
        }
        if !has_effect(&f.target, scenario) {
            at(
                format!("{p}.target"),
                "no-effect",
                Msg::new(
                    "この対象はシナリオの中で何も変えません（影響を受けないライフライン、名簿モードの出勤率、誰も使わない機器）",
                    "this target changes nothing in the scenario (a lifeline that is never affected, attendance in roster mode, a device nobody uses)",
                ),
                Some(Msg::new(
                    "シナリオで実際に使われている数を対象にしてください",
                    "name a number the scenario actually uses",
                )),
            );
            continue;
        }
        let mut range_ok = true;
        for (field, x) in [("low", f.low), ("high", f.high)] {
            if let Some((ja, en)) = domain_problem(&f.target, x) {
                at(
                    format!("{p}.{field}"),
                    "out-of-range",
                    Msg::new(
                        format!("`{field}` {ja}（{x}）"),
                        format!("`{field}` {en} ({x})"),
                    ),
                    Some(domain_hint(f.target.kind())),
                );
                range_ok = false;
            }
        }
        if range_ok && f.low > f.high {
            at(
                format!("{p}.low"),
                "low-above-high",
                Msg::new(
                    format!(
                        "`low`（{}）が `high`（{}）より大きくなっています",
                        f.low, f.high
                    ),
                    format!("`low` ({}) is above `high` ({})", f.low, f.high),
                ),
                Some(Msg::new(
                    "low は範囲の下端、high は上端です。入れ替えてください",
                    "low is the bottom of the range and high the top: swap them",
                )),
            );
            range_ok = false;
        }
        if let Spread::Triangular { mode } = f.distribution
            && range_ok
            && !(f.low..=f.high).contains(&mode)
        {
            at(
                format!("{p}.distribution.mode"),
                "out-of-range",
                Msg::new(
                    format!(
                        "`mode`（{mode}）が low〜high（{}〜{}）の外です",
                        f.low, f.high
                    ),
                    format!("`mode` ({mode}) is outside low–high ({}–{})", f.low, f.high),
                ),
                None,
            );
        }
        if !range_ok {
            continue;
        }
        // The scenario at each end must itself be valid (a power-station hour of 0, an
        // attendance scale that makes a share above 1, …): reported at that end.
        for (field, x) in [("low", f.low), ("high", f.high)] {
            let mut s = scenario.clone();
            f.target.apply(&mut s, x);
            let empty = SpanIndex::build("");
            if let Some(d) = check_scenario(&s, "", &empty).into_iter().next() {
                at(
                    format!("{p}.{field}"),
                    "out-of-range",
                    Msg::new(
                        format!(
                            "`{field}` = {x} ではシナリオが成り立ちません: {}",
                            d.message
                        ),
                        format!(
                            "with `{field}` = {x} the scenario is not valid: {}",
                            d.message_en
                        ),
                    ),
                    Some(Msg::new(
                        format!("問題の値: {}", d.path.as_deref().unwrap_or("")),
                        format!("the value at fault: {}", d.path.as_deref().unwrap_or("")),
                    )),
                );
            }
        }
    }
}

/// Checks the agency, zone and item a target names; false (with a problem) when one is not
/// in the scenario.
fn names_ok(t: &Target, s: &Scenario, p: &str, at: &mut Report<'_>) -> bool {
    let unknown = |what_ja: &str, what_en: &str, found: &str, known: Vec<&str>| {
        let all = known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let near = closest_name(found, known.iter().copied());
        (
            Msg::new(
                format!("{what_ja} `{found}` はシナリオにありません"),
                format!("{what_en} `{found}` is not in the scenario"),
            ),
            Msg::new(
                match near {
                    Some(n) => format!("`{n}` の誤りではありませんか？ シナリオの{what_ja}: {all}"),
                    None => format!("シナリオの{what_ja}: {all}"),
                },
                match near {
                    Some(n) => format!("did you mean `{n}`? known: {all}"),
                    None => format!("known: {all}"),
                },
            ),
        )
    };
    if let Some(z) = t.zone()
        && !s.zones.iter().any(|zone| zone.id == z)
    {
        let (m, h) = unknown(
            "ゾーン",
            "zone",
            z,
            s.zones.iter().map(|z| z.id.as_str()).collect(),
        );
        at(format!("{p}.target.zone"), "unknown-ref", m, Some(h));
        return false;
    }
    if let Some(id) = t.agency() {
        let Some(a) = s.agencies.iter().find(|a| a.id == id) else {
            let (m, h) = unknown(
                "事業所",
                "agency",
                id,
                s.agencies.iter().map(|a| a.id.as_str()).collect(),
            );
            at(format!("{p}.target.agency"), "unknown-ref", m, Some(h));
            return false;
        };
        if let Target::Stock { item, .. } = t
            && !a.stocks.iter().any(|st| &st.item == item)
        {
            let (m, h) = unknown(
                "備蓄品目",
                "stock item",
                item,
                a.stocks.iter().map(|st| st.item.as_str()).collect(),
            );
            at(format!("{p}.target.item"), "unknown-ref", m, Some(h));
            return false;
        }
    }
    true
}

/// What is wrong with `x` as a value of `t`, if anything (Japanese, English).
fn domain_problem(t: &Target, x: f64) -> Option<(String, String)> {
    if !x.is_finite() {
        return Some(("が数ではありません".into(), "is not a number".into()));
    }
    if x < 0.0 {
        return Some(("は 0 以上にしてください".into(), "must be 0 or more".into()));
    }
    match t.kind() {
        Kind::Count if x.fract() != 0.0 || x > MAX_COUNT => Some((
            format!("は 0〜{MAX_COUNT} の整数にしてください"),
            format!("must be a whole number from 0 to {MAX_COUNT}"),
        )),
        Kind::Scale if x > 100.0 => Some((
            "は倍率です。100 倍以下にしてください".into(),
            "is a scale: at most 100".into(),
        )),
        _ if matches!(t, Target::PowerStationHours { .. }) && x == 0.0 => Some((
            "は 0 より大きくしてください".into(),
            "must be above 0".into(),
        )),
        _ => None,
    }
}

fn domain_hint(kind: Kind) -> Msg {
    match kind {
        Kind::Scale => Msg::new(
            "倍率の対象は、シナリオに書いた値に掛ける数です（1 = そのまま、0.7 = 3割減）",
            "a scale multiplies what the scenario says (1 = as written, 0.7 = 30 % less)",
        ),
        Kind::Count => Msg::new(
            "台数・本数は 0 以上の整数です",
            "a count is a whole number, 0 or more",
        ),
        Kind::Amount => Msg::new("量は 0 以上です", "an amount is 0 or more"),
    }
}
