//! The hazard (`scenario/hazard.rs`): intensity or alert levels, staff risks.

use super::*;
use crate::scenario::*;

impl Checker<'_> {
    pub(super) fn staff_risks(&mut self, path: &str, r: &StaffRisks) {
        self.dist_share(&format!("{path}.injury_share"), &r.injury_share);
        self.dist_share(
            &format!("{path}.family_injured_share"),
            &r.family_injured_share,
        );
    }

    pub(super) fn alert_level(&mut self, path: &str, level: u8) {
        self.int_range(path, level, 1, 5);
    }

    pub(super) fn hazard(&mut self, h: &Hazard) {
        match h {
            Hazard::None => {}
            Hazard::Earthquake { staff_risks, .. } => {
                self.staff_risks("hazard.staff_risks", staff_risks)
            }
            Hazard::Storm {
                alert_levels,
                staff_risks,
            } => {
                if alert_levels.is_empty() {
                    self.err(
                        "hazard.alert_levels",
                        "empty",
                        m(
                            "警戒レベルの推移 `alert_levels` が空です",
                            "`alert_levels` is empty",
                        ),
                        Some(m(
                            "`[(hour: 0, level: 4)]` のように少なくとも1つ書いてください",
                            "give at least one, like `[(hour: 0, level: 4)]`",
                        )),
                    );
                }
                for (i, a) in alert_levels.iter().enumerate() {
                    self.alert_level(&format!("hazard.alert_levels[{i}].level"), a.level);
                }
                let hours: Vec<(String, u32)> = alert_levels
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (format!("hazard.alert_levels[{i}].hour"), a.hour))
                    .collect();
                self.increasing(&hours);
                self.staff_risks("hazard.staff_risks", staff_risks);
            }
            Hazard::Infection(w) => {
                self.share("hazard.peak_absent_share", w.peak_absent_share);
                self.non_negative("hazard.peak_day", w.peak_day);
                self.positive("hazard.duration_days", w.duration_days);
                if w.peak_day.is_finite()
                    && w.duration_days.is_finite()
                    && w.peak_day > w.duration_days
                {
                    self.err(
                        "hazard.peak_day",
                        "peak-after-end",
                        m(
                            format!(
                                "`peak_day`（{}）が流行の期間 `duration_days`（{}）より後です",
                                w.peak_day, w.duration_days
                            ),
                            format!(
                                "`peak_day` ({}) is after the end of the wave, `duration_days` ({})",
                                w.peak_day, w.duration_days
                            ),
                        ),
                        None,
                    );
                }
                self.at_least_one("hazard.isolation_days", w.isolation_days);
            }
        }
    }
}
