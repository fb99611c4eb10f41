//! The metric catalogue: every metric a run's summary flattens to (`runs.csv`'s columns, the
//! metrics a batch describes and a comparison pairs) with its names in both languages, its
//! unit, which way is better and what a null means. Batches, comparisons and reports look a
//! metric up here instead of matching its name.
//!
//! A key is the dotted name of the metric, where `*` stands for one segment that varies (a
//! stock item, a priority class, a care category, an hour): `stocks.*.stockout_hour`.

use serde::{Deserialize, Serialize};

use crate::lang::Text;

/// Which way a metric is better, for "share of runs where the variant is better".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Lower,
    Higher,
    /// Neither (a count of demands, a number of patients).
    Neutral,
}

/// What a metric counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Patients,
    /// Patient-hours (patients × hours).
    PatientHours,
    Hours,
    /// A share 0–1: shown as a percentage, its differences in percentage points.
    Share,
    Visits,
    /// Calls or messages.
    Contacts,
    Staff,
    Yen,
    Months,
    /// A stock item's quantity, in the item's own unit.
    Quantity,
}

impl Unit {
    /// The unit as written after a number or in a label's brackets; empty for a share (its
    /// percent sign goes with the number) and a quantity (the item names its unit).
    pub fn name(self) -> Text {
        match self {
            Unit::Patients | Unit::Staff => Text::new("人", "patients"),
            Unit::PatientHours => Text::new("人・時間", "patient-hours"),
            Unit::Hours => Text::new("時間", "hours"),
            Unit::Share | Unit::Quantity => Text::new("", ""),
            Unit::Visits => Text::new("件", "visits"),
            Unit::Contacts => Text::new("件", "contacts"),
            Unit::Yen => Text::new("円", "yen"),
            Unit::Months => Text::new("か月", "months"),
        }
    }
}

/// What a null (an empty cell in `runs.csv`) of a metric means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Never {
    /// It never happened within the horizon (a stock that never ran out, patients never all
    /// confirmed): a comparison counts the horizon, censored; tables say "未達" / "never".
    NotReached,
    /// There is nothing to measure (no such patients, no finance in the scenario).
    NotApplicable,
}

/// One metric (or one family of metrics, with `*` in its key).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricInfo {
    pub key: &'static str,
    pub name: Text,
    pub unit: Unit,
    pub better: Direction,
    pub never: Never,
}

impl MetricInfo {
    /// The name with its unit in brackets, for an axis or a table ("機器バッテリーが尽きた
    /// 利用者（人）"); a share's unit is `share_unit` (percent, or points for differences).
    pub fn label(&self, share_unit: Text, lang: crate::Lang) -> String {
        let unit = match self.unit {
            Unit::Share => share_unit.get(lang),
            u => u.name().get(lang),
        };
        if unit.is_empty() {
            self.name.get(lang).to_string()
        } else {
            match lang {
                crate::Lang::Ja => format!("{}（{unit}）", self.name.ja),
                crate::Lang::En => format!("{} ({unit})", self.name.en),
            }
        }
    }
}

/// Keys a program names directly (the headline metrics).
pub mod keys {
    pub const BATTERY_DEPLETED_PATIENTS: &str = "critical.battery_depleted_patients";
    pub const DEPLETED_PATIENT_HOURS: &str = "critical.depleted_patient_hours";
    pub const LONGEST_WITHOUT_DEVICE_POWER: &str = "critical.longest_without_device_power_hours";
    pub const ADMITTED_TO_HOSPITAL: &str = "critical.admitted_to_hospital";
    pub const CLASS_A_UNCONTACTED_OVER_24H: &str = "critical.class_a_uncontacted_over_24h";
    pub const CONFIRMED_SHARE_24H: &str = "safety_checks.confirmed_share_24h";
    pub const CLASS_A_ALL_CONFIRMED_HOUR: &str = "safety_checks.class_a_all_confirmed_hour";
    pub const VISITS_DEMANDED: &str = "visits.demanded";
    pub const VISITS_DELIVERED: &str = "visits.delivered";
    pub const LOWEST_ATTENDANCE: &str = "staff.lowest_attendance";
    pub const OVERTIME_HOURS: &str = "staff.overtime_hours";
}

/// `stocks.<item>.stockout_hour`.
pub fn stockout_key(item: &str) -> String {
    format!("stocks.{item}.stockout_hour")
}

/// The item of a `stocks.<item>.stockout_hour` key.
pub fn stockout_item(key: &str) -> Option<&str> {
    key.strip_prefix("stocks.")?.strip_suffix(".stockout_hour")
}

/// `safety_checks.by_class.<class>.<field>`, e.g. `confirmed_share_24h`.
pub fn class_key(class: &str, field: &str) -> String {
    format!("safety_checks.by_class.{class}.{field}")
}

use Direction::{Higher, Lower, Neutral};
use Never::{NotApplicable, NotReached};

const fn m(key: &'static str, ja: &'static str, en: &'static str, unit: Unit) -> MetricInfo {
    MetricInfo {
        key,
        name: Text::new(ja, en),
        unit,
        better: Neutral,
        never: NotApplicable,
    }
}

const fn lower(info: MetricInfo) -> MetricInfo {
    MetricInfo {
        better: Lower,
        ..info
    }
}

const fn higher(info: MetricInfo) -> MetricInfo {
    MetricInfo {
        better: Higher,
        ..info
    }
}

const fn never(info: MetricInfo) -> MetricInfo {
    MetricInfo {
        never: NotReached,
        ..info
    }
}

/// Every metric, in the order of the summary.
pub const METRICS: &[MetricInfo] = &[
    // critical
    m(
        "critical.power_dependent_patients",
        "電源が必要な機器を使う利用者",
        "Power-dependent patients",
        Unit::Patients,
    ),
    lower(m(
        keys::BATTERY_DEPLETED_PATIENTS,
        "機器バッテリーが尽きた利用者",
        "Battery-depleted patients",
        Unit::Patients,
    )),
    lower(m(
        keys::DEPLETED_PATIENT_HOURS,
        "バッテリー切れの延べ時間",
        "Patient-hours at zero battery",
        Unit::PatientHours,
    )),
    lower(m(
        keys::LONGEST_WITHOUT_DEVICE_POWER,
        "1人の最長の電源なし",
        "Longest without device power for one patient",
        Unit::Hours,
    )),
    // Admission is how a plan keeps a patient powered: neither better nor worse.
    m(
        keys::ADMITTED_TO_HOSPITAL,
        "入院した電源依存の利用者",
        "Power-dependent patients admitted to hospital",
        Unit::Patients,
    ),
    lower(m(
        keys::CLASS_A_UNCONTACTED_OVER_24H,
        "24時間以上連絡のない優先度A",
        "Class A uncontacted > 24 h",
        Unit::Patients,
    )),
    // safety checks
    m(
        "safety_checks.patients",
        "利用者",
        "Patients",
        Unit::Patients,
    ),
    higher(m(
        "safety_checks.confirmed_share_6h",
        "6時間以内の安否確認率",
        "Confirmed within 6 h",
        Unit::Share,
    )),
    higher(m(
        keys::CONFIRMED_SHARE_24H,
        "24時間以内の安否確認率",
        "Confirmed within 24 h",
        Unit::Share,
    )),
    higher(m(
        "safety_checks.confirmed_share_72h",
        "72時間以内の安否確認率",
        "Confirmed within 72 h",
        Unit::Share,
    )),
    higher(m(
        "safety_checks.confirmed_share_at.*",
        "時点での安否確認率",
        "Confirmed by the hour",
        Unit::Share,
    )),
    lower(never(m(
        keys::CLASS_A_ALL_CONFIRMED_HOUR,
        "優先度A全員の安否確認まで",
        "Until every class-A patient is confirmed",
        Unit::Hours,
    ))),
    lower(never(m(
        "safety_checks.all_confirmed_hour",
        "全員の安否確認まで",
        "Until every patient is confirmed",
        Unit::Hours,
    ))),
    m(
        "safety_checks.calls",
        "安否確認の電話",
        "Safety-check calls",
        Unit::Contacts,
    ),
    // More failed dials is what redialling through congestion looks like: not worse.
    m(
        "safety_checks.failed_calls",
        "つながらなかった電話",
        "Failed calls",
        Unit::Contacts,
    ),
    m(
        "safety_checks.duplicate_calls",
        "重複した電話",
        "Duplicate calls",
        Unit::Contacts,
    ),
    m(
        "safety_checks.messages",
        "安否確認のメッセージ",
        "Safety-check messages",
        Unit::Contacts,
    ),
    higher(m(
        "safety_checks.check_visits",
        "安否確認の訪問",
        "Safety-check visits",
        Unit::Visits,
    )),
    m(
        "safety_checks.by_class.*.patients",
        "優先度ごとの利用者",
        "Patients of the class",
        Unit::Patients,
    ),
    higher(m(
        "safety_checks.by_class.*.confirmed_share_6h",
        "優先度ごとの6時間以内の安否確認率",
        "Class confirmed within 6 h",
        Unit::Share,
    )),
    higher(m(
        "safety_checks.by_class.*.confirmed_share_24h",
        "優先度ごとの24時間以内の安否確認率",
        "Class confirmed within 24 h",
        Unit::Share,
    )),
    higher(m(
        "safety_checks.by_class.*.confirmed_share_72h",
        "優先度ごとの72時間以内の安否確認率",
        "Class confirmed within 72 h",
        Unit::Share,
    )),
    // visits
    m(
        keys::VISITS_DEMANDED,
        "訪問の需要",
        "Visits demanded",
        Unit::Visits,
    ),
    higher(m(
        keys::VISITS_DELIVERED,
        "訪問の実施",
        "Visits delivered",
        Unit::Visits,
    )),
    higher(m(
        "visits.covered_by_family",
        "家族が代わりに対応",
        "Covered by family",
        Unit::Visits,
    )),
    lower(m(
        "visits.open_at_end",
        "終了時に未実施",
        "Open at the end",
        Unit::Visits,
    )),
    higher(m(
        "visits.visits_made",
        "訪問した回数",
        "Visits made",
        Unit::Visits,
    )),
    higher(m(
        "visits.urgent_power_visits",
        "電源を届ける緊急訪問",
        "Urgent power visits",
        Unit::Visits,
    )),
    m(
        "visits.by_category.*.demanded",
        "ケア区分ごとの需要",
        "Demanded in the category",
        Unit::Visits,
    ),
    higher(m(
        "visits.by_category.*.delivered",
        "ケア区分ごとの実施",
        "Delivered in the category",
        Unit::Visits,
    )),
    m(
        "visits.by_class.*.demanded",
        "優先度ごとの需要",
        "Demanded in the class",
        Unit::Visits,
    ),
    higher(m(
        "visits.by_class.*.delivered",
        "優先度ごとの実施",
        "Delivered in the class",
        Unit::Visits,
    )),
    // stocks: a later stock-out and more left over are better
    m(
        "stocks.*.initial",
        "初期量",
        "Initial quantity",
        Unit::Quantity,
    ),
    higher(m(
        "stocks.*.final_quantity",
        "終了時の残量",
        "Quantity at the end",
        Unit::Quantity,
    )),
    higher(m(
        "stocks.*.min_quantity",
        "最少の残量",
        "Lowest quantity",
        Unit::Quantity,
    )),
    higher(never(m(
        "stocks.*.stockout_hour",
        "在庫切れまで",
        "Until stock-out",
        Unit::Hours,
    ))),
    // staff
    m("staff.staff", "職員", "Staff", Unit::Staff),
    m(
        "staff.normal_daily_staff",
        "通常の1日あたり勤務者数 W",
        "Normal daily staff W",
        Unit::Staff,
    ),
    higher(m(
        keys::LOWEST_ATTENDANCE,
        "最低出勤率",
        "Lowest attendance",
        Unit::Share,
    )),
    m(
        "staff.lowest_attendance_hour",
        "最低出勤率の時点",
        "Hour of the lowest attendance",
        Unit::Hours,
    ),
    lower(m(keys::OVERTIME_HOURS, "超過勤務", "Overtime", Unit::Hours)),
    lower(m(
        "staff.longest_continuous_duty_hours",
        "最長の連続勤務",
        "Longest continuous duty",
        Unit::Hours,
    )),
    m(
        "staff.attendance_at.*.plan",
        "計画の出勤率",
        "Plan's attendance",
        Unit::Share,
    ),
    higher(m(
        "staff.attendance_at.*.simulated",
        "出勤率",
        "Attendance",
        Unit::Share,
    )),
    // activation
    never(m(
        "activation.activated_hour",
        "BCP発動まで",
        "Until the BCP is activated",
        Unit::Hours,
    )),
    never(m(
        "activation.released_hour",
        "BCP解除まで",
        "Until the BCP is released",
        Unit::Hours,
    )),
    // mutual aid
    m(
        "mutual_aid.staff_hours_lent",
        "応援に出した時間",
        "Staff hours lent",
        Unit::Hours,
    ),
    m(
        "mutual_aid.staff_hours_borrowed",
        "応援を受けた時間",
        "Staff hours borrowed",
        Unit::Hours,
    ),
    m(
        "mutual_aid.patients_handed_over",
        "引き継いだ利用者",
        "Patients handed over",
        Unit::Patients,
    ),
    m(
        "mutual_aid.patients_reached_through_partner",
        "連携先を通じて確認した利用者",
        "Patients reached through a partner",
        Unit::Patients,
    ),
    // finance
    higher(m("finance.revenue_yen", "収入", "Revenue", Unit::Yen)),
    m(
        "finance.fixed_costs_yen",
        "固定費",
        "Fixed costs",
        Unit::Yen,
    ),
    higher(m(
        "finance.visits_delivered",
        "収入になった訪問",
        "Visits billed",
        Unit::Visits,
    )),
    higher(m(
        "finance.visits_per_month_pace",
        "月あたりの訪問ペース",
        "Visits per month, at the pace",
        Unit::Visits,
    )),
    m(
        "finance.break_even_visits_per_month",
        "損益分岐の月間訪問",
        "Break-even visits per month",
        Unit::Visits,
    ),
    m(
        "finance.payment_delay_months",
        "入金までの月数",
        "Payment delay",
        Unit::Months,
    ),
];

/// The catalogue's entry for the metric `name`, if it has one.
pub fn find(name: &str) -> Option<&'static MetricInfo> {
    METRICS.iter().find(|m| matches(m.key, name))
}

/// Whether `name` fits `key`, segment by segment, `*` fitting any one segment.
fn matches(key: &str, name: &str) -> bool {
    let mut k = key.split('.');
    let mut n = name.split('.');
    loop {
        match (k.next(), n.next()) {
            (None, None) => return true,
            (Some(ks), Some(ns)) if ks == "*" || ks == ns => {}
            _ => return false,
        }
    }
}

/// Which way the metric `name` is better (neutral for a metric the catalogue lacks).
pub fn direction(name: &str) -> Direction {
    find(name).map_or(Neutral, |m| m.better)
}

/// Whether a null of the metric `name` means "never happened within the horizon" rather than
/// "not applicable".
pub fn null_means_never(name: &str) -> bool {
    find(name).is_some_and(|m| m.never == NotReached)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fit_names_segment_by_segment() {
        assert_eq!(
            find("stocks.water_2l.stockout_hour").map(|m| m.key),
            Some("stocks.*.stockout_hour")
        );
        // A star is one segment: not two, not none.
        assert!(find("stocks.a.b.stockout_hour").is_none());
        assert!(find("stocks.stockout_hour").is_none());
        assert!(find("").is_none());
        assert!(find("critical.unknown").is_none());
    }

    #[test]
    fn directions_and_nevers_of_headline_metrics() {
        assert_eq!(direction(keys::BATTERY_DEPLETED_PATIENTS), Lower);
        assert_eq!(direction(keys::ADMITTED_TO_HOSPITAL), Neutral);
        assert_eq!(direction(keys::CONFIRMED_SHARE_24H), Higher);
        assert_eq!(
            direction("safety_checks.by_class.b.confirmed_share_6h"),
            Higher
        );
        assert_eq!(direction(keys::CLASS_A_ALL_CONFIRMED_HOUR), Lower);
        assert_eq!(direction(keys::VISITS_DELIVERED), Higher);
        assert_eq!(direction(keys::VISITS_DEMANDED), Neutral);
        assert_eq!(direction("stocks.water_2l.stockout_hour"), Higher);
        assert_eq!(direction("stocks.water_2l.initial"), Neutral);
        assert_eq!(direction("staff.attendance_at.24.simulated"), Higher);
        assert_eq!(direction("staff.attendance_at.24.plan"), Neutral);
        assert_eq!(direction("safety_checks.failed_calls"), Neutral);
        assert!(null_means_never("stocks.water_2l.stockout_hour"));
        assert!(null_means_never("activation.released_hour"));
        assert!(!null_means_never("staff.lowest_attendance_hour"));
        assert!(!null_means_never(keys::BATTERY_DEPLETED_PATIENTS));
    }

    #[test]
    fn labels_carry_their_unit() {
        let m = find(keys::BATTERY_DEPLETED_PATIENTS).unwrap();
        let points = Text::new("ポイント", "percentage points");
        assert_eq!(
            m.label(points, crate::Lang::Ja),
            "機器バッテリーが尽きた利用者（人）"
        );
        assert_eq!(
            m.label(points, crate::Lang::En),
            "Battery-depleted patients (patients)"
        );
        let share = find(keys::CONFIRMED_SHARE_24H).unwrap();
        assert_eq!(
            share.label(points, crate::Lang::Ja),
            "24時間以内の安否確認率（ポイント）"
        );
    }

    #[test]
    fn every_metric_of_a_run_is_in_the_catalogue() {
        // The sample station and a scenario with finance, mutual aid and a region: every
        // metric their summaries flatten to has an entry.
        let sample = crate::load::load_scenario(
            crate::samples::SAMPLE_STATION_NAME,
            crate::samples::SAMPLE_STATION,
        )
        .unwrap();
        let region = crate::samples::generated_region(2, 10, 3);
        let mut seen = 0;
        for scenario in [sample, region] {
            let result = crate::simulate(&scenario, 1, 0, crate::RunOptions::SUMMARY_ONLY);
            for (name, _) in crate::batch::metrics::flatten(&result.summary) {
                assert!(find(&name).is_some(), "{name} is not in the catalogue");
                seen += 1;
            }
        }
        // 14 stock items × 4 + 3 classes × 4 + … : far more names than keys.
        assert!(seen > 2 * METRICS.len(), "{seen}");
    }

    #[test]
    fn every_key_is_listed_once() {
        let keys: Vec<&str> = METRICS.iter().map(|m| m.key).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k} twice");
        }
    }
}
