use bevy_ecs::prelude::Resource;

use super::{Stocks, WorkWeek};
use crate::scenario::{Equipment, Finance, Plan};

/// Every agency of the run, by index in scenario order: what does not change, and the
/// changing state (two vectors, so a phase can read one agency's facts while it changes
/// another's state).
#[derive(Debug, Clone, Resource, Default)]
pub struct Agencies {
    pub info: Vec<AgencyInfo>,
    pub state: Vec<AgencyState>,
}

/// What does not change about an agency during a run.
#[derive(Debug, Clone)]
pub struct AgencyInfo {
    pub index: usize,
    pub id: String,
    pub zone: usize,
    /// Normal daily staff (W).
    pub normal_daily_staff: f64,
    pub plan: Plan,
    /// The plan's working hours (`plan.work`), as steps ask them.
    pub work_week: WorkWeek,
    pub equipment: Equipment,
    pub finance: Option<Finance>,
    /// The building's place in each lifeline's restoration order.
    pub site: [f64; 9],
    /// This run's factor on the plan's attendance curve (`curve_scale`, drawn per run).
    pub curve_scale: f64,
    /// This run's car delay on impaired roads (`car_delay_factor`, drawn per run).
    pub car_delay_factor: f64,
}

impl AgencyInfo {
    /// Minutes of calls one charged phone gives: the scenario counts charge in calls of the
    /// plan's length.
    pub fn phone_charge_minutes(&self) -> u32 {
        self.equipment
            .calls_per_phone_charge
            .saturating_mul(self.plan.safety_checks.call_minutes.max(1))
    }
}

/// An agency's changing state.
#[derive(Debug, Clone, Default)]
pub struct AgencyState {
    pub bcp_active: bool,
    pub activated_hour: Option<u32>,
    pub released_hour: Option<u32>,
    /// The leader decided to activate (an event or the plan's hour).
    pub leader_activation: bool,
    /// Attendance (present ÷ W) this step, and the previous step's (activation reads it).
    pub attendance: f64,
    pub present: u32,
    /// Of `present`, the agency's own staff (the rest are lent by partners).
    pub own_present: u32,
    pub on_duty: u32,
    /// The hour the BCP's staffing started (rest rotation and curve arrivals count from it);
    /// none while it is not active.
    pub rota_anchor: Option<u32>,
    /// Curve mode: (staff who stayed at work when the BCP started, the others).
    pub curve_base: (u32, u32),
    /// When the crew present can next change (staffing skips choosing it until then).
    pub steady_crew: Option<SteadyCrew>,
    /// The crew present when `steady_crew` was written down, in crew order: a steady step
    /// reads only them (nobody else's state can change in it).
    pub steady_present: Vec<SteadyMember>,
    /// Steady steps whose hours are not yet counted on the people of `steady_present`: see
    /// [`PendingDuty`].
    pub duty_pending: Option<PendingDuty>,
    /// Normal operations at night with nobody lent in: (calendar day, `Staff::changes`, the
    /// first hour someone away comes back) as of the last such step staffing worked out in
    /// full. Until the day changes, someone comes back or is moved, or working time or the
    /// BCP starts, the same crew is present and nobody works: a step changes nobody's state.
    pub quiet_night: Option<(u32, u64, u32)>,
    /// Bit i set = care category i permitted this step.
    pub permitted: u8,
    /// (staff present, the categories the plan's levels permit them while the BCP is active),
    /// as last worked out.
    pub permitted_for: Option<(u32, u8)>,
    /// Lifelines served at the building this step.
    pub served: [bool; 9],
    /// Some mobile network at the building (calls can be tried).
    pub mobile_ok: bool,
    /// Share of calls from the building that get through (its zone's mobile level).
    pub mobile_level: f64,
    /// Share of messages from the building that get through (its zone's data level).
    pub data_level: f64,
    pub toilets_usable: bool,
    /// Minutes of calls the phones can still make on their charge (refilled while power is
    /// on).
    pub phone_minutes_left: u32,
    /// This step's calling team stays on the phones (numbers are still to get through).
    pub calling_team_busy: bool,
    /// Answers to messages on their way: (hour they arrive, patient).
    pub pending_replies: Vec<(u32, usize)>,
    /// Charged power stations at the agency, ready to lend.
    pub power_stations_free: u32,
    /// Power stations at the agency being recharged: hours of charge each holds.
    pub stations_charging: Vec<f64>,
    /// Patients confirmed so far.
    pub confirmed: u32,
    /// The earliest hour any of the agency's patients' care demands comes due next (the
    /// visits phase opens demands only when a step reaches it).
    pub next_due_hour: u32,
    pub stocks: Stocks,
    /// Counters of this step (reset by the record phase).
    pub step: StepCounters,
    /// Counters summed over the steps so far.
    pub totals: StepCounters,
    /// Attendance at the report hours (0, 6, 24, 72, 168, 720), with the plan's share.
    pub attendance_at: Vec<(u32, f64, f64)>,
    /// Present staff summed over steps, kept per step for the region's lowest attendance.
    pub present_by_step: Vec<u32>,
}

/// While the BCP is active in curve mode, the crew present changes only when someone comes
/// in, comes back from an absence, arrives on loan, or is moved by an event or an agreement.
/// Staffing writes down when the first of these can happen; until then a step keeps everyone
/// present as they are and only works out who rests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SteadyCrew {
    /// `Staff::changes` when it was written down: anything changed since ends it.
    pub changes: u64,
    /// The first hour someone in the crew comes back from an absence.
    pub until_hour: u32,
    /// The earliest arrival of someone lent in who is not yet counted present.
    pub next_loan_arrival: f64,
    /// The smallest curve draw of the agency's own staff still waiting to come in (they come
    /// once the curve's reach passes it).
    pub least_waiting_key: f64,
    /// Steps before this hour are known not to bring the curve's reach past
    /// `least_waiting_key` (staffing reads the plan curve for many steps at once).
    pub reach_below_key_until: u32,
}

/// Steady steps whose duty is not yet counted on the people present: nobody's presence changed
/// in them, and who was on duty followed from the rest rotation alone, so staffing counted
/// them (only the agency's figures and its crew on duty, from the teams' sizes) and adds their
/// hours to each person's duty, overtime and hours elsewhere later, at once, step by step as
/// the rotation had them: when the crew changes, or the run's summary is asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PendingDuty {
    /// The teams resting (bit t = team t) in the last step counted.
    pub resting: u64,
    /// The rest rotation's start (`AgencyState::rota_anchor` in those steps).
    pub anchor: u32,
    /// Hour after onset of the first step not yet counted.
    pub from_hour: u32,
    /// Steps not yet counted, from `from_hour` on.
    pub steps: u32,
}

/// Someone of a steady crew ([`AgencyState::steady_present`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SteadyMember {
    /// Staff index.
    pub staff: usize,
    /// One of the agency's own (not lent in).
    pub own: bool,
    /// Their team in the rest rotation.
    pub team: u8,
}

/// What an agency did in one step.
#[derive(Debug, Clone, Copy, Default)]
pub struct StepCounters {
    pub calls: u32,
    pub failed_calls: u32,
    /// Messages (SMS, data) that reached a household.
    pub messages: u32,
    pub visits: u32,
    pub urgent_visits: u32,
    pub check_visits: u32,
    pub car_km: f64,
    /// Staff on site this step (consumption per person-day).
    pub persons_on_site: u32,
    /// Hours worked here by staff lent by other agencies.
    pub borrowed_staff_hours: u32,
    /// Calls that reached a patient someone had already confirmed.
    pub duplicate_calls: u32,
}

impl StepCounters {
    pub fn add(&mut self, other: &StepCounters) {
        self.calls += other.calls;
        self.failed_calls += other.failed_calls;
        self.messages += other.messages;
        self.visits += other.visits;
        self.urgent_visits += other.urgent_visits;
        self.check_visits += other.check_visits;
        self.car_km += other.car_km;
        self.borrowed_staff_hours += other.borrowed_staff_hours;
        self.duplicate_calls += other.duplicate_calls;
    }
}

/// `present` people reach `share` of `w` (see [`AgencyState::staffed_to`]).
pub fn reaches(present: u32, share: f64, w: f64) -> bool {
    if share <= 0.0 {
        return true;
    }
    // `(share * w).round()`, without its library call (asked every step); `as f64` is exact
    // for any count of people.
    let needed = (crate::rounding::round_i64(share * w) as f64).max(1.0);
    f64::from(present) + 1e-9 >= needed
}

impl AgencyState {
    /// Whether the staff present reach `share` of the normal daily staff `w`, counted in
    /// whole people as a manager counts them: at least round(share × w), and at least one
    /// person for any share above 0 (90 % of 9 is 8.1: 8 people).
    pub fn staffed_to(&self, share: f64, w: f64) -> bool {
        reaches(self.present, share, w)
    }

    pub fn permits(&self, category: crate::scenario::CareCategory) -> bool {
        self.permitted & (1 << category.index()) != 0
    }
}
