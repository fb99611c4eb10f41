//! The metrics of one run, for the region or one agency (docs/model.md "Headline figures").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Metrics {
    pub critical: Critical,
    pub safety_checks: SafetyChecks,
    pub visits: Visits,
    /// By item id; for the region, quantities are summed over agencies and the stock-out hour
    /// is the first at any agency.
    #[serde(default)]
    pub stocks: BTreeMap<String, StockSummary>,
    pub staff: StaffSummary,
    #[serde(default)]
    pub activation: Activation,
    #[serde(default)]
    pub mutual_aid: MutualAid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finance: Option<FinanceSummary>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Critical {
    /// Patients with a power-dependent device.
    pub power_dependent_patients: u32,
    /// Patients whose device battery reached 0 without mains or external power (once each).
    pub battery_depleted_patients: u32,
    /// Steps spent by patients at 0 battery without power, summed, in hours: patient-hours
    /// without device power.
    pub depleted_patient_hours: u32,
    /// The longest unbroken time any one patient spent at 0 battery without power, in hours.
    pub longest_without_device_power_hours: u32,
    /// Power-dependent patients admitted to hospital under the plan's admission rule.
    pub admitted_to_hospital: u32,
    /// Class-A patients not confirmed at any step t < 24.
    pub class_a_uncontacted_over_24h: u32,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SafetyChecks {
    pub patients: u32,
    /// Patients first confirmed at a step t < 6 / 24 / 72, divided by all patients.
    pub confirmed_share_6h: f64,
    pub confirmed_share_24h: f64,
    pub confirmed_share_72h: f64,
    /// Patients first confirmed at a step t < h, divided by all patients, for each of the
    /// scenario's extra `time.report_hours` h (absent when there are none).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "hour_keys"
    )]
    pub confirmed_share_at: BTreeMap<u32, f64>,
    /// The step at which the last class-A patient was first confirmed; null if never.
    pub class_a_all_confirmed_hour: Option<u32>,
    /// The step at which the last patient was first confirmed; null if never.
    pub all_confirmed_hour: Option<u32>,
    #[serde(default)]
    pub by_class: BTreeMap<String, ClassChecks>,
    pub calls: u32,
    pub failed_calls: u32,
    /// Messages (SMS, data) that reached a household whose phone did not answer.
    pub messages: u32,
    /// Calls that reached a patient another agency had already confirmed (no shared list).
    pub duplicate_calls: u32,
    /// Visits made to confirm a patient who could not be reached by phone.
    pub check_visits: u32,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ClassChecks {
    pub patients: u32,
    pub confirmed_share_6h: f64,
    pub confirmed_share_24h: f64,
    pub confirmed_share_72h: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Visits {
    /// Care demands that came due during the run.
    pub demanded: u32,
    /// Demands served by a visit.
    pub delivered: u32,
    /// Demands a family member stood in for.
    pub covered_by_family: u32,
    /// Demands still open at the end (the backlog).
    #[serde(default)]
    pub open_at_end: u32,
    /// Visits made (one visit can serve several demands).
    pub visits_made: u32,
    /// Visits made because a power-dependent patient's battery was running low.
    pub urgent_power_visits: u32,
    #[serde(default)]
    pub by_category: BTreeMap<String, DemandCount>,
    pub by_class: BTreeMap<String, DemandCount>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DemandCount {
    pub demanded: u32,
    pub delivered: u32,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StockSummary {
    pub unit: String,
    pub initial: f64,
    pub final_quantity: f64,
    pub min_quantity: f64,
    /// First step at which the quantity was 0 while still needed; null if never.
    pub stockout_hour: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StaffSummary {
    pub staff: u32,
    /// Normal daily staff (W).
    pub normal_daily_staff: f64,
    /// Attendance (present ÷ W) at hours 0, 6, 24, 72, 168 and 720 after onset, where the run
    /// reaches them, keyed by hour; with the plan curve's value beside it.
    #[serde(deserialize_with = "hour_keys")]
    pub attendance_at: BTreeMap<u32, AttendancePoint>,
    /// The lowest attendance (present ÷ W) of any step, and the first step it occurred.
    pub lowest_attendance: f64,
    pub lowest_attendance_hour: u32,
    /// Hours on duty beyond the normal day, summed over staff.
    pub overtime_hours: u32,
    /// The longest unbroken stretch on duty of any staff member.
    pub longest_continuous_duty_hours: u32,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AttendancePoint {
    pub simulated: f64,
    pub plan: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Activation {
    /// First step the BCP was active; null if never.
    pub activated_hour: Option<u32>,
    /// First step after activation at which it was released; null if never.
    pub released_hour: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FinanceSummary {
    pub visits_delivered: u32,
    /// Visits delivered × average fee.
    pub revenue_yen: f64,
    /// Fixed costs over the horizon (monthly costs × horizon ÷ 30 days).
    pub fixed_costs_yen: f64,
    /// Monthly fixed cost ÷ average fee (sample: 1 260 500 ÷ 7 000 ≈ 180).
    pub break_even_visits_per_month: f64,
    /// Visits delivered scaled to 30 days.
    pub visits_per_month_pace: f64,
    pub payment_delay_months: u32,
}

/// Staff lent and borrowed under agreements and decisions (collaborative BCP).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MutualAid {
    /// Hours the group's own staff were present working for another agency.
    pub staff_hours_lent: u32,
    /// Hours staff of other agencies were present working for the group.
    pub staff_hours_borrowed: u32,
    /// The group's patients handed over to a partner under a takeover agreement.
    pub patients_handed_over: u32,
    /// Of those, patients the partner reached with a visit.
    pub patients_reached_through_partner: u32,
}

/// A map keyed by hour, read back: JSON keys are strings, and inside the summary's flattened
/// region metrics serde hands them over as strings rather than numbers, so they are parsed
/// here.
fn hour_keys<'de, D, V>(d: D) -> Result<BTreeMap<u32, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    use serde::de::Error as _;
    BTreeMap::<String, V>::deserialize(d)?
        .into_iter()
        .map(|(k, v)| {
            k.parse()
                .map(|hour| (hour, v))
                .map_err(|_| D::Error::custom(format!("`{k}` is not an hour")))
        })
        .collect()
}
