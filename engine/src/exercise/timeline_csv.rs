//! The inject timeline as a spreadsheet (a master scenario events list / 状況付与票 for Excel):
//! CSV in UTF-8 with a byte-order mark, Japanese headers. On import the sheet may be as a
//! facilitator keeps it: English headers or the usual Japanese ones (付与時刻, 伝達手段, 期待される
//!対応, 備考), times as hours, `H:MM` or `N日目 H:MM`, channels in words, no ID column.
//! Columns are documented in docs/exercise.md.

use unicode_normalization::UnicodeNormalization;

use crate::load::{Diagnostic, ron_options, spans::SpanIndex};
use crate::scenario::{After, Channel, Effect, Exercise, Expected, Inject};

use super::Msg;

/// (Japanese header, English alias) of every column, in export order.
pub const COLUMNS: [(&str, &str); 16] = [
    ("ID", "id"),
    ("時刻", "at_hour"),
    ("基準の状況付与", "after"),
    ("基準からの時間", "after_hours"),
    ("付与先", "recipient"),
    ("発信元", "sender"),
    ("手段", "channel"),
    ("付与内容", "content_ja"),
    ("付与内容（英語）", "content_en"),
    ("想定される対応", "expected_ja"),
    ("想定される対応（英語）", "expected_en"),
    ("対応コマンド", "expected_command"),
    ("対応の対象", "expected_target"),
    ("訓練目標", "objective"),
    ("効果", "effect"),
    ("備考", "remarks"),
];

/// Other headers a facilitator's sheet may use for each column of [`COLUMNS`] (compared after
/// NFKC, without spaces, case-insensitively).
const OTHER_HEADERS: [&[&str]; 16] = [
    &["no", "no.", "番号", "付与番号", "通し番号"],
    &["付与時刻", "時間", "経過時間", "time", "hour"],
    &[],
    &[],
    &["宛先", "to"],
    &["発信者", "from"],
    &["伝達手段", "付与方法", "付与手段"],
    &["内容", "状況付与内容", "content"],
    &[],
    &[
        "期待される対応",
        "期待する対応",
        "求められる対応",
        "expected",
    ],
    &["期待される対応（英語）"],
    &[],
    &[],
    &[],
    &[],
    &["notes", "メモ"],
];

/// A header as compared: NFKC, no spaces, lower case.
fn header_key(h: &str) -> String {
    h.nfkc()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// The column of [`COLUMNS`] a header names.
fn column_of(h: &str) -> Option<usize> {
    let k = header_key(h);
    (0..COLUMNS.len()).find(|&i| {
        header_key(COLUMNS[i].0) == k
            || header_key(COLUMNS[i].1) == k
            || OTHER_HEADERS[i].iter().any(|o| header_key(o) == k)
    })
}

/// Hours after onset written as a facilitator writes them: `6`, `6h`, `6時間`, `1.5` (hours),
/// `0:30` (hours and minutes after onset), or `2日目 9:00` (the clock on calendar day 2, the
/// onset's date being day 1, with the onset `onset_minutes` after midnight). Partial hours
/// round down (steps are whole hours: an inject is given at the start of the step that
/// contains its time). `Err` says why not.
pub fn parse_time(cell: &str, onset_minutes: u32) -> Result<u32, Msg> {
    let c: String = cell.nfkc().filter(|c| !c.is_whitespace()).collect();
    let bad = || {
        Msg::new(
            format!(
                "`{cell}` は時刻として読めません（時間数 `6`、経過時間 `0:30`、または `2日目 9:00`）"
            ),
            format!(
                "`{cell}` is not a time (hours `6`, elapsed `0:30`, or a clock time on a day, `2日目 9:00`)"
            ),
        )
    };
    let clock = |t: &str| -> Result<(u32, u32), Msg> {
        let (h, m) = t.split_once(':').ok_or_else(bad)?;
        let h: u32 = h.parse().map_err(|_| bad())?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        if m >= 60 {
            return Err(bad());
        }
        Ok((h, m))
    };
    let limit = crate::limits::MAX_HORIZON_HOURS;
    let too_late = |h: u64| {
        Msg::new(
            format!("`{cell}` は発災から {h} 時間で、長すぎます（{limit} 時間まで）"),
            format!("`{cell}` is {h} hours after onset, beyond {limit}"),
        )
    };
    let hours: u64 = if let Some((day, time)) = c.split_once("日目") {
        let day: u64 = day.parse().map_err(|_| bad())?;
        let (h, m) = clock(time)?;
        if day == 0 || h > 24 || day > u64::from(limit) {
            return Err(bad());
        }
        let at = ((day - 1) * 24 + u64::from(h)) * 60 + u64::from(m);
        let onset = u64::from(onset_minutes);
        if at < onset {
            let (oh, om) = (onset_minutes / 60, onset_minutes % 60);
            return Err(Msg::new(
                format!("`{cell}` は発災（1日目 {oh}:{om:02}）より前です"),
                format!("`{cell}` is before the onset (day 1, {oh}:{om:02})"),
            ));
        }
        (at - onset) / 60
    } else if c.contains(':') {
        u64::from(clock(&c)?.0)
    } else {
        let n = c.trim_end_matches("時間").trim_end_matches(['h', 'H']);
        let v: f64 = n.parse().map_err(|_| bad())?;
        if !v.is_finite() || v < 0.0 || n.starts_with(['+', '-']) || n.contains(['e', 'E']) {
            return Err(bad());
        }
        if v > f64::from(limit) {
            return Err(too_late(v as u64));
        }
        v.floor() as u64
    };
    if hours > u64::from(limit) {
        return Err(too_late(hours));
    }
    Ok(hours as u32)
}

/// Injects read from a sheet, with where each came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub injects: Vec<Inject>,
    /// The CSV row (1-based, the header being row 1) of each inject.
    pub rows: Vec<usize>,
    /// The CSV column (1-based) of each column of [`COLUMNS`] the sheet has.
    pub columns: [Option<usize>; COLUMNS.len()],
    /// What was read but not used (unknown columns), and ids made up for rows without one.
    pub warnings: Vec<Msg>,
}

impl Imported {
    /// The CSV row and column a scenario check's problem is about (`exercise.injects[3].recipient`
    /// → the row of inject 3 and the 付与先 column); the column is `None` when the problem is
    /// about the whole row or a column the sheet does not have.
    pub fn locate(&self, d: &Diagnostic) -> Option<(usize, Option<usize>)> {
        let path = d.path.as_deref()?;
        let rest = path.strip_prefix("exercise.injects[")?;
        let (index, field) = rest.split_once(']')?;
        let row = *self.rows.get(index.parse::<usize>().ok()?)?;
        let field = field.trim_start_matches('.');
        let k = match field.split(['.', '[']).next().unwrap_or("") {
            "id" => Some(0),
            "at_hour" => Some(1),
            "after" if field.ends_with("hours") => Some(3),
            "after" => Some(2),
            "recipient" => Some(4),
            "sender" => Some(5),
            "channel" => Some(6),
            "content_ja" => Some(7),
            "content_en" => Some(8),
            "expected" if field.contains("command") => Some(11),
            "expected" if field.contains("target") => Some(12),
            "expected" if field.ends_with(".en") => Some(10),
            "expected" => Some(9),
            "objective" => Some(13),
            "effect" => Some(14),
            _ => None,
        };
        Some((row, k.and_then(|k| self.columns[k])))
    }

    /// A scenario check's problem as a problem of the sheet: at its row and column when it is
    /// about an inject, else as the check said it.
    pub fn problem(&self, d: &Diagnostic) -> Msg {
        let (ja, en) = (d.message.clone(), d.message_en.clone());
        let hint = |lang_ja: bool| {
            let h = if lang_ja { &d.hint } else { &d.hint_en };
            h.as_ref().map(|h| format!("（{h}）")).unwrap_or_default()
        };
        match self.locate(d) {
            Some((row, Some(col))) => Msg::new(
                format!("{row}行{col}列: {ja}{}", hint(true)),
                format!("row {row}, column {col}: {en}{}", hint(false)),
            ),
            Some((row, None)) => Msg::new(
                format!("{row}行目: {ja}{}", hint(true)),
                format!("row {row}: {en}{}", hint(false)),
            ),
            None => Msg::new(
                format!("{ja}{}", hint(true)),
                format!("{en}{}", hint(false)),
            ),
        }
    }
}

/// The injects as CSV text (with a BOM, CRLF line ends as Excel writes them).
pub fn export(ex: &Exercise) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(COLUMNS.iter().map(|c| c.0));
    for inj in &ex.injects {
        let effect = inj
            .effect
            .as_ref()
            .and_then(|e| ron::to_string(e).ok())
            .unwrap_or_default();
        let row = [
            inj.id.clone(),
            inj.at_hour.map(|h| h.to_string()).unwrap_or_default(),
            inj.after
                .as_ref()
                .map(|a| a.inject.clone())
                .unwrap_or_default(),
            inj.after
                .as_ref()
                .map(|a| a.hours.to_string())
                .unwrap_or_default(),
            inj.recipient.clone(),
            inj.sender.clone(),
            if inj.channel_text.is_empty() {
                inj.channel.key().to_string()
            } else {
                inj.channel_text.clone()
            },
            inj.content_ja.clone(),
            inj.content_en.clone(),
            inj.expected.ja.clone(),
            inj.expected.en.clone(),
            inj.expected.command.clone().unwrap_or_default(),
            inj.expected.target.clone().unwrap_or_default(),
            inj.objective.clone().unwrap_or_default(),
            effect,
            inj.remarks.clone(),
        ];
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    let mut out = String::from('\u{feff}');
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

/// Reads injects from CSV text (a BOM is skipped; headers in Japanese or English, in any
/// order; unknown columns are warnings). `onset_minutes` is the onset's clock time in minutes
/// after midnight, for times written `N日目 H:MM`. Rows without an id get one (`I01`, `I02`, … not used by
/// another row). Every problem is reported with its row and column (1-based, the header being
/// row 1).
pub fn import(text: &str, onset_minutes: u32) -> Result<Imported, Vec<Msg>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = r.records();
    let header = match rows.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![csv_error(&e)]),
        None => {
            return Err(vec![Msg::new("CSV が空です", "the CSV is empty")]);
        }
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    // Column index of each known column.
    let mut col: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
    for (i, h) in header.iter().enumerate() {
        let h = h.trim();
        if h.is_empty() {
            continue;
        }
        match column_of(h) {
            Some(k) if col[k].is_some() => errors.push(Msg::new(
                format!("1行{}列: 列 `{h}` が2回あります", i + 1),
                format!("row 1, column {}: the column `{h}` appears twice", i + 1),
            )),
            Some(k) => col[k] = Some(i),
            None => warnings.push(Msg::new(
                format!("1行{}列: 見出し `{h}` の列は読み込みません", i + 1),
                format!("row 1, column {}: the column `{h}` is not read", i + 1),
            )),
        }
    }
    for (k, required) in [(7, "付与内容"), (4, "付与先")] {
        if col[k].is_none() {
            errors.push(Msg::new(
                format!("1行目: 列 `{required}`（{}）がありません", COLUMNS[k].1),
                format!(
                    "row 1: the column `{}` ({required}) is missing",
                    COLUMNS[k].1
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut injects = Vec::new();
    let mut inject_rows = Vec::new();
    for (n, rec) in rows.enumerate() {
        let row = n + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(csv_error(&e));
                continue;
            }
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |k: usize| -> &str { col[k].and_then(|i| rec.get(i)).unwrap_or("").trim() };
        let opt = |k: usize| -> Option<String> {
            let c = cell(k);
            (!c.is_empty()).then(|| c.to_string())
        };
        let mut bad = |k: usize, m: Msg| {
            let c = col[k].map_or(0, |i| i + 1);
            errors.push(Msg::new(
                format!("{row}行{c}列: {}", m.ja),
                format!("row {row}, column {c}: {}", m.en),
            ));
        };
        let mut time = |k: usize, onset: u32| -> Option<u32> {
            let c = cell(k);
            if c.is_empty() {
                return None;
            }
            parse_time(c, onset).map_err(|m| bad(k, m)).ok()
        };
        let at_hour = time(1, onset_minutes);
        // A relative time is a duration: `N日目` makes no sense there, so the onset is 0.
        let after_hours = time(3, 0);
        let after = opt(2).map(|inject| After {
            inject,
            hours: after_hours.unwrap_or(0),
        });
        let (channel, channel_text) = match opt(6) {
            None => (Channel::default(), String::new()),
            Some(c) => match Channel::parse(&c) {
                Some(k) => (k, String::new()),
                // Kept as written: 防災無線 is radio, FAX another kind.
                None => (Channel::recognise(&c).unwrap_or(Channel::Other), c),
            },
        };
        let effect = match opt(14) {
            None => None,
            Some(e) => match ron_options().from_str::<Effect>(&e) {
                Ok(e) => Some(e),
                Err(err) => {
                    bad(
                        14,
                        Msg::new(
                            format!("効果を読めません: {}", err.code),
                            format!("cannot read the effect: {}", err.code),
                        ),
                    );
                    None
                }
            },
        };
        injects.push(Inject {
            id: cell(0).nfkc().collect(),
            at_hour,
            after,
            recipient: cell(4).to_string(),
            sender: cell(5).to_string(),
            channel,
            channel_text,
            content_ja: cell(7).to_string(),
            content_en: cell(8).to_string(),
            expected: Expected {
                ja: cell(9).to_string(),
                en: cell(10).to_string(),
                command: opt(11),
                target: opt(12),
            },
            objective: opt(13),
            effect,
            remarks: cell(15).to_string(),
        });
        inject_rows.push(row);
    }
    // Ids for the rows without one, not taken by any other row.
    let taken: std::collections::BTreeSet<String> = injects.iter().map(|i| i.id.clone()).collect();
    let mut next = 1;
    let mut made = 0;
    for inj in injects.iter_mut().filter(|i| i.id.is_empty()) {
        while taken.contains(&format!("I{next:02}")) {
            next += 1;
        }
        inj.id = format!("I{next:02}");
        next += 1;
        made += 1;
    }
    if made > 0 {
        warnings.push(Msg::new(
            format!("ID のない {made} 行に ID（I01 から）を付けました"),
            format!("{made} rows without an id were given one (from I01)"),
        ));
    }
    if errors.is_empty() {
        Ok(Imported {
            injects,
            rows: inject_rows,
            columns: col.map(|c| c.map(|i| i + 1)),
            warnings,
        })
    } else {
        Err(errors)
    }
}

/// The problems of an import, one line each naming `file`: the first
/// [`crate::load::MAX_SHOWN`], then how many more there are and the total.
pub fn render_errors(file: &str, errors: &[Msg], lang: crate::Lang) -> String {
    let mut out = String::new();
    for m in errors.iter().take(crate::load::MAX_SHOWN) {
        out.push_str(&format!("{file}: {}\n", m.get(lang)));
    }
    out.push_str(&crate::load::more_not_shown(errors.len(), lang));
    let n = errors.len();
    out.push_str(&match lang {
        crate::Lang::Ja => format!("問題が{n}件あります。何も書き出していません。"),
        crate::Lang::En if n == 1 => "1 problem found; nothing was written.".to_string(),
        crate::Lang::En => format!("{n} problems found; nothing was written."),
    });
    out
}

fn csv_error(e: &csv::Error) -> Msg {
    let row = e.position().map_or(0, |p| p.line());
    Msg::new(
        format!("{row}行目: CSV を読めません: {e}"),
        format!("row {row}: cannot read the CSV: {e}"),
    )
}

/// The exercise as RON text for a scenario file.
pub fn exercise_ron(ex: &Exercise) -> String {
    let cfg = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false);
    ron::ser::to_string_pretty(ex, cfg).unwrap_or_default()
}

/// `source` (a scenario's RON text) with its `exercise` field replaced by `ex`, or added before
/// the closing parenthesis when there is none. Comments elsewhere are kept.
pub fn splice_exercise(source: &str, ex: &Exercise) -> String {
    let body = exercise_ron(ex);
    let body = indent_after_first_line(&body, "    ");
    let index = SpanIndex::build(source);
    if let Some(span) = index.get("exercise") {
        let mut out = String::with_capacity(source.len() + body.len());
        out.push_str(&source[..span.start]);
        out.push_str(&body);
        out.push_str(&source[span.end..]);
        return out;
    }
    // The root's closing parenthesis: the last `)` of the text.
    let Some(close) = source.rfind(')') else {
        return source.to_string();
    };
    let before = source[..close].trim_end();
    let comma = if before.ends_with(',') || before.ends_with('(') {
        ""
    } else {
        ","
    };
    format!(
        "{before}{comma}\n\n    exercise: {body},\n{}",
        &source[close..]
    )
}

fn indent_after_first_line(s: &str, pad: &str) -> String {
    let mut out = String::with_capacity(s.len() + 64);
    for (i, line) in s.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(pad);
            }
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_facilitators_write_them() {
        let onset = 14 * 60;
        for (cell, hour) in [
            ("6", 6),
            ("６ｈ", 6),
            ("6時間", 6),
            ("1.5", 1),
            ("0:30", 0),
            ("２：４５", 2),
            ("1日目 15:00", 1),
            ("1日目14:00", 0),
            ("2日目 9:00", 19),
            ("３日目　８：３０", 42),
        ] {
            assert_eq!(parse_time(cell, onset), Ok(hour), "{cell}");
        }
        // The onset at 14:30: 15:00 on day 1 is in the first hour.
        assert_eq!(parse_time("1日目 15:00", 14 * 60 + 30), Ok(0));
        for cell in [
            "abc",
            "-1",
            "1:75",
            "0日目 9:00",
            "1日目 9:00",
            "1e3",
            "99999",
            "9:",
        ] {
            assert!(parse_time(cell, onset).is_err(), "{cell}");
        }
        assert!(
            parse_time("1日目 9:00", onset)
                .unwrap_err()
                .en
                .contains("before the onset (day 1, 14:00)")
        );
    }

    #[test]
    fn a_facilitators_sheet_imports_with_ids_made_and_channels_kept() {
        let csv = "\u{feff}No,付与時刻,付与先,発信元,伝達手段,付与内容,期待される対応,備考,担当\n                   ,0:30,所長,区役所,防災無線,区から被害状況の照会,被害状況を報告する,読み上げは統制者,A\n                   I01,1日目 16:00,station/連絡班,家族,FAX,安否の問い合わせ,折り返し連絡する,,B\n";
        let got = import(csv, 14 * 60).unwrap();
        assert_eq!(got.injects.len(), 2);
        let (a, b) = (&got.injects[0], &got.injects[1]);
        assert_eq!(a.id, "I02", "I01 is taken by the next row");
        assert_eq!((a.at_hour, b.at_hour), (Some(0), Some(2)));
        assert_eq!(
            (a.channel, a.channel_text.as_str()),
            (Channel::Radio, "防災無線")
        );
        assert_eq!(
            (b.channel, b.channel_text.as_str()),
            (Channel::Other, "FAX")
        );
        assert_eq!(a.recipient, "所長");
        assert_eq!(a.expected.ja, "被害状況を報告する");
        assert_eq!(a.remarks, "読み上げは統制者");
        assert_eq!(got.rows, vec![2, 3]);
        assert_eq!(got.columns[4], Some(3));
        assert_eq!(got.warnings.len(), 2, "{:?}", got.warnings);
        assert!(
            got.warnings[0]
                .en
                .contains("column 9: the column `担当` is not read")
        );
    }
}
