//! User-facing text: its language (users read Japanese: it is the default), a string in both
//! languages ([`Text`]), the one name of every domain term ([`glossary`]), and how many
//! terminal columns text takes, so that Japanese and ASCII line up in tables and under error
//! markers.

pub mod glossary;

use std::fmt::Display;

/// The calendar day of `hour` after an onset at clock hour `onset_hour`, counted from 1 for
/// the onset's date (発災当日 = 1日目), as every text shown to people numbers days.
pub fn calendar_day(onset_hour: u32, hour: u32) -> u32 {
    (onset_hour + hour) / 24 + 1
}

/// Language of user-facing text (`--lang ja|en`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// One string in both languages. [`Text::get`] picks the language and [`Text::fill`]
/// replaces each `{}` in order with an argument, so a translation can put the arguments where
/// its grammar wants them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub ja: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(ja: &'static str, en: &'static str) -> Text {
        Text { ja, en }
    }

    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.ja, self.en)
    }

    /// The text in `lang` with each `{}` replaced by the next argument (missing arguments
    /// leave `{}`; extra arguments are ignored).
    pub fn fill(self, lang: Lang, args: &[&dyn Display]) -> String {
        let template = self.get(lang);
        let mut out = String::with_capacity(template.len() + 16 * args.len());
        let mut args = args.iter();
        let mut rest = template;
        while let Some(pos) = rest.find("{}") {
            out.push_str(&rest[..pos]);
            match args.next() {
                Some(a) => out.push_str(&a.to_string()),
                None => out.push_str("{}"),
            }
            rest = &rest[pos + 2..];
        }
        out.push_str(rest);
        out
    }
}

/// A sentence for people, made at run time, in both languages: what a diagnostic, a refused
/// change or a check says ([`Text`] is the same for the fixed strings of a catalogue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub ja: String,
    pub en: String,
}

impl Msg {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The sentence in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.ja, &self.en)
    }

    /// The same message starting with a line number (`12行目: …` / `line 12: …`).
    pub fn prefixed(self, line: usize) -> Msg {
        Msg {
            ja: format!("{line}行目: {}", self.ja),
            en: format!("line {line}: {}", self.en),
        }
    }
}

impl From<Text> for Msg {
    fn from(t: Text) -> Msg {
        Msg::new(t.ja, t.en)
    }
}

/// Columns a character takes on a terminal: 2 for East Asian wide and fullwidth characters
/// (kana, kanji, fullwidth punctuation such as `（`, common emoji), 0 for control characters
/// other than tab, 1 for everything else. Ambiguous-width symbols such as `×` and `—` count
/// as one, as most Japanese terminals in UTF-8 do by default.
pub fn char_width(c: char) -> usize {
    let wide = matches!(
        c as u32,
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
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x3FFFD
    );
    if wide {
        2
    } else if c.is_control() && c != '\t' {
        0
    } else {
        1
    }
}

/// Columns `s` takes on a terminal: the sum of [`char_width`] (a tab counts as one; expand
/// tabs first where they matter).
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_places_arguments_in_order() {
        let t = Text::new("{}日目 {}時", "day {} {}:00");
        assert_eq!(t.fill(Lang::Ja, &[&2, &"05"]), "2日目 05時");
        assert_eq!(t.fill(Lang::En, &[&2, &"05"]), "day 2 05:00");
        assert_eq!(t.fill(Lang::En, &[&2]), "day 2 {}:00");
    }

    #[test]
    fn a_message_is_read_in_either_language() {
        let m = Msg::new("負の値です", "negative value");
        assert_eq!(
            (m.get(Lang::Ja), m.get(Lang::En)),
            ("負の値です", "negative value")
        );
        let t: Msg = Text::new("{}日目", "day {}").into();
        assert_eq!(t.get(Lang::En), "day {}");
    }

    #[test]
    fn japanese_takes_two_columns() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("飲料水(2L)"), 10);
        assert_eq!(display_width("（不足）"), 8);
        assert_eq!(display_width("W×3 — ok"), 8);
        assert_eq!(display_width("ｱ"), 1, "halfwidth katakana is narrow");
        assert_eq!(
            display_width("a\u{7}b\tc"),
            4,
            "bell takes no column, tab one"
        );
        assert_eq!(display_width(""), 0);
    }
}
