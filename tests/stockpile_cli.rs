//! `bcpsim stockpile --json` on a small scenario: W = 9, 15 staff (3 listed + 12 from a
//! profile), 8 women aged 50 or under, a few stock items.

mod support;
use support::bcpsim;

use std::ffi::OsStr;

use serde_json::Value;

const SCENARIO: &str = r#"Scenario(
    name: "stockpile test",
    time: (onset_weekday: Wed, onset_hour: 14, horizon_hours: 72),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: "z1")],
    agencies: [(
        id: "station",
        name: "テスト訪問看護ステーション",
        kind: VisitingNurseStation,
        zone: "z1",
        staff: (
            average_working_per_day: 9,
            women_50_or_under: 8,
            members: [
                (id: "s1", role: Nurse, home_km: 1.0, commute: Walk),
                (id: "s2", role: Nurse, home_km: 2.0, commute: Bicycle),
                (id: "s3", role: Clerk, home_km: 3.0, commute: Car),
            ],
            profile: Some((
                count: 12,
                roles: {Nurse: 1.0},
                commute: {Walk: 1.0},
                visit_modes: {Bicycle: 1.0},
                home_km: Fixed(2.0),
            )),
        ),
        stocks: [
            (item: "water_2l", quantity: 36, unit: "bottle"),
            (item: "meals", quantity: 81, unit: "meal"),
            (item: "masks", quantity: 30, unit: "piece"),
        ],
        plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.03), (hour: 6, share: 0.2)])),
    )],
)
"#;

fn stockpile(extra: &[&str]) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scenario.ron");
    std::fs::write(&path, SCENARIO).unwrap();
    let args: Vec<&OsStr> = [OsStr::new("stockpile"), path.as_os_str()]
        .into_iter()
        .chain(extra.iter().map(OsStr::new))
        .collect();
    let out = bcpsim(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    let stdout = String::from_utf8(out.stdout).unwrap();
    (serde_json::from_str(&stdout).unwrap_or(Value::Null), stdout)
}

fn row<'a>(v: &'a Value, item: &str) -> &'a Value {
    v["agencies"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["item"] == item)
        .unwrap_or_else(|| panic!("no row {item}"))
}

#[test]
fn json_gives_the_004_quantities_and_flags_shortfalls() {
    let (v, _) = stockpile(&["--json"]);
    let agency = &v["agencies"][0];
    assert_eq!(agency["agency"], "station");
    assert_eq!(agency["staff_count"], 15);
    assert_eq!(agency["women_50_or_under"], 8);
    assert_eq!(agency["days"], 3);

    // Hand calculations with W = 9, 8 of 15 staff women aged 50 or under, 3 days:
    let expected = [
        ("water_2l", 41),          // 9 × 3 L × 3 ÷ 2 L = 40.5 → 41
        ("meals", 81),             // 9 × 3 × 3
        ("paper_cups", 27),        // 9 × 3
        ("spoons", 81),            // 9 × 3 × 3
        ("portable_toilets", 135), // 9 × 5 × 3
        ("sanitary_products", 22), // 9 × 8/15 × 0.25 × 6 × 3 = 21.6 → 22
        ("flashlights", 5),        // 9 ÷ 2 = 4.5 → 5
        ("lanterns", 1),           // 9 ÷ 10 = 0.9 → 1
        ("mobile_batteries", 3),   // 9 ÷ 3
        ("gloves", 27),            // 9 × 3
        ("masks", 27),             // 9 × 3
        ("hand_warmers", 27),      // 9 × 3
        ("water_tanks_10l", 3),    // 9 ÷ 3
    ];
    for (item, required) in expected {
        assert_eq!(row(&v, item)["required"], required, "{item}");
    }

    // 36 bottles held of 41: short by 5. Meals exactly covered, masks more than covered,
    // items not held at all short by the whole requirement.
    let water = row(&v, "water_2l");
    assert_eq!(water["held"], 36.0);
    assert_eq!(water["shortfall"], 5);
    assert_eq!(row(&v, "meals")["shortfall"], 0);
    assert_eq!(row(&v, "masks")["shortfall"], 0);
    assert_eq!(row(&v, "portable_toilets")["held"], 0.0);
    assert_eq!(row(&v, "portable_toilets")["shortfall"], 135);
}

#[test]
fn days_option_scales_per_day_items_only() {
    let (v, _) = stockpile(&["--json", "--days", "7"]);
    assert_eq!(row(&v, "meals")["required"], 189); // 9 × 3 × 7
    assert_eq!(row(&v, "water_2l")["required"], 95); // 9 × 3 × 7 ÷ 2 = 94.5 → 95
    assert_eq!(row(&v, "flashlights")["required"], 5); // 9 ÷ 2, whatever the days
}

#[test]
fn tables_flag_shortfalls_in_both_languages() {
    let (_, ja) = stockpile(&[]);
    let water = ja.lines().find(|l| l.contains("飲料水")).unwrap();
    assert!(water.contains("41 本") && water.contains("不足 5"), "{ja}");
    let (_, en) = stockpile(&["--lang", "en"]);
    let water = en.lines().find(|l| l.contains("Drinking water")).unwrap();
    assert!(
        water.contains("41 bottles") && water.contains("short by 5"),
        "{en}"
    );
}

#[test]
fn the_embedded_sample_station_shows_the_004_table_and_holds_it() {
    // `bcpsim stockpile` with no scenario: the sample station (W = 9, 8 of 15 women aged 50 or
    // under). 004 §2-7: water 41 bottles of 2 L, meals 81, portable toilets 135, sanitary
    // products 22; the sample holds exactly its own table, so nothing is short.
    let out = bcpsim(&["stockpile", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for (item, required) in [
        ("water_2l", 41),
        ("meals", 81),
        ("portable_toilets", 135),
        ("sanitary_products", 22),
    ] {
        assert_eq!(row(&v, item)["required"], required, "{item}");
        assert_eq!(row(&v, item)["shortfall"], 0, "{item}");
    }
    // The table, in Japanese by default, names the bottles.
    let out = bcpsim(&["stockpile"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("41"), "{text}");
}
