//! Reading a scenario file: RON syntax and types, then meaning (validation), with every
//! problem reported at its line and column.

use std::ops::Range;

use crate::scenario::Scenario;

/// One problem found in a scenario file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte range in the source that the problem points at.
    pub span: Range<usize>,
    /// What is wrong, including what was expected.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
}

/// A scenario file that could not be loaded, with every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub file: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and validates a scenario. `file` names the source in diagnostics.
pub fn load_scenario(file: &str, text: &str) -> Result<Scenario, LoadError> {
    // TEMPORARY: syntax only; replaced by the full loader.
    ron::from_str::<Scenario>(text).map_err(|e| LoadError {
        file: file.to_string(),
        source: text.to_string(),
        diagnostics: vec![Diagnostic {
            line: e.span.start.line,
            column: e.span.start.col,
            span: 0..0,
            message: e.code.to_string(),
            hint: None,
        }],
    })
}

impl LoadError {
    /// TEMPORARY renderer.
    pub fn render(&self, lang: crate::Lang, color: bool) -> String {
        let _ = (lang, color);
        self.diagnostics
            .iter()
            .map(|d| format!("{}:{}:{}: {}\n", self.file, d.line, d.column, d.message))
            .collect()
    }
}
