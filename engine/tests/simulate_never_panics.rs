//! A scenario that passes validation never makes a run panic: the sample station's numbers
//! are replaced by other numbers (zero, huge, fractional) and every variant that still loads
//! is run for two days.

use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::SAMPLE_STATION;
use bcpsim_engine::{RunOptions, simulate};
use proptest::prelude::*;

/// Numbers that stress arithmetic: zero, one, fractions, large and very large values.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "0.5",
    "0.999",
    "2",
    "23",
    "24",
    "1000",
    "4000000000",
    "1e12",
    "0.000001",
];

/// Byte offsets where a number starts in the sample (a digit not preceded by a letter,
/// digit, `.` or `_`), with the number's length.
fn number_positions(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'.'
                    || bytes[i - 1] == b'_'));
        if starts {
            let mut j = i;
            while j < bytes.len()
                && (bytes[j].is_ascii_digit() || bytes[j] == b'.' || bytes[j] == b'_')
            {
                j += 1;
            }
            out.push((i, j - i));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn valid_variants_of_the_sample_run_without_panicking(
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(NUMBERS)), 1..6),
        seed in 0u64..1000,
    ) {
        let positions = number_positions(SAMPLE_STATION);
        let mut chosen: Vec<(usize, usize, &str)> =
            edits.iter().map(|(ix, n)| { let (at, len) = positions[ix.index(positions.len())]; (at, len, *n) }).collect();
        // Apply from the back so earlier offsets stay valid; skip overlapping picks.
        chosen.sort_by_key(|c| std::cmp::Reverse(c.0));
        chosen.dedup_by_key(|c| c.0);
        let mut text = SAMPLE_STATION.to_string();
        for (at, len, number) in chosen {
            text.replace_range(at..at + len, number);
        }
        if let Ok(mut scenario) = load_scenario("mutated.ron", &text) {
            scenario.time.horizon_hours = scenario.time.horizon_hours.min(48);
            let result = simulate(&scenario, seed, 0, RunOptions::FULL);
            prop_assert!(result.summary.horizon_hours <= 48);
        }
    }
}

/// Runs for a day each variant of the sample with one number swapped (`(offset, length,
/// number)`), as far as it loads; asserts that most of them did load, so that the swaps
/// really reach the engine.
fn swapped_variants_run_for_a_day<'a>(swaps: impl Iterator<Item = (usize, usize, &'a str)>) {
    let (mut loaded, mut tried) = (0, 0);
    for (at, len, number) in swaps {
        let mut text = SAMPLE_STATION.to_string();
        text.replace_range(at..at + len, number);
        tried += 1;
        if let Ok(mut scenario) = load_scenario("swapped.ron", &text) {
            loaded += 1;
            scenario.time.horizon_hours = scenario.time.horizon_hours.min(24);
            let result = simulate(&scenario, 1, 0, RunOptions::SUMMARY_ONLY);
            assert!(result.summary.horizon_hours <= 24);
        }
    }
    assert!(loaded * 2 > tried, "only {loaded} of {tried} swaps loaded");
}

#[test]
fn every_single_number_swap_that_loads_also_runs() {
    // Deterministic sweep beside the random one: each number position of the sample, swapped
    // for each stress value in turn (a stride keeps it to a few hundred runs), and every
    // variant that loads is run for a day. Most swaps stay valid (a quantity, a distance, an
    // hour), so the sweep really exercises the engine.
    let positions = number_positions(SAMPLE_STATION);
    swapped_variants_run_for_a_day(
        positions
            .iter()
            .enumerate()
            .step_by(3)
            .map(|(k, &(at, len))| (at, len, NUMBERS[k % NUMBERS.len()])),
    );
}

#[test]
fn every_number_of_the_sample_swapped_for_a_huge_one_still_runs() {
    // Every number of the sample, one at a time, becomes 4 000 000 000 (it fits the u32
    // fields of hours and counts, so most such variants load): a run of a day must neither
    // panic nor overflow. The random test above found `min_rest_hours` this way, which the
    // stride of the sweep before it passes over.
    let positions = number_positions(SAMPLE_STATION);
    swapped_variants_run_for_a_day(positions.iter().map(|&(at, len)| (at, len, "4000000000")));
}
