//! `bcpsim batch` (many runs of one scenario, optionally one shard of them) and `bcpsim merge`
//! (shards back into the whole batch).

use std::io::IsTerminal;
use std::path::Path;

use bcpsim_engine::Lang;
use bcpsim_engine::batch::{BatchData, BatchPlan, MergeError, Shard, run_batch};
use bcpsim_engine::limits::{MAX_RUNS, MAX_SHARDS, MAX_THREADS};
use bcpsim_engine::scenario::Scenario;
use bcpsim_reports::files::{BATCH_FILES, batch_files};
use bcpsim_reports::i18n::Text;
use bcpsim_reports::read::read_batch_dir;
use bcpsim_reports::report::REPORT_HTML;
use bcpsim_reports::tables::batch_text;
use bcpsim_reports::{check_destination, write_files_atomically};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args::{BatchArgs, MergeArgs};

use super::scenario_input::read_scenario;
use super::{Failure, write_error};

const BAD_RUNS: Text = Text::new(
    "エラー: --runs は 1〜{} にしてください（{}）\nヒント: 分布を見るには 1000 回ほどで足ります",
    "error: --runs must be between 1 and {} ({})\nhint: about 1000 runs are enough to see a distribution",
);
const BAD_SHARD: Text = Text::new(
    "エラー: --shard {} は K/M（0 ≤ K < M ≤ {}、例 0/4）で指定してください",
    "error: --shard {} must be K/M with 0 ≤ K < M ≤ {} (e.g. 0/4)",
);
const BAD_THREADS: Text = Text::new(
    "エラー: --threads は 1〜{} にしてください（{}）\nヒント: 省略するとコア数だけ使います。結果はスレッド数によりません",
    "error: --threads must be between 1 and {} ({})\nhint: leave it out to use one per core; results do not depend on it",
);
const MERGE_READ: Text = Text::new(
    "{}\nヒント: bcpsim batch --shard K/M --out DIR の出力ディレクトリを指定してください",
    "{}\nhint: give output directories of bcpsim batch --shard K/M --out DIR",
);
const MERGE_DIFFERENT: Text = Text::new(
    "エラー: {} は {} と同じバッチの分割ではないため統合できません（シナリオの内容、シード、実行回数、期間、分割数が同じ必要があります）\nヒント: 同じシナリオファイルを同じ --runs、--seed、--shard K/M で実行した出力を指定してください",
    "error: {} is not a shard of the same batch as {} (scenario content, seed, runs, horizon and shard count must match)\nhint: give the outputs of one scenario file run with the same --runs, --seed and --shard K/M",
);
const MERGE_DAMAGED: Text = Text::new(
    "エラー: {} の runs.csv と bands.json が分割 {} の実行と合いません（壊れているか、手で編集されています）\nヒント: その分割をもう一度 bcpsim batch --shard で実行してください",
    "error: runs.csv and bands.json in {} do not match the runs of shard {} (damaged or edited)\nhint: run that shard again with bcpsim batch --shard",
);
const MERGE_DUPLICATE: Text = Text::new(
    "エラー: シャード {} が重複しています",
    "error: shard {} is given twice",
);
const MERGE_MISSING: Text = Text::new(
    "エラー: シャード {}/{} がありません",
    "error: shard {}/{} is missing",
);
const WROTE: Text = Text::new("書き出し: {}", "wrote {}");

pub fn batch(args: BatchArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    let shard = match &args.shard {
        Some(spec) => Some(
            parse_shard(spec)
                .ok_or_else(|| Failure::BadInput(BAD_SHARD.fill(lang, &[spec, &MAX_SHARDS])))?,
        ),
        None => None,
    };
    check_runs(args.runs, lang)?;
    let scenario = read_scenario(Some(&args.scenario), lang)?;
    if let Some(dir) = &args.out {
        let report: &[&str] = if args.report { &[REPORT_HTML] } else { &[] };
        refuse_existing(dir, report, args.force, lang)?;
    }
    let plan = BatchPlan {
        seed: args.seed,
        runs: args.runs,
        shard,
    };
    let pool = batch_pool(&plan, args.threads, lang)?;
    let data = run_on(&pool, &scenario, &plan);
    print!("{}", batch_text(&data, lang));
    if let Some(dir) = &args.out {
        // The files are made on the batch's own workers too.
        pool.install(|| write(dir, &data, args.force, lang))?;
        if args.report {
            super::report::write_html_report(dir, lang, args.force)?;
        }
    }
    Ok(())
}

pub fn merge(args: MergeArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    if args
        .dirs
        .first()
        .is_some_and(|d| super::sensitivity::is_sensitivity_dir(d))
    {
        return super::sensitivity::merge(&args.dirs, &args.out, args.force, lang);
    }
    if args
        .dirs
        .first()
        .is_some_and(|d| super::search::is_search_shard_dir(d))
    {
        return super::search::merge(&args.dirs, &args.out, args.force, lang);
    }
    refuse_existing(&args.out, &[], args.force, lang)?;
    let mut parts = Vec::with_capacity(args.dirs.len());
    for dir in &args.dirs {
        let part = read_batch_dir(dir)
            .map_err(|e| Failure::BadInput(MERGE_READ.fill(lang, &[&e.message(lang)])))?;
        parts.push(part);
    }
    let shown = |i: usize| {
        args.dirs
            .get(i)
            .map_or(String::new(), |d| d.display().to_string())
    };
    let shards: Vec<Option<Shard>> = parts.iter().map(|p| p.meta.shard).collect();
    let shard_of = |i: usize| match shards.get(i).copied().flatten() {
        Some(s) => format!("{}/{}", s.index, s.count),
        None => "0/1".to_string(),
    };
    let merged = BatchData::merge(parts).map_err(|e| {
        Failure::BadInput(match e {
            MergeError::Empty => MERGE_MISSING.fill(lang, &[&0, &1]),
            MergeError::Different(i) => MERGE_DIFFERENT.fill(lang, &[&shown(i), &shown(0)]),
            MergeError::Damaged(i) => MERGE_DAMAGED.fill(lang, &[&shown(i), &shard_of(i)]),
            MergeError::Duplicate(k) => MERGE_DUPLICATE.fill(lang, &[&k]),
            MergeError::Missing(k, m) => MERGE_MISSING.fill(lang, &[&k, &m]),
        })
    })?;
    print!("{}", batch_text(&merged, lang));
    write(&args.out, &merged, args.force, lang)
}

/// `K/M` with 0 ≤ K < M.
pub(super) fn parse_shard(spec: &str) -> Option<Shard> {
    let (k, m) = spec.split_once('/')?;
    let (index, count) = (k.trim().parse().ok()?, m.trim().parse().ok()?);
    (index < count && count <= MAX_SHARDS).then_some(Shard { index, count })
}

pub(super) fn check_runs(runs: u64, lang: Lang) -> Result<(), Failure> {
    if runs == 0 || runs > MAX_RUNS {
        Err(Failure::BadInput(BAD_RUNS.fill(lang, &[&MAX_RUNS, &runs])))
    } else {
        Ok(())
    }
}

/// Refuses before any run is simulated when the batch files (and `extra` files) exist and
/// `--force` is not given, or the destination cannot take them.
fn refuse_existing(dir: &Path, extra: &[&str], force: bool, lang: Lang) -> Result<(), Failure> {
    let names: Vec<&str> = BATCH_FILES.iter().chain(extra).copied().collect();
    check_destination(dir, &names, force).map_err(|e| write_error(e, lang))
}

fn write(dir: &Path, data: &BatchData, force: bool, lang: Lang) -> Result<(), Failure> {
    let written =
        write_files_atomically(dir, &batch_files(data), force).map_err(|e| write_error(e, lang))?;
    for path in written {
        eprintln!("{}", WROTE.fill(lang, &[&path.display()]));
    }
    Ok(())
}

/// Runs the plan on a pool of `threads` workers (default: one per core), with a progress bar
/// on stderr when it is a terminal.
pub(super) fn run_on_pool(
    scenario: &Scenario,
    plan: &BatchPlan,
    threads: Option<usize>,
    lang: Lang,
) -> Result<BatchData, Failure> {
    let pool = batch_pool(plan, threads, lang)?;
    Ok(run_on(&pool, scenario, plan))
}

/// Runs the plan on `pool`, with a progress bar on stderr when it is a terminal.
fn run_on(pool: &rayon::ThreadPool, scenario: &Scenario, plan: &BatchPlan) -> BatchData {
    let bar = progress_bar(plan.run_indices().count() as u64);
    let data = pool.install(|| run_batch(scenario, plan, &|| bar.inc(1)));
    bar.finish_and_clear();
    data
}

/// A pool of `threads` workers (default: one per core, never more than the runs).
fn batch_pool(
    plan: &BatchPlan,
    threads: Option<usize>,
    lang: Lang,
) -> Result<rayon::ThreadPool, Failure> {
    let runs = plan.run_indices().count();
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        if t == 0 || t > MAX_THREADS {
            return Err(Failure::BadInput(
                BAD_THREADS.fill(lang, &[&MAX_THREADS, &t]),
            ));
        }
        // More workers than runs would only start idle threads (results do not depend on it).
        builder = builder.num_threads(t.min(runs.max(1)));
    }
    builder.build().map_err(|e| Failure::Other(e.to_string()))
}

/// Runs done so far (`unit` after the count) and the time taken, on stderr when it is a
/// terminal: for work whose length is not known in advance.
pub(super) fn progress_counter(unit: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let counter = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let template = format!("{{spinner}} {{pos}} {unit} {{elapsed_precise}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        counter.set_style(style);
    }
    counter
}

pub(super) fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} (eta {eta})")
    {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_specs() {
        assert_eq!(parse_shard("0/4"), Some(Shard { index: 0, count: 4 }));
        assert_eq!(parse_shard("3/4"), Some(Shard { index: 3, count: 4 }));
        assert_eq!(parse_shard("3/2"), None);
        assert_eq!(parse_shard("4/4"), None);
        assert_eq!(parse_shard("1/0"), None);
        assert_eq!(parse_shard("a/b"), None);
        assert_eq!(parse_shard("2"), None);
    }
}
