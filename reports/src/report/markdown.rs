//! The Markdown summary: the same key figures and assumption tables as the HTML report, for
//! pasting into BCP documents (charts are in the HTML report).

use bcpsim_engine::Lang;

use super::{
    Table, attendance_table, attendance_worst, footer, key_figures, scenario_paragraph, stock_note,
    stock_table,
};
use crate::i18n;
use crate::read::RunDir;

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

/// The Markdown summary of a run.
pub fn render_markdown(run: &RunDir, lang: Lang) -> String {
    let mut out = format!("# {}\n\n", i18n::REPORT_TITLE.get(lang));
    out.push_str(&cell(&scenario_paragraph(run, lang)));
    out.push_str("\n\n");
    out.push_str(&format!("## {}\n\n", i18n::REPORT_SECTION_KEY.get(lang)));
    let kf = Table {
        caption: String::new(),
        header: vec![
            i18n::REPORT_MD_ITEM.get(lang).into(),
            i18n::REPORT_MD_VALUE.get(lang).into(),
        ],
        rows: key_figures(run, lang)
            .into_iter()
            .map(|k| vec![k.label, k.value])
            .collect(),
    };
    out.push_str(&format!(
        "| {} | {} |\n|---|---|\n",
        kf.header[0], kf.header[1]
    ));
    for row in &kf.rows {
        out.push_str(&format!("| {} | {} |\n", cell(&row[0]), cell(&row[1])));
    }
    out.push('\n');
    out.push_str(&format!(
        "## {}\n\n",
        i18n::REPORT_SECTION_ASSUMPTIONS.get(lang)
    ));
    out.push_str(&cell(&attendance_worst(run, lang)));
    out.push_str("\n\n");
    table(&attendance_table(run, lang), &mut out);
    let stocks = stock_table(run, lang);
    if !stocks.rows.is_empty() {
        table(&stocks, &mut out);
        out.push_str(&cell(stock_note(lang)));
        out.push_str("\n\n");
    }
    out.push_str(i18n::REPORT_MD_CHARTS_NOTE.get(lang));
    out.push_str("\n\n");
    out.push_str(&format!("_{}_\n", cell(&footer(lang))));
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
