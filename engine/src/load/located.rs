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

/// Parses `text` (named `file` in diagnostics) as a `T`, then checks its meaning: `check`
/// returns the problems, placed in the (normalized) text through its span index. The parsed
/// value when there are none; otherwise every problem. Scenarios and the analyses' files
/// alike are read through this.
pub fn read_checked<T: DeserializeOwned>(
    file: &str,
    text: &str,
    check: impl FnOnce(&T, &str, &SpanIndex) -> Vec<Diagnostic>,
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
    let problems = check(&value, text, &SpanIndex::build(text));
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(fail(problems))
    }
}

/// [`read_checked`] for checks that report each problem at the value of a dotted path, through
/// `at`; the problems come out in file order.
pub fn read_located<T: DeserializeOwned>(
    file: &str,
    text: &str,
    check: impl FnOnce(&T, &mut Report<'_>),
) -> Result<T, LoadError> {
    read_checked(file, text, |value: &T, text, index| {
        let lines = LineIndex::new(text);
        let mut problems = Vec::new();
        check(value, &mut |path: String, code, message, hint| {
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
        problems.sort_by_key(|d| (d.span.start, d.span.end));
        problems
    })
}
