use bevy_ecs::prelude::Resource;

use crate::scenario::{BcpRole, CommuteMode, VisitMode};

/// Every staff member of the run, by index in scenario order (agency by agency).
#[derive(Debug, Clone, Resource, Default)]
pub struct Staff {
    pub member: Vec<StaffMember>,
    pub state: Vec<StaffState>,
    /// What safety checks and visits ask of each person, apart from `state`.
    pub tasks: Vec<StaffTasks>,
    /// The latest `absent_until` of anyone (set through [`Staff::keep_away`]), so staffing
    /// looks for returns only while one can fall due.
    pub absences_end: u32,
    /// Counts the changes made outside staffing's own choice of the crew to who is available,
    /// lent or in which crew ([`Staff::keep_away`], [`Staff::changed`]); staffing's steady
    /// steps ([`crate::state::SteadyCrew`]) last only while it stays the same.
    pub changes: u64,
}

impl Staff {
    /// Staff member `e` is away (ill, on the way home, unavailable) until at least `hour`.
    pub fn keep_away(&mut self, e: usize, hour: u32) {
        let s = &mut self.state[e];
        s.absent_until = s.absent_until.max(hour);
        self.absences_end = self.absences_end.max(s.absent_until);
        self.changed();
    }

    /// Someone was lent, came back from a loan or moved between crews.
    pub fn changed(&mut self) {
        self.changes += 1;
    }
}

/// What does not change about a staff member during a run (including the run's personal
/// draws, made once at build from the member's own stream).
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub id: String,
    pub agency: usize,
    pub bcp_role: Option<BcpRole>,
    pub home_km: f64,
    pub commute: CommuteMode,
    /// At work when the disaster struck.
    pub on_duty_at_onset: bool,
    /// Why this person is exempt from assembly, if they are (004 §3-9).
    pub exemption: Option<Exemption>,
    /// Order in which curve mode brings staff in (smallest first).
    pub curve_key: f64,
    /// Draws (uniform, normal) for the hours spent securing own and family's safety before
    /// setting out; the plan's distribution turns them into hours.
    pub delay_draw: (f64, f64),
    /// Draw deciding whether a walk of 10–20 km is possible (Cabinet Office rule).
    pub walk_u: f64,
    /// Place in the rail line's restoration order.
    pub rail_u: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exemption {
    /// Own injury or house damage.
    Injured,
    /// An injured family member.
    FamilyInjured,
    /// Small children at home.
    SmallChildren,
    /// A family member needing care.
    DependentCare,
}

/// A staff member working for another agency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Loan {
    /// The agency (by index) they work for.
    pub to: usize,
    /// Hour after onset they arrive there.
    pub arrival: f64,
    /// The agreement (by its place among those in force) they were sent under; none for a
    /// decision made in an exercise.
    pub agreement: Option<usize>,
    /// Hours to travel back when the loan ends.
    pub travel_hours: f64,
}

/// Roster mode: where a staff member stands with coming to work.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Arrival {
    /// Not yet decided to come (waiting at home, or not yet called).
    #[default]
    Waiting,
    /// On the way; arrives at this hour after onset.
    OnTheWay(f64),
    /// At the agency.
    Arrived,
}

#[derive(Debug, Clone, Default)]
#[repr(C, align(64))]
pub struct StaffState {
    // The first 64 bytes hold what staffing reads and writes of every crew member every step:
    // one cache line a person, which keeps a city's crews in cache.
    pub arrival: Arrival,
    /// Absent (illness, event) until this hour.
    pub absent_until: u32,
    pub continuous_duty_hours: u32,
    pub longest_duty_hours: u32,
    pub overtime_hours: u32,
    /// (calendar day, hours on duty that day), for overtime.
    pub day_hours: (u32, u32),
    /// Came in (or rostered, in normal operations) and not absent.
    pub present: bool,
    /// Working this step.
    pub on_duty: bool,
    /// The rest rotation's team while the BCP is active (phase 4).
    pub team: Option<u8>,
    // The rest: read when the person is lent or borrowed.
    /// Working for another agency since a decision or under an agreement.
    pub lent_to: Option<Loan>,
    /// Hours present while working for another agency.
    pub hours_elsewhere: u32,
}

/// What the safety checks and visits ask of a staff member, 24 bytes a person in staff order
/// (apart from [`StaffState`]): finding who is free in an agency's crew on duty reads a few
/// cache lines, not one a person, and sending them reads no other record of theirs.
#[derive(Debug, Clone, Copy, Default)]
pub struct StaffTasks {
    /// Busy with a call or a visit until this minute after onset.
    pub busy_until_minute: u32,
    /// The last step this person was on the calling team.
    pub called_step: Option<u32>,
    /// (calendar day, visits made that day), for the plan's daily limit.
    pub day_visits: (u32, u32),
    /// How they go on visits (kept here rather than with the person's record, which the
    /// visits phase does not otherwise read).
    pub visit_mode: VisitMode,
}

impl StaffTasks {
    /// Visits made so far on calendar day `day`.
    pub fn visits_on(&self, day: u32) -> u32 {
        if self.day_visits.0 == day {
            self.day_visits.1
        } else {
            0
        }
    }
}
