//! `bcpsim validate` (in progress).

use crate::args::ValidateArgs;

use super::Failure;

pub fn validate(args: ValidateArgs) -> Result<(), Failure> {
    let _ = args;
    Err(Failure::Other("not yet".into()))
}
