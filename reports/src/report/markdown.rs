//! The Markdown summary: the same key figures and assumption tables as the HTML report, for
//! pasting into BCP documents (charts are in the HTML report).

use bcpsim_engine::Lang;

use super::Table;
use super::document::Document;
use crate::i18n;

/// Escapes the characters that would break a Markdown table cell or start markup.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn table(t: &Table, out: &mut String) {
    out.push_str(&format!("**{}**\n\n", cell(&t.caption)));
    let header: Vec<String> = t.header.iter().map(|h| cell(h)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
}

/// A report as Markdown: the same text and tables as the HTML page, without the charts.
pub fn render_markdown(doc: &Document, lang: Lang) -> String {
    let mut out = format!("# {}\n\n", cell(&doc.title));
    out.push_str(&cell(&doc.paragraph));
    out.push_str("\n\n");
    out.push_str(&format!("## {}\n\n", i18n::REPORT_SECTION_KEY.get(lang)));
    if !doc.key_figures.is_empty() {
        out.push_str(&format!(
            "| {} | {} |\n|---|---|\n",
            i18n::REPORT_MD_ITEM.get(lang),
            i18n::REPORT_MD_VALUE.get(lang)
        ));
        for kf in &doc.key_figures {
            out.push_str(&format!("| {} | {} |\n", cell(&kf.label), cell(&kf.value)));
        }
        out.push('\n');
    }
    for t in &doc.key_tables {
        out.push_str(&cell(&t.lead));
        out.push_str("\n\n");
        table(&t.table, &mut out);
    }
    if let Some(a) = &doc.assumptions {
        out.push_str(&format!(
            "## {}\n\n",
            i18n::REPORT_SECTION_ASSUMPTIONS.get(lang)
        ));
        out.push_str(&cell(&a.sentence));
        out.push_str("\n\n");
        for (_, t) in &a.tables {
            table(t, &mut out);
        }
        if let Some(note) = &a.note {
            out.push_str(&cell(note));
            out.push_str("\n\n");
        }
    }
    if !doc.charts.is_empty() {
        out.push_str(i18n::REPORT_MD_CHARTS_NOTE.get(lang));
        out.push_str("\n\n");
    }
    out.push_str(&format!("_{}_\n", cell(&doc.footer)));
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_cannot_break_the_table_or_start_markup() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("*x* _y_ <b>"), "\\*x\\* \\_y\\_ \\<b\\>");
        assert_eq!(cell("line\nbreak"), "line break");
        assert_eq!(cell("手袋：45 時間後"), "手袋：45 時間後");
    }
}
