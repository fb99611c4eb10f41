//! `bcpsim search`: the cheapest combination of the levers' plan changes whose share of runs
//! meeting the target reaches the confidence level (docs/search.md), written out as a
//! variant file the other commands accept.

use std::path::{Component, Path, PathBuf};

use bcpsim_engine::Lang;
use bcpsim_engine::evaluate::reported_metrics;
use bcpsim_engine::limits::MAX_RUNS;
use bcpsim_engine::load::{normalize as normalize_text, ron_options};
use bcpsim_engine::search::{self, Condition, SearchResult, Settings, load_levers, variant_text};
use bcpsim_engine::variant::VariantSpec;
use bcpsim_reports::analysis::html::search_report;
use bcpsim_reports::analysis::search::{
    CANDIDATES_FILE, CHOSEN_FILE, FRONTIER_FILE, SEARCH_FILE, SEARCH_FILES, plan_label,
    render_candidates_csv, render_frontier_csv, render_search_json, search_text, yen,
};
use bcpsim_reports::check_destination;
use bcpsim_reports::i18n::Text;
use bcpsim_reports::report::REPORT_HTML;

use crate::args::SearchArgs;

use super::analysis_shards::{MergeTexts, merge_shards};
use super::batch::parse_shard;
use super::scenario_input::{read_input, read_text};
use super::sensitivity::{pool, write};
use super::{Failure, write_error};

const BAD_CONFIDENCE: Text = Text::new(
    "エラー: --confidence は 0 より大きく 1 未満にしてください（{}）\nヒント: 95% なら 0.95",
    "error: --confidence must be above 0 and below 1 ({})\nhint: 0.95 for 95 %",
);
const BAD_RUNS: Text = Text::new(
    "エラー: --runs と --batch は 1〜{} にしてください（--runs {}、--batch {}）",
    "error: --runs and --batch must be 1 to {} (--runs {}, --batch {})",
);
pub fn search(args: SearchArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    if !(args.confidence > 0.0 && args.confidence < 1.0) {
        return Err(Failure::BadInput(
            BAD_CONFIDENCE.fill(lang, &[&args.confidence]),
        ));
    }
    if args.runs == 0 || args.runs > MAX_RUNS || args.batch == 0 || args.batch > MAX_RUNS {
        return Err(Failure::BadInput(
            BAD_RUNS.fill(lang, &[&MAX_RUNS, &args.runs, &args.batch]),
        ));
    }
    let shard = match &args.shard {
        Some(spec) => Some(
            parse_shard(spec).ok_or_else(|| Failure::BadInput(BAD_SHARD.fill(lang, &[spec])))?,
        ),
        None => None,
    };
    let loaded = read_input(Some(&args.scenario), lang)?;
    // From a variant, the chosen plan is the variant's changes and then the levers', over the
    // variant's base (a variant of a variant is not a thing).
    let (base_file, first_changes) = match &loaded.variant {
        Some(v) => {
            let (text, _) = read_text(&args.scenario, lang)?;
            let spec: VariantSpec = ron_options()
                .from_str(&normalize_text(&text))
                .map_err(|e| Failure::Other(e.to_string()))?;
            (PathBuf::from(&v.base_file), spec.changes)
        }
        None => (args.scenario.clone(), Vec::new()),
    };
    let scenario = loaded.scenario;
    let (text, _) = read_text(&args.levers, lang)?;
    let levers = load_levers(&args.levers.display().to_string(), &text, &scenario)
        .map_err(|e| Failure::BadInput(e.render(lang, false)))?;
    let reported = reported_metrics(&scenario, args.seed);
    let target = Condition::parse(&args.target, &reported).map_err(|m| {
        Failure::BadInput(format!("{}: {}", lang.pick("エラー", "error"), m.get(lang)))
    })?;
    if let Some(dir) = &args.out {
        let mut names = if shard.is_some() {
            vec![SHARD_FILE]
        } else {
            SEARCH_FILES.to_vec()
        };
        if args.report {
            names.push(REPORT_HTML);
        }
        check_destination(dir, &names, args.force).map_err(|e| write_error(e, lang))?;
    }
    let settings = Settings {
        seed: args.seed,
        target,
        confidence: args.confidence,
        batch: args.batch,
        max_runs: args.runs,
    };
    let pool = pool(args.threads, usize::MAX, lang)?;
    // How many runs a search takes is known only at its end (candidates stop when clearly in
    // or out): a count of runs so far on stderr when it is a terminal, not a bar.
    let unit = match lang {
        Lang::Ja => "回実行",
        Lang::En => "runs",
    };
    let counter = super::batch::progress_counter(unit);
    let mut result =
        pool.install(|| search::search(&scenario, &levers, &settings, shard, &|| counter.inc(1)));
    counter.finish_and_clear();
    result.base_file = base_file.display().to_string();
    result.base_changes = first_changes;
    if let Some(s) = shard {
        // A shard's result is for `merge`: no answer or frontier of its own.
        let dir = args.out.as_deref().unwrap_or(Path::new("."));
        write(
            dir,
            &[(SHARD_FILE, render_search_json(&result))],
            args.force,
            lang,
        )?;
        eprintln!(
            "{}",
            SHARD_DONE.fill(lang, &[&s.index, &s.count, &result.candidates.len()])
        );
        return Ok(());
    }
    finish(&result, args.out.as_deref(), args.report, args.force, lang)
}

/// Prints the answer and writes the files (and the report).
fn finish(
    result: &SearchResult,
    out: Option<&Path>,
    report: bool,
    force: bool,
    lang: Lang,
) -> Result<(), Failure> {
    print!("{}", search_text(result, lang));
    let Some(dir) = out else {
        return Ok(());
    };
    let mut files = vec![
        (SEARCH_FILE, render_search_json(result)),
        (CANDIDATES_FILE, render_candidates_csv(result)),
        (FRONTIER_FILE, render_frontier_csv(result)),
    ];
    if let (Some(c), Some(changes)) = (
        result.chosen.map(|i| &result.candidates[i]),
        result.chosen_changes(),
    ) {
        let base = relative_to(dir, Path::new(&result.base_file));
        let name = format!("{} + {}", result.scenario, plan_label(c));
        let s = &result.settings;
        let description = format!(
            "bcpsim search: {} in {}/{} runs (seed {}), cost {} yen",
            s.target.text(),
            c.met,
            c.runs,
            s.seed,
            yen(c.cost_yen)
        );
        files.push((
            CHOSEN_FILE,
            variant_text(&base, &name, &description, &changes),
        ));
    }
    if report {
        files.push((
            REPORT_HTML,
            search_report(result, lang).map_err(Failure::Other)?,
        ));
    }
    write(dir, &files, force, lang)
}

/// Whether `dir` holds a search shard.
pub fn is_search_shard_dir(dir: &Path) -> bool {
    dir.join(SHARD_FILE).is_file()
}

/// `bcpsim merge` of search shards: the files one machine would have written. The chosen
/// plan's variant names the scenario file as the shards were given it, relative to `out`
/// (so run the merge where the shards' paths hold, or edit `base`).
pub fn merge(dirs: &[PathBuf], out: &Path, force: bool, lang: Lang) -> Result<(), Failure> {
    check_destination(out, &SEARCH_FILES, force).map_err(|e| write_error(e, lang))?;
    let merged = merge_shards(dirs, SHARD_FILE, SearchResult::merge, &MERGE_TEXTS, lang)?;
    finish(&merged, Some(out), false, force, lang)
}

/// The file a search shard writes (`merge` joins them).
const SHARD_FILE: &str = "search-shard.json";
const SHARD_DONE: Text = Text::new(
    "分割 {}/{}: {} 件の候補を試しました。すべての分割を bcpsim merge DIR... --out DIR で統合すると答えが出ます",
    "shard {}/{}: {} candidates tried. Join every shard with bcpsim merge DIR... --out DIR for the answer",
);
const BAD_SHARD: Text = Text::new(
    "エラー: --shard {} は K/M（0 ≤ K < M、例 0/4）で指定してください",
    "error: --shard {} must be K/M with 0 ≤ K < M (e.g. 0/4)",
);
const MERGE_TEXTS: MergeTexts = MergeTexts {
    different: MERGE_DIFFERENT,
    damaged: MERGE_DAMAGED,
    coverage: MERGE_COVERAGE,
};
const MERGE_DIFFERENT: Text = Text::new(
    "エラー: {} は {} と同じ対策探索の分割ではないため統合できません（シナリオの内容、目標、設定、レバー、分割数が同じ必要があります）",
    "error: {} is not a shard of the same search as {} (scenario content, target, settings, levers and shard count must match)",
);
const MERGE_DAMAGED: Text = Text::new(
    "エラー: {} の search-shard.json にその分割のものでない候補があります（壊れているか、手で編集されています）",
    "error: search-shard.json in {} holds candidates that are not its shard's (damaged or edited)",
);
const MERGE_COVERAGE: Text = Text::new(
    "エラー: 候補 {} が、どの分割にもないか、二つの分割にあります\nヒント: すべての分割 0/M〜(M−1)/M の出力を一度ずつ指定してください",
    "error: candidate {} is in no shard or in two\nhint: give the output of every shard 0/M … (M−1)/M once",
);

/// `file` as a path relative to the folder `dir` (both made absolute against the working
/// directory, lexically), with `/` separators, for a variant's `base`.
fn relative_to(dir: &Path, file: &Path) -> String {
    let abs = |p: &Path| normalize(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
    let (d, f) = (abs(dir), abs(file));
    let dc: Vec<Component> = d.components().collect();
    let fc: Vec<Component> = f.components().collect();
    let common = dc.iter().zip(&fc).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); dc.len() - common];
    parts.extend(
        fc[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_to(Path::new("/a/out"), Path::new("/a/scenarios/s.ron")),
            "../scenarios/s.ron"
        );
        assert_eq!(relative_to(Path::new("/a"), Path::new("/a/s.ron")), "s.ron");
        assert_eq!(
            relative_to(Path::new("/a/b/../c"), Path::new("/a/s.ron")),
            "../s.ron"
        );
    }
}
