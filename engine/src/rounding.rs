//! Rounding to whole numbers on the hot paths, exactly as `f64::round` then `as`.
//!
//! On the default x86-64 target (no SSE4.1) `f64::round` is a library call; these are worked
//! out with truncating conversions instead, and give the same result for every f64 (tested
//! below against `f64::round`, by proptest over all f64).

/// `x.round() as i64`: half away from zero, NaN to 0, saturating at the ends.
#[inline]
pub(crate) fn round_i64(x: f64) -> i64 {
    // From 2^52 on every f64 is a whole number (and NaN and the infinities go through here,
    // as `round` would give them).
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        return x as i64;
    }
    let whole = x as i64;
    // Exact: `x` and its whole part are within one of each other below 2^52.
    let fraction = x - whole as f64;
    if fraction >= 0.5 {
        whole + 1
    } else if fraction <= -0.5 {
        whole - 1
    } else {
        whole
    }
}

/// `x.round() as u32`: half away from zero, NaN and negatives to 0, saturating at `u32::MAX`.
#[inline]
pub(crate) fn round_u32(x: f64) -> u32 {
    round_i64(x).clamp(0, i64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn rounds_half_away_from_zero_as_round_does() {
        // 2.5 → 3, −2.5 → −3, 2.4 → 2; 10.500000000000002 (1.05 × 10 in f64) → 11; whole and
        // huge values, NaN and the infinities as `round` gives them.
        for x in [
            0.0,
            -0.0,
            2.5,
            -2.5,
            2.4,
            -2.4,
            0.5,
            -0.5,
            0.49999999999999994,
            1.05 * 10.0,
            2.5e-16,
            123.456,
            1e16,
            4.5e15,
            4.503599627370495e15,
            4.503599627370497e15,
            -7.3e18,
            9.3e18,
            4.3e9,
            f64::MAX,
            f64::MIN,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(round_i64(x), x.round() as i64, "{x}");
            assert_eq!(round_u32(x), x.round() as u32, "{x}");
        }
        assert_eq!(round_i64(2.5), 3);
        assert_eq!(round_i64(-2.5), -3);
        assert_eq!(round_i64(2.4), 2);
        assert_eq!(round_u32(-3.7), 0);
        assert_eq!(round_u32(5e9), u32::MAX);
    }

    proptest! {
        #[test]
        fn round_i64_is_round_then_as(x in prop::num::f64::ANY) {
            prop_assert_eq!(round_i64(x), x.round() as i64);
        }

        #[test]
        fn round_u32_is_round_then_as(x in prop::num::f64::ANY) {
            prop_assert_eq!(round_u32(x), x.round() as u32);
        }

        #[test]
        fn everyday_values_round_as_round_does(
            whole in -100_000i64..100_000,
            thousandths in 0u32..1000,
        ) {
            let x = whole as f64 + f64::from(thousandths) / 1000.0;
            prop_assert_eq!(round_i64(x), x.round() as i64);
            prop_assert_eq!(round_u32(x), x.round() as u32);
        }
    }
}
