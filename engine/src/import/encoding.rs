//! The text encodings Excel writes CSV in, in Japan: "CSV UTF-8" (with a BOM) and plain "CSV"
//! (Shift_JIS, really Windows code page 932).

use super::Problem;

use crate::lang::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// Shift_JIS as Windows writes it (CP932: NEC and IBM extensions such as ①, ㈱, 髙).
    ShiftJis,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::ShiftJis => "Shift_JIS",
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes`. With `chosen = None`: a UTF-8 BOM or valid UTF-8 means UTF-8; anything
/// else is tried as Shift_JIS. A file that decodes cleanly in neither is an error, never
/// text with replacement characters.
#[allow(clippy::result_large_err)] // a problem is built once per failed import, never in a loop
pub fn decode(bytes: &[u8], chosen: Option<Encoding>) -> Result<(String, Encoding), Problem> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // Excel's "Unicode text" is UTF-16 and tab-separated: not what we read.
        return Err(Problem::new(
            "encoding",
            Msg::new(
                "UTF-16 のファイルは読めません",
                "UTF-16 files are not supported",
            ),
            Some(save_as_hint()),
        ));
    }
    let encoding = match chosen {
        Some(e) => e,
        None if bytes.starts_with(UTF8_BOM) || std::str::from_utf8(bytes).is_ok() => Encoding::Utf8,
        None => Encoding::ShiftJis,
    };
    match encoding {
        Encoding::Utf8 => {
            let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
            match std::str::from_utf8(body) {
                Ok(s) => Ok((s.to_string(), Encoding::Utf8)),
                Err(e) => Err(Problem::new(
                    "encoding",
                    Msg::new(
                        format!("UTF-8 として読めません（{} バイト目）", e.valid_up_to() + 1),
                        format!("not valid UTF-8 (at byte {})", e.valid_up_to() + 1),
                    ),
                    Some(Msg::new(
                        "Excel の「CSV」で保存したファイルなら --encoding shift_jis を付けてください",
                        "a file saved as Excel's plain \"CSV\" is Shift_JIS: add --encoding shift_jis",
                    )),
                )),
            }
        }
        Encoding::ShiftJis => {
            let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
            if had_errors {
                let (ja, en) = if chosen.is_some() {
                    ("Shift_JIS として読めません", "not valid Shift_JIS")
                } else {
                    (
                        "文字コードが分かりません（UTF-8 でも Shift_JIS でもありません）",
                        "unknown text encoding (neither UTF-8 nor Shift_JIS)",
                    )
                };
                return Err(Problem::new(
                    "encoding",
                    Msg::new(ja, en),
                    Some(save_as_hint()),
                ));
            }
            Ok((text.into_owned(), Encoding::ShiftJis))
        }
    }
}

fn save_as_hint() -> Msg {
    Msg::new(
        "Excel で「CSV UTF-8（コンマ区切り）」または「CSV（コンマ区切り）」として保存し直してください",
        "save the sheet from Excel as \"CSV UTF-8 (Comma delimited)\" or \"CSV (Comma delimited)\"",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_bom_plain_utf8_and_shift_jis() {
        let (t, e) = decode("\u{feff}氏名,職種".as_bytes(), None).unwrap();
        assert_eq!((t.as_str(), e), ("氏名,職種", Encoding::Utf8));
        let (t, e) = decode("氏名".as_bytes(), None).unwrap();
        assert_eq!((t.as_str(), e), ("氏名", Encoding::Utf8));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("氏名,髙橋,①");
        let (t, e) = decode(&sjis, None).unwrap();
        assert_eq!((t.as_str(), e), ("氏名,髙橋,①", Encoding::ShiftJis));
    }

    #[test]
    fn wrong_choice_and_garbage_are_errors() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("看護師");
        assert!(decode(&sjis, Some(Encoding::Utf8)).is_err());
        assert!(decode(b"\x82\xff\xff", None).is_err());
        assert!(decode(b"\xFF\xFEa\0", None).is_err());
    }
}
