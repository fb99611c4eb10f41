//! The inject timeline as a spreadsheet (a master scenario events list / 状況付与票 for Excel):
//! CSV in UTF-8 with a byte-order mark, Japanese headers; English headers are accepted on
//! import. Columns are documented in docs/exercise.md.

use crate::load::{ron_options, spans::SpanIndex};
use crate::scenario::{After, Channel, Effect, Exercise, Expected, Inject};

use super::Msg;

/// (Japanese header, English alias) of every column, in export order.
pub const COLUMNS: [(&str, &str); 15] = [
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
];

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
            inj.channel.key().to_string(),
            inj.content_ja.clone(),
            inj.content_en.clone(),
            inj.expected.ja.clone(),
            inj.expected.en.clone(),
            inj.expected.command.clone().unwrap_or_default(),
            inj.expected.target.clone().unwrap_or_default(),
            inj.objective.clone().unwrap_or_default(),
            effect,
        ];
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    let mut out = String::from('\u{feff}');
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

/// Reads injects from CSV text (a BOM is skipped; headers in Japanese or English, in any
/// order; unknown columns are errors). Every problem is reported with its row and column
/// (1-based, the header being row 1).
pub fn import(text: &str) -> Result<Vec<Inject>, Vec<Msg>> {
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
    // Column index of each known column.
    let mut col: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
    for (i, h) in header.iter().enumerate() {
        let h = h.trim();
        match COLUMNS
            .iter()
            .position(|(ja, en)| *ja == h || en.eq_ignore_ascii_case(h))
        {
            Some(k) => col[k] = Some(i),
            None => errors.push(Msg::new(
                format!("1行{}列: 見出し `{h}` は知らない列です", i + 1),
                format!("row 1, column {}: unknown column `{h}`", i + 1),
            )),
        }
    }
    for (k, required) in [(0, "ID"), (7, "付与内容"), (4, "付与先")] {
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
        let mut bad = |k: usize, ja: String, en: String| {
            let c = col[k].map_or(0, |i| i + 1);
            errors.push(Msg::new(
                format!("{row}行{c}列: {ja}"),
                format!("row {row}, column {c}: {en}"),
            ));
        };
        let number = |k: usize, bad: &mut dyn FnMut(usize, String, String)| -> Option<u32> {
            let c = cell(k);
            if c.is_empty() {
                return None;
            }
            match c.parse::<u32>() {
                Ok(v) => Some(v),
                Err(_) => {
                    bad(
                        k,
                        format!("`{c}` は 0 以上の整数ではありません"),
                        format!("`{c}` is not a whole number of 0 or more"),
                    );
                    None
                }
            }
        };
        let at_hour = number(1, &mut bad);
        let after_hours = number(3, &mut bad);
        let after = opt(2).map(|inject| After {
            inject,
            hours: after_hours.unwrap_or(0),
        });
        let channel = match opt(6) {
            None => Channel::default(),
            Some(c) => Channel::parse(&c).unwrap_or_else(|| {
                bad(
                    6,
                    format!("手段 `{c}` は Phone, Radio, InPerson, Line, Email, Other のどれでもありません"),
                    format!("channel `{c}` is not one of Phone, Radio, InPerson, Line, Email, Other"),
                );
                Channel::Other
            }),
        };
        let effect = match opt(14) {
            None => None,
            Some(e) => match ron_options().from_str::<Effect>(&e) {
                Ok(e) => Some(e),
                Err(err) => {
                    bad(
                        14,
                        format!("効果を読めません: {}", err.code),
                        format!("cannot read the effect: {}", err.code),
                    );
                    None
                }
            },
        };
        injects.push(Inject {
            id: cell(0).to_string(),
            at_hour,
            after,
            recipient: cell(4).to_string(),
            sender: cell(5).to_string(),
            channel,
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
        });
    }
    if errors.is_empty() {
        Ok(injects)
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
