//! bcpsim engine.
pub mod lang;
pub mod load;
pub mod outcome;
mod run;
pub mod scenario;

pub use lang::Lang;
pub use run::{RunOptions, simulate};
