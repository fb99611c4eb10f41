//! The session file (docs/exercise.md): JSON lines. The first line is a [`Header`]; every
//! other line is one accepted command as an [`Entry`] (the hour it was given and the text as
//! typed). Replaying the entries in order rebuilds the session's state exactly.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Msg;
use super::command::{Command, parse};
use super::session::Session;
use crate::scenario::Scenario;

/// Version of the session file format written. Version 2 adds `undo`, `branch` lines and
/// the Japanese command words; version 3 the facilitator's steering (`set`, `hold`, `release`,
/// `back`). Files of versions 1 and 2 (written before) read the same way; a bcpsim that reads
/// only version 2 refuses a version 3 file naming its version rather than failing on a `back`.
pub const SESSION_FORMAT: u32 = 3;

/// The oldest session file format still read.
pub const OLDEST_SESSION_FORMAT: u32 = 1;

/// The first line of a session file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The format version ([`SESSION_FORMAT`]).
    pub bcpsim_session: u32,
    /// The scenario file as given when the session started (relative paths are looked up next
    /// to the session file first, then in the working directory).
    pub scenario: String,
    /// SHA-256 of the scenario file's bytes, hex: a changed scenario is refused.
    pub scenario_sha256: String,
    pub seed: u64,
    /// The session file this one was branched from, and at which hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branched_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branched_at_hour: Option<u32>,
}

/// One accepted command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Hours after onset when it was given.
    pub hour: u32,
    /// The command as typed.
    pub command: String,
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Header {
    pub fn new(scenario: &str, scenario_bytes: &[u8], seed: u64) -> Header {
        Header {
            bcpsim_session: SESSION_FORMAT,
            scenario: scenario.to_string(),
            scenario_sha256: sha256_hex(scenario_bytes),
            seed,
            branched_from: None,
            branched_at_hour: None,
        }
    }

    /// The header as one line with its newline.
    pub fn line(&self) -> String {
        let mut s = serde_json::to_string(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

impl Entry {
    /// The entry as one line with its newline.
    pub fn line(&self) -> String {
        let mut s = serde_json::to_string(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// A session file read back.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFile {
    pub header: Header,
    pub entries: Vec<Entry>,
    /// A last line cut short (the process was killed while writing it): ignored.
    pub truncated_tail: bool,
}

/// Reads a session file's text. A last line without its newline that does not parse is taken
/// as cut short and ignored; any other bad line is an error naming its line number.
pub fn read_session(text: &str) -> Result<SessionFile, Msg> {
    // CRLF and CR alone are line ends too; a BOM becomes a blank.
    let text = crate::load::normalize(text);
    let mut lines = text.split_inclusive('\n').enumerate();
    let Some((_, first)) = lines.next() else {
        return Err(Msg::new(
            "セッションファイルが空です",
            "the session file is empty",
        ));
    };
    let header: Header = serde_json::from_str(first.trim()).map_err(|e| {
        Msg::new(
            format!("1行目がセッションファイルのヘッダーではありません: {e}"),
            format!("line 1 is not a session file header: {e}"),
        )
    })?;
    if !(OLDEST_SESSION_FORMAT..=SESSION_FORMAT).contains(&header.bcpsim_session) {
        return Err(Msg::new(
            format!(
                "1行目: セッションファイルの形式 {} には対応していません（対応: {OLDEST_SESSION_FORMAT}〜{SESSION_FORMAT}。新しい版の bcpsim で記録されたファイルです）",
                header.bcpsim_session
            ),
            format!(
                "line 1: session file format {} is not supported (supported: {OLDEST_SESSION_FORMAT} to {SESSION_FORMAT}; a newer bcpsim wrote it)",
                header.bcpsim_session
            ),
        ));
    }
    let mut entries = Vec::new();
    let mut truncated_tail = false;
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Entry>(line.trim()) {
            Ok(e) => entries.push(e),
            Err(_) if !line.ends_with('\n') => truncated_tail = true,
            Err(e) => {
                return Err(Msg::new(
                    format!("{}行目を読めません: {e}", i + 1),
                    format!("cannot read line {}: {e}", i + 1),
                ));
            }
        }
    }
    Ok(SessionFile {
        header,
        entries,
        truncated_tail,
    })
}

/// Time moved back by a `back` command, as the file records it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rewind {
    /// The `back` line in the file (the header is line 1).
    pub line: usize,
    /// The hour the session was at, and the hour it went back to.
    pub from_hour: u32,
    pub to_hour: u32,
    /// Recorded commands taken back by it (an advance cut short counts as kept).
    pub dropped: usize,
}

/// The entries that stand once every `undo` has taken back the last standing command before
/// it (a `branch` is never taken back), each with its line in the file (the header is line
/// 1). Blank and comment entries are left out. An `undo` with nothing to take back, or a line
/// that does not parse, is an error naming its line.
///
/// A `back HOUR` takes back what came after the hour, as a branch at that hour would
/// ([`branch_entries`]: an advance past the hour is cut to `until HOUR`); it is itself not in
/// the result (see [`rewinds`]).
pub fn effective_entries(entries: &[Entry]) -> Result<Vec<(usize, Entry)>, Msg> {
    resolve(entries).map(|(standing, _)| standing)
}

/// Every `back` of the file, in order.
pub fn rewinds(entries: &[Entry]) -> Result<Vec<Rewind>, Msg> {
    resolve(entries).map(|(_, r)| r)
}

/// Entries with their line in the file.
type Numbered = Vec<(usize, Entry)>;

fn resolve(entries: &[Entry]) -> Result<(Numbered, Vec<Rewind>), Msg> {
    let mut standing: Vec<(usize, Entry, bool)> = Vec::with_capacity(entries.len());
    let mut rewinds = Vec::new();
    for (n, e) in entries.iter().enumerate() {
        let line = n + 2;
        let cmd = match parse(&e.command) {
            Ok(Some(c)) => c,
            Ok(None) => continue,
            Err(m) => return Err(m.prefixed(line)),
        };
        match cmd {
            Command::Undo => {
                let Some(pos) = standing.iter().rposition(|(_, _, undoable)| *undoable) else {
                    return Err(
                        Msg::new("取り消せる記録がありません", "there is nothing to undo")
                            .prefixed(line),
                    );
                };
                standing.remove(pos);
            }
            Command::Back { hour } => {
                if hour >= e.hour {
                    return Err(Msg::new(
                        format!("発災から {} 時間の記録で {hour} 時間へは戻れません", e.hour),
                        format!("a session at hour {} cannot go back to hour {hour}", e.hour),
                    )
                    .prefixed(line));
                }
                let plain: Vec<Entry> = standing.iter().map(|(_, e, _)| e.clone()).collect();
                let (keep, cut) = cut_at(&plain, hour, e.hour);
                let before = standing.len();
                let cut_line = standing.get(keep).map(|s| s.0);
                standing.truncate(keep);
                if let (Some(until), Some(l)) = (cut, cut_line) {
                    standing.push((l, until, true));
                }
                rewinds.push(Rewind {
                    line,
                    from_hour: e.hour,
                    to_hour: hour,
                    dropped: before - standing.len(),
                });
            }
            _ => {
                let undoable = cmd.is_undoable();
                standing.push((line, e.clone(), undoable));
            }
        }
    }
    Ok((
        standing.into_iter().map(|(l, e, _)| (l, e)).collect(),
        rewinds,
    ))
}

/// Rebuilds a session by re-applying `entries` to a new session of `scenario`: the entries
/// that stand after every `undo` ([`effective_entries`]), in order. Each must be given at the
/// hour it records and be accepted; otherwise the file does not belong to this scenario (an
/// error naming the entry's line).
pub fn replay(session: &mut Session, entries: &[Entry]) -> Result<(), Msg> {
    for (line, e) in effective_entries(entries)? {
        if e.hour != session.hour() {
            return Err(Msg::new(
                format!(
                    "{line}行目: 記録は発災から {} 時間ですが、再生では {} 時間です（セッションが一致しません）",
                    e.hour,
                    session.hour()
                ),
                format!(
                    "line {line}: recorded at hour {} but replayed at hour {} (the session does not match)",
                    e.hour,
                    session.hour()
                ),
            ));
        }
        let Ok(Some(cmd)) = parse(&e.command) else {
            continue;
        };
        session
            .apply(&cmd, &e.command)
            .map_err(|m| m.prefixed(line))?;
    }
    Ok(())
}

/// A new session of `scenario` with `entries` replayed.
pub fn rebuild(scenario: &Scenario, seed: u64, entries: &[Entry]) -> Result<Session, Msg> {
    let mut s = Session::new(scenario, seed);
    replay(&mut s, entries)?;
    Ok(s)
}

/// The entries of a branch at `hour`: every entry given before `hour`, with an advance that
/// would pass `hour` cut to `until HOUR`, and the entries given at `hour` after time reached
/// it. `end_hour` is the hour the session is at now. `hour` must not be after `end_hour`.
pub fn branch_entries(entries: &[Entry], hour: u32, end_hour: u32) -> Vec<Entry> {
    let (keep, cut) = cut_at(entries, hour, end_hour);
    let mut out = entries[..keep].to_vec();
    out.extend(cut);
    out
}

/// Where a session's `entries` are cut to stop at `hour`: how many of them are kept whole,
/// and the advance that replaces the next one when it went past `hour` (`until HOUR`).
fn cut_at(entries: &[Entry], hour: u32, end_hour: u32) -> (usize, Option<Entry>) {
    for (i, e) in entries.iter().enumerate() {
        if e.hour > hour {
            return (i, None);
        }
        let reached = entries.get(i + 1).map_or(end_hour, |n| n.hour);
        let advances = matches!(
            parse(&e.command),
            Ok(Some(Command::Next { .. } | Command::Until { .. }))
        );
        if advances && reached > hour {
            let until = (e.hour < hour).then(|| Entry {
                hour: e.hour,
                command: format!("until {hour}h"),
            });
            return (i, until);
        }
    }
    (entries.len(), None)
}
