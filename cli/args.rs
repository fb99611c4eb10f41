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
    /// Run a scenario many times (Monte Carlo): distributions of every metric, per-step bands.
    Batch(BatchArgs),
    /// Compare plan variants with a base over the same disasters (paired runs).
    Compare(CompareArgs),
    /// Combine shard outputs of one batch into the files one machine would have written.
    Merge(MergeArgs),
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

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Scenario or variant file (RON).
    pub scenario: PathBuf,
    /// Number of runs (run indices 0 to N − 1).
    #[arg(long)]
    pub runs: u64,
    /// Master seed; run i draws from (seed, i).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Run only the runs with index ≡ K (mod M), written as K/M (0 ≤ K < M).
    #[arg(long, value_name = "K/M")]
    pub shard: Option<String>,
    /// Directory to write runs.csv, bands.json and batch.json into.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Overwrite output files that already exist.
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The base scenario (or variant) file.
    pub base: PathBuf,
    /// One or more variant (or scenario) files to compare with the base.
    #[arg(required = true)]
    pub variants: Vec<PathBuf>,
    /// Number of paired runs.
    #[arg(long)]
    pub runs: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long)]
    pub threads: Option<usize>,
    /// Directory to write compare.json into.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Output directories of the shards (`bcpsim batch --shard K/M --out DIR`).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Directory to write the merged runs.csv, bands.json and batch.json into.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}
