//! `bcpsim sensitivity`: a tornado and Sobol' indices of the factors file's doubted numbers
//! (docs/sensitivity.md); `--shard K/M` runs one shard of the jobs, joined by `bcpsim merge`.

use std::path::Path;

use bcpsim_engine::Lang;
use bcpsim_engine::evaluate::{reported_metrics, unknown_metric};
use bcpsim_engine::limits::{MAX_RUNS, MAX_THREADS};
use bcpsim_engine::scenario::Scenario;
use bcpsim_engine::sensitivity::{
    self, Analysis, DEFAULT_METRICS, Evaluations, Settings, analyse, load_factors,
};
use bcpsim_reports::analysis::html::sensitivity_report;
use bcpsim_reports::analysis::sensitivity::{
    EVALUATIONS_FILE, SENSITIVITY_FILES, render_evaluations_json, sensitivity_files,
    sensitivity_text,
};
use bcpsim_reports::i18n::Text;
use bcpsim_reports::report::REPORT_HTML;
use bcpsim_reports::{check_destination, write_files_atomically};

use crate::args::SensitivityArgs;

use super::analysis_shards::{MergeTexts, merge_shards};
use super::batch::parse_shard;
use super::scenario_input::{read_scenario, read_text};
use super::{Failure, write_error};

const WROTE: Text = Text::new("書き出し: {}", "wrote {}");
const BAD_SHARD: Text = Text::new(
    "エラー: --shard {} は K/M（0 ≤ K < M、例 0/4）で指定してください",
    "error: --shard {} must be K/M with 0 ≤ K < M (e.g. 0/4)",
);
const BAD_SIZE: Text = Text::new(
    "エラー: --runs と --samples は 0〜{} で、少なくとも一方を 1 以上にしてください（--runs {}、--samples {}）\nヒント: トルネードには 100 回、Sobol指数には 256 行ほどが目安です",
    "error: --runs and --samples must be 0 to {}, and not both 0 (--runs {}, --samples {})\nhint: about 100 runs for the tornado and 256 rows for the Sobol indices",
);
const TOO_MANY: Text = Text::new(
    "エラー: 実行が {} 回になり、上限 {} を超えます\nヒント: --runs か --samples を減らすか、因子を減らしてください",
    "error: that is {} runs, above the limit of {}\nhint: lower --runs or --samples, or use fewer factors",
);
const BAD_THREADS: Text = Text::new(
    "エラー: --threads は 1〜{} にしてください（{}）",
    "error: --threads must be between 1 and {} ({})",
);
const SHARD_DONE: Text = Text::new(
    "分割 {}/{}: {} 件のジョブを実行しました。すべての分割を bcpsim merge DIR... --out DIR で統合すると結果が出ます",
    "shard {}/{}: {} jobs run. Join every shard with bcpsim merge DIR... --out DIR for the results",
);

pub fn sensitivity(args: SensitivityArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    let shard = match &args.shard {
        Some(spec) => Some(
            parse_shard(spec).ok_or_else(|| Failure::BadInput(BAD_SHARD.fill(lang, &[spec])))?,
        ),
        None => None,
    };
    if args.runs > MAX_RUNS || args.samples > MAX_RUNS || (args.runs == 0 && args.samples == 0) {
        return Err(Failure::BadInput(
            BAD_SIZE.fill(lang, &[&MAX_RUNS, &args.runs, &args.samples]),
        ));
    }
    let scenario = read_scenario(Some(&args.scenario), lang)?;
    let (text, _) = read_text(&args.factors, lang)?;
    let factors = load_factors(&args.factors.display().to_string(), &text, &scenario)
        .map_err(|e| Failure::BadInput(e.render(lang, false)))?;
    let metrics = if args.metrics.is_empty() {
        DEFAULT_METRICS.iter().map(|m| m.to_string()).collect()
    } else {
        args.metrics.clone()
    };
    check_metrics(&scenario, &metrics, args.seed, lang)?;
    let settings = Settings {
        seed: args.seed,
        runs: args.runs,
        samples: args.samples,
        resamples: args.resamples,
        metrics,
    };
    let k = factors.len() as u64;
    let jobs = args.runs * (1 + 2 * k) + args.samples * (k + 2);
    if jobs > MAX_RUNS {
        return Err(Failure::BadInput(TOO_MANY.fill(lang, &[&jobs, &MAX_RUNS])));
    }
    if let Some(dir) = &args.out {
        let mut names: Vec<&str> = if shard.is_some() {
            vec![EVALUATIONS_FILE]
        } else {
            SENSITIVITY_FILES.to_vec()
        };
        if args.report {
            names.push(REPORT_HTML);
        }
        check_destination(dir, &names, args.force).map_err(|e| write_error(e, lang))?;
    }
    let pool = pool(args.threads, jobs as usize, lang)?;
    // A progress bar on stderr when it is a terminal (a shard runs about jobs ÷ M).
    let mine = shard.map_or(jobs, |s| {
        jobs / s.count + u64::from(jobs % s.count > s.index)
    });
    let bar = super::batch::progress_bar(mine);
    let evaluations =
        pool.install(|| sensitivity::run(&scenario, &factors, &settings, shard, &|| bar.inc(1)));
    bar.finish_and_clear();
    if let Some(s) = shard {
        let dir = args.out.as_deref().unwrap_or(Path::new("."));
        let files = [(EVALUATIONS_FILE, render_evaluations_json(&evaluations))];
        write(dir, &files, args.force, lang)?;
        eprintln!(
            "{}",
            SHARD_DONE.fill(lang, &[&s.index, &s.count, &evaluations.values.len()])
        );
        return Ok(());
    }
    let analysis = analyse(&evaluations);
    finish(
        &analysis,
        &evaluations,
        args.out.as_deref(),
        args.report,
        args.force,
        lang,
    )
}

/// Prints the tables and writes the files (and the report).
fn finish(
    analysis: &Analysis,
    evaluations: &Evaluations,
    out: Option<&Path>,
    report: bool,
    force: bool,
    lang: Lang,
) -> Result<(), Failure> {
    print!("{}", sensitivity_text(analysis, lang));
    if let Some(dir) = out {
        let mut files = sensitivity_files(analysis, evaluations);
        if report {
            let html = sensitivity_report(analysis, lang).map_err(Failure::Other)?;
            files.push((REPORT_HTML, html));
        }
        write(dir, &files, force, lang)?;
    }
    Ok(())
}

pub(super) fn write(
    dir: &Path,
    files: &[(&str, String)],
    force: bool,
    lang: Lang,
) -> Result<(), Failure> {
    for path in write_files_atomically(dir, files, force).map_err(|e| write_error(e, lang))? {
        eprintln!("{}", WROTE.fill(lang, &[&path.display()]));
    }
    Ok(())
}

/// Every metric must be a name this scenario's runs report (one run is simulated to list
/// them).
pub(super) fn check_metrics(
    scenario: &Scenario,
    metrics: &[String],
    seed: u64,
    lang: Lang,
) -> Result<(), Failure> {
    let reported = reported_metrics(scenario, seed);
    for m in metrics {
        if let Some(msg) = unknown_metric(m, &reported) {
            return Err(Failure::BadInput(format!(
                "{}: {}",
                lang.pick("エラー", "error"),
                msg.get(lang)
            )));
        }
    }
    Ok(())
}

/// A pool of `threads` workers (default: one per core), never more than there are jobs.
pub(super) fn pool(
    threads: Option<usize>,
    jobs: usize,
    lang: Lang,
) -> Result<rayon::ThreadPool, Failure> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        if t == 0 || t > MAX_THREADS {
            return Err(Failure::BadInput(
                BAD_THREADS.fill(lang, &[&MAX_THREADS, &t]),
            ));
        }
        builder = builder.num_threads(t.min(jobs.max(1)));
    }
    builder.build().map_err(|e| Failure::Other(e.to_string()))
}

const MERGE_TEXTS: MergeTexts = MergeTexts {
    different: MERGE_DIFFERENT,
    damaged: MERGE_DAMAGED,
    coverage: MERGE_COVERAGE,
};
const MERGE_DIFFERENT: Text = Text::new(
    "エラー: {} は {} と同じ感度分析の分割ではないため統合できません（シナリオの内容、因子、設定、分割数が同じ必要があります）",
    "error: {} is not a shard of the same sensitivity analysis as {} (scenario content, factors, settings and shard count must match)",
);
const MERGE_DAMAGED: Text = Text::new(
    "エラー: {} の evaluations.json にその分割のものでないジョブがあります（壊れているか、手で編集されています）",
    "error: evaluations.json in {} holds jobs that are not its shard's (damaged or edited)",
);
const MERGE_COVERAGE: Text = Text::new(
    "エラー: ジョブ {} が、どの分割にもないか、二つの分割にあります\nヒント: すべての分割 0/M〜(M−1)/M の出力を一度ずつ指定してください",
    "error: job {} is in no shard or in two\nhint: give the output of every shard 0/M … (M−1)/M once",
);

/// Whether `dir` holds a sensitivity shard rather than a batch's.
pub fn is_sensitivity_dir(dir: &Path) -> bool {
    dir.join(EVALUATIONS_FILE).is_file()
}

/// `bcpsim merge` of sensitivity shards: the files one machine would have written. The
/// factors' base values are kept in the evaluations, so no scenario is read.
pub fn merge(
    dirs: &[std::path::PathBuf],
    out: &Path,
    force: bool,
    lang: Lang,
) -> Result<(), Failure> {
    check_destination(out, &SENSITIVITY_FILES, force).map_err(|e| write_error(e, lang))?;
    let merged = merge_shards(
        dirs,
        EVALUATIONS_FILE,
        Evaluations::merge,
        &MERGE_TEXTS,
        lang,
    )?;
    let analysis = analyse(&merged);
    finish(&analysis, &merged, Some(out), false, force, lang)
}
