//! Sobol' variance-based indices: Saltelli sampling, the Saltelli 2010 first-order estimator,
//! the Jansen 1999 total-effect estimator, and percentile bootstrap intervals.
//!
//! Sources: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola,
//! "Variance based sensitivity analysis of model output. Design and estimator for the total
//! sensitivity index", Computer Physics Communications 181 (2010) 259–270 (Table 2: (b) for
//! V_i, (f) — Jansen — for V_Ti); M. J. W. Jansen, "Analysis of variance designs for model
//! output", Computer Physics Communications 117 (1999) 35–43.
//!
//! Design: two independent N × k matrices A and B of points in [0, 1)^k from a seeded ChaCha8
//! stream (pseudo-random, not quasi-random: the estimators are unbiased either way, and a
//! seeded stream needs no table of direction numbers), and for each factor i the matrix A_B^i:
//! A with column i taken from B. The model is evaluated at every row of A, B and each A_B^i:
//! N (k + 2) evaluations.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// The sample points: A and B, row-major, values in [0, 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    pub factors: usize,
    pub samples: usize,
    a: Vec<f64>,
    b: Vec<f64>,
}

impl Design {
    /// `samples` rows of `factors` columns for A and for B, from the stream of `seed`.
    pub fn new(factors: usize, samples: usize, seed: u64) -> Design {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5a17_e111_50b0_1000);
        let mut draw = |n| (0..n).map(|_| rng.random::<f64>()).collect::<Vec<f64>>();
        let a = draw(factors * samples);
        let b = draw(factors * samples);
        Design {
            factors,
            samples,
            a,
            b,
        }
    }

    /// Row `j` of A.
    pub fn a(&self, j: usize) -> &[f64] {
        &self.a[j * self.factors..(j + 1) * self.factors]
    }

    /// Row `j` of B.
    pub fn b(&self, j: usize) -> &[f64] {
        &self.b[j * self.factors..(j + 1) * self.factors]
    }

    /// Row `j` of A_B^i: A's row with column `i` from B.
    pub fn ab(&self, i: usize, j: usize) -> Vec<f64> {
        let mut row = self.a(j).to_vec();
        row[i] = self.b(j)[i];
        row
    }
}

/// One factor's indices with their bootstrap intervals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indices {
    /// First-order index S_i: the share of the output's variance that the factor explains
    /// alone.
    pub first_order: f64,
    pub first_order_low: f64,
    pub first_order_high: f64,
    /// Total index S_Ti: the share the factor explains with all its interactions.
    pub total: f64,
    pub total_low: f64,
    pub total_high: f64,
}

/// Model outputs at the design's rows: `fa[j]`, `fb[j]`, `fab[i][j]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Outputs {
    pub fa: Vec<f64>,
    pub fb: Vec<f64>,
    pub fab: Vec<Vec<f64>>,
}

/// Point estimates of (S_i, S_Ti) for each factor over the rows `rows` (indices into the
/// outputs, repeated as a bootstrap resample repeats them). The variance is the sample
/// variance of f over the rows of A and B together. A constant output gives 0 for both.
fn estimate(out: &Outputs, rows: &[usize]) -> Vec<(f64, f64)> {
    let n = rows.len() as f64;
    let mean = rows.iter().map(|&j| out.fa[j] + out.fb[j]).sum::<f64>() / (2.0 * n);
    let var = rows
        .iter()
        .map(|&j| (out.fa[j] - mean).powi(2) + (out.fb[j] - mean).powi(2))
        .sum::<f64>()
        / (2.0 * n - 1.0).max(1.0);
    out.fab
        .iter()
        .map(|fab| {
            if var <= 0.0 || !var.is_finite() {
                return (0.0, 0.0);
            }
            // Saltelli 2010 Table 2 (b).
            let vi = rows
                .iter()
                .map(|&j| out.fb[j] * (fab[j] - out.fa[j]))
                .sum::<f64>()
                / n;
            // Jansen 1999 (Saltelli 2010 Table 2 (f)).
            let vti = rows
                .iter()
                .map(|&j| (out.fa[j] - fab[j]).powi(2))
                .sum::<f64>()
                / (2.0 * n);
            (vi / var, vti / var)
        })
        .collect()
}

/// Indices for each factor with percentile intervals of level `level` (0.95) from `resamples`
/// bootstrap resamples of the rows, drawn from the stream of `seed`.
pub fn indices(out: &Outputs, resamples: usize, level: f64, seed: u64) -> Vec<Indices> {
    let n = out.fa.len();
    let all: Vec<usize> = (0..n).collect();
    let point = estimate(out, &all);
    let k = point.len();
    let mut first: Vec<Vec<f64>> = vec![Vec::with_capacity(resamples); k];
    let mut total: Vec<Vec<f64>> = vec![Vec::with_capacity(resamples); k];
    if n > 0 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xb007_57ab_0000_0001);
        let mut rows = vec![0usize; n];
        for _ in 0..resamples {
            for r in rows.iter_mut() {
                *r = rng.random_range(0..n);
            }
            for (i, (s, st)) in estimate(out, &rows).into_iter().enumerate() {
                first[i].push(s);
                total[i].push(st);
            }
        }
    }
    let tail = (1.0 - level) / 2.0;
    let interval = |mut xs: Vec<f64>, at: f64| {
        if xs.is_empty() {
            return (at, at);
        }
        xs.sort_by(f64::total_cmp);
        (
            crate::batch::stats::quantile(&xs, tail),
            crate::batch::stats::quantile(&xs, 1.0 - tail),
        )
    };
    point
        .into_iter()
        .zip(first.into_iter().zip(total))
        .map(|((s, st), (fs, ts))| {
            let (first_order_low, first_order_high) = interval(fs, s);
            let (total_low, total_high) = interval(ts, st);
            Indices {
                first_order: s,
                first_order_low,
                first_order_high,
                total: st,
                total_low,
                total_high,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    /// Ishigami and Homma (1990) with a = 7, b = 0.1 on [−π, π]^3: V = 13.8446, known indices
    /// S = (0.3139, 0.4424, 0), S_T = (0.5576, 0.4424, 0.2437) (Saltelli et al. 2008,
    /// "Global Sensitivity Analysis. The Primer", §4.6).
    fn ishigami(u: &[f64]) -> f64 {
        let x: Vec<f64> = u.iter().map(|u| -PI + 2.0 * PI * u).collect();
        x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
    }

    fn outputs(design: &Design, f: impl Fn(&[f64]) -> f64) -> Outputs {
        let n = design.samples;
        Outputs {
            fa: (0..n).map(|j| f(design.a(j))).collect(),
            fb: (0..n).map(|j| f(design.b(j))).collect(),
            fab: (0..design.factors)
                .map(|i| (0..n).map(|j| f(&design.ab(i, j))).collect())
                .collect(),
        }
    }

    #[test]
    fn ishigami_indices_are_recovered() {
        // N = 2^13 rows: each estimator's standard error is about c / √N with c ≤ 1.5 for
        // Ishigami (Saltelli 2010, Fig. 2 at this cost), ≤ 0.017; the tolerance is three of
        // those, and the true value must also lie in the bootstrap interval widened by half.
        let n = 1 << 13;
        let design = Design::new(3, n, 42);
        let got = indices(&outputs(&design, ishigami), 300, 0.95, 7);
        let want_s = [0.3139, 0.4424, 0.0];
        let want_t = [0.5576, 0.4424, 0.2437];
        let tol = 3.0 * 1.5 / (n as f64).sqrt();
        for i in 0..3 {
            let g = &got[i];
            assert!(
                (g.first_order - want_s[i]).abs() < tol,
                "S{} = {} (want {})",
                i + 1,
                g.first_order,
                want_s[i]
            );
            assert!(
                (g.total - want_t[i]).abs() < tol,
                "ST{} = {} (want {})",
                i + 1,
                g.total,
                want_t[i]
            );
            let widen = |lo: f64, hi: f64, x: f64| {
                let h = (hi - lo) * 0.25;
                lo - h <= x && x <= hi + h
            };
            assert!(
                widen(g.first_order_low, g.first_order_high, want_s[i]),
                "{g:?}"
            );
            assert!(widen(g.total_low, g.total_high, want_t[i]), "{g:?}");
        }
    }

    #[test]
    fn a_factor_without_effect_has_intervals_around_zero() {
        // f depends on x1 only (with noise from x2): x3 does nothing.
        let design = Design::new(3, 512, 3);
        let got = indices(
            &outputs(&design, |u| 3.0 * u[0] + 0.5 * u[1] * u[1]),
            200,
            0.95,
            1,
        );
        let none = &got[2];
        assert!(
            none.first_order_low <= 0.0 && 0.0 <= none.first_order_high,
            "{none:?}"
        );
        assert!(none.total_low <= 0.0 && 0.0 <= none.total_high, "{none:?}");
        assert!(got[0].total_low > 0.8, "{:?}", got[0]);
    }

    #[test]
    fn same_seed_same_indices() {
        let design = Design::new(3, 64, 9);
        let o = outputs(&design, ishigami);
        assert_eq!(indices(&o, 50, 0.95, 2), indices(&o, 50, 0.95, 2));
        assert_eq!(Design::new(3, 64, 9), design);
    }
}
