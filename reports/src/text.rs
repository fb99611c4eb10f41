//! The readable run summary printed on the terminal (`bcpsim run`): the headline metrics of
//! docs/model.md, critical figures first, in aligned plain-text columns that fit 80 columns.
//! Japanese by default; every word comes from [`crate::i18n`].

use std::collections::BTreeMap;

use bcpsim_engine::Lang;
use bcpsim_engine::lang::glossary;
use bcpsim_engine::outcome::{AttendancePoint, ClassChecks, DemandCount, Metrics, Summary};
use bcpsim_engine::scenario::CareCategory;

use crate::i18n::{self, Text};
use crate::width::{Align, table};

/// Hours after onset at which attendance is shown.
const ATTENDANCE_HOURS: [u32; 4] = [6, 24, 72, 168];

/// The run summary in `lang`. Times are shown as hours after onset and as clock times
/// "N日目 hh時" / "day N hh:00", where day N is the calendar day counted from the day of the
/// onset (day 1; a new day starts at midnight), from the summary's onset hour.
pub fn run_summary_text(s: &Summary, lang: Lang) -> String {
    let r = Renderer {
        lang,
        onset_hour: s.onset_hour % 24,
    };
    let m = &s.region;
    let mut out = String::new();

    out.push_str(i18n::TITLE.get(lang));
    out.push('\n');
    out.push_str(&format!("{}: {}\n", i18n::SCENARIO.get(lang), s.scenario));
    out.push_str(&i18n::ONSET.fill(lang, &[&s.onset_weekday.name().get(lang), &r.clock(0)]));
    out.push('\n');
    out.push_str(&i18n::SEED_RUN_HORIZON.fill(lang, &[&s.seed, &s.run, &s.horizon_hours]));
    out.push('\n');

    r.critical(&mut out, m);
    r.safety_checks(&mut out, m);
    r.visits(&mut out, m);
    r.stockouts(&mut out, m);
    r.attendance(&mut out, m);
    r.bcp_and_staff(&mut out, m);
    if let Some(f) = &m.finance {
        r.section(&mut out, i18n::SECTION_FINANCE);
        let rows = vec![
            vec![
                i18n::REVENUE.fill(lang, &[&f.visits_delivered]),
                r.yen(f.revenue_yen),
            ],
            vec![i18n::FIXED_COSTS.get(lang).into(), r.yen(f.fixed_costs_yen)],
            vec![
                i18n::BREAK_EVEN.get(lang).into(),
                format!("{:.1}", f.break_even_visits_per_month),
            ],
            vec![
                i18n::PACE.get(lang).into(),
                format!("{:.1}", f.visits_per_month_pace),
            ],
        ];
        numeric_table(&mut out, &rows);
        note(
            &mut out,
            &i18n::PAYMENT_DELAY.fill(lang, &[&f.payment_delay_months]),
        );
    }
    if s.agencies.len() > 1 {
        r.agencies(&mut out, &s.agencies);
    }
    out
}

struct Renderer {
    lang: Lang,
    /// Clock hour of the onset, 0–23.
    onset_hour: u32,
}

impl Renderer {
    fn section(&self, out: &mut String, title: Text) {
        out.push_str("\n■ ");
        out.push_str(title.get(self.lang));
        out.push('\n');
    }

    /// The text of each label in this renderer's language (a table's header row).
    fn labels(&self, labels: &[Text]) -> Vec<String> {
        labels
            .iter()
            .map(|t| t.get(self.lang).to_string())
            .collect()
    }

    fn persons(&self, n: u32) -> String {
        i18n::PERSONS.fill(self.lang, &[&n])
    }

    /// "18 時間後（1日目 8時）" / "18 h (day 1 08:00)".
    fn when(&self, hour: u32) -> String {
        let hours = i18n::HOURS_AFTER.fill(self.lang, &[&hour]);
        match self.lang {
            Lang::Ja => format!("{hours}（{}）", self.day_clock(hour)),
            Lang::En => format!("{hours} ({})", self.day_clock(hour)),
        }
    }

    /// The clock hour `hour` hours after onset: "8" (read "8時") / "08".
    fn clock(&self, hour: u32) -> String {
        let clock = (self.onset_hour + hour) % 24;
        match self.lang {
            Lang::Ja => clock.to_string(),
            Lang::En => format!("{clock:02}"),
        }
    }

    /// "N日目 hh時" / "day N hh:00" for `hour` hours after onset: N is the calendar day (day 1
    /// = the day of the onset, a new day starts at midnight) so that day and clock read
    /// together. (The `day` column of `timeseries.csv` instead counts 24 h from the onset.)
    fn day_clock(&self, hour: u32) -> String {
        let day = bcpsim_engine::lang::calendar_day(self.onset_hour, hour);
        i18n::DAY_CLOCK.fill(self.lang, &[&day, &self.clock(hour)])
    }

    fn yen(&self, x: f64) -> String {
        i18n::YEN.fill(self.lang, &[&thousands(x.round() as i64)])
    }

    fn critical(&self, out: &mut String, m: &Metrics) {
        let lang = self.lang;
        let c = &m.critical;
        self.section(out, i18n::SECTION_CRITICAL);
        let confirmed = match m.safety_checks.class_a_all_confirmed_hour {
            Some(h) => self.when(h),
            None => i18n::NEVER.get(lang).to_string(),
        };
        let rows = vec![
            vec![
                i18n::BATTERY_DEPLETED.get(lang).to_string(),
                self.persons(c.battery_depleted_patients),
            ],
            vec![
                i18n::CLASS_A_UNCONTACTED.get(lang).to_string(),
                self.persons(c.class_a_uncontacted_over_24h),
            ],
            vec![i18n::CLASS_A_ALL_CONFIRMED.get(lang).to_string(), confirmed],
        ];
        let lines = table("  ", &[Align::Left, Align::Left], &rows);
        let mut lines = lines.lines();
        if let Some(first) = lines.next() {
            out.push_str(first);
            out.push('\n');
            out.push_str("    ");
            out.push_str(&i18n::BATTERY_DEPLETED_DETAIL.fill(
                lang,
                &[&c.power_dependent_patients, &c.depleted_patient_hours],
            ));
            out.push('\n');
            out.push_str("    ");
            out.push_str(&i18n::DEPLETED_LONGEST_ADMITTED.fill(
                lang,
                &[
                    &c.longest_without_device_power_hours,
                    &c.admitted_to_hospital,
                ],
            ));
            out.push('\n');
        }
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
    }

    fn safety_checks(&self, out: &mut String, m: &Metrics) {
        let lang = self.lang;
        let sc = &m.safety_checks;
        self.section(out, i18n::SECTION_SAFETY);
        let mut rows = vec![vec![String::new(), String::new()]];
        rows[0].extend([6, 24, 72].map(|h| i18n::AT_HOURS.fill(lang, &[&h])));
        let shares = |name: String, c: &ClassChecks| {
            vec![
                name,
                i18n::PATIENTS_COUNT.fill(lang, &[&c.patients]),
                percent(c.confirmed_share_6h),
                percent(c.confirmed_share_24h),
                percent(c.confirmed_share_72h),
            ]
        };
        let all = ClassChecks {
            patients: sc.patients,
            confirmed_share_6h: sc.confirmed_share_6h,
            confirmed_share_24h: sc.confirmed_share_24h,
            confirmed_share_72h: sc.confirmed_share_72h,
        };
        rows.push(shares(i18n::ALL_PATIENTS.get(lang).to_string(), &all));
        for (class, c) in &sc.by_class {
            rows.push(shares(i18n::CLASS.fill(lang, &[&class.to_uppercase()]), c));
        }
        numeric_table(out, &rows);
        note(
            out,
            &i18n::CALLS.fill(lang, &[&sc.calls, &sc.failed_calls, &sc.check_visits]),
        );
    }

    fn visits(&self, out: &mut String, m: &Metrics) {
        let lang = self.lang;
        let v = &m.visits;
        self.section(out, i18n::SECTION_VISITS);
        let counts = |name: String, d: &DemandCount| {
            vec![
                name,
                d.demanded.to_string(),
                d.delivered.to_string(),
                ratio(d.delivered, d.demanded),
            ]
        };
        let mut header = vec![String::new()];
        header.extend(self.labels(&[i18n::DEMANDED, i18n::DELIVERED, i18n::DELIVERED_SHARE]));
        let total = DemandCount {
            demanded: v.demanded,
            delivered: v.delivered,
        };
        let mut rows = vec![header, counts(i18n::TOTAL.get(lang).to_string(), &total)];
        // Categories in the order operating levels add them back, then any others by key.
        let mut categories: Vec<(&String, &DemandCount)> = v.by_category.iter().collect();
        categories.sort_by_key(|(key, _)| {
            CareCategory::ALL
                .iter()
                .position(|c| c.key() == key.as_str())
                .unwrap_or(CareCategory::ALL.len())
        });
        for (key, d) in categories {
            let name = glossary::care_category(key, lang);
            rows.push(counts(name, d));
        }
        numeric_table(out, &rows);
        note(
            out,
            &i18n::VISITS_FAMILY_OPEN.fill(lang, &[&v.covered_by_family, &v.open_at_end]),
        );
        note(
            out,
            &i18n::VISITS_MADE.fill(lang, &[&v.visits_made, &v.urgent_power_visits]),
        );
    }

    fn stockouts(&self, out: &mut String, m: &Metrics) {
        let lang = self.lang;
        self.section(out, i18n::SECTION_STOCKOUTS);
        let mut outs: Vec<(u32, &String)> = m
            .stocks
            .iter()
            .filter_map(|(item, s)| s.stockout_hour.map(|h| (h, item)))
            .collect();
        outs.sort();
        if outs.is_empty() {
            note(out, i18n::NO_STOCKOUTS.get(lang));
            return;
        }
        let rows: Vec<Vec<String>> = outs
            .iter()
            .map(|(h, item)| {
                vec![
                    glossary::stock_item(item, lang),
                    i18n::HOURS_AFTER.fill(lang, &[h]),
                    self.day_clock(*h),
                ]
            })
            .collect();
        out.push_str(&table(
            "  ",
            &[Align::Left, Align::Right, Align::Left],
            &rows,
        ));
    }

    fn attendance(&self, out: &mut String, m: &Metrics) {
        let lang = self.lang;
        self.section(out, i18n::SECTION_ATTENDANCE);
        let at = &m.staff.attendance_at;
        let mut header = vec![String::new()];
        let mut simulated = vec![i18n::SIMULATED.get(lang).to_string()];
        let mut plan = vec![i18n::PLAN.get(lang).to_string()];
        for h in ATTENDANCE_HOURS {
            header.push(i18n::AT_HOURS.fill(lang, &[&h]));
            let point: Option<&AttendancePoint> = at.get(&h);
            let dash = || i18n::NOT_REACHED.get(lang).to_string();
            simulated.push(point.map_or_else(dash, |p| percent(p.simulated)));
            plan.push(point.map_or_else(dash, |p| percent(p.plan)));
        }
        numeric_table(out, &[header, simulated, plan]);
        // The trough: an infection wave bottoms out after the fixed hours above.
        note(
            out,
            &i18n::LOWEST_ATTENDANCE.fill(
                lang,
                &[
                    &percent(m.staff.lowest_attendance),
                    &self.day_clock(m.staff.lowest_attendance_hour),
                ],
            ),
        );
    }

    fn bcp_and_staff(&self, out: &mut String, m: &Metrics) {
        let lang = self.lang;
        self.section(out, i18n::SECTION_BCP);
        let a = &m.activation;
        let rows = vec![
            vec![
                i18n::BCP_ACTIVATED.get(lang).to_string(),
                a.activated_hour.map_or_else(
                    || i18n::NOT_ACTIVATED.get(lang).to_string(),
                    |h| self.when(h),
                ),
            ],
            vec![
                i18n::BCP_RELEASED.get(lang).to_string(),
                a.released_hour.map_or_else(
                    || i18n::NOT_RELEASED.get(lang).to_string(),
                    |h| self.when(h),
                ),
            ],
            vec![
                i18n::OVERTIME.get(lang).to_string(),
                i18n::HOURS.fill(lang, &[&m.staff.overtime_hours]),
            ],
            vec![
                i18n::LONGEST_DUTY.get(lang).to_string(),
                i18n::HOURS.fill(lang, &[&m.staff.longest_continuous_duty_hours]),
            ],
        ];
        out.push_str(&table("  ", &[Align::Left, Align::Left], &rows));
    }

    fn agencies(&self, out: &mut String, agencies: &BTreeMap<String, Metrics>) {
        let lang = self.lang;
        self.section(out, i18n::SECTION_AGENCIES);
        let mut rows = vec![self.labels(&[
            i18n::AGENCY,
            i18n::COL_DEPLETED,
            i18n::COL_CLASS_A_24H,
            i18n::COL_VISITS,
            i18n::COL_ATTENDANCE_24H,
        ])];
        for (id, m) in agencies {
            rows.push(vec![
                id.clone(),
                m.critical.battery_depleted_patients.to_string(),
                m.critical.class_a_uncontacted_over_24h.to_string(),
                format!("{}/{}", m.visits.delivered, m.visits.demanded),
                m.staff.attendance_at.get(&24).map_or_else(
                    || i18n::NOT_REACHED.get(lang).to_string(),
                    |p| percent(p.simulated),
                ),
            ]);
        }
        numeric_table(out, &rows);
    }
}

/// Appends a table of a label column (left-aligned) followed by figures (right-aligned).
fn numeric_table(out: &mut String, rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut aligns = vec![Align::Right; columns.max(1)];
    aligns[0] = Align::Left;
    out.push_str(&table("  ", &aligns, rows));
}

/// Appends an indented line of text under a table.
fn note(out: &mut String, text: &str) {
    out.push_str("  ");
    out.push_str(text);
    out.push('\n');
}

/// A share as a percentage with one decimal.
fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.1}%", share * 100.0)
    } else {
        "—".to_string()
    }
}

/// `part` of `whole` as a percentage, or a dash when `whole` is 0.
fn ratio(part: u32, whole: u32) -> String {
    if whole == 0 {
        "—".to_string()
    } else {
        percent(f64::from(part) / f64::from(whole))
    }
}

/// An integer with thousands separators: 1260500 → "1,260,500".
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    use bcpsim_engine::outcome::{FinanceSummary, OUTPUT_FORMAT_VERSION, StockSummary};
    use bcpsim_engine::scenario::Weekday;

    use crate::width::display_width;

    fn stock(hour: Option<u32>) -> StockSummary {
        StockSummary {
            unit: "piece".into(),
            initial: 10.0,
            final_quantity: 0.0,
            min_quantity: 0.0,
            stockout_hour: hour,
        }
    }

    /// A summary of a run whose onset is a Tuesday at 14:00.
    fn summary(with_finance: bool) -> Summary {
        let mut m = Metrics::default();
        m.critical.power_dependent_patients = 5;
        m.critical.battery_depleted_patients = 2;
        m.critical.depleted_patient_hours = 14;
        m.critical.class_a_uncontacted_over_24h = 1;
        let sc = &mut m.safety_checks;
        sc.patients = 40;
        sc.confirmed_share_6h = 0.4;
        sc.confirmed_share_24h = 0.8;
        sc.confirmed_share_72h = 1.0;
        sc.class_a_all_confirmed_hour = None;
        sc.calls = 120;
        sc.failed_calls = 30;
        sc.check_visits = 4;
        for (k, n) in [("a", 5), ("b", 15), ("c", 20)] {
            sc.by_class.insert(
                k.into(),
                ClassChecks {
                    patients: n,
                    confirmed_share_6h: 0.2,
                    confirmed_share_24h: 0.6,
                    confirmed_share_72h: 1.0,
                },
            );
        }
        m.visits.demanded = 120;
        m.visits.delivered = 90;
        for (k, d, v) in [
            ("medical_care", 40, 40),
            ("excretion", 50, 30),
            ("meals", 30, 20),
        ] {
            m.visits.by_category.insert(
                k.into(),
                DemandCount {
                    demanded: d,
                    delivered: v,
                },
            );
        }
        m.stocks.insert("water_2l".into(), stock(Some(64)));
        m.stocks.insert("masks".into(), stock(None));
        m.stocks.insert("fuel_l".into(), stock(Some(30)));
        for (h, s, p) in [(6, 0.2, 0.2), (24, 0.25, 0.3), (72, 0.5, 0.5)] {
            m.staff.attendance_at.insert(
                h,
                AttendancePoint {
                    simulated: s,
                    plan: p,
                },
            );
        }
        m.staff.lowest_attendance = 4.0 / 9.0;
        m.staff.lowest_attendance_hour = 700;
        m.staff.overtime_hours = 120;
        m.staff.longest_continuous_duty_hours = 16;
        m.activation.activated_hour = Some(0);
        m.activation.released_hour = None;
        if with_finance {
            m.finance = Some(FinanceSummary {
                visits_delivered: 90,
                revenue_yen: 630_000.0,
                fixed_costs_yen: 1_260_500.0,
                break_even_visits_per_month: 180.07,
                visits_per_month_pace: 90.0,
                payment_delay_months: 2,
            });
        }
        let mut agencies = BTreeMap::new();
        agencies.insert("clinic".to_string(), Metrics::default());
        agencies.insert("station".to_string(), m.clone());
        Summary {
            format_version: OUTPUT_FORMAT_VERSION,
            scenario: "sample".into(),
            seed: 1,
            run: 0,
            stopped_at_hour: None,
            horizon_hours: 720,
            step_hours: 1,
            onset_weekday: Weekday::Tue,
            onset_hour: 14,
            region: m,
            agencies,
            zones: Default::default(),
            battery_margins: Vec::new(),
            event_count: None,
        }
    }

    #[test]
    fn japanese_summary_uses_glossary_terms() {
        let t = run_summary_text(&summary(true), Lang::Ja);
        for term in [
            "シナリオ: sample",
            "発災: 火曜日 14時",
            "シード 1",
            "電源喪失で機器バッテリーが尽きた利用者",
            "2 人",
            "24時間以上連絡のつかない優先度Aの利用者",
            "未達",
            "安否確認",
            "利用者",
            "訪問",
            "医療的ケア",
            "排泄援助",
            "食事援助",
            "75.0%",
            "備蓄",
            "在庫切れ",
            "飲料水 2L",
            "4日目 6時",
            "64 時間後",
            "出勤率",
            "計画",
            "最低 44.4%（30日目 18時）",
            "発動",
            "解除なし",
            "0 時間後（1日目 14時）",
            "超過勤務",
            "最長連続勤務",
            "1,260,500円",
            "事業所",
        ] {
            assert!(t.contains(term), "missing {term:?} in\n{t}");
        }
        // Critical figures come first, stock-outs in hour order, masks never ran out.
        assert!(t.find("電源喪失").unwrap() < t.find("安否確認（").unwrap());
        assert!(t.find("fuel_l").unwrap() < t.find("飲料水").unwrap());
        assert!(!t.contains("マスク"));
        assert!(t.find("医療的ケア").unwrap() < t.find("排泄援助").unwrap());
        assert!(!t.contains("Patients"));
    }

    #[test]
    fn english_summary_uses_english_terms() {
        let t = run_summary_text(&summary(true), Lang::En);
        for term in [
            "Scenario: sample",
            "Onset: Tuesday 14:00",
            "seed 1",
            "Patients whose device battery ran out",
            "Class-A patients uncontacted over 24 h",
            "All class-A patients confirmed",
            "never",
            "Safety checks",
            "Medical care",
            "Visits (demanded vs delivered)",
            "Stock-outs",
            "Drinking water 2 L",
            "day 4 06:00",
            "64 h",
            "Attendance (simulated / plan)",
            "lowest 44.4% (day 30 18:00)",
            "BCP activated",
            "0 h (day 1 14:00)",
            "Overtime",
            "Longest continuous duty",
            "¥1,260,500",
            "By agency",
        ] {
            assert!(t.contains(term), "missing {term:?} in\n{t}");
        }
        assert!(!t.contains("利用者"), "{t}");
    }

    #[test]
    fn fits_80_columns_and_is_plain() {
        for lang in [Lang::Ja, Lang::En] {
            let mut night = summary(false);
            night.onset_hour = 2;
            // A large region: counts of six or seven digits.
            let mut large = summary(true);
            let v = &mut large.region.visits;
            (v.covered_by_family, v.open_at_end) = (123_456, 123_456);
            (v.visits_made, v.urgent_power_visits) = (1_234_567, 123_456);
            let sc = &mut large.region.safety_checks;
            (sc.calls, sc.failed_calls, sc.check_visits) = (1_234_567, 1_234_567, 123_456);
            for t in [
                run_summary_text(&summary(true), lang),
                run_summary_text(&night, lang),
                run_summary_text(&large, lang),
            ] {
                for line in t.lines() {
                    assert!(display_width(line) <= 80, "too wide: {line:?}");
                    assert_eq!(line, line.trim_end());
                }
                assert!(!t.contains('\x1b'));
            }
        }
    }

    #[test]
    fn days_are_calendar_days_from_the_onset_date() {
        // Onset Sunday 22:00 (day 1): hour 64 is 86 h after the midnight that began day 1, so
        // day 4 14:00, although only two full 24-hour periods have passed.
        let mut s = summary(false);
        s.onset_weekday = Weekday::Sun;
        s.onset_hour = 22;
        let t = run_summary_text(&s, Lang::En);
        assert!(t.contains("Onset: Sunday 22:00"), "{t}");
        assert!(t.contains("day 4 14:00"), "{t}");
        assert!(t.contains("0 h (day 1 22:00)"), "{t}");
        assert!(!t.contains("+16"), "{t}");
        assert!(!t.contains("Finance"));
        let t = run_summary_text(&s, Lang::Ja);
        assert!(t.contains("発災: 日曜日 22時"), "{t}");
        assert!(t.contains("4日目 14時"), "{t}");
        // Two hours after the onset is already the next calendar day.
        s.region.safety_checks.class_a_all_confirmed_hour = Some(2);
        let t = run_summary_text(&s, Lang::Ja);
        assert!(t.contains("2 時間後（2日目 0時）"), "{t}");
    }

    #[test]
    fn lowest_attendance_is_shown_under_the_table() {
        let mut s = summary(false);
        s.region.staff.lowest_attendance = 0.03;
        s.region.staff.lowest_attendance_hour = 0;
        let t = run_summary_text(&s, Lang::Ja);
        let section = &t[t.find("■ 出勤率").unwrap()..t.find("■ 事業継続計画").unwrap()];
        assert!(
            section.contains("\n  最低 3.0%（1日目 14時）\n"),
            "{section}"
        );
        let t = run_summary_text(&s, Lang::En);
        assert!(t.contains("\n  lowest 3.0% (day 1 14:00)\n"), "{t}");
    }

    #[test]
    fn confirmed_hour_and_no_stockouts() {
        let mut s = summary(false);
        s.region.safety_checks.class_a_all_confirmed_hour = Some(30);
        s.region.stocks.clear();
        let t = run_summary_text(&s, Lang::Ja);
        assert!(t.contains("30 時間後（2日目 20時）"), "{t}");
        assert!(t.contains("在庫切れなし"));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_260_500), "1,260,500");
        assert_eq!(thousands(-12_345), "-12,345");
    }
}
