//! `bcpsim run`: simulate a scenario once (run index 0), print the readable summary, and with
//! `--out` write summary.json, timeseries.csv and events.jsonl (all three or none).

use bcpsim_engine::{RunOptions, simulate};
use bcpsim_reports::report::REPORT_HTML;
use bcpsim_reports::{OUTPUT_FILES, check_destination, i18n, run_summary_text, write_run_outputs};

use crate::args::RunArgs;

use super::scenario_input::read_scenario;
use super::{Failure, write_error};

pub fn run(args: RunArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    let scenario = read_scenario(args.scenario.as_deref(), lang)?;

    // Refuse before simulating so a long run is not wasted; write_run_outputs checks again.
    if let Some(dir) = &args.out {
        let mut names = OUTPUT_FILES.to_vec();
        if args.report {
            names.push(REPORT_HTML);
        }
        check_destination(dir, &names, args.force).map_err(|e| write_error(e, lang))?;
    }

    let result = simulate(&scenario, args.seed, 0, RunOptions::FULL);
    print!("{}", run_summary_text(&result.summary, lang));

    if let Some(dir) = &args.out {
        let written =
            write_run_outputs(dir, &result, args.force).map_err(|e| write_error(e, lang))?;
        for path in written {
            eprintln!("{}", i18n::WROTE.fill(lang, &[&path.display()]));
        }
        if args.report {
            super::report::write_html_report(dir, lang, args.force)?;
        }
    }
    Ok(())
}
