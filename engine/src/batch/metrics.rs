//! A run's summary as a flat list of named numbers (`critical.battery_depleted_patients`,
//! `stocks.water_2l.stockout_hour`, …): the columns of `runs.csv` and the metrics a batch
//! describes and a comparison pairs. What each metric is (names, unit, better direction, what
//! a null means) is the engine's metric catalogue (`outcome::catalogue`).

use serde_json::Value;

use crate::outcome::Summary;

pub use crate::outcome::catalogue::{Direction, direction, null_means_never};

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
