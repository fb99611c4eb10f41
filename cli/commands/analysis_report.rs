//! `bcpsim report DIR` of a sensitivity analysis (`sensitivity.json`) or a search
//! (`search.json`): the same report as `--report` writes, so a merged analysis gets one too.
//! Markdown is the terminal tables in a code block.

use std::path::Path;

use bcpsim_engine::Lang;
use bcpsim_engine::search::SearchResult;
use bcpsim_engine::sensitivity::Analysis;
use bcpsim_reports::analysis::html::{search_report, sensitivity_report};
use bcpsim_reports::analysis::search::{SEARCH_FILE, search_text};
use bcpsim_reports::analysis::sensitivity::{SENSITIVITY_FILE, sensitivity_text};
use bcpsim_reports::i18n::Text;

use crate::args::ReportFormat;

use super::Failure;

const UNREADABLE: Text = Text::new(
    "エラー: {} を読めません: {}\nヒント: bcpsim sensitivity / search の --out で書き出したファイルを指定してください",
    "error: cannot read {}: {}\nhint: give the directory bcpsim sensitivity / search --out wrote",
);

/// The report of `dir` when it holds an analysis; `None` when it holds something else.
pub fn render(dir: &Path, format: ReportFormat, lang: Lang) -> Result<Option<String>, Failure> {
    let read = |name: &str| -> Result<Option<String>, Failure> {
        let path = dir.join(name);
        if !path.is_file() {
            return Ok(None);
        }
        std::fs::read_to_string(&path)
            .map(Some)
            .map_err(|e| Failure::BadInput(UNREADABLE.fill(lang, &[&path.display(), &e])))
    };
    let bad = |name: &str, e: serde_json::Error| {
        Failure::BadInput(UNREADABLE.fill(lang, &[&dir.join(name).display(), &e]))
    };
    let (html, text) = if let Some(json) = read(SENSITIVITY_FILE)? {
        let a: Analysis = serde_json::from_str(&json).map_err(|e| bad(SENSITIVITY_FILE, e))?;
        match format {
            ReportFormat::Html => (Some(sensitivity_report(&a, lang)), None),
            ReportFormat::Md => (None, Some(sensitivity_text(&a, lang))),
        }
    } else if let Some(json) = read(SEARCH_FILE)? {
        let r: SearchResult = serde_json::from_str(&json).map_err(|e| bad(SEARCH_FILE, e))?;
        match format {
            ReportFormat::Html => (Some(search_report(&r, lang)), None),
            ReportFormat::Md => (None, Some(search_text(&r, lang))),
        }
    } else {
        return Ok(None);
    };
    match (html, text) {
        (Some(h), _) => h.map(Some).map_err(Failure::Other),
        (None, Some(t)) => Ok(Some(format!("```text\n{t}```\n"))),
        (None, None) => Ok(None),
    }
}
