//! Sensitivity analysis (感度分析): which doubted number of a scenario decides its outcome.
//!
//! A factors file names numbers of the scenario or the plan with a range ([`factors`],
//! `docs/sensitivity.md`). Two analyses are computed over the same kind of job — one
//! simulation of the scenario with the factors set to given values, at a given run index:
//!
//! - the [`tornado`]: each factor at its low and at its high end, the others as written, run
//!   *r* of every point over disaster *r* (paired runs, common random numbers);
//! - the Sobol' indices ([`sobol`]): first-order and total, from a Saltelli design. Row *j* of
//!   A and of every A_B^i runs disaster *j*, row *j* of B disaster N + *j*: the disaster is
//!   one more input, drawn with A, so the differences the estimators take are paired, and the
//!   indices are shares of the whole variance including the disaster's own (Σ S_i ≤ 1; what
//!   is left is the disaster's and the interactions').
//!
//! The jobs are listed in a fixed order and can be split into shards by index (≡ K mod M);
//! merged evaluations give exactly the analysis of one machine.

pub mod factors;
pub mod load;
pub mod sobol;
pub mod tornado;

use serde::{Deserialize, Serialize};

use crate::batch::Shard;
use crate::evaluate::{MergeError, evaluate, merge_indexed};
use crate::scenario::Scenario;

pub use factors::{Factor, FactorsSpec, Kind, Spread, Target};
pub use load::load_factors;
pub use sobol::Indices;
pub use tornado::TornadoRow;

/// Version of `sensitivity.json` and `evaluations.json`.
pub const FORMAT_VERSION: u32 = 1;

/// ASSUMPTION: 500 bootstrap resamples give percentile ends steady to about ±0.01 of an index
/// (Efron & Tibshirani 1993, §13.3: 500–1000 for percentile intervals), at a cost small next
/// to the simulations.
pub const DEFAULT_RESAMPLES: usize = 500;

/// The headline metrics analysed when none is given.
pub const DEFAULT_METRICS: [&str; 3] = [
    crate::outcome::catalogue::keys::DEPLETED_PATIENT_HOURS,
    crate::outcome::catalogue::keys::CLASS_A_UNCONTACTED_OVER_24H,
    crate::outcome::catalogue::keys::CONFIRMED_SHARE_24H,
];

/// What to compute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub seed: u64,
    /// Paired runs of the tornado (0: no tornado).
    pub runs: u64,
    /// Rows N of the Sobol' design (0: no indices); N (k + 2) runs.
    pub samples: u64,
    pub resamples: usize,
    pub metrics: Vec<String>,
}

/// One job: the factors' values (one per factor) and the run index.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// `None`: every factor as the scenario has it (the tornado's base).
    pub values: Option<Vec<f64>>,
    pub run: u64,
}

/// The fixed list of jobs for `factors` under `settings`.
pub struct Jobs<'a> {
    factors: &'a [Factor],
    base_values: Vec<f64>,
    settings: &'a Settings,
    design: sobol::Design,
}

impl<'a> Jobs<'a> {
    pub fn new(factors: &'a [Factor], scenario: &Scenario, settings: &'a Settings) -> Jobs<'a> {
        Jobs {
            factors,
            base_values: factors
                .iter()
                .map(|f| f.target.base_value(scenario).unwrap_or(1.0))
                .collect(),
            settings,
            design: sobol::Design::new(factors.len(), settings.samples as usize, settings.seed),
        }
    }

    fn k(&self) -> usize {
        self.factors.len()
    }

    fn tornado_count(&self) -> usize {
        self.settings.runs as usize * (1 + 2 * self.k())
    }

    /// Number of jobs: runs (1 + 2k) for the tornado, then N (k + 2) for the indices.
    pub fn len(&self) -> usize {
        self.tornado_count() + self.settings.samples as usize * (self.k() + 2)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Job `index`. Tornado jobs come run by run (base, then low and high of each factor);
    /// then the Sobol' rows of A, of B, and of each A_B^i.
    pub fn job(&self, index: usize) -> Job {
        let k = self.k();
        let t = self.tornado_count();
        if index < t {
            let per = 1 + 2 * k;
            let (run, at) = (index / per, index % per);
            if at == 0 {
                return Job {
                    values: None,
                    run: run as u64,
                };
            }
            let f = (at - 1) / 2;
            let mut values = self.base_values.clone();
            values[f] = if (at - 1) % 2 == 0 {
                self.factors[f].low
            } else {
                self.factors[f].high
            };
            return Job {
                values: Some(values),
                run: run as u64,
            };
        }
        let n = self.settings.samples as usize;
        let i = index - t;
        let (block, j) = (i / n, i % n);
        let (u, run) = match block {
            0 => (self.design.a(j).to_vec(), j),
            1 => (self.design.b(j).to_vec(), n + j),
            b => (self.design.ab(b - 2, j), j),
        };
        let values = u
            .iter()
            .zip(self.factors)
            .map(|(u, f)| f.value_at(*u))
            .collect();
        Job {
            values: Some(values),
            run: run as u64,
        }
    }

    /// The scenario of a job.
    pub fn scenario(&self, base: &Scenario, job: &Job) -> Scenario {
        let mut s = base.clone();
        if let Some(values) = &job.values {
            for (f, x) in self.factors.iter().zip(values) {
                f.target.apply(&mut s, *x);
            }
        }
        s
    }
}

/// Evaluations of some jobs (all, or one shard's), with what identifies the analysis, so
/// that only shards of the same analysis are merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluations {
    pub format_version: u32,
    pub scenario: String,
    pub scenario_sha256: String,
    pub factors: Vec<Factor>,
    /// The factors' values as the scenario holds them (1 for a scale).
    pub base_values: Vec<f64>,
    pub settings: Settings,
    pub jobs: u64,
    pub shard: Option<Shard>,
    /// (job index, the metrics' values), ascending by index.
    pub values: Vec<(u64, Vec<Option<f64>>)>,
}

/// Simulates the jobs of `shard` (all without one) on the current rayon pool.
pub fn run(
    scenario: &Scenario,
    factors: &[Factor],
    settings: &Settings,
    shard: Option<Shard>,
    progress: &(dyn Fn() + Sync),
) -> Evaluations {
    let jobs = Jobs::new(factors, scenario, settings);
    let indices: Vec<usize> = (0..jobs.len())
        .filter(|i| shard.is_none_or(|s| *i as u64 % s.count == s.index))
        .collect();
    let values = evaluate(
        indices.len(),
        // Every job of the design has its own factor values: no two share a scenario.
        |k| k,
        |k| jobs.scenario(scenario, &jobs.job(indices[k])),
        |k| jobs.job(indices[k]).run,
        settings.seed,
        &settings.metrics,
        progress,
    );
    Evaluations {
        format_version: FORMAT_VERSION,
        scenario: scenario.name.clone(),
        scenario_sha256: scenario.content_sha256(),
        factors: factors.to_vec(),
        base_values: jobs.base_values.clone(),
        settings: settings.clone(),
        jobs: jobs.len() as u64,
        shard,
        values: indices.iter().map(|&i| i as u64).zip(values).collect(),
    }
}

impl Evaluations {
    /// Combines shards into the evaluations of every job.
    pub fn merge(parts: Vec<Evaluations>) -> Result<Evaluations, MergeError> {
        let all = merge_indexed(
            &parts,
            |e| {
                (
                    e.format_version,
                    e.scenario_sha256.clone(),
                    e.factors.clone(),
                    e.base_values.clone(),
                    e.settings.clone(),
                    e.jobs,
                    e.shard.map(|s| s.count),
                )
            },
            |e| &e.values,
            |(j, _)| *j,
            |e, (j, v)| {
                e.shard.is_none_or(|s| j % s.count == s.index)
                    && *j < e.jobs
                    && v.len() == e.settings.metrics.len()
            },
            parts.first().map_or(0, |e| e.jobs),
        )?;
        let first = &parts[0];
        Ok(Evaluations {
            shard: None,
            values: all,
            ..first.clone()
        })
    }

    /// Whether every job is here (not a shard).
    pub fn complete(&self) -> bool {
        self.values.len() as u64 == self.jobs
            && self
                .values
                .iter()
                .enumerate()
                .all(|(i, (j, _))| *j == i as u64)
    }
}

/// One metric's analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricAnalysis {
    pub metric: String,
    /// One row per factor, in the file's order (a factor whose runs have no value is left
    /// out).
    pub tornado: Vec<TornadoRow>,
    /// One entry per factor, in the file's order; empty without a Sobol' design.
    pub sobol: Vec<SobolRow>,
    /// Rows of the design where the metric has a value at A, B and every A_B^i.
    pub sobol_rows: u64,
    /// Variance of the metric over those rows of A and B.
    pub variance: Option<f64>,
}

/// A factor's Sobol' indices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SobolRow {
    pub factor: String,
    #[serde(flatten)]
    pub indices: Indices,
}

/// `sensitivity.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub format_version: u32,
    pub scenario: String,
    pub scenario_sha256: String,
    pub factors: Vec<Factor>,
    pub settings: Settings,
    pub metrics: Vec<MetricAnalysis>,
}

/// The analysis of complete evaluations.
pub fn analyse(e: &Evaluations) -> Analysis {
    let base_values = &e.base_values;
    let k = e.factors.len();
    let s = &e.settings;
    let runs = s.runs as usize;
    let n = s.samples as usize;
    let t = runs * (1 + 2 * k);
    let value = |job: usize, m: usize| e.values.get(job).and_then(|(_, v)| v[m]);
    let metrics = s
        .metrics
        .iter()
        .enumerate()
        .map(|(m, name)| {
            let per = 1 + 2 * k;
            let column = |at: usize| -> Vec<Option<f64>> {
                (0..runs).map(|r| value(r * per + at, m)).collect()
            };
            let base = column(0);
            let tornado = e
                .factors
                .iter()
                .enumerate()
                .filter_map(|(f, factor)| {
                    tornado::row(
                        &factor.name,
                        (
                            factor.low,
                            factor.high,
                            base_values.get(f).copied().unwrap_or(1.0),
                        ),
                        &base,
                        &column(1 + 2 * f),
                        &column(2 + 2 * f),
                    )
                })
                .collect();
            // Sobol': rows with a value everywhere.
            let at = |block: usize, j: usize| value(t + block * n + j, m);
            let rows: Vec<usize> = (0..n)
                .filter(|&j| (0..k + 2).all(|b| at(b, j).is_some()))
                .collect();
            let get = |block: usize| -> Vec<f64> {
                rows.iter().map(|&j| at(block, j).unwrap_or(0.0)).collect()
            };
            let (sobol, variance) = if rows.len() >= 2 {
                let out = sobol::Outputs {
                    fa: get(0),
                    fb: get(1),
                    fab: (0..k).map(|i| get(2 + i)).collect(),
                };
                let all: Vec<f64> = out.fa.iter().chain(&out.fb).copied().collect();
                let mean = all.iter().sum::<f64>() / all.len() as f64;
                let var =
                    all.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (all.len() - 1) as f64;
                let ix = sobol::indices(&out, s.resamples, 0.95, s.seed ^ (m as u64 + 1));
                (
                    e.factors
                        .iter()
                        .zip(ix)
                        .map(|(f, indices)| SobolRow {
                            factor: f.name.clone(),
                            indices,
                        })
                        .collect(),
                    Some(var),
                )
            } else {
                (Vec::new(), None)
            };
            MetricAnalysis {
                metric: name.clone(),
                tornado,
                sobol,
                sobol_rows: rows.len() as u64,
                variance,
            }
        })
        .collect();
    Analysis {
        format_version: FORMAT_VERSION,
        scenario: e.scenario.clone(),
        scenario_sha256: e.scenario_sha256.clone(),
        factors: e.factors.clone(),
        settings: e.settings.clone(),
        metrics,
    }
}
