//! `bcpsim report DIR`: the printable report of a run, a batch or a comparison — one
//! self-contained HTML file with charts (default) or a Markdown summary — from the files
//! `bcpsim run`, `batch` or `compare --out` wrote (docs/report.md). With `--charts DIR`, also
//! each chart as PNG and SVG.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use bcpsim_engine::Lang;
use bcpsim_reports::charts::{render_png, render_svg};
use bcpsim_reports::read::read_report_dir;
use bcpsim_reports::report::{
    Document, HtmlOptions, REPORT_HTML, REPORT_MD, document, render_html, render_markdown,
};
use bcpsim_reports::{OutputError, existing_files, i18n, write_files_atomically};
use clap::ValueEnum;

use crate::args::LangArg;

use super::{Failure, write_error};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file with the charts, for printing (A4).
    Html,
    /// A Markdown summary of the key figures, for pasting into documents.
    Md,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The directory `bcpsim run --out` (summary.json, timeseries.csv, events.jsonl),
    /// `bcpsim batch --out` (batch.json, runs.csv) or `bcpsim compare --out` (compare.json)
    /// wrote.
    #[arg(value_name = "RUN_OR_BATCH_DIR")]
    pub run_dir: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
    /// File to write. Default: report.html / report.md inside the directory.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write every chart as PNG and SVG into this directory.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// HTML: embed the bundled Japanese font (about 8 MB) so the text shows in Japanese even
    /// on a machine with no Japanese font (the charts never need it).
    #[arg(long)]
    pub embed_font: bool,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

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
    // Refuse every existing target before anything is written.
    refuse_existing(&target, args.force, lang)?;
    let doc = read_document(&args.run_dir, lang)?;
    if let Some(dir) = &args.charts {
        refuse_existing_charts(&doc, dir, args.force, lang)?;
    }
    let path = write_document(&doc, args.format, options, lang, &target, args.force)?;
    eprintln!("{}", i18n::WROTE.fill(lang, &[&path.display()]));
    if let Some(dir) = &args.charts {
        for p in write_charts(&doc, dir, lang, args.force)? {
            eprintln!("{}", i18n::WROTE.fill(lang, &[&p.display()]));
        }
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

/// Refuses (exit 2) when `target` exists and `force` is not given; nothing is read or written.
pub fn refuse_existing(target: &Path, force: bool, lang: Lang) -> Result<(), Failure> {
    let (dir, name) = split(target)?;
    let existing = existing_files(&dir, &[name.as_str()]);
    if !force && !existing.is_empty() {
        return Err(write_error(OutputError::Exists(existing), lang));
    }
    Ok(())
}

/// Reads the output directory `dir` back and writes its HTML report as `dir/report.html`:
/// what `run`, `batch` and `compare --report` call after writing their files, so the report
/// is exactly what `bcpsim report DIR` would write.
pub fn write_html_report(dir: &Path, lang: Lang, force: bool) -> Result<(), Failure> {
    let target = dir.join(REPORT_HTML);
    refuse_existing(&target, force, lang)?;
    let doc = read_document(dir, lang)?;
    let path = write_document(
        &doc,
        ReportFormat::Html,
        HtmlOptions::default(),
        lang,
        &target,
        force,
    )?;
    eprintln!("{}", i18n::WROTE.fill(lang, &[&path.display()]));
    Ok(())
}

fn write_document(
    doc: &Document,
    format: ReportFormat,
    options: HtmlOptions,
    lang: Lang,
    target: &Path,
    force: bool,
) -> Result<PathBuf, Failure> {
    let text = match format {
        ReportFormat::Html => {
            render_html(doc, lang, options).map_err(|e| Failure::Other(e.to_string()))?
        }
        ReportFormat::Md => render_markdown(doc, lang),
    };
    let (dir, name) = split(target)?;
    let mut written = write_files_atomically(&dir, &[(name.as_str(), text)], force)
        .map_err(|e| write_error(e, lang))?;
    Ok(written.pop().unwrap_or_else(|| target.to_path_buf()))
}

/// The file names `--charts` writes for `doc`.
fn chart_files(doc: &Document) -> Vec<String> {
    doc.charts
        .iter()
        .flat_map(|(s, _)| [format!("{}.png", s.id()), format!("{}.svg", s.id())])
        .collect()
}

fn refuse_existing_charts(
    doc: &Document,
    dir: &Path,
    force: bool,
    lang: Lang,
) -> Result<(), Failure> {
    let names = chart_files(doc);
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let existing = existing_files(dir, &name_refs);
    if !force && !existing.is_empty() {
        return Err(write_error(OutputError::Exists(existing), lang));
    }
    Ok(())
}

/// Writes `<chart>.png` and `<chart>.svg` for every chart of the report into `dir`.
fn write_charts(
    doc: &Document,
    dir: &Path,
    lang: Lang,
    force: bool,
) -> Result<Vec<PathBuf>, Failure> {
    refuse_existing_charts(doc, dir, force, lang)?;
    let io = |path: &Path, source: std::io::Error| {
        write_error(
            OutputError::Io {
                path: path.to_path_buf(),
                source,
            },
            lang,
        )
    };
    fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut written = Vec::new();
    for (spec, _) in &doc.charts {
        let png = render_png(spec, lang).map_err(|e| Failure::Other(e.to_string()))?;
        let svg = render_svg(spec, lang).map_err(|e| Failure::Other(e.to_string()))?;
        for (ext, bytes) in [("png", png.as_slice()), ("svg", svg.as_bytes())] {
            let path = dir.join(format!("{}.{ext}", spec.id()));
            let temp = dir.join(format!(".{}.{ext}.{}.tmp", spec.id(), std::process::id()));
            let result = fs::File::create(&temp)
                .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
                .and_then(|()| fs::rename(&temp, &path));
            if let Err(e) = result {
                let _ = fs::remove_file(&temp);
                return Err(io(&path, e));
            }
            written.push(path);
        }
    }
    Ok(written)
}
