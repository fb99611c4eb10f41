//! Paired comparison of plan variants under common random numbers: run *i* of every variant
//! sees the same disaster as run *i* of the base, so differences are taken run by run.

use serde::{Deserialize, Serialize};

use super::metrics::{Direction, direction, null_means_never};
use super::stats::quantile;

/// One metric compared between the base and one variant over the same runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paired {
    pub metric: String,
    pub direction: Direction,
    pub runs: u64,
    pub base_median: Option<f64>,
    pub variant_median: Option<f64>,
    /// Mean of (variant − base) over runs where both have a value.
    pub mean_difference: Option<f64>,
    /// 95 % confidence interval of the mean difference (Student's t).
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Share of paired runs where the variant is strictly better; null for neutral metrics.
    pub share_better: Option<f64>,
    /// Share of paired runs where the variant is strictly worse; null for neutral metrics.
    pub share_worse: Option<f64>,
    /// Runs where the difference is exactly zero.
    pub zero_difference_runs: u64,
}

/// Compares one metric. `base` and `variant` are per-run values in run order; a null of a
/// "never" metric (a stock that never ran out) counts as `horizon_hours`, censored there.
pub fn pair(
    metric: &str,
    base: &[Option<f64>],
    variant: &[Option<f64>],
    horizon_hours: u32,
) -> Paired {
    let fill = |v: Option<f64>| {
        if null_means_never(metric) {
            v.or(Some(f64::from(horizon_hours)))
        } else {
            v
        }
    };
    let pairs: Vec<(f64, f64)> = base
        .iter()
        .zip(variant)
        .filter_map(|(b, v)| Some((fill(*b)?, fill(*v)?)))
        .collect();
    let dir = direction(metric);
    let median = |xs: Vec<f64>| {
        let mut xs = xs;
        xs.sort_by(f64::total_cmp);
        (!xs.is_empty()).then(|| quantile(&xs, 0.5))
    };
    let n = pairs.len();
    let diffs: Vec<f64> = pairs.iter().map(|(b, v)| v - b).collect();
    let mean = (n > 0).then(|| diffs.iter().sum::<f64>() / n as f64);
    let (ci_low, ci_high) = match mean {
        Some(m) if n > 1 => {
            let sd = (diffs.iter().map(|d| (d - m).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
            let half = t_975(n as u64 - 1) * sd / (n as f64).sqrt();
            (Some(m - half), Some(m + half))
        }
        Some(m) => (Some(m), Some(m)),
        None => (None, None),
    };
    let share = |better: bool| {
        if dir == Direction::Neutral || n == 0 {
            return None;
        }
        let count = diffs
            .iter()
            .filter(|&&d| {
                let improves = if dir == Direction::Lower {
                    d < 0.0
                } else {
                    d > 0.0
                };
                let worsens = if dir == Direction::Lower {
                    d > 0.0
                } else {
                    d < 0.0
                };
                if better { improves } else { worsens }
            })
            .count();
        Some(count as f64 / n as f64)
    };
    Paired {
        metric: metric.to_string(),
        direction: dir,
        runs: n as u64,
        base_median: median(pairs.iter().map(|p| p.0).collect()),
        variant_median: median(pairs.iter().map(|p| p.1).collect()),
        mean_difference: mean,
        ci_low,
        ci_high,
        share_better: share(true),
        share_worse: share(false),
        zero_difference_runs: diffs.iter().filter(|&&d| d == 0.0).count() as u64,
    }
}

/// The 97.5 % quantile of Student's t with `df` degrees of freedom (a two-sided 95 %
/// interval): tabulated to 30, then the normal approximation with a first-order correction.
pub fn t_975(df: u64) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df as usize - 1],
        _ => 1.959964 + 2.4 / df as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_variant_has_zero_difference_everywhere() {
        let base = vec![Some(3.0), Some(1.0), None, Some(2.0)];
        let p = pair("critical.battery_depleted_patients", &base, &base, 720);
        assert_eq!(p.mean_difference, Some(0.0));
        assert_eq!((p.ci_low, p.ci_high), (Some(0.0), Some(0.0)));
        assert_eq!(p.zero_difference_runs, 3);
        assert_eq!(p.share_better, Some(0.0));
    }

    #[test]
    fn differences_by_hand() {
        // Variant lowers depleted patients by 1, 2, 3 in three runs: mean −2, sd 1,
        // half-width t(2) × 1 / √3 = 4.303 / 1.732 = 2.484; better in all three runs.
        let base = [Some(5.0), Some(5.0), Some(5.0)];
        let variant = [Some(4.0), Some(3.0), Some(2.0)];
        let p = pair("critical.battery_depleted_patients", &base, &variant, 720);
        assert_eq!(p.mean_difference, Some(-2.0));
        assert!((p.ci_high.unwrap() - (-2.0 + 4.303 / 3f64.sqrt())).abs() < 1e-9);
        assert_eq!(p.share_better, Some(1.0));
        assert_eq!(p.base_median, Some(5.0));
        assert_eq!(p.variant_median, Some(3.0));
    }

    #[test]
    fn never_counts_as_the_horizon() {
        // Water ran out at hour 100 in the base and never (null) with the variant: +620 h.
        let p = pair(
            "stocks.water_2l.stockout_hour",
            &[Some(100.0)],
            &[None],
            720,
        );
        assert_eq!(p.mean_difference, Some(620.0));
        assert_eq!(p.share_better, Some(1.0));
    }
}
