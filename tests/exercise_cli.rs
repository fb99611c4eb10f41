//! `bcpsim exercise`, `replay` and `aar` driven through stdin by scripts (not a terminal):
//! the session file, rejected commands, a killed session resumed, byte-identical replays, the
//! CSV timeline round trip, and validation of bad injects.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_bcpsim");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample_scenario() -> PathBuf {
    root().join("scenarios/exercise-sample-station.ron")
}

/// Runs bcpsim with `args` in `dir`, `input` on stdin.
fn run_in(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bcpsim starts");
    // A command that refuses before reading stdin (exit 2) may close the pipe first.
    match child.stdin.take().unwrap().write_all(input.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.unwrap(),
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A scratch folder holding a copy of the sample exercise scenario.
fn scratch() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let scen = dir.path().join("ex.ron");
    fs::copy(sample_scenario(), &scen).unwrap();
    (dir, scen)
}

/// The command lines of a session file (header left out).
fn commands(session: &Path) -> Vec<String> {
    fs::read_to_string(session)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{}@{}", v["command"].as_str().unwrap(), v["hour"])
        })
        .collect()
}

#[test]
fn scripted_session_records_accepted_commands_only() {
    let (dir, _) = scratch();
    let script = "next 2h\nprioritize station-p002\nnxt\nsend-staff station nowhere 1\n\
                  send-staff station station 1\nmove station-p999 hospital\ndeliver station caviar 3\n\
                  status\nhelp\nnote 家族に折り返し電話 / call the family back\nuntil 6h\nquit\n";
    let out = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "s.jsonl", "--lang", "en"],
        script,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains("did you mean `next`?"), "{text}");
    assert!(text.contains("unknown agency `nowhere`"), "{text}");
    assert!(text.contains("unknown patient `station-p999`"), "{text}");
    assert!(text.contains("unknown stock item `caviar`"), "{text}");
    // The inject at hour 2 is read out: content, recipient, sender, expected action.
    assert!(text.contains("INJECT I02 (hour 2)"), "{text}");
    assert!(text.contains("The power is out at my mother's"), "{text}");
    assert!(text.contains("Expected action:"), "{text}");
    assert_eq!(
        commands(&dir.path().join("s.jsonl")),
        vec![
            "next 2h@0",
            "prioritize station-p002@2",
            "note 家族に折り返し電話 / call the family back@2",
            "until 6h@2",
        ]
    );
    let header: serde_json::Value = serde_json::from_str(
        fs::read_to_string(dir.path().join("s.jsonl"))
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["bcpsim_session"], 3);
    assert_eq!(header["seed"], 1);
    assert_eq!(header["scenario_sha256"].as_str().unwrap().len(), 64);

    // An existing session file is never overwritten without --force.
    let again = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "s.jsonl"],
        "quit\n",
    );
    assert_eq!(again.status.code(), Some(2));
}

/// Two stations a short walk apart (the sample has one agency; staff go between agencies).
const TWO_STATIONS: &str = r#"Scenario(
    name: "two stations",
    time: (onset_weekday: Wed, onset_hour: 10, horizon_hours: 48),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: "z1")],
    agencies: [
        (
            id: "station",
            kind: VisitingNurseStation,
            zone: "z1",
            staff: (
                average_working_per_day: 3,
                members: [
                    (id: "a1", role: Nurse, home_km: 0.5, commute: Walk),
                    (id: "a2", role: Nurse, home_km: 0.5, commute: Walk),
                    (id: "a3", role: Nurse, home_km: 0.5, commute: Walk),
                ],
            ),
            patients: (members: [(id: "pa1", class: A)]),
            stocks: [(item: "water_2l", quantity: 10, unit: "bottle")],
            plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.5), (hour: 6, share: 1.0)])),
        ),
        (
            id: "partner",
            kind: VisitingNurseStation,
            zone: "z1",
            staff: (
                average_working_per_day: 3,
                members: [
                    (id: "b1", role: Nurse, home_km: 0.5, commute: Walk),
                    (id: "b2", role: Nurse, home_km: 0.5, commute: Walk),
                    (id: "b3", role: Nurse, home_km: 0.5, commute: Walk),
                ],
            ),
            patients: (members: [(id: "pb1", class: B)]),
            stocks: [(item: "water_2l", quantity: 10, unit: "bottle")],
            plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.5), (hour: 6, share: 1.0)])),
        ),
    ],
)
"#;

#[test]
fn more_staff_than_present_is_refused_and_not_recorded() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("two.ron"), TWO_STATIONS).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "exercise",
            "two.ron",
            "--session",
            "s.jsonl",
            "--lang",
            "en",
        ],
        "until 4h\nsend-staff partner station 99\nsend-staff partner station 1\nuntil 6h\nstatus\nquit\n",
    );
    let text = stdout(&out);
    assert!(out.status.success());
    assert!(
        text.contains("`partner` has 3 staff present; it cannot send 99"),
        "{text}"
    );
    assert_eq!(
        commands(&dir.path().join("s.jsonl")),
        vec!["until 4h@0", "send-staff partner station 1@4", "until 6h@4"]
    );
    // The nurse sent arrived: station has 4 present, partner 2.
    let last_board = &text[text.rfind("HOUR 6").unwrap()..];
    let station = &last_board[last_board.find("■ station").unwrap()..];
    assert!(station.contains("present 4"), "{last_board}");
    let partner = &last_board[last_board.find("■ partner").unwrap()..];
    assert!(partner.contains("present 2"), "{last_board}");
}

fn replay_files(session: &Path, out: &Path) -> Vec<(String, Vec<u8>)> {
    let o = Command::new(BIN)
        .arg("replay")
        .arg(session)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    ["summary.json", "timeseries.csv", "events.jsonl"]
        .iter()
        .map(|n| (n.to_string(), fs::read(out.join(n)).unwrap()))
        .collect()
}

#[test]
fn sample_session_replays_byte_identically() {
    let dir = TempDir::new().unwrap();
    let session = root().join("scenarios/exercise-sample-session.jsonl");
    let a = replay_files(&session, &dir.path().join("a"));
    let b = replay_files(&session, &dir.path().join("b"));
    assert_eq!(a, b);
    let events = String::from_utf8(a[2].1.clone()).unwrap();
    // The room's decisions reached the engine.
    assert!(
        events.contains("exercise: move station-p001 hospital"),
        "decision missing"
    );
    // Writing again into the same folder is refused without --force.
    let o = Command::new(BIN)
        .arg("replay")
        .arg(&session)
        .arg("--out")
        .arg(dir.path().join("a"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn killed_session_resumes_to_the_same_state() {
    let (dir, _) = scratch();
    let session = dir.path().join("s.jsonl");
    let mut child = Command::new(BIN)
        .args(["exercise", "ex.ron", "--session", "s.jsonl"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"next 3h\nprioritize station-p002\nlend-power station 1\nuntil 8h\n")
        .unwrap();
    stdin.flush().unwrap();
    let t0 = Instant::now();
    while commands_if_any(&session).len() < 4 {
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "session file never filled"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    let _ = child.wait();
    drop(stdin);

    let resumed = run_in(
        dir.path(),
        &["exercise", "--resume", "s.jsonl"],
        "move station-p001 hospital\nuntil 12h\nquit\n",
    );
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    assert!(stdout(&resumed).contains("再開しました"));

    // The same commands without interruption.
    let straight = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "t.jsonl"],
        "next 3h\nprioritize station-p002\nlend-power station 1\nuntil 8h\nmove station-p001 hospital\nuntil 12h\nquit\n",
    );
    assert!(straight.status.success());
    assert_eq!(commands(&session), commands(&dir.path().join("t.jsonl")));
    let a = replay_files(&session, &dir.path().join("a"));
    let b = replay_files(&dir.path().join("t.jsonl"), &dir.path().join("b"));
    assert_eq!(a, b);
}

fn commands_if_any(session: &Path) -> Vec<String> {
    match fs::read_to_string(session) {
        Ok(t) => t.lines().skip(1).map(str::to_string).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn changed_scenario_is_refused_unless_forced() {
    let (dir, scen) = scratch();
    let out = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "s.jsonl"],
        "next\nquit\n",
    );
    assert!(out.status.success());
    let mut text = fs::read_to_string(&scen).unwrap();
    text.push_str("\n// edited\n");
    fs::write(&scen, text).unwrap();
    let o = run_in(dir.path(), &["replay", "s.jsonl", "--lang", "en"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("hash mismatch"));
    let o = run_in(dir.path(), &["exercise", "--resume", "s.jsonl"], "quit\n");
    assert_eq!(o.status.code(), Some(2));
    let o = run_in(dir.path(), &["replay", "s.jsonl", "--force"], "");
    assert!(o.status.success());
}

#[test]
fn branch_forks_at_an_earlier_hour() {
    let (dir, _) = scratch();
    let out = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "s.jsonl"],
        "until 6h\nnote 様子見 / wait and see\nuntil 10h\nbranch b.jsonl 2h\nquit\n",
    );
    assert!(out.status.success());
    assert_eq!(commands(&dir.path().join("b.jsonl")), vec!["until 2h@0"]);
    let o = run_in(
        dir.path(),
        &["exercise", "--resume", "b.jsonl"],
        "prioritize station-p002\nuntil 10h\nquit\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        commands(&dir.path().join("b.jsonl")),
        vec!["until 2h@0", "prioritize station-p002@2", "until 10h@2"]
    );
}

#[test]
fn aar_in_markdown_and_html() {
    let dir = TempDir::new().unwrap();
    let session = root().join("scenarios/exercise-sample-session.jsonl");
    let md = Command::new(BIN).arg("aar").arg(&session).output().unwrap();
    assert!(
        md.status.success(),
        "{}",
        String::from_utf8_lossy(&md.stderr)
    );
    let md = stdout(&md);
    assert!(md.contains("# 振り返り報告"));
    assert!(
        md.contains(
            "| I02 [O1] | station-p002 の安否確認を最優先にし、電源確保（移送または電源の貸し出し）を判断する | 2 | 2（+0 時間）: prioritize station-p002 |"
        ),
        "{md}"
    );
    assert!(md.contains("決定なし"));
    let html = dir.path().join("aar.html");
    let o = Command::new(BIN)
        .arg("aar")
        .arg(&session)
        .args(["--format", "html", "--lang", "en", "--out"])
        .arg(&html)
        .output()
        .unwrap();
    assert!(o.status.success());
    let h = fs::read_to_string(&html).unwrap();
    assert!(h.starts_with("<!DOCTYPE html>") && h.contains("Without decisions"));
    // The expected action in its own words; no Markdown leaks into the page.
    assert!(h.contains("Put station-p002 first in the checks"), "{h}");
    // Every headline figure with and without the room's decisions, the changed ones marked.
    let figures = h.split("</table>").next().unwrap();
    for name in [
        "Battery-depleted patients",
        "Patient-hours at zero battery",
        "Longest without device power",
        "admitted to hospital",
        "Class A uncontacted &gt; 24 h",
        "Confirmed within 24 h",
        "Until every class-A patient is confirmed",
        "First stock-out",
        "Visits demanded",
        "Visits delivered",
        "Lowest attendance",
        "Overtime",
    ] {
        let row = figures
            .split("<tr")
            .find(|r| r.contains(name))
            .unwrap_or_else(|| panic!("{name} missing: {figures}"));
        assert_eq!(row.matches("<td>").count(), 4, "{row}");
    }
    assert!(
        figures.contains("<tr class=\"changed\"><td>Patient-hours at zero battery"),
        "{figures}"
    );
    assert!(
        !h.contains('`') && !h.contains("**"),
        "Markdown in the HTML"
    );
    let again = Command::new(BIN)
        .arg("aar")
        .arg(&session)
        .arg("--out")
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn csv_timeline_round_trips() {
    let (dir, scen) = scratch();
    let csv1 = dir.path().join("t1.csv");
    let o = Command::new(BIN)
        .args(["exercise", "export"])
        .arg(&scen)
        .arg("--csv")
        .arg(&csv1)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = fs::read(&csv1).unwrap();
    assert!(bytes.starts_with("\u{feff}ID,時刻".as_bytes()));
    // Import refuses to overwrite the scenario without --force.
    let o = Command::new(BIN)
        .args(["exercise", "import"])
        .arg(&scen)
        .arg("--csv")
        .arg(&csv1)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let out = dir.path().join("re.ron");
    let o = Command::new(BIN)
        .args(["exercise", "import"])
        .arg(&scen)
        .arg("--csv")
        .arg(&csv1)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv2 = dir.path().join("t2.csv");
    let o = Command::new(BIN)
        .args(["exercise", "export"])
        .arg(&out)
        .arg("--csv")
        .arg(&csv2)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(fs::read(&csv1).unwrap(), fs::read(&csv2).unwrap());

    // English headers are accepted; a bad cell is reported with row and column.
    let bad = dir.path().join("bad.csv");
    fs::write(
        &bad,
        "id,at_hour,recipient,content_ja,effect\nX1,abc,station,テスト,Pigeon(\n",
    )
    .unwrap();
    let o = Command::new(BIN)
        .args(["exercise", "import", "--lang", "en"])
        .arg(&scen)
        .arg("--csv")
        .arg(&bad)
        .arg("--out")
        .arg(dir.path().join("x.ron"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("row 2, column 2"), "{err}");
    assert!(err.contains("row 2, column 5"), "{err}");
}

#[test]
fn bad_injects_are_reported_with_line_and_column() {
    let (dir, scen) = scratch();
    let text = fs::read_to_string(&scen).unwrap();
    let text = text
        .replacen("id: \"I03\"", "id: \"I02\"", 1)
        .replacen("after: (inject: \"I06\", hours: 4)", "after: (inject: \"I6\", hours: 4)", 1)
        .replacen("recipient: \"station/leader\"", "recipient: \"statoin\"", 1)
        .replacen("at_hour: 66", "at_hour: 7000", 1)
        .replacen("target: Some(\"station-p006\")),", "target: Some(\"station-p006\")),\n                effect: MovePatient(patient: \"nobody\", to: Hospital),", 1);
    fs::write(&scen, &text).unwrap();
    let o = Command::new(BIN)
        .args(["validate", "--lang", "en"])
        .arg(&scen)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let out = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (msg, needle) in [
        ("duplicate inject id `I02`", "id: \"I02\","),
        ("unknown inject `I6`", "inject: \"I6\""),
        ("recipient `statoin`", "recipient: \"statoin\""),
        ("hour 7000", "at_hour: 7000"),
        ("unknown patient `nobody`", "patient: \"nobody\""),
    ] {
        assert!(out.contains(msg), "{msg} missing in\n{out}");
        let line = if needle == "id: \"I02\"," {
            // The second I02 is the duplicate.
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.contains(needle))
                .nth(1)
                .unwrap()
                .0
                + 1
        } else {
            line_of(needle)
        };
        assert!(
            out.contains(&format!(":{line}:")),
            "line {line} for {msg} in\n{out}"
        );
    }
}

#[test]
fn the_model_answer_changes_a_headline_figure_and_the_aar_shows_it() {
    // The shipped session is the exercise's model answer: the room moves a patient to
    // hospital and puts the power-dependent first. Against the same run without its decisions,
    // at least one key figure of the AAR must differ, and the power figures are among them.
    let session = root().join("scenarios/exercise-sample-session.jsonl");
    let md = Command::new(BIN).arg("aar").arg(&session).output().unwrap();
    assert!(
        md.status.success(),
        "{}",
        String::from_utf8_lossy(&md.stderr)
    );
    let md = stdout(&md);
    let table = &md[md.find("| 指標 |").expect("key figures table")..];
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    let changed: Vec<&str> = rows
        .iter()
        .filter(|r| r.len() == 4 && r[1] != r[2])
        .map(|r| r[0])
        .collect();
    assert!(!changed.is_empty(), "no key figure changed:\n{table}");
    let hours = rows
        .iter()
        .find(|r| r[0].starts_with("バッテリー切れの延べ時間"))
        .expect("the patient-hours row");
    assert_ne!(hours[1], hours[2], "{table}");
}

/// The three output files of `replay SESSION --out DIR` (in `dir`).
fn replay_in(dir: &Path, session: &str, out: &str) -> Vec<(String, Vec<u8>)> {
    replay_files(&dir.join(session), &dir.join(out))
}

#[test]
fn japanese_commands_and_full_width_input_play_as_english_ones() {
    let (dir, _) = scratch();
    let ja = "ｎｅｘｔ　２ｈ\n優先　ｓｔａｔｉｏｎ－ｐ００２\n次へ ４時間\n移送 station-p001 病院\n\
              届ける station water_2l １５\nメモ 本部設置（１４時）\n電源貸出 station 2\nまで ２４ｈ\n\
              ヘルプ\n状況\n終了\n";
    let en = "next 2h\nprioritize station-p002\nnext 4h\nmove station-p001 hospital\n\
              deliver station water_2l 15\nnote 本部設置（１４時）\nlend-power station 2\nuntil 24h\nquit\n";
    let o = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "ja.jsonl"],
        ja,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(!text.contains('✗'), "a command was refused:\n{text}");
    // Every acknowledgement repeats what was decided.
    assert!(
        text.contains("✓ 優先: station-p002 の安否確認を最優先にする"),
        "{text}"
    );
    assert!(
        text.contains("✓ 届ける: 訪問ステーション〇〇〇 へ 飲料水 2L 15 本"),
        "{text}"
    );
    assert!(
        text.contains("✓ メモ（発災から 6 時間）: 本部設置（１４時）"),
        "{text}"
    );
    assert!(
        text.contains("取り消し"),
        "help lists the Japanese words:\n{text}"
    );
    let o = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "en.jsonl"],
        en,
    );
    assert!(o.status.success());
    assert!(
        replay_in(dir.path(), "ja.jsonl", "a") == replay_in(dir.path(), "en.jsonl", "b"),
        "the Japanese session's outputs differ from the English one's"
    );
    // The note keeps its text as typed; the commands are recorded as typed.
    let recorded = fs::read_to_string(dir.path().join("ja.jsonl")).unwrap();
    assert!(recorded.contains("\"ｎｅｘｔ　２ｈ\""), "{recorded}");
}

#[test]
fn undo_is_recorded_and_replays_byte_identically() {
    let (dir, _) = scratch();
    let with_undo = "next 2h\nprioritize station-p002\ndeliver station water_2l 15\nundo\n\
                     note typo\n取り消し\nuntil 30h\nundo\nuntil 6h\nlend-power station 1\nuntil 8h\nquit\n";
    let o = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "u.jsonl", "--lang", "en"],
        with_undo,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(
        text.contains("✓ undo: `deliver station water_2l 15` (recorded at hour 2) is taken back; it is now hour 2"),
        "{text}"
    );
    assert!(
        text.contains("✓ undo: `until 30h` (recorded at hour 2) is taken back; it is now hour 2"),
        "{text}"
    );
    assert_eq!(
        commands(&dir.path().join("u.jsonl")),
        vec![
            "next 2h@0",
            "prioritize station-p002@2",
            "deliver station water_2l 15@2",
            "undo@2",
            "note typo@2",
            "取り消し@2",
            "until 30h@2",
            "undo@30",
            "until 6h@2",
            "lend-power station 1@6",
            "until 8h@6",
        ]
    );
    let straight =
        "next 2h\nprioritize station-p002\nuntil 6h\nlend-power station 1\nuntil 8h\nquit\n";
    let o = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "s.jsonl"],
        straight,
    );
    assert!(o.status.success());
    let a = replay_in(dir.path(), "u.jsonl", "a");
    assert!(
        a == replay_in(dir.path(), "u.jsonl", "a2"),
        "replays differ"
    );
    assert!(
        a == replay_in(dir.path(), "s.jsonl", "b"),
        "the session with undos differs from the one without"
    );
    // Resume honours the undo too, and nothing to undo is said, not recorded.
    let o = run_in(
        dir.path(),
        &["exercise", "--resume", "u.jsonl", "--lang", "en"],
        "undo\nundo\nundo\nundo\nundo\nundo\nquit\n",
    );
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("resumed session u.jsonl (11 recorded commands replayed, hour 8)"),
        "{text}"
    );
    assert!(text.contains("✗ there is nothing to undo"), "{text}");
    assert_eq!(commands(&dir.path().join("u.jsonl")).len(), 16);
    let o = run_in(dir.path(), &["replay", "u.jsonl"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("発災から 0 時間"), "{}", stdout(&o));
}

#[test]
fn numbers_are_bounded_and_branch_is_recorded() {
    let (dir, _) = scratch();
    let o = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "s.jsonl", "--lang", "en"],
        "deliver station water_2l 100000000000\nlend-power station 99999\nnext 100000\n\
         until 5000\nnext 2h\nbranch b.jsonl\nquit\n",
    );
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("`100000000000` is out of range (give a positive number up to 1000000)"),
        "{text}"
    );
    assert!(
        text.contains("`99999` is out of range (give 1 to 1000)"),
        "{text}"
    );
    assert!(text.contains("`100000` is out of range"), "{text}");
    assert!(text.contains("the run ends at hour 720"), "{text}");
    assert_eq!(
        commands(&dir.path().join("s.jsonl")),
        vec!["next 2h@0", "branch b.jsonl@2"]
    );
    assert_eq!(commands(&dir.path().join("b.jsonl")), vec!["next 2h@0"]);
    // A recorded branch replays (it is ignored) and resumes.
    let o = run_in(dir.path(), &["replay", "s.jsonl"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_session_of_the_built_in_sample_replays_wherever_it_is_moved() {
    let dir = TempDir::new().unwrap();
    let o = run_in(
        dir.path(),
        &["exercise", "--session", "s.jsonl"],
        "next 2h\nprioritize station-p002\nquit\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let elsewhere = TempDir::new().unwrap();
    fs::create_dir(elsewhere.path().join("deep")).unwrap();
    fs::rename(
        dir.path().join("s.jsonl"),
        elsewhere.path().join("deep/s.jsonl"),
    )
    .unwrap();
    let o = run_in(elsewhere.path(), &["replay", "deep/s.jsonl"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The shipped session file (format 1, written before undo) still replays from a copy.
    fs::copy(
        root().join("scenarios/exercise-sample-session.jsonl"),
        elsewhere.path().join("old.jsonl"),
    )
    .unwrap();
    let o = run_in(elsewhere.path(), &["replay", "old.jsonl"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A format from the future is refused naming its version.
    let text = fs::read_to_string(elsewhere.path().join("old.jsonl"))
        .unwrap()
        .replacen("\"bcpsim_session\":1", "\"bcpsim_session\":9", 1);
    fs::write(elsewhere.path().join("new.jsonl"), text).unwrap();
    let o = run_in(
        elsewhere.path(),
        &["replay", "new.jsonl", "--lang", "en"],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("session file format 9 is not supported"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Columns a line takes where symbols of ambiguous width (○ △ ■ ═ …) are drawn wide, as on
/// many Japanese terminals: the strictest count.
fn strict_columns(line: &str) -> usize {
    line.chars()
        .map(|c| {
            let wide = bcpsim_engine::lang::char_width(c) == 2;
            if wide || !c.is_ascii() { 2 } else { 1 }
        })
        .sum()
}

#[test]
fn the_board_fits_a_projector_terminal_in_japanese_with_names() {
    let (dir, _) = scratch();
    let o = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "s.jsonl"],
        "until 30h\nstatus\ninjects\nquit\n",
    );
    assert!(o.status.success());
    let text = stdout(&o);
    for line in text.lines() {
        assert!(
            strict_columns(line) <= 100,
            "wider than 100 columns: {line}"
        );
    }
    // Piped: no colour codes.
    assert!(!text.contains('\u{1b}'), "ANSI codes in piped output");
    // Names, not ids; the glossary's Japanese words.
    assert!(text.contains("■ 訪問ステーション〇〇〇"), "{text}");
    assert!(!text.contains("■ station"), "{text}");
    assert!(text.contains("ライフライン　東京都〇〇区"), "{text}");
    assert!(text.contains("木曜日"), "{text}");
    assert!(text.contains("手袋 在庫切れ"), "{text}");
    // Recipients in words: the agency's name and the BCP's role names.
    assert!(
        text.contains("付与先: 訪問ステーション〇〇〇 連絡担当"),
        "{text}"
    );
    assert!(!text.contains("付与先: station"), "{text}");
    // The injects of an advance come after its board, so they stay on screen.
    let first_advance = &text[text
        .find("✓ 発災から 0 時間 → 30 時間")
        .expect("advance ack")..];
    assert!(first_advance.contains("▶ 状況付与 I09"), "{first_advance}");
    let board_end = text.find("✓ 発災から 0 時間 → 30 時間").unwrap();
    assert!(
        text[..board_end].contains("停電中の電源依存"),
        "board before the injects"
    );
    // Power-dependent patients that can still be saved come first; those at 0.0 h are counted.
    let line = text
        .lines()
        .find(|l| l.contains("停電中の電源依存"))
        .expect("the powered-device line");
    assert!(!line.contains(" 0.0h"), "{line}");
    assert!(text.contains("電池切れ"), "{text}");
    let hours: Vec<f64> = line
        .split_whitespace()
        .filter_map(|w| w.strip_suffix('h').and_then(|h| h.parse().ok()))
        .collect();
    assert!(
        !hours.is_empty() && hours.windows(2).all(|w| w[0] <= w[1]),
        "{line}"
    );
}

/// Runs `bcpsim exercise import SCENARIO --csv CSV --out OUT --lang en` in `dir`.
fn import_sheet(dir: &Path, csv: &str, out: &str) -> Output {
    Command::new(BIN)
        .args([
            "exercise", "import", "ex.ron", "--csv", csv, "--out", out, "--lang", "en",
        ])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn a_shift_jis_inject_sheet_as_facilitators_keep_it_imports() {
    let (dir, _) = scratch();
    let sheet = "番号,付与時刻,付与先,発信元,伝達手段,付与内容,期待される対応,備考,担当者\r\n\
                 ,0:30,所長,区役所,防災無線,区から被害状況の照会,被害状況を集約して報告する,統制者が読む,山田\r\n\
                 ,1日目 16:00,連絡班,利用者の家族,電話,母の酸素が止まりそう,station-p002 を優先する,,\r\n\
                 ,2日目 9:00,station/情報班,ケアマネジャー,FAX,共通の利用者の安否,安否を共有する,,\r\n";
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(sheet);
    assert!(!unmappable);
    fs::write(dir.path().join("msel.csv"), &sjis).unwrap();
    let o = import_sheet(dir.path(), "msel.csv", "new.ron");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("the column `担当者` is not read"), "{err}");
    assert!(err.contains("3 rows without an id were given one"), "{err}");
    let text = fs::read_to_string(dir.path().join("new.ron")).unwrap();
    for want in [
        "id: \"I01\"",
        "at_hour: Some(0)",
        "at_hour: Some(2)",
        "at_hour: Some(19)",
        "recipient: \"所長\"",
        "channel: Radio",
        "channel_text: \"防災無線\"",
        "channel_text: \"FAX\"",
        "remarks: \"統制者が読む\"",
        "ja: \"被害状況を集約して報告する\"",
    ] {
        assert!(text.contains(want), "{want} missing in\n{text}");
    }
    // The imported exercise plays: the channel as written is read out.
    let o = run_in(
        dir.path(),
        &["exercise", "new.ron", "--session", "s.jsonl"],
        "next 2h\nquit\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("手段: 防災無線"), "{}", stdout(&o));
}

#[test]
fn bad_cells_of_an_inject_sheet_are_reported_at_row_and_column() {
    let (dir, _) = scratch();
    fs::write(
        dir.path().join("bad.csv"),
        "ID,付与時刻,付与先,付与内容,基準の状況付与,訓練目標\n\
         A1,1日目 9:00,station,発災前,,\n\
         A2,3,statoin,付与先の誤り,,\n\
         A3,,station,基準が存在しない,ZZ,\n\
         A4,5,station,目標が存在しない,,O99\n",
    )
    .unwrap();
    let o = import_sheet(dir.path(), "bad.csv", "x.ron");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.csv: row 2, column 2: `1日目 9:00` is before the onset"),
        "{err}"
    );
    assert!(!dir.path().join("x.ron").exists());
    // Past the cells, the scenario's checks: still at the sheet's rows and columns.
    fs::write(
        dir.path().join("bad2.csv"),
        "ID,付与時刻,付与先,付与内容,基準の状況付与,訓練目標\n\
         A2,3,statoin,付与先の誤り,,\n\
         A3,,station,基準が存在しない,ZZ,\n\
         A4,5,station,目標が存在しない,,O99\n",
    )
    .unwrap();
    let o = import_sheet(dir.path(), "bad2.csv", "x.ron");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad2.csv: row 2, column 3: recipient `statoin`"),
        "{err}"
    );
    assert!(err.contains("bad2.csv: row 3, column 5:"), "{err}");
    assert!(err.contains("bad2.csv: row 4, column 6:"), "{err}");
    assert!(
        !err.contains("x.ron"),
        "names the scenario never written: {err}"
    );
    assert!(!dir.path().join("x.ron").exists());
}

#[test]
fn the_facilitator_steers_and_the_aar_lists_it_apart_from_decisions() {
    let (dir, _) = scratch();
    let typed = "next 2h\n設定 電気 ward 復旧\n保留 station-p001\nprioritize station-p002\n\
                 until 12h\ndeliver station water_2l 15\n戻す ６時間\nrelease station-p001\n\
                 set water ward degraded 40%\nuntil 8h\nquit\n";
    let o = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "j.jsonl", "--lang", "en"],
        typed,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(
        text.contains("✓ set: power in") && text.contains("facilitator's steering at hour 2"),
        "{text}"
    );
    assert!(text.contains("stands still"), "{text}");
    // The board says who is held.
    assert!(
        text.contains("Held (deterioration stopped): station-p001"),
        "{text}"
    );
    assert!(
        text.contains("✓ back: time went back from hour 12 to hour 6 (facilitator's steering); commands taken back: 1 (kept on record)"),
        "{text}"
    );
    assert_eq!(
        commands(&dir.path().join("j.jsonl")),
        vec![
            "next 2h@0",
            "設定 電気 ward 復旧@2",
            "保留 station-p001@2",
            "prioritize station-p002@2",
            "until 12h@2",
            "deliver station water_2l 15@12",
            "戻す ６時間@12",
            "release station-p001@6",
            "set water ward degraded 40%@6",
            "until 8h@6",
        ]
    );
    // The same session typed in English, as if time had never gone past hour 6.
    let english = "next 2h\nset power ward up\nhold station-p001\nprioritize station-p002\n\
                   until 6h\nrelease station-p001\nset water ward degraded 40%\nuntil 8h\nquit\n";
    let o = run_in(
        dir.path(),
        &["exercise", "ex.ron", "--session", "e.jsonl"],
        english,
    );
    assert!(o.status.success());
    let a = replay_in(dir.path(), "j.jsonl", "a");
    assert!(
        a == replay_in(dir.path(), "j.jsonl", "a2"),
        "replays differ"
    );
    assert!(
        a == replay_in(dir.path(), "e.jsonl", "b"),
        "steering differs by language"
    );
    let events = String::from_utf8(a[2].1.clone()).unwrap();
    assert!(events.contains("exercise: set power ward up"), "{events}");
    // Resume rebuilds the same state: hour 8.
    let o = run_in(
        dir.path(),
        &["exercise", "--resume", "j.jsonl", "--lang", "en"],
        "quit\n",
    );
    assert!(stdout(&o).contains("hour 8)"), "{}", stdout(&o));
    // The AAR lists the steering apart from the decisions, with the time moved back.
    let o = run_in(dir.path(), &["aar", "j.jsonl", "--lang", "en"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = stdout(&o);
    let section = md
        .split("## Facilitator interventions")
        .nth(1)
        .unwrap()
        .split("## ")
        .next()
        .unwrap();
    for want in [
        "set: power in",
        "hold: ",
        "back: from hour 12 to hour 6 (commands taken back: 1)",
        "release: ",
        "`set water ward degraded 40%`",
    ] {
        assert!(
            section.contains(want.trim_matches('`')),
            "{want}: {section}"
        );
    }
    assert!(!section.contains("prioritize"), "{section}");
    // Steering words are checked like the rest: nothing bad is recorded.
    let o = run_in(
        dir.path(),
        &["exercise", "--resume", "j.jsonl", "--lang", "en"],
        "back 20h\nhold station-p999\nset lava ward down\nrelease station-p001\nquit\n",
    );
    let text = stdout(&o);
    assert!(
        text.contains("time can only go back to an earlier hour"),
        "{text}"
    );
    assert!(text.contains("unknown patient `station-p999`"), "{text}");
    assert!(text.contains("no lifeline `lava`"), "{text}");
    assert!(text.contains("is not held"), "{text}");
    assert_eq!(commands(&dir.path().join("j.jsonl")).len(), 10);
}

#[test]
fn inject_cards_are_a6_slips_on_a4_and_never_overwrite() {
    let (dir, _) = scratch();
    let o = run_in(
        dir.path(),
        &["exercise", "cards", "ex.ron", "--out", "cards.html"],
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let h = fs::read_to_string(dir.path().join("cards.html")).unwrap();
    assert!(h.starts_with("<!DOCTYPE html>") && h.contains("<html lang=\"ja\">"));
    // Self-contained: nothing fetched.
    assert!(!h.contains("http://") && !h.contains("https://") && !h.contains("<script"));
    assert!(h.contains("@page{size:A4 portrait") && h.contains("width:105mm;height:148.5mm"));
    let injects = fs::read_to_string(dir.path().join("ex.ron"))
        .unwrap()
        .matches("content_ja:")
        .count();
    assert!(injects >= 10);
    assert_eq!(h.matches("<article class=\"card\"").count(), injects);
    assert_eq!(
        h.matches("<section class=\"sheet\"").count(),
        injects.div_ceil(4)
    );
    for head in [
        "状況付与票",
        "付与時刻",
        "発信元",
        "付与先",
        "伝達手段",
        "付与内容",
        "想定される対応",
        "備考",
    ] {
        assert!(h.contains(head), "{head}");
    }
    // Times on the clock, recipients and channels in words, in time order.
    assert!(h.contains("発災から 2 時間（1日目"), "{h}");
    let i01 = h.find("id=\"card-I01\"").unwrap();
    let i02 = h.find("id=\"card-I02\"").unwrap();
    assert!(i01 < i02);
    // An existing file is never overwritten (exit 2), and stays as it was.
    fs::write(dir.path().join("mine.html"), "mine").unwrap();
    let o = run_in(
        dir.path(),
        &[
            "exercise",
            "cards",
            "ex.ron",
            "--out",
            "mine.html",
            "--lang",
            "en",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(
        fs::read_to_string(dir.path().join("mine.html")).unwrap(),
        "mine"
    );
    // English, from the built-in sample when no scenario is named.
    let o = run_in(dir.path(), &["exercise", "cards", "--lang", "en"], "");
    assert!(o.status.success());
    let en = stdout(&o);
    for head in [
        "Inject card",
        "Time",
        "From",
        "To",
        "Channel",
        "Message",
        "Expected action",
        "Remarks",
    ] {
        assert!(en.contains(&format!(">{head}")), "{head}");
    }
    assert!(en.contains("hour 2 after onset (day 1"), "{en}");
    // A text too long for a card is warned about (the cards are still written).
    let ron = fs::read_to_string(dir.path().join("ex.ron")).unwrap();
    let at = ron.find("content_ja: \"").unwrap() + "content_ja: \"".len();
    let long = "停電が続き、近所の方から利用者宅の様子を心配する電話が入る。".repeat(30);
    fs::write(
        dir.path().join("long.ron"),
        format!("{}{long}{}", &ron[..at], &ron[at..]),
    )
    .unwrap();
    let o = run_in(dir.path(), &["exercise", "cards", "long.ron"], "");
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("状況付与 I01 の文が長く"), "{err}");
    assert!(!ok_cards_warned(&h));
    // A scenario that does not load is explained, exit 2.
    fs::write(dir.path().join("bad.ron"), "(name: ").unwrap();
    let o = run_in(dir.path(), &["exercise", "cards", "bad.ron"], "");
    assert_eq!(o.status.code(), Some(2));
}

/// Whether the sample's cards page carries a warning (it should not: warnings go to stderr).
fn ok_cards_warned(page: &str) -> bool {
    page.contains("注意:") || page.contains("warning:")
}
