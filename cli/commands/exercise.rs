//! `bcpsim exercise` (a tabletop session read from stdin, its inject timeline as CSV),
//! `bcpsim replay` and `bcpsim aar`. The session logic is `bcpsim_engine::exercise`; this
//! module reads lines, writes the session file (each accepted command flushed and fsync'ed
//! before its effect is shown) and prints. See docs/exercise.md.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::args::{
    AarArgs, AarFormat, CardsArgs, ExerciseAction, ExerciseArgs, ReplayArgs, TimelineArgs,
};
use bcpsim_engine::Lang;
use bcpsim_engine::exercise::board::{Style, Tone};
use bcpsim_engine::exercise::file::{branch_entries, sha256_hex};
use bcpsim_engine::exercise::{
    Command, Entry, Header, Msg, Session, board, command, debrief, effective_entries, parse,
    read_session, rebuild, timeline_csv,
};
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::{EXERCISE_SAMPLE, EXERCISE_SAMPLE_NAME, builtin_by_hash};
use bcpsim_engine::scenario::{Exercise, Scenario};
use bcpsim_reports::{
    OUTPUT_FILES, aar, check_destination, write_files_atomically, write_run_outputs,
};

use super::board_web::BoardServer;
use super::scenario_input::{load_text, read_text};
use super::{Failure, write_error};

fn bad(m: &Msg, lang: Lang) -> Failure {
    Failure::BadInput(format!("{}: {}", lang.pick("エラー", "error"), m.get(lang)))
}

fn io_fail(path: &Path, e: &io::Error, lang: Lang) -> Failure {
    Failure::Other(format!(
        "{}: {}: {e}",
        lang.pick("エラー", "error"),
        path.display()
    ))
}

/// Reads and validates a scenario file, returning it with its bytes.
fn read_scenario_file(path: &Path, lang: Lang) -> Result<(Scenario, Vec<u8>), Failure> {
    let (text, bytes) = read_text(path, lang)?;
    let loaded = load_text(Some(path), &path.display().to_string(), &text, lang)
        .map_err(|e| Failure::BadInput(e.render(lang, false)))?;
    Ok((loaded.scenario, bytes))
}

/// The scenario of a session file: found next to the session file (or from the working
/// directory), its hash compared with the header's unless `force`. When no file is there and
/// the header's hash is that of a built-in sample, the built-in sample is used: a session of
/// the sample replays wherever its file is moved.
fn session_scenario(
    session_path: &Path,
    header: &Header,
    force: bool,
    lang: Lang,
) -> Result<Scenario, Failure> {
    let given = PathBuf::from(&header.scenario);
    let beside = session_path
        .parent()
        .map(|d| d.join(&given))
        .filter(|p| given.is_relative() && p.exists());
    let path = beside.unwrap_or(given);
    if !path.exists()
        && let Some((name, text)) = builtin_by_hash(&header.scenario_sha256)
    {
        let loaded = load_text(None, name, text, lang)
            .map_err(|e| Failure::BadInput(e.render(lang, false)))?;
        return Ok(loaded.scenario);
    }
    let (scenario, bytes) = read_scenario_file(&path, lang)?;
    let hash = sha256_hex(&bytes);
    if hash != header.scenario_sha256 && !force {
        return Err(bad(
            &Msg::new(
                format!(
                    "シナリオ {} はセッションの記録後に変更されています（ハッシュが一致しません）。再生すると別の結果になります。承知のうえで続けるには --force を付けてください",
                    path.display()
                ),
                format!(
                    "the scenario {} changed since the session was recorded (hash mismatch); replaying it would give another result. Add --force to go on anyway",
                    path.display()
                ),
            ),
            lang,
        ));
    }
    Ok(scenario)
}

/// Appends `line` to the session file and forces it to disk.
fn append_synced(file: &mut File, line: &str) -> io::Result<()> {
    file.write_all(line.as_bytes())?;
    file.flush()?;
    file.sync_all()
}

/// Creates a session file with `header` and `entries`, synced; refuses an existing file
/// unless `force`.
fn create_session_file(
    path: &Path,
    header: &Header,
    entries: &[Entry],
    force: bool,
    lang: Lang,
) -> Result<File, Failure> {
    if path.exists() && !force {
        return Err(Failure::BadInput(
            lang.pick(
                &format!(
                    "エラー: {} は既にあります。続きから再開するには --resume {}、上書きするには --force を付けてください",
                    path.display(),
                    path.display()
                ),
                &format!(
                    "error: {} already exists; continue it with --resume {}, or add --force to overwrite it",
                    path.display(),
                    path.display()
                ),
            )
            .to_string(),
        ));
    }
    let mut text = header.line();
    for e in entries {
        text.push_str(&e.line());
    }
    let mut f = File::create(path).map_err(|e| io_fail(path, &e, lang))?;
    append_synced(&mut f, &text).map_err(|e| io_fail(path, &e, lang))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(f)
}

pub fn exercise(args: ExerciseArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    match args.action {
        Some(ExerciseAction::Export(a)) => return export(a),
        Some(ExerciseAction::Import(a)) => return import(a),
        Some(ExerciseAction::Cards(a)) => return cards(a),
        None => {}
    }
    let (session, file, session_path, entries) = if let Some(path) = &args.resume {
        let (text, _) = read_text(path, lang)?;
        let sf = read_session(&text).map_err(|m| bad(&m, lang))?;
        let scenario = session_scenario(path, &sf.header, args.force, lang)?;
        let session = rebuild(&scenario, sf.header.seed, &sf.entries).map_err(|m| bad(&m, lang))?;
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| io_fail(path, &e, lang))?;
        if sf.truncated_tail {
            // A line cut short by a kill: drop it so the next entry starts on its own line.
            // (A line end may be CR alone, as old Mac editors write.)
            let keep = text.rfind(['\n', '\r']).map_or(0, |i| i + 1) as u64;
            file.set_len(keep).map_err(|e| io_fail(path, &e, lang))?;
        }
        println!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "セッション {} を再開しました（記録 {} 件を再生、発災から {} 時間）",
                    path.display(),
                    sf.entries.len(),
                    session.hour()
                ),
                Lang::En => format!(
                    "resumed session {} ({} recorded commands replayed, hour {})",
                    path.display(),
                    sf.entries.len(),
                    session.hour()
                ),
            }
        );
        (session, file, path.clone(), sf.entries)
    } else {
        let builtin = PathBuf::from(EXERCISE_SAMPLE_NAME);
        let scenario_path = args.scenario.as_ref().unwrap_or(&builtin);
        let (scenario, bytes) = match &args.scenario {
            Some(p) => read_scenario_file(p, lang)?,
            None => {
                let loaded = load_text(None, EXERCISE_SAMPLE_NAME, EXERCISE_SAMPLE, lang)
                    .map_err(|e| Failure::BadInput(e.render(lang, false)))?;
                (loaded.scenario, EXERCISE_SAMPLE.as_bytes().to_vec())
            }
        };
        let seed = args.seed.unwrap_or(1);
        let session_path = args.session.clone().unwrap_or_else(|| {
            let stem = scenario_path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "exercise".into());
            PathBuf::from(format!("{stem}.session.jsonl"))
        });
        // Record the scenario as reachable from the session file when it is next to it.
        let shown = scenario_path.display().to_string();
        let header = Header::new(&shown, &bytes, seed);
        let file = create_session_file(&session_path, &header, &[], args.force, lang)?;
        println!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "演習セッションを開始しました（記録先: {}、シード {}）。help でコマンド一覧",
                    session_path.display(),
                    seed
                ),
                Lang::En => format!(
                    "exercise session started (recording to {}, seed {}); type help for the commands",
                    session_path.display(),
                    seed
                ),
            }
        );
        (
            Session::new(&scenario, seed),
            file,
            session_path,
            Vec::new(),
        )
    };
    let board = if args.board {
        let server = BoardServer::start(&args.bind, args.port, lang)?;
        let url = server.url();
        println!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "ボードを {url} で表示しています（ブラウザで開いてプロジェクターに映してください）"
                ),
                Lang::En =>
                    format!("the board is served on {url} (open it in a browser on the projector)"),
            }
        );
        if !server.addr.ip().is_loopback() {
            eprintln!(
                "{}",
                lang.pick(
                    "注意: ボードは このネットワークの誰からも見えます（利用者の名前を含みます）",
                    "warning: the board can be seen by anyone on this network (it shows patients' names)",
                )
            );
        }
        Some(server)
    } else {
        None
    };
    run_loop(session, file, &session_path, entries, lang, board)
}

/// Where commands come from: a line editor with history when stdin is a terminal, plain
/// lines when it is piped (a script).
enum Input {
    Editor(Box<rustyline::DefaultEditor>),
    Piped(io::Lines<io::StdinLock<'static>>),
}

impl Input {
    fn open() -> Input {
        if io::stdin().is_terminal()
            && let Ok(editor) = rustyline::DefaultEditor::new()
        {
            return Input::Editor(Box::new(editor));
        }
        Input::Piped(io::stdin().lock().lines())
    }

    /// The next line; `None` at the end of input (Ctrl-D, or bytes that are not UTF-8).
    /// Ctrl-C drops the line being typed.
    fn next_line(&mut self) -> Option<String> {
        match self {
            Input::Editor(ed) => match ed.readline("> ") {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = ed.add_history_entry(line.as_str());
                    }
                    Some(line)
                }
                Err(rustyline::error::ReadlineError::Interrupted) => Some(String::new()),
                Err(_) => None,
            },
            Input::Piped(lines) => lines.next().and_then(Result::ok),
        }
    }
}

/// What the loop writes: the session file's handle and path, and the entries so far.
struct Record<'a> {
    file: File,
    path: &'a Path,
    entries: Vec<Entry>,
    lang: Lang,
}

impl Record<'_> {
    /// Appends an accepted command, on disk before anything is shown.
    fn append(&mut self, hour: u32, line: &str) -> Result<(), Failure> {
        let entry = Entry {
            hour,
            command: line.trim().to_string(),
        };
        append_synced(&mut self.file, &entry.line())
            .map_err(|e| io_fail(self.path, &e, self.lang))?;
        self.entries.push(entry);
        Ok(())
    }

    /// The entries that stand after every undo.
    fn standing(&self) -> Vec<Entry> {
        effective_entries(&self.entries)
            .map(|v| v.into_iter().map(|(_, e)| e).collect())
            .unwrap_or_default()
    }
}

/// Colour and emphasis on a terminal, unless `NO_COLOR` is set or the terminal is dumb; plain
/// text when stdout is piped.
fn terminal_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    if io::stdout().is_terminal() && !no_color && !dumb {
        Style::Ansi
    } else {
        Style::Plain
    }
}

fn run_loop(
    mut session: Session,
    file: File,
    session_path: &Path,
    entries: Vec<Entry>,
    lang: Lang,
    board: Option<BoardServer>,
) -> Result<(), Failure> {
    let mut input = Input::open();
    let mut out = io::stdout();
    let style = terminal_style();
    let ok = |m: &str| style.paint(Tone::Good, &format!("✓ {m}"));
    let no = |m: &str| style.paint(Tone::Bad, &format!("✗ {m}"));
    let fresh = entries.is_empty();
    let mut rec = Record {
        file,
        path: session_path,
        entries,
        lang,
    };
    let _ = write!(out, "{}", board::board_in(&session, lang, style));
    if fresh {
        // A new session: the injects given as it opens, after the board so they stay on screen.
        for item in session.timeline() {
            let _ = write!(out, "{}", board::inject_text_in(item, lang, style));
        }
    }
    loop {
        // The web board shows what the terminal shows, after every command.
        if let Some(b) = &board {
            b.publish(&session);
        }
        let _ = out.flush();
        let Some(line) = input.next_line() else {
            break;
        };
        let cmd = match parse(&line) {
            Ok(Some(c)) => c,
            Ok(None) => continue,
            Err(m) => {
                let _ = writeln!(out, "{}", no(m.get(lang)));
                continue;
            }
        };
        match &cmd {
            Command::Quit => break,
            Command::Help => {
                let _ = write!(out, "{}", command::help_text(lang == Lang::En));
                continue;
            }
            Command::Status => {
                let _ = write!(out, "{}", board::board_in(&session, lang, style));
                continue;
            }
            Command::Injects => {
                let _ = write!(out, "{}", board::injects_text(&session, lang));
                continue;
            }
            Command::Branch { file: target, hour } => {
                let msg = match branch(&session, &mut rec, target, *hour, &line)? {
                    Ok(m) => ok(&m),
                    Err(m) => no(&m),
                };
                let _ = writeln!(out, "{msg}");
                continue;
            }
            Command::Undo => {
                let msg = match undo(&mut session, &mut rec, &line, &mut out, style)? {
                    Ok(m) => ok(&m),
                    Err(m) => no(&m),
                };
                let _ = writeln!(out, "{msg}");
                continue;
            }
            Command::Back { .. } => {
                let msg = match back(&mut session, &mut rec, &cmd, &line, &mut out, style)? {
                    Ok(m) => ok(&m),
                    Err(m) => no(&m),
                };
                let _ = writeln!(out, "{msg}");
                continue;
            }
            _ => {}
        }
        if let Err(m) = session.check(&cmd) {
            let _ = writeln!(out, "{}", no(m.get(lang)));
            continue;
        }
        // Recorded and on disk before anything is shown.
        let from = session.hour();
        rec.append(from, &line)?;
        match session.apply(&cmd, &line) {
            Ok(applied) => {
                if let Some(m) = &applied.message {
                    let _ = writeln!(out, "{}", ok(m.get(lang)));
                }
                if applied.advanced {
                    let _ = write!(out, "{}", board::board_in(&session, lang, style));
                    let _ = writeln!(
                        out,
                        "{}",
                        ok(&match lang {
                            Lang::Ja => format!(
                                "発災から {from} 時間 → {} 時間まで進めました",
                                session.hour()
                            ),
                            Lang::En => format!("advanced from hour {from} to {}", session.hour()),
                        })
                    );
                }
                // The injects of the step after the board, so that they stay on screen.
                for item in &applied.injects {
                    let _ = write!(out, "{}", board::inject_text_in(item, lang, style));
                }
            }
            Err(m) => {
                let _ = writeln!(out, "{}", no(m.get(lang)));
            }
        }
    }
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Ja => format!(
                "セッションを終了しました（発災から {} 時間）。記録: {}",
                session.hour(),
                session_path.display()
            ),
            Lang::En => format!(
                "session ended at hour {}; record: {}",
                session.hour(),
                session_path.display()
            ),
        }
    );
    Ok(())
}

/// `branch FILE [HOUR]`: writes the branch's session file, then records the command. The
/// answer to show (✓ or ✗).
fn branch(
    session: &Session,
    rec: &mut Record,
    target: &str,
    hour: Option<u32>,
    line: &str,
) -> Result<Result<String, String>, Failure> {
    let lang = rec.lang;
    let at = hour.unwrap_or(session.hour());
    if at > session.hour() {
        return Ok(Err(lang
            .pick(
                "分岐できるのは現在またはそれより前の時刻です",
                "a branch can only start now or earlier",
            )
            .to_string()));
    }
    // Relative to the working directory, as typed.
    let target = PathBuf::from(target);
    let text = fs::read_to_string(rec.path).unwrap_or_default();
    let Ok(sf) = read_session(&text) else {
        return Ok(Err(rec.path.display().to_string()));
    };
    let mut header = sf.header.clone();
    header.bcpsim_session = bcpsim_engine::exercise::SESSION_FORMAT;
    header.branched_from = Some(rec.path.display().to_string());
    header.branched_at_hour = Some(at);
    let entries = branch_entries(&rec.standing(), at, session.hour());
    if let Err(f) = create_session_file(&target, &header, &entries, false, lang) {
        return Ok(Err(f.to_string()));
    }
    rec.append(session.hour(), line)?;
    Ok(Ok(match lang {
        Lang::Ja => format!(
            "分岐: 発災から {at} 時間の時点で {} に保存しました。別の画面で bcpsim exercise --resume {} として続けられます",
            target.display(),
            target.display()
        ),
        Lang::En => format!(
            "branch: saved at hour {at} into {}; continue it elsewhere with bcpsim exercise --resume {}",
            target.display(),
            target.display()
        ),
    }))
}

/// `undo`: records it, then rebuilds the session from the commands that still stand. The
/// answer to show; the board too when time went back.
fn undo(
    session: &mut Session,
    rec: &mut Record,
    line: &str,
    out: &mut impl Write,
    style: Style,
) -> Result<Result<String, String>, Failure> {
    let lang = rec.lang;
    let standing = effective_entries(&rec.entries).unwrap_or_default();
    let last = standing
        .iter()
        .rev()
        .find(|(_, e)| matches!(parse(&e.command), Ok(Some(c)) if c.is_undoable()));
    let Some((_, taken)) = last.cloned() else {
        return Ok(Err(lang
            .pick("取り消せる記録がありません", "there is nothing to undo")
            .to_string()));
    };
    let before = session.hour();
    rec.append(before, line)?;
    let scenario = session.scenario().clone();
    *session = rebuild(&scenario, session.seed(), &rec.standing()).map_err(|m| bad(&m, lang))?;
    if session.hour() != before {
        let _ = write!(out, "{}", board::board_in(session, lang, style));
    }
    Ok(Ok(match lang {
        Lang::Ja => format!(
            "取り消し: `{}`（発災から {} 時間の記録）を取り消しました。いまは発災から {} 時間です",
            taken.command,
            taken.hour,
            session.hour()
        ),
        Lang::En => format!(
            "undo: `{}` (recorded at hour {}) is taken back; it is now hour {}",
            taken.command,
            taken.hour,
            session.hour()
        ),
    }))
}

/// `back HOUR`: records it, then rebuilds the session from the commands that stand up to
/// that hour (what came after is taken back, and stays on record). The answer to show.
fn back(
    session: &mut Session,
    rec: &mut Record,
    cmd: &Command,
    line: &str,
    out: &mut impl Write,
    style: Style,
) -> Result<Result<String, String>, Failure> {
    let lang = rec.lang;
    if let Err(m) = session.check(cmd) {
        return Ok(Err(m.get(lang).to_string()));
    }
    let before = session.hour();
    rec.append(before, line)?;
    let scenario = session.scenario().clone();
    *session = rebuild(&scenario, session.seed(), &rec.standing()).map_err(|m| bad(&m, lang))?;
    let dropped = bcpsim_engine::exercise::rewinds(&rec.entries)
        .ok()
        .and_then(|r| r.last().map(|r| r.dropped))
        .unwrap_or(0);
    let _ = write!(out, "{}", board::board_in(session, lang, style));
    Ok(Ok(match lang {
        Lang::Ja => format!(
            "戻す: 発災から {before} 時間 → {} 時間に戻しました（ファシリテーターの進行操作）。以後の記録 {dropped} 件を取り消しました（記録には残ります）",
            session.hour()
        ),
        Lang::En => format!(
            "back: time went back from hour {before} to hour {} (facilitator's steering); commands taken back: {dropped} (kept on record)",
            session.hour()
        ),
    }))
}

fn load_session(path: &Path, force: bool, lang: Lang) -> Result<Session, Failure> {
    let (text, _) = read_text(path, lang)?;
    let sf = read_session(&text).map_err(|m| bad(&m, lang))?;
    let scenario = session_scenario(path, &sf.header, force, lang)?;
    rebuild(&scenario, sf.header.seed, &sf.entries).map_err(|m| bad(&m, lang))
}

pub fn replay(args: ReplayArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    if let Some(dir) = &args.out {
        check_destination(dir, &OUTPUT_FILES, args.force).map_err(|e| write_error(e, lang))?;
    }
    let session = load_session(&args.file, args.force, lang)?;
    print!("{}", board::board(&session, lang));
    if let Some(dir) = &args.out {
        let result = session.into_result();
        let written =
            write_run_outputs(dir, &result, args.force).map_err(|e| write_error(e, lang))?;
        for p in written {
            eprintln!(
                "{}",
                bcpsim_reports::i18n::WROTE.fill(lang, &[&p.display()])
            );
        }
    }
    Ok(())
}

pub fn aar_command(args: AarArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    let (text, _) = read_text(&args.file, lang)?;
    let sf = read_session(&text).map_err(|m| bad(&m, lang))?;
    let scenario = session_scenario(&args.file, &sf.header, args.force, lang)?;
    let d = debrief(&scenario, sf.header.seed, &sf.entries).map_err(|m| bad(&m, lang))?;
    let report = match args.format {
        AarFormat::Md => aar::aar_markdown(&d, lang),
        AarFormat::Html => aar::aar_html(&d, lang, args.embed_font),
    };
    write_text(args.out.as_deref(), report, args.force, lang)
}

/// Writes `text` to `out` (whole or not at all, never overwriting without `force`), or to
/// stdout.
fn write_text(out: Option<&Path>, text: String, force: bool, lang: Lang) -> Result<(), Failure> {
    let Some(path) = out else {
        print!("{text}");
        return Ok(());
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let written = write_files_atomically(dir, &[(name.as_str(), text)], force)
        .map_err(|e| write_error(e, lang))?;
    for p in written {
        eprintln!(
            "{}",
            bcpsim_reports::i18n::WROTE.fill(lang, &[&p.display()])
        );
    }
    Ok(())
}

fn cards(a: CardsArgs) -> Result<(), Failure> {
    let lang = a.lang.lang();
    let scenario = match &a.scenario {
        Some(p) => read_scenario_file(p, lang)?.0,
        None => {
            load_text(None, EXERCISE_SAMPLE_NAME, EXERCISE_SAMPLE, lang)
                .map_err(|e| Failure::BadInput(e.render(lang, false)))?
                .scenario
        }
    };
    for id in bcpsim_reports::cards::too_long(&scenario, lang) {
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "注意: 状況付与 {id} の文が長く、カードに収まらない可能性があります（2件に分けることを検討してください）"
                ),
                Lang::En => format!(
                    "warning: inject {id} has a long text that may not fit its card (consider splitting it in two)"
                ),
            }
        );
    }
    let html = bcpsim_reports::cards::cards_html(&scenario, lang, a.embed_font);
    write_text(a.out.as_deref(), html, a.force, lang)
}

fn export(a: TimelineArgs) -> Result<(), Failure> {
    let lang = a.lang.lang();
    let (scenario, _) = read_scenario_file(&a.scenario, lang)?;
    let ex = scenario.exercise.unwrap_or_default();
    write_text(Some(&a.csv), timeline_csv::export(&ex), a.force, lang)
}

fn import(a: TimelineArgs) -> Result<(), Failure> {
    let lang = a.lang.lang();
    let (scenario, bytes) = read_scenario_file(&a.scenario, lang)?;
    let source = String::from_utf8_lossy(&bytes).to_string();
    // Excel saves a plain "CSV" in Shift_JIS: accepted like the roster sheets.
    let csv_bytes = fs::read(&a.csv).map_err(|e| {
        Failure::BadInput(format!(
            "{}: {}: {e}",
            lang.pick("エラー: 読めません", "error: cannot read"),
            a.csv.display()
        ))
    })?;
    let (csv_text, _) = bcpsim_engine::import::encoding::decode(&csv_bytes, None).map_err(|p| {
        Failure::BadInput(
            bcpsim_engine::import::ImportError::from(p).render(&a.csv.display().to_string(), lang),
        )
    })?;
    let csv_name = a.csv.display().to_string();
    let onset = scenario.time.onset_hour * 60 + scenario.time.onset_minute;
    let imported = timeline_csv::import(&csv_text, onset)
        .map_err(|errs| Failure::BadInput(timeline_csv::render_errors(&csv_name, &errs, lang)))?;
    for w in &imported.warnings {
        eprintln!(
            "{}: {csv_name}: {}",
            lang.pick("注意", "warning"),
            w.get(lang)
        );
    }
    let old = scenario.exercise.unwrap_or_default();
    let ex = Exercise {
        title: old.title,
        objectives: old.objectives,
        injects: imported.injects.clone(),
    };
    let new_text = timeline_csv::splice_exercise(&source, &ex);
    let out = a.out.clone().unwrap_or_else(|| a.scenario.clone());
    // The result must load. Its problems are the sheet's: reported at the CSV's row and column
    // (the scenario file is not written).
    if let Err(e) = load_scenario(&out.display().to_string(), &new_text) {
        let problems: Vec<Msg> = e.diagnostics.iter().map(|d| imported.problem(d)).collect();
        return Err(Failure::BadInput(timeline_csv::render_errors(
            &csv_name, &problems, lang,
        )));
    }
    write_text(Some(&out), new_text, a.force, lang)
}
