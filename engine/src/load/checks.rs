//! Semantic checks of a parsed scenario. Every check runs; every problem is reported at the
//! value it is about (looked up by path in the span index).

use std::collections::BTreeMap;
use std::fmt::Display;

use super::spans::SpanIndex;
use super::text::{LineIndex, closest};
use super::{Diagnostic, Msg};
use crate::scenario::*;

use crate::limits::{
    MAX_HORIZON_HOURS, MAX_PEOPLE, MAX_PERSON_STEPS, MAX_PROFILE_COUNT, STEP_HOURS,
};

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
    super::checks_exercise::check(s, src, &lines, index, &mut c.out);
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
    fn err(&mut self, path: &str, code: &'static str, msg: Msg, hint: Option<Msg>) {
        let d = placed(self.src, self.lines, self.index, path, code, msg, hint);
        self.out.push(d);
    }

    // ---- numbers ------------------------------------------------------------------------

    /// NaN or infinity: an error. Returns whether the value is finite.
    fn finite(&mut self, path: &str, v: f64) -> bool {
        if v.is_finite() {
            return true;
        }
        let f = field_name(path);
        self.err(
            path,
            "not-finite",
            m(
                format!("`{f}` が有限の数値ではありません（{v}）"),
                format!("`{f}` is not a finite number ({v})"),
            ),
            Some(m(
                "NaN や inf は使えません。数値を書いてください",
                "NaN and inf are not allowed; write a number",
            )),
        );
        false
    }

    fn non_negative(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && v < 0.0 {
            let f = field_name(path);
            self.err(
                path,
                "negative",
                m(
                    format!("`{f}` が負の値です（{v}）"),
                    format!("`{f}` is negative ({v})"),
                ),
                Some(m("0 以上の値にしてください", "use 0 or more")),
            );
        }
    }

    fn positive(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && v <= 0.0 {
            let f = field_name(path);
            self.err(
                path,
                "not-positive",
                m(
                    format!("`{f}` は 0 より大きい値にしてください（{v}）"),
                    format!("`{f}` must be greater than 0 ({v})"),
                ),
                None,
            );
        }
    }

    /// A share: finite and within 0–1.
    fn share(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && !(0.0..=1.0).contains(&v) {
            let f = field_name(path);
            self.err(
                path,
                "share-range",
                m(
                    format!("`{f}` は 0〜1 の割合で書きます（{v}）"),
                    format!("`{f}` is a share and must be between 0 and 1 ({v})"),
                ),
                Some(m("30 % なら 0.3 と書きます", "write 30 % as 0.3")),
            );
        }
    }

    fn int_range<T: PartialOrd + Display + Copy>(&mut self, path: &str, v: T, lo: T, hi: T) {
        if v < lo || v > hi {
            let f = field_name(path);
            self.err(
                path,
                "out-of-range",
                m(
                    format!("`{f}` は {lo}〜{hi} の範囲にしてください（{v}）"),
                    format!("`{f}` must be between {lo} and {hi} ({v})"),
                ),
                None,
            );
        }
    }

    fn at_least_one(&mut self, path: &str, v: u32) {
        if v == 0 {
            let f = field_name(path);
            self.err(
                path,
                "zero",
                m(
                    format!("`{f}` は 1 以上にしてください（0）"),
                    format!("`{f}` must be at least 1 (0)"),
                ),
                None,
            );
        }
    }

    /// A generated head count must stay within what one run can hold.
    fn head_count(&mut self, path: &str, v: u32) {
        if v > MAX_PROFILE_COUNT {
            let f = field_name(path);
            self.err(
                path,
                "too-large",
                m(
                    format!("`{f}` は {MAX_PROFILE_COUNT} 以下にしてください（{v}）"),
                    format!("`{f}` must be at most {MAX_PROFILE_COUNT} ({v})"),
                ),
                Some(m(
                    "地域をいくつかのシナリオに分けてください".to_string(),
                    "split the region into several scenarios".to_string(),
                )),
            );
        }
    }

    /// A plan curve at `path`: at least one point (else `empty` with `hint`), each share checked
    /// by `share`, hours strictly increasing.
    fn curve(
        &mut self,
        path: &str,
        curve: &[CurvePoint],
        share: fn(&mut Self, &str, f64),
        empty: Msg,
        hint: Msg,
    ) {
        if curve.is_empty() {
            self.err(path, "empty", empty, Some(hint));
        }
        for (i, pt) in curve.iter().enumerate() {
            share(self, &format!("{path}[{i}].share"), pt.share);
        }
        let hours: Vec<(String, u32)> = curve
            .iter()
            .enumerate()
            .map(|(i, pt)| (format!("{path}[{i}].hour"), pt.hour))
            .collect();
        self.increasing(&hours);
    }

    /// Values at `paths[i]` must strictly increase.
    fn increasing<T: PartialOrd + Display + Copy>(&mut self, items: &[(String, T)]) {
        for w in items.windows(2) {
            let ((_, prev), (path, v)) = (&w[0], &w[1]);
            if v.partial_cmp(prev) != Some(std::cmp::Ordering::Greater) {
                let f = field_name(path);
                self.err(
                    path,
                    "not-increasing",
                    m(
                        format!(
                            "`{f}` が昇順になっていません: {v} が直前の {prev} の後に来ています"
                        ),
                        format!("`{f}` is not in increasing order: {v} comes after {prev}"),
                    ),
                    Some(m(
                        "小さい順に並べ、同じ値を2回書かないでください",
                        "list them in strictly increasing order, without repeats",
                    )),
                );
            }
        }
    }

    /// Shares that must add up to 1, reported at the collection.
    fn sums_to_one(&mut self, path: &str, shares: &[f64]) {
        if shares.iter().any(|v| !v.is_finite()) || shares.is_empty() {
            return;
        }
        let sum: f64 = shares.iter().sum();
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            let f = field_name(path);
            self.err(
                path,
                "sum-not-one",
                m(
                    format!("`{f}` の割合の合計が 1 になりません（合計 {sum}）"),
                    format!("the shares in `{f}` do not add up to 1 (sum {sum})"),
                ),
                Some(m(
                    "各割合の合計がちょうど 1 になるように直してください",
                    "adjust the shares so that they add up to exactly 1",
                )),
            );
        }
    }

    fn dist(&mut self, path: &str, d: &Dist) {
        match *d {
            Dist::Fixed(x) => self.non_negative(path, x),
            Dist::Uniform { min, max } => {
                let pmin = format!("{path}.min");
                let pmax = format!("{path}.max");
                self.non_negative(&pmin, min);
                if self.finite(&pmax, max) && min.is_finite() && min > max {
                    self.err(
                        &pmax,
                        "dist",
                        m(
                            format!(
                                "一様分布の `max`（{max}）が `min`（{min}）より小さくなっています"
                            ),
                            format!("uniform distribution has `max` ({max}) below `min` ({min})"),
                        ),
                        Some(m("min ≤ max にしてください", "make min ≤ max")),
                    );
                }
            }
            Dist::Triangular { min, mode, max } => {
                let pmin = format!("{path}.min");
                let pmode = format!("{path}.mode");
                let pmax = format!("{path}.max");
                self.non_negative(&pmin, min);
                let ok = self.finite(&pmode, mode) & self.finite(&pmax, max) && min.is_finite();
                if ok && !(min <= mode && mode <= max) {
                    self.err(
                        &pmode,
                        "dist",
                        m(
                            format!("三角分布は min ≤ mode ≤ max が必要です（{min}, {mode}, {max}）"),
                            format!(
                                "triangular distribution needs min ≤ mode ≤ max ({min}, {mode}, {max})"
                            ),
                        ),
                        None,
                    );
                }
            }
            Dist::Normal { mean, sd } => {
                self.non_negative(&format!("{path}.mean"), mean);
                self.non_negative(&format!("{path}.sd"), sd);
            }
            Dist::LogNormal { median, sigma } => {
                self.positive(&format!("{path}.median"), median);
                self.non_negative(&format!("{path}.sigma"), sigma);
            }
        }
    }

    /// The parameter of `d` that bounds its draws from below (`lower`) or, for a share, from
    /// above, with its path: the value itself, `min`/`max`, or the centre of an unbounded
    /// distribution (`mean`, `median`).
    fn bound(path: &str, d: &Dist, lower: bool) -> (String, f64) {
        let end = if lower { "min" } else { "max" };
        match *d {
            Dist::Fixed(x) => (path.to_string(), x),
            Dist::Uniform { min, max } | Dist::Triangular { min, max, .. } => {
                (format!("{path}.{end}"), if lower { min } else { max })
            }
            Dist::Normal { mean, .. } => (format!("{path}.mean"), mean),
            Dist::LogNormal { median, .. } => (format!("{path}.median"), median),
        }
    }

    /// A share given as a number or a distribution: its parameters as for `dist`, and its
    /// upper end (or centre) at most 1. Draws are clamped to 0–1.
    fn dist_share(&mut self, path: &str, d: &Dist) {
        self.dist(path, d);
        let (p, v) = Self::bound(path, d, false);
        if v.is_finite() && v > 1.0 {
            self.share(&p, v);
        }
    }

    /// A factor given as a number or a distribution (a pace, a scale): its parameters as for
    /// `dist`, and its centre above 0.
    fn dist_factor(&mut self, path: &str, d: &Dist) {
        self.dist(path, d);
        // A log-normal's median is already checked to be above 0.
        if !matches!(d, Dist::LogNormal { .. }) {
            let (p, v) = Self::bound(path, d, false);
            self.positive(&p, v);
        }
    }

    // ---- ids and references -------------------------------------------------------------

    fn well_formed(&mut self, path: &str, id: &str, kind: Kind) {
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            let (ja, en) = if id.is_empty() {
                (
                    format!("{}の ID が空です", kind.ja()),
                    format!("empty {} id", kind.en()),
                )
            } else {
                (
                    format!("{}の ID `{id}` に使えない文字があります", kind.ja()),
                    format!(
                        "{} id `{id}` has characters that are not allowed",
                        kind.en()
                    ),
                )
            };
            self.err(
                path,
                "bad-id",
                m(ja, en),
                Some(m(
                    "ID には半角英数字・`-`・`_` だけを使えます（名前は `name` に書けます）",
                    "ids may use only ASCII letters, digits, `-` and `_` (put a display name in `name`)",
                )),
            );
        }
    }

    /// Checks form and uniqueness of `(path, id)` pairs; the second of two equal ids is
    /// reported, with where the first is.
    fn ids(&mut self, ids: &[(String, &str)], kind: Kind) {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (path, id) in ids {
            self.well_formed(path, id, kind);
            if let Some(first) = seen.get(id) {
                let (span, _) = self.index.find(first);
                let (line, col) = self.lines.line_col(self.src, span.start);
                self.err(
                    path,
                    "duplicate-id",
                    m(
                        format!("{}の ID `{id}` が重複しています", kind.ja()),
                        format!("duplicate {} id `{id}`", kind.en()),
                    ),
                    Some(m(
                        format!(
                            "最初の `{id}` は {line}行{col}列にあります。別の ID にしてください"
                        ),
                        format!(
                            "`{id}` is first defined at line {line}, column {col}; use another id"
                        ),
                    )),
                );
            } else {
                seen.insert(id, path);
            }
        }
    }

    fn clashes_with_generated(&mut self, path: &str, id: &str, agency: &str, kind: Kind) {
        self.err(
            path,
            "duplicate-id",
            m(
                format!("{}の ID `{id}` は事業所 `{agency}` の `profile` が生成する ID と重複します", kind.ja()),
                format!("{} id `{id}` clashes with an id generated by the `profile` of agency `{agency}`", kind.en()),
            ),
            Some(m(
                "生成される ID は `<事業所ID>-s01`（職員）、`<事業所ID>-p001`（利用者）の形です。別の ID にしてください",
                "generated ids look like `<agency>-s01` (staff) and `<agency>-p001` (patients); use another id",
            )),
        );
    }

    fn suggest<'k>(&mut self, found: &str, known: &[&'k str]) -> Option<&'k str> {
        if self.suggestions == 0 {
            return None;
        }
        self.suggestions -= 1;
        closest(found, known.iter().copied())
    }

    fn reference(&mut self, path: &str, id: &str, known: &[&str], kind: Kind) {
        if known.contains(&id) {
            return;
        }
        let hint = if known.is_empty() {
            m(
                format!("{}が1つも定義されていません", kind.ja()),
                format!("no {} is defined", kind.en()),
            )
        } else if let Some(best) = self.suggest(id, known) {
            m(
                format!("`{best}` の誤りではありませんか？"),
                format!("did you mean `{best}`?"),
            )
        } else {
            let mut list: Vec<String> = known.iter().take(8).map(|k| format!("`{k}`")).collect();
            if known.len() > 8 {
                list.push("…".into());
            }
            let list = list.join(", ");
            m(
                format!("定義されている{}: {list}", kind.ja()),
                format!("known {} ids: {list}", kind.en()),
            )
        };
        self.err(
            path,
            "unknown-ref",
            m(
                format!("{} `{id}` が見つかりません", kind.ja()),
                format!("unknown {} `{id}`", kind.en()),
            ),
            Some(hint),
        );
    }

    // ---- the scenario -------------------------------------------------------------------

    fn scenario(&mut self, s: &Scenario) {
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

    /// Agreements: unique ids, known agencies, no agency agreeing with itself, no more staff
    /// lent than the lender has, travel time not negative.
    fn agreements(&mut self, s: &Scenario, k: &Known) {
        let ids: Vec<(String, &str)> = s
            .agreements
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("agreements[{i}].id"), a.id.as_str()))
            .collect();
        self.ids(&ids, Kind::Agreement);
        for (i, a) in s.agreements.iter().enumerate() {
            let kp = format!("agreements[{i}].kind");
            let (parties, lenders): (Vec<(String, &str)>, Vec<&str>) = match &a.kind {
                AgreementKind::StaffDispatch {
                    lender, borrower, ..
                } => (
                    vec![
                        (format!("{kp}.lender"), lender.as_str()),
                        (format!("{kp}.borrower"), borrower.as_str()),
                    ],
                    vec![lender.as_str()],
                ),
                AgreementKind::PairStation {
                    stations: (x, y), ..
                } => (
                    vec![
                        (format!("{kp}.stations"), x.as_str()),
                        (format!("{kp}.stations"), y.as_str()),
                    ],
                    vec![x.as_str(), y.as_str()],
                ),
                AgreementKind::PatientTakeover { from, to, .. }
                | AgreementKind::SupplySharing { from, to, .. } => (
                    vec![
                        (format!("{kp}.from"), from.as_str()),
                        (format!("{kp}.to"), to.as_str()),
                    ],
                    Vec::new(),
                ),
            };
            for (path, id) in &parties {
                self.reference(path, id, k.agencies, Kind::Agency);
            }
            if parties[0].1 == parties[1].1 {
                self.err(
                    &parties[1].0,
                    "self-agreement",
                    m(
                        format!("事業所 `{}` が自分自身と協定を結んでいます", parties[1].1),
                        format!("agency `{}` has an agreement with itself", parties[1].1),
                    ),
                    Some(m(
                        "相手の事業所の ID を書いてください",
                        "name the partner agency",
                    )),
                );
            }
            let max_staff = a.kind.max_staff();
            match &a.kind {
                AgreementKind::PatientTakeover {
                    max_patients,
                    handover_hours,
                    ..
                } => {
                    self.at_least_one(&format!("{kp}.max_patients"), *max_patients);
                    self.non_negative(&format!("{kp}.handover_hours"), *handover_hours);
                    continue;
                }
                AgreementKind::SupplySharing {
                    from, to, items, ..
                } => {
                    // Every item must be held by both: what is shared must exist at both ends.
                    for (j, item) in items.iter().enumerate() {
                        for party in [from, to] {
                            if let Some(agency) = s.agencies.iter().find(|x| &x.id == party) {
                                let held: Vec<&str> =
                                    agency.stocks.iter().map(|st| st.item.as_str()).collect();
                                self.reference(
                                    &format!("{kp}.items[{j}]"),
                                    item,
                                    &held,
                                    Kind::Item,
                                );
                            }
                        }
                    }
                }
                _ => self.at_least_one(&format!("{kp}.max_staff"), max_staff),
            }
            for lender in lenders {
                let Some(agency) = s.agencies.iter().find(|x| x.id == lender) else {
                    continue;
                };
                let count = agency.staff.members.len() as u64
                    + agency
                        .staff
                        .profile
                        .as_ref()
                        .map_or(0, |p| u64::from(p.count));
                if u64::from(max_staff) > count {
                    self.err(
                        &format!("{kp}.max_staff"),
                        "too-many-staff",
                        m(
                            format!("`max_staff`（{max_staff}）が事業所 `{lender}` の職員数（{count}）を超えています"),
                            format!("`max_staff` ({max_staff}) exceeds the staff of agency `{lender}` ({count})"),
                        ),
                        Some(m(
                            "貸し出せる人数は職員数以下にしてください",
                            "an agency cannot lend more staff than it has",
                        )),
                    );
                }
            }
            self.non_negative(&format!("{kp}.travel_hours"), a.kind.travel_hours());
        }
    }

    fn time(&mut self, t: &TimeSpec) {
        self.int_range("time.onset_hour", t.onset_hour, 0, 23);
        self.int_range("time.onset_minute", t.onset_minute, 0, 59);
        for (i, &h) in t.report_hours.iter().enumerate() {
            if h > t.horizon_hours {
                let path = format!("time.report_hours[{i}]");
                self.err(
                    &path,
                    "out-of-range",
                    m(
                        format!(
                            "`report_hours` の {h} 時間が期間 `horizon_hours`（{}）を超えています",
                            t.horizon_hours
                        ),
                        format!(
                            "`report_hours` has hour {h}, beyond `horizon_hours` ({})",
                            t.horizon_hours
                        ),
                    ),
                    Some(m(
                        "発災からの時間（0〜horizon_hours）を書きます",
                        "give hours after onset, 0 to horizon_hours",
                    )),
                );
            }
        }
        if !STEP_HOURS.contains(&t.step_hours) {
            self.err(
                "time.step_hours",
                "step-hours",
                m(
                    format!(
                        "`step_hours` は 24 の約数にしてください（{}）",
                        t.step_hours
                    ),
                    format!("`step_hours` must divide 24 ({})", t.step_hours),
                ),
                Some(m(
                    "1, 2, 3, 4, 6, 8, 12, 24 のいずれかを使えます",
                    "use one of 1, 2, 3, 4, 6, 8, 12, 24",
                )),
            );
        }
        if t.horizon_hours == 0 || t.horizon_hours > MAX_HORIZON_HOURS {
            self.err(
                "time.horizon_hours",
                "out-of-range",
                m(
                    format!(
                        "`horizon_hours` は 1〜{MAX_HORIZON_HOURS}（1年）の範囲にしてください（{}）",
                        t.horizon_hours
                    ),
                    format!(
                        "`horizon_hours` must be between 1 and {MAX_HORIZON_HOURS} (a year) ({})",
                        t.horizon_hours
                    ),
                ),
                Some(m("30日なら 720 です", "30 days is 720")),
            );
        }
    }

    /// The whole scenario's size: people, and people × steps (the work of one run), within
    /// [`crate::limits`], so that every valid scenario runs in bounded time and memory.
    fn size(&mut self, s: &Scenario) {
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

    fn staff_risks(&mut self, path: &str, r: &StaffRisks) {
        self.dist_share(&format!("{path}.injury_share"), &r.injury_share);
        self.dist_share(
            &format!("{path}.family_injured_share"),
            &r.family_injured_share,
        );
    }

    fn alert_level(&mut self, path: &str, level: u8) {
        self.int_range(path, level, 1, 5);
    }

    fn hazard(&mut self, h: &Hazard) {
        match h {
            Hazard::None => {}
            Hazard::Earthquake { staff_risks, .. } => {
                self.staff_risks("hazard.staff_risks", staff_risks)
            }
            Hazard::Storm {
                alert_levels,
                staff_risks,
            } => {
                if alert_levels.is_empty() {
                    self.err(
                        "hazard.alert_levels",
                        "empty",
                        m(
                            "警戒レベルの推移 `alert_levels` が空です",
                            "`alert_levels` is empty",
                        ),
                        Some(m(
                            "`[(hour: 0, level: 4)]` のように少なくとも1つ書いてください",
                            "give at least one, like `[(hour: 0, level: 4)]`",
                        )),
                    );
                }
                for (i, a) in alert_levels.iter().enumerate() {
                    self.alert_level(&format!("hazard.alert_levels[{i}].level"), a.level);
                }
                let hours: Vec<(String, u32)> = alert_levels
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (format!("hazard.alert_levels[{i}].hour"), a.hour))
                    .collect();
                self.increasing(&hours);
                self.staff_risks("hazard.staff_risks", staff_risks);
            }
            Hazard::Infection(w) => {
                self.share("hazard.peak_absent_share", w.peak_absent_share);
                self.non_negative("hazard.peak_day", w.peak_day);
                self.positive("hazard.duration_days", w.duration_days);
                if w.peak_day.is_finite()
                    && w.duration_days.is_finite()
                    && w.peak_day > w.duration_days
                {
                    self.err(
                        "hazard.peak_day",
                        "peak-after-end",
                        m(
                            format!(
                                "`peak_day`（{}）が流行の期間 `duration_days`（{}）より後です",
                                w.peak_day, w.duration_days
                            ),
                            format!(
                                "`peak_day` ({}) is after the end of the wave, `duration_days` ({})",
                                w.peak_day, w.duration_days
                            ),
                        ),
                        None,
                    );
                }
                self.at_least_one("hazard.isolation_days", w.isolation_days);
            }
        }
    }

    fn lifeline_state(&mut self, path: &str, st: LifelineState) {
        if let LifelineState::Degraded(x) = st {
            self.share(path, x);
        }
    }

    fn zone(&mut self, path: &str, z: &ZoneSpec) {
        self.dist(
            &format!("{path}.base_station_battery_hours"),
            &z.base_station_battery_hours,
        );
        for l in Lifeline::ALL {
            let lp = format!("{path}.lifelines.{}", l.key());
            match z.lifelines.get(l) {
                LifelineSpec::Up => {}
                LifelineSpec::Schedule(changes) => {
                    for (i, c) in changes.iter().enumerate() {
                        self.lifeline_state(&format!("{lp}[{i}].state"), c.state);
                    }
                    let hours: Vec<(String, u32)> = changes
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (format!("{lp}[{i}].hour"), c.hour))
                        .collect();
                    self.increasing(&hours);
                }
                LifelineSpec::Curve(c) => {
                    for (i, ch) in c.changes.iter().enumerate() {
                        self.lifeline_state(&format!("{lp}.changes[{i}].state"), ch.state);
                    }
                    let hours: Vec<(String, u32)> = c
                        .changes
                        .iter()
                        .enumerate()
                        .map(|(i, ch)| (format!("{lp}.changes[{i}].hour"), ch.hour))
                        .collect();
                    self.increasing(&hours);
                    self.dist_factor(&format!("{lp}.pace"), &c.pace);
                    self.dist_factor(&format!("{lp}.levels"), &c.levels);
                }
                LifelineSpec::Restoration(o) => {
                    self.dist(&format!("{lp}.down_hours"), &o.down_hours);
                    self.dist(&format!("{lp}.degraded_hours"), &o.degraded_hours);
                    self.share(&format!("{lp}.degraded_level"), o.degraded_level);
                }
            }
        }
    }

    fn agency(&mut self, path: &str, a: &AgencySpec, zones: &[&str], horizon: u32) {
        self.reference(&format!("{path}.zone"), &a.zone, zones, Kind::Zone);
        self.staff(&format!("{path}.staff"), &a.staff);
        self.patients(&format!("{path}.patients"), &a.patients, zones);

        let item_ids: Vec<(String, &str)> = a
            .stocks
            .iter()
            .enumerate()
            .map(|(i, st)| (format!("{path}.stocks[{i}].item"), st.item.as_str()))
            .collect();
        self.ids(&item_ids, Kind::Item);
        for (i, st) in a.stocks.iter().enumerate() {
            let sp = format!("{path}.stocks[{i}]");
            self.non_negative(&format!("{sp}.quantity"), st.quantity);
            for (k, c) in st.consumption.iter().enumerate() {
                self.non_negative(&format!("{sp}.consumption[{k}].amount"), c.amount);
            }
        }
        let items: Vec<&str> = a.stocks.iter().map(|s| s.item.as_str()).collect();

        let e = &a.equipment;
        let ep = format!("{path}.equipment");
        self.non_negative(&format!("{ep}.power_station_hours"), e.power_station_hours);
        self.positive(
            &format!("{ep}.power_station_recharge_hours"),
            e.power_station_recharge_hours,
        );
        if let Some(item) = &e.power_bank_item {
            self.reference(&format!("{ep}.power_bank_item"), item, &items, Kind::Item);
        }
        if e.phones > 0 && e.calls_per_phone_charge == 0 {
            self.at_least_one(&format!("{ep}.calls_per_phone_charge"), 0);
        }

        if let Some(f) = &a.finance {
            let fp = format!("{path}.finance");
            self.non_negative(
                &format!("{fp}.monthly_fixed_cost_yen"),
                f.monthly_fixed_cost_yen,
            );
            self.positive(&format!("{fp}.average_fee_yen"), f.average_fee_yen);
        }

        self.plan(&format!("{path}.plan"), &a.plan, horizon);
    }

    fn staff(&mut self, path: &str, s: &StaffSpec) {
        let total = s.members.len() as u64 + s.profile.as_ref().map_or(0, |p| u64::from(p.count));
        if total == 0 {
            self.err(
                path,
                "no-staff",
                m("職員が1人もいません", "the agency has no staff"),
                Some(m(
                    "`members` に職員を書くか、`profile` の `count` を 1 以上にしてください",
                    "list staff in `members` or give a `profile` with `count` of 1 or more",
                )),
            );
        }
        let w = s.average_working_per_day;
        let wp = format!("{path}.average_working_per_day");
        if self.finite(&wp, w) {
            if w <= 0.0 {
                self.positive(&wp, w);
            } else if total > 0 && w > total as f64 {
                self.err(
                    &wp,
                    "too-many-working",
                    m(
                        format!("1日平均の勤務人数（{w}）が職員数（{total}）を超えています"),
                        format!(
                            "average staff working per day ({w}) exceeds the staff count ({total})"
                        ),
                    ),
                    Some(m(
                        "職員を追加するか、人数を職員数以下にしてください",
                        "add staff or lower this to at most the staff count",
                    )),
                );
            }
        }
        if total > 0 && u64::from(s.women_50_or_under) > total {
            self.err(
                &format!("{path}.women_50_or_under"),
                "too-many",
                m(
                    format!(
                        "`women_50_or_under`（{}）が職員数（{total}）を超えています",
                        s.women_50_or_under
                    ),
                    format!(
                        "`women_50_or_under` ({}) exceeds the staff count ({total})",
                        s.women_50_or_under
                    ),
                ),
                None,
            );
        }
        for (j, st) in s.members.iter().enumerate() {
            self.non_negative(&format!("{path}.members[{j}].home_km"), st.home_km);
        }
        let leaders = s
            .members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.bcp_role == Some(BcpRole::Leader))
            .map(|(j, _)| j)
            .collect::<Vec<_>>();
        if let Some(&second) = leaders.get(1) {
            self.err(
                &format!("{path}.members[{second}].bcp_role"),
                "two-leaders",
                m(
                    "責任者（Leader）が2人以上います",
                    "more than one staff member is the Leader",
                ),
                Some(m(
                    "代わりの人は `Deputy`（副責任者）にしてください",
                    "make the stand-in `Deputy`",
                )),
            );
        }
        if let Some(p) = &s.profile {
            let pp = format!("{path}.profile");
            self.share_map(&format!("{pp}.roles"), &p.roles);
            self.share_map(&format!("{pp}.commute"), &p.commute);
            self.share_map(&format!("{pp}.visit_modes"), &p.visit_modes);
            self.dist(&format!("{pp}.home_km"), &p.home_km);
            self.share(
                &format!("{pp}.small_children_share"),
                p.small_children_share,
            );
            self.share(
                &format!("{pp}.dependent_care_share"),
                p.dependent_care_share,
            );
            self.head_count(&format!("{pp}.count"), p.count);
            if p.bcp_roles.len() as u64 > u64::from(p.count) {
                self.err(
                    &format!("{pp}.bcp_roles"),
                    "too-many",
                    m(
                        format!(
                            "BCP 役割（{}件）が生成する職員数 `count`（{}）より多くなっています",
                            p.bcp_roles.len(),
                            p.count
                        ),
                        format!(
                            "more BCP roles ({}) than generated staff (`count` {})",
                            p.bcp_roles.len(),
                            p.count
                        ),
                    ),
                    None,
                );
            }
        }
    }

    /// A profile's share map: each share in 0–1 and the sum 1. An empty map is an error
    /// when the profile generates anyone: nothing to apportion from.
    fn share_map<K: std::fmt::Debug>(&mut self, path: &str, map: &BTreeMap<K, f64>) {
        if map.is_empty() {
            let f = field_name(path);
            self.err(
                path,
                "empty",
                m(format!("`{f}` が空です"), format!("`{f}` is empty")),
                Some(m(
                    "割合を少なくとも1つ書いてください（合計 1）",
                    "give at least one share (adding up to 1)",
                )),
            );
            return;
        }
        for (k, v) in map {
            self.share(&format!("{path}[{k:?}]"), *v);
        }
        let shares: Vec<f64> = map.values().copied().collect();
        self.sums_to_one(path, &shares);
    }

    fn needs(&mut self, path: &str, needs: &[CareNeed]) {
        for (k, n) in needs.iter().enumerate() {
            self.at_least_one(&format!("{path}[{k}].every_hours"), n.every_hours);
        }
    }

    fn device(&mut self, path: &str, d: &Device) {
        self.non_negative(&format!("{path}.battery_hours"), d.battery_hours);
        self.non_negative(
            &format!("{path}.spare_battery_hours"),
            d.spare_battery_hours,
        );
        self.non_negative(
            &format!("{path}.family_backup_hours"),
            d.family_backup_hours,
        );
    }

    fn patients(&mut self, path: &str, p: &PatientsSpec, zones: &[&str]) {
        for (j, pt) in p.members.iter().enumerate() {
            let pp = format!("{path}.members[{j}]");
            self.non_negative(&format!("{pp}.home_km"), pt.home_km);
            if let Some(z) = &pt.zone {
                self.reference(&format!("{pp}.zone"), z, zones, Kind::Zone);
            }
            self.needs(&format!("{pp}.needs"), &pt.needs);
            for (k, d) in pt.devices.iter().enumerate() {
                self.device(&format!("{pp}.devices[{k}]"), d);
            }
        }
        if let Some(prof) = &p.profile {
            let pp = format!("{path}.profile");
            self.head_count(&format!("{pp}.count"), prof.count);
            self.dist(&format!("{pp}.home_km"), &prof.home_km);
            if prof.classes.is_empty() {
                if prof.count > 0 {
                    self.err(
                        &format!("{pp}.classes"),
                        "empty",
                        m(
                            "利用者の優先度の割合 `classes` が空です",
                            "`classes` is empty: no priority classes to generate patients from",
                        ),
                        Some(m(
                            "`[(class: A, share: 0.1), (class: B, share: 0.3), (class: C, share: 0.6)]` のように書きます",
                            "write e.g. `[(class: A, share: 0.1), (class: B, share: 0.3), (class: C, share: 0.6)]`",
                        )),
                    );
                }
            } else {
                let mut seen = BTreeMap::new();
                for (k, c) in prof.classes.iter().enumerate() {
                    let cp = format!("{pp}.classes[{k}]");
                    if let Some(first) = seen.insert(c.class, k) {
                        self.err(
                            &format!("{cp}.class"),
                            "duplicate-class",
                            m(
                                format!("優先度 {:?} が2回書かれています（{first}番目と{k}番目、0から数えて）", c.class),
                                format!("priority class {:?} is listed twice (entries {first} and {k}, counting from 0)", c.class),
                            ),
                            None,
                        );
                    }
                    self.share(&format!("{cp}.share"), c.share);
                    self.needs(&format!("{cp}.needs"), &c.needs);
                    for (d, ds) in c.devices.iter().enumerate() {
                        self.share(&format!("{cp}.devices[{d}].share"), ds.share);
                        self.device(&format!("{cp}.devices[{d}].device"), &ds.device);
                    }
                    let dev_sum: f64 = c.devices.iter().map(|d| d.share).sum();
                    if dev_sum.is_finite() && dev_sum > 1.0 + SUM_TOLERANCE {
                        self.err(
                            &format!("{cp}.devices"),
                            "sum-over-one",
                            m(
                                format!("機器の割合の合計が 1 を超えています（合計 {dev_sum}）"),
                                format!("device shares add up to more than 1 (sum {dev_sum})"),
                            ),
                            Some(m(
                                "1人が持つ機器は1つとして割り当てられます。合計を 1 以下にしてください",
                                "devices are apportioned one per patient; keep the sum at 1 or less",
                            )),
                        );
                    }
                    self.share(
                        &format!("{cp}.family_support_share"),
                        c.family_support_share,
                    );
                    self.share(&format!("{cp}.no_phone_share"), c.no_phone_share);
                }
                let shares: Vec<f64> = prof.classes.iter().map(|c| c.share).collect();
                self.sums_to_one(&format!("{pp}.classes"), &shares);
            }
        }
    }

    fn plan(&mut self, path: &str, p: &Plan, horizon: u32) {
        let ap = format!("{path}.activation");
        let a = &p.activation;
        self.alert_level(&format!("{ap}.min_alert_level"), a.min_alert_level);
        if let Some(x) = a.activate_below_attendance {
            self.share(&format!("{ap}.activate_below_attendance"), x);
        }
        self.share(&format!("{ap}.release_attendance"), a.release_attendance);
        if let Some(h) = a.leader_decides_at_hour
            && h >= horizon
        {
            self.beyond_horizon(&format!("{ap}.leader_decides_at_hour"), h, horizon);
        }

        self.dist_factor(
            &format!("{path}.attendance.curve_scale"),
            &p.attendance.curve_scale,
        );
        self.curve(
            &format!("{path}.attendance.curve"),
            &p.attendance.curve,
            Self::share,
            m("出勤率の曲線 `curve` が空です", "the attendance `curve` is empty"),
            m(
                "`[(hour: 0, share: 0.03), (hour: 6, share: 0.2)]` のように少なくとも1点書いてください",
                "give at least one point, like `[(hour: 0, share: 0.03), (hour: 6, share: 0.2)]`",
            ),
        );
        // Stock shares above 1 are allowed: a plan may expect deliveries beyond its onset stock.
        self.curve(
            &format!("{path}.stock_curve"),
            &p.stock_curve,
            Self::non_negative,
            m("備蓄の想定 `stock_curve` が空です", "the `stock_curve` is empty"),
            m(
                "書かなければサンプル計画の想定になります。書くなら `[(hour: 0, share: 1.0), (hour: 72, share: 0.2)]` のように少なくとも1点",
                "leave it out for the sample plan's curve, or give at least one point, like `[(hour: 0, share: 1.0), (hour: 72, share: 0.2)]`",
            ),
        );

        let rp = format!("{path}.attendance.roster");
        let r = &p.attendance.roster;
        self.non_negative(&format!("{rp}.near_km"), r.near_km);
        self.non_negative(&format!("{rp}.far_km"), r.far_km);
        if r.near_km.is_finite() && r.far_km.is_finite() && r.far_km < r.near_km {
            self.err(
                &format!("{rp}.far_km"),
                "far-below-near",
                m(
                    format!(
                        "`far_km`（{}）が `near_km`（{}）より短くなっています",
                        r.far_km, r.near_km
                    ),
                    format!(
                        "`far_km` ({}) is shorter than `near_km` ({})",
                        r.far_km, r.near_km
                    ),
                ),
                None,
            );
        }
        self.dist(&format!("{rp}.safety_delay_hours"), &r.safety_delay_hours);
        self.positive(&format!("{rp}.walk_km_per_hour"), r.walk_km_per_hour);
        let nw = format!("{rp}.night_walk_factor");
        if self.finite(&nw, r.night_walk_factor)
            && !(r.night_walk_factor > 0.0 && r.night_walk_factor <= 1.0)
        {
            self.err(
                &nw,
                "out-of-range",
                m(
                    format!(
                        "`night_walk_factor` は 0 より大きく 1 以下にしてください（{}）",
                        r.night_walk_factor
                    ),
                    format!(
                        "`night_walk_factor` must be above 0 and at most 1 ({})",
                        r.night_walk_factor
                    ),
                ),
                None,
            );
        }
        let cd = format!("{rp}.car_delay_factor");
        self.dist(&cd, &r.car_delay_factor);
        let (cd, low) = Self::bound(&cd, &r.car_delay_factor, true);
        if low.is_finite() && low < 1.0 {
            self.err(
                &cd,
                "out-of-range",
                m(
                    format!("`car_delay_factor` は 1 以上にしてください（{low}）"),
                    format!("`car_delay_factor` must be at least 1 ({low})"),
                ),
                Some(m(
                    "道路が損傷しているときに通勤が何倍かかるかです（阪神・淡路大震災では4〜15倍）",
                    "it is how many times longer car commutes take on damaged roads (Kobe 1995: 4 to 15)",
                )),
            );
        }

        let op = format!("{path}.operating_levels");
        for (i, l) in p.operating_levels.iter().enumerate() {
            self.share(&format!("{op}[{i}].min_attendance"), l.min_attendance);
        }
        let mins: Vec<(String, f64)> = p
            .operating_levels
            .iter()
            .enumerate()
            .filter(|(_, l)| l.min_attendance.is_finite())
            .map(|(i, l)| (format!("{op}[{i}].min_attendance"), l.min_attendance))
            .collect();
        self.increasing(&mins);

        let sp = format!("{path}.safety_checks");
        self.at_least_one(&format!("{sp}.call_minutes"), p.safety_checks.call_minutes);
        self.at_least_one(&format!("{sp}.retry_hours"), p.safety_checks.retry_hours);
        let sc = &p.safety_checks;
        self.at_least_one(&format!("{sp}.failed_call_minutes"), sc.failed_call_minutes);
        self.at_least_one(&format!("{sp}.message_minutes"), sc.message_minutes);
        // More redials than this is an endless loop at the phone, not a plan.
        self.int_range(&format!("{sp}.redials"), sc.redials, 0, 20);
        self.share(&format!("{sp}.message_reply_share"), sc.message_reply_share);
        self.dist(
            &format!("{sp}.message_reply_hours"),
            &sc.message_reply_hours,
        );

        let ap = format!("{path}.admission");
        self.non_negative(
            &format!("{ap}.ask_at_reserve_hours"),
            p.admission.ask_at_reserve_hours,
        );
        self.dist(&format!("{ap}.delay_hours"), &p.admission.delay_hours);
        if p.safety_checks.max_callers == Some(0) {
            self.at_least_one(&format!("{sp}.max_callers"), 0);
        }

        let vp = format!("{path}.visits");
        self.at_least_one(&format!("{vp}.visit_minutes"), p.visits.visit_minutes);
        self.at_least_one(
            &format!("{vp}.max_visits_per_staff_day"),
            p.visits.max_visits_per_staff_day,
        );
        self.non_negative(
            &format!("{vp}.urgent_battery_hours"),
            p.visits.urgent_battery_hours,
        );

        let mp = format!("{path}.mutual_aid");
        self.share(&format!("{mp}.ask_below"), p.mutual_aid.ask_below);
        self.share(&format!("{mp}.lend_above"), p.mutual_aid.lend_above);

        let fp = format!("{path}.fatigue");
        self.at_least_one(
            &format!("{fp}.max_continuous_duty_hours"),
            p.fatigue.max_continuous_duty_hours,
        );
        self.int_range(
            &format!("{fp}.normal_day_hours"),
            p.fatigue.normal_day_hours,
            1,
            24,
        );

        let wp = format!("{path}.work");
        let w = &p.work;
        if w.end_hour > 24 {
            self.int_range(&format!("{wp}.end_hour"), w.end_hour, 1, 24);
        } else if w.start_hour >= w.end_hour {
            self.err(
                &format!("{wp}.start_hour"),
                "work-hours",
                m(
                    format!(
                        "勤務開始 `start_hour`（{}）が終了 `end_hour`（{}）より前になっていません",
                        w.start_hour, w.end_hour
                    ),
                    format!(
                        "`start_hour` ({}) is not before `end_hour` ({})",
                        w.start_hour, w.end_hour
                    ),
                ),
                Some(m(
                    "8時〜18時なら `start_hour: 8, end_hour: 18` と書きます",
                    "08:00 to 18:00 is `start_hour: 8, end_hour: 18`",
                )),
            );
        }
    }

    fn beyond_horizon(&mut self, path: &str, h: u32, horizon: u32) {
        let f = field_name(path);
        self.err(
            path,
            "beyond-horizon",
            m(
                format!("`{f}`（{h}）がシミュレーション期間 `horizon_hours`（{horizon}）の外です"),
                format!("`{f}` ({h}) is outside the run (`horizon_hours` {horizon})"),
            ),
            Some(m(
                format!(
                    "{h} 未満にするか、`time.horizon_hours` を {} 以上にしてください",
                    u64::from(h) + 1
                ),
                format!(
                    "use an hour below {horizon}, or raise `time.horizon_hours` to at least {}",
                    u64::from(h) + 1
                ),
            )),
        );
    }

    fn event(&mut self, path: &str, e: &ScheduledEvent, s: &Scenario, k: &Known, horizon: u32) {
        if e.at_hour >= horizon {
            self.beyond_horizon(&format!("{path}.at_hour"), e.at_hour, horizon);
        }
        let ep = format!("{path}.effect");
        match &e.effect {
            Effect::SetLifeline { zone, state, .. } => {
                self.reference(&format!("{ep}.zone"), zone, k.zones, Kind::Zone);
                self.lifeline_state(&format!("{ep}.state"), *state);
            }
            Effect::Resupply {
                agency,
                item,
                quantity,
            } => {
                self.reference(&format!("{ep}.agency"), agency, k.agencies, Kind::Agency);
                if let Some(a) = s.agencies.iter().find(|a| &a.id == agency) {
                    let items: Vec<&str> = a.stocks.iter().map(|s| s.item.as_str()).collect();
                    self.reference(&format!("{ep}.item"), item, &items, Kind::Item);
                }
                self.non_negative(&format!("{ep}.quantity"), *quantity);
            }
            Effect::MovePatient { patient, .. } | Effect::PrioritizeCheck { patient } => {
                if k.generated.patient_owner(patient).is_none() {
                    self.reference(&format!("{ep}.patient"), patient, k.patients, Kind::Patient);
                }
            }
            Effect::StaffUnavailable { staff, hours } => {
                if k.generated.staff_owner(staff).is_none() {
                    self.reference(&format!("{ep}.staff"), staff, k.staff, Kind::Staff);
                }
                self.at_least_one(&format!("{ep}.hours"), *hours);
            }
            Effect::ActivateBcp { agency } | Effect::AddPowerStations { agency, .. } => {
                self.reference(&format!("{ep}.agency"), agency, k.agencies, Kind::Agency);
            }
            Effect::SetAlertLevel { level } => self.alert_level(&format!("{ep}.level"), *level),
            Effect::SendStaff {
                from,
                to,
                count,
                travel_hours,
            } => {
                self.reference(&format!("{ep}.from"), from, k.agencies, Kind::Agency);
                self.reference(&format!("{ep}.to"), to, k.agencies, Kind::Agency);
                self.at_least_one(&format!("{ep}.count"), *count);
                self.non_negative(&format!("{ep}.travel_hours"), *travel_hours);
            }
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
