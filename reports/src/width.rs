//! Terminal column widths, so that tables mixing Japanese and ASCII line up: East Asian wide
//! and fullwidth characters take two columns, everything else one (ambiguous-width symbols
//! such as `×` and `—` are counted as one, as most Japanese terminals in UTF-8 do by default).

/// Columns `s` takes on a terminal.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let c = c as u32;
    let wide = matches!(
        c,
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD
    );
    if wide { 2 } else { 1 }
}

/// `s` followed by spaces up to `width` columns.
pub fn pad_right(s: &str, width: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(display_width(s)),
    ));
    out
}

/// Spaces up to `width` columns, then `s`.
pub fn pad_left(s: &str, width: usize) -> String {
    let mut out: String =
        std::iter::repeat_n(' ', width.saturating_sub(display_width(s))).collect();
    out.push_str(s);
    out
}

/// Which side a column is aligned to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Lays out rows of cells as aligned columns separated by two spaces, each line prefixed by
/// `indent`, trailing spaces trimmed. Column widths are the widest cell of each column.
pub fn table(indent: &str, aligns: &[Align], rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(display_width(cell));
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::from(indent);
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            match aligns.get(i).copied().unwrap_or(Align::Left) {
                Align::Left => line.push_str(&pad_right(cell, widths[i])),
                Align::Right => line.push_str(&pad_left(cell, widths[i])),
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_takes_two_columns() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("飲料水(2L)"), 10);
        assert_eq!(display_width("（不足）"), 8);
        assert_eq!(display_width("W×3"), 3);
    }

    #[test]
    fn table_aligns_mixed_widths() {
        let rows = vec![
            vec!["品名".to_string(), "1".to_string()],
            vec!["water".to_string(), "100".to_string()],
        ];
        let t = table("", &[Align::Left, Align::Right], &rows);
        assert_eq!(t, "品名     1\nwater  100\n");
    }
}
