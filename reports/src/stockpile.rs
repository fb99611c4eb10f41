//! The stockpile check (`bcpsim stockpile`): per agency, each item's required quantity by the
//! formulas of 004 §2-7 next to what the scenario holds, as a readable table or as JSON.
//! The numbers come from [`bcpsim_engine::stockpile`].

use bcpsim_engine::Lang;
use bcpsim_engine::stockpile::{AgencyStockpile, StockpileRow};
use serde::Serialize;

use crate::i18n;
use crate::width::{Align, table};

/// `bcpsim stockpile` as a table per agency, item by item, shortfalls flagged.
pub fn stockpile_table(agencies: &[AgencyStockpile], lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(i18n::STOCKPILE_TITLE.get(lang));
    out.push('\n');
    if agencies.is_empty() {
        out.push('\n');
        out.push_str(i18n::NO_AGENCIES.get(lang));
        out.push('\n');
        return out;
    }
    for a in agencies {
        out.push('\n');
        out.push_str(
            i18n::STOCKPILE_AGENCY
                .fill(lang, &[&a.agency, &a.name])
                .trim_end(),
        );
        out.push('\n');
        out.push_str("  ");
        out.push_str(&i18n::STOCKPILE_INPUTS.fill(
            lang,
            &[
                &number(a.average_working_per_day),
                &a.staff_count,
                &a.women_50_or_under,
                &a.days,
            ],
        ));
        out.push('\n');
        let mut rows = vec![vec![
            i18n::COL_ITEM.get(lang).to_string(),
            i18n::COL_REQUIRED.get(lang).to_string(),
            i18n::COL_HELD.get(lang).to_string(),
            i18n::COL_STATUS.get(lang).to_string(),
            i18n::COL_FORMULA.get(lang).to_string(),
        ]];
        rows.extend(a.rows.iter().map(|r| row(r, lang)));
        out.push_str(&table(
            "  ",
            &[
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Left,
                Align::Left,
            ],
            &rows,
        ));
        let short = a.short_items().count();
        out.push_str("  ");
        if short == 0 {
            out.push_str(i18n::STOCKPILE_ALL_OK.get(lang));
        } else {
            out.push_str(&i18n::STOCKPILE_SHORT_ITEMS.fill(lang, &[&short]));
        }
        out.push('\n');
    }
    out.push('\n');
    out.push_str(i18n::STOCKPILE_NOTE.get(lang));
    out.push('\n');
    out
}

fn row(r: &StockpileRow, lang: Lang) -> Vec<String> {
    let unit = lang.pick(&r.unit_ja, &r.unit_en);
    let status = if r.shortfall > 0 {
        i18n::STOCK_SHORT.fill(lang, &[&r.shortfall])
    } else {
        i18n::STOCK_OK.get(lang).to_string()
    };
    vec![
        lang.pick(&r.name_ja, &r.name_en).to_string(),
        format!("{} {unit}", r.required),
        format!("{} {unit}", number(r.held)),
        status,
        lang.pick(&r.formula_ja, &r.formula_en).to_string(),
    ]
}

#[derive(Serialize)]
struct StockpileJson<'a> {
    scenario: &'a str,
    days: u32,
    agencies: &'a [AgencyStockpile],
}

/// `bcpsim stockpile --json`: pretty JSON with a trailing newline, the same whatever the
/// language (names, units and formulas are given in both).
pub fn stockpile_json(scenario: &str, days: u32, agencies: &[AgencyStockpile]) -> String {
    let mut s = serde_json::to_string_pretty(&StockpileJson {
        scenario,
        days,
        agencies,
    })
    .expect("stockpile serialises to JSON");
    s.push('\n');
    s
}

/// A quantity: whole numbers without decimals, others with up to three.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use bcpsim_engine::stockpile::{StockpileInputs, stockpile_rows};

    use crate::width::display_width;

    fn sample() -> AgencyStockpile {
        let inputs = StockpileInputs {
            average_working_per_day: 9.0,
            women_50_or_under: 8,
            staff_count: 15,
            days: 3,
        };
        let rows = stockpile_rows(&inputs, |id| match id {
            "water_2l" => Some((36.0, "bottle".into())),
            "meals" => Some((90.0, "meal".into())),
            _ => None,
        });
        AgencyStockpile {
            agency: "station".into(),
            name: "サンプル訪問看護ステーション".into(),
            average_working_per_day: 9.0,
            staff_count: 15,
            women_50_or_under: 8,
            women_share: inputs.women_share(),
            days: 3,
            rows,
        }
    }

    #[test]
    fn japanese_table_flags_shortfalls() {
        let t = stockpile_table(&[sample()], Lang::Ja);
        let water = t.lines().find(|l| l.contains("飲料水")).unwrap();
        assert!(water.contains("41 本"), "{water}");
        assert!(water.contains("36 本"), "{water}");
        assert!(water.contains("不足 5"), "{water}");
        let meals = t.lines().find(|l| l.contains("非常食")).unwrap();
        assert!(meals.contains("充足"), "{meals}");
        assert!(t.contains("不足している品目: 12 品目"), "{t}");
        for line in t.lines() {
            assert!(display_width(line) <= 80, "too wide: {line:?}");
        }
    }

    #[test]
    fn english_table_flags_shortfalls() {
        let t = stockpile_table(&[sample()], Lang::En);
        let water = t.lines().find(|l| l.contains("Drinking water")).unwrap();
        assert!(water.contains("41 bottles"), "{water}");
        assert!(water.contains("short by 5"), "{water}");
        assert!(t.contains("Items short: 12"));
        for line in t.lines() {
            assert!(display_width(line) <= 80, "too wide: {line:?}");
        }
    }

    #[test]
    fn json_carries_numbers() {
        let j = stockpile_json("s", 3, &[sample()]);
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        let water = &v["agencies"][0]["rows"][0];
        assert_eq!(water["item"], "water_2l");
        assert_eq!(water["required"], 41);
        assert_eq!(water["exact"], 40.5);
        assert_eq!(water["shortfall"], 5);
        assert_eq!(v["days"], 3);
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(number(36.0), "36");
        assert_eq!(number(40.5), "40.5");
        assert_eq!(number(1.0 / 3.0), "0.333");
    }
}
