//! Every shipped scenario (`scenarios/*.ron`) loads without diagnostics, and the sample station
//! says what its source (004, the sample BCP of a visiting nurse station) says.
//!
//! Run with `cargo test --test scenarios_load`.

use std::path::{Path, PathBuf};

use bcpsim_engine::Lang;
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::scenario::{
    AttendanceMode, Hazard, Intensity, LifelineSpec, LifelineState, Scenario, Weekday,
};

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// Every `.ron` file in `scenarios/`, sorted by name.
fn scenario_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenarios_dir())
        .expect("scenarios/ is readable")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> Scenario {
    let text = std::fs::read_to_string(path).expect("scenario file is readable");
    let name = format!(
        "scenarios/{}",
        path.file_name().expect("file name").to_string_lossy()
    );
    match load_scenario(&name, &text) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{name} does not load:\n{}", error.render(Lang::En, false)),
    }
}

fn load_named(file: &str) -> Scenario {
    load(&scenarios_dir().join(file))
}

#[test]
fn every_shipped_scenario_loads_without_diagnostics() {
    let files = scenario_files();
    for expected in [
        "sample-station.ron",
        "sample-station-night.ron",
        "niigata-flood-snow.ron",
        "infection-wave.ron",
        "large-station.ron",
    ] {
        assert!(
            files.iter().any(|f| f.ends_with(expected)),
            "scenarios/{expected} is missing"
        );
    }
    for file in &files {
        let scenario = load(file);
        assert!(!scenario.name.is_empty(), "{} has no name", file.display());
        assert!(
            !scenario.agencies.is_empty(),
            "{} has no agency",
            file.display()
        );
    }
}

#[test]
fn sample_station_matches_its_source() {
    let s = load_named("sample-station.ron");

    // A weekday 14:00 onset, hourly steps, 30 days.
    assert_eq!(s.time.onset_hour, 14);
    assert_eq!(s.time.step_hours, 1);
    assert_eq!(s.time.horizon_hours, 720);
    assert_eq!(s.steps(), 720);
    assert!(matches!(
        s.hazard,
        Hazard::Earthquake {
            intensity: Intensity::SixUpper,
            ..
        }
    ));

    assert_eq!(s.agencies.len(), 1);
    let station = &s.agencies[0];

    // 004 cover page: 15 staff, 9 working on an average day, 8 women aged 50 or under.
    let listed = station.staff.members.len() as u32;
    let generated = station.staff.profile.as_ref().map_or(0, |p| p.count);
    assert_eq!(listed, 6, "the six BCP role holders of 004 §1-1 are listed");
    assert_eq!(listed + generated, 15);
    assert_eq!(station.staff.average_working_per_day, 9.0);
    assert_eq!(station.staff.women_50_or_under, 8);
    let bcp_roles: Vec<_> = station
        .staff
        .members
        .iter()
        .filter_map(|m| m.bcp_role)
        .collect();
    assert_eq!(bcp_roles.len(), 6);

    // 004 cover page: 100 patients.
    let patients = station
        .patients
        .profile
        .as_ref()
        .expect("patients come from a profile");
    assert_eq!(patients.count, 100);
    assert!(station.patients.members.is_empty());
    let share_sum: f64 = patients.classes.iter().map(|c| c.share).sum();
    assert!((share_sum - 1.0).abs() < 1e-9, "class shares sum to 1");

    // 004 §3-10: the plan's attendance curve.
    assert_eq!(station.plan.attendance.mode, AttendanceMode::Curve);
    let curve: Vec<(u32, f64)> = station
        .plan
        .attendance
        .curve
        .iter()
        .map(|p| (p.hour, p.share))
        .collect();
    assert_eq!(
        curve,
        vec![
            (0, 0.03),
            (6, 0.20),
            (24, 0.30),
            (72, 0.50),
            (168, 0.70),
            (720, 0.90)
        ]
    );

    // 004 §2-7: the stockpile table.
    let quantity = |item: &str| {
        station
            .stocks
            .iter()
            .find(|s| s.item == item)
            .unwrap_or_else(|| panic!("stock item {item} is listed"))
            .quantity
    };
    assert_eq!(quantity("water_2l"), 41.0);
    for (item, sample) in [
        ("meals", 81.0),
        ("paper_cups", 27.0),
        ("spoons", 81.0),
        ("portable_toilets", 135.0),
        ("sanitary_products", 22.0),
        ("flashlights", 5.0),
        ("lanterns", 1.0),
        ("mobile_batteries", 3.0),
        ("gloves", 27.0),
        ("masks", 27.0),
        ("hand_warmers", 27.0),
        ("water_tanks_10l", 3.0),
    ] {
        assert_eq!(quantity(item), sample, "{item}");
    }

    // 004 §2-4: no generator, portable power stations not bought yet.
    assert_eq!(station.equipment.portable_power_stations, 0);
    assert!(!station.equipment.generator);
    assert_eq!(
        station.equipment.power_bank_item.as_deref(),
        Some("mobile_batteries")
    );

    // 004 §2-8: finances.
    let finance = station.finance.as_ref().expect("finance is given");
    assert_eq!(finance.monthly_fixed_cost_yen, 1_260_500.0);
    assert_eq!(finance.average_fee_yen, 7_000.0);

    // 004 §1-3: power out on days 0–2, back by day 7; water out until day 7 (the table as
    // written; each run's pace stretches or shrinks it around these hours).
    let zone = &s.zones[0];
    let state_at = |spec: &LifelineSpec, hour: u32| match spec {
        LifelineSpec::Curve(paced) => paced
            .changes
            .iter()
            .rev()
            .find(|c| c.hour <= hour)
            .map_or(LifelineState::Up, |c| c.state),
        other => panic!("expected the table as a paced schedule, got {other:?}"),
    };
    assert_eq!(state_at(&zone.lifelines.power, 0), LifelineState::Down);
    assert_eq!(state_at(&zone.lifelines.power, 71), LifelineState::Down);
    assert!(matches!(
        state_at(&zone.lifelines.power, 72),
        LifelineState::Degraded(_)
    ));
    assert_eq!(state_at(&zone.lifelines.power, 168), LifelineState::Up);
    assert_eq!(state_at(&zone.lifelines.water, 167), LifelineState::Down);
    assert!(matches!(
        state_at(&zone.lifelines.water, 168),
        LifelineState::Degraded(_)
    ));
}

#[test]
fn night_variant_uses_the_roster() {
    let s = load_named("sample-station-night.ron");
    assert_eq!(s.time.onset_hour, 2);
    assert_eq!(s.agencies[0].plan.attendance.mode, AttendanceMode::Roster);
}

#[test]
fn infection_wave_has_no_lifeline_damage() {
    let s = load_named("infection-wave.ron");
    assert!(matches!(s.hazard, Hazard::Infection(_)));
    for zone in &s.zones {
        for lifeline in bcpsim_engine::scenario::Lifeline::ALL {
            assert_eq!(zone.lifelines.get(lifeline), &LifelineSpec::Up);
        }
    }
    assert!(
        s.agencies[0]
            .plan
            .activation
            .activate_below_attendance
            .is_some()
    );
}

#[test]
fn sample_station_staff_mix_is_the_one_in_its_comments() {
    use bcpsim_engine::scenario::{CommuteMode, VisitMode};
    use std::collections::BTreeMap;

    let s = load_named("sample-station.ron");
    let staff = s.agencies[0].expanded_staff();
    assert_eq!(staff.len(), 15);

    let mut commute: BTreeMap<CommuteMode, u32> = BTreeMap::new();
    let mut visit: BTreeMap<VisitMode, u32> = BTreeMap::new();
    for m in &staff {
        *commute.entry(m.commute).or_default() += 1;
        *visit.entry(m.visit_mode).or_default() += 1;
    }
    // 004 cover page: 30 / 30 / 10 / 10 / 20 % of 15 = 4.5 / 4.5 / 1.5 / 1.5 / 3.
    assert_eq!(
        commute,
        BTreeMap::from([
            (CommuteMode::PublicTransport, 4),
            (CommuteMode::Bicycle, 5),
            (CommuteMode::Motorbike, 2),
            (CommuteMode::Car, 1),
            (CommuteMode::Walk, 3),
        ])
    );
    // 004 cover page: car 10 %, motorbike 40 %, bicycle 50 % of 15 = 1.5 / 6 / 7.5.
    assert_eq!(
        visit,
        BTreeMap::from([
            (VisitMode::Car, 2),
            (VisitMode::Motorbike, 6),
            (VisitMode::Bicycle, 7),
        ])
    );
    assert_eq!(staff.iter().filter(|m| m.small_children).count(), 5);
    assert_eq!(staff.iter().filter(|m| m.dependent_care).count(), 1);
    // 近隣在住のスタッフが多い: most live within 5 km.
    assert!(staff.iter().filter(|m| m.home_km <= 5.0).count() >= 11);

    // 100 patients, all within the 4 km visiting radius; 20 / 38 / 42 by class.
    let patients = s.agencies[0].expanded_patients();
    assert_eq!(patients.len(), 100);
    assert!(patients.iter().all(|p| p.home_km <= 4.0));
    let in_class = |c| patients.iter().filter(|p| p.class == c).count();
    use bcpsim_engine::scenario::PriorityClass;
    assert_eq!(
        (
            in_class(PriorityClass::A),
            in_class(PriorityClass::B),
            in_class(PriorityClass::C)
        ),
        (20, 38, 42)
    );
    assert_eq!(
        patients.iter().filter(|p| !p.devices.is_empty()).count(),
        14
    );
}

#[test]
fn large_station_mix_is_the_one_in_its_comments() {
    use bcpsim_engine::scenario::{CommuteMode, PriorityClass, Role, VisitMode};
    use std::collections::BTreeMap;

    let s = load_named("large-station.ron");
    assert_eq!(
        (s.time.onset_weekday, s.time.onset_hour),
        (Weekday::Mon, 10)
    );
    let station = &s.agencies[0];
    assert_eq!(station.staff.average_working_per_day, 16.0);
    assert_eq!(station.equipment.cars, 4);
    assert_eq!(station.equipment.portable_power_stations, 2);

    let staff = station.expanded_staff();
    assert_eq!(staff.len(), 28);
    let count = |f: &dyn Fn(&bcpsim_engine::scenario::StaffMemberSpec) -> bool| {
        staff.iter().filter(|m| f(m)).count()
    };
    let mut commute: BTreeMap<CommuteMode, u32> = BTreeMap::new();
    let mut visit: BTreeMap<VisitMode, u32> = BTreeMap::new();
    let mut roles: BTreeMap<Role, u32> = BTreeMap::new();
    for m in &staff {
        *commute.entry(m.commute).or_default() += 1;
        *visit.entry(m.visit_mode).or_default() += 1;
        *roles.entry(m.role).or_default() += 1;
    }
    assert_eq!(
        commute,
        BTreeMap::from([
            (CommuteMode::PublicTransport, 8),
            (CommuteMode::Bicycle, 8),
            (CommuteMode::Motorbike, 3),
            (CommuteMode::Car, 3),
            (CommuteMode::Walk, 6),
        ])
    );
    // One car-visiting member per visit car.
    assert_eq!(
        visit,
        BTreeMap::from([
            (VisitMode::Car, 4),
            (VisitMode::Motorbike, 11),
            (VisitMode::Bicycle, 13),
        ])
    );
    assert_eq!(
        roles,
        BTreeMap::from([
            (Role::Nurse, 18),
            (Role::PhysicalTherapist, 3),
            (Role::OccupationalTherapist, 2),
            (Role::CareManager, 2),
            (Role::Clerk, 2),
            (Role::Other, 1),
        ])
    );
    assert_eq!(count(&|m| m.small_children), 9);
    assert_eq!(count(&|m| m.dependent_care), 2);
    assert_eq!(count(&|m| m.bcp_role.is_some()), 6);

    // 170 patients within 5 km; 34 / 65 / 71 by class; 24 power-dependent devices.
    let patients = station.expanded_patients();
    assert_eq!(patients.len(), 170);
    assert!(patients.iter().all(|p| p.home_km <= 5.0));
    let in_class = |c| patients.iter().filter(|p| p.class == c).count();
    assert_eq!(
        (
            in_class(PriorityClass::A),
            in_class(PriorityClass::B),
            in_class(PriorityClass::C)
        ),
        (34, 65, 71)
    );
    assert_eq!(
        patients.iter().filter(|p| !p.devices.is_empty()).count(),
        24
    );

    // Random lifelines; power fully back after 5 days on average (Kumamoto 2016).
    let LifelineSpec::Restoration(power) = &s.zones[0].lifelines.power else {
        panic!("the large station's power is a random restoration");
    };
    let mean_hours = power.down_hours.mean() + power.degraded_hours.mean();
    assert_eq!(mean_hours, 120.0);
}
