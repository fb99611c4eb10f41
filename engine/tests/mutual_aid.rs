//! Mutual aid under agreements (collaborative BCP), on cases worked out by hand.

use bcpsim_engine::load::load_scenario;
use bcpsim_engine::outcome::{EventKind, RunResult};
use bcpsim_engine::{Lang, RunOptions, simulate};

/// "a" has two staff, off duty at the onset, and none come (curve 0); "b" has four, all
/// present (W = 4). Phones and data are down, so "a"'s class-A patient can only be confirmed
/// by a visit. STATUS is the agreement's.
const PAIR: &str = r#"
Scenario(
    name: "pair",
    time: (onset_weekday: Wed, onset_hour: 10, horizon_hours: 24),
    hazard: Earthquake(intensity: SixUpper, staff_risks: (injury_share: 0.0, family_injured_share: 0.0)),
    zones: [(id: "z", lifelines: (
        telecom_voice: Schedule([(hour: 0, state: Down)]),
        telecom_data: Schedule([(hour: 0, state: Down)]),
    ))],
    agencies: [
        (
            id: "a", kind: VisitingNurseStation, zone: "z",
            staff: (average_working_per_day: 2.0, members: [
                (id: "a1", role: Nurse, home_km: 1.0, commute: Walk, on_duty_at_onset: Some(false)),
                (id: "a2", role: Nurse, home_km: 1.0, commute: Walk, on_duty_at_onset: Some(false)),
            ]),
            patients: (members: [(id: "pa", class: A, home_km: 1.0)]),
            plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.0)])),
        ),
        (
            id: "b", kind: VisitingNurseStation, zone: "z",
            staff: (average_working_per_day: 4.0, members: [
                (id: "b1", role: Nurse, bcp_role: Leader, home_km: 1.0, commute: Walk),
                (id: "b2", role: Nurse, home_km: 1.0, commute: Walk),
                (id: "b3", role: Nurse, home_km: 1.0, commute: Walk),
                (id: "b4", role: Nurse, home_km: 1.0, commute: Walk),
            ]),
            plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)])),
        ),
    ],
    agreements: [
        (id: "b-helps-a", status: STATUS, kind: StaffDispatch(lender: "b", borrower: "a", max_staff: 2, travel_hours: 2.0)),
    ],
)
"#;

fn run(status: &str) -> RunResult {
    let text = PAIR.replace("STATUS", status);
    let scenario = load_scenario("pair.ron", &text)
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En, false)));
    simulate(&scenario, 1, 0, RunOptions::FULL)
}

fn confirmed_at(r: &RunResult, patient: &str) -> Option<u32> {
    r.events
        .iter()
        .find(|e| e.kind == EventKind::PatientConfirmed && e.subject.as_deref() == Some(patient))
        .map(|e| e.hour)
}

#[test]
fn a_signed_agreement_brings_a_nurse_after_the_travel_time() {
    // Step 0: "a" has 0 of W = 2 present (below the default ask_below 0.5) and asks for
    // ceil(0.5 × 2) = 1. "b" keeps ceil(0.7 × 4) = 3 of its 4 and lends 1, decided at the end
    // of step 0: she arrives at 1 + 2 h travel = hour 3, is present at "a" from step 3 and
    // confirms the class-A patient by a visit then. She stays to the end (24 h): steps 3–23,
    // 21 staff-hours lent by "b" and borrowed by "a".
    let r = run("Signed");
    let sent: Vec<_> = r
        .events
        .iter()
        .filter(|e| e.kind == EventKind::StaffSent)
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].hour, sent[0].value, sent[0].note.as_str()),
        (0, Some(3.0), "b-helps-a")
    );
    // The last of "b"'s list goes; the leader never does.
    assert_eq!(sent[0].subject.as_deref(), Some("b4"));
    assert_eq!(confirmed_at(&r, "pa"), Some(3));
    let present = |agency: &str, hour: u32| {
        r.timeseries
            .rows()
            .iter()
            .find(|row| row.agency == agency && row.hour == hour)
            .map(|row| row.present)
    };
    assert_eq!((present("a", 2), present("b", 2)), (Some(0), Some(3)));
    assert_eq!((present("a", 3), present("b", 3)), (Some(1), Some(3)));
    assert_eq!(r.summary.agencies["a"].mutual_aid.staff_hours_borrowed, 21);
    assert_eq!(r.summary.agencies["b"].mutual_aid.staff_hours_lent, 21);
    assert_eq!(r.summary.region.mutual_aid.staff_hours_lent, 21);
}

#[test]
fn a_verbal_agreement_helps_later_and_a_planned_one_not_at_all() {
    // Verbal: 12 h more before help comes: arrival 1 + 2 + 12 = 15.
    let verbal = run("Verbal");
    assert_eq!(confirmed_at(&verbal, "pa"), Some(15));
    // Planned (締結予定): not in force; "a" never gets anyone and its patient is never seen.
    let planned = run("Planned");
    assert!(
        !planned
            .events
            .iter()
            .any(|e| e.kind == EventKind::StaffSent)
    );
    assert_eq!(confirmed_at(&planned, "pa"), None);
    assert_eq!(
        planned.summary.region.critical.class_a_uncontacted_over_24h,
        1
    );
}

#[test]
fn bad_agreements_are_reported_with_line_and_column() {
    // Line 2 (an unknown lender), 3 (an agency agreeing with itself), 4 (lending 9 of 4 staff).
    let bad = PAIR.replace(
        r#"        (id: "b-helps-a", status: STATUS, kind: StaffDispatch(lender: "b", borrower: "a", max_staff: 2, travel_hours: 2.0)),"#,
        r#"        (id: "x", status: Signed, kind: StaffDispatch(lender: "c", borrower: "a", max_staff: 1, travel_hours: 1.0)),
        (id: "y", status: Signed, kind: StaffDispatch(lender: "b", borrower: "b", max_staff: 1, travel_hours: 1.0)),
        (id: "z", status: Signed, kind: PairStation(stations: ("a", "b"), max_staff: 9, travel_hours: 1.0)),"#,
    );
    let err = load_scenario("bad.ron", &bad).expect_err("three problems");
    let text = err.render(Lang::En, false);
    let agreements_line = bad
        .lines()
        .position(|l| l.contains("agreements: ["))
        .unwrap()
        + 1;
    // Columns: count the characters of each line up to the value.
    let col =
        |line: usize, needle: &str| bad.lines().nth(line - 1).unwrap().find(needle).unwrap() + 1;
    let (l1, l2, l3) = (
        agreements_line + 1,
        agreements_line + 2,
        agreements_line + 3,
    );
    for (line, needle) in [(l1, "\"c\""), (l2, "\"b\", max"), (l3, "9, travel")] {
        let spot = format!("bad.ron:{line}:{}", col(line, needle));
        assert!(text.contains(&spot), "missing {spot} in\n{text}");
    }
    assert!(text.contains("with itself"), "{text}");
    assert!(text.contains("exceeds the staff of agency `a`"), "{text}");
}

/// One patient of station "s" also served by a clinic and a care-manager office; each agency
/// has one nurse or manager on duty with a phone, and phones work. SHARED is the region's
/// shared-list flag.
const SHARED: &str = r#"
Scenario(
    name: "shared list",
    time: (onset_weekday: Wed, onset_hour: 10, horizon_hours: 6),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: "z", lifelines: (power: Schedule([(hour: 0, state: Down)])))],
    region: (shared_safety_check_list: SHARED),
    agencies: [
        (id: "s", kind: VisitingNurseStation, zone: "z",
         staff: (average_working_per_day: 1.0, members: [(id: "s1", role: Nurse, home_km: 1.0, commute: Walk)]),
         patients: (members: [(id: "p", class: B, home_km: 1.0, also_served_by: ["clinic", "cm"])]),
         plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)]))),
        (id: "clinic", kind: HomeCareClinic, zone: "z",
         staff: (average_working_per_day: 1.0, members: [(id: "d1", role: Doctor, home_km: 1.0, commute: Walk)]),
         plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)]))),
        (id: "cm", kind: CareManagerOffice, zone: "z",
         staff: (average_working_per_day: 1.0, members: [(id: "c1", role: CareManager, home_km: 1.0, commute: Walk)]),
         plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)]))),
    ],
)
"#;

#[test]
fn with_a_shared_list_each_patient_is_called_once_without_it_by_every_agency() {
    let run = |shared: bool| {
        let text = SHARED.replace("SHARED", &shared.to_string());
        let scenario = load_scenario("shared.ron", &text)
            .unwrap_or_else(|e| panic!("{}", e.render(Lang::En, false)));
        simulate(&scenario, 1, 0, RunOptions::SUMMARY_ONLY).summary
    };
    // Without: the station, the clinic and the care manager each call the patient at hour 0 —
    // 3 calls, the first confirms, 2 are duplicates.
    let without = run(false);
    assert_eq!(without.region.safety_checks.calls, 3);
    assert_eq!(without.region.safety_checks.duplicate_calls, 2);
    // With: only the station, whose list the patient is on, calls — once.
    let with = run(true);
    assert_eq!(with.region.safety_checks.calls, 1);
    assert_eq!(with.region.safety_checks.duplicate_calls, 0);
    assert_eq!(with.agencies["s"].safety_checks.confirmed_share_6h, 1.0);
}

#[test]
fn patient_takeover_respects_the_accepting_agencys_limit() {
    // "a" (no staff present) hands class-A patients to "b" under a takeover accepting at most
    // 2, with 6 h for consent and care orders. Decided at the end of step 0, so "b" visits
    // them from 1 + 6 = hour 7; "a"'s third class-A patient and its class-B patient stay with
    // "a" and are never visited. Phones are down, so a visit is the only way to confirm.
    let text = PAIR
        .replace(
            r#"patients: (members: [(id: "pa", class: A, home_km: 1.0)]),"#,
            r#"patients: (members: [
                (id: "pa", class: A, home_km: 1.0), (id: "pb", class: B, home_km: 1.0),
                (id: "pc", class: A, home_km: 1.0), (id: "pd", class: A, home_km: 1.0),
            ]),"#,
        )
        .replace(
            r#"(id: "b-helps-a", status: STATUS, kind: StaffDispatch(lender: "b", borrower: "a", max_staff: 2, travel_hours: 2.0)),"#,
            r#"(id: "b-takes-a", status: Signed, kind: PatientTakeover(from: "a", to: "b", classes: [A], max_patients: 2, handover_hours: 6.0)),"#,
        );
    let scenario = load_scenario("takeover.ron", &text)
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En, false)));
    let r = simulate(&scenario, 1, 0, RunOptions::FULL);
    let handed: Vec<(&str, u32, Option<f64>)> = r
        .events
        .iter()
        .filter(|e| e.kind == EventKind::PatientHandedOver)
        .map(|e| (e.subject.as_deref().unwrap_or(""), e.hour, e.value))
        .collect();
    assert_eq!(handed, vec![("pa", 0, Some(7.0)), ("pc", 0, Some(7.0))]);
    assert_eq!(confirmed_at(&r, "pa"), Some(7));
    assert_eq!(confirmed_at(&r, "pc"), Some(7));
    assert_eq!(confirmed_at(&r, "pd"), None);
    assert_eq!(confirmed_at(&r, "pb"), None);
    let m = &r.summary.agencies["a"].mutual_aid;
    assert_eq!(
        (m.patients_handed_over, m.patients_reached_through_partner),
        (2, 2)
    );
}

#[test]
fn supply_sharing_sends_water_before_it_runs_out() {
    // "a": one nurse on site using 24 bottles a person-day (1 an hour), 10 bottles; "b" holds
    // 40 and uses none. Under the agreement "b" sends when "a" falls below a quarter (2.5):
    // after step 7 "a" has 10 − 8 = 2, so "b" sends min(40 − 20, 5 − 2) = 3 bottles, arriving
    // at hour 7 + 1 + 2 = 10. "a" reaches 0 after step 9 and gets 3 at the start of step 10:
    // no stock-out. Without the agreement (planned) "a" runs out at hour 10.
    let scenario = |status: &str| {
        format!(
            r#"
Scenario(
    name: "supplies",
    time: (onset_weekday: Wed, onset_hour: 10, horizon_hours: 12),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: "z", lifelines: (water: Schedule([(hour: 0, state: Down)])))],
    agencies: [
        (id: "a", kind: VisitingNurseStation, zone: "z",
         staff: (average_working_per_day: 1.0, members: [(id: "a1", role: Nurse, home_km: 1.0, commute: Walk)]),
         stocks: [(item: "water_2l", quantity: 10.0, unit: "bottle", consumption: [(amount: 24.0, per: PersonDay)])],
         plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)]))),
        (id: "b", kind: VisitingNurseStation, zone: "z",
         staff: (average_working_per_day: 1.0, members: [(id: "b1", role: Nurse, home_km: 1.0, commute: Walk)]),
         stocks: [(item: "water_2l", quantity: 40.0, unit: "bottle")],
         plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 1.0)]))),
    ],
    agreements: [(id: "water", status: {status}, kind: SupplySharing(from: "b", to: "a", items: ["water_2l"], travel_hours: 2.0))],
)
"#
        )
    };
    let run = |status: &str| {
        let s = load_scenario("supplies.ron", &scenario(status))
            .unwrap_or_else(|e| panic!("{}", e.render(Lang::En, false)));
        simulate(&s, 1, 0, RunOptions::FULL)
    };
    let signed = run("Signed");
    let sent: Vec<_> = signed
        .events
        .iter()
        .filter(|e| e.kind == EventKind::SupplySent)
        .collect();
    assert_eq!((sent[0].hour, sent[0].value), (7, Some(3.0)));
    assert_eq!(
        signed.summary.agencies["a"].stocks["water_2l"].stockout_hour,
        None
    );
    // At step 10 "a" has 0 + 3 − 1 = 2, below a quarter again with nothing on the way: "b"
    // sends 3 more (arriving at 13, after the 12 h horizon). "b" keeps 40 − 3 − 3 = 34.
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].hour, 10);
    assert_eq!(
        signed.summary.agencies["b"].stocks["water_2l"].final_quantity,
        34.0
    );
    let planned = run("Planned");
    assert_eq!(
        planned.summary.agencies["a"].stocks["water_2l"].stockout_hour,
        Some(10)
    );
}
