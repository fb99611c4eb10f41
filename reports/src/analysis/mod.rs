//! What the analyses write and show: `bcpsim sensitivity` (a tornado and Sobol' indices) and
//! `bcpsim search` (the cheapest plan meeting a target, the cost–risk frontier). Files
//! ([`sensitivity`], [`search`]), terminal tables, charts ([`charts`]) and a self-contained
//! HTML report ([`html`]). All pure: the same result gives the same bytes.

pub mod charts;
pub mod html;
pub mod search;
pub mod sensitivity;

/// A number in its shortest exact form (Rust's `Display` of f64), for CSV cells; empty for
/// none.
pub(crate) fn cell(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| v.to_string())
}

/// A CSV field: quoted when it holds a comma, a quote or a line break.
pub(crate) fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Pretty JSON with a trailing newline.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    s.push('\n');
    s
}
