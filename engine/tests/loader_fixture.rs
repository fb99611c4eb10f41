//! A small but complete valid scenario shared by the loader tests (included with `#[path]`).
//! Line numbers matter to the tests that edit it: keep edits at the end or recount.

#![allow(dead_code)]

pub const VALID: &str = r#"// A two-agency scenario touching every part of the format.
Scenario(
    name: "テスト: 首都直下地震",
    description: "loader fixture",
    time: (onset_weekday: Wed, onset_hour: 14, step_hours: 1, horizon_hours: 168),
    hazard: Earthquake(
        intensity: SixUpper,
        staff_risks: (injury_share: 0.05, family_injured_share: 0.05),
    ),
    zones: [
        (
            id: "z1",
            name: "中央",
            lifelines: (
                power: Restoration((
                    down_hours: Normal(mean: 72, sd: 36),
                    degraded_hours: Uniform(min: 0, max: 48),
                    degraded_level: 0.5,
                )),
                water: Schedule([
                    (hour: 0, state: Down),
                    (hour: 72, state: Degraded(0.5)),
                    (hour: 120, state: Up),
                ]),
                telecom_voice: Restoration((down_hours: LogNormal(median: 24, sigma: 0.5))),
                roads: Restoration((down_hours: Triangular(min: 12, mode: 24, max: 96))),
                fuel: Restoration((down_hours: Fixed(48))),
            ),
            base_station_battery_hours: 24,
        ),
        (id: "z2"),
    ],
    agencies: [
        (
            id: "station",
            name: "訪問看護ステーション",
            kind: VisitingNurseStation,
            zone: "z1",
            staff: (
                average_working_per_day: 9,
                women_50_or_under: 8,
                members: [
                    (id: "n1", role: Nurse, bcp_role: Leader, home_km: 1.5, commute: Bicycle),
                    (id: "n2", role: Nurse, bcp_role: Some(Deputy), home_km: 6, commute: Car,
                     visit_mode: Car, small_children: true),
                ],
                profile: (
                    count: 13,
                    seed: 7,
                    roles: {Nurse: 0.8, PhysicalTherapist: 0.1, Clerk: 0.1},
                    commute: {PublicTransport: 0.3, Bicycle: 0.3, Motorbike: 0.1, Car: 0.1, Walk: 0.2},
                    visit_modes: {Car: 0.1, Motorbike: 0.4, Bicycle: 0.5},
                    home_km: LogNormal(median: 4, sigma: 0.6),
                    small_children_share: 0.2,
                    dependent_care_share: 0.1,
                    bcp_roles: [Information, Contact],
                ),
            ),
            patients: (
                members: [
                    (
                        id: "pa1",
                        class: A,
                        home_km: 2.5,
                        needs: [(category: MedicalCare, every_hours: 24)],
                        devices: [(kind: Ventilator, battery_hours: 8)],
                        family_covers: [Meals],
                    ),
                    (id: "pa2", class: B, zone: "z2", has_phone: false),
                ],
                profile: (
                    count: 40,
                    home_km: Uniform(min: 0.5, max: 4),
                    classes: [
                        (class: A, share: 0.1, needs: [(category: MedicalCare, every_hours: 24)],
                         devices: [(share: 0.5, device: (kind: OxygenConcentrator, battery_hours: 3))]),
                        (class: B, share: 0.3, needs: [(category: Excretion, every_hours: 48, first_due_hour: 6)],
                         family_support_share: 0.5, family_covers: [Excretion]),
                        (class: C, share: 0.6, no_phone_share: 0.1),
                    ],
                ),
            ),
            stocks: [
                (item: "water_2l", quantity: 41, unit: "bottle",
                 consumption: [(amount: 1.5, per: PersonDay, only_while: WaterOut)]),
                (item: "mobile_batteries", quantity: 3, unit: "piece"),
                (item: "fuel", quantity: 40, unit: "litre",
                 consumption: [(amount: 0.1, per: CarKm)], refill_when_up: Fuel),
            ],
            equipment: (cars: 1, portable_power_stations: 2, power_bank_item: "mobile_batteries"),
            plan: (
                activation: (min_intensity: FiveUpper, leader_decides_at_hour: 2),
                attendance: (
                    mode: Roster,
                    curve: [
                        (hour: 0, share: 0.03),
                        (hour: 6, share: 0.2),
                        (hour: 24, share: 0.3),
                        (hour: 72, share: 0.5),
                        (hour: 168, share: 0.7),
                    ],
                    roster: (near_km: 2.5, far_km: 5, call_in_hour: 24),
                ),
                operating_levels: [
                    (min_attendance: 0.3, categories: [MedicalCare]),
                    (min_attendance: 0.5, categories: [MedicalCare, Excretion, Meals]),
                ],
                safety_checks: (call_minutes: 10, max_callers: 3),
                work: (start_hour: 8, end_hour: 18, days: [Mon, Tue, Wed, Thu, Fri]),
            ),
            finance: (monthly_fixed_cost_yen: 1260500, average_fee_yen: 7000),
        ),
        (
            id: "clinic",
            kind: HomeCareClinic,
            zone: "z2",
            staff: (average_working_per_day: 2,
                    members: [(id: "d1", role: Doctor, home_km: 3, commute: Car),
                              (id: "c1", role: Clerk, home_km: 1, commute: Walk)]),
            plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.5)])),
        ),
    ],
    events: [
        (at_hour: 30, note: "給水車", effect: Resupply(agency: "station", item: "water_2l", quantity: 20)),
        (at_hour: 12, effect: SetLifeline(zone: "z2", lifeline: Power, state: Down)),
        (at_hour: 5, effect: MovePatient(patient: "pa1", to: Hospital)),
        (at_hour: 5, effect: StaffUnavailable(staff: "station-s05", hours: 48)),
        (at_hour: 1, effect: ActivateBcp(agency: "clinic")),
        (at_hour: 40, effect: AddPowerStations(agency: "station", count: 2)),
    ],
)
"#;
