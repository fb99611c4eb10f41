//! Scenarios shipped with bcpsim, embedded so that a run needs no file.

/// The sample visiting nurse station of the seed BCP (004): a Tokyo inland earthquake.
pub const SAMPLE_STATION: &str = include_str!("../samples/sample-station.ron");

/// The name diagnostics give the embedded sample.
pub const SAMPLE_STATION_NAME: &str = "scenarios/sample-station.ron";

/// The sample station with a tabletop exercise's injects (docs/exercise.md): what
/// `bcpsim exercise` runs without a scenario.
pub const EXERCISE_SAMPLE: &str = include_str!("../samples/exercise-sample-station.ron");

/// The name the embedded exercise sample is recorded and shown under.
pub const EXERCISE_SAMPLE_NAME: &str = "scenarios/exercise-sample-station.ron";

/// The embedded scenario whose bytes have SHA-256 `sha256_hex` (lower-case hex), with its
/// name: a session file recorded against a shipped sample finds it wherever the file is moved.
pub fn builtin_by_hash(sha256_hex: &str) -> Option<(&'static str, &'static str)> {
    [
        (SAMPLE_STATION_NAME, SAMPLE_STATION),
        (EXERCISE_SAMPLE_NAME, EXERCISE_SAMPLE),
    ]
    .into_iter()
    .find(|(_, text)| crate::exercise::file::sha256_hex(text.as_bytes()) == sha256_hex)
}

use crate::load::load_scenario;
use crate::scenario::{Dist, LifelineSpec, RandomOutage, Scenario, ZoneSpec};

/// A generated region for benchmarks and scaling studies: `agencies` copies of the sample
/// station (each with `patients_per_agency` patients, the sample's class mix, and the sample's
/// 15 staff), spread round-robin over four zones whose lifelines are restored after random
/// times (Cabinet Office targets for a Tokyo inland quake as medians: power 6 days, telecom
/// 14, water 30, gas 55; Hazus-like spreads), for `days` days hourly.
pub fn generated_region(agencies: usize, patients_per_agency: u32, days: u32) -> Scenario {
    let mut region =
        load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("the embedded sample is valid");
    let template = region.agencies[0].clone();
    let zone_template = region.zones[0].clone();
    let outage = |median_days: f64| {
        LifelineSpec::Restoration(RandomOutage {
            start_hour: 0,
            down_hours: Dist::LogNormal {
                median: median_days * 24.0 * 0.6,
                sigma: 0.5,
            },
            degraded_hours: Dist::LogNormal {
                median: median_days * 24.0 * 0.4,
                sigma: 0.5,
            },
            degraded_level: 0.5,
        })
    };
    region.name = format!(
        "generated region: {agencies} agencies × {patients_per_agency} patients, {days} days"
    );
    region.time.horizon_hours = days * 24;
    region.events.clear();
    region.zones = (0..4)
        .map(|z| {
            let mut zone = ZoneSpec {
                id: format!("z{z}"),
                name: format!("zone {z}"),
                ..zone_template.clone()
            };
            zone.lifelines.power = outage(6.0);
            zone.lifelines.telecom_voice = outage(14.0);
            zone.lifelines.telecom_data = outage(14.0);
            zone.lifelines.water = outage(30.0);
            zone.lifelines.gas = outage(55.0);
            zone
        })
        .collect();
    region.agencies = (0..agencies)
        .map(|i| {
            let mut a = template.clone();
            a.id = format!("st{i:02}");
            a.zone = format!("z{}", i % 4);
            for (k, m) in a.staff.members.iter_mut().enumerate() {
                m.id = format!("st{i:02}-m{k}");
            }
            if let Some(p) = &mut a.patients.profile {
                p.count = patients_per_agency;
            }
            a.patients.members.clear();
            a
        })
        .collect();
    region
}

/// The embedded sample station, loaded, for tests.
#[cfg(test)]
pub(crate) fn sample_station() -> Scenario {
    load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("the embedded sample is valid")
}

/// A scenario shipped under `scenarios/` (`path` below it), read from the repository, for
/// tests.
#[cfg(test)]
pub(crate) fn shipped(path: &str) -> Scenario {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/");
    let text = std::fs::read_to_string(format!("{dir}{path}")).expect("a shipped scenario");
    load_scenario(path, &text).expect("a valid scenario")
}

/// A variant shipped under `scenarios/variants/`, applied to its base, for tests.
#[cfg(test)]
pub(crate) fn shipped_variant(name: &str) -> Scenario {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/variants/");
    let text = std::fs::read_to_string(format!("{dir}{name}")).expect("the variant");
    let mut read = |base: &str| {
        let path = format!("{dir}{base}");
        std::fs::read_to_string(&path)
            .map(|t| (path, t))
            .map_err(|e| e.to_string())
    };
    crate::variant::load_variant(name, &text, &mut read)
        .expect("a valid variant")
        .scenario
}
