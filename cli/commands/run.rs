//! `bcpsim run` (in progress).

use crate::args::RunArgs;

use super::Failure;

pub fn run(args: RunArgs) -> Result<(), Failure> {
    let _ = args;
    Err(Failure::Other("not yet".into()))
}
