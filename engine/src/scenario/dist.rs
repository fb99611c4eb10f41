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

/// A number or a distribution, as written in a scenario: `24` is `Fixed(24)`.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "expected a number or a distribution (24, Fixed(24), Uniform(min: 3, max: 24), Triangular(min: 3, mode: 12, max: 24), Normal(mean: 12, sd: 4), LogNormal(median: 12, sigma: 0.5))"
)]
enum NumberOrDist {
    Number(f64),
    Dist(Dist),
}

/// Deserializes a field that takes a plain number (as older files wrote it) or a
/// distribution (`#[serde(deserialize_with = "number_or_dist")]`).
pub fn number_or_dist<'de, D>(deserializer: D) -> Result<Dist, D::Error>
where
    D: serde::Deserializer<'de>,
{
    Ok(match NumberOrDist::deserialize(deserializer)? {
        NumberOrDist::Number(x) => Dist::Fixed(x),
        NumberOrDist::Dist(d) => d,
    })
}

impl Dist {
    /// Whether every draw is the same value.
    pub fn is_fixed(&self) -> bool {
        match *self {
            Dist::Fixed(_) => true,
            Dist::Uniform { min, max } => min == max,
            Dist::Triangular { min, max, .. } => min == max,
            Dist::Normal { sd, .. } => sd == 0.0,
            Dist::LogNormal { sigma, .. } => sigma == 0.0,
        }
    }

    /// The value for draws `u`, `z` as a share: clamped to [0, 1].
    pub fn share(&self, u: f64, z: f64) -> f64 {
        self.value(u, z).min(1.0)
    }
}

/// `Fixed(1)`: the default of factors (a pace, a scale) that leave things as written.
pub fn unit_factor() -> Dist {
    Dist::Fixed(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "number_or_dist")]
        x: Dist,
    }

    fn parse(s: &str) -> Result<Dist, ron::error::SpannedError> {
        ron::from_str::<Holder>(s).map(|h| h.x)
    }

    #[test]
    fn a_plain_number_or_a_distribution() {
        assert_eq!(parse("(x: 24)").unwrap(), Dist::Fixed(24.0));
        assert_eq!(parse("(x: 2.5)").unwrap(), Dist::Fixed(2.5));
        assert_eq!(parse("(x: Fixed(3))").unwrap(), Dist::Fixed(3.0));
        assert_eq!(
            parse("(x: Uniform(min: 3, max: 24))").unwrap(),
            Dist::Uniform {
                min: 3.0,
                max: 24.0
            }
        );
        assert_eq!(
            parse("(x: LogNormal(median: 1, sigma: 0.3))").unwrap(),
            Dist::LogNormal {
                median: 1.0,
                sigma: 0.3
            }
        );
        let e = parse("(x: Unifrom(min: 3, max: 24))").unwrap_err();
        assert!(e.to_string().contains("a number or a distribution"), "{e}");
    }
}
