//! Exercise sessions as a library: command parsing never panics, a session replays to the
//! same result, and a session that schedules nothing is `simulate`.

use bcpsim_engine::exercise::{Entry, Session, parse, rebuild};
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::{RunOptions, simulate};
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../../scenarios/exercise-sample-station.ron");

proptest! {
    #[test]
    fn parsing_any_line_never_panics(line in "\\PC{0,60}") {
        let _ = parse(&line);
    }
}

#[test]
fn replay_gives_the_same_result_and_no_commands_is_simulate() {
    let scenario = load_scenario("exercise-sample-station.ron", SAMPLE).expect("sample is valid");
    let entries: Vec<Entry> = [
        (0, "next 2h"),
        (2, "prioritize station-p002"),
        (2, "until 6h"),
        (6, "move station-p001 hospital"),
        (6, "until 24h"),
    ]
    .iter()
    .map(|(h, c)| Entry {
        hour: *h,
        command: c.to_string(),
    })
    .collect();
    let a = rebuild(&scenario, 7, &entries).unwrap().into_result();
    let b = rebuild(&scenario, 7, &entries).unwrap().into_result();
    assert_eq!(a, b);

    // A session that only advances to the end, in a scenario without injects, is `simulate`.
    let mut plain = scenario.clone();
    plain.exercise = None;
    let mut s = Session::new(&plain, 3);
    let horizon = plain.time.horizon_hours;
    let cmd = parse(&format!("until {horizon}h")).unwrap().unwrap();
    s.apply(&cmd, "until").unwrap();
    assert_eq!(s.into_result(), simulate(&plain, 3, 0, RunOptions::FULL));

    // A wrong hour in the record is refused.
    let mut wrong = entries.clone();
    wrong[1].hour = 3;
    assert!(rebuild(&scenario, 7, &wrong).is_err());
}

fn entries(list: &[(u32, &str)]) -> Vec<Entry> {
    list.iter()
        .map(|(h, c)| Entry {
            hour: *h,
            command: c.to_string(),
        })
        .collect()
}

fn apply(s: &mut Session, line: &str) -> String {
    let cmd = parse(line).unwrap().unwrap();
    let applied = s
        .apply(&cmd, line)
        .unwrap_or_else(|m| panic!("{line}: {}", m.en));
    applied.message.map(|m| m.en).unwrap_or_default()
}

#[test]
fn the_facilitator_sets_a_lifeline_and_holds_a_patient() {
    let scenario = load_scenario("exercise-sample-station.ron", SAMPLE).expect("sample is valid");
    let mut s = Session::new(&scenario, 1);
    apply(&mut s, "next 2h");
    // A powered-device patient at home without power, battery not yet empty.
    let st = s.status();
    let p = st.agencies[0]
        .without_power
        .iter()
        .find(|p| p.battery_hours.unwrap_or(0.0) > 4.0)
        .expect("a patient on battery at hour 2")
        .clone();
    let ack = apply(&mut s, &format!("保留 {}", p.id));
    assert!(
        ack.contains("hold:") && ack.contains("stands still"),
        "{ack}"
    );
    apply(&mut s, "next 4h");
    let held = |s: &Session| {
        s.status().agencies[0]
            .without_power
            .iter()
            .find(|q| q.id == p.id)
            .cloned()
    };
    let now = held(&s).expect("still without power");
    assert!(now.held);
    assert_eq!(
        now.battery_hours, p.battery_hours,
        "the battery clock stood still"
    );
    // Holding twice, or releasing a patient not held, is refused.
    let again = parse(&format!("hold {}", p.id)).unwrap().unwrap();
    assert!(s.check(&again).unwrap_err().en.contains("already held"));
    apply(&mut s, &format!("release {}", p.id));
    apply(&mut s, "next 2h");
    if let Some(q) = held(&s) {
        assert!(!q.held);
        assert!(q.battery_hours < p.battery_hours, "the clock goes on");
    }
    // A lifeline set by the facilitator holds from the next step on.
    let ack = apply(&mut s, "設定 電気 ward 復旧");
    assert!(ack.contains("set: power in") && ack.contains("up"), "{ack}");
    apply(&mut s, "set water ward degraded 40%");
    apply(&mut s, "next");
    let z = &s.status().zones[0];
    assert_eq!(z.lifelines[0], 1.0);
    assert!((z.lifelines[1] - 0.4).abs() < 1e-9, "{:?}", z.lifelines);
    assert!(s.timeline().iter().any(|t| matches!(
        t,
        bcpsim_engine::exercise::TimelineItem::Intervention { kind, .. } if kind == "hold"
    )));
    // Unknown names and bad states are explained.
    assert!(parse("set power").is_err());
    assert!(
        parse("set lava ward down")
            .unwrap_err()
            .en
            .contains("no lifeline")
    );
    assert!(
        parse("set power ward degraded 150%")
            .unwrap_err()
            .en
            .contains("out of range")
    );
    let bad = parse("set power nowhere down").unwrap().unwrap();
    assert!(s.check(&bad).unwrap_err().en.contains("unknown zone"));
}

#[test]
fn back_replays_like_the_session_that_stopped_there() {
    let scenario = load_scenario("exercise-sample-station.ron", SAMPLE).expect("sample is valid");
    let with_back = entries(&[
        (0, "next 2h"),
        (2, "prioritize station-p002"),
        (2, "until 12h"),
        (12, "deliver station water_2l 15"),
        (12, "set power ward up"),
        (12, "戻す 6時間"),
        (6, "lend-power station 1"),
        (6, "until 8h"),
    ]);
    let straight = entries(&[
        (0, "next 2h"),
        (2, "prioritize station-p002"),
        (2, "until 6h"),
        (6, "lend-power station 1"),
        (6, "until 8h"),
    ]);
    let kept: Vec<Entry> = bcpsim_engine::exercise::effective_entries(&with_back)
        .unwrap()
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    assert_eq!(kept, straight);
    let r = bcpsim_engine::exercise::rewinds(&with_back).unwrap();
    assert_eq!((r[0].from_hour, r[0].to_hour, r[0].dropped), (12, 6, 2));
    let a = rebuild(&scenario, 1, &with_back).unwrap().into_result();
    let b = rebuild(&scenario, 1, &straight).unwrap().into_result();
    assert_eq!(a, b);
    // Back to a later hour is refused in the file as in the room.
    let bad = entries(&[(0, "next 2h"), (2, "back 4h")]);
    assert!(rebuild(&scenario, 1, &bad).is_err());
    // The debrief lists the steering apart from the decisions.
    let d = bcpsim_engine::exercise::debrief(&scenario, 1, &with_back).unwrap();
    let kinds: Vec<&str> = d.interventions.iter().map(|i| i.kind.as_str()).collect();
    assert_eq!(kinds, ["back"]);
    assert!(d.interventions[0].en.contains("from hour 12 to hour 6"));
}
