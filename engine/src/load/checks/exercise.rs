//! Checks of a scenario's exercise timeline (`exercise:`, docs/exercise.md): inject ids, their
//! timing (`at_hour` or `after`, no cycle, within the horizon), recipients, objectives, expected
//! command kinds and the references of their effects. Every problem is placed at its value.

use std::collections::BTreeMap;

use super::*;
use crate::scenario::{EXPECTABLE_COMMANDS, Effect, Exercise, ROLE_KEYWORDS, Scenario};

impl Checker<'_> {
    /// The problems of `s.exercise`, if it has one.
    pub(super) fn exercise_timeline(&mut self, s: &Scenario) {
        if let Some(ex) = &s.exercise {
            self.exercise(s, ex);
        }
    }

    /// `found` must be one of `known`; `what` is (Japanese, English) for messages.
    fn exercise_reference(&mut self, path: &str, found: &str, known: &[&str], what: (&str, &str)) {
        if known.contains(&found) {
            return;
        }
        let guess = if self.suggestions > 0 {
            self.suggestions -= 1;
            closest(found, known.iter().copied())
        } else {
            None
        };
        let hint = match guess {
            Some(best) => m(
                format!("`{best}` の誤りではありませんか？"),
                format!("did you mean `{best}`?"),
            ),
            None => {
                let mut list: Vec<String> =
                    known.iter().take(8).map(|k| format!("`{k}`")).collect();
                if known.len() > 8 {
                    list.push("…".into());
                }
                let list = list.join(", ");
                m(
                    format!("使える{}: {list}", what.0),
                    format!("known {}s: {list}", what.1),
                )
            }
        };
        self.err(
            path,
            "unknown-ref",
            m(
                format!("{} `{found}` が見つかりません", what.0),
                format!("unknown {} `{found}`", what.1),
            ),
            Some(hint),
        );
    }

    fn exercise(&mut self, s: &Scenario, ex: &Exercise) {
        let horizon = s.time.horizon_hours;
        // Objectives: well-formed, unique ids.
        let mut seen: BTreeMap<&str, String> = BTreeMap::new();
        for (i, o) in ex.objectives.iter().enumerate() {
            let path = format!("exercise.objectives[{i}].id");
            self.id(&path, &o.id, &mut seen, ("目標", "objective"));
        }
        let objectives: Vec<&str> = ex.objectives.iter().map(|o| o.id.as_str()).collect();

        let mut seen: BTreeMap<&str, String> = BTreeMap::new();
        for (i, inj) in ex.injects.iter().enumerate() {
            let path = format!("exercise.injects[{i}].id");
            self.id(&path, &inj.id, &mut seen, ("状況付与", "inject"));
        }
        let inject_ids: Vec<&str> = ex.injects.iter().map(|i| i.id.as_str()).collect();
        // A set: thousands of injects each naming another must not compare every pair.
        let inject_set: std::collections::HashSet<&str> = inject_ids.iter().copied().collect();
        let agencies: Vec<&str> = s.agencies.iter().map(|a| a.id.as_str()).collect();
        let zones: Vec<&str> = s.zones.iter().map(|z| z.id.as_str()).collect();
        let patients: Vec<&str> = s
            .agencies
            .iter()
            .flat_map(|a| a.patients.members.iter().map(|p| p.id.as_str()))
            .collect();
        let staff: Vec<&str> = s
            .agencies
            .iter()
            .flat_map(|a| a.staff.members.iter().map(|p| p.id.as_str()))
            .collect();
        let hours = ex.scheduled_hours();
        let cyclic = cycles(ex);

        for (i, inj) in ex.injects.iter().enumerate() {
            let p = format!("exercise.injects[{i}]");
            match (&inj.at_hour, &inj.after) {
                (Some(_), Some(_)) => self.err(
                    &format!("{p}.after"),
                    "both-times",
                    m(
                        format!(
                            "状況付与 `{}` に `at_hour` と `after` の両方があります",
                            inj.id
                        ),
                        format!("inject `{}` has both `at_hour` and `after`", inj.id),
                    ),
                    Some(m(
                        "どちらか一方だけを書いてください",
                        "write only one of them",
                    )),
                ),
                (None, None) => self.err(
                    &p,
                    "no-time",
                    m(
                        format!("状況付与 `{}` に時刻がありません", inj.id),
                        format!("inject `{}` has no time", inj.id),
                    ),
                    Some(m(
                        "`at_hour: 2` か `after: (inject: \"ID\", hours: 1)` を書いてください",
                        "write `at_hour: 2` or `after: (inject: \"ID\", hours: 1)`",
                    )),
                ),
                (None, Some(a)) => {
                    let ap = format!("{p}.after.inject");
                    if !inject_set.contains(a.inject.as_str()) {
                        self.exercise_reference(
                            &ap,
                            &a.inject,
                            &inject_ids,
                            ("状況付与", "inject"),
                        );
                    } else if cyclic[i] {
                        self.err(
                            &ap,
                            "cycle",
                            m(
                                format!("状況付与 `{}` の `after` が循環しています", inj.id),
                                format!("the `after` chain of inject `{}` is a cycle", inj.id),
                            ),
                            Some(m(
                                "どこかの状況付与に `at_hour` を書いて、循環を断ち切ってください",
                                "give one inject of the chain an `at_hour` to break the cycle",
                            )),
                        );
                    }
                }
                (Some(_), None) => {}
            }
            if let Some(h) = hours[i]
                && h >= horizon
            {
                let path = if inj.at_hour.is_some() {
                    format!("{p}.at_hour")
                } else {
                    format!("{p}.after.hours")
                };
                self.err(
                    &path,
                    "beyond-horizon",
                    m(
                        format!(
                            "状況付与 `{}` の時刻（{h} 時間）がシミュレーション期間 `horizon_hours`（{horizon}）の外です",
                            inj.id
                        ),
                        format!(
                            "inject `{}` comes at hour {h}, outside the run (`horizon_hours` {horizon})",
                            inj.id
                        ),
                    ),
                    Some(m(
                        format!("{horizon} 時間より前にしてください"),
                        format!("give it an hour below {horizon}"),
                    )),
                );
            }
            self.recipient(&format!("{p}.recipient"), &inj.recipient, &agencies);
            if inj.content_ja.trim().is_empty() {
                self.err(
                    &format!("{p}.content_ja"),
                    "empty",
                    m(
                        "付与内容 `content_ja` が空です",
                        "the content `content_ja` is empty",
                    ),
                    Some(m(
                        "ファシリテーターが読み上げる文を書いてください",
                        "write the text the facilitator reads out",
                    )),
                );
            }
            if let Some(o) = &inj.objective {
                self.exercise_reference(
                    &format!("{p}.objective"),
                    o,
                    &objectives,
                    ("目標", "objective"),
                );
            }
            if let Some(cmd) = &inj.expected.command {
                self.exercise_reference(
                    &format!("{p}.expected.command"),
                    cmd,
                    &EXPECTABLE_COMMANDS,
                    ("コマンド", "command"),
                );
            }
            if let Some(e) = &inj.effect {
                let known = Known {
                    s,
                    zones: &zones,
                    agencies: &agencies,
                    patients: &patients,
                    staff: &staff,
                };
                self.effect(&format!("{p}.effect"), e, &known);
            }
        }
    }

    fn id<'s>(
        &mut self,
        path: &str,
        id: &'s str,
        seen: &mut BTreeMap<&'s str, String>,
        what: (&str, &str),
    ) {
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            self.err(
                path,
                "bad-id",
                m(
                    format!("{}の ID `{id}` が空か、使えない文字があります", what.0),
                    format!(
                        "{} id `{id}` is empty or has characters that are not allowed",
                        what.1
                    ),
                ),
                Some(m(
                    "ID には半角英数字・`-`・`_` だけを使えます",
                    "ids may use only ASCII letters, digits, `-` and `_`",
                )),
            );
        }
        if let Some(first) = seen.get(id) {
            self.duplicate_id(path, id, first, what);
        } else {
            seen.insert(id, path.to_string());
        }
    }

    /// An agency id, a role keyword, or `AGENCY/ROLE`; a role or person named in words (any
    /// text that is not plain ASCII, such as `所長` or `station/連絡班`) is taken as written.
    fn recipient(&mut self, path: &str, r: &str, agencies: &[&str]) {
        let words = |s: &str| !s.is_ascii();
        let ok = match r.split_once('/') {
            Some((a, role)) => {
                agencies.contains(&a) && (ROLE_KEYWORDS.contains(&role) || words(role))
            }
            None => agencies.contains(&r) || ROLE_KEYWORDS.contains(&r) || words(r),
        };
        if ok {
            return;
        }
        let known: Vec<&str> = agencies.iter().copied().chain(ROLE_KEYWORDS).collect();
        let guess = if self.suggestions > 0 {
            self.suggestions -= 1;
            closest(r.rsplit('/').next().unwrap_or(r), known.iter().copied())
        } else {
            None
        };
        let list = ROLE_KEYWORDS.join(", ");
        self.err(
            path,
            "bad-recipient",
            m(
                format!("付与先 `{r}` は事業所 ID でも役割でもありません"),
                format!("recipient `{r}` is neither an agency id nor a role"),
            ),
            Some(match guess {
                Some(g) => m(
                    format!("`{g}` の誤りではありませんか？（事業所 ID、役割 {list}、または `事業所/役割`）"),
                    format!("did you mean `{g}`? (an agency id, a role {list}, or `AGENCY/ROLE`)"),
                ),
                None => m(
                    format!("事業所 ID、役割 {list}、または `事業所/役割` を書いてください"),
                    format!("write an agency id, a role {list}, or `AGENCY/ROLE`"),
                ),
            }),
        );
    }

    fn effect(&mut self, ep: &str, e: &Effect, k: &Known) {
        let agency = ("事業所", "agency");
        match e {
            Effect::SetLifeline { zone, .. } => {
                self.exercise_reference(&format!("{ep}.zone"), zone, k.zones, ("ゾーン", "zone"));
            }
            Effect::Resupply {
                agency: a,
                item,
                quantity,
            } => {
                self.exercise_reference(&format!("{ep}.agency"), a, k.agencies, agency);
                if let Some(spec) = k.s.agencies.iter().find(|x| &x.id == a) {
                    let items: Vec<&str> = spec.stocks.iter().map(|s| s.item.as_str()).collect();
                    self.exercise_reference(
                        &format!("{ep}.item"),
                        item,
                        &items,
                        ("備蓄品目", "stock item"),
                    );
                }
                if !quantity.is_finite() || *quantity < 0.0 {
                    self.err(
                        &format!("{ep}.quantity"),
                        "negative",
                        m(
                            format!("`quantity` は 0 以上の数値にしてください（{quantity}）"),
                            format!("`quantity` must be a number of 0 or more ({quantity})"),
                        ),
                        None,
                    );
                }
            }
            Effect::MovePatient { patient, .. } | Effect::PrioritizeCheck { patient } => {
                if generated(k.s, patient, 'p') {
                    return;
                }
                self.exercise_reference(
                    &format!("{ep}.patient"),
                    patient,
                    k.patients,
                    ("利用者", "patient"),
                );
            }
            Effect::StaffUnavailable { staff, .. } => {
                if generated(k.s, staff, 's') {
                    return;
                }
                self.exercise_reference(
                    &format!("{ep}.staff"),
                    staff,
                    k.staff,
                    ("職員", "staff member"),
                );
            }
            Effect::ActivateBcp { agency: a } | Effect::AddPowerStations { agency: a, .. } => {
                self.exercise_reference(&format!("{ep}.agency"), a, k.agencies, agency);
            }
            Effect::SetAlertLevel { .. } => {}
            Effect::SendStaff { from, to, .. } => {
                self.exercise_reference(&format!("{ep}.from"), from, k.agencies, agency);
                self.exercise_reference(&format!("{ep}.to"), to, k.agencies, agency);
            }
        }
    }
}

struct Known<'a> {
    s: &'a Scenario,
    zones: &'a [&'a str],
    agencies: &'a [&'a str],
    patients: &'a [&'a str],
    staff: &'a [&'a str],
}

/// For each inject, whether following its `after` chain comes back to it.
fn cycles(ex: &Exercise) -> Vec<bool> {
    // Each inject follows at most one other: walk each chain once, colouring it with the walk's
    // number; meeting the walk's own colour again closes a cycle through that inject.
    let next = ex.follows();
    let n = next.len();
    let mut walk_of: Vec<usize> = vec![usize::MAX; n];
    let mut on_cycle = vec![false; n];
    for start in 0..n {
        if walk_of[start] != usize::MAX {
            continue;
        }
        let mut at = start;
        let met = loop {
            if walk_of[at] != usize::MAX {
                break (walk_of[at] == start).then_some(at);
            }
            walk_of[at] = start;
            match next[at] {
                Some(j) => at = j,
                None => break None,
            }
        };
        if let Some(first) = met {
            let mut at = first;
            loop {
                on_cycle[at] = true;
                match next[at] {
                    Some(j) if j != first => at = j,
                    _ => break,
                }
            }
        }
    }
    on_cycle
}

/// Whether `id` is one a profile generates (`<agency>-p001` for patients, `<agency>-s01` for
/// staff, numbered after the listed members; see `crate::build`).
fn generated(s: &Scenario, id: &str, letter: char) -> bool {
    s.agencies.iter().any(|a| {
        let (listed, count, width) = match letter {
            'p' => (
                a.patients.members.len() as u64,
                a.patients
                    .profile
                    .as_ref()
                    .map_or(0, |p| u64::from(p.count)),
                3,
            ),
            _ => (
                a.staff.members.len() as u64,
                a.staff.profile.as_ref().map_or(0, |p| u64::from(p.count)),
                2,
            ),
        };
        let Some(rest) = id
            .strip_prefix(a.id.as_str())
            .and_then(|r| r.strip_prefix('-'))
            .and_then(|r| r.strip_prefix(letter))
        else {
            return false;
        };
        if rest.is_empty() || rest.len() > 19 || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let Ok(n) = rest.parse::<u64>() else {
            return false;
        };
        format!("{n:0width$}") == rest && n > listed && n <= listed + count
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The former walk from every inject, kept as the reference.
    fn cycles_by_walking(ex: &Exercise) -> Vec<bool> {
        let n = ex.injects.len();
        (0..n)
            .map(|start| {
                let mut at = start;
                for _ in 0..n {
                    let Some(next) = ex.injects[at]
                        .after
                        .as_ref()
                        .filter(|_| ex.injects[at].at_hour.is_none())
                        .and_then(|a| ex.position(&a.inject))
                    else {
                        return false;
                    };
                    if next == start {
                        return true;
                    }
                    at = next;
                }
                false
            })
            .collect()
    }

    #[test]
    fn cycles_match_the_walking_reference() {
        for ex in crate::scenario::exercise::tests::random_exercises() {
            assert_eq!(cycles(&ex), cycles_by_walking(&ex), "{ex:?}");
        }
    }
}
