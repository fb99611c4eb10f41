//! A small RON span indexer: maps each value path (`agencies[0].staff.members[3].home_km`) to
//! the byte range of its value in the source, because serde drops positions.
//!
//! Path rules:
//! - struct fields (named `Name(f: v)` or anonymous `(f: v)`) append `.f` (no dot at the root);
//! - list elements append `[i]`; map values append `[key]` (string keys without quotes);
//! - tuple elements append `.0`, `.1`, …, except that a one-element tuple (a newtype such as
//!   `Some(8)`, `Fixed(3)`, `Degraded(0.5)`) is transparent: its element takes the tuple's path;
//! - an enum variant's name is not part of the path (`hazard: Earthquake(intensity: X)` gives
//!   `hazard.intensity`).
//!
//! When two values share a path (a newtype and its content) the innermost one is kept, so a
//! diagnostic points at `8` rather than at `Some(8)`.
//!
//! The indexer is tolerant: it runs after ron accepted the text, but it must never panic or loop
//! on anything, so unexpected characters are skipped and nesting is bounded.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Deeper nesting than this is not indexed (ron's own recursion limit is lower).
const MAX_DEPTH: usize = 256;

/// Byte spans of the values of a RON document, by path. The document is indexed when a span
/// is first asked for: a valid input, whose checks ask for none, is never indexed (indexing
/// took a fifth of a `bcpsim run` of the sample).
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    text: Box<str>,
    spans: OnceLock<BTreeMap<String, Range<usize>>>,
}

impl SpanIndex {
    /// An index of `text`, built when first read. Never panics.
    pub fn build(text: &str) -> SpanIndex {
        SpanIndex {
            text: text.into(),
            spans: OnceLock::new(),
        }
    }

    fn spans(&self) -> &BTreeMap<String, Range<usize>> {
        self.spans.get_or_init(|| index(&self.text))
    }

    /// The exact span of `path`, if it was indexed.
    pub fn get(&self, path: &str) -> Option<Range<usize>> {
        self.spans().get(path).cloned()
    }

    /// The span of `path`, or of the nearest enclosing path that exists (ultimately the whole
    /// document), and the path actually found.
    pub fn find(&self, path: &str) -> (Range<usize>, &str) {
        let spans = self.spans();
        let mut p = path;
        loop {
            if let Some((k, span)) = spans.get_key_value(p) {
                return (span.clone(), k.as_str());
            }
            if p.is_empty() {
                return (0..self.text.len().min(1), "");
            }
            p = parent(p);
        }
    }

    /// Every indexed path, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.spans().keys().map(String::as_str)
    }
}

/// The spans of every value of `text`, by path (see the module's path rules).
fn index(text: &str) -> BTreeMap<String, Range<usize>> {
    let mut p = Indexer {
        src: text,
        bytes: text.as_bytes(),
        pos: 0,
        entries: Vec::new(),
    };
    p.skip_trivia();
    // `#![enable(...)]` attributes come before the value.
    while p.peek() == Some(b'#') {
        p.skip_attribute();
        p.skip_trivia();
    }
    p.value(String::new(), 0);
    let mut spans = BTreeMap::new();
    // Entries are pushed after their children: the first one for a path is the innermost.
    for (path, span) in p.entries {
        spans.entry(path).or_insert(span);
    }
    spans
}

/// The enclosing path: `a.b[2]` → `a.b`, `a.b` → `a`, `a` → ``.
pub fn parent(path: &str) -> &str {
    // A map key may contain `.` or `[`, so a trailing `[...]` is cut at its matching `[`.
    if path.ends_with(']') {
        let mut depth = 0usize;
        for (i, c) in path.char_indices().rev() {
            match c {
                ']' => depth += 1,
                '[' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return &path[..i];
                    }
                }
                _ => {}
            }
        }
        return "";
    }
    match path.rfind(['.', ']']) {
        Some(i) if path.as_bytes()[i] == b']' => &path[..=i],
        Some(i) => &path[..i],
        None => "",
    }
}

fn field_path(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

struct Indexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    entries: Vec<(String, Range<usize>)>,
}

impl Indexer<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, off: usize) -> Option<u8> {
        self.bytes.get(self.pos + off).copied()
    }

    /// Advances over one whole character (never into the middle of a UTF-8 sequence).
    fn bump_char(&mut self) {
        if let Some(c) = self.src.get(self.pos..).and_then(|s| s.chars().next()) {
            self.pos += c.len_utf8();
        } else {
            self.pos = self.bytes.len();
        }
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.peek_at(1) == Some(b'/') => {
                    while let Some(b) = self.peek() {
                        if b == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.peek_at(1) == Some(b'*') => {
                    // RON block comments nest.
                    self.pos += 2;
                    let mut depth = 1usize;
                    while depth > 0 && self.pos < self.bytes.len() {
                        if self.peek() == Some(b'/') && self.peek_at(1) == Some(b'*') {
                            depth += 1;
                            self.pos += 2;
                        } else if self.peek() == Some(b'*') && self.peek_at(1) == Some(b'/') {
                            depth -= 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => {
                    // Non-ASCII whitespace (e.g. an ideographic space) counts as trivia too.
                    match self.src.get(self.pos..).and_then(|s| s.chars().next()) {
                        Some(c) if !c.is_ascii() && c.is_whitespace() => self.bump_char(),
                        _ => return,
                    }
                }
            }
        }
    }

    fn skip_attribute(&mut self) {
        // `#![enable(...)]`: skip to the matching `]`.
        self.pos += 1;
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'[' => depth += 1,
                b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn is_ident_start(b: u8) -> bool {
        b.is_ascii_alphabetic() || b == b'_'
    }

    fn is_ident_char(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_'
    }

    /// Parses an identifier (also `r#raw`) and returns its name.
    fn ident(&mut self) -> Option<&str> {
        let start = self.pos;
        if self.peek() == Some(b'r') && self.peek_at(1) == Some(b'#') {
            self.pos += 2;
            let name_start = self.pos;
            while self
                .peek()
                .is_some_and(|b| Self::is_ident_char(b) || b == b'.' || b == b'+' || b == b'-')
            {
                self.pos += 1;
            }
            return self.src.get(name_start..self.pos);
        }
        if !self.peek().is_some_and(Self::is_ident_start) {
            return None;
        }
        while self.peek().is_some_and(Self::is_ident_char) {
            self.pos += 1;
        }
        self.src.get(start..self.pos)
    }

    /// Parses one value at `path` and records its span.
    fn value(&mut self, path: String, depth: usize) {
        self.skip_trivia();
        let start = self.pos;
        let Some(b) = self.peek() else {
            return;
        };
        if depth > MAX_DEPTH {
            // Give up on this subtree: skip one character so callers still make progress.
            self.bump_char();
            return;
        }
        match b {
            b'"' => self.string(),
            b'\'' => self.char_lit(),
            b'b' if matches!(self.peek_at(1), Some(b'"' | b'\'')) => {
                self.pos += 1;
                if self.peek() == Some(b'"') {
                    self.string();
                } else {
                    self.char_lit();
                }
            }
            b'r' if matches!(self.peek_at(1), Some(b'"' | b'#')) && self.raw_string_ahead(1) => {
                self.pos += 1;
                self.raw_string();
            }
            b'b' if self.peek_at(1) == Some(b'r') && self.raw_string_ahead(2) => {
                self.pos += 2;
                self.raw_string();
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            b'[' => self.list(&path, depth),
            b'{' => self.map(&path, depth),
            b'(' => self.parens(&path, depth),
            _ if Self::is_ident_start(b) => {
                let _ = self.ident();
                let after_ident = self.pos;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.parens(&path, depth);
                } else {
                    // A unit value (`true`, `None`, `Curve`, `inf`): the span ends at the name.
                    self.pos = after_ident;
                }
            }
            _ => {
                // Not a value: skip it so the caller makes progress.
                self.bump_char();
                return;
            }
        }
        if self.pos > start {
            self.entries.push((path, start..self.pos));
        }
    }

    fn raw_string_ahead(&self, off: usize) -> bool {
        let mut i = self.pos + off;
        while self.bytes.get(i) == Some(&b'#') {
            i += 1;
        }
        self.bytes.get(i) == Some(&b'"')
    }

    fn string(&mut self) {
        self.pos += 1; // opening quote
        while let Some(b) = self.peek() {
            match b {
                b'\\' => {
                    self.pos += 1;
                    self.bump_char();
                }
                b'"' => {
                    self.pos += 1;
                    return;
                }
                _ => self.bump_char(),
            }
        }
    }

    fn raw_string(&mut self) {
        let mut hashes = 0usize;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.pos += 1; // opening quote
        while self.pos < self.bytes.len() {
            if self.peek() == Some(b'"') {
                let closing = (1..=hashes).all(|k| self.peek_at(k) == Some(b'#'));
                if closing {
                    self.pos += 1 + hashes;
                    return;
                }
            }
            self.bump_char();
        }
    }

    fn char_lit(&mut self) {
        self.pos += 1; // opening quote
        while let Some(b) = self.peek() {
            match b {
                b'\\' => {
                    self.pos += 1;
                    self.bump_char();
                }
                b'\'' => {
                    self.pos += 1;
                    return;
                }
                b'\n' => return,
                _ => self.bump_char(),
            }
        }
    }

    fn number(&mut self) {
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        // `-inf`, `+NaN` and friends.
        if self.peek().is_some_and(Self::is_ident_start) {
            let _ = self.ident();
            return;
        }
        let hex = self.peek() == Some(b'0') && matches!(self.peek_at(1), Some(b'x' | b'X'));
        while let Some(b) = self.peek() {
            let exponent_sign = !hex
                && matches!(b, b'+' | b'-')
                && self.pos > 0
                && matches!(self.bytes[self.pos - 1], b'e' | b'E');
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn list(&mut self, path: &str, depth: usize) {
        self.pos += 1; // `[`
        let mut i = 0usize;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b']') => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => self.pos += 1,
                Some(_) => {
                    let before = self.pos;
                    self.value(format!("{path}[{i}]"), depth + 1);
                    if self.pos == before {
                        self.bump_char();
                    }
                    i += 1;
                }
            }
        }
    }

    fn map(&mut self, path: &str, depth: usize) {
        self.pos += 1; // `{`
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b'}') => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => self.pos += 1,
                Some(_) => {
                    let key_start = self.pos;
                    // Keys are indexed under a throwaway path, then dropped.
                    let mark = self.entries.len();
                    self.value(String::new(), depth + 1);
                    self.entries.truncate(mark);
                    if self.pos == key_start {
                        self.bump_char();
                        continue;
                    }
                    let raw = self.src.get(key_start..self.pos).unwrap_or("").trim();
                    let key = raw
                        .strip_prefix('"')
                        .and_then(|k| k.strip_suffix('"'))
                        .unwrap_or(raw)
                        .to_string();
                    self.skip_trivia();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        self.value(format!("{path}[{key}]"), depth + 1);
                    }
                }
            }
        }
    }

    /// Looks past `(` for `ident :` (not `::`): then the group is a struct, else a tuple.
    fn group_is_struct(&mut self) -> bool {
        let save = self.pos;
        self.pos += 1;
        self.skip_trivia();
        let is_struct = if self.ident().is_some() {
            self.skip_trivia();
            self.peek() == Some(b':') && self.peek_at(1) != Some(b':')
        } else {
            false
        };
        self.pos = save;
        is_struct
    }

    fn parens(&mut self, path: &str, depth: usize) {
        if self.group_is_struct() {
            self.struct_fields(path, depth);
        } else {
            self.tuple(path, depth);
        }
    }

    fn struct_fields(&mut self, path: &str, depth: usize) {
        self.pos += 1; // `(`
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b')') => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => self.pos += 1,
                Some(_) => {
                    let before = self.pos;
                    let name = self.ident().map(str::to_string);
                    let Some(name) = name else {
                        self.bump_char();
                        continue;
                    };
                    self.skip_trivia();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        self.value(field_path(path, &name), depth + 1);
                    } else if self.pos == before {
                        self.bump_char();
                    }
                }
            }
        }
    }

    fn tuple(&mut self, path: &str, depth: usize) {
        self.pos += 1; // `(`
        let mark = self.entries.len();
        let mut n = 0usize;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => break,
                Some(b')') => {
                    self.pos += 1;
                    break;
                }
                Some(b',') => self.pos += 1,
                Some(_) => {
                    let before = self.pos;
                    self.value(field_path(path, &n.to_string()), depth + 1);
                    if self.pos == before {
                        self.bump_char();
                    }
                    n += 1;
                }
            }
        }
        if n == 1 {
            // A newtype: its content takes the tuple's own path.
            let inner = field_path(path, "0");
            for (p, _) in &mut self.entries[mark..] {
                if let Some(rest) = p.strip_prefix(&inner)
                    && (rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
                {
                    let rest = if path.is_empty() {
                        rest.strip_prefix('.').unwrap_or(rest)
                    } else {
                        rest
                    };
                    *p = format!("{path}{rest}");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_indexed_when_a_span_is_first_asked_for() {
        let src = "(a: 1, b: [2, 3])";
        let idx = SpanIndex::build(src);
        assert!(idx.spans.get().is_none(), "not indexed by building");
        // `b[1]` is the `3` at bytes 14..15; a path that is not there falls back to its parent.
        assert_eq!(idx.get("b[1]"), Some(14..15));
        assert!(idx.spans.get().is_some());
        assert_eq!(idx.find("b[1].c"), (14..15, "b[1]"));
    }

    fn text_of<'a>(src: &'a str, idx: &SpanIndex, path: &str) -> &'a str {
        let span = idx.get(path).unwrap_or_else(|| {
            panic!(
                "no span for {path}; have {:?}",
                idx.paths().collect::<Vec<_>>()
            )
        });
        &src[span]
    }

    #[test]
    fn indexes_nested_structs_lists_and_maps() {
        let src = r##"Scenario(
    name: "a \"quoted\" name", // comment with ( and [
    /* block /* nested */ comment */
    time: (onset_weekday: Wed, onset_hour: 14),
    zones: [(id: "z1"), (id: r#"z"2"#)],
    roles: {Nurse: 0.8, "Clerk": 0.2},
    hazard: Earthquake(intensity: SixUpper),
    battery: Some(8),
    level: Degraded(0.5),
    pair: (1, -2.5e-3),
    c: '\'',
    wave: Infection((peak: 0.4)),
)"##;
        let idx = SpanIndex::build(src);
        assert_eq!(text_of(src, &idx, "name"), r#""a \"quoted\" name""#);
        assert_eq!(text_of(src, &idx, "time.onset_hour"), "14");
        assert_eq!(text_of(src, &idx, "zones[1].id"), r##"r#"z"2"#"##);
        assert_eq!(text_of(src, &idx, "zones[0]"), r#"(id: "z1")"#);
        assert_eq!(text_of(src, &idx, "roles[Nurse]"), "0.8");
        assert_eq!(text_of(src, &idx, "roles[Clerk]"), "0.2");
        assert_eq!(text_of(src, &idx, "hazard.intensity"), "SixUpper");
        assert_eq!(text_of(src, &idx, "battery"), "8");
        assert_eq!(text_of(src, &idx, "level"), "0.5");
        assert_eq!(text_of(src, &idx, "pair.1"), "-2.5e-3");
        assert_eq!(text_of(src, &idx, "c"), r"'\''");
        assert_eq!(text_of(src, &idx, "wave.peak"), "0.4");
        assert!(text_of(src, &idx, "").starts_with("Scenario("));
    }

    #[test]
    fn byte_offsets_with_japanese_text() {
        let src = "(name: \"訪問看護ステーション\", km: 3.5)";
        let idx = SpanIndex::build(src);
        assert_eq!(text_of(src, &idx, "km"), "3.5");
    }

    #[test]
    fn find_falls_back_to_enclosing_path() {
        let src = "(a: (b: [1, 2]))";
        let idx = SpanIndex::build(src);
        let (span, found) = idx.find("a.b[1].missing.deeper");
        assert_eq!(found, "a.b[1]");
        assert_eq!(&src[span], "2");
        let (_, found) = idx.find("nothing[3]");
        assert_eq!(found, "");
    }

    #[test]
    fn parent_paths() {
        assert_eq!(parent("a.b[2]"), "a.b");
        assert_eq!(parent("a.b[2].c"), "a.b[2]");
        assert_eq!(parent("roles[x.y]"), "roles");
        assert_eq!(parent("a"), "");
        assert_eq!(parent(""), "");
    }

    #[test]
    fn tolerates_garbage() {
        for src in [
            "(",
            "[[[",
            "(a: ",
            "\"unterminated",
            "r#\"x",
            "/* open",
            "(a: b c d)",
            "{:}",
            ")]}",
            "é(",
            "-",
            "'",
        ] {
            let _ = SpanIndex::build(src);
        }
        let deep = "[".repeat(10_000);
        let _ = SpanIndex::build(&deep);
    }
}
