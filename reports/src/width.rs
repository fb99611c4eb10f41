//! Aligned plain-text tables, so that columns mixing Japanese and ASCII line up. Column
//! widths come from [`display_width`] (shared with the engine's error messages): East Asian
//! wide and fullwidth characters take two columns, everything else one.

pub use bcpsim_engine::lang::{display_width, pad_left, pad_right};

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
    fn pads_by_columns_not_characters() {
        assert_eq!(pad_right("品名", 6), "品名  ");
        assert_eq!(pad_left("W×3", 5), "  W×3");
        assert_eq!(pad_left("飲料水", 4), "飲料水");
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
