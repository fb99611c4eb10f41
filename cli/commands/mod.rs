//! One module per subcommand, and the failure type that maps to exit codes.

mod analysis_report;
mod analysis_shards;
mod batch;
mod board_web;
mod compare;
mod exercise;
mod import;
mod report;
mod run;
mod scenario_input;
mod search;
mod sensitivity;
mod stockpile;
mod template;
mod validate;

use std::fmt;

use bcpsim_engine::Lang;

use crate::args::{Cli, Command, LangArg};

/// Why a command failed; decides the exit code.
#[derive(Debug)]
pub enum Failure {
    /// The user's input is wrong (bad file, bad option): exit code 2.
    BadInput(String),
    /// Something else went wrong (a write failed): exit code 1.
    Other(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::BadInput(_) => 2,
            Failure::Other(_) => 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::BadInput(m) | Failure::Other(m) => f.write_str(m.trim_end()),
        }
    }
}

impl LangArg {
    pub fn lang(self) -> Lang {
        match self {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        }
    }
}

/// A failed write: refusing to overwrite is the user's input (exit 2); an I/O error is not.
pub fn write_error(e: bcpsim_reports::OutputError, lang: Lang) -> Failure {
    if e.is_refusal() {
        Failure::BadInput(e.message(lang))
    } else {
        Failure::Other(e.message(lang))
    }
}

pub fn dispatch(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Validate(args) => validate::validate(args),
        Command::Stockpile(args) => stockpile::stockpile(args),
        Command::Batch(args) => batch::batch(args),
        Command::Compare(args) => compare::compare(args),
        Command::Merge(args) => batch::merge(args),
        Command::Sensitivity(args) => sensitivity::sensitivity(args),
        Command::Search(args) => search::search(args),
        Command::Import(args) => import::import(args),
        Command::Template(args) => template::template(args),
        Command::Exercise(args) => exercise::exercise(args),
        Command::Replay(args) => exercise::replay(args),
        Command::Aar(args) => exercise::aar_command(args),
        Command::Report(args) => report::report(args),
    }
}
