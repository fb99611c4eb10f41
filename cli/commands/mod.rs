//! One module per subcommand, and the failure type that maps to exit codes.

mod run;
mod scenario_input;
mod stockpile;
mod validate;

use std::fmt;

use crate::args::{Cli, Command};

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

pub fn dispatch(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Validate(args) => validate::validate(args),
        Command::Stockpile(args) => stockpile::stockpile(args),
    }
}
