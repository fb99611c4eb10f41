//! Reading the cells of one row, each problem recorded at its row and column.

use super::headers::{COLUMNS, Field, Sheet};
use super::values::{self, NumberError, Table};
use super::{Problem, SheetKind};

use crate::lang::Msg;

/// One data row being read; problems go to a list shared by the whole sheet.
pub struct Row<'a, 'p> {
    pub sheet: &'a Sheet,
    pub number: usize,
    pub cells: &'a [String],
    pub problems: &'p mut Vec<Problem>,
}

impl<'a> Row<'a, '_> {
    /// The cell's header and trimmed text; `None` when the column is absent or the cell empty.
    pub fn get(&self, field: Field) -> Option<(&'a str, &'a str)> {
        self.sheet.cell(self.cells, field)
    }

    pub fn push(&mut self, header: &str, p: Problem) {
        self.problems.push(p.at(self.number, header));
    }

    fn missing(&mut self, field: Field) {
        let header = self.sheet.header_of(field);
        let p = Problem::new(
            "missing-value",
            Msg::new(
                format!("「{header}」が空です"),
                format!("\"{header}\" is empty"),
            ),
            Some(Msg::new(
                "この列は必須です。値を入れてください",
                "this column is required: fill it in",
            )),
        );
        self.push(&header, p);
    }

    /// A word from `table`; `None` when empty or not understood (then a problem is recorded).
    pub fn word<T: Copy>(&mut self, field: Field, table: &Table<T>) -> Option<T> {
        let (header, raw) = self.get(field)?;
        match table.lookup(raw) {
            Ok(v) => Some(v),
            Err(u) => {
                let p = unknown_word(table, raw, u.suggestion);
                self.push(header, p);
                None
            }
        }
    }

    /// A yes/no column that may also name someone (`母（要介護2）` in 要介護者): a yes/no word
    /// as the table reads it, any other text yes; an empty cell no.
    pub fn presence(&mut self, field: Field, table: &Table<bool>) -> bool {
        match self.get(field) {
            None => false,
            Some((_, raw)) => table.lookup(raw).unwrap_or(true),
        }
    }

    pub fn required_word<T: Copy>(&mut self, field: Field, table: &Table<T>) -> Option<T> {
        if self.get(field).is_none() {
            self.missing(field);
            return None;
        }
        self.word(field, table)
    }

    /// A non-negative number, a unit from `units` allowed after it.
    pub fn number(&mut self, field: Field, units: &[&str], what: (&str, &str)) -> Option<f64> {
        let (header, raw) = self.get(field)?;
        match values::number(raw, units) {
            Ok(x) => Some(x),
            Err(e) => {
                let p = number_problem(e, raw, what, units);
                self.push(header, p);
                None
            }
        }
    }

    pub fn required_number(
        &mut self,
        field: Field,
        units: &[&str],
        what: (&str, &str),
    ) -> Option<f64> {
        if self.get(field).is_none() {
            self.missing(field);
            return None;
        }
        self.number(field, units, what)
    }
}

pub fn unknown_word<T: Copy>(table: &Table<T>, raw: &str, suggestion: Option<&str>) -> Problem {
    let (ja, en) = match suggestion {
        Some(s) => (
            format!("「{s}」のことですか？ 使える値: {}", table.accepted()),
            format!("did you mean \"{s}\"? accepted: {}", table.accepted()),
        ),
        None => (
            format!("使える値: {}", table.accepted()),
            format!("accepted: {}", table.accepted()),
        ),
    };
    Problem::new(
        "unknown-value",
        Msg::new(
            format!("{}「{raw}」が分かりません", table.what_ja),
            format!("unknown {} \"{raw}\"", table.what_en),
        ),
        Some(Msg::new(ja, en)),
    )
}

pub fn number_problem(e: NumberError, raw: &str, what: (&str, &str), units: &[&str]) -> Problem {
    let unit = units.first().copied().unwrap_or("");
    match e {
        NumberError::NotANumber => Problem::new(
            "not-a-number",
            Msg::new(
                format!("{}には数値を入れてください: 「{raw}」", what.0),
                format!("a number is expected for {}: \"{raw}\"", what.1),
            ),
            Some(Msg::new(
                format!("例: 3、3.5、３（末尾の「{unit}」は付けても構いません）"),
                format!("e.g. 3, 3.5 or ３ (a trailing \"{unit}\" is allowed)"),
            )),
        ),
        NumberError::Negative => Problem::new(
            "negative",
            Msg::new(
                format!("{}が負の値です: 「{raw}」", what.0),
                format!("{} is negative: \"{raw}\"", what.1),
            ),
            Some(Msg::new("0 以上の値を入れてください", "use 0 or more")),
        ),
    }
}

/// A problem when the sheet lacks a column this sheet needs (but the header table does not
/// mark required, because the other sheet may leave it out).
pub fn require_column(sheet: &Sheet, field: Field, kind: SheetKind) -> Option<Problem> {
    if sheet.columns.iter().any(|c| c.field == field) {
        return None;
    }
    let spec = COLUMNS.iter().find(|c| c.field == field)?;
    let (ja, en) = (spec.ja, spec.en);
    let mut p = Problem::new(
        "missing-column",
        Msg::new(
            format!("{}の必須の列「{ja}」がありません", kind.ja()),
            format!(
                "the required {} column \"{en}\" ({ja}) is missing",
                kind.en()
            ),
        ),
        Some(Msg::new(
            format!("見出しが「{ja}」の列を追加してください"),
            format!("add a column headed \"{ja}\" or \"{en}\""),
        )),
    );
    p.row = Some(sheet.header_row);
    Some(p)
}
