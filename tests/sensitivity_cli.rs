//! `bcpsim sensitivity`: bad factors files at their line and column, a factor without effect,
//! and the same bytes for any thread count and for shards merged.

mod support;
use support::{assert_same_files, bcpsim, every_mutation_is_located, repo, stderr};

use serde_json::Value;

/// The sample over 240 hours (power is back by then; a third of the work).
fn short_sample(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(repo("scenarios/sample-station.ron")).unwrap();
    let text = text.replacen("horizon_hours: 720", "horizon_hours: 240", 1);
    let path = dir.join("sample-240h.ron");
    std::fs::write(&path, text).unwrap();
    path
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn bad_factors_files_are_reported_at_line_and_column_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        // (file text, expected location, words of the message)
        (
            "Factors(factors: [\n  Factor(name: \"a\", target: Cars(agency: \"station\"), low: 1, high: 2, colour: 3),\n])\n",
            ":2:71",
            "unknown field `colour`",
        ),
        (
            "Factors(factors: [\n  Factor(name: \"a\", target: Cars(agency: \"station\"), low: 3, high: 1),\n])\n",
            ":2:59",
            "is above `high`",
        ),
        (
            "Factors(factors: [\n  Factor(name: \"a\", target: BatteryHours(agency: \"statoin\"), low: 0.5, high: 1.5),\n])\n",
            ":2:50",
            "did you mean `station`",
        ),
        (
            "Factors(factors: [\n  Factor(name: \"a\", target: PowerStations(agency: \"station\"), low: 0.5, high: 2),\n])\n",
            ":2:68",
            "whole number",
        ),
        (
            "Factors(factors: [\n  Factor(name: \"a\", target: StockScale(agency: \"station\"), low: -1, high: 2),\n])\n",
            ":2:65",
            "0 or more",
        ),
    ];
    for (i, (text, at, words)) in cases.iter().enumerate() {
        let f = write(tmp.path(), &format!("f{i}.ron"), text);
        let o = bcpsim(&[
            "sensitivity",
            repo("scenarios/sample-station.ron").to_str().unwrap(),
            "--factors",
            f.to_str().unwrap(),
            "--lang",
            "en",
        ]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("f{i}.ron{at}")), "want {at}: {err}");
        assert!(err.contains(words), "want {words}: {err}");
        assert!(
            err.contains("hint") || err.contains("known fields"),
            "{err}"
        );
    }
}

#[test]
fn a_factor_without_effect_gets_intervals_that_include_zero() {
    // Gas restoration does not touch a ventilator's battery: its tornado difference and both
    // Sobol' indices of battery-depleted patient-hours must have intervals that include 0,
    // while the batteries' own factor clearly matters.
    let tmp = tempfile::tempdir().unwrap();
    let scenario = short_sample(tmp.path());
    let factors = write(
        tmp.path(),
        "f.ron",
        "Factors(factors: [\n  Factor(name: \"gas\", target: Restoration(zone: \"ward\", lifeline: Gas), low: 0.5, high: 2.0),\n  Factor(name: \"batteries\", target: BatteryHours(agency: \"station\"), low: 0.3, high: 2.0),\n])\n",
    );
    let out = tmp.path().join("out");
    let o = bcpsim(&[
        "sensitivity",
        scenario.to_str().unwrap(),
        "--factors",
        factors.to_str().unwrap(),
        "--metric",
        "critical.depleted_patient_hours",
        "--runs",
        "20",
        "--samples",
        "64",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value =
        serde_json::from_slice(&std::fs::read(out.join("sensitivity.json")).unwrap()).unwrap();
    let m = &v["metrics"][0];
    let f = |x: &Value| x.as_f64().unwrap();
    let gas = &m["tornado"][0];
    assert_eq!(gas["factor"], "gas");
    assert!(
        f(&gas["ci_low"]) <= 0.0 && 0.0 <= f(&gas["ci_high"]),
        "{gas}"
    );
    let gas = &m["sobol"][0];
    assert!(
        f(&gas["first_order_low"]) <= 0.0 && 0.0 <= f(&gas["first_order_high"]),
        "{gas}"
    );
    assert!(
        f(&gas["total_low"]) <= 0.0 && 0.0 <= f(&gas["total_high"]),
        "{gas}"
    );
    let bat = &m["sobol"][1];
    assert!(f(&bat["total_low"]) > 0.1, "{bat}");
    let bat = &m["tornado"][1];
    assert!(
        f(&bat["ci_high"]) < 0.0,
        "longer batteries, fewer hours at zero: {bat}"
    );
}

fn run_into(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let scenario = dir.join("sample-240h.ron");
    let factors = dir.join("f.ron");
    let mut args = vec![
        "sensitivity".to_string(),
        scenario.display().to_string(),
        "--factors".into(),
        factors.display().to_string(),
        "--runs".into(),
        "5".into(),
        "--samples".into(),
        "12".into(),
        "--resamples".into(),
        "50".into(),
        "--seed".into(),
        "7".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    bcpsim(&args)
}

#[test]
fn same_files_for_any_thread_count_and_for_merged_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    short_sample(dir);
    write(
        dir,
        "f.ron",
        "Factors(factors: [\n  Factor(name: \"power\", target: Restoration(zone: \"ward\", lifeline: Power), low: 0.5, high: 2.0),\n  Factor(name: \"stations\", target: PowerStations(agency: \"station\"), low: 0, high: 3),\n  Factor(name: \"calls\", target: LifelineLevel(zone: \"ward\", lifeline: TelecomVoice), low: 0.5, high: 1.5, distribution: Triangular(mode: 1.0)),\n])\n",
    );
    let out = |name: &str| dir.join(name).display().to_string();
    for (name, threads) in [("t1", "1"), ("t2", "2")] {
        let o = run_into(
            dir,
            &["--threads", threads, "--out", &out(name), "--report"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for k in 0..3 {
        let shard = format!("{k}/3");
        let o = run_into(dir, &["--shard", &shard, "--out", &out(&format!("s{k}"))]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    // The shards in another order than their indices.
    let o = bcpsim(&[
        "merge",
        &out("s2"),
        &out("s0"),
        &out("s1"),
        "--out",
        &out("merged"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = [
        "sensitivity.json",
        "tornado.csv",
        "sobol.csv",
        "evaluations.json",
    ];
    assert_same_files(&dir.join("t1"), &dir.join("t2"), &files);
    assert_same_files(&dir.join("t1"), &dir.join("merged"), &files);
    assert_same_files(&dir.join("t1"), &dir.join("t2"), &["report.html"]);
    // `bcpsim report` of the merged analysis is the report one machine wrote.
    let o = bcpsim(&["report", &out("merged")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.join("merged/report.html")).unwrap(),
        std::fs::read(dir.join("t1/report.html")).unwrap()
    );
    // A missing shard is refused.
    let o = bcpsim(&["merge", &out("s0"), &out("s1"), "--out", &out("partial")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // Nothing is overwritten without --force.
    let o = run_into(dir, &["--out", &out("t1")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn mutated_factors_files_never_panic_and_every_error_is_located() {
    let scenario = bcpsim_engine::load::load_scenario(
        bcpsim_engine::samples::SAMPLE_STATION_NAME,
        bcpsim_engine::samples::SAMPLE_STATION,
    )
    .unwrap();
    let text = std::fs::read_to_string(repo("scenarios/analysis/sample-factors.ron")).unwrap();
    assert!(bcpsim_engine::sensitivity::load_factors("f.ron", &text, &scenario).is_ok());
    every_mutation_is_located(&text, |text| {
        bcpsim_engine::sensitivity::load_factors("f.ron", text, &scenario)
    });
}
