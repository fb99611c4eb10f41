use serde::{Deserialize, Serialize};

use super::{CareCategory, Dist, Intensity, Weekday};

/// An agency's BCP, as far as the simulation follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub activation: ActivationRule,
    pub attendance: AttendanceSpec,
    /// Which care categories run at which attendance (004 §1-4). Default: the sample's table.
    #[serde(default = "OperatingLevel::sample_table")]
    pub operating_levels: Vec<OperatingLevel>,
    #[serde(default)]
    pub safety_checks: SafetyCheckPolicy,
    #[serde(default)]
    pub visits: VisitPolicy,
    #[serde(default)]
    pub fatigue: FatigueLimits,
    #[serde(default)]
    pub work: WorkPattern,
    #[serde(default)]
    pub mutual_aid: MutualAidPolicy,
    /// When power-dependent patients are admitted to hospital in a power cut.
    #[serde(default)]
    pub admission: AdmissionRule,
    /// The plan's assumed stock level (004 §3-10), as a share of each item's quantity at
    /// onset by hour after onset, linear between points and held after the last. Not used by
    /// the simulation: reports compare it with the stock it shows. Default: the sample's
    /// 100 % at onset, 90 % at 6 h, 70 % at 1 day, 20 % at 3 days, 70 % at 7 days (after
    /// resupply), 90 % at 1 month.
    #[serde(default = "CurvePoint::sample_stock_curve")]
    pub stock_curve: Vec<CurvePoint>,
}

/// Hospital admission (入院) of power-dependent patients in a power cut, arranged by the agency
/// with the doctor: asked for when a device's reserve without power (battery, spare, family
/// backup) is down to `ask_at_reserve_hours`, made `delay_hours` later (a bed, transport), and
/// ended once power at home has been back `home_after_power_hours`. An admitted patient is
/// powered and needs no visits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdmissionRule {
    /// Device kinds whose users are admitted. Default ventilators only (an empty list: no
    /// admissions).
    pub devices: Vec<super::DeviceKind>,
    /// Default 12 (ASSUMPTION: half a day before the batteries run out, so the transfer can
    /// be arranged in daylight).
    pub ask_at_reserve_hours: f64,
    /// Hours from asking to admission, drawn per patient and run. Default Uniform(6, 60):
    /// in Kumamoto 2016, 77 % of home-ventilator users were moved to hospitals within 48 h
    /// (Medica review of the prefectural hospital-evacuation scheme); 42 of 54 hours fall
    /// within 48 h of asking at the outage (78 %).
    pub delay_hours: Dist,
    /// Default 24. ASSUMPTION: a day of stable power at home before going back.
    pub home_after_power_hours: u32,
}

impl Default for AdmissionRule {
    fn default() -> Self {
        AdmissionRule {
            devices: vec![super::DeviceKind::Ventilator],
            ask_at_reserve_hours: 12.0,
            delay_hours: Dist::Uniform {
                min: 6.0,
                max: 60.0,
            },
            home_after_power_hours: 24,
        }
    }
}

/// When an agency asks partners for staff and when it lends its own (collaborative BCP).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MutualAidPolicy {
    /// Ask partners while the BCP is active and attendance is below this share. Default 0.5
    /// (004 §1-4: below 50 % only medical care runs).
    pub ask_below: f64,
    /// Lend only staff beyond this share of W, and call loans back when attendance falls
    /// below it. Default 0.7.
    pub lend_above: f64,
}

impl Default for MutualAidPolicy {
    fn default() -> Self {
        MutualAidPolicy {
            ask_below: 0.5,
            lend_above: 0.7,
        }
    }
}

/// When the BCP is activated and released (004 §3-1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ActivationRule {
    /// Activate at this intensity or more … Default 5強.
    pub min_intensity: Intensity,
    /// … when some lifeline at the agency is not up. Default true.
    pub require_infrastructure_damage: bool,
    /// Activate at this alert level or more (storms). Default 4.
    pub min_alert_level: u8,
    /// The leader decides to activate at this hour (any hazard).
    pub leader_decides_at_hour: Option<u32>,
    /// Activate when attendance falls below this share (an infection wave).
    pub activate_below_attendance: Option<f64>,
    /// Release when every lifeline at the agency is up and attendance is at least this share.
    /// Default 0.9.
    pub release_attendance: f64,
}

impl Default for ActivationRule {
    fn default() -> Self {
        ActivationRule {
            min_intensity: Intensity::FiveUpper,
            require_infrastructure_damage: true,
            min_alert_level: 4,
            leader_decides_at_hour: None,
            activate_below_attendance: None,
            release_attendance: 0.9,
        }
    }
}

/// How staff attendance is decided while the BCP is active. The curve is always kept, as the
/// plan's own assumption: in roster mode the outputs show it beside what the roster yields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceSpec {
    pub mode: AttendanceMode,
    /// The plan's attendance curve (004 §3-10), share of normal daily staff by hour after
    /// onset, interpolated linearly between points and held after the last.
    pub curve: Vec<CurvePoint>,
    /// In curve mode, the curve's shares are multiplied by this factor, drawn once per run and
    /// agency (how this disaster compares with the plan's assumption). A number or a
    /// distribution. Default 1. The outputs' plan curve stays as written.
    #[serde(
        default = "super::unit_factor",
        deserialize_with = "super::number_or_dist",
        skip_serializing_if = "is_unit"
    )]
    pub curve_scale: Dist,
    #[serde(default)]
    pub roster: RosterRules,
}

fn is_unit(d: &Dist) -> bool {
    *d == Dist::Fixed(1.0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttendanceMode {
    /// Follow the plan's curve, choosing individual staff in a random order drawn per run.
    Curve,
    /// Derive attendance person by person from the assembly rules (004 §3-9).
    Roster,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurvePoint {
    pub hour: u32,
    pub share: f64,
}

/// A plan curve's share at an hour after onset (an attendance curve, a stock curve): linear
/// between points, held before the first and after the last, 0 for an empty curve. The one
/// reading of a plan curve, used by the phases, the status board, batches and the reports.
pub trait ShareAt {
    fn share_at(&self, hour: u32) -> f64;
}

impl ShareAt for [CurvePoint] {
    fn share_at(&self, hour: u32) -> f64 {
        interpolate(self, f64::from(hour), |p| (f64::from(p.hour), p.share))
    }
}

/// A curve as charts and reports hold it, `(hour, share)` points read from output files.
impl ShareAt for [(f64, f64)] {
    fn share_at(&self, hour: u32) -> f64 {
        interpolate(self, f64::from(hour), |p| *p)
    }
}

/// The value at `x` of the curve through `points` (ascending in x, as `xy` reads them): linear
/// between points, held before the first and after the last, 0 when there are none.
fn interpolate<P>(points: &[P], x: f64, xy: impl Fn(&P) -> (f64, f64)) -> f64 {
    let Some(first) = points.first().map(&xy) else {
        return 0.0;
    };
    if x <= first.0 {
        return first.1;
    }
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (xy(&pair[0]), xy(&pair[1]));
        if x <= x1 {
            let t = (x - x0) / (x1 - x0).max(1e-9);
            return y0 + (y1 - y0) * t;
        }
    }
    points.last().map_or(0.0, |p| xy(p).1)
}

impl CurvePoint {
    /// The sample plan's stock assumption (004 §3-10).
    pub fn sample_stock_curve() -> Vec<CurvePoint> {
        [
            (0, 1.0),
            (6, 0.9),
            (24, 0.7),
            (72, 0.2),
            (168, 0.7),
            (720, 0.9),
        ]
        .into_iter()
        .map(|(hour, share)| CurvePoint { hour, share })
        .collect()
    }
}

/// Parameters of the assembly rules (004 §3-9) and of commuting in a disaster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RosterRules {
    /// At 6弱 / alert 4, staff within this distance come on their own. Default 2.5.
    pub near_km: f64,
    /// At 6弱 staff within this distance come if transport allows; at 6強 / alert 5 all within
    /// it come on their own. Default 5.
    pub far_km: f64,
    /// Hour at which the leader calls in everyone else who can come. Default 24; none = never.
    pub call_in_hour: Option<u32>,
    /// Hours spent making sure of one's own and family's safety before leaving home.
    pub safety_delay_hours: Dist,
    /// Walking speed. Default 3.6 (elderly evacuation speed 1.0 m/s).
    pub walk_km_per_hour: f64,
    /// Night walking speed as a share of the day speed. Default 0.8.
    pub night_walk_factor: f64,
    /// Car journeys (commutes and visits) take this many times longer while roads are
    /// impaired. A number or a distribution, drawn once per run and agency. Default 4 (Kobe
    /// 1995: 4 to 15 times).
    #[serde(deserialize_with = "super::number_or_dist")]
    pub car_delay_factor: Dist,
    /// Hour after onset from which staff exempt from assembly (injury, injured family, small
    /// children, a dependent at home) can come when called. Default 168 (7 days, when the
    /// sample plan expects 70 %); none = not within the run.
    pub exempt_return_hour: Option<u32>,
}

impl Default for RosterRules {
    fn default() -> Self {
        RosterRules {
            near_km: 2.5,
            far_km: 5.0,
            call_in_hour: Some(24),
            safety_delay_hours: Dist::Uniform { min: 0.5, max: 2.0 },
            walk_km_per_hour: 3.6,
            night_walk_factor: 0.8,
            car_delay_factor: Dist::Fixed(4.0),
            exempt_return_hour: Some(168),
        }
    }
}

/// At `min_attendance` or more, these categories of visits run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatingLevel {
    pub min_attendance: f64,
    pub categories: Vec<CareCategory>,
}

impl OperatingLevel {
    /// The sample's priority-work table (004 §1-4): 30 % medical care only; 50 % adds
    /// excretion and meals; 70 % resumes other care; 90 % almost normal.
    pub fn sample_table() -> Vec<OperatingLevel> {
        use CareCategory::*;
        vec![
            OperatingLevel {
                min_attendance: 0.3,
                categories: vec![MedicalCare],
            },
            OperatingLevel {
                min_attendance: 0.5,
                categories: vec![MedicalCare, Excretion, Meals],
            },
            OperatingLevel {
                min_attendance: 0.7,
                categories: vec![MedicalCare, Excretion, Meals, OtherCare],
            },
            OperatingLevel {
                min_attendance: 0.9,
                categories: vec![MedicalCare, Excretion, Meals, OtherCare, Rehabilitation],
            },
        ]
    }
}

/// How patients' safety is checked (安否確認, 004 §3-8): the contact team (連絡班) phones down
/// the list in 表2 order, redials a number that does not get through, sends a message by SMS
/// or data where voice fails (004 §2-6), and what stays unreachable is left for check visits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SafetyCheckPolicy {
    /// Minutes a call that gets through takes. Default 10.
    pub call_minutes: u32,
    /// Minutes a dial that does not get through takes (busy tone, the network's
    /// announcement). Default 2. ASSUMPTION: a congested call fails within a minute or two.
    pub failed_call_minutes: u32,
    /// A number that does not get through is redialled up to this many times at once before
    /// the caller moves on. Default 3. ASSUMPTION: three redials, about ten minutes at most.
    pub redials: u32,
    /// At most this many staff make calls at once; none = every free staff member. Holders
    /// of the contact role (連絡班) call first.
    pub max_callers: Option<u32>,
    /// Patients who cannot be reached by phone are checked by a visit. Default true.
    pub visit_if_unreachable: bool,
    /// Hours before a number that did not get through is tried again. Default 1: the contact
    /// team goes down the list and starts again from the top.
    pub retry_hours: u32,
    /// Whether calls are made at night. Default true.
    pub calls_at_night: bool,
    /// The patient list lives only in a computer system: checks need power and data at the
    /// agency (003: care managers lost their lists in outages). Default false (paper list).
    pub list_needs_power_and_data: bool,
    /// Send a message (SMS, LINE, mail) when a call does not get through and data works
    /// (004 §2-6: mail and SNS get through more easily than calls; 2011: voice restricted by
    /// up to 70–95 %, packets by up to 0–30 %). Default true.
    pub messages: bool,
    /// Minutes to write and send one message. Default 2 (ASSUMPTION).
    pub message_minutes: u32,
    /// Share of households that read a message and answer it. Default 0.5. ASSUMPTION: many
    /// home patients are old and live with old family; half answer a text.
    pub message_reply_share: f64,
    /// Hours from sending to the answer (004 §1-3: mail and SNS are badly delayed). Default
    /// Uniform(1, 12). ASSUMPTION.
    pub message_reply_hours: Dist,
}

impl Default for SafetyCheckPolicy {
    fn default() -> Self {
        SafetyCheckPolicy {
            call_minutes: 10,
            failed_call_minutes: 2,
            redials: 3,
            max_callers: None,
            visit_if_unreachable: true,
            retry_hours: 1,
            calls_at_night: true,
            list_needs_power_and_data: false,
            messages: true,
            message_minutes: 2,
            message_reply_share: 0.5,
            message_reply_hours: Dist::Uniform {
                min: 1.0,
                max: 12.0,
            },
        }
    }
}

/// How visits are made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VisitPolicy {
    /// Minutes of care per visit, travel not included. Default 58 (MHLW survey).
    pub visit_minutes: u32,
    /// A power-dependent patient without power gets an urgent visit when the battery has this
    /// many hours or less left. Default 6.
    pub urgent_battery_hours: f64,
    /// Which visits run outside working hours. Default urgent ones only.
    pub at_night: NightVisits,
    /// Visits one staff member makes in a calendar day at most (records, preparation and
    /// breaks take the rest of the day). Default 4: nurses average 3 to 3.6 a working day
    /// (MHLW 2020 survey, 61.6 to 71.7 a month).
    pub max_visits_per_staff_day: u32,
    /// Until this hour after onset, while some patient's safety is still unknown, urgent power
    /// visits go only to patients not yet confirmed (the visit confirms them too): the safety
    /// check round comes first. Default 24 (004 §3-10: 利用者の安否確認 in the 6-hour column,
    /// life-sustaining care visits from 1 day). 0: power visits never wait.
    pub checks_before_power_hours: u32,
}

impl Default for VisitPolicy {
    fn default() -> Self {
        VisitPolicy {
            visit_minutes: 58,
            urgent_battery_hours: 6.0,
            at_night: NightVisits::UrgentOnly,
            max_visits_per_staff_day: 4,
            checks_before_power_hours: 24,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NightVisits {
    None,
    UrgentOnly,
    All,
}

/// Fatigue limits (004 §2-1: watch overtime, long and consecutive shifts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FatigueLimits {
    /// After this many hours on duty in a row, a staff member must rest. Default 12.
    pub max_continuous_duty_hours: u32,
    /// Hours of rest after reaching the limit. Default 8.
    pub min_rest_hours: u32,
    /// Hours a day beyond which duty counts as overtime. Default 8.
    pub normal_day_hours: u32,
}

impl Default for FatigueLimits {
    fn default() -> Self {
        FatigueLimits {
            max_continuous_duty_hours: 12,
            min_rest_hours: 8,
            normal_day_hours: 8,
        }
    }
}

/// Normal working time: routine visits happen then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkPattern {
    /// Default 8 (08:00).
    pub start_hour: u32,
    /// Default 18 (18:00).
    pub end_hour: u32,
    /// Default Monday to Friday.
    pub days: Vec<Weekday>,
}

impl Default for WorkPattern {
    fn default() -> Self {
        use Weekday::*;
        WorkPattern {
            start_hour: 8,
            end_hour: 18,
            days: vec![Mon, Tue, Wed, Thu, Fri],
        }
    }
}
