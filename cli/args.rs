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
    /// Which doubted number decides the outcome: a tornado and Sobol' indices (docs/sensitivity.md).
    Sensitivity(SensitivityArgs),
    /// The cheapest plan change whose share of runs meeting a target reaches a confidence level
    /// (docs/search.md).
    Search(SearchArgs),
    /// Read staff / patient sheets (CSV from Excel) into a scenario's members (docs/import.md).
    Import(ImportArgs),
    /// Write an empty staff or patient sheet with the right headers, for Excel.
    Template(TemplateArgs),
    /// A tabletop exercise session read from stdin; `export` / `import` its inject timeline as CSV.
    Exercise(ExerciseArgs),
    /// Re-run a recorded exercise session to the same state and write its output files.
    Replay(ReplayArgs),
    /// Write the after-action report (振り返り報告) of an exercise session.
    Aar(AarArgs),
    /// Write a printable report (HTML with charts, or Markdown) from the output directory of a
    /// run, a batch or a comparison.
    Report(ReportArgs),
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
    /// Also write the printable report (report.html) into the --out directory.
    #[arg(long, requires = "out")]
    pub report: bool,
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
    /// Also write the printable report (report.html) into the --out directory.
    #[arg(long, requires = "out")]
    pub report: bool,
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
    /// Overwrite output files that already exist.
    #[arg(long)]
    pub force: bool,
    /// Also write the printable report (report.html) into the --out directory.
    #[arg(long, requires = "out")]
    pub report: bool,
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

#[derive(Debug, clap::Args)]
pub struct SensitivityArgs {
    /// Scenario or variant file (RON).
    pub scenario: PathBuf,
    /// The factors file (RON): the doubted numbers with their ranges.
    #[arg(long)]
    pub factors: PathBuf,
    /// A metric to analyse (a column of runs.csv); repeat for several. Default: three headline
    /// metrics.
    #[arg(long = "metric", value_name = "M")]
    pub metrics: Vec<String>,
    /// Paired runs of the tornado (0: no tornado).
    #[arg(long, default_value_t = 100)]
    pub runs: u64,
    /// Rows N of the Sobol' design, N × (factors + 2) runs (0: no indices).
    #[arg(long, default_value_t = 256)]
    pub samples: u64,
    /// Bootstrap resamples of the indices' intervals.
    #[arg(long, default_value_t = 500)]
    pub resamples: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Run only the jobs with index ≡ K (mod M), written as K/M; join with `bcpsim merge`.
    #[arg(long, value_name = "K/M", requires = "out")]
    pub shard: Option<String>,
    /// Directory to write sensitivity.json, tornado.csv, sobol.csv and evaluations.json into.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    /// Also write report.html (the tornado chart and the index table) into --out.
    #[arg(long, requires = "out", conflicts_with = "shard")]
    pub report: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Scenario file (RON).
    pub scenario: PathBuf,
    /// The levers file (RON): plan changes with their cost in yen.
    #[arg(long)]
    pub levers: PathBuf,
    /// The condition a run must meet, `METRIC OP NUMBER`, e.g.
    /// "critical.longest_without_device_power_hours <= 2".
    #[arg(long)]
    pub target: String,
    /// Share of runs that must meet the target.
    #[arg(long, default_value_t = 0.95)]
    pub confidence: f64,
    /// Most runs of one candidate plan.
    #[arg(long, default_value_t = 400)]
    pub runs: u64,
    /// Runs per round of the sequential test.
    #[arg(long, default_value_t = 50)]
    pub batch: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long)]
    pub threads: Option<usize>,
    /// Try only the candidates with index ≡ K (mod M), written as K/M; join with `bcpsim merge`.
    #[arg(long, value_name = "K/M", requires = "out", conflicts_with = "report")]
    pub shard: Option<String>,
    /// Directory to write search.json, candidates.csv, frontier.csv and chosen-plan.ron into.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    /// Also write report.html (the frontier chart and table) into --out.
    #[arg(long, requires = "out")]
    pub report: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

/// Which roster sheet: 表1 (staff) or 表2 (patients).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetArg {
    Staff,
    Patients,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "shift_jis", alias = "sjis", alias = "cp932")]
    ShiftJis,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// KIND FILE pairs: `staff STAFF.csv`, `patients PATIENTS.csv`, or both.
    #[arg(required = true, num_args = 2.., value_names = ["KIND", "FILE"])]
    pub sheets: Vec<String>,
    /// Merge the members into this scenario (written to --out, by default SCENARIO.imported.ron).
    #[arg(long, value_name = "SCENARIO")]
    pub into: Option<PathBuf>,
    /// The agency to merge into (when the scenario has several); without --into, the prefix of
    /// generated ids.
    #[arg(long, value_name = "ID")]
    pub agency: Option<String>,
    /// Output file (never overwritten without --force). Without --into, default: stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Text encoding of the sheets (default: detected).
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
    /// Replace every id by a pseudonym derived from a keyed hash of the name.
    #[arg(long, conflicts_with = "keep_names")]
    pub anonymize: bool,
    /// Secret key of the pseudonyms: the same salt gives the same pseudonyms.
    #[arg(long, requires = "anonymize")]
    pub salt: Option<String>,
    /// Write names into the scenario's `name` fields (they are left out by default).
    #[arg(long)]
    pub keep_names: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    pub kind: SheetArg,
    /// Output file (default: staff.csv or patients.csv); never overwritten without --force.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file with the charts, for printing (A4).
    Html,
    /// A Markdown summary of the key figures, for pasting into documents.
    Md,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The directory `bcpsim run --out` (summary.json, timeseries.csv, events.jsonl),
    /// `bcpsim batch --out` (batch.json, runs.csv), `bcpsim compare --out` (compare.json),
    /// `bcpsim sensitivity --out` (sensitivity.json) or `bcpsim search --out` (search.json)
    /// wrote.
    #[arg(value_name = "RUN_OR_BATCH_DIR")]
    pub run_dir: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
    /// File to write. Default: report.html / report.md inside the directory.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write every chart as PNG and SVG into this directory.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// HTML: embed the bundled Japanese font (about 8 MB) so the text shows in Japanese even
    /// on a machine with no Japanese font (the charts never need it).
    #[arg(long)]
    pub embed_font: bool,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ExerciseArgs {
    #[command(subcommand)]
    pub action: Option<ExerciseAction>,
    /// Scenario file (RON) with an `exercise:` timeline (default: the built-in exercise
    /// sample, scenarios/exercise-sample-station.ron).
    pub scenario: Option<PathBuf>,
    /// Session file to record into (default: SCENARIO's name with `.session.jsonl`, in the
    /// working directory). Never overwritten without --force.
    #[arg(long)]
    pub session: Option<PathBuf>,
    /// Continue a recorded session.
    #[arg(long, conflicts_with_all = ["scenario", "session", "seed"])]
    pub resume: Option<PathBuf>,
    #[arg(long)]
    pub seed: Option<u64>,
    /// Overwrite an existing session file; resume although the scenario changed.
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
    /// Also show the board as a web page for the projector (http://127.0.0.1:PORT/), updated
    /// live as commands are typed.
    #[arg(long)]
    pub board: bool,
    /// The board page's port (0: any free port).
    #[arg(long, default_value_t = 8765, requires = "board")]
    pub port: u16,
    /// The address to serve the board on (default: this computer only; 0.0.0.0 shows it to
    /// the whole network).
    #[arg(long, default_value = "127.0.0.1", requires = "board")]
    pub bind: String,
}

#[derive(Debug, Subcommand)]
pub enum ExerciseAction {
    /// Write the scenario's inject timeline as CSV (UTF-8 with BOM, for Excel).
    Export(TimelineArgs),
    /// Read an inject timeline from CSV into the scenario (written to --out, default SCENARIO).
    Import(TimelineArgs),
    /// Print the injects as 状況付与票 cards: a self-contained HTML page, A6 cards four to an
    /// A4 page, one per inject.
    Cards(CardsArgs),
}

#[derive(Debug, clap::Args)]
pub struct CardsArgs {
    /// Scenario file (default: the built-in exercise sample).
    pub scenario: Option<PathBuf>,
    /// HTML file to write (default: stdout); never overwritten without --force.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
    /// Embed the Japanese font, for a PC without one.
    #[arg(long)]
    pub embed_font: bool,
}

#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    pub scenario: PathBuf,
    #[arg(long)]
    pub csv: PathBuf,
    /// (import) The scenario file to write; default SCENARIO itself (needs --force).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// Session file (`bcpsim exercise --session FILE`).
    pub file: PathBuf,
    /// Directory to write summary.json, timeseries.csv and events.jsonl into.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Overwrite output files; replay although the scenario changed.
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AarFormat {
    Md,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct AarArgs {
    /// Session file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = AarFormat::Md)]
    pub format: AarFormat,
    /// File to write (default: stdout); never overwritten without --force.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
    /// (html) Embed the Japanese font, for a PC without one.
    #[arg(long)]
    pub embed_font: bool,
}
