//! The target a plan must meet in a run: a condition on one metric of the catalogue, written
//! `METRIC OP NUMBER` (`critical.longest_without_device_power_hours <= 2`).

use serde::{Deserialize, Serialize};

use crate::lang::Msg;

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "==")]
    Eq,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Le => "<=",
            Op::Lt => "<",
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Eq => "==",
        }
    }
}

/// `metric op value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub metric: String,
    pub op: Op,
    pub value: f64,
}

impl Condition {
    /// Parses `text`; the metric's name is checked against `reported` (the names a run of the
    /// scenario reports, sorted) and the catalogue. The error says what was expected.
    pub fn parse(text: &str, reported: &[String]) -> Result<Condition, Msg> {
        let t = text.trim();
        // Two-character operators first, so `<=` is not read as `<`.
        let ops = [
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("==", Op::Eq),
            ("<", Op::Lt),
            (">", Op::Gt),
        ];
        let found = ops
            .iter()
            .filter_map(|(s, op)| t.find(s).map(|at| (at, *s, *op)))
            .min_by_key(|(at, s, _)| (*at, std::cmp::Reverse(s.len())));
        let Some((at, sym, op)) = found else {
            return Err(syntax(text));
        };
        let metric = t[..at].trim();
        let number = t[at + sym.len()..].trim();
        let value: f64 = match number.parse() {
            Ok(v) if f64::is_finite(v) => v,
            _ => return Err(syntax(text)),
        };
        if metric.is_empty() {
            return Err(syntax(text));
        }
        if let Some(m) = crate::evaluate::unknown_metric(metric, reported) {
            return Err(m);
        }
        Ok(Condition {
            metric: metric.to_string(),
            op,
            value,
        })
    }

    /// Whether a run's value meets the condition. A run with nothing to measure (a null that
    /// does not mean "never") meets it: nothing failed. (A "never" null arrives as the horizon.)
    pub fn meets(&self, v: Option<f64>) -> bool {
        let Some(v) = v else { return true };
        match self.op {
            Op::Le => v <= self.value,
            Op::Lt => v < self.value,
            Op::Ge => v >= self.value,
            Op::Gt => v > self.value,
            Op::Eq => v == self.value,
        }
    }

    /// As written back: `metric <= 2`.
    pub fn text(&self) -> String {
        format!("{} {} {}", self.metric, self.op.symbol(), self.value)
    }
}

fn syntax(text: &str) -> Msg {
    Msg::new(
        format!(
            "目標 `{text}` を読めません。「指標 比較 数」の形で書いてください（比較は <= < >= > ==）"
        ),
        format!(
            "cannot read the target `{text}`: write `METRIC OP NUMBER` (OP one of <= < >= > ==)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        let mut v = vec![
            "critical.battery_depleted_patients".to_string(),
            "critical.longest_without_device_power_hours".to_string(),
        ];
        v.sort();
        v
    }

    #[test]
    fn parses_and_meets() {
        let c =
            Condition::parse(" critical.longest_without_device_power_hours<=2 ", &names()).unwrap();
        assert_eq!((c.op, c.value), (Op::Le, 2.0));
        assert!(c.meets(Some(2.0)) && !c.meets(Some(2.5)) && c.meets(None));
        let c = Condition::parse("critical.battery_depleted_patients == 0", &names()).unwrap();
        assert!(c.meets(Some(0.0)) && !c.meets(Some(1.0)));
        assert_eq!(c.text(), "critical.battery_depleted_patients == 0");
    }

    #[test]
    fn unknown_metric_hints_the_nearest_and_headline_names() {
        let e = Condition::parse("critical.battery_depleted_patient <= 0", &names()).unwrap_err();
        assert!(
            e.en.contains("did you mean `critical.battery_depleted_patients`"),
            "{}",
            e.en
        );
        assert!(e.en.contains("headline metrics"), "{}", e.en);
        let e = Condition::parse("ventilator_hours_without_power <= 2", &names()).unwrap_err();
        assert!(
            e.en.contains("critical.longest_without_device_power_hours"),
            "{}",
            e.en
        );
        assert!(Condition::parse("critical.battery_depleted_patients", &names()).is_err());
        assert!(Condition::parse("critical.battery_depleted_patients <= x", &names()).is_err());
    }
}
