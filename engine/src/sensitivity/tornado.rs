//! The tornado: each factor at its low and at its high end, the others as the scenario has
//! them, over the same numbered disasters as the base (paired runs, common random numbers).

use serde::{Deserialize, Serialize};

use crate::batch::compare::t_975;

/// One factor's row for one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TornadoRow {
    pub factor: String,
    pub low: f64,
    pub high: f64,
    /// The value the scenario holds as written (1 for a scale).
    pub base_value: f64,
    /// Means over the runs where the metric has a value at the base, low and high.
    pub mean_at_base: f64,
    pub mean_at_low: f64,
    pub mean_at_high: f64,
    /// Mean of (at high − at low), run by run.
    pub difference: f64,
    /// 95 % interval of that mean (Student's t, n − 1 degrees of freedom).
    pub ci_low: f64,
    pub ci_high: f64,
    /// Runs where the metric has a value at all three points.
    pub runs: u64,
}

/// The row from per-run values at base, low and high (in run order; a run missing any of the
/// three is left out). `None` when no run has all three.
pub fn row(
    factor: &str,
    (low, high, base_value): (f64, f64, f64),
    base: &[Option<f64>],
    at_low: &[Option<f64>],
    at_high: &[Option<f64>],
) -> Option<TornadoRow> {
    let triples: Vec<(f64, f64, f64)> = base
        .iter()
        .zip(at_low)
        .zip(at_high)
        .filter_map(|((b, l), h)| Some(((*b)?, (*l)?, (*h)?)))
        .collect();
    let n = triples.len();
    if n == 0 {
        return None;
    }
    let mean = |f: fn(&(f64, f64, f64)) -> f64| triples.iter().map(f).sum::<f64>() / n as f64;
    let diffs: Vec<f64> = triples.iter().map(|t| t.2 - t.1).collect();
    let d = diffs.iter().sum::<f64>() / n as f64;
    let half = if n > 1 {
        let sd = (diffs.iter().map(|x| (x - d).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
        t_975(n as u64 - 1) * sd / (n as f64).sqrt()
    } else {
        0.0
    };
    Some(TornadoRow {
        factor: factor.to_string(),
        low,
        high,
        base_value,
        mean_at_base: mean(|t| t.0),
        mean_at_low: mean(|t| t.1),
        mean_at_high: mean(|t| t.2),
        difference: d,
        ci_low: d - half,
        ci_high: d + half,
        runs: n as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_by_hand() {
        // High − low: 2, 4, 6 → mean 4, sd 2, half-width 4.303 × 2 / √3.
        let b = [Some(1.0), Some(1.0), Some(1.0), None];
        let l = [Some(0.0), Some(0.0), Some(0.0), Some(9.0)];
        let h = [Some(2.0), Some(4.0), Some(6.0), Some(9.0)];
        let r = row("x", (0.5, 1.5, 1.0), &b, &l, &h).unwrap();
        assert_eq!((r.runs, r.difference, r.mean_at_base), (3, 4.0, 1.0));
        assert!((r.ci_high - (4.0 + 4.303 * 2.0 / 3f64.sqrt())).abs() < 1e-9);
    }
}
