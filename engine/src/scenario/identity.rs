//! What makes two scenarios the same: a content hash of the whole scenario (shards of one batch
//! must come from exactly the same input) and one of its disaster side alone (a plan variant is
//! paired with its base only when both live through the same disaster with the same people).
//!
//! Hashes are SHA-256 of the scenario's JSON form. Struct fields serialize in declaration order
//! and maps are ordered, so the hash depends on the content only, never on the file's layout,
//! comments or the order of a run's threads.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{AgencyKind, AgencySpec, Coping, Hazard, PatientsSpec, Scenario, ScheduledEvent};
use super::{StaffSpec, TimeSpec, ZoneSpec};

/// The part of a scenario a plan variant cannot change (docs/variants.md): the disaster and the
/// people. Random streams are keyed by exactly these, so equal disaster sides mean run *i* of
/// both sees the same disaster.
#[derive(Serialize)]
struct DisasterSide<'a> {
    time: &'a TimeSpec,
    hazard: &'a Hazard,
    zones: &'a [ZoneSpec],
    coping: &'a Coping,
    agencies: Vec<AgencyPeople<'a>>,
    events: Vec<&'a ScheduledEvent>,
}

#[derive(Serialize)]
struct AgencyPeople<'a> {
    id: &'a str,
    kind: AgencyKind,
    zone: &'a str,
    staff: &'a StaffSpec,
    patients: &'a PatientsSpec,
}

impl<'a> AgencyPeople<'a> {
    fn of(a: &'a AgencySpec) -> Self {
        AgencyPeople {
            id: &a.id,
            kind: a.kind,
            zone: &a.zone,
            staff: &a.staff,
            patients: &a.patients,
        }
    }
}

/// The parts of a disaster side, by name, for saying which one differs.
const PARTS: [&str; 6] = ["time", "hazard", "zones", "coping", "agencies", "events"];

impl Scenario {
    /// SHA-256 (hex) of the whole scenario's content.
    pub fn content_sha256(&self) -> String {
        sha256_json(self)
    }

    /// SHA-256 (hex) of the disaster side: time, hazard, zones and their lifelines, coping,
    /// each agency's id, kind, zone, staff and patients, and the events that change the
    /// disaster. Equal for a base and every variant of it.
    pub fn disaster_sha256(&self) -> String {
        sha256_json(&self.disaster_side())
    }

    /// The first part of the disaster side (`time`, `hazard`, `zones`, `coping`, `agencies`,
    /// `events`) that differs from `other`'s; `None` when the disaster sides are equal.
    pub fn disaster_difference(&self, other: &Scenario) -> Option<&'static str> {
        let (a, b) = (self.disaster_side(), other.disaster_side());
        let parts = |d: &DisasterSide| {
            [
                sha256_json(d.time),
                sha256_json(d.hazard),
                sha256_json(d.zones),
                sha256_json(d.coping),
                sha256_json(&d.agencies),
                sha256_json(&d.events),
            ]
        };
        PARTS
            .iter()
            .zip(parts(&a).iter().zip(parts(&b).iter()))
            .find(|(_, (x, y))| x != y)
            .map(|(name, _)| *name)
    }

    fn disaster_side(&self) -> DisasterSide<'_> {
        DisasterSide {
            time: &self.time,
            hazard: &self.hazard,
            zones: &self.zones,
            coping: &self.coping,
            agencies: self.agencies.iter().map(AgencyPeople::of).collect(),
            events: self
                .events
                .iter()
                .filter(|e| e.effect.disaster_kind().is_some())
                .collect(),
        }
    }
}

fn sha256_json<T: Serialize + ?Sized>(value: &T) -> String {
    // JSON of plain data does not fail (enum map keys are written as strings); should a future
    // type not fit JSON, its RON form still identifies the content.
    let bytes = serde_json::to_vec(value)
        .or_else(|_| ron::to_string(value).map(String::into_bytes))
        .unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::load::load_scenario;
    use crate::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};

    #[test]
    fn plan_changes_keep_the_disaster_content_changes_do_not() {
        let base = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
        let mut plan = base.clone();
        plan.agencies[0].equipment.portable_power_stations += 3;
        assert_eq!(base.disaster_sha256(), plan.disaster_sha256());
        assert_eq!(base.disaster_difference(&plan), None);
        assert_ne!(base.content_sha256(), plan.content_sha256());

        let mut later = base.clone();
        later.time.onset_hour = (later.time.onset_hour + 1) % 24;
        assert_ne!(base.disaster_sha256(), later.disaster_sha256());
        assert_eq!(base.disaster_difference(&later), Some("time"));

        let mut more = base.clone();
        more.agencies[0].staff.average_working_per_day += 1.0;
        assert_eq!(base.disaster_difference(&more), Some("agencies"));
        // A SHA-256 in hex.
        assert_eq!(base.content_sha256().len(), 64);
    }
}
