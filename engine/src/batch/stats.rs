//! Exact descriptive statistics over all runs. Values are kept per run and sorted, so shards
//! merge by concatenation and every figure is the same whatever the thread or shard layout
//! (quantile sketches merge only approximately).

use serde::{Deserialize, Serialize};

/// Mean, standard deviation, extremes and percentiles of one metric over the runs that have a
/// value; `missing` counts the runs where it was null (e.g. "never").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub n: u64,
    pub missing: u64,
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1); null for fewer than two values.
    pub sd: Option<f64>,
    pub min: Option<f64>,
    pub p5: Option<f64>,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    pub max: Option<f64>,
}

/// Describes `values` (in run order; the sums run in that order, so the result is exact and
/// repeatable).
pub fn describe(values: &[Option<f64>]) -> Stats {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let n = present.len() as u64;
    let missing = values.len() as u64 - n;
    if present.is_empty() {
        return Stats {
            n,
            missing,
            mean: None,
            sd: None,
            min: None,
            p5: None,
            p50: None,
            p95: None,
            max: None,
        };
    }
    let mean = present.iter().sum::<f64>() / n as f64;
    let sd = (n > 1)
        .then(|| (present.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt());
    let mut sorted = present;
    sorted.sort_by(f64::total_cmp);
    Stats {
        n,
        missing,
        mean: Some(mean),
        sd,
        min: sorted.first().copied(),
        p5: Some(quantile(&sorted, 0.05)),
        p50: Some(quantile(&sorted, 0.50)),
        p95: Some(quantile(&sorted, 0.95)),
        max: sorted.last().copied(),
    }
}

/// The `p` quantile of sorted values, linear between order statistics (R's type 7, numpy's
/// default). `sorted` must be non-empty.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_by_hand() {
        // 1..=5 and one null: mean 3, sd √2.5, median 3; p5 at h = 4 × 0.05 = 0.2 → 1.2;
        // p95 at h = 3.8 → 4.8.
        let v = [Some(3.0), Some(1.0), None, Some(5.0), Some(2.0), Some(4.0)];
        let s = describe(&v);
        assert_eq!((s.n, s.missing), (5, 1));
        assert_eq!(s.mean, Some(3.0));
        assert!((s.sd.unwrap() - 2.5f64.sqrt()).abs() < 1e-12);
        assert_eq!(s.p50, Some(3.0));
        assert!((s.p5.unwrap() - 1.2).abs() < 1e-12);
        assert!((s.p95.unwrap() - 4.8).abs() < 1e-12);
        assert_eq!((s.min, s.max), (Some(1.0), Some(5.0)));
    }

    #[test]
    fn all_missing() {
        let s = describe(&[None, None]);
        assert_eq!((s.n, s.missing, s.mean), (0, 2, None));
    }
}
