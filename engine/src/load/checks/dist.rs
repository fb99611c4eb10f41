//! Distributions (`scenario/dist.rs`): parameters in range, bounds of shares and factors.

use super::*;
use crate::scenario::*;

impl Checker<'_> {
    pub(super) fn dist(&mut self, path: &str, d: &Dist) {
        match *d {
            Dist::Fixed(x) => self.non_negative(path, x),
            Dist::Uniform { min, max } => {
                let pmin = format!("{path}.min");
                let pmax = format!("{path}.max");
                self.non_negative(&pmin, min);
                if self.finite(&pmax, max) && min.is_finite() && min > max {
                    self.err(
                        &pmax,
                        "dist",
                        m(
                            format!(
                                "一様分布の `max`（{max}）が `min`（{min}）より小さくなっています"
                            ),
                            format!("uniform distribution has `max` ({max}) below `min` ({min})"),
                        ),
                        Some(m("min ≤ max にしてください", "make min ≤ max")),
                    );
                }
            }
            Dist::Triangular { min, mode, max } => {
                let pmin = format!("{path}.min");
                let pmode = format!("{path}.mode");
                let pmax = format!("{path}.max");
                self.non_negative(&pmin, min);
                let ok = self.finite(&pmode, mode) & self.finite(&pmax, max) && min.is_finite();
                if ok && !(min <= mode && mode <= max) {
                    self.err(
                        &pmode,
                        "dist",
                        m(
                            format!("三角分布は min ≤ mode ≤ max が必要です（{min}, {mode}, {max}）"),
                            format!(
                                "triangular distribution needs min ≤ mode ≤ max ({min}, {mode}, {max})"
                            ),
                        ),
                        None,
                    );
                }
            }
            Dist::Normal { mean, sd } => {
                self.non_negative(&format!("{path}.mean"), mean);
                self.non_negative(&format!("{path}.sd"), sd);
            }
            Dist::LogNormal { median, sigma } => {
                self.positive(&format!("{path}.median"), median);
                self.non_negative(&format!("{path}.sigma"), sigma);
            }
        }
    }

    /// The parameter of `d` that bounds its draws from below (`lower`) or, for a share, from
    /// above, with its path: the value itself, `min`/`max`, or the centre of an unbounded
    /// distribution (`mean`, `median`).
    pub(super) fn bound(path: &str, d: &Dist, lower: bool) -> (String, f64) {
        let end = if lower { "min" } else { "max" };
        match *d {
            Dist::Fixed(x) => (path.to_string(), x),
            Dist::Uniform { min, max } | Dist::Triangular { min, max, .. } => {
                (format!("{path}.{end}"), if lower { min } else { max })
            }
            Dist::Normal { mean, .. } => (format!("{path}.mean"), mean),
            Dist::LogNormal { median, .. } => (format!("{path}.median"), median),
        }
    }

    /// A share given as a number or a distribution: its parameters as for `dist`, and its
    /// upper end (or centre) at most 1. Draws are clamped to 0–1.
    pub(super) fn dist_share(&mut self, path: &str, d: &Dist) {
        self.dist(path, d);
        let (p, v) = Self::bound(path, d, false);
        if v.is_finite() && v > 1.0 {
            self.share(&p, v);
        }
    }

    /// A factor given as a number or a distribution (a pace, a scale): its parameters as for
    /// `dist`, and its centre above 0.
    pub(super) fn dist_factor(&mut self, path: &str, d: &Dist) {
        self.dist(path, d);
        // A log-normal's median is already checked to be above 0.
        if !matches!(d, Dist::LogNormal { .. }) {
            let (p, v) = Self::bound(path, d, false);
            self.positive(&p, v);
        }
    }
}
