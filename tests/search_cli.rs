//! `bcpsim search`: an answer worked out by hand, the chosen plan as a variant the other
//! commands accept, the same bytes for any thread count, and bad levers files at their line
//! and column.

mod support;
use support::{assert_same_files, bcpsim, every_mutation_is_located, repo, stderr};

use serde_json::Value;

const TARGET: &str = "critical.battery_depleted_patients <= 0";

fn search(out: &std::path::Path, threads: &str) -> std::process::Output {
    bcpsim(&[
        "search",
        repo("tests/data/search-station.ron").to_str().unwrap(),
        "--levers",
        repo("tests/data/search-levers.ron").to_str().unwrap(),
        "--target",
        TARGET,
        "--threads",
        threads,
        "--lang",
        "en",
        "--out",
        out.to_str().unwrap(),
        "--report",
    ])
}

#[test]
fn the_answer_is_one_power_station_per_patient() {
    // tests/data/search-station.ron: three ventilator patients, a 48-hour outage, stations that
    // last 100 hours, nothing else to power a ventilator. Fewer than three stations leave a
    // patient without power in every run; three cover everyone; cars add nothing. The
    // cheapest plan is 3 stations and no car: 3 × 100 000 yen.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = search(&out, "2");
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("stations=3; cars=0 (cost 300,000 yen"),
        "{stdout}"
    );
    let v: Value =
        serde_json::from_slice(&std::fs::read(out.join("search.json")).unwrap()).unwrap();
    let chosen = &v["candidates"][v["chosen"].as_u64().unwrap() as usize];
    assert_eq!(chosen["cost_yen"], 300000.0);
    assert_eq!(chosen["status"], "meets");
    assert!(chosen["share_low"].as_f64().unwrap() >= 0.95, "{chosen}");
    for c in v["candidates"].as_array().unwrap() {
        let stations: u32 = c["levers"][0][1].as_str().unwrap().parse().unwrap();
        let want = if stations >= 3 { "meets" } else { "fails" };
        assert_eq!(c["status"], want, "{c}");
    }
    // `bcpsim report` of the directory is the report the search wrote; Markdown its tables.
    let again = tmp.path().join("again.html");
    let o = bcpsim(&[
        "report",
        out.to_str().unwrap(),
        "--lang",
        "en",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(out.join("report.html")).unwrap()
    );
    let o = bcpsim(&[
        "report",
        out.to_str().unwrap(),
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("Cost–risk frontier"), "{md}");
    // In Japanese (the default), with the glossary's words.
    let ja = tmp.path().join("ja.html");
    let o = bcpsim(&[
        "report",
        out.to_str().unwrap(),
        "--out",
        ja.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ja = std::fs::read_to_string(ja).unwrap();
    assert!(
        ja.contains("対策探索報告書") && ja.contains("費用とリスクの境界"),
        "{ja}"
    );
    assert!(ja.contains("lang=\"ja\""));
    // The frontier: nothing at 0 yen, everything at 300 000.
    let frontier = std::fs::read_to_string(out.join("frontier.csv")).unwrap();
    assert_eq!(frontier.lines().count(), 3, "{frontier}");
    // The chosen plan is a variant that validate, run and compare accept.
    let plan = out.join("chosen-plan.ron");
    let o = bcpsim(&["validate", plan.to_str().unwrap(), "--lang", "en"]);
    assert!(
        o.status.success(),
        "{}{}",
        stderr(&o),
        String::from_utf8_lossy(&o.stdout)
    );
    let o = bcpsim(&[
        "compare",
        repo("tests/data/search-station.ron").to_str().unwrap(),
        plan.to_str().unwrap(),
        "--runs",
        "20",
        "--lang",
        "en",
        "--out",
        tmp.path().join("cmp").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cmp: Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("cmp/compare.json")).unwrap())
            .unwrap();
    let depleted = cmp["variants"][0]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "critical.battery_depleted_patients")
        .unwrap();
    assert_eq!(depleted["variant_median"], 0.0, "{depleted}");
}

#[test]
fn same_files_for_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for (dir, threads) in [(&a, "1"), (&b, "2")] {
        let o = search(dir, threads);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let files = [
        "search.json",
        "candidates.csv",
        "frontier.csv",
        "chosen-plan.ron",
        "report.html",
    ];
    assert_same_files(&a, &b, &files);
}

#[test]
fn merged_shards_give_the_files_of_one_machine() {
    // Every candidate's runs depend on nothing but the candidate: shards by candidate merge
    // exactly, in any order; a missing shard is refused.
    let tmp = tempfile::tempdir().unwrap();
    let dir = |n: &str| tmp.path().join(n).display().to_string();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "search".to_string(),
            repo("tests/data/search-station.ron").display().to_string(),
            "--levers".into(),
            repo("tests/data/search-levers.ron").display().to_string(),
            "--target".into(),
            TARGET.into(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let o = bcpsim(&args);
        assert!(o.status.success(), "{}", stderr(&o));
    };
    run(&["--out", &dir("whole")]);
    for k in 0..3 {
        run(&[
            "--shard",
            &format!("{k}/3"),
            "--out",
            &dir(&format!("s{k}")),
        ]);
    }
    let o = bcpsim(&[
        "merge",
        &dir("s1"),
        &dir("s2"),
        &dir("s0"),
        "--out",
        &dir("merged"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = [
        "search.json",
        "candidates.csv",
        "frontier.csv",
        "chosen-plan.ron",
    ];
    assert_same_files(
        &tmp.path().join("whole"),
        &tmp.path().join("merged"),
        &files,
    );
    let o = bcpsim(&["merge", &dir("s0"), &dir("s2"), "--out", &dir("partial")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn bad_levers_and_targets_are_refused_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (
            "Levers(levers: [\n  Count(name: \"s\", set: PowerStations(agency: \"st\"), max: 2, unit_cost_yen: -5),\n])\n",
            ":2:77",
            "0 yen or more",
        ),
        (
            "Levers(levers: [\n  Count(name: \"s\", set: PowerStations(agency: \"st\"), max: 2, price: 5),\n])\n",
            ":2:62",
            "unknown field `price`",
        ),
        (
            "Levers(levers: [\n  Count(name: \"c\", set: Cars(agency: \"st\"), min: 3, max: 2, unit_cost_yen: 5),\n])\n",
            ":2:50",
            "is above `max`",
        ),
        (
            "Levers(levers: [\n  Choice(name: \"x\", options: [(name: \"a\", cost_yen: 0, changes: [Equipment(agency: \"sx\", cars: 1)])]),\n])\n",
            ":2:84",
            "did you mean `st`",
        ),
    ];
    for (i, (text, at, words)) in cases.iter().enumerate() {
        let f = tmp.path().join(format!("l{i}.ron"));
        std::fs::write(&f, text).unwrap();
        let o = bcpsim(&[
            "search",
            repo("tests/data/search-station.ron").to_str().unwrap(),
            "--levers",
            f.to_str().unwrap(),
            "--target",
            TARGET,
            "--lang",
            "en",
        ]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("l{i}.ron{at}")), "want {at}: {err}");
        assert!(err.contains(words), "want {words}: {err}");
    }
    let o = bcpsim(&[
        "search",
        repo("tests/data/search-station.ron").to_str().unwrap(),
        "--levers",
        repo("tests/data/search-levers.ron").to_str().unwrap(),
        "--target",
        "ventilator_hours_without_power <= 2",
        "--lang",
        "en",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("critical.longest_without_device_power_hours"),
        "{err}"
    );
}

#[test]
fn from_a_variant_the_chosen_plan_keeps_the_variants_changes() {
    // A variant that already holds one station: the levers start there (each extra station
    // costs), so the answer is two more, 200 000 yen, and the chosen plan is the variant's
    // changes followed by the levers', over the variant's base.
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("station.ron");
    std::fs::copy(repo("tests/data/search-station.ron"), &base).unwrap();
    let variant = tmp.path().join("one.ron");
    std::fs::write(
        &variant,
        "Variant(base: \"station.ron\", name: \"one station\", changes: [Equipment(agency: \"st\", portable_power_stations: 1)])\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = bcpsim(&[
        "search",
        variant.to_str().unwrap(),
        "--levers",
        repo("tests/data/search-levers.ron").to_str().unwrap(),
        "--target",
        TARGET,
        "--lang",
        "en",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("stations=3; cars=0 (cost 200,000 yen"),
        "{stdout}"
    );
    let plan = std::fs::read_to_string(out.join("chosen-plan.ron")).unwrap();
    assert!(plan.contains("base: \"../station.ron\""), "{plan}");
    let first = plan
        .find("portable_power_stations: 1")
        .expect("the variant's change");
    let then = plan
        .find("portable_power_stations: 3")
        .expect("the levers' change");
    assert!(first < then, "{plan}");
    let o = bcpsim(&["validate", out.join("chosen-plan.ron").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn mutated_levers_files_never_panic_and_every_error_is_located() {
    let scenario = bcpsim_engine::load::load_scenario(
        bcpsim_engine::samples::SAMPLE_STATION_NAME,
        bcpsim_engine::samples::SAMPLE_STATION,
    )
    .unwrap();
    let text = std::fs::read_to_string(repo("scenarios/analysis/sample-levers.ron")).unwrap();
    assert!(bcpsim_engine::search::load_levers("l.ron", &text, &scenario).is_ok());
    every_mutation_is_located(&text, |text| {
        bcpsim_engine::search::load_levers("l.ron", text, &scenario)
    });
}
