//! The engine's behaviour on small scenarios whose results can be worked out by hand. Each
//! expected number has its calculation beside it.

use bcpsim_engine::load::load_scenario;
use bcpsim_engine::outcome::{EventKind, RunResult};
use bcpsim_engine::scenario::Scenario;
use bcpsim_engine::{Lang, RunOptions, simulate};

fn load(text: &str) -> Scenario {
    match load_scenario("test.ron", text) {
        Ok(s) => s,
        Err(e) => panic!(
            "test scenario does not load:\n{}",
            e.render(Lang::En, false)
        ),
    }
}

fn run(text: &str) -> RunResult {
    simulate(&load(text), 1, 0, RunOptions::FULL)
}

/// One nurse, one ventilator patient with an 8 h battery, power out for 48 h from onset.
/// `ARRIVAL` is the plan curve (who is there when); `STATIONS` the portable power stations.
/// No hospital admission, so the battery rules alone decide.
const VENTILATOR: &str = r#"
Scenario(
    name: "ventilator",
    time: (onset_weekday: Wed, onset_hour: 0, horizon_hours: 48),
    hazard: Earthquake(intensity: SixUpper, staff_risks: (injury_share: 0.0, family_injured_share: 0.0)),
    zones: [(id: "z", lifelines: (power: Schedule([(hour: 0, state: Down), (hour: 48, state: Up)])))],
    agencies: [(
        id: "st",
        kind: VisitingNurseStation,
        zone: "z",
        staff: (average_working_per_day: 1.0, members: [(id: "n1", role: Nurse, home_km: 1.0, commute: Walk)]),
        patients: (members: [(id: "p1", class: A, home_km: 1.0, devices: [(kind: Ventilator, battery_hours: 8.0)])]),
        equipment: (portable_power_stations: STATIONS),
        plan: (attendance: (mode: Curve, curve: ARRIVAL), admission: (devices: [])),
    )],
)
"#;

fn ventilator(arrival: &str, stations: u32) -> RunResult {
    run(&VENTILATOR
        .replace("ARRIVAL", arrival)
        .replace("STATIONS", &stations.to_string()))
}

#[test]
fn ventilator_battery_runs_out_at_hour_8_without_a_visit() {
    // No staff ever: the 8 h battery drains 1 h per step from hour 0 and is empty at hour 8.
    let r = ventilator("[(hour: 0, share: 0.0)]", 1);
    let c = &r.summary.region.critical;
    assert_eq!(c.battery_depleted_patients, 1);
    // At zero from hour 8 until power returns at 48: steps 8..=47, 40 hours.
    assert_eq!(c.depleted_patient_hours, 40);
    let depleted: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.kind == EventKind::BatteryDepleted)
        .collect();
    assert_eq!(depleted.len(), 1);
    assert_eq!(depleted[0].value, Some(8.0));
    // The margin: 8 h full, nothing left at the lowest, 48 steps without power (0..=47), 40 of
    // them at zero, first out at hour 8.
    let m = &r.summary.battery_margins;
    assert_eq!(m.len(), 1);
    assert_eq!((m[0].patient.as_str(), m[0].class.as_str()), ("p1", "a"));
    assert_eq!(m[0].capacity_hours, 8.0);
    assert_eq!(m[0].lowest_battery_hours, 0.0);
    assert_eq!(m[0].hours_without_power, 48);
    assert_eq!(m[0].depleted_hours, 40);
    assert_eq!(m[0].first_depleted_hour, Some(8));
}

#[test]
fn each_step_records_the_plans_own_stock_curve() {
    // stock_curve 100 % at 0 h and 50 % at 10 h: 80 % at hour 4 (linear), 50 % from 10 on.
    let text = VENTILATOR
        .replace("ARRIVAL", "[(hour: 0, share: 0.0)]")
        .replace("STATIONS", "0")
        .replace(
            "admission: (devices: [])),",
            "admission: (devices: []), \
             stock_curve: [(hour: 0, share: 1.0), (hour: 10, share: 0.5)]),",
        );
    let r = run(&text);
    let at = |h: u32| {
        r.timeseries
            .rows()
            .iter()
            .find(|row| row.hour == h)
            .unwrap()
            .plan_stock
    };
    assert!((at(4) - 0.8).abs() < 1e-12);
    assert_eq!(at(30), 0.5);
    // Without one, the sample plan's curve (004 §3-10): 70 % at 1 day.
    let default = ventilator("[(hour: 0, share: 0.0)]", 0);
    let row = default
        .timeseries
        .rows()
        .iter()
        .find(|row| row.hour == 24)
        .unwrap();
    assert_eq!(row.plan_stock, 0.7);
}

#[test]
fn battery_margin_is_the_least_left_during_an_outage() {
    // Power out only for hours 0–4 (up again at 5): the 8 h battery drains 5 h, to 3 h left
    // at its lowest, and never runs out.
    let text = VENTILATOR
        .replace("ARRIVAL", "[(hour: 0, share: 0.0)]")
        .replace("STATIONS", "0")
        .replace("(hour: 48, state: Up)", "(hour: 5, state: Up)");
    let r = run(&text);
    let m = &r.summary.battery_margins[0];
    assert_eq!(m.lowest_battery_hours, 3.0);
    assert_eq!(m.hours_without_power, 5);
    assert_eq!((m.depleted_hours, m.first_depleted_hour), (0, None));
}

#[test]
fn a_visit_bringing_power_at_hour_6_prevents_depletion_by_hour_8() {
    // The nurse is there from hour 6 (curve 0 until 5, 100 % of W = 1 at 6). At hour 6 the
    // battery has 8 − 6 = 2 h left, within the default urgent margin of 6 h: she visits and
    // lends the power station (12 h), so the battery is full and not drained at hour 8.
    let r = ventilator(
        "[(hour: 0, share: 0.0), (hour: 5, share: 0.0), (hour: 6, share: 1.0)]",
        1,
    );
    let power = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::PowerBrought)
        .expect("power brought");
    assert_eq!(power.hour, 6);
    assert!(
        !r.events
            .iter()
            .any(|e| e.kind == EventKind::BatteryDepleted && e.hour <= 8)
    );
    assert_eq!(r.summary.region.visits.urgent_power_visits, 1);
}

#[test]
fn without_anything_to_bring_the_urgent_visit_is_not_made() {
    // Same, but no power station and no car: nothing a visit could bring, so the battery
    // still runs out at hour 8.
    let r = ventilator(
        "[(hour: 0, share: 0.0), (hour: 5, share: 0.0), (hour: 6, share: 1.0)]",
        0,
    );
    let depleted = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::BatteryDepleted)
        .expect("depleted");
    assert_eq!(depleted.value, Some(8.0));
}

#[test]
fn toilets_unusable_while_water_or_power_is_out() {
    // Water out hours 0–9, power out 5–14: toilets unusable 0–14, usable from 15.
    // One person on site all the time uses 5 portable toilets a day while toilets are
    // unusable: 15 h × 5 ÷ 24 = 3.125 of 10.
    let text = r#"
Scenario(
    name: "toilets",
    time: (onset_weekday: Wed, onset_hour: 0, horizon_hours: 24),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: "z", lifelines: (
        water: Schedule([(hour: 0, state: Down), (hour: 10, state: Up)]),
        power: Schedule([(hour: 5, state: Down), (hour: 15, state: Up)]),
    ))],
    agencies: [(
        id: "st",
        kind: VisitingNurseStation,
        zone: "z",
        staff: (average_working_per_day: 1.0, members: [(id: "n1", role: Nurse, home_km: 1.0, commute: Walk)]),
        stocks: [(item: "portable_toilets", quantity: 10.0, unit: "piece",
                  consumption: [(amount: 5.0, per: PersonDay, only_while: ToiletsUnusable)])],
        plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)])),
    )],
)
"#;
    let r = run(text);
    let usable: Vec<bool> = r
        .timeseries
        .rows()
        .iter()
        .map(|row| row.toilets_usable)
        .collect();
    assert_eq!(usable.len(), 24);
    assert!(usable[..15].iter().all(|u| !u), "unusable 0–14: {usable:?}");
    assert!(
        usable[15..].iter().all(|u| *u),
        "usable from 15: {usable:?}"
    );
    let left = r.summary.region.stocks["portable_toilets"].final_quantity;
    assert!((left - (10.0 - 3.125)).abs() < 1e-9, "left {left}");
}

#[test]
fn with_no_disaster_every_demanded_visit_is_delivered() {
    // Three nurses working every day 08–18, five patients each needing one visit a day at
    // 09:00, for three days: 15 demands. Three visits start at 09:00 (58 min + 2 × 1 km at
    // 15 km/h = 8 min, busy to 10:06), the other two at 11:00: all 15 are delivered.
    let text = r#"
Scenario(
    name: "normal days",
    time: (onset_weekday: Mon, onset_hour: 0, horizon_hours: 72),
    hazard: None,
    zones: [(id: "z")],
    agencies: [(
        id: "st",
        kind: VisitingNurseStation,
        zone: "z",
        staff: (average_working_per_day: 3.0, members: [
            (id: "n1", role: Nurse, home_km: 1.0, commute: Walk),
            (id: "n2", role: Nurse, home_km: 1.0, commute: Walk),
            (id: "n3", role: Nurse, home_km: 1.0, commute: Walk),
        ]),
        patients: (members: [
            (id: "p1", class: A, home_km: 1.0, needs: [(category: MedicalCare, every_hours: 24, first_due_hour: 9)]),
            (id: "p2", class: B, home_km: 1.0, needs: [(category: Excretion, every_hours: 24, first_due_hour: 9)]),
            (id: "p3", class: B, home_km: 1.0, needs: [(category: Meals, every_hours: 24, first_due_hour: 9)]),
            (id: "p4", class: C, home_km: 1.0, needs: [(category: OtherCare, every_hours: 24, first_due_hour: 9)]),
            (id: "p5", class: C, home_km: 1.0, needs: [(category: Rehabilitation, every_hours: 24, first_due_hour: 9)]),
        ]),
        plan: (
            attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)]),
            work: (start_hour: 8, end_hour: 18, days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]),
        ),
    )],
)
"#;
    let r = run(text);
    let v = &r.summary.region.visits;
    assert_eq!(v.demanded, 15);
    assert_eq!(v.delivered, 15);
    assert_eq!(v.open_at_end, 0);
    assert_eq!(r.summary.region.activation.activated_hour, None);
}

#[test]
fn the_crew_at_work_at_a_14_00_onset_stays_on_duty() {
    // The sample station at 14:00 on a Wednesday: the day's rota puts W = 9 of the 15 staff
    // at work. They stay (004 §3-6 has them checking patients' devices), except anyone
    // injured or with injured family (5 % + 5 % per person per run): 9 × 0.95 × 0.95 ≈ 8.1
    // expected at hour 0, not round(3 % × 9) = 0. Over 20 runs the mean is above 7.5 (the
    // count of those hurt is Binomial(9, 0.0975): sd 0.9, so the mean's sd is 0.2).
    let text = include_str!("../../scenarios/sample-station.ron");
    let scenario = load(text);
    let mut total = 0;
    for run in 0..20 {
        let r = simulate(&scenario, 1, run, RunOptions::FULL);
        let at = |hour: u32| {
            r.timeseries
                .rows()
                .iter()
                .find(|row| row.hour == hour)
                .expect("row")
        };
        let first = at(0);
        assert!(first.bcp_active);
        assert!(first.present <= 9, "run {run}: {} present", first.present);
        // The fatigue limit holds (12 h on at most, the sample's plan).
        assert!(r.summary.region.staff.longest_continuous_duty_hours <= 12);
        total += first.present;
        // Resting in rotation: while the BCP is active, never nobody on duty while 2 or more
        // are present.
        for row in r.timeseries.rows() {
            if row.bcp_active && row.present >= 2 {
                assert!(
                    row.on_duty >= 1,
                    "run {run}: nobody on duty at {}",
                    row.hour
                );
            }
        }
    }
    assert!(
        f64::from(total) / 20.0 > 7.5,
        "mean present at onset {}",
        total as f64 / 20.0
    );
}

/// `N` staff, W = `W`, all off duty at a 02:00 onset; the plan curve alone brings them in.
const CURVE_ONLY: &str = r#"
Scenario(
    name: "curve",
    time: (onset_weekday: Sun, onset_hour: 2, horizon_hours: 50),
    hazard: Earthquake(intensity: SixUpper, staff_risks: (injury_share: 0.0, family_injured_share: 0.0)),
    zones: [(id: "z", lifelines: (power: Schedule([(hour: 0, state: Down)])))],
    agencies: [(
        id: "st",
        kind: VisitingNurseStation,
        zone: "z",
        staff: (average_working_per_day: 10.0, profile: Some((
            count: 20, roles: {Nurse: 1.0}, commute: {Walk: 1.0}, visit_modes: {Bicycle: 1.0},
            home_km: Fixed(1.0),
        ))),
        plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.0), (hour: 24, share: 0.5), (hour: 48, share: 1.0)])),
    )],
)
"#;

#[test]
fn curve_mode_follows_the_plan_curve_in_expectation() {
    // Nobody at work at 02:00 on a Sunday; 20 staff, W = 10. Each comes in once the curve's
    // (share × W − 0 stayers) ÷ 20 passes their own uniform draw, so at 24 h (50 %: 5 people)
    // each is in with chance 5/20 — Binomial(20, 0.25): mean 5, sd 1.94 — and at 48 h (100 %)
    // with chance 10/20: mean 10. Over 400 runs the mean's standard error is below 0.13; the
    // tolerance 0.5 is about 4 of them. Runs must differ (no fixed count).
    let scenario = load(CURVE_ONLY);
    let runs = 400;
    let mut sums = [0.0f64; 2];
    let mut seen = std::collections::BTreeSet::new();
    for run in 0..runs {
        let r = simulate(&scenario, 7, run, RunOptions::FULL);
        let at = |hour: u32| {
            r.timeseries
                .rows()
                .iter()
                .find(|row| row.hour == hour)
                .expect("row")
        };
        assert_eq!(at(0).present, 0);
        sums[0] += f64::from(at(24).present);
        sums[1] += f64::from(at(48).present);
        seen.insert(at(24).present);
    }
    let mean = sums.map(|s| s / runs as f64);
    assert!(
        (mean[0] - 5.0).abs() < 0.5,
        "mean present at 24 h: {}",
        mean[0]
    );
    assert!(
        (mean[1] - 10.0).abs() < 0.5,
        "mean present at 48 h: {}",
        mean[1]
    );
    assert!(
        seen.len() >= 4,
        "present at 24 h varies between runs: {seen:?}"
    );
}

#[test]
fn roster_mode_follows_the_assembly_rules() {
    // 6強 at 02:00 on a Sunday: nobody at work. Safety delay fixed at 1 h; walking at night at
    // 3.6 × 0.8 = 2.88 km/h.
    // - near (2 km, walks): sets out on their own: 1 + 2 / 2.88 = 1.69 h → present from step 1;
    // - far (8 km, beyond 5 km, walks): comes when called at hour 24 (02:00, night, no delay):
    //   24 + 8 / 2.88 = 26.78 → present from step 26;
    // - parent (1 km, small children): exempt until hour 168 → present from 168 + 1 / 3.6
    //   (08:00 is day) = 168.28 → step 168;
    // - train (3 km by rail, rail down): walks instead: 1 + 3 / 2.88 = 2.04 → step 2.
    let text = r#"
Scenario(
    name: "roster",
    time: (onset_weekday: Sun, onset_hour: 2, horizon_hours: 170),
    hazard: Earthquake(intensity: SixUpper, staff_risks: (injury_share: 0.0, family_injured_share: 0.0)),
    zones: [(id: "z", lifelines: (rail: Schedule([(hour: 0, state: Down)]), power: Schedule([(hour: 0, state: Down)])))],
    agencies: [(
        id: "st",
        kind: VisitingNurseStation,
        zone: "z",
        staff: (average_working_per_day: 4.0, members: [
            (id: "near", role: Nurse, home_km: 2.0, commute: Walk),
            (id: "far", role: Nurse, home_km: 8.0, commute: Walk),
            (id: "parent", role: Nurse, home_km: 1.0, commute: Walk, small_children: true),
            (id: "train", role: Nurse, home_km: 3.0, commute: PublicTransport),
        ]),
        plan: (attendance: (mode: Roster, curve: [(hour: 0, share: 0.03)], roster: (safety_delay_hours: Fixed(1.0)))),
    )],
)
"#;
    let r = run(text);
    let arrived = |id: &str| {
        r.events
            .iter()
            .find(|e| e.kind == EventKind::StaffArrived && e.subject.as_deref() == Some(id))
            .map(|e| e.hour)
    };
    assert_eq!(arrived("near"), Some(1));
    assert_eq!(arrived("train"), Some(2));
    assert_eq!(arrived("far"), Some(26));
    assert_eq!(arrived("parent"), Some(168));
    let present = |hour: u32| {
        r.timeseries
            .rows()
            .iter()
            .find(|row| row.hour == hour)
            .map(|row| row.present)
    };
    assert_eq!(present(0), Some(0));
    assert_eq!(present(3), Some(2));
    assert_eq!(present(30), Some(3));
}

#[test]
fn same_seed_same_result_and_another_seed_changes_a_draw() {
    let text = include_str!("../../scenarios/sample-station.ron");
    let scenario = load(text);
    let json = |seed| {
        serde_json::to_string(&simulate(&scenario, seed, 0, RunOptions::FULL)).expect("json")
    };
    assert_eq!(json(7), json(7));
    assert_ne!(json(7), json(8));
}

#[test]
fn mobile_network_fails_when_base_station_batteries_run_out() {
    // Power out from onset, voice telecom itself up, base stations hold 24 h (004 §1-3). After
    // step t the zone has been without power t + 1 hours: the batteries are flat once that
    // exceeds 24, i.e. from step 24 on, until power returns at hour 30.
    let text = r#"
Scenario(
    name: "base stations",
    time: (onset_weekday: Wed, onset_hour: 0, horizon_hours: 36),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: "z", base_station_battery_hours: 24.0,
             lifelines: (power: Schedule([(hour: 0, state: Down), (hour: 30, state: Up)])))],
    agencies: [(
        id: "st",
        kind: VisitingNurseStation,
        zone: "z",
        staff: (average_working_per_day: 1.0, members: [(id: "n1", role: Nurse, home_km: 1.0, commute: Walk)]),
        plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)])),
    )],
)
"#;
    let r = run(text);
    let mobile: Vec<bool> = r
        .timeseries
        .rows()
        .iter()
        .map(|row| row.mobile_network)
        .collect();
    assert!(mobile[..24].iter().all(|m| *m), "up for 24 h: {mobile:?}");
    assert!(
        mobile[24..30].iter().all(|m| !m),
        "down from 24 to 29: {mobile:?}"
    );
    assert!(
        mobile[30..].iter().all(|m| *m),
        "back with power at 30: {mobile:?}"
    );
    let lost: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.kind == EventKind::MobileNetworkLost)
        .collect();
    assert_eq!(lost.len(), 1);
    assert_eq!(lost[0].hour, 24);
}

#[test]
fn storm_alert_level_activates_and_release_follows_the_plan() {
    // Alert 3 at onset, 4 at hour 5, back to 2 at hour 20; default rule: activate at 4 or
    // more, release when the alert has fallen below 4, every lifeline is up and attendance
    // (present ÷ W = 1 ÷ 1) is at least 90 %. No lifeline damage: released at hour 20.
    let text = r#"
Scenario(
    name: "storm",
    time: (onset_weekday: Wed, onset_hour: 0, horizon_hours: 30),
    hazard: Storm(alert_levels: [(hour: 0, level: 3), (hour: 5, level: 4), (hour: 20, level: 2)]),
    zones: [(id: "z")],
    agencies: [(
        id: "st",
        kind: VisitingNurseStation,
        zone: "z",
        staff: (average_working_per_day: 1.0, members: [(id: "n1", role: Nurse, home_km: 1.0, commute: Walk)]),
        plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)])),
    )],
)
"#;
    let r = run(text);
    let a = &r.summary.region.activation;
    assert_eq!(a.activated_hour, Some(5));
    assert_eq!(a.released_hour, Some(20));
    let active: Vec<bool> = r
        .timeseries
        .rows()
        .iter()
        .map(|row| row.bcp_active)
        .collect();
    assert!(
        active[..5].iter().all(|x| !x)
            && active[5..20].iter().all(|x| *x)
            && active[20..].iter().all(|x| !x)
    );
}

#[test]
fn an_urgent_visit_without_a_power_station_goes_by_car_for_its_inverter() {
    // One nurse from hour 6 (onset 00:00), no power station, one car with an inverter and
    // fuel. Each urgent visit goes by car and recharges the 8 h battery; the patient is due
    // again when 6 h are left, two hours later. A visit takes 58 min + 2 × 1 km at 25 km/h
    // (5 min) = 63 min, so she is free again the step after next: visits at 6, 8, 10. The rest
    // rotation counts from the BCP's start at hour 0 (two teams, 12 h on, 8 h off): she joins
    // team 0, on duty 0–11, resting 12–19, on again 20–31, resting 32–39. The battery, full
    // again at 10 and drained from that step, runs out at 10 + 8 = 18. From 20 she brings
    // power every two hours again (urgent visits are not held to the daily visit limit).
    let text = VENTILATOR
        .replace(
            "ARRIVAL",
            "[(hour: 0, share: 0.0), (hour: 5, share: 0.0), (hour: 6, share: 1.0)]",
        )
        .replace(
            "portable_power_stations: STATIONS",
            "cars: 1, car_inverters: true",
        );
    let r = run(&text);
    let brought: Vec<(u32, &str)> = r
        .events
        .iter()
        .filter(|e| e.kind == EventKind::PowerBrought)
        .map(|e| (e.hour, e.note.as_str()))
        .take(5)
        .collect();
    let by_car = "car_inverter";
    assert_eq!(
        brought,
        vec![
            (6, by_car),
            (8, by_car),
            (10, by_car),
            (20, by_car),
            (22, by_car)
        ]
    );
    let depleted: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.kind == EventKind::BatteryDepleted)
        .collect();
    assert_eq!(depleted[0].value, Some(18.0));
    // At zero from 18 until the visit at 20: steps 18 and 19, 2 hours. Her last visit before
    // the next rest is at 30; the battery runs out at 38, and she is back at 40: steps 38 and
    // 39, 2 hours more. Longest stretch 2 h.
    let c = &r.summary.region.critical;
    assert_eq!(c.depleted_patient_hours, 2 + 2);
    assert_eq!(c.longest_without_device_power_hours, 2);
}

/// Two stations in one zone: "a" with two nurses, "b" with none; each has one class-A patient.
const TWO_STATIONS: &str = r#"
Scenario(
    name: "two stations",
    time: (onset_weekday: Wed, onset_hour: 10, horizon_hours: 12),
    hazard: Earthquake(intensity: SixUpper, staff_risks: (injury_share: 0.0, family_injured_share: 0.0)),
    zones: [(id: "z", lifelines: (telecom_voice: Schedule([(hour: 0, state: Down)])))],
    agencies: [
        (
            id: "a", kind: VisitingNurseStation, zone: "z",
            staff: (average_working_per_day: 2.0, members: [
                (id: "a1", role: Nurse, home_km: 1.0, commute: Walk),
                (id: "a2", role: Nurse, home_km: 1.0, commute: Walk),
            ]),
            patients: (members: [(id: "pa", class: A, home_km: 1.0)]),
            plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)])),
        ),
        (
            id: "b", kind: VisitingNurseStation, zone: "z",
            // b1 is off duty at the onset, so "b" starts empty.
            staff: (average_working_per_day: 1.0, members: [(id: "b1", role: Nurse, home_km: 1.0, commute: Walk, on_duty_at_onset: Some(false))]),
            patients: (members: [(id: "pb", class: A, home_km: 1.0)]),
            plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.0)])),
        ),
    ],
    events: EVENTS,
)
"#;

#[test]
fn sending_staff_moves_a_nurse_after_the_travel_time() {
    // At hour 2, "a" sends one nurse to "b" with 1.5 h of travel: she leaves "a" at step 2
    // (a: 2 → 1 present) and is present at "b" from step 3 (arrival 3.5 < 4). Phones are down,
    // so "b"'s class-A patient is confirmed by her visit at hour 3.
    let text = TWO_STATIONS.replace(
        "EVENTS",
        r#"[(at_hour: 2, note: "room decision", effect: SendStaff(from: "a", to: "b", count: 1, travel_hours: 1.5))]"#,
    );
    let r = run(&text);
    let present = |agency: &str, hour: u32| {
        r.timeseries
            .rows()
            .iter()
            .find(|row| row.agency == agency && row.hour == hour)
            .map(|row| row.present)
    };
    assert_eq!((present("a", 1), present("b", 1)), (Some(2), Some(0)));
    assert_eq!((present("a", 2), present("b", 2)), (Some(1), Some(0)));
    assert_eq!((present("a", 3), present("b", 3)), (Some(1), Some(1)));
    let sent: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.kind == EventKind::StaffSent)
        .collect();
    assert_eq!(sent.len(), 1);
    // The last of "a"'s list goes.
    assert_eq!(
        (sent[0].subject.as_deref(), sent[0].value),
        (Some("a2"), Some(3.5))
    );
    let confirmed_b = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::PatientConfirmed && e.subject.as_deref() == Some("pb"))
        .expect("pb confirmed");
    assert_eq!((confirmed_b.hour, confirmed_b.note.as_str()), (3, "visit"));
}

#[test]
fn a_prioritized_patient_is_called_first() {
    // One nurse, one phone, 10 minutes a call: 6 calls an hour. Ten class-A patients are
    // listed before one class-C patient, so the class-C patient would be called in the
    // second hour; prioritized at onset, she is called first, at hour 0.
    let mut members: Vec<String> = (1..=10)
        .map(|i| format!(r#"(id: "a{i}", class: A, home_km: 1.0)"#))
        .collect();
    members.push(r#"(id: "c1", class: C, home_km: 1.0)"#.to_string());
    let scenario = |events: &str| {
        format!(
            r#"
Scenario(
    name: "priority",
    time: (onset_weekday: Wed, onset_hour: 10, horizon_hours: 4),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: "z", lifelines: (power: Schedule([(hour: 0, state: Down)])))],
    agencies: [(
        id: "st", kind: VisitingNurseStation, zone: "z",
        staff: (average_working_per_day: 1.0, members: [(id: "n1", role: Nurse, home_km: 1.0, commute: Walk)]),
        patients: (members: [{}]),
        equipment: (phones: 1),
        plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)])),
    )],
    events: {events},
)
"#,
            members.join(", ")
        )
    };
    let called_at = |r: &RunResult| {
        r.events
            .iter()
            .find(|e| e.kind == EventKind::PatientConfirmed && e.subject.as_deref() == Some("c1"))
            .map(|e| e.hour)
    };
    assert_eq!(called_at(&run(&scenario("[]"))), Some(1));
    let prioritized = scenario(r#"[(at_hour: 0, effect: PrioritizeCheck(patient: "c1"))]"#);
    assert_eq!(called_at(&run(&prioritized)), Some(0));
}

#[test]
fn staff_at_work_when_the_bcp_starts_later_stay_at_work() {
    // Roster mode, onset Wednesday 10:00 (working time), no lifeline damage, so the quake
    // does not activate the BCP; the leader decides at hour 2. The day's crew (W = 2 of 2)
    // is at work at hours 0–1 and stays when the BCP starts at hour 2, rather than going home
    // to assemble again.
    let text = r#"
Scenario(
    name: "late activation",
    time: (onset_weekday: Wed, onset_hour: 10, horizon_hours: 6),
    hazard: Earthquake(intensity: SixUpper, staff_risks: (injury_share: 0.0, family_injured_share: 0.0)),
    zones: [(id: "z")],
    agencies: [(
        id: "st", kind: VisitingNurseStation, zone: "z",
        staff: (average_working_per_day: 2.0, members: [
            (id: "n1", role: Nurse, home_km: 9.0, commute: PublicTransport),
            (id: "n2", role: Nurse, home_km: 9.0, commute: PublicTransport),
        ]),
        plan: (
            activation: (leader_decides_at_hour: Some(2)),
            attendance: (mode: Roster, curve: [(hour: 0, share: 0.03)]),
        ),
    )],
)
"#;
    let r = run(text);
    let present: Vec<u32> = r.timeseries.rows().iter().map(|row| row.present).collect();
    assert_eq!(present, vec![2, 2, 2, 2, 2, 2]);
    assert_eq!(r.summary.region.activation.activated_hour, Some(2));
}

#[test]
fn a_spare_battery_bridges_a_6_h_outage() {
    // Power out from 0 to 6 h; nobody comes (curve 0), no admission. A 4 h battery alone runs
    // out at hour 4 and stays at zero for steps 4 and 5 (2 h); with a 4 h spare the family
    // swaps in, the device runs 8 h in all, and power is back first.
    let text = |spare: &str| {
        VENTILATOR
            .replace("ARRIVAL", "[(hour: 0, share: 0.0)]")
            .replace("STATIONS", "0")
            .replace("(hour: 48, state: Up)", "(hour: 6, state: Up)")
            .replace(
                "battery_hours: 8.0)",
                &format!("battery_hours: 4.0{spare})"),
            )
    };
    let without = run(&text(""));
    let c = &without.summary.region.critical;
    assert_eq!(
        (c.battery_depleted_patients, c.depleted_patient_hours),
        (1, 2)
    );
    let with = run(&text(", spare_battery_hours: 4.0"));
    let c = &with.summary.region.critical;
    assert_eq!(
        (c.battery_depleted_patients, c.depleted_patient_hours),
        (0, 0)
    );
    // The margin counts the spare: 8 h full, 2 h left at the lowest (after 6 h out).
    let m = &with.summary.battery_margins[0];
    assert_eq!((m.capacity_hours, m.lowest_battery_hours), (8.0, 2.0));
}

#[test]
fn a_patient_admitted_to_hospital_stops_counting_hours_without_power() {
    // The plan asks for a bed when 12 h of battery or less are left: at hour 0 (8 h). The bed
    // comes 10 h later (delay fixed at 10): admitted at hour 10. Meanwhile the 8 h battery ran
    // out at 8: steps 8 and 9 at zero, 2 h. From 10 the patient is in hospital, powered: no
    // more hours without power (10 in all, steps 0–9), and power at home returns only at 48,
    // too late to go home (24 h of power needed) within the 48 h run.
    let text = VENTILATOR
        .replace("ARRIVAL", "[(hour: 0, share: 0.0)]")
        .replace("STATIONS", "0")
        .replace(
            "admission: (devices: [])",
            "admission: (devices: [Ventilator], ask_at_reserve_hours: 12, delay_hours: Fixed(10))",
        );
    let r = run(&text);
    let c = &r.summary.region.critical;
    assert_eq!(c.admitted_to_hospital, 1);
    assert_eq!(c.depleted_patient_hours, 2);
    assert_eq!(c.longest_without_device_power_hours, 2);
    assert_eq!(r.summary.battery_margins[0].hours_without_power, 10);
    let moved: Vec<(u32, &str)> = r
        .events
        .iter()
        .filter(|e| e.kind == EventKind::PatientMoved)
        .map(|e| (e.hour, e.note.as_str()))
        .collect();
    assert_eq!(moved, vec![(10, "hospital")]);
    // Admission confirms the patient (nobody could call: no staff).
    assert_eq!(
        r.summary.region.safety_checks.class_a_all_confirmed_hour,
        Some(10)
    );
}

/// `CALLERS` staff on duty at a 10:00 Wednesday onset, 200 patients with phones, voice at 20 %
/// and no data from the onset, power up (phones charged).
const CALLS: &str = r#"
Scenario(
    name: "calls",
    time: (onset_weekday: Wed, onset_hour: 10, horizon_hours: 3),
    hazard: Earthquake(intensity: SixUpper, staff_risks: (injury_share: 0.0, family_injured_share: 0.0)),
    zones: [(id: "z", lifelines: (
        telecom_voice: Schedule([(hour: 0, state: Degraded(0.2))]),
        telecom_data: Schedule([(hour: 0, state: Down)]),
    ))],
    agencies: [(
        id: "st",
        kind: VisitingNurseStation,
        zone: "z",
        staff: (average_working_per_day: 50.0, profile: Some((
            count: 50, roles: {Nurse: 1.0}, commute: {Walk: 1.0}, visit_modes: {Bicycle: 1.0},
            home_km: Fixed(1.0),
        ))),
        patients: (profile: Some((
            count: 200, home_km: Fixed(1.0), classes: [(class: C, share: 1.0)],
        ))),
        equipment: (phones: 50),
        plan: (
            attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)]),
            safety_checks: (visit_if_unreachable: false),
        ),
    )],
)
"#;

#[test]
fn a_call_at_20_percent_voice_with_three_redials_gets_through_59_percent_of_the_time() {
    // 50 callers, 4 patients each in the first hour: a number that does not get through costs
    // 4 dials × 2 min, one that does at most 3 × 2 + 10 min, so every number gets its full
    // round of 1 + 3 dials within the hour. Each dial gets through with chance 0.2, so a number
    // within four dials with 1 − 0.8⁴ = 0.5904. Over 20 runs of 200 patients (4 000 numbers)
    // the share's standard error is 0.0078; the tolerance 0.03 is nearly 4 of them.
    let scenario = load(CALLS);
    let (mut reached, mut tried) = (0u32, 0u32);
    for run_no in 0..20 {
        let r = simulate(&scenario, 3, run_no, RunOptions::FULL);
        let first = &r.timeseries.rows()[0];
        reached += first.confirmed;
        tried += 200;
        // Dials in the hour: 4 for each number missed, 1 to 4 for each reached.
        assert!(first.calls >= 200 + 3 * (200 - first.confirmed));
        assert_eq!(first.failed_calls, first.calls - first.confirmed);
    }
    let share = f64::from(reached) / f64::from(tried);
    assert!(
        (share - 0.5904).abs() < 0.03,
        "share reached in the first round: {share}"
    );
}
