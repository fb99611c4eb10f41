//! The scenario loader: syntax errors and each family of semantic checks, with positions.

#[path = "loader_fixture.rs"]
mod fixture;

use bcpsim_engine::Lang;
use bcpsim_engine::load::{Diagnostic, load_scenario};
use fixture::VALID;

/// `VALID` with the first `old` replaced by `new`.
fn mutate(old: &str, new: &str) -> String {
    assert!(VALID.contains(old), "fixture lacks {old:?}");
    VALID.replacen(old, new, 1)
}

fn diags(text: &str) -> Vec<Diagnostic> {
    match load_scenario("t.ron", text) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics,
    }
}

/// 1-based line and character column of byte `at`, computed independently of the loader.
fn pos(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.lines().count().max(1) + usize::from(before.ends_with('\n'));
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// Asserts exactly one diagnostic with `code`, marking `marked` at its first occurrence inside
/// the first occurrence of `context`, at its line and column; returns it.
fn expect_in(text: &str, code: &str, context: &str, marked: &str) -> Diagnostic {
    let all = diags(text);
    let found: Vec<&Diagnostic> = all.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "want one `{code}` diagnostic, got {all:#?}");
    let d = found[0].clone();
    let ctx = text
        .find(context)
        .unwrap_or_else(|| panic!("{context:?} not in text"));
    let at = ctx
        + context
            .find(marked)
            .unwrap_or_else(|| panic!("{marked:?} not in {context:?}"));
    assert_eq!(&text[d.span.clone()], marked, "{d:#?}");
    assert_eq!(d.span.start, at, "{d:#?}");
    assert_eq!((d.line, d.column), pos(text, at), "{d:#?}");
    d
}

fn expect(text: &str, code: &str, marked: &str) -> Diagnostic {
    expect_in(text, code, marked, marked)
}

#[test]
fn fixture_is_valid() {
    let s =
        load_scenario("t.ron", VALID).unwrap_or_else(|e| panic!("{}", e.render(Lang::En, false)));
    assert_eq!(s.agencies.len(), 2);
    assert_eq!(
        s.agencies[0].staff.members[1].bcp_role,
        Some(bcpsim_engine::scenario::BcpRole::Deputy)
    );
    assert_eq!(
        s.agencies[0].staff.members[0].bcp_role,
        Some(bcpsim_engine::scenario::BcpRole::Leader)
    );
}

#[test]
fn implicit_some_and_explicit_some_both_work() {
    let t = mutate(
        "leader_decides_at_hour: 2",
        "leader_decides_at_hour: Some(2)",
    );
    let s = load_scenario("t.ron", &t).unwrap();
    assert_eq!(
        s.agencies[0].plan.activation.leader_decides_at_hour,
        Some(2)
    );
}

// ---- syntax and type errors ----------------------------------------------------------------

#[test]
fn unknown_field_hints_the_closest_name() {
    let t = mutate("onset_hour: 14", "onset_hor: 14");
    let d = expect(&t, "syntax", "onset_hor");
    assert_eq!((d.line, d.column), (5, 32)); // `    time: (onset_weekday: Wed, ` is 31 characters
    assert!(d.message_en.contains("unknown field `onset_hor`"), "{d:#?}");
    assert!(d.message.contains("不明なフィールド"), "{d:#?}");
    assert!(
        d.hint_en
            .as_deref()
            .unwrap()
            .contains("did you mean `onset_hour`?")
    );
}

#[test]
fn unknown_variant_hints_the_closest_name() {
    let t = mutate("kind: HomeCareClinic", "kind: HomeCareClinc");
    let d = expect(&t, "syntax", "HomeCareClinc");
    assert!(
        d.hint_en.as_deref().unwrap().contains("`HomeCareClinic`"),
        "{d:#?}"
    );
}

#[test]
fn missing_field_is_reported() {
    let t = mutate("horizon_hours: 168", "");
    let d = diags(&t);
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message_en.contains("missing field `horizon_hours`"),
        "{d:#?}"
    );
    assert_eq!(d[0].line, 5);
}

#[test]
fn syntax_error_columns_count_characters_after_japanese_text() {
    // Line 13 is `            name: "中央",`: a stray char after the string is reported at
    // its column in characters (byte column 28).
    let t = mutate("name: \"中央\",", "name: \"中央\" ?,");
    let d = diags(&t);
    assert_eq!(d.len(), 1, "{d:#?}");
    let at = t.find(" ?,").unwrap() + 1;
    assert_eq!((d[0].line, d[0].column), pos(&t, at));
    assert_eq!((d[0].line, d[0].column), (13, 24)); // `            name: "中央" ` is 23 characters
    assert_eq!(d[0].span.start, at);
}

#[test]
fn type_errors_say_what_was_expected() {
    let t = mutate("onset_hour: 14", "onset_hour: -3");
    let d = expect(&t, "syntax", "-3");
    assert!(d.message_en.contains("out of range"), "{d:#?}");
    let t = mutate("name: \"テスト: 首都直下地震\"", "name: 3");
    let d = expect_in(&t, "syntax", "name: 3", "3");
    assert!(d.message_en.contains("expected a string"), "{d:#?}");
    assert!(d.message.contains("文字列"), "{d:#?}");
}

// ---- ids ------------------------------------------------------------------------------------

#[test]
fn duplicate_zone_id_points_at_the_second() {
    let t = mutate("(id: \"z2\")", "(id: \"z1\")");
    let d = expect_in(&t, "duplicate-id", "(id: \"z1\")", "\"z1\"");
    let first = pos(&t, t.find("\"z1\"").unwrap());
    assert_eq!(first, (12, 17));
    let hint = d.hint_en.unwrap();
    assert!(hint.contains("line 12, column 17"), "{hint}");
}

#[test]
fn staff_ids_are_unique_across_agencies() {
    let t = mutate("(id: \"d1\"", "(id: \"n1\"");
    expect_in(&t, "duplicate-id", "(id: \"n1\", role: Doctor", "\"n1\"");
}

#[test]
fn listed_id_may_not_clash_with_a_generated_one() {
    let t = mutate("(id: \"d1\"", "(id: \"station-s05\"");
    expect(&t, "duplicate-id", "\"station-s05\"");
}

#[test]
fn stock_items_unique_within_agency_and_ids_well_formed() {
    let t = mutate("(item: \"fuel\"", "(item: \"water_2l\"");
    expect_in(
        &t,
        "duplicate-id",
        "(item: \"water_2l\", quantity: 40",
        "\"water_2l\"",
    );
    let t = mutate("(id: \"pa2\"", "(id: \"pa 2\"");
    expect(&t, "bad-id", "\"pa 2\"");
    let t = mutate("(id: \"pa2\"", "(id: \"\"");
    expect(&t, "bad-id", "\"\"");
}

// ---- references -----------------------------------------------------------------------------

#[test]
fn unknown_zone_hints_the_closest_id() {
    let t = mutate(
        "zone: \"z2\",\n            staff",
        "zone: \"z3\",\n            staff",
    );
    let d = expect(&t, "unknown-ref", "\"z3\"");
    assert!(
        d.hint_en.as_deref().unwrap().contains("did you mean `z"),
        "{d:#?}"
    );
    assert!(d.message.contains("ゾーン `z3` が見つかりません"));
}

#[test]
fn event_references_resolve() {
    let t = mutate(
        "item: \"water_2l\", quantity: 20",
        "item: \"water2l\", quantity: 20",
    );
    let d = expect(&t, "unknown-ref", "\"water2l\"");
    assert!(d.hint_en.unwrap().contains("`water_2l`"));
    let t = mutate("patient: \"pa1\"", "patient: \"pa9\"");
    expect(&t, "unknown-ref", "\"pa9\"");
    let t = mutate("staff: \"station-s05\"", "staff: \"station-s99\"");
    expect(&t, "unknown-ref", "\"station-s99\"");
    let t = mutate(
        "ActivateBcp(agency: \"clinic\")",
        "ActivateBcp(agency: \"clinc\")",
    );
    expect(&t, "unknown-ref", "\"clinc\"");
    let t = mutate("SetLifeline(zone: \"z2\"", "SetLifeline(zone: \"zz\"");
    expect(&t, "unknown-ref", "\"zz\"");
    let t = mutate("zone: \"z2\", has_phone", "zone: \"z7\", has_phone");
    expect(&t, "unknown-ref", "\"z7\"");
}

#[test]
fn power_bank_item_names_a_stock_item() {
    let t = mutate(
        "power_bank_item: \"mobile_batteries\"",
        "power_bank_item: \"batteries\"",
    );
    let d = expect(&t, "unknown-ref", "\"batteries\"");
    assert!(d.hint_en.unwrap().contains("mobile_batteries"));
}

// ---- numbers --------------------------------------------------------------------------------

#[test]
fn negative_quantities_distances_and_hours() {
    let t = mutate("quantity: 41", "quantity: -41");
    expect(&t, "negative", "-41");
    let t = mutate("home_km: 1.5", "home_km: -1.5");
    expect(&t, "negative", "-1.5");
    let t = mutate("battery_hours: 8", "battery_hours: -8");
    expect(&t, "negative", "-8");
    let t = mutate("amount: 1.5", "amount: -1.5");
    expect(&t, "negative", "-1.5");
    let t = mutate("quantity: 20", "quantity: -20");
    expect(&t, "negative", "-20");
}

#[test]
fn nan_and_infinity_are_errors() {
    let t = mutate("home_km: 2.5", "home_km: NaN");
    expect(&t, "not-finite", "NaN");
    let t = mutate("share: 0.03", "share: inf");
    expect(&t, "not-finite", "inf");
    let t = mutate("average_fee_yen: 7000", "average_fee_yen: -inf");
    expect(&t, "not-finite", "-inf");
}

#[test]
fn shares_within_zero_and_one() {
    let t = mutate("(hour: 6, share: 0.2)", "(hour: 6, share: 20)");
    let d = expect_in(&t, "share-range", "share: 20)", "20");
    assert!(d.hint.unwrap().contains("0.3"));
    let t = mutate("degraded_level: 0.5", "degraded_level: 1.5");
    expect_in(&t, "share-range", "degraded_level: 1.5", "1.5");
    let t = mutate("state: Degraded(0.5)", "state: Degraded(-0.5)");
    expect(&t, "share-range", "-0.5");
    let t = mutate("injury_share: 0.05", "injury_share: 5");
    expect_in(&t, "share-range", "injury_share: 5", "5");
    let t = mutate("(min_attendance: 0.5", "(min_attendance: 50");
    expect_in(&t, "share-range", "min_attendance: 50", "50");
}

#[test]
fn profile_shares_sum_to_one() {
    let t = mutate("Clerk: 0.1}", "Clerk: 0.2}");
    let d = expect(
        &t,
        "sum-not-one",
        "{Nurse: 0.8, PhysicalTherapist: 0.1, Clerk: 0.2}",
    );
    assert!(d.message_en.contains("roles"), "{d:#?}");
    let t = mutate("(class: C, share: 0.6", "(class: C, share: 0.5");
    let d = diags(&t);
    assert!(d.iter().any(|d| d.code == "sum-not-one"
        && d.path.as_deref() == Some("agencies[0].patients.profile.classes")));
    // Rounding noise within 1e-6 is fine.
    let t = mutate("Clerk: 0.1}", "Clerk: 0.1000000001}");
    assert!(diags(&t).is_empty());
}

#[test]
fn profile_share_entry_out_of_range_points_at_the_entry() {
    let t = mutate("Motorbike: 0.4,", "Motorbike: 1.4,");
    expect(&t, "share-range", "1.4");
}

#[test]
fn distributions_are_sane() {
    let t = mutate("Uniform(min: 0, max: 48)", "Uniform(min: 50, max: 48)");
    expect_in(&t, "dist", "max: 48)", "48");
    let t = mutate(
        "Triangular(min: 12, mode: 24, max: 96)",
        "Triangular(min: 12, mode: 100, max: 96)",
    );
    expect(&t, "dist", "100");
    let t = mutate("Normal(mean: 72, sd: 36)", "Normal(mean: 72, sd: -36)");
    expect(&t, "negative", "-36");
    let t = mutate(
        "LogNormal(median: 24, sigma: 0.5)",
        "LogNormal(median: 0, sigma: 0.5)",
    );
    expect_in(&t, "not-positive", "LogNormal(median: 0,", "0");
    let t = mutate("Fixed(48)", "Fixed(-48)");
    expect(&t, "negative", "-48");
}

// ---- order ----------------------------------------------------------------------------------

#[test]
fn curve_and_schedules_ordered_by_hour() {
    let t = mutate("(hour: 24, share: 0.3)", "(hour: 6, share: 0.3)");
    expect_in(&t, "not-increasing", "(hour: 6, share: 0.3)", "6");
    let t = mutate("(hour: 120, state: Up)", "(hour: 72, state: Up)");
    expect_in(&t, "not-increasing", "(hour: 72, state: Up)", "72");
    let t = mutate("curve: [(hour: 0, share: 0.5)]", "curve: []");
    expect(&t, "empty", "[]");
}

#[test]
fn stock_curve_is_checked_like_the_attendance_curve() {
    let plan = "plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.5)])";
    let with = |curve: &str| mutate(plan, &format!("{plan}, stock_curve: {curve}"));
    let t = with("[(hour: 0, share: 1.0), (hour: 72, share: 0.2), (hour: 24, share: 0.7)]");
    expect_in(&t, "not-increasing", "(hour: 24, share: 0.7)", "24");
    let t = with("[(hour: 0, share: -0.1)]");
    expect(&t, "negative", "-0.1");
    let t = with("[]");
    expect(&t, "empty", "[]");
    // Above 100 % is allowed: deliveries can bring more than was held at onset.
    assert!(diags(&with("[(hour: 0, share: 1.0), (hour: 168, share: 1.2)]")).is_empty());
}

#[test]
fn operating_levels_ordered_by_min_attendance() {
    let t = mutate("(min_attendance: 0.5", "(min_attendance: 0.3");
    expect_in(
        &t,
        "not-increasing",
        "(min_attendance: 0.3, categories: [MedicalCare, Excretion",
        "0.3",
    );
}

#[test]
fn storm_alert_levels() {
    // Replace the whole hazard.
    let start = VALID.find("hazard: Earthquake(").unwrap();
    let end = VALID.find("    zones: [").unwrap();
    let t = format!(
        "{}hazard: Storm(alert_levels: [(hour: 0, level: 3), (hour: 0, level: 6)]),\n{}",
        &VALID[..start],
        &VALID[end..]
    );
    let all = diags(&t);
    assert_eq!(all.len(), 2, "{all:#?}");
    expect_in(&t, "not-increasing", "(hour: 0, level: 6)", "0");
    expect_in(&t, "out-of-range", "level: 6)", "6");
}

// ---- time -----------------------------------------------------------------------------------

#[test]
fn time_limits() {
    let t = mutate("onset_hour: 14", "onset_hour: 24");
    expect_in(&t, "out-of-range", "onset_hour: 24", "24");
    let t = mutate("step_hours: 1", "step_hours: 5");
    let d = expect_in(&t, "step-hours", "step_hours: 5", "5");
    assert!(d.hint_en.unwrap().contains("1, 2, 3, 4, 6, 8, 12, 24"));
    let t = mutate("horizon_hours: 168", "horizon_hours: 0");
    expect_in(&t, "out-of-range", "horizon_hours: 0", "0");
    let t = mutate("horizon_hours: 168", "horizon_hours: 9000");
    expect(&t, "out-of-range", "9000");
    let t = mutate(
        "(start_hour: 8, end_hour: 18",
        "(start_hour: 18, end_hour: 8",
    );
    expect_in(&t, "work-hours", "start_hour: 18", "18");
    let t = mutate(
        "(start_hour: 8, end_hour: 18",
        "(start_hour: 8, end_hour: 25",
    );
    expect(&t, "out-of-range", "25");
}

#[test]
fn events_within_the_horizon() {
    let t = mutate("(at_hour: 40,", "(at_hour: 168,");
    let d = expect_in(&t, "beyond-horizon", "(at_hour: 168,", "168");
    assert!(d.hint_en.unwrap().contains("horizon_hours"));
}

// ---- staff and care --------------------------------------------------------------------------

#[test]
fn staff_counts() {
    let t = mutate(
        "members: [(id: \"d1\", role: Doctor, home_km: 3, commute: Car),\n                              (id: \"c1\", role: Clerk, home_km: 1, commute: Walk)]",
        "members: []",
    );
    let all = diags(&t);
    assert!(
        all.iter()
            .any(|d| d.code == "no-staff" && d.path.as_deref() == Some("agencies[1].staff")),
        "{all:#?}"
    );
    let t = mutate("average_working_per_day: 2", "average_working_per_day: 3");
    expect_in(&t, "too-many-working", "average_working_per_day: 3", "3");
    let t = mutate("average_working_per_day: 2", "average_working_per_day: 0");
    expect_in(&t, "not-positive", "average_working_per_day: 0", "0");
}

#[test]
fn care_need_interval_at_least_one_hour() {
    let t = mutate("every_hours: 48", "every_hours: 0");
    expect_in(&t, "zero", "every_hours: 0", "0");
}

// ---- all at once, and rendering ---------------------------------------------------------------

#[test]
fn every_problem_is_reported_in_source_order() {
    let t = VALID
        .replacen("onset_hour: 14", "onset_hour: 30", 1)
        .replacen("quantity: 41", "quantity: -1", 1)
        .replacen("(at_hour: 40,", "(at_hour: 400,", 1);
    let all = diags(&t);
    let codes: Vec<&str> = all.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["out-of-range", "negative", "beyond-horizon"],
        "{all:#?}"
    );
    assert!(all.windows(2).all(|w| w[0].span.start <= w[1].span.start));
}

#[test]
fn render_shows_location_hint_and_count_in_both_languages() {
    let t = VALID
        .replacen("onset_hour: 14", "onset_hour: 30", 1)
        .replacen("quantity: 41", "quantity: -1", 1);
    let err = load_scenario("scenarios/x.ron", &t).unwrap_err();
    let en = err.render(Lang::En, false);
    assert!(
        en.contains("error: `onset_hour` must be between 0 and 23 (30)"),
        "{en}"
    );
    assert!(en.contains("--> scenarios/x.ron:5:44"), "{en}"); // `    time: (onset_weekday: Wed, onset_hour: ` is 43 characters
    assert!(en.contains("2 problems found"), "{en}");
    let ja = err.render(Lang::Ja, false);
    assert!(ja.contains("`quantity` が負の値です"), "{ja}");
    assert!(ja.contains("= hint: 0 以上の値にしてください"), "{ja}");
    assert!(ja.contains("問題が2件あります"), "{ja}");
    assert!(!ja.contains('\x1b'));
}

#[test]
fn byte_order_mark_is_accepted_and_columns_unchanged() {
    let t = format!("\u{feff}{}", mutate("onset_hour: 14", "onset_hour: 30"));
    let e = load_scenario("t.ron", &t).unwrap_err();
    assert_eq!((e.diagnostics[0].line, e.diagnostics[0].column), (5, 44));
    assert!(load_scenario("t.ron", &format!("\u{feff}{VALID}")).is_ok());
}

#[test]
fn every_checked_path_of_the_fixture_is_indexed_exactly() {
    use bcpsim_engine::load::spans::SpanIndex;
    let idx = SpanIndex::build(VALID);
    for (path, text) in [
        ("time.onset_hour", "14"),
        ("hazard.staff_risks.injury_share", "0.05"),
        ("zones[0].lifelines.power.down_hours.sd", "36"),
        ("zones[0].lifelines.power.degraded_level", "0.5"),
        ("zones[0].lifelines.water[1].state", "0.5"),
        ("zones[0].lifelines.fuel.down_hours", "48"),
        ("zones[1].id", "\"z2\""),
        ("agencies[0].staff.members[1].bcp_role", "Deputy"),
        ("agencies[0].staff.profile.roles[PhysicalTherapist]", "0.1"),
        ("agencies[0].staff.profile.home_km.median", "4"),
        (
            "agencies[0].patients.members[0].devices[0].battery_hours",
            "8",
        ),
        (
            "agencies[0].patients.profile.classes[0].devices[0].device.battery_hours",
            "3",
        ),
        ("agencies[0].stocks[0].consumption[0].amount", "1.5"),
        (
            "agencies[0].equipment.power_bank_item",
            "\"mobile_batteries\"",
        ),
        ("agencies[0].plan.attendance.curve[4].hour", "168"),
        ("agencies[0].plan.operating_levels[1].min_attendance", "0.5"),
        ("agencies[1].staff.members[1].id", "\"c1\""),
        ("events[0].effect.item", "\"water_2l\""),
        ("events[3].effect.staff", "\"station-s05\""),
    ] {
        let span = idx
            .get(path)
            .unwrap_or_else(|| panic!("{path} not indexed"));
        assert_eq!(&VALID[span], text, "{path}");
    }
}

#[test]
fn the_new_coping_and_call_fields_are_checked() {
    // Redials beyond 20 would keep a caller on one number for ever: out of range.
    expect_in(
        &mutate(
            "safety_checks: (call_minutes: 10, max_callers: 3)",
            "safety_checks: (call_minutes: 10, max_callers: 3, redials: 1000)",
        ),
        "out-of-range",
        "redials: 1000",
        "1000",
    );
    // A share of households answering a message is between 0 and 1.
    let d = expect_in(
        &mutate(
            "safety_checks: (call_minutes: 10, max_callers: 3)",
            "safety_checks: (call_minutes: 10, max_callers: 3, message_reply_share: 1.5)",
        ),
        "share-range",
        "message_reply_share: 1.5",
        "1.5",
    );
    assert!(
        d.message_in(Lang::En).contains("message_reply_share"),
        "{d:#?}"
    );
    // A spare battery cannot hold negative hours.
    expect_in(
        &mutate(
            "devices: [(kind: Ventilator, battery_hours: 8)]",
            "devices: [(kind: Ventilator, battery_hours: 8, spare_battery_hours: -4)]",
        ),
        "negative",
        "spare_battery_hours: -4",
        "-4",
    );
}

/// Fields that take a number or a distribution accept both, check a distribution's parameters
/// at their own position, and say what they take when given neither.
#[test]
fn numbers_or_distributions() {
    let t = mutate(
        "base_station_battery_hours: 24",
        "base_station_battery_hours: Uniform(min: 3, max: 24)",
    );
    assert!(diags(&t).is_empty(), "{:#?}", diags(&t));
    let t = mutate(
        "injury_share: 0.05",
        "injury_share: Uniform(min: 0.02, max: 1.5)",
    );
    expect_in(
        &t,
        "share-range",
        "injury_share: Uniform(min: 0.02, max: 1.5)",
        "1.5",
    );
    let t = mutate(
        "base_station_battery_hours: 24",
        "base_station_battery_hours: Uniform(min: 30, max: 24)",
    );
    expect_in(&t, "dist", "Uniform(min: 30, max: 24)", "24");
    let t = mutate(
        "base_station_battery_hours: 24",
        "base_station_battery_hours: Unifrom(min: 3, max: 24)",
    );
    let err = load_scenario("t.ron", &t).expect_err("a misspelt distribution is refused");
    assert_eq!(err.diagnostics.len(), 1, "{err:#?}");
    let en = err.render(Lang::En, false);
    assert!(en.contains("a number or a distribution"), "{en}");
    assert_eq!(err.diagnostics[0].line, 29, "{en}");
}

/// An onset minute outside 0–59 is reported at its value.
#[test]
fn onset_minute_range() {
    let t = mutate("onset_hour: 14", "onset_hour: 14, onset_minute: 60");
    expect(&t, "out-of-range", "60");
    let t = mutate("onset_hour: 14", "onset_hour: 21, onset_minute: 26");
    assert!(diags(&t).is_empty(), "{:#?}", diags(&t));
}
