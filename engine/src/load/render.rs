//! A compact rustc-style renderer:
//!
//! ```text
//! error: <message>
//!   --> FILE:LINE:COLUMN
//!    |
//! 12 |         quantity: -3,
//!    |                   ^^
//!    = hint: <hint>
//! ```
//!
//! Written by hand rather than with ariadne so that the `FILE:LINE:COLUMN` text is exactly
//! ours (tools grep it) and wide Japanese characters keep the marker under the right spot.

use std::fmt::Write;

use super::LoadError;
use super::text::line_range;
use crate::Lang;
use crate::lang::display_width;

const RED: &str = "\x1b[1;31m";
const BLUE: &str = "\x1b[1;34m";
const CYAN: &str = "\x1b[1;36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn paint(s: &str, style: &str, color: bool) -> String {
    if color {
        format!("{style}{s}{RESET}")
    } else {
        s.to_string()
    }
}

/// Columns `s` takes as printed in the snippet, where a tab is shown as four spaces.
fn width(s: &str) -> usize {
    display_width(&s.replace('\t', "    "))
}

/// Problems printed in full; the rest are counted. Thousands of repeats of one mistake would
/// otherwise bury the first, and printing each costs time.
pub const MAX_SHOWN: usize = 50;

/// Display columns of a source line shown around the marker: a very long line (a minified
/// file, or a whole file on one line) is clipped, with `…` where text is left out.
const MAX_LINE_COLUMNS: usize = 100;
/// Columns kept before the marker when a line is clipped.
const LEAD_COLUMNS: usize = 30;

/// The part of a line shown: `before` the marked text, `marked`, and `after` it, tabs as four
/// spaces. Returns the text, the columns before the marker and the marker's width (at least 1).
fn clip(before: &str, marked: &str, after: &str) -> (String, usize, usize) {
    let (before, marked, after) = (
        before.replace('\t', "    "),
        marked.replace('\t', "    "),
        after.replace('\t', "    "),
    );
    let (wb, wm, wa) = (width(&before), width(&marked), width(&after));
    if wb + wm + wa <= MAX_LINE_COLUMNS {
        return (format!("{before}{marked}{after}"), wb, wm.max(1));
    }
    let mut out = String::new();
    // Before the marker: the last LEAD_COLUMNS columns.
    let lead = if wb > LEAD_COLUMNS {
        let mut kept: Vec<char> = Vec::new();
        let mut w = 0;
        for c in before.chars().rev() {
            let cw = display_width(c.encode_utf8(&mut [0; 4]));
            if w + cw > LEAD_COLUMNS - 1 {
                break;
            }
            w += cw;
            kept.push(c);
        }
        out.push('…');
        out.extend(kept.iter().rev());
        w + 1
    } else {
        out.push_str(&before);
        wb
    };
    // The marked text and what follows, up to the window's end.
    let room = MAX_LINE_COLUMNS.saturating_sub(lead + 1);
    let mut w = 0;
    let mut marker = 0;
    let mut clipped = false;
    for (i, c) in marked
        .chars()
        .map(|c| (0, c))
        .chain(after.chars().map(|c| (1, c)))
    {
        let cw = display_width(c.encode_utf8(&mut [0; 4]));
        if w + cw > room {
            clipped = true;
            break;
        }
        w += cw;
        if i == 0 {
            marker += cw;
        }
        out.push(c);
    }
    if clipped {
        out.push('…');
    }
    (out, lead, marker.max(1))
}

/// `… and N more problems not shown` (with its newline) when `n` problems exceed
/// [`MAX_SHOWN`]; empty otherwise.
pub fn more_not_shown(n: usize, lang: Lang) -> String {
    if n <= MAX_SHOWN {
        return String::new();
    }
    let more = n - MAX_SHOWN;
    match lang {
        Lang::Ja => {
            format!("… ほか {more} 件の問題は省略しました（最初の {MAX_SHOWN} 件を表示）\n")
        }
        Lang::En => format!(
            "… and {more} more problem{} not shown (the first {MAX_SHOWN} are shown)\n",
            if more == 1 { "" } else { "s" }
        ),
    }
}

pub fn render(err: &LoadError, lang: Lang, color: bool) -> String {
    let src = err.source.as_str();
    let mut out = String::new();
    for d in err.diagnostics.iter().take(MAX_SHOWN) {
        let gutter = d.line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(
            out,
            "{}{}",
            paint("error", RED, color),
            paint(&format!(": {}", d.message_in(lang)), BOLD, color)
        );
        let _ = writeln!(
            out,
            "{pad}{} {}:{}:{}",
            paint("-->", BLUE, color),
            err.file,
            d.line,
            d.column
        );
        let start = d.span.start.min(src.len());
        if src.is_char_boundary(start) {
            let line = line_range(src, start);
            let start = start.min(line.end);
            let end = d.span.end.clamp(start, line.end);
            let end = if src.is_char_boundary(end) {
                end
            } else {
                start
            };
            let (text, lead, marked) = clip(
                &src[line.start..start],
                &src[start..end],
                &src[end..line.end],
            );
            let bar = paint("|", BLUE, color);
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(
                out,
                "{} {bar} {}",
                paint(&d.line.to_string(), BLUE, color),
                text
            );
            let _ = writeln!(
                out,
                "{pad} {bar} {}{}",
                " ".repeat(lead),
                paint(&"^".repeat(marked), RED, color)
            );
        }
        if let Some(h) = d.hint_in(lang) {
            let _ = writeln!(out, "{pad} {} {}", paint("= hint:", CYAN, color), h);
        }
        out.push('\n');
    }
    let n = err.diagnostics.len();
    let more = more_not_shown(n, lang);
    if !more.is_empty() {
        let _ = writeln!(out, "{more}");
    }
    let count = match lang {
        Lang::Ja => format!("問題が{n}件あります"),
        Lang::En if n == 1 => "1 problem found".to_string(),
        Lang::En => format!("{n} problems found"),
    };
    let _ = writeln!(out, "{}", paint(&count, BOLD, color));
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Diagnostic, Msg};
    use super::*;

    #[test]
    fn renders_location_marker_and_count() {
        let src = "(\n  name: \"訪問\", km: -3,\n)";
        let at = src.find("-3").unwrap();
        let d = Diagnostic::new(
            src,
            &super::super::LineIndex::new(src),
            at..at + 2,
            "negative",
            Some("km".into()),
            Msg::new("負の値です", "negative value"),
            Some(Msg::new("0以上にしてください", "use 0 or more")),
        );
        let err = LoadError {
            file: "x.ron".into(),
            source: src.into(),
            diagnostics: vec![d],
        };
        let en = render(&err, Lang::En, false);
        assert!(en.contains("error: negative value"), "{en}");
        assert!(en.contains("--> x.ron:2:19"), "{en}");
        assert!(en.contains("= hint: use 0 or more"), "{en}");
        assert!(en.contains("1 problem found"), "{en}");
        // `  name: "訪問", km: ` is 18 characters but 20 columns wide: 訪 and 問 take two each.
        let marker = en.lines().find(|l| l.contains('^')).unwrap();
        let bar = marker.find('|').unwrap();
        assert_eq!(&marker[bar + 2..], format!("{}^^", " ".repeat(20)));
        assert!(!en.contains('\x1b'));
        let ja = render(&err, Lang::Ja, true);
        assert!(ja.contains("負の値です") && ja.contains("問題が1件あります"));
        assert!(ja.contains('\x1b'));
    }

    #[test]
    fn long_lines_are_clipped_around_the_marker_and_many_problems_capped() {
        let src = format!(
            "({}bad: -3{})",
            "a: 1, ".repeat(2000),
            ", z: 訪問".repeat(2000)
        );
        let at = src.find("-3").unwrap();
        let lines = super::super::LineIndex::new(&src);
        let d = |span: std::ops::Range<usize>| {
            Diagnostic::new(
                &src,
                &lines,
                span,
                "negative",
                None,
                Msg::new("負の値です", "negative value"),
                None,
            )
        };
        let err = LoadError {
            file: "x.ron".into(),
            source: src.clone(),
            diagnostics: vec![d(at..at + 2); 120],
        };
        let en = render(&err, Lang::En, false);
        for l in en.lines() {
            assert!(display_width(l) <= 120, "{l}");
        }
        let marker = en.lines().find(|l| l.contains('^')).unwrap();
        let shown = en.lines().find(|l| l.contains("-3")).unwrap();
        let col = |l: &str, at: usize| display_width(&l[..at]);
        assert_eq!(
            col(marker, marker.find('^').unwrap()),
            col(shown, shown.find("-3").unwrap()),
            "{shown}\n{marker}"
        );
        assert!(shown.contains('…'));
        assert_eq!(en.matches("error: negative value").count(), MAX_SHOWN);
        assert!(en.contains("and 70 more problems not shown"), "{en}");
        assert!(en.contains("120 problems found"));
        let ja = render(&err, Lang::Ja, false);
        assert!(ja.contains("ほか 70 件の問題は省略しました"));
    }
}
