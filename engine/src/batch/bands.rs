//! Per-step distributions over runs, for the 5–50–95 % bands of attendance, safety-check
//! coverage and stock levels. Each step keeps a histogram of exact values (counts are
//! integers; stock quantities are kept to a tenth of a unit), so memory follows the
//! number of distinct values, not the number of runs, and histograms add exactly in any
//! order: threads and shards give the same bands.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::outcome::RunTotals;

/// Stock quantities are binned to a tenth of their unit: fine enough for a band, and it keeps
/// the number of bins per step bounded by the quantity's range, not by the number of runs.
const STOCK_SCALE: f64 = 10.0;

/// Values are counted slot by slot (rather than sorted) when their range is at most this many
/// slots a value, plus [`TALLY_MIN`]: zeroing and walking a slot costs far less than a
/// value's share of a sort.
const TALLY_PER_VALUE: usize = 2;
const TALLY_MIN: usize = 64;

/// Scratch buffers of [`Histogram::add_all`], reused across steps.
#[derive(Default)]
struct Scratch {
    tally: Vec<u32>,
    pairs: Vec<(i64, u64)>,
}

/// A stock level's histogram key: tenths of a unit, rounded half away from zero, exactly as
/// `(q * STOCK_SCALE).round() as i64` (without its library call: this key is taken for every
/// item of every step of every run of a batch).
fn stock_key(q: f64) -> i64 {
    crate::rounding::round_i64(q * STOCK_SCALE)
}

/// Counts of each value at one step, as (value, count) pairs sorted by value. A step holds
/// few distinct values (a few dozen staff counts, a stock's tenths), so a sorted vector adds
/// a run's value with one binary search and no allocation once the value has been seen;
/// it reads and writes as the map `{"value": count, …}` in value order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Histogram(Vec<(i64, u64)>);

impl Histogram {
    fn add(&mut self, key: i64) {
        self.add_count(key, 1);
    }

    /// Adds many values at once, merged with the counts in one pass (a chunk of runs costs
    /// one walk of the histogram instead of a search per run). Values within a narrow range
    /// (a step's staff counts, most stock levels) are counted in `scratch.tally`, one slot a
    /// value; others are sorted in place. Either adds exactly the same counts.
    fn add_all(&mut self, values: &mut [i64], scratch: &mut Scratch) {
        let Some((&first, rest)) = values.split_first() else {
            return;
        };
        if rest.iter().all(|&v| v == first) {
            // One value in every run (most steps of an item nobody used): one count.
            self.add_count(first, values.len() as u64);
            return;
        }
        let (mut lo, mut hi) = (first, first);
        for &v in rest {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        // The span in 128 bits: the extremes of i64 may be a level's key.
        let span = (i128::from(hi) - i128::from(lo) + 1) as u128;
        if span <= (TALLY_PER_VALUE * values.len() + TALLY_MIN) as u128 {
            let tally = &mut scratch.tally;
            tally.clear();
            tally.resize(span as usize, 0);
            // Within a span this narrow, `v - lo` and `lo + i` cannot overflow.
            for &v in values.iter() {
                tally[v.wrapping_sub(lo) as usize] += 1;
            }
            let counted = tally
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(i, &n)| (lo.wrapping_add(i as i64), u64::from(n)));
            self.merge_sorted(counted, &mut scratch.pairs);
        } else {
            values.sort_unstable();
            let runs = values
                .chunk_by(|a, b| a == b)
                .map(|r| (r[0], r.len() as u64));
            self.merge_sorted(runs, &mut scratch.pairs);
        }
    }

    /// Adds `n` counts of `key`.
    fn add_count(&mut self, key: i64, n: u64) {
        match self.0.binary_search_by_key(&key, |&(k, _)| k) {
            Ok(i) => self.0[i].1 = self.0[i].1.saturating_add(n),
            Err(i) => self.0.insert(i, (key, n)),
        }
    }

    /// Merges `new`, (value, count) pairs in ascending value order each value once, into the
    /// counts, in place: `pairs` is scratch that holds them meanwhile. The histogram grows
    /// only when it has fewer places than it had values and new ones together (once its
    /// values are known, never), instead of being copied into a new vector each step.
    fn merge_sorted(&mut self, new: impl Iterator<Item = (i64, u64)>, pairs: &mut Vec<(i64, u64)>) {
        pairs.clear();
        pairs.extend(new);
        let counts = &mut self.0;
        let old_len = counts.len();
        let total = old_len + pairs.len();
        counts.resize(total, (0, 0));
        // From the back: `i` old values and `j` new ones are left to place, the merged ones
        // are at `w..total`; `w - i` (the new values left, plus the values met in both) never
        // goes below 0, so no old value is written over before it is read.
        let (mut i, mut j, mut w) = (old_len, pairs.len(), total);
        while j > 0 {
            let (key, n) = pairs[j - 1];
            w -= 1;
            match i.checked_sub(1).map(|k| counts[k]) {
                Some((old_key, old_n)) if old_key > key => {
                    counts[w] = (old_key, old_n);
                    i -= 1;
                }
                Some((old_key, old_n)) if old_key == key => {
                    counts[w] = (key, old_n.saturating_add(n));
                    i -= 1;
                    j -= 1;
                }
                _ => {
                    counts[w] = (key, n);
                    j -= 1;
                }
            }
        }
        // The old values left are the smallest and already in place: close the gap.
        if w > i {
            counts.copy_within(w..total, i);
            counts.truncate(total - (w - i));
        }
    }

    fn merge(&mut self, other: &Histogram) {
        for &(k, n) in &other.0 {
            self.add_count(k, n);
        }
    }

    /// The number of values counted; `None` when a count read from a file overflows.
    pub fn total(&self) -> Option<u64> {
        self.0.iter().try_fold(0u64, |t, (_, n)| t.checked_add(*n))
    }

    /// The smallest value with at least a share `p` of the counts at or below it
    /// (nearest rank); `None` when empty.
    pub fn quantile(&self, p: f64) -> Option<i64> {
        let total = self.total().unwrap_or(u64::MAX);
        if total == 0 {
            return None;
        }
        let rank = ((p.clamp(0.0, 1.0) * total as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for &(k, n) in &self.0 {
            seen = n.saturating_add(seen);
            if seen >= rank {
                return Some(k);
            }
        }
        self.0.last().map(|&(k, _)| k)
    }
}

impl Serialize for Histogram {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, n)| (k, n)))
    }
}

impl<'de> Deserialize<'de> for Histogram {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Through the map, so a key written twice counts once, as before.
        let map = BTreeMap::<i64, u64>::deserialize(deserializer)?;
        Ok(Histogram(map.into_iter().collect()))
    }
}

/// The raw per-step distributions of a batch (or a shard of it).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Bands {
    /// Staff present, all agencies, per step.
    pub present: Vec<Histogram>,
    /// Patients confirmed so far, per step.
    pub confirmed: Vec<Histogram>,
    /// Per stock item, the quantity (× 10) summed over agencies, per step.
    pub stocks: BTreeMap<String, Vec<Histogram>>,
}

impl Bands {
    /// Adds one run's totals.
    pub fn add_run(&mut self, totals: &RunTotals, items: &[String]) {
        let steps = totals.steps();
        grow(&mut self.present, steps);
        grow(&mut self.confirmed, steps);
        for t in 0..steps {
            self.present[t].add(i64::from(totals.present(t).unwrap_or(0)));
            self.confirmed[t].add(i64::from(totals.confirmed(t).unwrap_or(0)));
        }
        // Item by item, so each item's series is looked up once per run, not once per step.
        for (k, item) in items.iter().enumerate() {
            if !self.stocks.contains_key(item) {
                self.stocks.insert(item.clone(), Vec::new());
            }
            let Some(series) = self.stocks.get_mut(item) else {
                continue;
            };
            grow(series, steps);
            for (t, histogram) in series.iter_mut().enumerate().take(steps) {
                if let Some(q) = totals.stock(t, k) {
                    histogram.add(stock_key(q));
                }
            }
        }
    }

    /// Adds a chunk of runs' totals, each `(totals, items)` as [`Bands::add_run`] takes them:
    /// the same histograms as adding them one by one, built step by step in parallel on the
    /// current rayon pool (each histogram is integer counts, so the result does not depend on
    /// which thread builds it).
    pub fn add_runs(&mut self, runs: &[(&RunTotals, &[String])]) {
        let Some(&(_, items)) = runs.first() else {
            return;
        };
        if runs.iter().any(|&(_, other)| other != items) {
            // Runs with different stock items (not seen in practice): one by one.
            for &(totals, items) in runs {
                self.add_run(totals, items);
            }
            return;
        }
        let steps = runs.iter().map(|(t, _)| t.steps()).max().unwrap_or(0);
        let present: Vec<&[u32]> = runs.iter().map(|(t, _)| t.present_series()).collect();
        fill_series(&mut self.present, &present, steps, |&n| i64::from(n));
        let confirmed: Vec<&[u32]> = runs.iter().map(|(t, _)| t.confirmed_series()).collect();
        fill_series(&mut self.confirmed, &confirmed, steps, |&n| i64::from(n));
        for (k, item) in items.iter().enumerate() {
            if !self.stocks.contains_key(item) {
                self.stocks.insert(item.clone(), Vec::new());
            }
            if let Some(series) = self.stocks.get_mut(item) {
                let stock: Vec<&[f64]> = runs.iter().map(|(t, _)| t.stock_series(k)).collect();
                fill_series(series, &stock, steps, |&q| stock_key(q));
            }
        }
    }

    /// Adds another batch's (or shard's) distributions.
    pub fn merge(&mut self, other: &Bands) {
        merge_series(&mut self.present, &other.present);
        merge_series(&mut self.confirmed, &other.confirmed);
        for (item, series) in &other.stocks {
            merge_series(self.stocks.entry(item.clone()).or_default(), series);
        }
    }
}

/// Steps whose values a task of [`fill_series`] gathers together: a block of every run's
/// values (64 steps × a chunk of 256 runs × 8 bytes = 128 KiB) stays in cache while each step
/// is sorted, and each run is read 64 steps at a time, in order, which the processor's
/// prefetching follows (reading one step of every run at a time missed the cache on
/// nearly every run).
const BLOCK_STEPS: usize = 64;

/// Adds each run's values of one series (`runs[r][t]`, a run's steps in order; runs may be
/// shorter than `steps`) to the histograms `series[t]`, keyed by `key`, blocks of steps in
/// parallel on the current rayon pool.
fn fill_series<T: Sync>(
    series: &mut Vec<Histogram>,
    runs: &[&[T]],
    steps: usize,
    key: impl Fn(&T) -> i64 + Sync,
) {
    use rayon::prelude::*;
    grow(series, steps);
    let width = runs.len();
    series[..steps]
        .par_chunks_mut(BLOCK_STEPS)
        .enumerate()
        .for_each_init(
            || (Vec::new(), Vec::new(), Scratch::default()),
            |(block, counts, scratch), (b, histograms)| {
                let first = b * BLOCK_STEPS;
                let n = histograms.len();
                // block[j × width ..][.. counts[j]]: the values of step first + j.
                block.clear();
                block.resize(n * width, 0i64);
                counts.clear();
                if width > 0 && runs.iter().all(|run| run.len() >= first + n) {
                    // Every run has every step of the block (all but a stopped run): run r's
                    // value of step first + j goes to place r of the step's row.
                    for (r, run) in runs.iter().enumerate() {
                        let rows = block.chunks_exact_mut(width);
                        for (row, v) in rows.zip(&run[first..first + n]) {
                            row[r] = key(v);
                        }
                    }
                    counts.resize(n, width);
                } else {
                    counts.resize(n, 0usize);
                    for run in runs {
                        let end = run.len().min(first + n);
                        for (j, v) in run.get(first..end).unwrap_or(&[]).iter().enumerate() {
                            block[j * width + counts[j]] = key(v);
                            counts[j] += 1;
                        }
                    }
                }
                for (j, histogram) in histograms.iter_mut().enumerate() {
                    histogram.add_all(&mut block[j * width..j * width + counts[j]], scratch);
                }
            },
        );
}

fn grow(v: &mut Vec<Histogram>, len: usize) {
    if v.len() < len {
        v.resize(len, Histogram::default());
    }
}

fn merge_series(into: &mut Vec<Histogram>, from: &[Histogram]) {
    grow(into, from.len());
    for (a, b) in into.iter_mut().zip(from) {
        a.merge(b);
    }
}

/// The 5, 50 and 95 % values at one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub hour: u32,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

/// Bands of a series, each value divided by `scale` (W for attendance shares, the number of
/// patients for coverage, the stock scale for stocks).
pub fn band_series(series: &[Histogram], step_hours: u32, scale: f64) -> Vec<Band> {
    let div = if scale > 0.0 { scale } else { 1.0 };
    series
        .iter()
        .enumerate()
        .filter_map(|(t, h)| {
            let q = |p| h.quantile(p).map(|k| k as f64 / div);
            Some(Band {
                hour: t as u32 * step_hours,
                p5: q(0.05)?,
                p50: q(0.5)?,
                p95: q(0.95)?,
            })
        })
        .collect()
}

/// The scale that turns stored stock keys back into units.
pub fn stock_scale() -> f64 {
    STOCK_SCALE
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The key as it was defined: what `stock_key` must give for every level.
    fn rounded(q: f64) -> i64 {
        (q * STOCK_SCALE).round() as i64
    }

    #[test]
    fn stock_keys_round_half_away_from_zero() {
        // 0.25 units = 2.5 tenths → 3; −0.25 → −3; 0.24 → 2.4 → 2; 1.05 is 10.5 tenths
        // (10.500000000000002 in f64) → 11 (`rounding` tests the rounding over all f64).
        for (q, key) in [
            (0.25, 3),
            (-0.25, -3),
            (0.24, 2),
            (-0.24, -2),
            (1.05, 11),
            (0.0, 0),
        ] {
            assert_eq!(stock_key(q), key, "{q}");
            assert_eq!(stock_key(q), rounded(q), "{q}");
        }
    }

    proptest! {
        #[test]
        fn stock_keys_of_everyday_levels_are_the_rounded_tenths(
            whole in -100_000i64..100_000,
            hundredths in 0u32..100,
        ) {
            let q = whole as f64 + f64::from(hundredths) / 100.0;
            prop_assert_eq!(stock_key(q), rounded(q));
        }

        /// Adding a step's values at once gives the counts of adding them one by one, whether
        /// they are all one value, counted slot by slot (narrow ranges, also at either end of
        /// i64) or sorted (wide ones, up to the extremes of i64), onto a histogram that
        /// already holds values.
        #[test]
        fn adding_values_at_once_counts_them_one_by_one(
            before in proptest::collection::vec(-50i64..50, 0..20),
            narrow in proptest::collection::vec(-40i64..40, 0..300),
            wide in proptest::collection::vec(any::<i64>(), 0..50),
            extremes in proptest::collection::vec(
                prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(0i64)], 0..5),
            (one, times) in (any::<i64>(), 0usize..300),
            top in proptest::collection::vec(i64::MAX - 40..=i64::MAX, 0..100),
            bottom in proptest::collection::vec(i64::MIN..i64::MIN + 40, 0..100),
        ) {
            let mut scratch = Scratch::default();
            let all = [
                narrow.clone(),
                wide.clone(),
                [narrow, extremes].concat(),
                vec![one; times],
                top,
                bottom,
            ];
            for values in all {
                let mut one_by_one = Histogram::default();
                let mut at_once = Histogram::default();
                for &v in &before {
                    one_by_one.add(v);
                    at_once.add(v);
                }
                for &v in &values {
                    one_by_one.add(v);
                }
                at_once.add_all(&mut values.clone(), &mut scratch);
                prop_assert_eq!(&at_once, &one_by_one);
                prop_assert_eq!(at_once.total(), Some((before.len() + values.len()) as u64));
            }
        }
    }

    #[test]
    fn nearest_rank_quantiles() {
        // 20 runs: values 0..=19 once each. 5 %: rank ceil(1) = 1 → 0; 50 %: rank 10 → 9;
        // 95 %: rank 19 → 18.
        let mut h = Histogram::default();
        for k in 0..20 {
            h.add(k);
        }
        assert_eq!(h.quantile(0.05), Some(0));
        assert_eq!(h.quantile(0.5), Some(9));
        assert_eq!(h.quantile(0.95), Some(18));
    }

    #[test]
    fn a_histogram_reads_and_writes_as_a_map_in_value_order() {
        // Added out of order: 3, -1, 3 → {-1: 1, 3: 2}, keys as JSON strings like any map.
        let mut h = Histogram::default();
        for k in [3, -1, 3] {
            h.add(k);
        }
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(json, r#"{"-1":1,"3":2}"#);
        let back: Histogram = serde_json::from_str(&json).unwrap();
        assert_eq!(back, h);
        // A key written twice is read once (the map's rule), not summed.
        let twice: Histogram = serde_json::from_str(r#"{"5":1,"5":4}"#).unwrap();
        assert_eq!(twice.total(), Some(4));
    }

    #[test]
    fn merging_in_any_order_is_exact() {
        let run = |p: u32| {
            let mut totals = RunTotals::new(1, 1);
            totals.push(p, p / 2, &[1.5 * f64::from(p)]);
            totals
        };
        let items = vec!["water".to_string()];
        let mut all = Bands::default();
        for p in 0..10 {
            all.add_run(&run(p), &items);
        }
        let (mut a, mut b) = (Bands::default(), Bands::default());
        for p in (0..10).filter(|p| p % 3 == 0) {
            a.add_run(&run(p), &items);
        }
        for p in (0..10).filter(|p| p % 3 != 0) {
            b.add_run(&run(p), &items);
        }
        b.merge(&a);
        assert_eq!(all, b);
    }
}

#[cfg(test)]
mod chunk_tests {
    use super::*;

    /// A run of `steps` steps whose values follow `p` (repeats and new values at every step,
    /// and a stock some runs lack).
    fn run(p: u32, steps: u32) -> RunTotals {
        let items = if p.is_multiple_of(4) { 1 } else { 2 };
        let mut totals = RunTotals::new(items, steps as usize);
        for t in 0..steps {
            let stocks = if items == 1 {
                vec![f64::from(p) * 0.37 + f64::from(t)]
            } else {
                vec![f64::from(p % 3) * 1.25, f64::from(t) / 3.0]
            };
            totals.push((p * 7 + t) % 5, p + t, &stocks);
        }
        totals
    }

    #[test]
    fn a_chunk_gives_the_histograms_of_its_runs_one_by_one() {
        let one = vec!["water".to_string()];
        let two = vec!["fuel".to_string(), "water".to_string()];
        // Runs of unequal lengths, added to bands that already hold values: a chunk with one
        // item list (the parallel path) and a chunk with mixed lists (the fallback).
        let runs: Vec<(RunTotals, &Vec<String>)> = (0..40)
            .map(|p| {
                (
                    run(p, 3 + p % 4),
                    if p.is_multiple_of(4) { &one } else { &two },
                )
            })
            .collect();
        let mut by_one = Bands::default();
        for (totals, items) in &runs {
            by_one.add_run(totals, items);
        }
        let mut by_chunk = Bands::default();
        let same: Vec<(&RunTotals, &[String])> = runs
            .iter()
            .filter(|(_, items)| items.len() == 2)
            .map(|(t, i)| (t, i.as_slice()))
            .collect();
        let mixed: Vec<(&RunTotals, &[String])> = runs
            .iter()
            .filter(|(_, items)| items.len() == 1)
            .chain(runs.iter().skip(1).take(1))
            .map(|(t, i)| (t, i.as_slice()))
            .collect();
        by_chunk.add_runs(&same[..5]);
        by_chunk.add_runs(&same[5..]);
        by_chunk.add_runs(&mixed);
        // `mixed` repeats the second run (p = 1, two items): add it once more one by one.
        by_one.add_run(&runs[1].0, runs[1].1);
        assert_eq!(by_one, by_chunk);
        assert_eq!(by_chunk.present[0].total(), Some(41));
    }

    /// Runs long enough to fill whole blocks of steps take the path for full blocks; runs of
    /// 66–70 steps fill the first block (64 steps) but not the second.
    #[test]
    fn full_blocks_give_the_histograms_of_their_runs_one_by_one() {
        let items = vec!["fuel".to_string(), "water".to_string()];
        for lengths in [|_| 70, |p: u32| 66 + p % 5] {
            let runs: Vec<RunTotals> = (0..30).map(|p| run(p, lengths(p))).collect();
            let mut by_one = Bands::default();
            for totals in &runs {
                by_one.add_run(totals, &items);
            }
            let chunk: Vec<(&RunTotals, &[String])> =
                runs.iter().map(|t| (t, items.as_slice())).collect();
            let mut by_chunk = Bands::default();
            by_chunk.add_runs(&chunk);
            assert_eq!(by_one, by_chunk);
            // Every run reaches step 65, in the second block.
            assert_eq!(by_chunk.present[65].total(), Some(30));
        }
    }
}
