//! `bcpsim`: the command line. A thin layer: argument definitions live in `args`, each
//! subcommand in `commands/`, and all simulation and formatting in the library crates.

mod args;
mod commands;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc in place of the system allocator: it backs large heaps with transparent huge
/// pages, so a city's runs (tens of MB of patients and staff read every step) do not stall on
/// address translation, and a run's many small vectors are built and freed faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}
