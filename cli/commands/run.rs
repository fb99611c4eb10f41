//! `bcpsim run`: simulate a scenario once (run index 0), print the readable summary, and with
//! `--out` write summary.json, timeseries.csv and events.jsonl (all three or none).

use bcpsim_engine::Lang;
use bcpsim_engine::{RunOptions, simulate};
use bcpsim_reports::report::REPORT_HTML;
use bcpsim_reports::{existing_outputs, i18n, run_summary_text, write_run_outputs};

use crate::args::{LangArg, RunArgs};

use super::Failure;
use super::scenario_input::read_scenario;

pub fn run(args: RunArgs) -> Result<(), Failure> {
    let lang = match args.lang {
        LangArg::Ja => Lang::Ja,
        LangArg::En => Lang::En,
    };
    let scenario = read_scenario(args.scenario.as_deref(), lang)?;

    // Refuse before simulating so a long run is not wasted; write_run_outputs checks again.
    if let Some(dir) = &args.out
        && !args.force
    {
        let existing = existing_outputs(dir);
        if !existing.is_empty() {
            return Err(Failure::BadInput(
                bcpsim_reports::OutputError::Exists(existing).message(lang),
            ));
        }
        if args.report {
            super::report::refuse_existing(&dir.join(REPORT_HTML), false, lang)?;
        }
    }

    let result = simulate(&scenario, args.seed, 0, RunOptions::FULL);
    print!("{}", run_summary_text(&result.summary, lang));

    if let Some(dir) = &args.out {
        let written = write_run_outputs(dir, &result, args.force).map_err(|e| {
            if e.is_refusal() {
                Failure::BadInput(e.message(lang))
            } else {
                Failure::Other(e.message(lang))
            }
        })?;
        for path in written {
            eprintln!("{}", i18n::WROTE.fill(lang, &[&path.display()]));
        }
        if args.report {
            super::report::write_html_report(dir, lang, args.force)?;
        }
    }
    Ok(())
}
