//! Command-line definitions (clap). Parsing only; behaviour is in `commands/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "bcpsim",
    version,
    about = "Deterministic disaster simulation for home-care BCPs / 在宅医療BCPの災害シミュレーション"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run one scenario and print a summary; without SCENARIO, the embedded sample station.
    Run(RunArgs),
    /// Check a scenario file and report every problem with its line and column.
    Validate(ValidateArgs),
    /// Show the stockpile the sample's formulas (004 §2-7) require next to what the scenario holds.
    Stockpile(StockpileArgs),
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Scenario file (RON). Default: the embedded sample station.
    pub scenario: Option<PathBuf>,
    /// Seed of the run's random draws.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Directory to write summary.json, timeseries.csv and events.jsonl into.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Overwrite output files that already exist.
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Scenario file (RON).
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct StockpileArgs {
    /// Scenario file (RON). Default: the embedded sample station.
    pub scenario: Option<PathBuf>,
    /// Print JSON for scripts instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Days of supplies to hold (the sample's target is 3).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=365))]
    pub days: u32,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Ja,
    En,
}
