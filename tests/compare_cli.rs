//! `bcpsim compare`: common random numbers make the pairing exact.

mod support;
use support::bcpsim;

use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};
use bcpsim_engine::scenario::{Dist, LifelineSpec, RandomOutage, Scenario};
use bcpsim_engine::{RunOptions, simulate};
use serde_json::Value;

#[test]
fn a_variant_identical_to_the_base_differs_by_zero_in_every_run() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base.ron");
    let same = tmp.path().join("same.ron");
    std::fs::write(&base, SAMPLE_STATION).unwrap();
    std::fs::write(&same, SAMPLE_STATION).unwrap();
    let out = tmp.path().join("cmp");
    let o = bcpsim(&[
        "compare",
        base.to_str().unwrap(),
        same.to_str().unwrap(),
        "--runs",
        "12",
        "--seed",
        "3",
        "--lang",
        "en",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("Plan comparison"), "{stdout}");
    let v: Value =
        serde_json::from_slice(&std::fs::read(out.join("compare.json")).unwrap()).unwrap();
    let metrics = v["variants"][0]["metrics"].as_array().unwrap();
    assert!(metrics.len() > 20, "every metric is compared");
    for m in metrics {
        // Every run paired: 12 runs where both have a value (nulls of "never" metrics count as
        // the horizon on both sides), and each difference exactly 0.
        assert_eq!(m["runs"], 12, "{m}");
        assert_eq!(m["zero_difference_runs"], 12, "{m}");
        assert_eq!(m["mean_difference"], 0.0, "{m}");
        if m["direction"] != "neutral" {
            assert_eq!(m["share_better"], 0.0, "{m}");
        }
    }
}

#[test]
fn a_plan_change_leaves_the_disaster_the_same() {
    // Common random numbers: six portable power stations change the plan, not the disaster,
    // so run i of both sees the same lifeline levels at every step; another run index does
    // not. (The sample's power follows a fixed schedule, which would hide that, so a random
    // restoration time is put in its place.)
    let mut base = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
    base.zones[0].lifelines.power = LifelineSpec::Restoration(RandomOutage {
        start_hour: 0,
        down_hours: Dist::LogNormal {
            median: 60.0,
            sigma: 0.5,
        },
        degraded_hours: Dist::Fixed(24.0),
        degraded_level: 0.5,
    });
    let mut variant = base.clone();
    variant.agencies[0].equipment.portable_power_stations = 6;
    let levels = |s: &Scenario, run| {
        simulate(s, 9, run, RunOptions::FULL)
            .timeseries
            .rows()
            .iter()
            .map(|r| r.lifelines)
            .collect::<Vec<_>>()
    };
    assert_eq!(levels(&base, 4), levels(&variant, 4));
    assert_ne!(levels(&base, 4), levels(&base, 5));
    // And the plan change does change an outcome the planner cares about.
    let depleted_hours = |s: &Scenario| {
        simulate(s, 9, 4, RunOptions::SUMMARY_ONLY)
            .summary
            .region
            .critical
            .depleted_patient_hours
    };
    assert!(depleted_hours(&variant) < depleted_hours(&base));
}
