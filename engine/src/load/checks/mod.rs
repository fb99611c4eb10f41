//! Semantic checks of a parsed scenario. Every check runs; every problem is reported at the
//! value it is about (looked up by path in the span index).
//!
//! One [`Checker`] walks the scenario; its checks live beside the part of the file format they
//! check, one module per module of `scenario/` (`agency`, `agreements`, `dist`, `events`,
//! `exercise`, `hazard`, `lifelines`, `patients`, `plan`, `staff`, `time`), with the checks every
//! part uses in `numbers` (finite, shares, counts, curves) and `ids` (well-formed ids and
//! references). The scenario as a whole (its size, the ids across it) is checked here.

mod agency;
mod agreements;
mod dist;
mod events;
mod exercise;
mod hazard;
mod ids;
mod lifelines;
mod numbers;
mod patients;
mod plan;
mod staff;
mod time;

use super::spans::SpanIndex;
use super::text::{LineIndex, closest};
use super::{Diagnostic, Msg};
use crate::scenario::*;

use crate::limits::{MAX_PEOPLE, MAX_PERSON_STEPS};

/// Tolerance for shares that must add up to 1.
const SUM_TOLERANCE: f64 = 1e-6;

/// Runs every check and returns the problems in source order.
pub fn check(s: &Scenario, src: &str, index: &SpanIndex) -> Vec<Diagnostic> {
    let lines = LineIndex::new(src);
    let mut c = Checker {
        src,
        lines: &lines,
        index,
        out: Vec::new(),
        suggestions: MAX_SUGGESTIONS,
    };
    c.scenario(s);
    c.exercise_timeline(s);
    // Source order reads naturally; the sort is stable, so equal positions keep check order.
    c.out.sort_by_key(|d| (d.span.start, d.span.end));
    c.out
}

fn m(ja: impl Into<String>, en: impl Into<String>) -> Msg {
    Msg::new(ja, en)
}

/// The last segment of a path, for messages: `a.b[2].home_km` → `home_km`, `roles[Nurse]` →
/// `roles[Nurse]`.
fn field_name(path: &str) -> &str {
    let seg = &path[path.rfind('.').map_or(0, |i| i + 1)..];
    match seg.find('[') {
        Some(i)
            if seg[i + 1..]
                .trim_end_matches(']')
                .chars()
                .all(|c| c.is_ascii_digit()) =>
        {
            &seg[..i]
        }
        _ => seg,
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Zone,
    Agency,
    Staff,
    Patient,
    Item,
    Agreement,
}

impl Kind {
    fn ja(self) -> &'static str {
        match self {
            Kind::Zone => "ゾーン",
            Kind::Agency => "事業所",
            Kind::Staff => "職員",
            Kind::Patient => "利用者",
            Kind::Item => "備蓄品目",
            Kind::Agreement => "協定",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Kind::Zone => "zone",
            Kind::Agency => "agency",
            Kind::Staff => "staff member",
            Kind::Patient => "patient",
            Kind::Item => "stock item",
            Kind::Agreement => "agreement",
        }
    }
}

/// Unknown references that get a closest-name suggestion: each costs a comparison with every
/// known name, so thousands of them against thousands of names would take minutes; only the
/// first errors are printed anyway.
const MAX_SUGGESTIONS: usize = 100;

struct Checker<'a> {
    src: &'a str,
    lines: &'a LineIndex,
    /// Suggestions still allowed ([`MAX_SUGGESTIONS`]).
    suggestions: usize,
    index: &'a SpanIndex,
    out: Vec<Diagnostic>,
}

/// A diagnostic at the value `path` names (or its nearest indexed parent).
pub(super) fn placed(
    src: &str,
    lines: &LineIndex,
    index: &SpanIndex,
    path: &str,
    code: &'static str,
    msg: Msg,
    hint: Option<Msg>,
) -> Diagnostic {
    let (span, _) = index.find(path);
    Diagnostic::new(src, lines, span, code, Some(path.to_string()), msg, hint)
}

impl Checker<'_> {
    pub(super) fn err(&mut self, path: &str, code: &'static str, msg: Msg, hint: Option<Msg>) {
        let d = placed(self.src, self.lines, self.index, path, code, msg, hint);
        self.out.push(d);
    }

    // ---- the scenario -------------------------------------------------------------------

    pub(super) fn scenario(&mut self, s: &Scenario) {
        if s.name.trim().is_empty() {
            self.err(
                "name",
                "empty-name",
                m("シナリオ名 `name` が空です", "the scenario `name` is empty"),
                Some(m(
                    "集計や報告に表示する名前を書いてください",
                    "give the name shown in summaries and reports",
                )),
            );
        }
        self.time(&s.time);
        self.size(s);
        let horizon = s.time.horizon_hours;
        self.hazard(&s.hazard);
        self.dist(
            "coping.manual_bagging_hours",
            &s.coping.manual_bagging_hours,
        );
        self.dist(
            "coping.oxygen_delivery_hours",
            &s.coping.oxygen_delivery_hours,
        );

        if s.zones.is_empty() {
            self.err(
                "zones",
                "empty",
                m("ゾーンが1つもありません", "no zones are defined"),
                Some(m(
                    "`zones: [(id: \"z1\")]` のように少なくとも1つ書いてください",
                    "define at least one, like `zones: [(id: \"z1\")]`",
                )),
            );
        }
        if s.agencies.is_empty() {
            self.err(
                "agencies",
                "empty",
                m("事業所が1つもありません", "no agencies are defined"),
                None,
            );
        }

        let zone_ids: Vec<(String, &str)> = s
            .zones
            .iter()
            .enumerate()
            .map(|(i, z)| (format!("zones[{i}].id"), z.id.as_str()))
            .collect();
        self.ids(&zone_ids, Kind::Zone);
        let zones: Vec<&str> = s.zones.iter().map(|z| z.id.as_str()).collect();
        for (i, z) in s.zones.iter().enumerate() {
            self.zone(&format!("zones[{i}]"), z);
        }

        let agency_ids: Vec<(String, &str)> = s
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("agencies[{i}].id"), a.id.as_str()))
            .collect();
        self.ids(&agency_ids, Kind::Agency);

        // Staff and patients are unique across the whole scenario: events name them alone.
        let mut staff_ids = Vec::new();
        let mut patient_ids = Vec::new();
        for (i, a) in s.agencies.iter().enumerate() {
            for (j, st) in a.staff.members.iter().enumerate() {
                staff_ids.push((
                    format!("agencies[{i}].staff.members[{j}].id"),
                    st.id.as_str(),
                ));
            }
            for (j, p) in a.patients.members.iter().enumerate() {
                patient_ids.push((
                    format!("agencies[{i}].patients.members[{j}].id"),
                    p.id.as_str(),
                ));
            }
        }
        self.ids(&staff_ids, Kind::Staff);
        self.ids(&patient_ids, Kind::Patient);
        let generated = Generated::of(s);
        for (path, id) in &staff_ids {
            if let Some(a) = generated.staff_owner(id) {
                self.clashes_with_generated(path, id, a, Kind::Staff);
            }
        }
        for (path, id) in &patient_ids {
            if let Some(a) = generated.patient_owner(id) {
                self.clashes_with_generated(path, id, a, Kind::Patient);
            }
        }

        for (i, a) in s.agencies.iter().enumerate() {
            self.agency(&format!("agencies[{i}]"), a, &zones, horizon);
        }

        let agencies: Vec<&str> = s.agencies.iter().map(|a| a.id.as_str()).collect();
        let staff: Vec<&str> = staff_ids.iter().map(|(_, id)| *id).collect();
        let patients: Vec<&str> = patient_ids.iter().map(|(_, id)| *id).collect();
        let known = Known {
            zones: &zones,
            agencies: &agencies,
            staff: &staff,
            patients: &patients,
            generated: &generated,
        };
        for (i, e) in s.events.iter().enumerate() {
            self.event(&format!("events[{i}]"), e, s, &known, horizon);
        }
        self.agreements(s, &known);
        for (i, a) in s.agencies.iter().enumerate() {
            for (j, p) in a.patients.members.iter().enumerate() {
                for (k, other) in p.also_served_by.iter().enumerate() {
                    let path = format!("agencies[{i}].patients.members[{j}].also_served_by[{k}]");
                    self.reference(&path, other, known.agencies, Kind::Agency);
                }
            }
        }
    }

    /// The whole scenario's size: people, and people × steps (the work of one run), within
    /// [`crate::limits`], so that every valid scenario runs in bounded time and memory.
    pub(super) fn size(&mut self, s: &Scenario) {
        let people: u64 = s
            .agencies
            .iter()
            .map(|a| {
                let staff = a.staff.members.len() as u64
                    + a.staff.profile.as_ref().map_or(0, |p| u64::from(p.count));
                let patients = a.patients.members.len() as u64
                    + a.patients
                        .profile
                        .as_ref()
                        .map_or(0, |p| u64::from(p.count));
                staff + patients
            })
            .sum();
        let steps = u64::from(s.steps());
        let work = people.saturating_mul(steps);
        let hint = || {
            Some(m(
                "地域をいくつかのシナリオに分けるか、`time.horizon_hours` を短くしてください",
                "split the region into several scenarios, or shorten `time.horizon_hours`",
            ))
        };
        if people > MAX_PEOPLE {
            self.err(
                "agencies",
                "too-large",
                m(
                    format!("職員と利用者が合わせて {people} 人います（上限 {MAX_PEOPLE} 人）"),
                    format!("{people} staff and patients in all (at most {MAX_PEOPLE})"),
                ),
                hint(),
            );
        } else if work > MAX_PERSON_STEPS {
            self.err(
                "agencies",
                "too-large",
                m(
                    format!(
                        "1回の実行が大きすぎます: {people} 人 × {steps} ステップ = {work}（上限 {MAX_PERSON_STEPS}）"
                    ),
                    format!(
                        "one run is too large: {people} people × {steps} steps = {work} (at most {MAX_PERSON_STEPS})"
                    ),
                ),
                hint(),
            );
        }
    }
}

struct Known<'a> {
    zones: &'a [&'a str],
    agencies: &'a [&'a str],
    staff: &'a [&'a str],
    patients: &'a [&'a str],
    generated: &'a Generated<'a>,
}

/// The ids profiles generate (`crate::build`: staff `<agency>-s<nn>`, patients
/// `<agency>-p<nnn>`, numbered after the listed members), matched without listing them all
/// (a count may be huge).
struct Generated<'a> {
    /// (agency id, listed count, generated count) for staff, then for patients.
    staff: Vec<(&'a str, u64, u64)>,
    patients: Vec<(&'a str, u64, u64)>,
}

impl<'a> Generated<'a> {
    fn of(s: &'a Scenario) -> Generated<'a> {
        let mut g = Generated {
            staff: Vec::new(),
            patients: Vec::new(),
        };
        for a in &s.agencies {
            if let Some(p) = &a.staff.profile {
                g.staff.push((
                    a.id.as_str(),
                    a.staff.members.len() as u64,
                    u64::from(p.count),
                ));
            }
            if let Some(p) = &a.patients.profile {
                g.patients.push((
                    a.id.as_str(),
                    a.patients.members.len() as u64,
                    u64::from(p.count),
                ));
            }
        }
        g
    }

    fn owner(
        table: &[(&'a str, u64, u64)],
        id: &str,
        letter: char,
        width: usize,
    ) -> Option<&'a str> {
        table.iter().find_map(|&(agency, listed, count)| {
            let rest = id
                .strip_prefix(agency)?
                .strip_prefix('-')?
                .strip_prefix(letter)?;
            if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) || rest.len() > 19 {
                return None;
            }
            let n: u64 = rest.parse().ok()?;
            let canonical = format!("{n:0width$}") == rest;
            (canonical && n > listed && n <= listed + count).then_some(agency)
        })
    }

    fn staff_owner(&self, id: &str) -> Option<&'a str> {
        Self::owner(&self.staff, id, 's', 2)
    }

    fn patient_owner(&self, id: &str) -> Option<&'a str> {
        Self::owner(&self.patients, id, 'p', 3)
    }
}

#[cfg(test)]
mod tests {
    use super::field_name;

    #[test]
    fn field_names_for_messages() {
        assert_eq!(
            field_name("agencies[0].staff.members[3].home_km"),
            "home_km"
        );
        assert_eq!(field_name("a.curve[2]"), "curve");
        assert_eq!(field_name("roles[Nurse]"), "roles[Nurse]");
        assert_eq!(field_name("name"), "name");
    }
}
