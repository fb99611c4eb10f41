//! Positions in the source and closest-name suggestions. (Display widths are in
//! [`crate::lang`].)

use std::ops::Range;

/// 1-based line and column (in characters) of byte offset `at`.
pub fn line_col(src: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(src, at.min(src.len()));
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
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

/// The known name closest to `found`, if it is close enough to be a likely typo.
pub fn closest<'a, I>(found: &str, known: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // Comparing case-insensitively catches `nurse` for `Nurse`.
    let f = found.to_lowercase();
    let limit = (found.chars().count() / 3).max(1) + 1;
    let mut best: Option<(usize, &str)> = None;
    for k in known {
        let d = edit_distance(&f, &k.to_lowercase());
        let prefix = !f.is_empty() && k.to_lowercase().starts_with(&f) && f.len() >= 3;
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
    fn closest_names() {
        let known = ["onset_weekday", "onset_hour", "step_hours", "horizon_hours"];
        assert_eq!(closest("onset_hor", known), Some("onset_hour"));
        assert_eq!(closest("horizon", known), Some("horizon_hours"));
        assert_eq!(closest("zzz", known), None);
        assert_eq!(closest("z2", ["z1", "station"]), Some("z1"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
