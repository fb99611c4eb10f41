//! Reading the scenario a command was given, or the embedded sample station.

use std::path::Path;

use bcpsim_engine::Lang;
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::scenario::Scenario;

use super::Failure;

use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};

/// Loads and validates a scenario file (or the sample when `path` is `None`).
pub fn read_scenario(path: Option<&Path>, lang: Lang) -> Result<Scenario, Failure> {
    let (name, text) = match path {
        None => (SAMPLE_STATION_NAME.to_string(), SAMPLE_STATION.to_string()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                Failure::BadInput(format!("error: cannot read {}: {e}", p.display()))
            })?;
            (p.display().to_string(), text)
        }
    };
    load_scenario(&name, &text).map_err(|e| Failure::BadInput(e.render(lang, false)))
}
