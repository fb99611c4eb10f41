//! An agency's plan (`scenario/plan.rs`): activation, attendance, safety checks, visits, stocks.

use super::*;
use crate::scenario::*;

impl Checker<'_> {
    pub(super) fn plan(&mut self, path: &str, p: &Plan, horizon: u32) {
        let ap = format!("{path}.activation");
        let a = &p.activation;
        self.alert_level(&format!("{ap}.min_alert_level"), a.min_alert_level);
        if let Some(x) = a.activate_below_attendance {
            self.share(&format!("{ap}.activate_below_attendance"), x);
        }
        self.share(&format!("{ap}.release_attendance"), a.release_attendance);
        if let Some(h) = a.leader_decides_at_hour
            && h >= horizon
        {
            self.beyond_horizon(&format!("{ap}.leader_decides_at_hour"), h, horizon);
        }

        self.dist_factor(
            &format!("{path}.attendance.curve_scale"),
            &p.attendance.curve_scale,
        );
        self.curve(
            &format!("{path}.attendance.curve"),
            &p.attendance.curve,
            Self::share,
            m("出勤率の曲線 `curve` が空です", "the attendance `curve` is empty"),
            m(
                "`[(hour: 0, share: 0.03), (hour: 6, share: 0.2)]` のように少なくとも1点書いてください",
                "give at least one point, like `[(hour: 0, share: 0.03), (hour: 6, share: 0.2)]`",
            ),
        );
        // Stock shares above 1 are allowed: a plan may expect deliveries beyond its onset stock.
        self.curve(
            &format!("{path}.stock_curve"),
            &p.stock_curve,
            Self::non_negative,
            m("備蓄の想定 `stock_curve` が空です", "the `stock_curve` is empty"),
            m(
                "書かなければサンプル計画の想定になります。書くなら `[(hour: 0, share: 1.0), (hour: 72, share: 0.2)]` のように少なくとも1点",
                "leave it out for the sample plan's curve, or give at least one point, like `[(hour: 0, share: 1.0), (hour: 72, share: 0.2)]`",
            ),
        );

        let rp = format!("{path}.attendance.roster");
        let r = &p.attendance.roster;
        self.non_negative(&format!("{rp}.near_km"), r.near_km);
        self.non_negative(&format!("{rp}.far_km"), r.far_km);
        if r.near_km.is_finite() && r.far_km.is_finite() && r.far_km < r.near_km {
            self.err(
                &format!("{rp}.far_km"),
                "far-below-near",
                m(
                    format!(
                        "`far_km`（{}）が `near_km`（{}）より短くなっています",
                        r.far_km, r.near_km
                    ),
                    format!(
                        "`far_km` ({}) is shorter than `near_km` ({})",
                        r.far_km, r.near_km
                    ),
                ),
                None,
            );
        }
        self.dist(&format!("{rp}.safety_delay_hours"), &r.safety_delay_hours);
        self.positive(&format!("{rp}.walk_km_per_hour"), r.walk_km_per_hour);
        let nw = format!("{rp}.night_walk_factor");
        if self.finite(&nw, r.night_walk_factor)
            && !(r.night_walk_factor > 0.0 && r.night_walk_factor <= 1.0)
        {
            self.err(
                &nw,
                "out-of-range",
                m(
                    format!(
                        "`night_walk_factor` は 0 より大きく 1 以下にしてください（{}）",
                        r.night_walk_factor
                    ),
                    format!(
                        "`night_walk_factor` must be above 0 and at most 1 ({})",
                        r.night_walk_factor
                    ),
                ),
                None,
            );
        }
        let cd = format!("{rp}.car_delay_factor");
        self.dist(&cd, &r.car_delay_factor);
        let (cd, low) = Self::bound(&cd, &r.car_delay_factor, true);
        if low.is_finite() && low < 1.0 {
            self.err(
                &cd,
                "out-of-range",
                m(
                    format!("`car_delay_factor` は 1 以上にしてください（{low}）"),
                    format!("`car_delay_factor` must be at least 1 ({low})"),
                ),
                Some(m(
                    "道路が損傷しているときに通勤が何倍かかるかです（阪神・淡路大震災では4〜15倍）",
                    "it is how many times longer car commutes take on damaged roads (Kobe 1995: 4 to 15)",
                )),
            );
        }

        let op = format!("{path}.operating_levels");
        for (i, l) in p.operating_levels.iter().enumerate() {
            self.share(&format!("{op}[{i}].min_attendance"), l.min_attendance);
        }
        let mins: Vec<(String, f64)> = p
            .operating_levels
            .iter()
            .enumerate()
            .filter(|(_, l)| l.min_attendance.is_finite())
            .map(|(i, l)| (format!("{op}[{i}].min_attendance"), l.min_attendance))
            .collect();
        self.increasing(&mins);

        let sp = format!("{path}.safety_checks");
        self.at_least_one(&format!("{sp}.call_minutes"), p.safety_checks.call_minutes);
        self.at_least_one(&format!("{sp}.retry_hours"), p.safety_checks.retry_hours);
        let sc = &p.safety_checks;
        self.at_least_one(&format!("{sp}.failed_call_minutes"), sc.failed_call_minutes);
        self.at_least_one(&format!("{sp}.message_minutes"), sc.message_minutes);
        // More redials than this is an endless loop at the phone, not a plan.
        self.int_range(&format!("{sp}.redials"), sc.redials, 0, 20);
        self.share(&format!("{sp}.message_reply_share"), sc.message_reply_share);
        self.dist(
            &format!("{sp}.message_reply_hours"),
            &sc.message_reply_hours,
        );

        let ap = format!("{path}.admission");
        self.non_negative(
            &format!("{ap}.ask_at_reserve_hours"),
            p.admission.ask_at_reserve_hours,
        );
        self.dist(&format!("{ap}.delay_hours"), &p.admission.delay_hours);
        if p.safety_checks.max_callers == Some(0) {
            self.at_least_one(&format!("{sp}.max_callers"), 0);
        }

        let vp = format!("{path}.visits");
        self.at_least_one(&format!("{vp}.visit_minutes"), p.visits.visit_minutes);
        self.at_least_one(
            &format!("{vp}.max_visits_per_staff_day"),
            p.visits.max_visits_per_staff_day,
        );
        self.non_negative(
            &format!("{vp}.urgent_battery_hours"),
            p.visits.urgent_battery_hours,
        );

        let mp = format!("{path}.mutual_aid");
        self.share(&format!("{mp}.ask_below"), p.mutual_aid.ask_below);
        self.share(&format!("{mp}.lend_above"), p.mutual_aid.lend_above);

        let fp = format!("{path}.fatigue");
        self.at_least_one(
            &format!("{fp}.max_continuous_duty_hours"),
            p.fatigue.max_continuous_duty_hours,
        );
        self.int_range(
            &format!("{fp}.normal_day_hours"),
            p.fatigue.normal_day_hours,
            1,
            24,
        );

        let wp = format!("{path}.work");
        let w = &p.work;
        if w.end_hour > 24 {
            self.int_range(&format!("{wp}.end_hour"), w.end_hour, 1, 24);
        } else if w.start_hour >= w.end_hour {
            self.err(
                &format!("{wp}.start_hour"),
                "work-hours",
                m(
                    format!(
                        "勤務開始 `start_hour`（{}）が終了 `end_hour`（{}）より前になっていません",
                        w.start_hour, w.end_hour
                    ),
                    format!(
                        "`start_hour` ({}) is not before `end_hour` ({})",
                        w.start_hour, w.end_hour
                    ),
                ),
                Some(m(
                    "8時〜18時なら `start_hour: 8, end_hour: 18` と書きます",
                    "08:00 to 18:00 is `start_hour: 8, end_hour: 18`",
                )),
            );
        }
    }

    pub(super) fn beyond_horizon(&mut self, path: &str, h: u32, horizon: u32) {
        let f = field_name(path);
        self.err(
            path,
            "beyond-horizon",
            m(
                format!("`{f}`（{h}）がシミュレーション期間 `horizon_hours`（{horizon}）の外です"),
                format!("`{f}` ({h}) is outside the run (`horizon_hours` {horizon})"),
            ),
            Some(m(
                format!(
                    "{h} 未満にするか、`time.horizon_hours` を {} 以上にしてください",
                    u64::from(h) + 1
                ),
                format!(
                    "use an hour below {horizon}, or raise `time.horizon_hours` to at least {}",
                    u64::from(h) + 1
                ),
            )),
        );
    }
}
