//! The time axis of every chart over the run: hours since onset, with the first 72 hours —
//! where the decisions are — drawn wider than the rest.
//!
//! On a 30-day run drawn to scale, the first three days take a tenth of the width. Here, when
//! the horizon is long enough for that to matter (more than [`WIDEN_ABOVE`] hours), the first
//! [`EARLY_HOURS`] take [`EARLY_SHARE`] of the width, ticked in hours; the rest takes the
//! remaining width, ticked in days. A shorter run is drawn to scale, ticked in hours.

use std::ops::Range;

use bcpsim_engine::Lang;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// The early hours drawn wider.
pub const EARLY_HOURS: f64 = 72.0;
/// The share of the width the early hours take on a long run.
pub const EARLY_SHARE: f64 = 0.4;
/// Horizons up to this are drawn to scale (72 h is then at least 40 % of the width anyway).
pub const WIDEN_ABOVE: f64 = EARLY_HOURS / EARLY_SHARE;

/// Hours since onset, from 0 to the horizon, as a plotters coordinate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeAxis {
    horizon: f64,
    /// At most this many ticks after the early part (fewer on a small panel).
    late_ticks: usize,
}

impl TimeAxis {
    /// A full-width chart's axis up to `horizon` hours.
    pub fn new(horizon: f64) -> TimeAxis {
        TimeAxis {
            horizon: if horizon.is_finite() {
                horizon.max(1.0)
            } else {
                1.0
            },
            late_ticks: 9,
        }
    }

    /// A small panel's axis: fewer ticks.
    pub fn compact(horizon: f64) -> TimeAxis {
        TimeAxis {
            late_ticks: 3,
            ..TimeAxis::new(horizon)
        }
    }

    pub fn horizon(&self) -> f64 {
        self.horizon
    }

    /// Whether the early hours are drawn wider than the rest.
    pub fn widened(&self) -> bool {
        self.horizon > WIDEN_ABOVE
    }

    /// Where `hour` lies, as a share of the axis' width (0 at onset, 1 at the horizon).
    pub fn fraction(&self, hour: f64) -> f64 {
        let h = hour.clamp(0.0, self.horizon);
        if !self.widened() {
            h / self.horizon
        } else if h <= EARLY_HOURS {
            h / EARLY_HOURS * EARLY_SHARE
        } else {
            EARLY_SHARE + (h - EARLY_HOURS) / (self.horizon - EARLY_HOURS) * (1.0 - EARLY_SHARE)
        }
    }

    /// The ticks: on a widened axis every 12 h (0, 24 and 72 h when compact) up to 72 h, then whole days
    /// at a round step; otherwise at a round step of hours.
    pub fn ticks(&self) -> Vec<f64> {
        if !self.widened() {
            let step = [1.0, 2.0, 3.0, 6.0, 12.0, 24.0]
                .into_iter()
                .find(|s| self.horizon / s <= 12.0)
                .unwrap_or(24.0);
            return steps(0.0, self.horizon, step);
        }
        // A small panel has room for three labels in the early part.
        let mut ticks = if self.late_ticks < 9 {
            vec![0.0, 24.0, EARLY_HOURS]
        } else {
            steps(0.0, EARLY_HOURS, 12.0)
        };
        let late_days = (self.horizon - EARLY_HOURS) / 24.0;
        let day_step = [1.0, 2.0, 5.0, 7.0, 10.0, 15.0, 30.0, 60.0, 90.0, 180.0]
            .into_iter()
            .find(|s| late_days / s <= self.late_ticks as f64)
            .unwrap_or(365.0);
        // Days at the step, leaving out those too close to 72 h for their labels to fit.
        let first_late = EARLY_HOURS + day_step * 24.0 * 0.5;
        ticks.extend(
            steps(0.0, self.horizon, day_step * 24.0)
                .into_iter()
                .filter(|h| *h >= first_late),
        );
        ticks
    }

    /// A tick's label: hours ("12h") in the early part or on a short run, days ("10日",
    /// "10 d") after it.
    pub fn label(&self, hour: f64, lang: Lang) -> String {
        if !self.widened() || hour <= EARLY_HOURS {
            format!("{hour:.0}h")
        } else {
            let days = hour / 24.0;
            match lang {
                Lang::Ja => format!("{days:.0}日"),
                Lang::En => format!("{days:.0} d"),
            }
        }
    }
}

/// `from`, `from + step`, … up to `to` (inclusive, within rounding).
fn steps(from: f64, to: f64, step: f64) -> Vec<f64> {
    let n = ((to - from) / step + 1e-9).floor() as usize;
    (0..=n).map(|i| from + step * i as f64).collect()
}

impl Ranged for TimeAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let width = f64::from(limit.1 - limit.0);
        // Outside the axis (a step line's end past the horizon) maps linearly beyond the edge,
        // as plotters' own float axis does, so clipping works as usual.
        let share = if *value < 0.0 {
            value / self.horizon
        } else if *value > self.horizon {
            1.0 + (value - self.horizon) / self.horizon
        } else {
            self.fraction(*value)
        };
        limit.0 + (share * width + 1e-3).floor() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let ticks = self.ticks();
        if hint.max_num_points() >= ticks.len() {
            ticks
        } else {
            Vec::new()
        }
    }

    fn range(&self) -> Range<f64> {
        0.0..self.horizon
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_gives_the_first_three_days_two_fifths_of_the_width() {
        let axis = TimeAxis::new(720.0);
        assert!(axis.widened());
        // 36 h is half of the early part: 0.4 / 2 = 0.2 (to scale it would be 0.05).
        assert!((axis.fraction(36.0) - 0.2).abs() < 1e-12);
        assert!((axis.fraction(72.0) - 0.4).abs() < 1e-12);
        // 396 h is halfway from 72 h to 720 h: 0.4 + 0.6 / 2 = 0.7.
        assert!((axis.fraction(396.0) - 0.7).abs() < 1e-12);
        assert_eq!(axis.fraction(720.0), 1.0);
        // On 1000 pixels, 72 h is at pixel 400.
        assert_eq!(axis.map(&72.0, (0, 1000)), 400);
    }

    #[test]
    fn a_month_is_ticked_in_hours_then_days() {
        let axis = TimeAxis::new(720.0);
        // Late part: 27 days; 27 / 5 = 5.4 ticks fit 9, 27 / 2 = 13.5 do not: every 5 days.
        // 5 days (120 h) is closer to 72 h than half a step (72 + 60 = 132 h): left out.
        assert_eq!(
            axis.ticks(),
            vec![
                0.0, 12.0, 24.0, 36.0, 48.0, 60.0, 72.0, 240.0, 360.0, 480.0, 600.0, 720.0
            ]
        );
        assert_eq!(axis.label(24.0, Lang::Ja), "24h");
        assert_eq!(axis.label(240.0, Lang::Ja), "10日");
        assert_eq!(axis.label(240.0, Lang::En), "10 d");
        let compact = TimeAxis::compact(720.0);
        // 27 / 10 = 2.7 ticks fit 3: every 10 days, from 10 days (72 + 120 = 192 <= 240).
        assert_eq!(compact.ticks(), vec![0.0, 24.0, 72.0, 240.0, 480.0, 720.0]);
    }

    #[test]
    fn a_short_run_is_drawn_to_scale_in_hours() {
        let axis = TimeAxis::new(48.0);
        assert!(!axis.widened());
        assert!((axis.fraction(12.0) - 0.25).abs() < 1e-12);
        // 48 / 6 = 8 ticks fit 12; 48 / 3 = 16 do not.
        assert_eq!(
            axis.ticks(),
            vec![0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0, 42.0, 48.0]
        );
        assert_eq!(axis.label(48.0, Lang::En), "48h");
        // 180 h is still to scale: 72 h is exactly 40 % there.
        assert!(!TimeAxis::new(WIDEN_ABOVE).widened());
    }
}
