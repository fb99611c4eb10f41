//! `bcpsim report DIR`: the printable report of a run, a batch or a comparison — one
//! self-contained HTML file with charts (default) or a Markdown summary — from the files
//! `bcpsim run`, `batch` or `compare --out` wrote (docs/report.md). With `--charts DIR`, also
//! each chart as PNG and SVG.

use std::path::{Path, PathBuf};

use crate::args::{ReportArgs, ReportFormat};
use bcpsim_engine::Lang;
use bcpsim_reports::charts::{render_png, render_svg};
use bcpsim_reports::read::read_report_dir;
use bcpsim_reports::report::{
    Document, HtmlOptions, REPORT_HTML, REPORT_MD, document, render_html, render_markdown,
};
use bcpsim_reports::{check_destination, i18n, write_files_atomically, write_sets_atomically};

use super::{Failure, write_error};

pub fn report(args: ReportArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    let target = args.out.clone().unwrap_or_else(|| {
        args.run_dir.join(match args.format {
            ReportFormat::Html => REPORT_HTML,
            ReportFormat::Md => REPORT_MD,
        })
    });
    let options = HtmlOptions {
        embed_font: args.embed_font,
    };
    // Refuse an unusable target before anything is read; then render everything in memory
    // and write the report and its charts together or not at all.
    refuse_existing(&target, args.force, lang)?;
    if let Some(text) = super::analysis_report::render(&args.run_dir, args.format, lang)? {
        let (dir, name) = split(&target)?;
        let files = [(name, text.into_bytes())];
        for p in
            write_files_atomically(&dir, &files, args.force).map_err(|e| write_error(e, lang))?
        {
            eprintln!("{}", i18n::WROTE.fill(lang, &[&p.display()]));
        }
        return Ok(());
    }
    let doc = read_document(&args.run_dir, lang)?;
    let text = render_document(&doc, args.format, options, lang)?;
    let (dir, name) = split(&target)?;
    let report_file = [(name, text.into_bytes())];
    let charts = match &args.charts {
        Some(_) => render_charts(&doc, lang)?,
        None => Vec::new(),
    };
    let mut sets: Vec<(&Path, &[NamedBytes])> = vec![(&dir, &report_file)];
    if let Some(chart_dir) = &args.charts {
        sets.push((chart_dir, &charts));
    }
    for p in write_sets_atomically(&sets, args.force).map_err(|e| write_error(e, lang))? {
        eprintln!("{}", i18n::WROTE.fill(lang, &[&p.display()]));
    }
    Ok(())
}

/// Reads a run, batch or comparison directory into its report (bad input: exit 2).
fn read_document(dir: &Path, lang: Lang) -> Result<Document, Failure> {
    let input = read_report_dir(dir).map_err(|e| Failure::BadInput(e.message(lang)))?;
    Ok(document(&input, lang))
}

/// Splits a target file into its directory and file name.
fn split(target: &Path) -> Result<(PathBuf, String), Failure> {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Failure::BadInput(format!("--out {}", target.display())))?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((dir, name.to_string()))
}

/// Refuses (exit 2) when `target` cannot be written, or exists and `force` is not given;
/// nothing is read or written.
fn refuse_existing(target: &Path, force: bool, lang: Lang) -> Result<(), Failure> {
    let (dir, name) = split(target)?;
    check_destination(&dir, &[name.as_str()], force).map_err(|e| write_error(e, lang))
}

/// Reads the output directory `dir` back and writes its HTML report as `dir/report.html`:
/// what `run`, `batch` and `compare --report` call after writing their files, so the report
/// is exactly what `bcpsim report DIR` would write.
pub fn write_html_report(dir: &Path, lang: Lang, force: bool) -> Result<(), Failure> {
    let doc = read_document(dir, lang)?;
    let text = render_document(&doc, ReportFormat::Html, HtmlOptions::default(), lang)?;
    let written = write_files_atomically(dir, &[(REPORT_HTML, text)], force)
        .map_err(|e| write_error(e, lang))?;
    for p in written {
        eprintln!("{}", i18n::WROTE.fill(lang, &[&p.display()]));
    }
    Ok(())
}

fn render_document(
    doc: &Document,
    format: ReportFormat,
    options: HtmlOptions,
    lang: Lang,
) -> Result<String, Failure> {
    Ok(match format {
        ReportFormat::Html => {
            render_html(doc, lang, options).map_err(|e| Failure::Other(e.to_string()))?
        }
        ReportFormat::Md => render_markdown(doc, lang),
    })
}

/// A file to write: its name and its bytes.
type NamedBytes = (String, Vec<u8>);

/// `<chart>.png` and `<chart>.svg` for every chart of the report, in memory.
fn render_charts(doc: &Document, lang: Lang) -> Result<Vec<NamedBytes>, Failure> {
    let mut files = Vec::with_capacity(2 * doc.charts.len());
    for (spec, _) in &doc.charts {
        let png = render_png(spec, lang).map_err(|e| Failure::Other(e.to_string()))?;
        let svg = render_svg(spec, lang).map_err(|e| Failure::Other(e.to_string()))?;
        files.push((format!("{}.png", spec.id()), png));
        files.push((format!("{}.svg", spec.id()), svg.into_bytes()));
    }
    Ok(files)
}
