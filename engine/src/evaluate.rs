//! One model evaluation for the analyses (`sensitivity`, `search`): a scenario run at (seed,
//! run) and the chosen metrics read off its summary.
//!
//! Evaluations are listed up front as jobs and simulated in parallel (rayon) but collected in
//! job order, so results are the same bytes for any thread count. A job's run index is what
//! makes common random numbers: two jobs with the same seed and run see the same disaster,
//! whatever numbers of the plan or the scenario they change (every stream is keyed by stable
//! ids, not by those numbers).

use rayon::prelude::*;

use crate::batch::metrics::{flatten, null_means_never};
use crate::outcome::Summary;
use crate::outcome::catalogue;
use crate::scenario::Scenario;
use crate::{RunOptions, RunTemplate, simulate};

/// Jobs simulated in parallel at a time: bounds memory, keeps two to hundreds of cores busy.
const CHUNK: usize = 512;

/// `metrics`' values in `summary`, in order. A null of a metric whose null means "never
/// within the horizon" (a stock that never ran out) counts as the horizon, as a comparison
/// counts it; another null (nothing to measure) stays `None`.
pub fn metric_values(
    summary: &Summary,
    metrics: &[String],
    horizon_hours: u32,
) -> Vec<Option<f64>> {
    let flat = flatten(summary);
    metrics
        .iter()
        .map(|name| {
            let v = flat
                .binary_search_by(|(k, _)| k.as_str().cmp(name))
                .ok()
                .and_then(|i| flat[i].1);
            if v.is_none() && null_means_never(name) {
                Some(f64::from(horizon_hours))
            } else {
                v
            }
        })
        .collect()
}

/// The horizon of `scenario` in hours (what a "never" counts as).
pub fn horizon_hours(scenario: &Scenario) -> u32 {
    scenario.steps() * scenario.time.step_hours.max(1)
}

/// Simulates `count` jobs on the current rayon pool: job `k` is the scenario `build(k)` run at
/// (`seed`, `run(k)`); returns each job's metric values, in job order. Consecutive jobs with
/// the same `group(k)` run the same scenario: it is built (and its [`RunTemplate`] worked
/// out) once, from the group's first job.
pub fn evaluate<G, B, R>(
    count: usize,
    group: G,
    build: B,
    run: R,
    seed: u64,
    metrics: &[String],
    progress: &(dyn Fn() + Sync),
) -> Vec<Vec<Option<f64>>>
where
    G: Fn(usize) -> usize + Sync,
    B: Fn(usize) -> Scenario + Sync,
    R: Fn(usize) -> u64 + Sync,
{
    let mut out = Vec::with_capacity(count);
    let indices: Vec<usize> = (0..count).collect();
    for chunk in indices.chunks(CHUNK) {
        // The chunk's groups: the first job of each, in order.
        let firsts: Vec<usize> = chunk
            .iter()
            .enumerate()
            .filter(|&(i, &k)| i == 0 || group(k) != group(chunk[i - 1]))
            .map(|(_, &k)| k)
            .collect();
        let scenarios: Vec<Scenario> = firsts.par_iter().map(|&k| build(k)).collect();
        let templates: Vec<RunTemplate<'_>> = scenarios.par_iter().map(RunTemplate::new).collect();
        let part: Vec<Vec<Option<f64>>> = chunk
            .par_iter()
            .map(|&k| {
                // The group of job k: the last first job at or before it.
                let g = firsts.partition_point(|&f| f <= k) - 1;
                let template = &templates[g];
                let result = template.simulate(seed, run(k), RunOptions::METRICS_ONLY);
                progress();
                metric_values(&result.summary, metrics, horizon_hours(template.scenario()))
            })
            .collect();
        out.extend(part);
    }
    out
}

/// Why shards of an analysis (a sensitivity analysis's jobs, a search's candidates) could not
/// be merged (indices into the parts as given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    Empty,
    /// Part `.0` is of another analysis than the first (scenario content, settings, its
    /// factors or levers, shard count).
    Different(usize),
    /// Part `.0` holds items that are not its shard's.
    Damaged(usize),
    /// Item `.0` is in no part, or in two.
    Coverage(u64),
}

/// The items of shards of one analysis, joined and in index order: every part must have the
/// first's `key`, hold only items `own` says are its (its shard's, in range, well formed),
/// and together the parts must hold each index `0..count` exactly once.
pub fn merge_indexed<P, K: PartialEq, T: Clone>(
    parts: &[P],
    key: impl Fn(&P) -> K,
    items: impl Fn(&P) -> &[T],
    index: impl Fn(&T) -> u64,
    own: impl Fn(&P, &T) -> bool,
    count: u64,
) -> Result<Vec<T>, MergeError> {
    let want = key(parts.first().ok_or(MergeError::Empty)?);
    let mut all: Vec<T> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if key(p) != want {
            return Err(MergeError::Different(i));
        }
        if items(p).iter().any(|t| !own(p, t)) {
            return Err(MergeError::Damaged(i));
        }
        all.extend(items(p).iter().cloned());
    }
    all.sort_by_key(&index);
    for (expected, t) in all.iter().enumerate() {
        let j = index(t);
        if j != expected as u64 {
            // The first index missing, or the first held twice.
            return Err(MergeError::Coverage(j.min(expected as u64)));
        }
    }
    if (all.len() as u64) < count {
        return Err(MergeError::Coverage(all.len() as u64));
    }
    Ok(all)
}

/// Why a metric name cannot be used: not in the catalogue, a family key written with its `*`,
/// or not among what this scenario's runs report. The message lists the headline names.
pub fn unknown_metric(name: &str, reported: &[String]) -> Option<crate::lang::Msg> {
    let known = catalogue::find(name).is_some() && !name.contains('*');
    if known && reported.binary_search_by(|k| k.as_str().cmp(name)).is_ok() {
        return None;
    }
    let headline = [
        catalogue::keys::BATTERY_DEPLETED_PATIENTS,
        catalogue::keys::DEPLETED_PATIENT_HOURS,
        catalogue::keys::LONGEST_WITHOUT_DEVICE_POWER,
        catalogue::keys::CLASS_A_UNCONTACTED_OVER_24H,
        catalogue::keys::CONFIRMED_SHARE_24H,
        catalogue::keys::CLASS_A_ALL_CONFIRMED_HOUR,
        catalogue::keys::VISITS_DELIVERED,
        catalogue::keys::LOWEST_ATTENDANCE,
    ];
    let listed = headline
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let near = crate::load::closest_name(name, reported.iter().map(String::as_str));
    let (ja_near, en_near) = match near {
        Some(n) => (
            format!("`{n}` の誤りではありませんか？ "),
            format!("did you mean `{n}`? "),
        ),
        None => (String::new(), String::new()),
    };
    Some(crate::lang::Msg::new(
        format!(
            "指標 `{name}` はありません。{ja_near}主な指標: {listed}（すべての名前は bcpsim batch の runs.csv の列名、docs/outputs.md）"
        ),
        format!(
            "there is no metric `{name}`: {en_near}headline metrics: {listed} (every name is a column of bcpsim batch's runs.csv, docs/outputs.md)"
        ),
    ))
}

/// The metric names a run of `scenario` reports, sorted (the columns of `runs.csv`).
pub fn reported_metrics(scenario: &Scenario, seed: u64) -> Vec<String> {
    let result = simulate(scenario, seed, 0, RunOptions::METRICS_ONLY);
    flatten(&result.summary)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}
