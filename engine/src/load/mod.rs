//! Reading a scenario file: RON syntax and types, then meaning (validation), with every
//! problem reported at its line and column.
//!
//! Syntax and type errors come from ron (one at a time: ron stops at the first). After a
//! successful parse every semantic check runs and all problems are reported together, each at
//! the value it is about, found through [`spans::SpanIndex`].

mod checks;
mod located;
mod render;
pub mod spans;
mod syntax;
mod text;

use std::fmt;
use std::ops::Range;

use ron::extensions::Extensions;

use crate::Lang;
use crate::lang::Msg;
use crate::scenario::Scenario;

/// One problem found in a scenario file.
///
/// `message` and `hint` are Japanese (the default language); `message_en` and `hint_en` say
/// the same in English. Use [`Diagnostic::message_in`] / [`Diagnostic::hint_in`] to pick.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte range in the source that the problem points at.
    pub span: Range<usize>,
    /// What is wrong, including what was expected (Japanese).
    pub message: String,
    /// How to fix it, when there is something useful to say (Japanese).
    pub hint: Option<String>,
    /// `message` in English.
    pub message_en: String,
    /// `hint` in English.
    pub hint_en: Option<String>,
    /// A stable short name of the check (`syntax`, `duplicate-id`, `unknown-ref`, …) for tools
    /// and tests.
    pub code: &'static str,
    /// The value path the problem is about (`agencies[0].staff.members[3].home_km`); `None`
    /// for syntax errors.
    pub path: Option<String>,
}

impl Diagnostic {
    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }

    /// The hint in `lang`.
    pub fn hint_in(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ja => self.hint.as_deref(),
            Lang::En => self.hint_en.as_deref(),
        }
    }

    fn new(
        src: &str,
        lines: &text::LineIndex,
        span: Range<usize>,
        code: &'static str,
        path: Option<String>,
        message: Msg,
        hint: Option<Msg>,
    ) -> Diagnostic {
        let (line, column) = lines.line_col(src, span.start);
        let (hint, hint_en) = match hint {
            Some(h) => (Some(h.ja), Some(h.en)),
            None => (None, None),
        };
        Diagnostic {
            line,
            column,
            span,
            message: message.ja,
            hint,
            message_en: message.en,
            hint_en,
            code,
            path,
        }
    }
}

/// A scenario file that could not be loaded, with every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub file: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// The ron options scenario files are read with: `IMPLICIT_SOME` lets an optional field be
/// written `battery_hours: 8` as well as `Some(8)`.
pub fn ron_options() -> ron::Options {
    // IMPLICIT_SOME: `battery_hours: 8` for an optional field. (UNWRAP_VARIANT_NEWTYPES would
    // spare `Infection((…))` its doubled parentheses but breaks `Some((…))` for structs.)
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

pub use located::{Report, read_checked, read_located};
pub use render::{MAX_SHOWN, more_not_shown};
pub use text::{LineIndex, normalize};

/// ron's syntax or type error as a diagnostic at its position in `src` (code `syntax`).
pub(crate) fn ron_error_diagnostic(src: &str, err: &ron::error::SpannedError) -> Diagnostic {
    syntax::diagnostic(src, err)
}

/// Every semantic check of a parsed scenario, each problem placed in `src` through `index`,
/// in source order. (`load_scenario` is parsing followed by this.)
pub(crate) fn check_scenario(
    scenario: &Scenario,
    src: &str,
    index: &spans::SpanIndex,
) -> Vec<Diagnostic> {
    checks::check(scenario, src, index)
}

/// The known name closest to `found`, if it is close enough to be a likely typo.
pub(crate) fn closest_name<'a>(
    found: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    text::closest(found, known)
}

impl Diagnostic {
    /// A diagnostic at `span` of `src` with its message and hint: for checks
    /// made outside this module (plan variants).
    pub(crate) fn at(
        src: &str,
        lines: &LineIndex,
        span: Range<usize>,
        code: &'static str,
        path: Option<String>,
        message: Msg,
        hint: Option<Msg>,
    ) -> Diagnostic {
        let span = text::widen(src, span);
        Diagnostic::new(src, lines, span, code, path, message, hint)
    }

    /// The same problem placed at `span` of another text `src` (its line and column
    /// recomputed); message, hint, code and path are kept.
    pub(crate) fn placed_at(&self, src: &str, lines: &LineIndex, span: Range<usize>) -> Diagnostic {
        let span = text::widen(src, span);
        let (line, column) = lines.line_col(src, span.start);
        Diagnostic {
            line,
            column,
            span,
            ..self.clone()
        }
    }
}

/// Parses and validates a scenario. `file` names the source in diagnostics.
pub fn load_scenario(file: &str, text: &str) -> Result<Scenario, LoadError> {
    read_checked(file, text, checks::check)
}

impl LoadError {
    /// Every problem under its source line, then a count line. No ANSI colour unless `color`.
    pub fn render(&self, lang: Lang, color: bool) -> String {
        render::render(self, lang, color)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Ja, false))
    }
}

impl std::error::Error for LoadError {}

/// What a valid scenario holds that is probably a slip: a power-dependent device with no hours
/// at all without power (no battery, no spare, no household backup) stops the moment the power
/// fails. Such devices are rare (2011 Tokyo survey of home ventilator users: most had an
/// internal or an external battery), so `validate` warns and the run goes on.
pub fn warnings(text: &str, scenario: &Scenario) -> Vec<Diagnostic> {
    let text = normalize(text);
    let text = text.as_ref();
    let index = spans::SpanIndex::build(text);
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    let mut warn = |path: String| {
        let (span, _) = index.find(&path);
        out.push(Diagnostic::new(
            text,
            &lines,
            span,
            "no-battery",
            Some(path),
            Msg::new(
                "電源が切れた瞬間に止まる機器です（バッテリー 0 時間、予備・自家発電なし）",
                "this device stops the moment the power fails (0 h of battery, no spare, no \
                 household backup)",
            ),
            Some(Msg::new(
                "表2の内部・外部バッテリーの時間を確認してください（本当に無い場合はこのままで構いません）",
                "check the sheet's internal and external battery hours (leave it if there truly \
                 is none)",
            )),
        ));
    };
    let empty = |d: &crate::scenario::Device| {
        d.battery_hours == 0.0 && d.spare_battery_hours == 0.0 && d.family_backup_hours == 0.0
    };
    for (a, agency) in scenario.agencies.iter().enumerate() {
        let pp = format!("agencies[{a}].patients");
        for (j, p) in agency.patients.members.iter().enumerate() {
            for (k, d) in p.devices.iter().enumerate() {
                if empty(d) {
                    warn(format!("{pp}.members[{j}].devices[{k}].battery_hours"));
                }
            }
        }
        for (c, class) in agency
            .patients
            .profile
            .iter()
            .flat_map(|p| p.classes.iter().enumerate())
        {
            for (k, d) in class.devices.iter().enumerate() {
                if d.share > 0.0 && empty(&d.device) {
                    warn(format!(
                        "{pp}.profile.classes[{c}].devices[{k}].device.battery_hours"
                    ));
                }
            }
        }
    }
    out
}

/// The text of a scenario, variant or session file from its bytes, or — when they are not
/// UTF-8 — an error at the line and column of the first byte that is not, saying which
/// encoding the file seems to be in (a Japanese file saved by a Windows editor is usually
/// Shift_JIS) and how to convert it. The text is returned as read (see [`normalize`] for how
/// the readers take line ends and a byte-order mark).
#[allow(clippy::result_large_err)] // built once per file read
pub fn decode_source(file: &str, bytes: &[u8]) -> Result<String, LoadError> {
    let e = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(s.to_string()),
        Err(e) => e,
    };
    let valid = e.valid_up_to();
    let lossy = String::from_utf8_lossy(bytes);
    let source = normalize(&lossy).into_owned();
    let at = normalize(&lossy[..valid]).len();
    let span = at..(at + '\u{fffd}'.len_utf8()).min(source.len());
    let bad: String = bytes[valid..]
        .iter()
        .take(e.error_len().unwrap_or(1).max(1))
        .map(|b| format!("0x{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ");
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let sjis = !utf16 && {
        let (_, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
        !had_errors
    };
    let (from, seems_ja, seems_en) = if utf16 {
        (
            "UTF-16",
            "UTF-16 で保存されたファイルのようです",
            "the file seems to be UTF-16",
        )
    } else if sjis {
        (
            "CP932",
            "Shift_JIS（Windows のメモ帳や Excel が標準で使う文字コード）で保存されたファイルのようです",
            "the file seems to be Shift_JIS, as Windows editors (Notepad, Excel) save Japanese text by default",
        )
    } else {
        (
            "ENCODING",
            "UTF-8 ではない文字コード（Shift_JIS、EUC-JP など）で保存されたファイルか、テキストではないファイルです",
            "the file is in another encoding than UTF-8 (Shift_JIS, EUC-JP, …) or is not text",
        )
    };
    let message = Msg::new(
        format!("UTF-8 として読めないバイト {bad} があります。{seems_ja}"),
        format!("byte {bad} is not valid UTF-8: {seems_en}"),
    );
    let hint = Msg::new(
        format!(
            "エディタで「UTF-8」を選んで保存し直すか（メモ帳: 名前を付けて保存 → 文字コード「UTF-8」）、変換してください: iconv -f {from} -t UTF-8 {file} > 新しいファイル"
        ),
        format!(
            "save it again choosing \"UTF-8\" in the editor (Notepad: Save As → Encoding \"UTF-8\"), or convert it: iconv -f {from} -t UTF-8 {file} > NEW_FILE"
        ),
    );
    let lines = LineIndex::new(&source);
    let d = Diagnostic::new(&source, &lines, span, "not-utf8", None, message, Some(hint));
    Err(LoadError {
        file: file.to_string(),
        source,
        diagnostics: vec![d],
    })
}

#[cfg(test)]
mod decode_tests {
    use super::*;

    #[test]
    fn shift_jis_is_located_and_named() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("(\r\n  name: \"訪問\",\r\n)");
        let err = decode_source("s.ron", &sjis).unwrap_err();
        let d = &err.diagnostics[0];
        assert_eq!((d.line, d.column, d.code), (2, 10, "not-utf8"));
        let en = err.render(Lang::En, false);
        assert!(en.contains("--> s.ron:2:10"), "{en}");
        assert!(
            en.contains("Shift_JIS") && en.contains("iconv -f CP932 -t UTF-8 s.ron"),
            "{en}"
        );
        let ja = err.render(Lang::Ja, false);
        assert!(ja.contains("Shift_JIS") && ja.contains("UTF-8 として読めないバイト"));
        assert_eq!(decode_source("a", b"ok").unwrap(), "ok");
        let err = decode_source("b", b"\xff\xfe(\0").unwrap_err();
        assert!(err.render(Lang::En, false).contains("UTF-16"));
    }

    #[test]
    fn old_mac_line_ends_load_and_place_errors_on_their_line() {
        let src = crate::samples::SAMPLE_STATION.replace('\n', "\r");
        assert!(load_scenario("mac.ron", &src).is_ok());
        let bad = src.replacen("horizon_hours: ", "horizon_hours: -", 1);
        let err = load_scenario("mac.ron", &bad).unwrap_err();
        let want = crate::samples::SAMPLE_STATION
            .lines()
            .position(|l| l.contains("horizon_hours:"))
            .unwrap()
            + 1;
        assert_eq!(
            err.diagnostics[0].line,
            want,
            "{}",
            err.render(Lang::En, false)
        );
        assert!(
            err.render(Lang::En, false)
                .lines()
                .all(|l| l.chars().count() < 200)
        );
    }
}
