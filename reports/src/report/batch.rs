//! The report of a batch (`batch.json`): the key figures as distributions over the runs
//! (median, 5–95 %), the medians and bands against the plan, and where the plan's assumptions
//! differ from the median run.

use bcpsim_engine::Lang;
use bcpsim_engine::batch::{BatchSummary, Stats};
use bcpsim_engine::lang::glossary;
use bcpsim_engine::outcome::catalogue::{self, keys};

use super::document::{Assumptions, Document};
use super::{
    AssumptionRow, KeyFigure, attendance_table_of, attendance_worst_of, captioned, check_hours_of,
    curve_text, format_number, key_figures_of, stock_note, stock_rows_of, stock_table_of,
};
use crate::charts::{batch_attendance, batch_charts, batch_stocks};
use crate::i18n::{self, Text};

const TITLE: Text = Text::new(
    "BCP シミュレーション報告書（モンテカルロ）",
    "BCP simulation report (Monte Carlo)",
);
/// Scenario, weekday, onset hour, horizon hours, horizon days, seed, runs.
const SCENARIO_LINE: Text = Text::new(
    "シナリオ「{}」：発災 {} {}時、発災から {} 時間（{} 日）。シード {} で {} 回実行した結果です（実行ごとに乱数だけが異なり、同じ番号の実行はいつも同じ結果になります）。",
    "Scenario “{}”: onset {} {}:00, {} hours ({} days) from onset; seed {}, {} runs (the runs differ only in their random draws, and run i always gives the same result).",
);
/// Shard index, shard count, runs in this directory.
const SHARD_LINE: Text = Text::new(
    "これは分割実行の一部（{}/{}、{} 回分）です。全体の結果は bcpsim merge で統合してください。",
    "This is one shard ({}/{}, {} runs); merge the shards with bcpsim merge for the whole batch.",
);
const FOOTER: Text = Text::new(
    "bcpsim がバッチの出力（batch.json、出力形式 {}）から作成。同じ入力からは同じ内容になります。",
    "Made by bcpsim from the batch output (batch.json, format {}). The same inputs give the same report.",
);
/// Median, p5, p95 (each with its unit).
const DIST: Text = Text::new("中央値 {}（5〜95%：{}〜{}）", "median {} (5–95 %: {}–{})");
/// Value, runs.
const SAME: Text = Text::new("{}（全 {} 回で同じ）", "{} (the same in all {} runs)");
const PATIENTS: Text = Text::new("{} 人", "{}");
const HOURS: Text = Text::new("{} 時間", "{} h");
const VISITS: Text = Text::new("{} 件", "{}");
/// Distribution, power-dependent patients, distribution of patient-hours.
const DEPLETED_VALUE: Text = Text::new(
    "{}、電源依存 {} 人中。延べ時間は{}",
    "{} of {} power-dependent; patient-hours: {}",
);
/// Distribution, class-A patients.
const CLASS_A_VALUE: Text = Text::new("{}、優先度A {} 人中", "{} of {} class A");
/// Distribution (after onset), runs never reaching it, all runs.
const ALL_A_VALUE: Text = Text::new(
    "{}。期間内に全員確認できなかった実行 {} / {} 回",
    "{}; not reached within the run in {} of {} runs",
);
const ALL_A_NEVER: Text = Text::new(
    "未達（全 {} 回で期間内に全員は確認できず）",
    "never (not reached in any of {} runs)",
);
/// Item, distribution, runs with a stock-out, all runs.
const STOCKOUT_VALUE: Text = Text::new(
    "{}：{}（在庫切れが起きた {} / {} 回の実行で）",
    "{}: {} (in the {} of {} runs that ran out)",
);
const NO_STOCKOUT: Text = Text::new("在庫切れなし（全 {} 回）", "no stock-out (in all {} runs)");
/// Delivered distribution, demanded median, share of medians.
const VISITS_VALUE: Text = Text::new(
    "{}、需要の中央値 {} 件（{}）",
    "{}; median demanded {} ({})",
);

/// The batch's report.
pub fn batch_document(b: &BatchSummary, lang: Lang) -> Document {
    let stocks = batch_stock_rows(b, lang);
    let mut tables = vec![(
        "attendance",
        attendance_table_of(&batch_attendance_rows(b), b.profile.onset_hour, true, lang),
    )];
    let has_stocks = !stocks.is_empty();
    if has_stocks {
        tables.push((
            "stocks",
            stock_table_of(&stocks, b.profile.onset_hour, true, lang),
        ));
    }
    Document {
        title: TITLE.get(lang).to_string(),
        subject: b.scenario.clone(),
        paragraph: batch_paragraph(b, lang),
        key_figures: batch_key_figures(b, lang),
        key_tables: Vec::new(),
        charts: captioned(batch_charts(b), lang),
        assumptions: Some(Assumptions {
            sentence: attendance_worst_of(&batch_attendance(b), b.profile.onset_hour, lang),
            tables,
            note: has_stocks.then(|| stock_note(lang).to_string()),
        }),
        footer: FOOTER.fill(lang, &[&b.format_version]),
    }
}

/// The scenario, the batch and the plan in one paragraph.
pub fn batch_paragraph(b: &BatchSummary, lang: Lang) -> String {
    let p = &b.profile;
    let step = b.step_hours.max(1);
    let curve = check_hours_of(b.horizon_hours.saturating_sub(step), b.horizon_hours)
        .filter_map(|h| {
            let share = p.plan_attendance.get((h / step) as usize)?;
            Some(format!("{h}h {:.0}%", share * 100.0))
        })
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "));
    let stock_curve = curve_text(
        &batch_stocks(b).plan,
        check_hours_of(b.horizon_hours.saturating_sub(step), b.horizon_hours),
        lang,
    );
    let mut parts = vec![SCENARIO_LINE.fill(
        lang,
        &[
            &b.scenario,
            &p.onset_weekday.name().get(lang),
            &p.onset_hour,
            &b.horizon_hours,
            &format!("{:.0}", f64::from(b.horizon_hours) / 24.0),
            &b.seed,
            &b.runs,
        ],
    )];
    if let Some(shard) = b.shard {
        parts.push(SHARD_LINE.fill(lang, &[&shard.index, &shard.count, &b.runs_included]));
    }
    parts.push(i18n::REPORT_PLAN_LINE.fill(
        lang,
        &[
            &p.agencies.max(1),
            &format_number(b.normal_daily_staff),
            &b.patients,
            &p.class_a_patients,
            &p.power_dependent_patients,
        ],
    ));
    parts.push(i18n::REPORT_PLAN_CURVE_LINE.fill(lang, &[&curve, &stock_curve]));
    parts.join(lang.pick("", " "))
}

fn value(v: Option<f64>, unit: Text, lang: Lang) -> String {
    unit.fill(lang, &[&v.map_or_else(|| "—".to_string(), format_number)])
}

/// "中央値 2 人（5〜95%：0 人〜5 人）", or "14 人（全 200 回で同じ）" when no run differs.
fn dist(s: &Stats, unit: Text, lang: Lang) -> String {
    if s.n > 0 && s.min == s.max {
        return SAME.fill(lang, &[&value(s.p50, unit, lang), &s.n]);
    }
    DIST.fill(
        lang,
        &[
            &value(s.p50, unit, lang),
            &value(s.p5, unit, lang),
            &value(s.p95, unit, lang),
        ],
    )
}

/// The five key figures as distributions over the runs, most critical first.
pub fn batch_key_figures(b: &BatchSummary, lang: Lang) -> Vec<KeyFigure> {
    let m = |name: &str| b.metrics.get(name);
    let runs = b.runs_included;
    let none = || "—".to_string();
    let depleted = match (
        m(keys::BATTERY_DEPLETED_PATIENTS),
        m(keys::DEPLETED_PATIENT_HOURS),
    ) {
        (Some(d), Some(h)) => DEPLETED_VALUE.fill(
            lang,
            &[
                &dist(d, PATIENTS, lang),
                &b.profile.power_dependent_patients,
                &dist(h, HOURS, lang),
            ],
        ),
        _ => none(),
    };
    let class_a = m(keys::CLASS_A_UNCONTACTED_OVER_24H).map_or_else(none, |s| {
        CLASS_A_VALUE.fill(
            lang,
            &[&dist(s, PATIENTS, lang), &b.profile.class_a_patients],
        )
    });
    let all_a = m(keys::CLASS_A_ALL_CONFIRMED_HOUR).map_or_else(none, |s| {
        if s.n == 0 {
            ALL_A_NEVER.fill(lang, &[&runs])
        } else {
            ALL_A_VALUE.fill(lang, &[&dist(s, HOURS, lang), &s.missing, &runs])
        }
    });
    key_figures_of(
        [
            depleted,
            class_a,
            all_a,
            first_stockout(b, lang),
            visits(b, lang),
        ],
        lang,
    )
}

/// The item whose median stock-out (over the runs where it ran out) comes first.
fn first_stockout(b: &BatchSummary, lang: Lang) -> String {
    let first = b
        .metrics
        .iter()
        .filter_map(|(name, s)| {
            let item = catalogue::stockout_item(name)?;
            Some((s.p50?, item, s))
        })
        .min_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(y.1)));
    match first {
        Some((_, item, s)) => STOCKOUT_VALUE.fill(
            lang,
            &[
                &glossary::stock_item(item, lang),
                &dist(s, HOURS, lang),
                &s.n,
                &b.runs_included,
            ],
        ),
        None => NO_STOCKOUT.fill(lang, &[&b.runs_included]),
    }
}

fn visits(b: &BatchSummary, lang: Lang) -> String {
    let (Some(delivered), Some(demanded)) = (
        b.metrics.get(keys::VISITS_DELIVERED),
        b.metrics.get(keys::VISITS_DEMANDED),
    ) else {
        return "—".to_string();
    };
    let share = match (delivered.p50, demanded.p50) {
        (Some(d), Some(n)) if n > 0.0 => format!("{:.1}%", d / n * 100.0),
        _ => "—".to_string(),
    };
    VISITS_VALUE.fill(
        lang,
        &[
            &dist(delivered, VISITS, lang),
            &demanded.p50.map_or_else(|| "—".to_string(), format_number),
            &share,
        ],
    )
}

/// The plan's attendance against the median and the 5–95 % range at the check hours.
pub fn batch_attendance_rows(b: &BatchSummary) -> Vec<AssumptionRow> {
    let bands = &b.bands.attendance;
    let last = bands.last().map_or(0, |x| x.hour);
    let step = b.step_hours.max(1);
    check_hours_of(last, b.horizon_hours)
        .filter_map(|h| {
            let band = bands.iter().find(|x| x.hour == h)?;
            let plan = *b.profile.plan_attendance.get((h / step) as usize)?;
            Some(AssumptionRow {
                hour: h,
                plan,
                simulated: band.p50,
                lowest: None,
                below: None,
                range: Some((band.p5, band.p95)),
            })
        })
        .collect()
}

/// The sample plan's stock assumption against the median stock (mean over items).
pub fn batch_stock_rows(b: &BatchSummary, lang: Lang) -> Vec<AssumptionRow> {
    let data = batch_stocks(b);
    if data.items.is_empty() {
        return Vec::new();
    }
    let last = data
        .items
        .iter()
        .filter_map(|i| i.share.last())
        .map(|p| p.0 as u32)
        .max()
        .unwrap_or(0);
    stock_rows_of(&data, check_hours_of(last, b.horizon_hours), lang)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use bcpsim_engine::batch::{BATCH_FORMAT_VERSION, Band, BatchBands, ScenarioProfile};
    use bcpsim_engine::scenario::Weekday;

    use super::*;

    fn stats(n: u64, missing: u64, min: f64, p5: f64, p50: f64, p95: f64, max: f64) -> Stats {
        Stats {
            n,
            missing,
            mean: Some(p50),
            sd: None,
            min: Some(min),
            p5: Some(p5),
            p50: Some(p50),
            p95: Some(p95),
            max: Some(max),
        }
    }

    /// Ten runs of a 48-hour scenario in 24-hour steps (two steps: 0 h and 24 h).
    fn summary() -> BatchSummary {
        let mut metrics = BTreeMap::new();
        metrics.insert(
            "critical.battery_depleted_patients".to_string(),
            stats(10, 0, 0.0, 0.0, 2.0, 5.0, 6.0),
        );
        metrics.insert(
            "critical.depleted_patient_hours".to_string(),
            stats(10, 0, 14.0, 14.0, 14.0, 14.0, 14.0),
        );
        metrics.insert(
            "safety_checks.class_a_all_confirmed_hour".to_string(),
            Stats {
                n: 0,
                missing: 10,
                mean: None,
                sd: None,
                min: None,
                p5: None,
                p50: None,
                p95: None,
                max: None,
            },
        );
        // Water runs out later than gloves (median 40 h vs 30 h), and in fewer runs.
        metrics.insert(
            "stocks.water_2l.stockout_hour".to_string(),
            stats(4, 6, 38.0, 38.0, 40.0, 44.0, 44.0),
        );
        metrics.insert(
            "stocks.gloves.stockout_hour".to_string(),
            stats(7, 3, 24.0, 24.0, 30.0, 36.0, 36.0),
        );
        metrics.insert(
            "visits.delivered".to_string(),
            stats(10, 0, 40.0, 41.0, 45.0, 50.0, 52.0),
        );
        metrics.insert(
            "visits.demanded".to_string(),
            stats(10, 0, 60.0, 60.0, 60.0, 60.0, 60.0),
        );
        let band = |hour, p5, p50, p95| Band { hour, p5, p50, p95 };
        BatchSummary {
            format_version: BATCH_FORMAT_VERSION,
            scenario: "s".into(),
            scenario_sha256: "0".repeat(64),
            seed: 1,
            runs: 10,
            runs_included: 10,
            shard: None,
            horizon_hours: 48,
            step_hours: 24,
            normal_daily_staff: 10.0,
            patients: 50,
            profile: ScenarioProfile {
                onset_weekday: Weekday::Wed,
                onset_hour: 14,
                agencies: 1,
                class_a_patients: 5,
                power_dependent_patients: 8,
                plan_attendance: vec![0.03, 0.3],
                plan_stock: vec![1.0, 0.7],
                stocks: BTreeMap::new(),
            },
            metrics,
            bands: BatchBands {
                attendance: vec![band(0, 0.0, 0.1, 0.2), band(24, 0.2, 0.25, 0.4)],
                safety_checks_confirmed_share: Vec::new(),
                stocks: BTreeMap::new(),
            },
        }
    }

    #[test]
    fn key_figures_are_medians_with_their_range() {
        let kf = batch_key_figures(&summary(), Lang::Ja);
        assert_eq!(
            kf[0].value,
            "中央値 2 人（5〜95%：0 人〜5 人）、電源依存 8 人中。延べ時間は14 時間（全 10 回で同じ）"
        );
        // No run confirmed every class-A patient: "never", not a median of nothing.
        assert_eq!(kf[2].value, "未達（全 10 回で期間内に全員は確認できず）");
        // Gloves' median stock-out (30 h) comes before water's (40 h); 7 of 10 runs ran out.
        assert_eq!(
            kf[3].value,
            "手袋：中央値 30 時間（5〜95%：24 時間〜36 時間）（在庫切れが起きた 7 / 10 回の実行で）"
        );
        // 45 of a median 60 demanded: 75.0 %.
        assert_eq!(
            kf[4].value,
            "中央値 45 件（5〜95%：41 件〜50 件）、需要の中央値 60 件（75.0%）"
        );
    }

    #[test]
    fn attendance_rows_take_the_plan_and_band_at_each_check_hour() {
        let rows = batch_attendance_rows(&summary());
        // A 48-hour run reaches the check hours 0, 6 and 24 (not 72); 6 h has no step of its
        // own in 24-hour steps, so only 0 and 24 have a band.
        let hours: Vec<u32> = rows.iter().map(|r| r.hour).collect();
        assert_eq!(hours, vec![0, 24]);
        assert_eq!(rows[1].plan, 0.3);
        assert_eq!(rows[1].simulated, 0.25);
        assert_eq!(rows[1].range, Some((0.2, 0.4)));
        let table = attendance_table_of(&rows, 14, true, Lang::Ja);
        assert_eq!(table.header[2], "中央値");
        assert_eq!(table.header[3], "5〜95%");
        // 25 % against the plan's 30 %: -5.0 points, within 10 points of the plan.
        assert_eq!(table.rows[1][4], "-5.0 pt");
        assert_eq!(table.rows[1][5], "ほぼ計画どおり");
    }
}
