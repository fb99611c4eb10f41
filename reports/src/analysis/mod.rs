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

/// Decimals for a table of one metric's values, from their largest size: about three
/// significant digits (0 from 100, 1 from 10, 2 from 1, else 3), the same in every cell so a
/// column lines up and an interval reads like the difference it belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decimals(usize);

impl Decimals {
    pub(crate) fn for_values(values: impl IntoIterator<Item = f64>) -> Decimals {
        let size = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold(0.0_f64, |m, v| m.max(v.abs()));
        Decimals(match size {
            s if s >= 100.0 => 0,
            s if s >= 10.0 => 1,
            s if s >= 1.0 => 2,
            _ => 3,
        })
    }

    /// `x` with these decimals (never "-0").
    pub(crate) fn show(self, x: f64) -> String {
        let text = format!("{x:.*}", self.0);
        if text
            .trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
        {
            text.trim_start_matches('-').to_string()
        } else {
            text
        }
    }
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

#[cfg(test)]
mod tests {
    use super::Decimals;

    #[test]
    fn one_metrics_numbers_share_their_decimals() {
        // Means up to 395: whole numbers, the interval too (not "-93.142" beside "-134").
        let d = Decimals::for_values([395.0, 213.0, -93.142]);
        assert_eq!(d.show(-93.142), "-93");
        assert_eq!(d.show(-134.4), "-134");
        // Shares up to 0.93: three decimals; a tiny negative difference is not "-0.000".
        let d = Decimals::for_values([0.852, 0.926]);
        assert_eq!(d.show(0.0749), "0.075");
        assert_eq!(d.show(-0.0001), "0.000");
        // Hours around 12: one decimal.
        assert_eq!(Decimals::for_values([12.5, 3.0]).show(3.04), "3.0");
    }
}
