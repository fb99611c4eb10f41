//! `bcpsim stockpile` (in progress).

use crate::args::StockpileArgs;

use super::Failure;

pub fn stockpile(args: StockpileArgs) -> Result<(), Failure> {
    let _ = args;
    Err(Failure::Other("not yet".into()))
}
