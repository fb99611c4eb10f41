//! Which metrics the readable tables and the forest plot show, in what order and under what
//! label: selections from the engine's metric catalogue (`outcome::catalogue`), which owns
//! every metric's names, unit and direction.

use bcpsim_engine::Lang;
use bcpsim_engine::outcome::catalogue::{self, Unit, keys};

use crate::i18n::Text;

/// The metrics a person reads first, in table order; names and units from the engine's
/// metric catalogue.
pub const HEADLINE: [&str; 11] = [
    keys::BATTERY_DEPLETED_PATIENTS,
    keys::DEPLETED_PATIENT_HOURS,
    keys::LONGEST_WITHOUT_DEVICE_POWER,
    keys::ADMITTED_TO_HOSPITAL,
    keys::CLASS_A_UNCONTACTED_OVER_24H,
    keys::CONFIRMED_SHARE_24H,
    keys::CLASS_A_ALL_CONFIRMED_HOUR,
    keys::VISITS_DEMANDED,
    keys::VISITS_DELIVERED,
    keys::LOWEST_ATTENDANCE,
    keys::OVERTIME_HOURS,
];

/// A metric's name with its unit for a table: a share's values carry their own "%".
pub fn table_label(metric: &str, lang: Lang) -> String {
    catalogue::find(metric).map_or_else(|| metric.to_string(), |m| m.label(Text::new("", ""), lang))
}

/// The forest plot's metrics, most critical first.
pub const FOREST_METRICS: [&str; 8] = [
    keys::BATTERY_DEPLETED_PATIENTS,
    keys::DEPLETED_PATIENT_HOURS,
    keys::CLASS_A_UNCONTACTED_OVER_24H,
    keys::CLASS_A_ALL_CONFIRMED_HOUR,
    keys::CONFIRMED_SHARE_24H,
    keys::VISITS_DELIVERED,
    keys::LOWEST_ATTENDANCE,
    keys::OVERTIME_HOURS,
];

/// Percentage points: the unit of a difference of shares.
pub const POINTS: Text = Text::new("ポイント", "percentage points");

/// A forest panel's label (name and the unit of its axis) and the factor from the metric's
/// value to that unit: shares are drawn in percentage points.
pub fn forest_axis(metric: &str, lang: Lang) -> (String, f64) {
    match catalogue::find(metric) {
        Some(m) if m.unit == Unit::Share => (m.label(POINTS, lang), 100.0),
        Some(m) => (m.label(POINTS, lang), 1.0),
        None => (metric.to_string(), 1.0),
    }
}

/// A stock item's stock-out hour, as a table row's label.
const STOCKOUT: Text = Text::new("在庫切れ {}（時間）", "Stock-out {} (h)");

/// Whether the metric is a share (written as a percentage, its differences in points).
pub fn is_share(metric: &str) -> bool {
    catalogue::find(metric).is_some_and(|m| m.unit == Unit::Share)
}

/// Headline metrics plus each item's stock-out hour, as (name, label).
pub fn rows_to_show(names: &[String], lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = HEADLINE
        .iter()
        .filter(|k| names.iter().any(|n| n == *k))
        .map(|k| (k.to_string(), table_label(k, lang)))
        .collect();
    for n in names {
        if let Some(item) = catalogue::stockout_item(n) {
            // The same item names as the charts and reports.
            let name = bcpsim_engine::lang::glossary::stock_item(item, lang);
            out.push((n.clone(), STOCKOUT.fill(lang, &[&name])));
        }
    }
    out
}
