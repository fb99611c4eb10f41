//! bcpsim reports: what people and programs read after a run.
//!
//! - [`files`]: the output files of a run — `summary.json`, `timeseries.csv`, `events.jsonl`
//!   (every field documented in `docs/outputs.md`) — and of a batch and a comparison, rendered
//!   as strings and written all together or not at all ([`write_run_outputs`]).
//! - [`text`]: the readable run summary for the terminal, in Japanese (default) or English.
//! - [`stockpile`]: the stockpile check of 004 §2-7 as a table or JSON.
//! - [`i18n`]: the bilingual catalog every user-facing string comes from.
//! - [`width`]: aligned plain-text tables that mix Japanese and ASCII.
//! - [`read`]: an output directory (a run's, a batch's or a comparison's) read back and checked,
//!   its CSV files parsed ([`read::parse_timeseries`], [`read::parse_runs_csv`]).
//! - [`metrics`]: which metrics the tables and the forest plot show, from the engine's catalogue.
//! - [`tables`]: the readable tables of a batch and a comparison.
//! - [`charts`]: charts as PNG and SVG with Japanese labels from the bundled font.
//! - [`report`]: the printable HTML report and the Markdown summary of a run, a batch or a
//!   comparison (`docs/report.md`).
//! - [`aar`]: the after-action report of a tabletop exercise.
//!
//! Everything except [`write_run_outputs`] is pure: the same input gives the same bytes.

pub mod aar;
pub mod analysis;
pub mod cards;
pub mod charts;
pub mod files;
pub mod i18n;
pub mod metrics;
pub mod read;
pub mod report;
pub mod stockpile;
pub mod tables;
pub mod text;
pub mod width;

pub use files::{
    EVENTS_FILE, OUTPUT_FILES, OutputError, SUMMARY_FILE, TIMESERIES_FILE, check_destination,
    render_events_jsonl, render_summary_json, render_timeseries_csv, write_files_atomically,
    write_run_outputs, write_sets_atomically,
};
pub use stockpile::{stockpile_json, stockpile_table};
pub use text::run_summary_text;
