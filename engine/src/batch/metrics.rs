//! A run's summary as a flat list of named numbers (`critical.battery_depleted_patients`,
//! `stocks.water_2l.stockout_hour`, …): the columns of `runs.csv` and the metrics a batch
//! describes and a comparison pairs.

use serde_json::Value;

use crate::outcome::Summary;

/// Which way a metric is better, for "share of runs where the variant is better".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Lower,
    Higher,
    /// Neither (a count of demands, a number of patients).
    Neutral,
}

/// The region's metrics of `summary`, as (dotted name, value) sorted by name. `None` stands
/// for a JSON null (e.g. a stock that never ran out).
pub fn flatten(summary: &Summary) -> Vec<(String, Option<f64>)> {
    let value = serde_json::to_value(&summary.region).unwrap_or(Value::Null);
    let mut out = Vec::new();
    walk(&value, String::new(), &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn walk(value: &Value, name: String, out: &mut Vec<(String, Option<f64>)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let child = if name.is_empty() {
                    k.clone()
                } else {
                    format!("{name}.{k}")
                };
                walk(v, child, out);
            }
        }
        Value::Number(n) => out.push((name, n.as_f64())),
        Value::Null => out.push((name, None)),
        // Units and other text are labels, not metrics.
        Value::String(_) | Value::Bool(_) | Value::Array(_) => {}
    }
}

/// Whether lower or higher values of the metric `name` are better for patients and staff.
pub fn direction(name: &str) -> Direction {
    let last = name.rsplit('.').next().unwrap_or(name);
    if name.starts_with("critical.") {
        // Admission is how a plan keeps a patient powered: neither better nor worse.
        return if last == "admitted_to_hospital" || last == "power_dependent_patients" {
            Direction::Neutral
        } else {
            Direction::Lower
        };
    }
    if name.starts_with("stocks.") {
        // A later stock-out and more left over are better.
        return match last {
            "stockout_hour" | "final_quantity" | "min_quantity" => Direction::Higher,
            _ => Direction::Neutral,
        };
    }
    if name.contains(".confirmed_share_at.") {
        return Direction::Higher;
    }
    match last {
        l if l.starts_with("confirmed_share") => Direction::Higher,
        // More failed dials is what redialling through congestion looks like: not worse.
        "class_a_all_confirmed_hour" | "all_confirmed_hour" => Direction::Lower,
        "delivered"
        | "covered_by_family"
        | "visits_made"
        | "urgent_power_visits"
        | "check_visits" => Direction::Higher,
        "open_at_end" | "overtime_hours" | "longest_continuous_duty_hours" => Direction::Lower,
        "lowest_attendance"
        | "simulated"
        | "revenue_yen"
        | "visits_per_month_pace"
        | "visits_delivered" => Direction::Higher,
        _ => Direction::Neutral,
    }
}

/// Whether a null of the metric `name` means "never happened within the horizon" (so a
/// comparison can count it as the horizon, censored) rather than "not applicable".
pub fn null_means_never(name: &str) -> bool {
    name.ends_with("_hour") && !name.ends_with("lowest_attendance_hour")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_of_headline_metrics() {
        assert_eq!(
            direction("critical.battery_depleted_patients"),
            Direction::Lower
        );
        assert_eq!(
            direction("safety_checks.confirmed_share_24h"),
            Direction::Higher
        );
        assert_eq!(
            direction("safety_checks.class_a_all_confirmed_hour"),
            Direction::Lower
        );
        assert_eq!(direction("visits.delivered"), Direction::Higher);
        assert_eq!(direction("visits.demanded"), Direction::Neutral);
        assert_eq!(
            direction("stocks.water_2l.stockout_hour"),
            Direction::Higher
        );
        assert!(null_means_never("stocks.water_2l.stockout_hour"));
    }
}
