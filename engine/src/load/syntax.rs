//! ron's syntax and type errors, turned into bilingual diagnostics.

use ron::error::{Error, SpannedError};

use super::text::{closest, offset_of, widen};
use super::{Diagnostic, Msg};

/// One diagnostic for ron's error, at ron's position.
pub fn diagnostic(src: &str, err: &SpannedError) -> Diagnostic {
    let start = offset_of(src, err.span.start.line, err.span.start.col);
    let end = offset_of(src, err.span.end.line, err.span.end.col).max(start);
    // ron points past the sign of an out-of-range integer; mark `-3` whole.
    let start = if matches!(err.code, Error::IntegerOutOfBounds) && src[..start].ends_with('-') {
        start - 1
    } else {
        start
    };
    let span = widen(src, skip_blank(src, start, end));
    let (message, hint) = describe(&err.code);
    Diagnostic::new(
        src,
        &super::LineIndex::new(src),
        span,
        "syntax",
        None,
        message,
        hint,
    )
}

/// ron often points at the blank before the offending token: move onto the token when it is on
/// the same line.
fn skip_blank(src: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let rest = &src[start..];
    let blank = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let on_token = rest[blank..]
        .chars()
        .next()
        .is_some_and(|c| c != '\n' && c != '\r');
    if blank > 0 && on_token {
        let s = start + blank;
        s..end.max(s)
    } else {
        start..end
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn in_outer_ja(outer: &Option<String>) -> String {
    outer
        .as_ref()
        .map_or(String::new(), |o| format!("（{o} 内）"))
}

fn in_outer_en(outer: &Option<String>) -> String {
    outer.as_ref().map_or(String::new(), |o| format!(" in {o}"))
}

/// A hint naming the closest known name, then all of them.
fn suggest(found: &str, expected: &[&str], what_ja: &str, what_en: &str) -> Option<Msg> {
    if expected.is_empty() {
        return None;
    }
    let all = list(expected);
    Some(match closest(found, expected.iter().copied()) {
        Some(best) => Msg::new(
            format!("`{best}` の誤りではありませんか？ 使える{what_ja}: {all}"),
            format!("did you mean `{best}`? known {what_en}: {all}"),
        ),
        None => Msg::new(
            format!("使える{what_ja}: {all}"),
            format!("known {what_en}: {all}"),
        ),
    })
}

fn m(ja: impl Into<String>, en: impl Into<String>) -> Msg {
    Msg::new(ja, en)
}

fn describe(code: &Error) -> (Msg, Option<Msg>) {
    let unclosed = || {
        Some(m(
            "閉じ括弧 `)` `]` `}` か引用符 `\"` が足りないかもしれません",
            "a closing `)`, `]`, `}` or quote `\"` may be missing",
        ))
    };
    match code {
        Error::Eof => (
            m("ファイルが途中で終わっています", "unexpected end of file"),
            unclosed(),
        ),
        Error::ExpectedComma => (
            m(
                "カンマ `,` か閉じ括弧が必要です",
                "expected a comma `,` or a closing bracket",
            ),
            Some(m(
                "値と値の間はカンマで区切ります。直前の値の後のカンマ抜け、閉じていない文字列、数値の型（整数のフィールドに小数）を確認してください",
                "separate values with commas; check for a missing comma after the previous value, an unclosed string, or a decimal number in a whole-number field",
            )),
        ),
        Error::ExpectedArray => (
            m("リスト `[` が必要です", "expected a list `[`"),
            Some(m(
                "このフィールドは `[ ... ]` で書くリストです（要素が1つでも `[ ]` で囲みます）",
                "this field is a list written `[ ... ]` (even with one element)",
            )),
        ),
        Error::ExpectedArrayEnd => (m("`]` が必要です", "expected a closing `]`"), unclosed()),
        Error::ExpectedStructLike => (m("`(` が必要です", "expected `(`"), None),
        Error::ExpectedNamedStructLike(name) => (
            m(
                format!("`(` で始まる {name} の記述が必要です"),
                format!("expected `(` starting a {name}"),
            ),
            Some(m(
                "構造は `(field: value, ...)` の形で書きます",
                "write a structure as `(field: value, ...)`",
            )),
        ),
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => (
            m("閉じ括弧 `)` が必要です", "expected a closing `)`"),
            Some(m(
                "括弧の対応とカンマ抜けを確認してください",
                "check that brackets match and no comma is missing",
            )),
        ),
        Error::ExpectedMap => (
            m("マップ `{` が必要です", "expected a map `{`"),
            Some(m(
                "`{Nurse: 0.8, Clerk: 0.2}` のように書きます",
                "write it like `{Nurse: 0.8, Clerk: 0.2}`",
            )),
        ),
        Error::ExpectedMapColon => (m("コロン `:` が必要です", "expected a colon `:`"), None),
        Error::ExpectedMapEnd => (m("`}` が必要です", "expected a closing `}`"), unclosed()),
        Error::ExpectedString => (
            m("文字列が必要です", "expected a string"),
            Some(m(
                "文字列は `\"z1\"` のように二重引用符で囲みます",
                "strings are written in double quotes, like `\"z1\"`",
            )),
        ),
        Error::ExpectedStringEnd => (
            m("文字列が閉じていません", "unterminated string"),
            Some(m(
                "文字列の終わりに `\"` を付けてください",
                "end the string with `\"`",
            )),
        ),
        Error::ExpectedInteger => (
            m("整数が必要です", "expected a whole number"),
            Some(m(
                "このフィールドには `14` のような整数を書きます（小数は使えません）",
                "this field takes a whole number like `14` (no decimals)",
            )),
        ),
        Error::ExpectedFloat => (
            m("数値が必要です", "expected a number"),
            Some(m(
                "`0.5` や `12` のように数値を書きます（引用符は不要です）",
                "write a number like `0.5` or `12`, without quotes",
            )),
        ),
        Error::ExpectedBoolean => (
            m("`true` か `false` が必要です", "expected `true` or `false`"),
            None,
        ),
        Error::ExpectedIdentifier => (
            m("名前（識別子）が必要です", "expected a name (identifier)"),
            None,
        ),
        Error::ExpectedOption => (
            m(
                "値か `None` が必要です",
                "expected a value or `None` for an optional field",
            ),
            None,
        ),
        Error::IntegerOutOfBounds => (
            m("整数が範囲外です", "whole number out of range"),
            Some(m(
                "このフィールドには 0 以上の整数を書きます（負の値や大きすぎる値は使えません）",
                "this field takes a whole number of 0 or more (no negative or huge values)",
            )),
        ),
        Error::UnexpectedChar(c) => (
            m(
                format!("予期しない文字 {c:?} があります"),
                format!("unexpected character {c:?}"),
            ),
            if !c.is_ascii() {
                Some(m(
                    "全角の記号（，：（）「」など）は半角で書きます。日本語は文字列 \"...\" の中だけに書けます",
                    "use ASCII punctuation; non-ASCII text belongs inside strings \"...\"",
                ))
            } else {
                None
            },
        ),
        Error::TrailingCharacters => (
            m(
                "シナリオの終わりの後に余分な文字があります",
                "unexpected text after the end of the scenario",
            ),
            Some(m(
                "最後の `)` より後ろを削除するか、括弧の対応を確認してください",
                "remove what follows the last `)` or check that brackets match",
            )),
        ),
        Error::UnclosedBlockComment => (
            m(
                "ブロックコメント `/*` が閉じていません",
                "unclosed block comment `/*`",
            ),
            Some(m("`*/` で閉じてください", "close it with `*/`")),
        ),
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            m(
                format!("不明なフィールド `{found}`{}", in_outer_ja(outer)),
                format!("unknown field `{found}`{}", in_outer_en(outer)),
            ),
            suggest(found, expected, "フィールド", "fields"),
        ),
        Error::MissingStructField { field, outer } => (
            m(
                format!(
                    "必須のフィールド `{field}` がありません{}",
                    in_outer_ja(outer)
                ),
                format!("missing field `{field}`{}", in_outer_en(outer)),
            ),
            Some(m(
                format!("`{field}: ...` を追加してください"),
                format!("add `{field}: ...`"),
            )),
        ),
        Error::DuplicateStructField { field, outer } => (
            m(
                format!(
                    "フィールド `{field}` が2回書かれています{}",
                    in_outer_ja(outer)
                ),
                format!("field `{field}` appears twice{}", in_outer_en(outer)),
            ),
            Some(m("どちらか一方を削除してください", "remove one of them")),
        ),
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            m(
                format!("`{found}` は使えない値です{}", in_outer_ja(outer)),
                format!("unknown variant `{found}`{}", in_outer_en(outer)),
            ),
            suggest(found, expected, "値", "variants"),
        ),
        Error::InvalidValueForType { expected, found } => (
            m(
                format!("型が違います: {expected} が必要ですが、{found} が書かれています"),
                format!("expected {expected} but found {found}"),
            ),
            None,
        ),
        Error::ExpectedDifferentLength { expected, found } => (
            m(
                format!("要素の数が違います: {expected} が必要ですが、{found} 個あります"),
                format!("expected {expected} but found {found} elements"),
            ),
            None,
        ),
        Error::ExpectedDifferentStructName { expected, found } => (
            m(
                format!("構造名が違います: `{expected}` が必要ですが、`{found}` が書かれています"),
                format!("expected struct `{expected}` but found `{found}`"),
            ),
            Some(m(
                format!("`{expected}(...)` とするか、名前を省いて `(...)` と書いてください"),
                format!("write `{expected}(...)` or leave the name out: `(...)`"),
            )),
        ),
        Error::ExceededRecursionLimit => (m("入れ子が深すぎます", "nesting is too deep"), None),
        Error::Utf8Error(e) => (
            m(
                format!("UTF-8 として読めません: {e}"),
                format!("not valid UTF-8: {e}"),
            ),
            Some(m(
                "ファイルを UTF-8 で保存してください",
                "save the file as UTF-8",
            )),
        ),
        Error::Message(s) => (m(format!("エラー: {s}"), s.clone()), None),
        other => (
            m(
                format!("構文エラー: {other}"),
                format!("syntax error: {other}"),
            ),
            None,
        ),
    }
}
