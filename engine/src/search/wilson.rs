//! The Wilson score interval of a share (E. B. Wilson, "Probable inference, the law of
//! succession, and statistical inference", JASA 22 (1927) 209–212): unlike the normal
//! approximation it stays inside [0, 1] and is not empty at 0 or n successes, which is
//! exactly where a plan that meets its target in every run lands.

/// The interval (low, high) of `successes` out of `n` at the normal quantile `z` (1.96 for
/// 95 %). `n` = 0 gives (0, 1).
pub fn wilson(successes: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n = n as f64;
    let p = successes as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // At 0 or n successes the end is exactly 0 or 1 (rounding would leave 0.9999999999999999).
    let low = if successes == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if successes as f64 == n {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_hand() {
        // n/n: low = n / (n + z²): 100 runs → 100 / 103.8416 = 0.96300.
        let (lo, hi) = wilson(100, 100, 1.96);
        assert!((lo - 100.0 / (100.0 + 1.96f64.powi(2))).abs() < 1e-12);
        assert_eq!(hi, 1.0);
        // 0/n mirrors it.
        let (lo, hi) = wilson(0, 100, 1.96);
        assert_eq!(lo, 0.0);
        assert!((hi - 1.96f64.powi(2) / (100.0 + 1.96f64.powi(2))).abs() < 1e-12);
        // 8/10: centre 0.99208 / 1.38416 = 0.71674, half 1.41602 × √0.025604 = 0.22658.
        let (lo, hi) = wilson(8, 10, 1.96);
        assert!(
            (lo - 0.4902).abs() < 1e-3 && (hi - 0.9433).abs() < 1e-3,
            "{lo} {hi}"
        );
    }
}
