//! `bcpsim stockpile`: the stockpile each agency needs by the formulas of 004 §2-7, next to
//! what the scenario holds, as a table (shortfalls flagged) or as JSON.

use bcpsim_engine::stockpile::scenario_stockpile;
use bcpsim_reports::{stockpile_json, stockpile_table};

use crate::args::StockpileArgs;

use super::Failure;
use super::scenario_input::read_scenario;

pub fn stockpile(args: StockpileArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    let scenario = read_scenario(args.scenario.as_deref(), lang)?;
    let agencies = scenario_stockpile(&scenario, args.days);
    if args.json {
        print!("{}", stockpile_json(&scenario.name, args.days, &agencies));
    } else {
        print!("{}", stockpile_table(&agencies, lang));
    }
    Ok(())
}
