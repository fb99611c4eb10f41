//! Reading a RON input that is not a scenario (a factors or levers file) the way scenarios are
//! read: syntax and type errors from ron, then each check of meaning reported at the value it
//! is about (`FILE:LINE:COLUMN`, the line, a hint), every problem at once, in file order.

use serde::de::DeserializeOwned;

use super::spans::SpanIndex;
use super::{Diagnostic, LineIndex, LoadError, normalize, ron_error_diagnostic, ron_options};
use crate::lang::Msg;

/// Reports a problem at the value of a dotted path (`levers[2].max`): its code, what is wrong,
/// and a hint.
pub type Report<'a> = dyn FnMut(String, &'static str, Msg, Option<Msg>) + 'a;

/// Parses `text` (named `file` in diagnostics) as a `T`, then lets `check` report problems of
/// meaning at their values. The parsed value when there are none; otherwise every problem.
pub fn read_located<T: DeserializeOwned>(
    file: &str,
    text: &str,
    check: impl FnOnce(&T, &mut Report<'_>),
) -> Result<T, LoadError> {
    let text = normalize(text);
    let text = text.as_ref();
    let fail = |diagnostics| LoadError {
        file: file.to_string(),
        source: text.to_string(),
        diagnostics,
    };
    let value: T = match ron_options().from_str(text) {
        Ok(v) => v,
        Err(e) => return Err(fail(vec![ron_error_diagnostic(text, &e)])),
    };
    let index = SpanIndex::build(text);
    let lines = LineIndex::new(text);
    let mut problems = Vec::new();
    check(&value, &mut |path: String, code, message, hint| {
        let (span, _) = index.find(&path);
        problems.push(Diagnostic::at(
            text,
            &lines,
            span,
            code,
            Some(path),
            message,
            hint,
        ));
    });
    if problems.is_empty() {
        Ok(value)
    } else {
        problems.sort_by_key(|d| (d.span.start, d.span.end));
        Err(fail(problems))
    }
}
