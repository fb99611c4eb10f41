//! Tabletop exercise mode (docs/exercise.md): the pure
//! logic of a session — its command language ([`command`]), the session itself ([`session`]:
//! a [`crate::Simulation`] with the scenario's injects and the room's decisions), the session
//! file and replay ([`file`]), the status board ([`board`]), the after-action report's data
//! ([`debrief`]) and the timeline as a spreadsheet ([`timeline_csv`]). No I/O: the CLI reads
//! commands and writes files.

pub mod board;
pub mod command;
pub mod debrief;
pub mod file;
pub mod session;
pub mod timeline_csv;
pub mod view;

pub use command::{ALIASES, Command, Decision, command_words, parse};
pub use debrief::{Debrief, Figures, Intervention, debrief};
pub use file::{
    Entry, Header, Rewind, SESSION_FORMAT, SessionFile, effective_entries, read_session, rebuild,
    replay, rewinds,
};
pub use session::{Applied, Session, TimelineItem};

/// A user-facing text in both languages: the engine's one message type.
pub use crate::lang::Msg;
