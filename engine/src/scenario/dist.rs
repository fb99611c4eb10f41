use serde::{Deserialize, Serialize};

/// A probability distribution of a non-negative quantity (hours, km). The unit is the unit of
/// the field that holds it. Draws below zero are clamped to zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Dist {
    /// Always this value.
    Fixed(f64),
    /// Every value between `min` and `max` equally likely.
    Uniform { min: f64, max: f64 },
    /// Triangular between `min` and `max`, most likely at `mode`.
    Triangular { min: f64, mode: f64, max: f64 },
    /// Normal with mean and standard deviation (Hazus restoration times are given this way).
    Normal { mean: f64, sd: f64 },
    /// Log-normal given by its median and the standard deviation of the log.
    LogNormal { median: f64, sigma: f64 },
}

impl Dist {
    /// The value this distribution gives for `u` uniform in [0, 1) and a standard normal `z`:
    /// callers draw both from their own stream, so every distribution consumes the same draws
    /// and switching a distribution does not shift later draws.
    pub fn value(&self, u: f64, z: f64) -> f64 {
        let v = match *self {
            Dist::Fixed(x) => x,
            Dist::Uniform { min, max } => min + (max - min) * u,
            Dist::Triangular { min, mode, max } => {
                let span = max - min;
                if span <= 0.0 {
                    min
                } else {
                    let c = (mode - min) / span;
                    if u < c {
                        min + (u * span * (mode - min)).sqrt()
                    } else {
                        max - ((1.0 - u) * span * (max - mode)).sqrt()
                    }
                }
            }
            Dist::Normal { mean, sd } => mean + sd * z,
            Dist::LogNormal { median, sigma } => median * (sigma * z).exp(),
        };
        if v.is_finite() { v.max(0.0) } else { 0.0 }
    }

    /// The mean (used for documentation and sanity checks, not for draws).
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Fixed(x) => x,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Normal { mean, .. } => mean,
            Dist::LogNormal { median, sigma } => median * (sigma * sigma / 2.0).exp(),
        }
    }
}
