//! `bcpsim compare`: the base and each variant run over the same numbered disasters (common
//! random numbers), compared run by run.

use bcpsim_engine::batch::{BatchPlan, compare as pair_metrics};
use bcpsim_reports::batch::{
    COMPARE_FILE, CompareFile, VariantComparison, compare_text, render_compare_json,
};
use bcpsim_reports::i18n::Text;
use bcpsim_reports::report::REPORT_HTML;
use bcpsim_reports::write_files_atomically;

use crate::args::CompareArgs;

use super::batch::{check_runs, run_on_pool};
use super::scenario_input::read_scenario;
use super::{Failure, write_error};

const WROTE: Text = Text::new("書き出し: {}", "wrote {}");

pub fn compare(args: CompareArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    check_runs(args.runs, lang)?;
    let base = read_scenario(Some(&args.base), lang)?;
    let variants = args
        .variants
        .iter()
        .map(|p| read_scenario(Some(p), lang))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(dir) = &args.out
        && !args.force
    {
        let mut names = vec![COMPARE_FILE];
        if args.report {
            names.push(REPORT_HTML);
        }
        let existing = bcpsim_reports::existing_files(dir, &names);
        if !existing.is_empty() {
            return Err(Failure::BadInput(
                bcpsim_reports::OutputError::Exists(existing).message(lang),
            ));
        }
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
