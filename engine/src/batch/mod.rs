//! Monte Carlo batches: many runs of one scenario, their metrics and per-step bands, and
//! paired comparisons of plan variants.
//!
//! Determinism: runs are simulated in parallel (rayon) but collected in run order, and every
//! statistic is computed afterwards from per-run values in run order, so the result is the
//! same for any thread count. Bands are integer histograms that add exactly in any order.
//! Memory: runs are processed in chunks, and each run's per-step totals are folded into the
//! histograms and dropped, so a batch never holds more than two chunks of time series (one
//! being run, the one before being added).

pub mod bands;
pub mod compare;
pub mod metrics;
pub mod stats;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::outcome::{RunTotals, Summary};
use crate::scenario::{AgencySpec, CurvePoint, Plan, Scenario, ShareAt, Weekday};
use crate::{RunOptions, RunTemplate};

pub use bands::{Band, Bands};
pub use compare::Paired;
pub use stats::Stats;

/// Runs simulated in parallel at a time (bounds memory; large enough to keep cores busy).
const CHUNK: usize = 256;

/// Which part of a batch a process runs: runs with index ≡ `index` (mod `count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

/// What to run: `runs` runs (0..runs) under `seed`, or one shard of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchPlan {
    pub seed: u64,
    pub runs: u64,
    pub shard: Option<Shard>,
}

impl BatchPlan {
    /// The run indices this plan covers, ascending.
    pub fn run_indices(&self) -> impl Iterator<Item = u64> + '_ {
        (0..self.runs).filter(|i| self.shard.is_none_or(|s| i % s.count == s.index))
    }
}

/// One run's metrics, in `BatchData::metric_names` order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRow {
    pub run: u64,
    pub values: MetricValues,
}

/// A run's metric values, 8 bytes each rather than the 16 of an `Option<f64>`: a batch keeps
/// every run's row (the sample has 136 metrics), so this halves what a 100 000-run batch holds.
/// A missing value is a NaN with a payload of its own, which no arithmetic produces and which
/// is told apart by its bits; reads and writes as a list of numbers or nulls.
#[derive(Clone, Default)]
pub struct MetricValues(Vec<f64>);

/// The bits of a missing value: a quiet NaN with a payload no operation makes.
const MISSING_BITS: u64 = 0x7ffc_6d69_7373_696e;

impl MetricValues {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `k`th value; `None` when missing or past the end.
    pub fn get(&self, k: usize) -> Option<f64> {
        self.0
            .get(k)
            .copied()
            .filter(|x| x.to_bits() != MISSING_BITS)
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<f64>> + '_ {
        self.0
            .iter()
            .map(|&x| (x.to_bits() != MISSING_BITS).then_some(x))
    }
}

impl FromIterator<Option<f64>> for MetricValues {
    fn from_iter<I: IntoIterator<Item = Option<f64>>>(values: I) -> Self {
        MetricValues(
            values
                .into_iter()
                .map(|v| v.unwrap_or(f64::from_bits(MISSING_BITS)))
                .collect(),
        )
    }
}

impl From<Vec<Option<f64>>> for MetricValues {
    fn from(values: Vec<Option<f64>>) -> Self {
        values.into_iter().collect()
    }
}

/// Equal as the lists of `Option<f64>` they hold are.
impl PartialEq for MetricValues {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for MetricValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for MetricValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for MetricValues {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<Option<f64>>::deserialize(deserializer)?.into())
    }
}

/// Everything a batch (or a shard) keeps: per-run metrics and per-step distributions. Shards'
/// data merge into exactly the data of the whole batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchData {
    pub meta: BatchMeta,
    pub metric_names: Vec<String>,
    pub rows: Vec<RunRow>,
    pub bands: Bands,
}

/// What identifies a batch, so that only shards of the same batch are merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchMeta {
    pub scenario: String,
    /// SHA-256 of the scenario's content ([`Scenario::content_sha256`]): shards merge only
    /// when they ran exactly the same scenario, whatever its name.
    pub scenario_sha256: String,
    pub seed: u64,
    /// Runs of the whole batch (all shards).
    pub runs: u64,
    pub shard: Option<Shard>,
    pub horizon_hours: u32,
    pub step_hours: u32,
    /// Σ W over agencies (attendance bands are present ÷ this).
    pub normal_daily_staff: f64,
    /// All patients (coverage bands are confirmed ÷ this).
    pub patients: u32,
    /// What a report says about the scenario; the same in every run (from the scenario and
    /// the first run's summary).
    pub profile: ScenarioProfile,
}

/// The parts of a scenario a batch report describes, which do not vary between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioProfile {
    pub onset_weekday: Weekday,
    pub onset_hour: u32,
    pub agencies: u32,
    pub class_a_patients: u32,
    pub power_dependent_patients: u32,
    /// The plans' attendance curve, region-wide (Σ share × W ÷ Σ W), at each step's hour.
    pub plan_attendance: Vec<f64>,
    /// The plans' stock curve (`stock_curve`), the mean over agencies, at each step's hour.
    pub plan_stock: Vec<f64>,
    /// Per stock item: its unit and the quantity at onset, summed over agencies.
    pub stocks: BTreeMap<String, StockStart>,
}

/// A stock item at onset.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StockStart {
    pub unit: String,
    pub initial: f64,
}

impl ScenarioProfile {
    /// The scenario's part; the run-derived counts are filled by the first run.
    fn of(scenario: &Scenario) -> ScenarioProfile {
        let step = scenario.time.step_hours.max(1);
        let agencies = &scenario.agencies;
        // A region-wide curve at each step's hour: the agencies' curves, weighted by `weight`.
        let per_step = |curve: fn(&Plan) -> &[CurvePoint], weight: fn(&AgencySpec) -> f64| {
            let total: f64 = agencies.iter().map(weight).sum();
            (0..scenario.steps())
                .map(|t| {
                    let weighted: f64 = agencies
                        .iter()
                        .map(|a| curve(&a.plan).share_at(t * step) * weight(a))
                        .sum();
                    if total > 0.0 { weighted / total } else { 0.0 }
                })
                .collect()
        };
        let plan_attendance =
            per_step(|p| &p.attendance.curve, |a| a.staff.average_working_per_day);
        let plan_stock = per_step(|p| &p.stock_curve, |_| 1.0);
        ScenarioProfile {
            onset_weekday: scenario.time.onset_weekday,
            onset_hour: scenario.time.onset_hour,
            agencies: scenario.agencies.len() as u32,
            class_a_patients: 0,
            power_dependent_patients: 0,
            plan_attendance,
            plan_stock,
            stocks: BTreeMap::new(),
        }
    }

    fn fill_from(&mut self, summary: &Summary) {
        let region = &summary.region;
        self.class_a_patients = region
            .safety_checks
            .by_class
            .get("a")
            .map_or(0, |c| c.patients);
        self.power_dependent_patients = region.critical.power_dependent_patients;
        self.stocks = region
            .stocks
            .iter()
            .map(|(item, s)| {
                (
                    item.clone(),
                    StockStart {
                        unit: s.unit.clone(),
                        initial: s.initial,
                    },
                )
            })
            .collect();
    }
}

/// What a batch keeps of a finished run until its chunk is added: the summary only for the
/// batch's first run (the scenario's profile is read from it), as a city's summary is
/// megabytes and a chunk holds hundreds of runs.
struct Finished<'c> {
    run: u64,
    /// The batch's first run only.
    summary: Option<Summary>,
    totals: RunTotals,
    stock_items: Vec<String>,
    flat: Flat<'c>,
}

/// A run's metric values, sorted by name: read through the batch's columns when the run has
/// exactly their metrics (the rule for runs of one scenario), else with names of their own
/// ([`metrics::flatten`]).
enum Flat<'c> {
    Columns(&'c metrics::Columns, Vec<Option<f64>>),
    Named(Vec<String>, Vec<Option<f64>>),
}

impl Flat<'_> {
    /// The names and values, side by side.
    fn names_and_values(&self) -> (&[String], &[Option<f64>]) {
        match self {
            Flat::Columns(columns, values) => (columns.names(), values),
            Flat::Named(names, values) => (names, values),
        }
    }
}

/// Runs `plan` on the current rayon pool; `progress` is called once per finished run (from
/// any thread).
pub fn run_batch(scenario: &Scenario, plan: &BatchPlan, progress: &(dyn Fn() + Sync)) -> BatchData {
    let indices: Vec<u64> = plan.run_indices().collect();
    let mut data = BatchData {
        meta: BatchMeta {
            scenario: scenario.name.clone(),
            scenario_sha256: scenario.content_sha256(),
            seed: plan.seed,
            runs: plan.runs,
            shard: plan.shard,
            horizon_hours: scenario.steps() * scenario.time.step_hours.max(1),
            step_hours: scenario.time.step_hours.max(1),
            normal_daily_staff: scenario
                .agencies
                .iter()
                .map(|a| a.staff.average_working_per_day)
                .sum(),
            patients: 0,
            profile: ScenarioProfile::of(scenario),
        },
        metric_names: Vec::new(),
        rows: Vec::with_capacity(indices.len()),
        bands: Bands::default(),
    };
    // What every run shares, worked out once for the batch.
    let template = RunTemplate::new(scenario);
    // A chunk's rows and bands are added while the next chunk runs: the workers that finish
    // their runs first take the bands' tasks instead of waiting at the chunk's end.
    // The metric columns, from whichever run finishes first: a run whose metrics are exactly
    // these is read through them without naming each metric again; any other is named in
    // full. Either gives the same row, so which run sets them does not matter.
    let columns: OnceLock<metrics::Columns> = OnceLock::new();
    let first_run = indices.first().copied();
    let mut finished: Vec<Finished> = Vec::new();
    for chunk in indices.chunks(CHUNK) {
        let (results, ()) = rayon::join(
            // Each run's metrics are flattened on its worker too: on the main thread, between
            // chunks, they kept the other cores waiting.
            || {
                chunk
                    .par_iter()
                    .map(|&run| {
                        let r = template.simulate(plan.seed, run, RunOptions::BATCH);
                        let columns = columns.get_or_init(|| metrics::Columns::of(&r.summary));
                        let flat = match columns.values(&r.summary) {
                            Some(values) => Flat::Columns(columns, values),
                            None => {
                                let (names, values) =
                                    metrics::flatten(&r.summary).into_iter().unzip();
                                Flat::Named(names, values)
                            }
                        };
                        progress();
                        Finished {
                            run,
                            summary: (Some(run) == first_run).then_some(r.summary),
                            totals: r.totals,
                            stock_items: r.stock_items,
                            flat,
                        }
                    })
                    .collect::<Vec<_>>()
            },
            || data.add_chunk(&finished),
        );
        finished = results;
    }
    data.add_chunk(&finished);
    data
}

impl BatchData {
    /// Adds a chunk of finished runs, in run order: their metrics to the rows, their totals
    /// to the bands.
    fn add_chunk(&mut self, results: &[Finished]) {
        for f in results {
            self.add(f.run, f.summary.as_ref(), &f.flat);
        }
        let totals: Vec<(&RunTotals, &[String])> = results
            .iter()
            .map(|f| (&f.totals, f.stock_items.as_slice()))
            .collect();
        self.bands.add_runs(&totals);
    }

    /// Adds one finished run's metrics (runs must come in ascending order, the first with its
    /// summary); its totals go to the bands with its chunk's.
    fn add(&mut self, run: u64, summary: Option<&Summary>, flat: &Flat) {
        let (names, values) = flat.names_and_values();
        if self.metric_names.is_empty() {
            self.metric_names = names.to_vec();
        }
        if let Some(summary) = summary {
            self.meta.patients = summary.region.safety_checks.patients;
            self.meta.profile.fill_from(summary);
        }
        let values = if names == self.metric_names.as_slice() {
            values.iter().copied().collect()
        } else {
            // Align by name in case a run lacks a metric another has.
            let by_name: BTreeMap<&str, Option<f64>> = names
                .iter()
                .map(String::as_str)
                .zip(values.iter().copied())
                .collect();
            self.metric_names
                .iter()
                .map(|k| by_name.get(k.as_str()).copied().flatten())
                .collect()
        };
        self.rows.push(RunRow { run, values });
    }

    /// The values of metric `k` over runs, in run order.
    pub fn column(&self, k: usize) -> Vec<Option<f64>> {
        self.rows.iter().map(|r| r.values.get(k)).collect()
    }

    /// The statistics of one metric over the runs, as `batch.json` gives them; `None` for a
    /// metric the batch does not have.
    pub fn describe(&self, name: &str) -> Option<Stats> {
        let k = self.metric_names.iter().position(|n| n == name)?;
        Some(self.describe_column(k))
    }

    /// The statistics of metric `k` over the runs.
    fn describe_column(&self, k: usize) -> Stats {
        stats::describe(&self.column(k))
    }

    /// The statistics and bands of this batch (`batch.json`).
    pub fn summarize(&self) -> BatchSummary {
        let metrics = self
            .metric_names
            .iter()
            .enumerate()
            .map(|(k, name)| (name.clone(), self.describe_column(k)))
            .collect();
        let m = &self.meta;
        let stocks = self
            .bands
            .stocks
            .iter()
            .map(|(item, series)| {
                (
                    item.clone(),
                    bands::band_series(series, m.step_hours, bands::stock_scale()),
                )
            })
            .collect();
        BatchSummary {
            format_version: BATCH_FORMAT_VERSION,
            scenario: m.scenario.clone(),
            scenario_sha256: m.scenario_sha256.clone(),
            seed: m.seed,
            runs: m.runs,
            runs_included: self.rows.len() as u64,
            shard: m.shard,
            horizon_hours: m.horizon_hours,
            step_hours: m.step_hours,
            normal_daily_staff: m.normal_daily_staff,
            patients: m.patients,
            profile: m.profile.clone(),
            metrics,
            bands: BatchBands {
                attendance: bands::band_series(
                    &self.bands.present,
                    m.step_hours,
                    m.normal_daily_staff,
                ),
                safety_checks_confirmed_share: bands::band_series(
                    &self.bands.confirmed,
                    m.step_hours,
                    f64::from(m.patients),
                ),
                stocks,
            },
        }
    }

    /// Combines shards of one batch into the whole batch's data. Errors when they are not
    /// shards of one batch (another scenario content, seed, run count, horizon or shard count),
    /// when a shard holds runs that are not its own, or when they do not cover the batch
    /// exactly. Nothing is allocated by a count read from a file: only by what was read.
    pub fn merge(parts: Vec<BatchData>) -> Result<BatchData, MergeError> {
        let Some(first) = parts.first() else {
            return Err(MergeError::Empty);
        };
        let key = |d: &BatchData| {
            (
                d.meta.scenario_sha256.clone(),
                d.meta.seed,
                d.meta.runs,
                d.meta.horizon_hours,
                d.meta.step_hours,
            )
        };
        let want = key(first);
        let count = first.meta.shard.map_or(1, |s| s.count);
        // A shard can hold no runs (fewer runs than shards): it knows no metric names and no
        // patient count, so those come from the shards that ran something.
        let ran = parts.iter().find(|d| !d.rows.is_empty()).unwrap_or(first);
        let mut seen = std::collections::BTreeSet::new();
        for (i, d) in parts.iter().enumerate() {
            let names_agree = d.rows.is_empty() || d.metric_names == ran.metric_names;
            if key(d) != want || !names_agree {
                return Err(MergeError::Different(i));
            }
            let s = d.meta.shard.unwrap_or(Shard { index: 0, count: 1 });
            if s.count != count || s.index >= count {
                return Err(MergeError::Different(i));
            }
            if !seen.insert(s.index) {
                return Err(MergeError::Duplicate(s.index));
            }
            let plan = BatchPlan {
                seed: d.meta.seed,
                runs: d.meta.runs,
                shard: Some(s),
            };
            if !d.holds_exactly(&plan) {
                return Err(MergeError::Damaged(i));
            }
        }
        // The smallest index not seen; seen indices are below `count`.
        if let Some(missing) = (0..count)
            .zip(seen.iter())
            .find(|(k, s)| k != *s)
            .map(|p| p.0)
        {
            return Err(MergeError::Missing(missing, count));
        }
        if (seen.len() as u64) < count {
            return Err(MergeError::Missing(seen.len() as u64, count));
        }
        let mut merged = BatchData {
            meta: BatchMeta {
                shard: None,
                ..ran.meta.clone()
            },
            metric_names: ran.metric_names.clone(),
            rows: Vec::new(),
            bands: Bands::default(),
        };
        for d in &parts {
            merged.rows.extend(d.rows.iter().cloned());
            merged.bands.merge(&d.bands);
        }
        merged.rows.sort_by_key(|r| r.run);
        Ok(merged)
    }

    /// Whether this data holds exactly the runs of `plan`, in order, each with a value per
    /// metric, and per-step histograms that count each of those runs once.
    fn holds_exactly(&self, plan: &BatchPlan) -> bool {
        let mut want = plan.run_indices();
        let rows_ok = self
            .rows
            .iter()
            .all(|r| want.next() == Some(r.run) && r.values.len() == self.metric_names.len());
        if !rows_ok || want.next().is_some() {
            return false;
        }
        let runs = self.rows.len() as u64;
        // Every run records every step; a shard that ran nothing has no histograms.
        let steps = if runs == 0 {
            0
        } else {
            self.meta
                .horizon_hours
                .div_ceil(self.meta.step_hours.max(1)) as usize
        };
        let counts_ok = |series: &[bands::Histogram]| {
            series.len() == steps && series.iter().all(|h| h.total() == Some(runs))
        };
        counts_ok(&self.bands.present)
            && counts_ok(&self.bands.confirmed)
            && self.bands.stocks.values().all(|s| counts_ok(s))
    }
}

/// Why shards could not be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    Empty,
    /// Part `.0` (in the order given) is of another batch than the first part: another
    /// scenario content, seed, run count, horizon or shard count.
    Different(usize),
    /// Shard index `.0` is given twice.
    Duplicate(u64),
    /// Part `.0` holds runs that are not its shard's, or bands that do not count its runs.
    Damaged(usize),
    /// Shard `.0` of `.1` is missing.
    Missing(u64, u64),
}

/// The current version of the batch files' format.
pub const BATCH_FORMAT_VERSION: u32 = 3;

/// `batch.json`: per metric statistics and per-step bands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchSummary {
    pub format_version: u32,
    pub scenario: String,
    /// As in [`BatchMeta`].
    pub scenario_sha256: String,
    pub seed: u64,
    pub runs: u64,
    /// Runs in this file (all of them, or one shard's).
    pub runs_included: u64,
    pub shard: Option<Shard>,
    pub horizon_hours: u32,
    pub step_hours: u32,
    /// Σ W over agencies and all patients, as in [`BatchMeta`].
    pub normal_daily_staff: f64,
    pub patients: u32,
    pub profile: ScenarioProfile,
    pub metrics: BTreeMap<String, Stats>,
    pub bands: BatchBands,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchBands {
    /// Staff present ÷ normal daily staff (all agencies), per step.
    pub attendance: Vec<Band>,
    /// Share of patients confirmed so far, per step.
    pub safety_checks_confirmed_share: Vec<Band>,
    /// Quantity of each stock item summed over agencies, per step.
    pub stocks: BTreeMap<String, Vec<Band>>,
}

/// Compares a base batch with variant batches of the same seed and runs, metric by metric.
pub fn compare(base: &BatchData, variant: &BatchData) -> Vec<Paired> {
    base.metric_names
        .iter()
        .enumerate()
        .filter_map(|(k, name)| {
            let j = variant.metric_names.iter().position(|n| n == name)?;
            Some(compare::pair(
                name,
                &base.column(k),
                &variant.column(j),
                base.meta.horizon_hours,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_values_hold_what_an_option_list_holds() {
        // Missing, zero, negative zero, a NaN the engine might give, an ordinary number.
        let list = vec![None, Some(0.0), Some(-0.0), Some(f64::NAN), Some(0.1 + 0.2)];
        let values = MetricValues::from(list.clone());
        assert_eq!(values.len(), 5);
        assert_eq!(values.get(0), None);
        assert_eq!(values.get(2).map(f64::to_bits), Some((-0.0f64).to_bits()));
        assert!(
            values.get(3).is_some_and(f64::is_nan),
            "a NaN is a value, not missing"
        );
        assert_eq!(values.get(4), Some(0.1 + 0.2));
        assert_eq!(values.get(5), None);
        // Written as the list was: nulls where missing.
        let json = serde_json::to_string(&values).unwrap();
        assert_eq!(json, serde_json::to_string(&list).unwrap());
        assert_eq!(json, "[null,0.0,-0.0,null,0.30000000000000004]");
        let back: MetricValues = serde_json::from_str("[null,1.5]").unwrap();
        assert_eq!(back, MetricValues::from(vec![None, Some(1.5)]));
        assert_ne!(back, MetricValues::from(vec![Some(0.0), Some(1.5)]));
    }
    use crate::load::load_scenario;
    use crate::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};

    #[test]
    fn shards_with_no_runs_still_merge_into_the_whole_batch() {
        // Two runs over three shards: shard 2 runs nothing (indices 0 and 1 only).
        let mut scenario =
            load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
        scenario.time.horizon_hours = 24;
        let plan = |shard| BatchPlan {
            seed: 3,
            runs: 2,
            shard,
        };
        let whole = run_batch(&scenario, &plan(None), &|| {});
        let parts: Vec<BatchData> = (0..3)
            .rev() // the empty shard first, to show order does not matter
            .map(|k| run_batch(&scenario, &plan(Some(Shard { index: k, count: 3 })), &|| {}))
            .collect();
        assert!(parts[0].rows.is_empty());
        assert_eq!(BatchData::merge(parts), Ok(whole));
    }
}
