//! Search (対策探索): the cheapest combination of plan changes whose share of runs meeting a
//! target is at least a confidence level, and the cost–risk frontier.
//!
//! Every candidate plan (one value per lever) runs the same numbered disasters (common random
//! numbers: run *r* of every candidate is disaster *r*), in rounds of `batch` runs. After each
//! round a candidate whose Wilson interval of the share meeting the target lies wholly at or
//! above the confidence level is *in*, wholly below it *out*, and stops; the others run the
//! next round, up to `max_runs` (then *unclear*). Rounds simulate all undecided candidates'
//! runs together in parallel and are collected in order, so the result is the same for any
//! thread count. (The looks after each round make the interval a little optimistic: with the
//! default 50-run rounds and 400 runs at most there are at most 8 looks. ASSUMPTION: accepted
//! for ranking plans; confirm the chosen plan with `bcpsim compare` over more runs.)

pub mod levers;
pub mod load;
pub mod target;
pub mod wilson;

use serde::{Deserialize, Serialize};

use crate::batch::Shard;
use crate::evaluate::{MergeError, evaluate, merge_indexed};
use crate::scenario::Scenario;
use crate::variant::Change;

pub use levers::{Lever, LeverValue, Resolved};
pub use load::load_levers;
pub use target::Condition;
pub use wilson::wilson;

/// Version of `search.json`.
pub const FORMAT_VERSION: u32 = 1;

/// The normal quantile of the reported and the stopping intervals (95 %).
pub const Z: f64 = 1.959_963_984_540_054;

/// What to search for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub seed: u64,
    pub target: Condition,
    /// The share of runs that must meet the target (0.95).
    pub confidence: f64,
    /// Runs per round.
    pub batch: u64,
    /// Most runs of one candidate.
    pub max_runs: u64,
}

/// Where a candidate ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The interval lies at or above the confidence level: it meets the target.
    Meets,
    /// The interval lies below it.
    Fails,
    /// Still straddling it after `max_runs`.
    Unclear,
}

/// One candidate plan and what its runs showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Its place among all candidates, cheapest first.
    pub index: u64,
    /// The value of each lever, by the lever's name, in the file's order.
    pub levers: Vec<(String, String)>,
    pub cost_yen: f64,
    pub runs: u64,
    /// Runs that met the target.
    pub met: u64,
    pub share: f64,
    /// Wilson 95 % interval of the share.
    pub share_low: f64,
    pub share_high: f64,
    pub status: Status,
    /// Index of each lever's value (into `SearchResult::levers`).
    pub choice: Vec<usize>,
}

/// `search.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResult {
    pub format_version: u32,
    pub scenario: String,
    pub scenario_sha256: String,
    pub settings: Settings,
    /// The levers as resolved against the scenario: each value's label, cost and changes.
    pub levers: Vec<Resolved>,
    /// The scenario file the chosen plan's variant is based on, as the command was given it,
    /// and the changes every candidate starts from (a variant's own), before the levers'.
    /// Filled by the caller.
    pub base_file: String,
    pub base_changes: Vec<Change>,
    /// Candidates of the whole search (all shards).
    pub candidate_count: u64,
    /// For one shard: the candidates with index ≡ `shard.index` (mod `shard.count`).
    pub shard: Option<Shard>,
    /// Every candidate of this search or shard, cheapest first (equal costs in the levers'
    /// order).
    pub candidates: Vec<Candidate>,
    /// Index (into `candidates`) of the cheapest that meets the target (none for a shard).
    pub chosen: Option<usize>,
    /// Indices of the cost–risk frontier: cheapest first, each with a higher share than
    /// every cheaper candidate (at one cost, the best); empty for a shard.
    pub frontier: Vec<usize>,
    /// Simulations run in all (the sum of the candidates' runs).
    pub simulations: u64,
}

impl SearchResult {
    /// The changes of the chosen plan, the base's first: what its variant file holds.
    pub fn chosen_changes(&self) -> Option<Vec<Change>> {
        let c = &self.candidates[self.chosen?];
        Some([self.base_changes.clone(), changes(&self.levers, &c.choice)].concat())
    }

    /// Combines the shards of one search into the result of the whole search: exactly what
    /// one machine would have found, since every candidate's runs depend on nothing else.
    pub fn merge(parts: Vec<SearchResult>) -> Result<SearchResult, MergeError> {
        let all = merge_indexed(
            &parts,
            |r| {
                (
                    r.format_version,
                    r.scenario_sha256.clone(),
                    r.settings.clone(),
                    r.levers.clone(),
                    r.base_file.clone(),
                    r.base_changes.clone(),
                    r.candidate_count,
                    r.shard.map(|s| s.count),
                )
            },
            |r| &r.candidates,
            |c| c.index,
            |r, c| {
                r.shard.is_none_or(|s| c.index % s.count == s.index) && c.index < r.candidate_count
            },
            parts.first().map_or(0, |r| r.candidate_count),
        )?;
        let first = &parts[0];
        Ok(finish(
            SearchResult {
                shard: None,
                candidates: Vec::new(),
                chosen: None,
                frontier: Vec::new(),
                simulations: 0,
                ..first.clone()
            },
            all,
        ))
    }
}

/// `result` with `candidates`, and for a whole search its answer and frontier.
fn finish(mut result: SearchResult, candidates: Vec<Candidate>) -> SearchResult {
    result.simulations = candidates.iter().map(|c| c.runs).sum();
    if result.shard.is_none() {
        result.chosen = candidates.iter().position(|c| c.status == Status::Meets);
        result.frontier = frontier(&candidates);
    }
    result.candidates = candidates;
    result
}

/// Every combination of the levers' values, cheapest first (equal costs in lexicographic
/// order of the value indices, so the order never depends on anything but the file).
pub fn candidates(levers: &[Resolved]) -> Vec<(Vec<usize>, f64)> {
    let mut out: Vec<(Vec<usize>, f64)> = vec![(Vec::new(), 0.0)];
    for lever in levers {
        out = out
            .into_iter()
            .flat_map(|(choice, cost)| {
                lever.values.iter().enumerate().map(move |(k, v)| {
                    let mut c = choice.clone();
                    c.push(k);
                    (c, cost + v.cost_yen)
                })
            })
            .collect();
    }
    out.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The changes of a candidate, lever by lever.
pub fn changes(levers: &[Resolved], choice: &[usize]) -> Vec<Change> {
    levers
        .iter()
        .zip(choice)
        .flat_map(|(l, &k)| l.values[k].changes.iter().cloned())
        .collect()
}

/// Runs the search (or the candidates of one shard) on the current rayon pool; `progress` is
/// called once per simulation.
pub fn search(
    scenario: &Scenario,
    levers: &[Lever],
    settings: &Settings,
    shard: Option<Shard>,
    progress: &(dyn Fn() + Sync),
) -> SearchResult {
    let resolved: Vec<Resolved> = levers.iter().map(|l| l.resolve(scenario)).collect();
    let every = candidates(&resolved);
    let candidate_count = every.len() as u64;
    // (index among all, choice, cost) of this shard's candidates.
    let list: Vec<(u64, Vec<usize>, f64)> = every
        .into_iter()
        .enumerate()
        .map(|(i, (choice, cost))| (i as u64, choice, cost))
        .filter(|(i, _, _)| shard.is_none_or(|s| i % s.count == s.index))
        .collect();
    let metrics = vec![settings.target.metric.clone()];
    let n = list.len();
    let mut met = vec![0u64; n];
    let mut runs = vec![0u64; n];
    let mut status: Vec<Option<Status>> = vec![None; n];
    let batch = settings.batch.max(1);
    while status.iter().any(Option::is_none) {
        // This round's jobs: (candidate, run), candidates in order, runs ascending.
        let jobs: Vec<(usize, u64)> = (0..n)
            .filter(|&c| status[c].is_none())
            .flat_map(|c| {
                let from = runs[c];
                let to = (from + batch).min(settings.max_runs);
                (from..to).map(move |r| (c, r))
            })
            .collect();
        let values = evaluate(
            jobs.len(),
            |k| jobs[k].0,
            |k| {
                let choice = &list[jobs[k].0].1;
                crate::variant::apply::apply(scenario, &changes(&resolved, choice)).scenario
            },
            |k| jobs[k].1,
            settings.seed,
            &metrics,
            progress,
        );
        for (&(c, _), v) in jobs.iter().zip(&values) {
            runs[c] += 1;
            if settings.target.meets(v[0]) {
                met[c] += 1;
            }
        }
        for c in 0..n {
            if status[c].is_some() {
                continue;
            }
            let (lo, hi) = wilson(met[c], runs[c], Z);
            status[c] = if lo >= settings.confidence {
                Some(Status::Meets)
            } else if hi < settings.confidence {
                Some(Status::Fails)
            } else if runs[c] >= settings.max_runs {
                Some(Status::Unclear)
            } else {
                None
            };
        }
    }
    let candidates: Vec<Candidate> = list
        .iter()
        .enumerate()
        .map(|(c, (index, choice, cost))| {
            let (share_low, share_high) = wilson(met[c], runs[c], Z);
            Candidate {
                index: *index,
                levers: resolved
                    .iter()
                    .zip(choice)
                    .map(|(l, &k)| (l.name.clone(), l.values[k].label.clone()))
                    .collect(),
                cost_yen: *cost,
                runs: runs[c],
                met: met[c],
                share: if runs[c] > 0 {
                    met[c] as f64 / runs[c] as f64
                } else {
                    0.0
                },
                share_low,
                share_high,
                status: status[c].unwrap_or(Status::Unclear),
                choice: choice.clone(),
            }
        })
        .collect();
    finish(
        SearchResult {
            format_version: FORMAT_VERSION,
            scenario: scenario.name.clone(),
            scenario_sha256: scenario.content_sha256(),
            settings: settings.clone(),
            levers: resolved,
            base_file: String::new(),
            base_changes: Vec::new(),
            candidate_count,
            shard,
            candidates: Vec::new(),
            chosen: None,
            frontier: Vec::new(),
            simulations: 0,
        },
        candidates,
    )
}

/// The cost–risk frontier of candidates sorted by cost: at each cost the best share, kept
/// when it beats every cheaper one.
pub fn frontier(candidates: &[Candidate]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut best = f64::NEG_INFINITY;
    let mut i = 0;
    while i < candidates.len() {
        let cost = candidates[i].cost_yen;
        let mut j = i;
        let mut top = i;
        while j < candidates.len() && candidates[j].cost_yen == cost {
            if candidates[j].share > candidates[top].share {
                top = j;
            }
            j += 1;
        }
        if candidates[top].share > best {
            best = candidates[top].share;
            out.push(top);
        }
        i = j;
    }
    out
}

/// The chosen plan as a variant file (`docs/variants.md`) whose `base` is `base_path` (as it
/// should be written in the file: relative to the file's folder). Fields a change leaves
/// unset are left out.
pub fn variant_text(base_path: &str, name: &str, description: &str, changes: &[Change]) -> String {
    let spec = crate::variant::VariantSpec {
        base: base_path.to_string(),
        name: name.to_string(),
        description: description.to_string(),
        changes: changes.to_vec(),
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(&spec, config).unwrap_or_default();
    let mut out = String::from(
        "// Written by `bcpsim search`: the cheapest plan found that meets the target.\n// Run it with `bcpsim run` or `bcpsim compare BASE THIS --runs N` (docs/search.md).\n",
    );
    for line in text.lines() {
        // Unset fields of a change (`cars: None,` directly inside `Equipment(…)`, at the
        // third level of indentation) mean "as the base has it": left out. A `None` nested
        // deeper (a policy's `max_callers: None`) is a value and stays.
        let depth = line.len() - line.trim_start_matches(' ').len();
        let t = line.trim_end();
        if depth == 12 && (t.ends_with(": None,") || t.ends_with(": None")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_scenario;
    use crate::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};

    #[test]
    fn a_written_variant_loads_back_with_the_same_changes() {
        let base = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).unwrap();
        let set = levers::CountTarget::PowerStations {
            agency: "station".into(),
        };
        let changes = vec![
            set.change(4),
            levers::CountTarget::Stock {
                agency: "station".into(),
                item: "water_2l".into(),
            }
            .change(80),
        ];
        let mut changes = changes;
        changes.push(Change::SafetyChecks {
            agency: "station".into(),
            safety_checks: crate::scenario::SafetyCheckPolicy {
                max_callers: None,
                ..base.agencies[0].plan.safety_checks.clone()
            },
        });
        let text = variant_text("base.ron", "plan \"A\"", "", &changes);
        let mut read = |_: &str| Ok(("base.ron".to_string(), SAMPLE_STATION.to_string()));
        let v = crate::variant::load_variant("v.ron", &text, &mut read)
            .unwrap_or_else(|e| panic!("{text}\n{}", e.render(crate::Lang::En, false)));
        assert_eq!(v.spec.changes, changes);
        assert_eq!(v.scenario.agencies[0].equipment.portable_power_stations, 4);
        assert!(!text.contains("cars: None"), "{text}");
        assert!(text.contains("max_callers: None"), "{text}");
        assert_ne!(v.scenario, base);
    }

    #[test]
    fn frontier_keeps_what_beats_every_cheaper_plan() {
        let c = |cost: f64, share: f64| Candidate {
            index: 0,
            levers: Vec::new(),
            cost_yen: cost,
            runs: 10,
            met: 0,
            share,
            share_low: 0.0,
            share_high: 1.0,
            status: Status::Unclear,
            choice: Vec::new(),
        };
        let list = [
            c(0.0, 0.2),
            c(0.0, 0.5),
            c(10.0, 0.4),
            c(20.0, 0.9),
            c(20.0, 0.7),
            c(30.0, 0.9),
        ];
        assert_eq!(frontier(&list), vec![1, 3]);
    }
}
