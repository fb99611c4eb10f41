//! The HTML report of an analysis (placeholder until the charts land).

use bcpsim_engine::Lang;
use bcpsim_engine::search::SearchResult;
use bcpsim_engine::sensitivity::Analysis;

pub fn sensitivity_report(a: &Analysis, lang: Lang) -> Result<String, String> {
    Ok(format!(
        "<pre>{}</pre>",
        crate::report::escape(&super::sensitivity::sensitivity_text(a, lang))
    ))
}

pub fn search_report(r: &SearchResult, lang: Lang) -> Result<String, String> {
    Ok(format!(
        "<pre>{}</pre>",
        crate::report::escape(&super::search::search_text(r, lang))
    ))
}
