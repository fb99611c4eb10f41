//! The generated region an example is asked for on its command line:
//! `[AGENCIES] [PATIENTS_PER_AGENCY] [DAYS]`, each with a default.

use bcpsim_engine::scenario::Scenario;

/// The region of `bcpsim_engine::samples::generated_region` for the command line's numbers
/// (the defaults where one is missing or not a number).
pub fn region_from_args(agencies: u32, patients_per_agency: u32, days: u32) -> Scenario {
    bcpsim_engine::samples::generated_region(
        number_arg(1, agencies) as usize,
        number_arg(2, patients_per_agency),
        number_arg(3, days),
    )
}

/// The command line's `i`-th argument as a number, or `default` where it is missing or not
/// a number.
pub fn number_arg<T: std::str::FromStr>(i: usize, default: T) -> T {
    std::env::args()
        .nth(i)
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
