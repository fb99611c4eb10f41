//! The time frame (`scenario/time.rs`).

use super::*;
use crate::limits::{MAX_HORIZON_HOURS, STEP_HOURS};
use crate::scenario::*;

impl Checker<'_> {
    pub(super) fn time(&mut self, t: &TimeSpec) {
        self.int_range("time.onset_hour", t.onset_hour, 0, 23);
        self.int_range("time.onset_minute", t.onset_minute, 0, 59);
        for (i, &h) in t.report_hours.iter().enumerate() {
            if h > t.horizon_hours {
                let path = format!("time.report_hours[{i}]");
                self.err(
                    &path,
                    "out-of-range",
                    m(
                        format!(
                            "`report_hours` の {h} 時間が期間 `horizon_hours`（{}）を超えています",
                            t.horizon_hours
                        ),
                        format!(
                            "`report_hours` has hour {h}, beyond `horizon_hours` ({})",
                            t.horizon_hours
                        ),
                    ),
                    Some(m(
                        "発災からの時間（0〜horizon_hours）を書きます",
                        "give hours after onset, 0 to horizon_hours",
                    )),
                );
            }
        }
        if !STEP_HOURS.contains(&t.step_hours) {
            self.err(
                "time.step_hours",
                "step-hours",
                m(
                    format!(
                        "`step_hours` は 24 の約数にしてください（{}）",
                        t.step_hours
                    ),
                    format!("`step_hours` must divide 24 ({})", t.step_hours),
                ),
                Some(m(
                    "1, 2, 3, 4, 6, 8, 12, 24 のいずれかを使えます",
                    "use one of 1, 2, 3, 4, 6, 8, 12, 24",
                )),
            );
        }
        if t.horizon_hours == 0 || t.horizon_hours > MAX_HORIZON_HOURS {
            self.err(
                "time.horizon_hours",
                "out-of-range",
                m(
                    format!(
                        "`horizon_hours` は 1〜{MAX_HORIZON_HOURS}（1年）の範囲にしてください（{}）",
                        t.horizon_hours
                    ),
                    format!(
                        "`horizon_hours` must be between 1 and {MAX_HORIZON_HOURS} (a year) ({})",
                        t.horizon_hours
                    ),
                ),
                Some(m("30日なら 720 です", "30 days is 720")),
            );
        }
    }
}
