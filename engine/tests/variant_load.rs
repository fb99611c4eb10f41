//! Plan variants: loading, merging, and every problem at its place in the right file.

use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::SAMPLE_STATION;
use bcpsim_engine::scenario::Scenario;
use bcpsim_engine::variant::{Variant, VariantError, is_variant_text, load_variant};
use bcpsim_engine::{RunOptions, simulate};

const BASE_FILE: &str = "scenarios/sample-station.ron";

fn base() -> Scenario {
    load_scenario(BASE_FILE, SAMPLE_STATION).expect("the sample is valid")
}

/// Loads `text` as `v.ron` whose base, whatever it is called, is the sample station.
fn load(text: &str) -> Result<Variant, VariantError> {
    load_with_base(text, SAMPLE_STATION)
}

fn load_with_base(text: &str, base_text: &str) -> Result<Variant, VariantError> {
    let base_text = base_text.to_string();
    let mut read = |_: &str| Ok((BASE_FILE.to_string(), base_text.clone()));
    load_variant("v.ron", text, &mut read)
}

fn errors(text: &str) -> VariantError {
    match load(text) {
        Ok(_) => panic!("expected problems in:\n{text}"),
        Err(e) => e,
    }
}

/// (file, line, column, code) of every problem.
fn places(e: &VariantError) -> Vec<(String, usize, usize, &'static str)> {
    e.diagnostics()
        .map(|(f, d)| (f.to_string(), d.line, d.column, d.code))
        .collect()
}

fn variant(name: &str, changes: &str) -> String {
    format!(
        "Variant(\n    base: \"sample-station.ron\",\n    name: \"{name}\",\n    changes: [\n{changes}\n    ],\n)\n"
    )
}

#[test]
fn a_variant_without_changes_runs_exactly_like_its_base() {
    let base = base();
    // Same name as the base, so that even the summary's `scenario` field is the same.
    let v = load(&variant(&base.name, "")).expect("valid");
    assert_eq!(v.scenario, base);
    assert_eq!(v.base, base);
    assert_eq!(v.base_file, BASE_FILE);
    for seed in [1, 7, 2024] {
        let a = serde_json::to_string(&simulate(&base, seed, 0, RunOptions::FULL)).unwrap();
        let b = serde_json::to_string(&simulate(&v.scenario, seed, 0, RunOptions::FULL)).unwrap();
        assert!(
            a == b,
            "seed {seed}: the variant's result differs from the base's"
        );
    }
}

#[test]
fn the_variant_name_replaces_the_scenario_name() {
    let v = load(&variant("プランB", "")).expect("valid");
    assert_eq!(v.name, "プランB");
    assert_eq!(v.scenario.name, "プランB");
    let r = simulate(&v.scenario, 1, 0, RunOptions::SUMMARY_ONLY);
    assert_eq!(r.summary.scenario, "プランB");
}

#[test]
fn power_station_variant_changes_only_the_power_stations() {
    let text = include_str!("../../scenarios/variants/power-stations-6.ron");
    let v = load(text).expect("the shipped variant is valid");
    let mut expected = base();
    assert_eq!(expected.agencies[0].equipment.portable_power_stations, 0);
    expected.agencies[0].equipment.portable_power_stations = 6;
    expected.name = v.name.clone();
    expected.description = v.description.clone();
    assert_eq!(v.scenario, expected);
    assert_ne!(v.scenario.description, base().description);
}

#[test]
fn stockpile_days_applies_the_004_formulas() {
    let v = load(&variant(
        "7 days",
        "        StockpileDays(agency: \"station\", days: 7),",
    ))
    .expect("valid");
    let qty = |item: &str| {
        v.scenario.agencies[0]
            .stocks
            .iter()
            .find(|s| s.item == item)
            .map(|s| s.quantity)
            .unwrap()
    };
    // W = 9: 9 × 3 L × 7 days ÷ 2 L = 189 ÷ 2 = 94.5 → rounded up 95 bottles (base: 41).
    assert_eq!(qty("water_2l"), 95.0);
    // 9 × 3 meals × 7 days = 189 (base: 81).
    assert_eq!(qty("meals"), 189.0);
    // 9 × (8 ÷ 15) × 0.25 × 6 × 7 = 4.8 × 10.5 = 50.4 → rounded 50 (base: 22).
    assert_eq!(qty("sanitary_products"), 50.0);
    // Per staff, not per day: 9 ÷ 2 = 4.5 → 5 flashlights, as in the base.
    assert_eq!(qty("flashlights"), 5.0);
    // Fuel is not a 004 §2-7 item: the base's 50 L.
    assert_eq!(qty("fuel"), 50.0);
}

#[test]
fn stock_sets_one_item_or_adds_a_new_one() {
    let v = load(&variant(
        "stock",
        "        Stock(agency: \"station\", item: \"water_2l\", quantity: 60),\n        Stock(agency: \"station\", item: \"batteries_aa\", quantity: 40, unit: \"piece\"),",
    ))
    .expect("valid");
    let stocks = &v.scenario.agencies[0].stocks;
    let water = stocks.iter().find(|s| s.item == "water_2l").unwrap();
    assert_eq!(water.quantity, 60.0);
    // The rest of the item is the base's.
    assert_eq!(water.consumption, base().agencies[0].stocks[0].consumption);
    let added = stocks.last().unwrap();
    assert_eq!(
        (added.item.as_str(), added.quantity),
        ("batteries_aa", 40.0)
    );
    assert_eq!(stocks.len(), base().agencies[0].stocks.len() + 1);
}

#[test]
fn plan_events_are_added_after_the_base_events() {
    let v = load(&variant(
        "lent stations",
        "        AddEvents([(at_hour: 48, note: \"区から貸与\", effect: AddPowerStations(agency: \"station\", count: 2))]),",
    ))
    .expect("valid");
    let n = base().events.len();
    assert_eq!(v.scenario.events.len(), n + 1);
    assert_eq!(v.scenario.events[n].at_hour, 48);
}

#[test]
fn unknown_agency_is_reported_in_the_variant_with_a_suggestion() {
    let e = errors(&variant(
        "typo",
        "        Equipment(agency: \"statoin\", portable_power_stations: 6),",
    ));
    // Line 5 `        Equipment(agency: "statoin", ...`: 8 spaces + `Equipment(` (10) +
    // `agency: ` (8) = 26 → `"statoin"` at column 27.
    assert_eq!(places(&e), vec![("v.ron".into(), 5, 27, "unknown-ref")]);
    let d = e.diagnostics().next().unwrap().1;
    assert!(d.message.contains("事業所 `statoin`"), "{}", d.message);
    assert!(
        d.hint_en
            .as_deref()
            .unwrap()
            .contains("did you mean `station`?"),
        "{:?}",
        d.hint_en
    );
}

#[test]
fn unknown_stock_item_without_unit_suggests_the_held_items() {
    let e = errors(&variant(
        "typo",
        "        Stock(agency: \"station\", item: \"water2l\", quantity: 60),",
    ));
    // 8 + `Stock(` (6) + `agency: "station", ` (19) + `item: ` (6) = 39 → column 40.
    assert_eq!(places(&e), vec![("v.ron".into(), 5, 40, "unknown-ref")]);
    let hint = e.diagnostics().next().unwrap().1.hint_en.clone().unwrap();
    assert!(hint.contains("did you mean `water_2l`?"), "{hint}");
    assert!(hint.contains("unit"), "{hint}");
}

#[test]
fn a_bad_value_inside_a_change_is_reported_in_the_variant_not_the_base() {
    let e = errors(&variant(
        "bad share",
        "        Attendance(agency: \"station\", attendance: (mode: Curve, curve: [(hour: 0, share: 1.5)])),",
    ));
    // Line 5: 8 + `Attendance(` (11) + `agency: "station", ` (19) + `attendance: (` (13) +
    // `mode: Curve, ` (13) + `curve: [` (8) + `(hour: 0, share: ` (17) = 89 → `1.5` at 90.
    assert_eq!(places(&e), vec![("v.ron".into(), 5, 90, "share-range")]);
    let d = e.diagnostics().next().unwrap().1;
    assert_eq!(
        d.path.as_deref(),
        Some("changes[0].attendance.curve[0].share")
    );
    assert!(
        e.render(bcpsim_engine::Lang::En, false)
            .contains("--> v.ron:5:90")
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let e = errors(&variant(
        "two problems",
        "        Equipment(agency: \"statoin\", phones: 12),\n        Activation(agency: \"station\", activation: (release_attendance: 2)),",
    ));
    let got = places(&e);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], ("v.ron".into(), 5, 27, "unknown-ref"));
    // Line 6: 8 + `Activation(` (11) + `agency: "station", ` (19) + `activation: (` (13) +
    // `release_attendance: ` (20) = 71 → `2` at column 72.
    assert_eq!(got[1], ("v.ron".into(), 6, 72, "share-range"));
    assert!(
        e.render(bcpsim_engine::Lang::Ja, false)
            .contains("問題が2件あります")
    );
}

#[test]
fn disaster_changing_events_are_rejected() {
    let e = errors(&variant(
        "storm",
        "        AddEvents([\n            (at_hour: 10, effect: SetLifeline(zone: \"ward\", lifeline: Power, state: Up)),\n        ]),",
    ));
    // Line 6: 12 + `(at_hour: 10, ` (14) + `effect: ` (8) = 34 → `SetLifeline` at column 35.
    assert_eq!(places(&e), vec![("v.ron".into(), 6, 35, "not-plan")]);
    let d = e.diagnostics().next().unwrap().1;
    assert!(
        d.message_en.contains("a variant may only change the plan"),
        "{}",
        d.message_en
    );
    assert!(
        d.hint_en
            .as_deref()
            .unwrap()
            .contains("make a new scenario")
    );
    for effect in [
        "SetAlertLevel(level: 5)",
        "StaffUnavailable(staff: \"s01-leader\", hours: 24)",
    ] {
        let e = errors(&variant(
            "people",
            &format!("        AddEvents([(at_hour: 1, effect: {effect})]),"),
        ));
        assert_eq!(
            e.diagnostics().next().unwrap().1.code,
            "not-plan",
            "{effect}"
        );
    }
}

#[test]
fn changing_zones_hazard_or_staff_is_rejected() {
    // A change kind that touches the disaster.
    let e = errors(&variant("zones", "        Zones([(id: \"ward\")]),"));
    let got = places(&e);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].1, got[0].3), (5, "not-plan"));
    let d = e.diagnostics().next().unwrap().1;
    assert!(
        d.message_en.contains("a variant may only change the plan"),
        "{}",
        d.message_en
    );
    // A scenario field written in the variant.
    let text = "Variant(\n    base: \"sample-station.ron\",\n    name: \"x\",\n    hazard: Earthquake(intensity: Seven),\n)\n";
    let e = errors(text);
    let got = places(&e);
    assert_eq!((got[0].1, got[0].3), (4, "not-plan"), "{got:?}");
}

#[test]
fn a_missing_base_is_reported_at_the_base_value() {
    let text = variant("x", "");
    let mut read = |b: &str| Err::<(String, String), _>(format!("{b} が見つかりません"));
    let e = load_variant("v.ron", &text, &mut read).unwrap_err();
    // Line 2 `    base: "sample-station.ron",`: 4 + `base: ` (6) = 10 → column 11.
    assert_eq!(places(&e), vec![("v.ron".into(), 2, 11, "base-unreadable")]);
    let d = e.diagnostics().next().unwrap().1;
    assert!(
        d.message.contains("sample-station.ron が見つかりません"),
        "{}",
        d.message
    );
}

#[test]
fn a_base_that_is_a_variant_is_refused() {
    let e = load_with_base(&variant("x", ""), &variant("inner", "")).unwrap_err();
    assert_eq!(places(&e), vec![("v.ron".into(), 2, 11, "base-is-variant")]);
}

#[test]
fn base_problems_are_reported_against_the_base_file() {
    let broken = SAMPLE_STATION.replace("onset_hour: 14,", "onset_hour: 30,");
    let e = load_with_base(&variant("x", ""), &broken).unwrap_err();
    let got = places(&e);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, BASE_FILE);
    let line = broken
        .lines()
        .position(|l| l.contains("onset_hour: 30"))
        .unwrap()
        + 1;
    assert_eq!(got[0].1, line);
}

#[test]
fn problems_of_added_events_are_reported_in_the_variant() {
    let e = errors(&variant(
        "x",
        "        AddEvents([(at_hour: 24, effect: Resupply(agency: \"station\", item: \"water\", quantity: 10))]),",
    ));
    let got = places(&e);
    assert_eq!(got.len(), 1, "{got:?}");
    // 8 + `AddEvents([` (11) + `(at_hour: 24, ` (14) + `effect: ` (8) + `Resupply(` (9) +
    // `agency: "station", ` (19) + `item: ` (6) = 75 → `"water"` at column 76.
    assert_eq!(got[0], ("v.ron".into(), 5, 76, "unknown-ref"));
    let d = e.diagnostics().next().unwrap().1;
    assert_eq!(d.path.as_deref(), Some("changes[0][0].effect.item"));
}

#[test]
fn syntax_errors_in_the_variant_are_at_their_position() {
    let e = errors(&variant(
        "x",
        "        Equipment(agency: \"station\", portable_power_station: 6),",
    ));
    // 8 + `Equipment(` (10) + `agency: "station", ` (19) = 37 → the misspelt field at 38.
    assert_eq!(places(&e), vec![("v.ron".into(), 5, 38, "syntax")]);
    let hint = e.diagnostics().next().unwrap().1.hint_en.clone().unwrap();
    assert!(
        hint.contains("did you mean `portable_power_stations`?"),
        "{hint}"
    );
}

#[test]
fn stockpile_days_out_of_range() {
    let e = errors(&variant(
        "x",
        "        StockpileDays(agency: \"station\", days: 0),",
    ));
    // 8 + `StockpileDays(` (14) + `agency: "station", ` (19) + `days: ` (6) = 47 → column 48.
    assert_eq!(places(&e), vec![("v.ron".into(), 5, 48, "out-of-range")]);
}

#[test]
fn recognises_variant_files() {
    assert!(is_variant_text("Variant(base: \"a\")"));
    assert!(is_variant_text(
        "\u{feff}// comment\n/* block /* nested */ */\n#![enable(implicit_some)]\n  Variant ("
    ));
    assert!(!is_variant_text("Scenario(name: \"Variant\")"));
    assert!(!is_variant_text("// Variant(\n(name: \"x\")"));
    assert!(!is_variant_text("Variants("));
    assert!(!is_variant_text("/* unclosed"));
    assert!(!is_variant_text(""));
    assert!(!is_variant_text(SAMPLE_STATION));
}

#[test]
fn never_panics_on_any_prefix_of_a_variant() {
    let text = include_str!("../../scenarios/variants/safety-checks-shared.ron");
    for (i, _) in text.char_indices() {
        let _ = load(&text[..i]);
    }
}
