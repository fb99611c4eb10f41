//! `bcpsim compare`: the base and each variant run over the same numbered disasters (common
//! random numbers), compared run by run.

use bcpsim_engine::batch::{BatchPlan, compare as pair_metrics};
use bcpsim_reports::files::{COMPARE_FILE, CompareFile, VariantComparison, render_compare_json};
use bcpsim_reports::i18n::Text;
use bcpsim_reports::report::REPORT_HTML;
use bcpsim_reports::tables::compare_text;
use bcpsim_reports::{check_destination, write_files_atomically};

use crate::args::CompareArgs;

use super::batch::{check_runs, run_on_pool};
use super::scenario_input::{read_input, read_scenario};
use super::{Failure, write_error};

const WROTE: Text = Text::new("書き出し: {}", "wrote {}");
const NOT_PAIRED: Text = Text::new(
    "エラー: {} は {} と同じ災害を生きる計画の変種ではありません（`{}` が違います）。比較は、時刻・ハザード・ゾーン・対処・職員・利用者が同じときだけ、同じ災害どうしの対になります\nヒント: その変種の基本シナリオ {} と比較するか、計画の違いを {} の変種として書いてください（docs/variants.md）",
    "error: {} is not a plan variant living through the same disaster as {} (its `{}` differs); a comparison pairs runs over the same disasters only when time, hazard, zones, coping, staff and patients are the same\nhint: compare it with its own base {}, or write the plan change as a variant of {} (docs/variants.md)",
);

pub fn compare(args: CompareArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    check_runs(args.runs, lang)?;
    let base = read_scenario(Some(&args.base), lang)?;
    let mut variants = Vec::with_capacity(args.variants.len());
    for path in &args.variants {
        let loaded = read_input(Some(path), lang)?;
        // Runs pair only over the same disaster and people: refuse another base's variant.
        if let Some(part) = loaded.scenario.disaster_difference(&base) {
            let origin = loaded
                .variant
                .map(|v| v.base_file)
                .unwrap_or_else(|| path.display().to_string());
            return Err(Failure::BadInput(NOT_PAIRED.fill(
                lang,
                &[
                    &path.display(),
                    &args.base.display(),
                    &part,
                    &origin,
                    &args.base.display(),
                ],
            )));
        }
        variants.push(loaded.scenario);
    }
    if let Some(dir) = &args.out {
        let mut names = vec![COMPARE_FILE];
        if args.report {
            names.push(REPORT_HTML);
        }
        check_destination(dir, &names, args.force).map_err(|e| write_error(e, lang))?;
    }
    let plan = BatchPlan {
        seed: args.seed,
        runs: args.runs,
        shard: None,
    };
    let base_data = run_on_pool(&base, &plan, args.threads, lang)?;
    let mut comparisons = Vec::with_capacity(variants.len());
    for variant in &variants {
        let data = run_on_pool(variant, &plan, args.threads, lang)?;
        comparisons.push(VariantComparison {
            variant: variant.name.clone(),
            metrics: pair_metrics(&base_data, &data),
        });
    }
    let file = CompareFile {
        format_version: bcpsim_engine::batch::BATCH_FORMAT_VERSION,
        base: base.name.clone(),
        disaster_sha256: base.disaster_sha256(),
        seed: args.seed,
        runs: args.runs,
        variants: comparisons,
    };
    print!("{}", compare_text(&file, lang));
    if let Some(dir) = &args.out {
        let files = [(COMPARE_FILE, render_compare_json(&file))];
        for path in
            write_files_atomically(dir, &files, args.force).map_err(|e| write_error(e, lang))?
        {
            eprintln!("{}", WROTE.fill(lang, &[&path.display()]));
        }
        if args.report {
            super::report::write_html_report(dir, lang, args.force)?;
        }
    }
    Ok(())
}
