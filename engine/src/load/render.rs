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

pub fn render(err: &LoadError, lang: Lang, color: bool) -> String {
    let src = err.source.as_str();
    let mut out = String::new();
    for d in &err.diagnostics {
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
            let text = &src[line.clone()];
            let bar = paint("|", BLUE, color);
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(
                out,
                "{} {bar} {}",
                paint(&d.line.to_string(), BLUE, color),
                text.replace('\t', "    ")
            );
            let lead = width(&src[line.start..start]);
            let end = d.span.end.clamp(start, line.end);
            let marked = src.get(start..end).map_or(1, width).max(1);
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
}
