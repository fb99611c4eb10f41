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
