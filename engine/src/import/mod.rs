//! Rosters from spreadsheets: the staff sheet (表1 災害時職員管理シート) and the patient sheet
//! (表2 災害時利用者管理シート) as Excel saves them in Japan, turned into the scenario's
//! `members` lists.
//!
//! Like the rest of the engine this module does no I/O: it is handed the bytes of a CSV file
//! and returns members, RON text or problems. Every bad cell is reported at once, with its
//! sheet row (as Excel numbers it) and its column header, in Japanese and English.
//!
//! - [`encoding`]: UTF-8 (with or without BOM) or Shift_JIS (CP932), detected or chosen;
//! - [`headers`]: the accepted column headers, finding the header row, and the blank templates;
//! - [`values`]: normalisation (NFKC) and the accepted cell values;
//! - [`staff`] / [`patients`]: one row → one `StaffMemberSpec` / `PatientSpec`;
//! - [`ids`]: ids kept, generated, or replaced by keyed-hash pseudonyms;
//! - [`write`]: members as RON; [`splice`]: merging them into a scenario's text.

mod cells;
pub mod encoding;
pub mod headers;
pub mod ids;
pub mod patients;
pub mod splice;
pub mod staff;
pub mod values;
pub mod write;

use std::fmt::Write as _;

use crate::Lang;
use crate::lang::Msg;
use crate::scenario::{PatientSpec, StaffMemberSpec};

pub use encoding::Encoding;
pub use headers::template;
pub use ids::NameMode;
pub use splice::merge_into;
pub use write::{patients_ron, staff_ron};

/// Which sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    /// 表1 災害時職員管理シート.
    Staff,
    /// 表2 災害時利用者管理シート.
    Patients,
}

impl SheetKind {
    pub fn ja(self) -> &'static str {
        match self {
            SheetKind::Staff => "職員",
            SheetKind::Patients => "利用者",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            SheetKind::Staff => "staff",
            SheetKind::Patients => "patients",
        }
    }
}

/// How to read a sheet.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `None`: detect (BOM, then valid UTF-8, then Shift_JIS).
    pub encoding: Option<Encoding>,
    /// Prefix of generated ids and pseudonyms (`station` → `station-s01`); empty for none.
    pub agency: String,
    /// Whether names are dropped (default), kept, or replaced by pseudonyms.
    pub names: NameMode,
    /// Zone ids a patient's 地区 may name; `None` accepts any well-formed id.
    pub zones: Option<Vec<String>>,
}

/// Members read from a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported<T> {
    pub members: Vec<T>,
    /// The encoding the file was read in.
    pub encoding: Encoding,
    /// What was not read (unknown columns), to be said; the import went on.
    pub warnings: Vec<Problem>,
}

/// One problem in a sheet (or in merging it), bilingual like the loader's diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 1-based sheet row, as Excel numbers it; `None` for the whole file.
    pub row: Option<usize>,
    /// The column's header as written in the sheet (or the header that is missing).
    pub column: Option<String>,
    /// A short stable name of the check (`unknown-value`, `not-a-number`, …) for tests.
    pub code: &'static str,
    pub message: String,
    pub message_en: String,
    pub hint: Option<String>,
    pub hint_en: Option<String>,
}

impl Problem {
    pub(crate) fn new(code: &'static str, message: Msg, hint: Option<Msg>) -> Problem {
        let (hint, hint_en) = match hint {
            Some(h) => (Some(h.ja), Some(h.en)),
            None => (None, None),
        };
        Problem {
            row: None,
            column: None,
            code,
            message: message.ja,
            message_en: message.en,
            hint,
            hint_en,
        }
    }

    pub(crate) fn at(mut self, row: usize, column: &str) -> Problem {
        self.row = Some(row);
        self.column = Some(column.to_string());
        self
    }

    pub fn message_in(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }

    pub fn hint_in(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ja => self.hint.as_deref(),
            Lang::En => self.hint_en.as_deref(),
        }
    }

    /// `FILE: row 5, column "通勤手段": message` and an indented hint line.
    pub fn render(&self, file: &str, lang: Lang) -> String {
        let mut out = String::new();
        let place = match (self.row, &self.column, lang) {
            (Some(r), Some(c), Lang::Ja) => format!("{r}行目「{c}」列: "),
            (Some(r), Some(c), Lang::En) => format!("row {r}, column \"{c}\": "),
            (Some(r), None, Lang::Ja) => format!("{r}行目: "),
            (Some(r), None, Lang::En) => format!("row {r}: "),
            (None, Some(c), Lang::Ja) => format!("「{c}」列: "),
            (None, Some(c), Lang::En) => format!("column \"{c}\": "),
            (None, None, _) => String::new(),
        };
        let _ = writeln!(out, "{file}: {place}{}", self.message_in(lang));
        if let Some(h) = self.hint_in(lang) {
            let label = lang.pick("ヒント", "hint");
            let _ = writeln!(out, "    {label}: {h}");
        }
        out
    }
}

/// A sheet that could not be imported: every problem found, in row order.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub problems: Vec<Problem>,
}

impl ImportError {
    /// Every problem, then a count line saying nothing was written.
    pub fn render(&self, file: &str, lang: Lang) -> String {
        let mut out: String = self
            .problems
            .iter()
            .take(crate::load::MAX_SHOWN)
            .map(|p| p.render(file, lang))
            .collect();
        let n = self.problems.len();
        out.push_str(&crate::load::more_not_shown(n, lang));
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Ja => format!("{n}件の問題があります。何も書き出していません。"),
                Lang::En => format!(
                    "{n} problem{}; nothing was written.",
                    if n == 1 { "" } else { "s" }
                ),
            }
        );
        out
    }
}

impl From<Problem> for ImportError {
    fn from(p: Problem) -> ImportError {
        ImportError { problems: vec![p] }
    }
}

/// Reads a staff sheet (表1). Rows that are entirely blank are skipped.
pub fn import_staff(
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Imported<StaffMemberSpec>, ImportError> {
    let (text, encoding) = encoding::decode(bytes, opts.encoding)?;
    let sheet = headers::Sheet::parse(&text, SheetKind::Staff)
        .map_err(|problems| ImportError { problems })?;
    let members = staff::members(&sheet, opts)?;
    Ok(Imported {
        members,
        encoding,
        warnings: sheet.warnings,
    })
}

/// Reads a patient sheet (表2). Rows that are entirely blank are skipped.
pub fn import_patients(
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Imported<PatientSpec>, ImportError> {
    let (text, encoding) = encoding::decode(bytes, opts.encoding)?;
    let sheet = headers::Sheet::parse(&text, SheetKind::Patients)
        .map_err(|problems| ImportError { problems })?;
    let members = patients::members(&sheet, opts)?;
    Ok(Imported {
        members,
        encoding,
        warnings: sheet.warnings,
    })
}
