//! Scenarios shipped with bcpsim, embedded so that a run needs no file.

/// The sample visiting nurse station of the seed BCP (004): a Tokyo inland earthquake.
pub const SAMPLE_STATION: &str = include_str!("../../scenarios/sample-station.ron");

/// The name diagnostics give the embedded sample.
pub const SAMPLE_STATION_NAME: &str = "scenarios/sample-station.ron";
