//! The stockpile (備蓄) an agency needs by the sample BCP's formulas (004 §2-7), next to what
//! its scenario holds.
//!
//! Every formula is driven by W, the staff normally working on a day
//! (`StaffSpec::average_working_per_day`, 9 in the sample), and a number of days (3 in the
//! sample). Sanitary products also use the share of staff who are women aged 50 or under.
//!
//! Arithmetic is exact: W is taken to three decimals (as an integer number of thousandths) and
//! every formula is evaluated as a fraction of integers, so that 9 × 3 L × 3 days ÷ 2 L is
//! exactly 40.5 (→ 41) and a W of 9 never becomes 27.000000001 after multiplying by 3. Results
//! that are not whole are rounded up (you cannot stock half a bottle), except sanitary
//! products, which the source rounds to the nearest whole number (21.6 → 22; halves go up).
//!
//! Pure: no I/O, no randomness.

use serde::Serialize;

use crate::scenario::{AgencySpec, Scenario, StaffSpec};

/// The sample's target: three days of supplies.
pub const DEFAULT_DAYS: u32 = 3;

/// W is counted in thousandths of a person so that every formula is a ratio of integers.
const W_SCALE: u128 = 1000;

/// How an item's required quantity follows from W, the women's share and the days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// W × `per_day` × days ÷ `divisor`, rounded up.
    PerDay { per_day: u32, divisor: u32 },
    /// W ÷ `divisor`, rounded up (equipment, independent of the days).
    PerStaff { divisor: u32 },
    /// W × (women ≤ 50 ÷ all staff) × 0.25 (share menstruating, 7 of 28 days) × 6 per day ×
    /// days, rounded to the nearest whole number.
    Sanitary,
}

/// One item of the 004 §2-7 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StockpileItem {
    /// The item id a scenario's `StockSpec::item` uses.
    pub id: &'static str,
    pub name_ja: &'static str,
    pub name_en: &'static str,
    pub unit_ja: &'static str,
    pub unit_en: &'static str,
    pub rule: Rule,
}

const fn per_day(
    id: &'static str,
    name_ja: &'static str,
    name_en: &'static str,
    unit_ja: &'static str,
    unit_en: &'static str,
    per_day: u32,
    divisor: u32,
) -> StockpileItem {
    StockpileItem {
        id,
        name_ja,
        name_en,
        unit_ja,
        unit_en,
        rule: Rule::PerDay { per_day, divisor },
    }
}

const fn per_staff(
    id: &'static str,
    name_ja: &'static str,
    name_en: &'static str,
    divisor: u32,
) -> StockpileItem {
    StockpileItem {
        id,
        name_ja,
        name_en,
        unit_ja: "個",
        unit_en: "pcs",
        rule: Rule::PerStaff { divisor },
    }
}

/// The items of 004 §2-7 that have a formula, in the source's order (gloves, masks and hand
/// warmers, which share one formula, are listed one by one).
pub const ITEMS: [StockpileItem; 13] = [
    per_day(
        "water_2l",
        "飲料水 2L",
        "Drinking water 2 L",
        "本",
        "bottles",
        3,
        2,
    ),
    per_day("meals", "非常食", "Emergency meals", "食", "meals", 3, 1),
    per_day("paper_cups", "紙コップ", "Paper cups", "個", "pcs", 1, 1),
    per_day(
        "spoons",
        "使い捨てスプーン",
        "Disposable spoons",
        "個",
        "pcs",
        3,
        1,
    ),
    per_day(
        "portable_toilets",
        "携帯トイレ",
        "Portable toilets",
        "個",
        "pcs",
        5,
        1,
    ),
    StockpileItem {
        id: "sanitary_products",
        name_ja: "生理用品",
        name_en: "Sanitary products",
        unit_ja: "個",
        unit_en: "pcs",
        rule: Rule::Sanitary,
    },
    per_staff("flashlights", "懐中電灯", "Flashlights", 2),
    per_staff("lanterns", "ランタン", "Lanterns", 10),
    per_staff(
        "mobile_batteries",
        "モバイルバッテリー",
        "Mobile batteries",
        3,
    ),
    per_day("gloves", "手袋", "Gloves", "枚", "pcs", 1, 1),
    per_day("masks", "マスク", "Masks", "枚", "pcs", 1, 1),
    per_day(
        "hand_warmers",
        "使い捨てカイロ",
        "Hand warmers",
        "個",
        "pcs",
        1,
        1,
    ),
    per_staff("water_tanks_10l", "ポリタンク 10L", "Water tanks 10 L", 3),
];

/// What the formulas need to know about an agency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StockpileInputs {
    /// W: staff normally working on a day.
    pub average_working_per_day: f64,
    pub women_50_or_under: u32,
    /// All staff: listed members plus the profile's count.
    pub staff_count: u32,
    pub days: u32,
}

impl StockpileInputs {
    /// The inputs of one agency's staff for `days` days.
    pub fn from_staff(staff: &StaffSpec, days: u32) -> StockpileInputs {
        StockpileInputs {
            average_working_per_day: staff.average_working_per_day,
            women_50_or_under: staff.women_50_or_under,
            staff_count: staff_count(staff),
            days,
        }
    }

    /// Women aged 50 or under ÷ all staff (0 when there are no staff).
    pub fn women_share(&self) -> f64 {
        if self.staff_count == 0 {
            0.0
        } else {
            f64::from(self.women_50_or_under) / f64::from(self.staff_count)
        }
    }

    /// W in thousandths of a person (negative, NaN or infinite W count as 0).
    fn w_thousandths(&self) -> u128 {
        let w = self.average_working_per_day;
        if w.is_finite() && w > 0.0 {
            // At most ~1.8e19 thousandths; any real agency is far below.
            (w * W_SCALE as f64).round() as u128
        } else {
            0
        }
    }
}

/// Listed members plus the profile's count.
pub fn staff_count(staff: &StaffSpec) -> u32 {
    let listed = u32::try_from(staff.members.len()).unwrap_or(u32::MAX);
    listed.saturating_add(staff.profile.as_ref().map_or(0, |p| p.count))
}

/// An exact non-negative fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fraction {
    num: u128,
    den: u128,
}

impl Fraction {
    fn ceil(self) -> u64 {
        if self.den == 0 {
            return 0;
        }
        to_u64(self.num.div_ceil(self.den))
    }

    /// Nearest whole number, halves up.
    fn round(self) -> u64 {
        if self.den == 0 {
            return 0;
        }
        to_u64((2 * self.num + self.den) / (2 * self.den))
    }

    fn to_f64(self) -> f64 {
        if self.den == 0 {
            0.0
        } else {
            self.num as f64 / self.den as f64
        }
    }
}

fn to_u64(x: u128) -> u64 {
    u64::try_from(x).unwrap_or(u64::MAX)
}

impl StockpileItem {
    /// The formula's exact value before rounding.
    fn fraction(&self, inputs: &StockpileInputs) -> Fraction {
        let w = inputs.w_thousandths();
        let days = u128::from(inputs.days);
        match self.rule {
            Rule::PerDay { per_day, divisor } => Fraction {
                num: w * u128::from(per_day) * days,
                den: W_SCALE * u128::from(divisor),
            },
            Rule::PerStaff { divisor } => Fraction {
                num: w,
                den: W_SCALE * u128::from(divisor),
            },
            // W × women/staff × (1/4) × 6 × days
            Rule::Sanitary => {
                if inputs.staff_count == 0 {
                    Fraction { num: 0, den: 1 }
                } else {
                    Fraction {
                        num: w * u128::from(inputs.women_50_or_under) * 6 * days,
                        den: W_SCALE * u128::from(inputs.staff_count) * 4,
                    }
                }
            }
        }
    }

    /// The formula's value before rounding (40.5 for water with W = 9 and 3 days).
    pub fn exact(&self, inputs: &StockpileInputs) -> f64 {
        self.fraction(inputs).to_f64()
    }

    /// The quantity to hold, rounded as the source says.
    pub fn required(&self, inputs: &StockpileInputs) -> u64 {
        let f = self.fraction(inputs);
        match self.rule {
            Rule::Sanitary => f.round(),
            Rule::PerDay { .. } | Rule::PerStaff { .. } => f.ceil(),
        }
    }

    /// The formula as short text, e.g. "W×3L×3日÷2L".
    pub fn formula_ja(&self, days: u32) -> String {
        match (self.id, self.rule) {
            ("water_2l", _) => format!("W×3L×{days}日÷2L"),
            ("meals" | "spoons", _) => format!("W×3食×{days}日"),
            ("portable_toilets", _) => format!("W×5回×{days}日"),
            (_, Rule::PerDay { per_day: 1, .. }) => format!("W×{days}日"),
            (_, Rule::PerDay { per_day, divisor }) => {
                format!("W×{per_day}×{days}日÷{divisor}")
            }
            (_, Rule::PerStaff { divisor }) => format!("W÷{divisor}"),
            (_, Rule::Sanitary) => format!("W×女性率×0.25×6×{days}日"),
        }
    }

    /// The formula as short text, e.g. "W×3 L×3 d÷2 L".
    pub fn formula_en(&self, days: u32) -> String {
        match (self.id, self.rule) {
            ("water_2l", _) => format!("W×3 L×{days} d÷2 L"),
            ("meals" | "spoons", _) => format!("W×3 meals×{days} d"),
            ("portable_toilets", _) => format!("W×5 uses×{days} d"),
            (_, Rule::PerDay { per_day: 1, .. }) => format!("W×{days} d"),
            (_, Rule::PerDay { per_day, divisor }) => {
                format!("W×{per_day}×{days} d÷{divisor}")
            }
            (_, Rule::PerStaff { divisor }) => format!("W÷{divisor}"),
            (_, Rule::Sanitary) => format!("W×share×0.25×6×{days} d"),
        }
    }
}

/// One item for one agency: what the formula requires and what the scenario holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StockpileRow {
    pub item: String,
    pub name_ja: String,
    pub name_en: String,
    pub unit_ja: String,
    pub unit_en: String,
    pub formula_ja: String,
    pub formula_en: String,
    /// The formula's value before rounding.
    pub exact: f64,
    /// The formula's value, rounded.
    pub required: u64,
    /// The agency's stock of this item id (summed if listed more than once), 0 if absent.
    pub held: f64,
    /// The unit the scenario gives for the held stock, if it holds the item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held_unit: Option<String>,
    /// Whole units missing: `required − held`, rounded up, at least 0.
    pub shortfall: u64,
}

/// One agency's stockpile check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyStockpile {
    pub agency: String,
    pub name: String,
    pub average_working_per_day: f64,
    pub staff_count: u32,
    pub women_50_or_under: u32,
    /// Women aged 50 or under ÷ all staff.
    pub women_share: f64,
    pub days: u32,
    pub rows: Vec<StockpileRow>,
}

impl AgencyStockpile {
    /// Rows with a shortfall.
    pub fn short_items(&self) -> impl Iterator<Item = &StockpileRow> {
        self.rows.iter().filter(|r| r.shortfall > 0)
    }
}

/// The rows of the 004 §2-7 table for these inputs, each held quantity from `held(item_id)`.
pub fn stockpile_rows(
    inputs: &StockpileInputs,
    held: impl Fn(&str) -> Option<(f64, String)>,
) -> Vec<StockpileRow> {
    ITEMS
        .iter()
        .map(|item| {
            let required = item.required(inputs);
            let (held_qty, held_unit) = match held(item.id) {
                Some((q, unit)) => (q, Some(unit)),
                None => (0.0, None),
            };
            StockpileRow {
                item: item.id.to_string(),
                name_ja: item.name_ja.to_string(),
                name_en: item.name_en.to_string(),
                unit_ja: item.unit_ja.to_string(),
                unit_en: item.unit_en.to_string(),
                formula_ja: item.formula_ja(inputs.days),
                formula_en: item.formula_en(inputs.days),
                exact: item.exact(inputs),
                required,
                held: held_qty,
                held_unit,
                shortfall: shortfall(required, held_qty),
            }
        })
        .collect()
}

/// Whole units missing, rounded up; 0 when `held` covers `required` (or is not a number).
fn shortfall(required: u64, held: f64) -> u64 {
    if held.is_nan() {
        return required;
    }
    let missing = required as f64 - held;
    if missing <= 0.0 {
        0
    } else {
        // `required` is an integer, so a fractional `held` leaves a fractional gap.
        missing.ceil() as u64
    }
}

/// One agency's stockpile check for `days` days.
pub fn agency_stockpile(agency: &AgencySpec, days: u32) -> AgencyStockpile {
    let inputs = StockpileInputs::from_staff(&agency.staff, days);
    let rows = stockpile_rows(&inputs, |id| {
        let mut found = agency.stocks.iter().filter(|s| s.item == id).peekable();
        let unit = found.peek()?.unit.clone();
        Some((found.map(|s| s.quantity).sum(), unit))
    });
    AgencyStockpile {
        agency: agency.id.clone(),
        name: agency.name.clone(),
        average_working_per_day: inputs.average_working_per_day,
        staff_count: inputs.staff_count,
        women_50_or_under: inputs.women_50_or_under,
        women_share: inputs.women_share(),
        days,
        rows,
    }
}

/// Every agency's stockpile check, in the scenario's agency order.
pub fn scenario_stockpile(scenario: &Scenario, days: u32) -> Vec<AgencyStockpile> {
    scenario
        .agencies
        .iter()
        .map(|a| agency_stockpile(a, days))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample station: W = 9, 8 women aged 50 or under among 15 staff, 3 days.
    fn sample() -> StockpileInputs {
        StockpileInputs {
            average_working_per_day: 9.0,
            women_50_or_under: 8,
            staff_count: 15,
            days: 3,
        }
    }

    fn required(id: &str, inputs: &StockpileInputs) -> u64 {
        ITEMS
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("no item {id}"))
            .required(inputs)
    }

    #[test]
    fn sample_station_matches_004_table() {
        let s = sample();
        // 9 × 3 L × 3 days ÷ 2 L = 81 ÷ 2 = 40.5 → rounded up 41
        assert_eq!(required("water_2l", &s), 41);
        // 9 × 3 meals × 3 days = 81
        assert_eq!(required("meals", &s), 81);
        // 9 × 3 days = 27
        assert_eq!(required("paper_cups", &s), 27);
        // 9 × 3 meals × 3 days = 81
        assert_eq!(required("spoons", &s), 81);
        // 9 × 5 uses × 3 days = 135
        assert_eq!(required("portable_toilets", &s), 135);
        // 9 × (8 ÷ 15) × 0.25 × 6 × 3 = 4.8 × 4.5 = 21.6 → rounded 22
        assert_eq!(required("sanitary_products", &s), 22);
        // 9 ÷ 2 = 4.5 → rounded up 5
        assert_eq!(required("flashlights", &s), 5);
        // 9 ÷ 10 = 0.9 → rounded up 1
        assert_eq!(required("lanterns", &s), 1);
        // 9 ÷ 3 = 3 (whole)
        assert_eq!(required("mobile_batteries", &s), 3);
        // 9 × 3 days = 27 each
        assert_eq!(required("gloves", &s), 27);
        assert_eq!(required("masks", &s), 27);
        assert_eq!(required("hand_warmers", &s), 27);
        // 9 ÷ 3 = 3 (whole)
        assert_eq!(required("water_tanks_10l", &s), 3);
    }

    #[test]
    fn exact_values_before_rounding() {
        let s = sample();
        let item = |id: &str| *ITEMS.iter().find(|i| i.id == id).unwrap();
        assert_eq!(item("water_2l").exact(&s), 40.5);
        assert!((item("sanitary_products").exact(&s) - 21.6).abs() < 1e-12);
    }

    #[test]
    fn inexact_w_does_not_round_up_wrongly() {
        // 0.1 + 0.2 + … style noise: W = 9.000000001 is 9 to three decimals.
        let s = StockpileInputs {
            average_working_per_day: 9.000_000_001,
            ..sample()
        };
        assert_eq!(required("mobile_batteries", &s), 3);
        assert_eq!(required("meals", &s), 81);
        // 3 × (0.1 + 0.2) × 10 in floating point is 9.000000000000002.
        let s = StockpileInputs {
            average_working_per_day: 3.0 * (0.1 + 0.2) * 10.0,
            ..sample()
        };
        assert_eq!(required("water_tanks_10l", &s), 3);
        assert_eq!(required("gloves", &s), 27);
    }

    #[test]
    fn fractional_w_rounds_up_and_days_scale() {
        let s = StockpileInputs {
            average_working_per_day: 9.5,
            days: 7,
            ..sample()
        };
        // 9.5 × 3 × 7 ÷ 2 = 99.75 → 100
        assert_eq!(required("water_2l", &s), 100);
        // 9.5 ÷ 3 = 3.17 → 4
        assert_eq!(required("mobile_batteries", &s), 4);
        // 9.5 × (8 ÷ 15) × 0.25 × 6 × 7 = 53.2 → 53
        assert_eq!(required("sanitary_products", &s), 53);
    }

    #[test]
    fn sanitary_halves_round_up_and_no_staff_is_zero() {
        // W = 4, 1 woman of 2 staff, 1 day: 4 × 0.5 × 0.25 × 6 = 3 (whole)
        let s = StockpileInputs {
            average_working_per_day: 4.0,
            women_50_or_under: 1,
            staff_count: 2,
            days: 1,
        };
        assert_eq!(required("sanitary_products", &s), 3);
        // W = 1, 1 of 1, 1 day: 1 × 1 × 0.25 × 6 = 1.5 → 2
        let s = StockpileInputs {
            average_working_per_day: 1.0,
            women_50_or_under: 1,
            staff_count: 1,
            days: 1,
        };
        assert_eq!(required("sanitary_products", &s), 2);
        let s = StockpileInputs {
            staff_count: 0,
            ..s
        };
        assert_eq!(required("sanitary_products", &s), 0);
    }

    #[test]
    fn shortfall_counts_whole_units() {
        assert_eq!(shortfall(41, 36.0), 5);
        assert_eq!(shortfall(41, 41.0), 0);
        assert_eq!(shortfall(41, 50.0), 0);
        assert_eq!(shortfall(41, 40.5), 1);
        assert_eq!(shortfall(3, f64::NAN), 3);
    }

    #[test]
    fn rows_take_held_quantities_by_id() {
        let rows = stockpile_rows(&sample(), |id| {
            (id == "water_2l").then(|| (36.0, "bottle".to_string()))
        });
        assert_eq!(rows.len(), ITEMS.len());
        let water = &rows[0];
        assert_eq!((water.required, water.held, water.shortfall), (41, 36.0, 5));
        assert_eq!(water.held_unit.as_deref(), Some("bottle"));
        assert_eq!(water.formula_ja, "W×3L×3日÷2L");
        let meals = &rows[1];
        assert_eq!((meals.held, meals.shortfall), (0.0, 81));
        assert_eq!(meals.held_unit, None);
    }
}
