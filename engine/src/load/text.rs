//! Positions in the source and closest-name suggestions. (Display widths are in
//! [`crate::lang`].)

use std::ops::Range;

/// Where each line of a text starts, built once so that placing many diagnostics costs
/// O(log n) each instead of a scan from the start of the text (which made reporting N errors
/// quadratic). Lines end at `\n` only: texts are normalised first ([`normalize`]).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// `(byte offset, characters before it)` about every [`MARK_BYTES`] bytes, at character
    /// boundaries: a column on a very long line is counted from the nearest mark.
    marks: Vec<(usize, usize)>,
}

const MARK_BYTES: usize = 1024;

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(newline_offsets(src.as_bytes()).map(|i| i + 1));
        let mut marks = vec![(0, 0)];
        let (mut at, mut chars) = (0usize, 0usize);
        while at + MARK_BYTES < src.len() {
            let next = floor_char_boundary(src, at + MARK_BYTES).max(at + 1);
            let next = ceil_char_boundary(src, next);
            chars += src[at..next].chars().count();
            at = next;
            marks.push((at, chars));
        }
        LineIndex { starts, marks }
    }

    /// Characters of `src` before byte `at` (a character boundary).
    fn chars_before(&self, src: &str, at: usize) -> usize {
        let i = self.marks.partition_point(|m| m.0 <= at).saturating_sub(1);
        let (from, n) = self.marks[i];
        n + src[from..at].chars().count()
    }

    /// 1-based line and column (in characters) of byte offset `at` of `src` (the text this
    /// index was built from).
    pub fn line_col(&self, src: &str, at: usize) -> (usize, usize) {
        let at = floor_char_boundary(src, at.min(src.len()));
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let start = self.starts[line - 1].min(at);
        let col = self.chars_before(src, at) - self.chars_before(src, start) + 1;
        (line, col)
    }
}

fn newline_offsets(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// 1-based line and column (in characters) of byte offset `at`, by scanning the text: the
/// reference [`LineIndex`] is tested against.
#[cfg(test)]
pub fn line_col(src: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(src, at.min(src.len()));
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The text as every reader sees it: a UTF-8 byte-order mark (which ron rejects, and editors
/// on Windows often write) becomes a space, so every column stays where it was (both are one
/// character); CRLF and a lone CR (old Mac OS line ends, which ron would read as one endless
/// `//` comment) become LF, so line numbers are those an editor shows. Spans and positions in
/// diagnostics refer to this text.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let bom = text.starts_with('\u{feff}');
    if !bom && !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    if bom {
        out.push(' ');
    }
    let mut rest = body;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Byte offset of 1-based `line` and character `col` (ron's positions), clamped to the text.
pub fn offset_of(src: &str, line: usize, col: usize) -> usize {
    let mut start = 0usize;
    for _ in 1..line.max(1) {
        match src[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return src.len(),
        }
    }
    let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
    let line_text = &src[start..line_end];
    match line_text.char_indices().nth(col.saturating_sub(1)) {
        Some((i, _)) => start + i,
        None => line_end,
    }
}

/// The byte range of the line that contains `at`, without its newline.
pub fn line_range(src: &str, at: usize) -> Range<usize> {
    let at = floor_char_boundary(src, at.min(src.len()));
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    let end = if end > start && src.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    };
    start..end.max(start)
}

pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A span that covers at least one character when the text allows, inside the text.
pub fn widen(src: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(src, span.start);
    let end = floor_char_boundary(src, span.end.max(start));
    if end > start {
        return start..end;
    }
    match src[start..].chars().next() {
        Some(c) if c != '\n' && c != '\r' => start..start + c.len_utf8(),
        _ => start..start,
    }
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Names longer than this get no suggestion (and are not suggested).
const MAX_SUGGEST_CHARS: usize = 64;

/// The known name closest to `found`, if it is close enough to be a likely typo.
pub fn closest<'a, I>(found: &str, known: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // Comparing case-insensitively catches `nurse` for `Nurse`.
    // A long text is no typo of a name: comparing it would cost its length squared.
    let n = found.chars().count();
    if n > MAX_SUGGEST_CHARS {
        return None;
    }
    let f = found.to_lowercase();
    let limit = (n / 3).max(1) + 1;
    let mut best: Option<(usize, &str)> = None;
    for k in known {
        let m = k.chars().count();
        if m > MAX_SUGGEST_CHARS {
            continue;
        }
        let kl = k.to_lowercase();
        let prefix = !f.is_empty() && kl.starts_with(&f) && f.len() >= 3;
        // The distance is at least the difference in length: skip the table when that is
        // already too far.
        if !prefix && n.abs_diff(m) > limit {
            continue;
        }
        let d = edit_distance(&f, &kl);
        let d = if prefix { d.min(limit) } else { d };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_with_multibyte_text() {
        let src = "a: \"訪問\"\n  b: 1\n";
        let at = src.find('1').unwrap();
        assert_eq!(line_col(src, at), (2, 6));
        assert_eq!(offset_of(src, 2, 6), at);
        let q = src.rfind('"').unwrap();
        assert_eq!(line_col(src, q), (1, 7));
        assert_eq!(offset_of(src, 1, 7), q);
        assert_eq!(offset_of(src, 99, 1), src.len());
        assert_eq!(offset_of(src, 1, 99), src.find('\n').unwrap());
    }

    #[test]
    fn line_index_matches_the_scan() {
        let long: String = "訪a\t".repeat(2000);
        let src = format!("a: \"訪問\"\n  b: 1\n{long}x\n\nend");
        let idx = LineIndex::new(&src);
        for at in (0..=src.len() + 3)
            .step_by(7)
            .chain([src.len(), src.len() + 5])
        {
            assert_eq!(idx.line_col(&src, at), line_col(&src, at), "at {at}");
        }
        assert_eq!(LineIndex::new("").line_col("", 0), (1, 1));
    }

    #[test]
    fn normalize_line_ends_and_bom() {
        assert_eq!(normalize("a\r\nb\rc\n\r"), "a\nb\nc\n\n");
        assert_eq!(normalize("\u{feff}(a)\r"), " (a)\n");
        assert!(matches!(
            normalize("plain\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn closest_names() {
        let known = ["onset_weekday", "onset_hour", "step_hours", "horizon_hours"];
        assert_eq!(closest("onset_hor", known), Some("onset_hour"));
        assert_eq!(closest("horizon", known), Some("horizon_hours"));
        assert_eq!(closest("zzz", known), None);
        assert_eq!(closest("z2", ["z1", "station"]), Some("z1"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
