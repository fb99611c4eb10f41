use serde::{Deserialize, Serialize};

use super::{Lifeline, LifelineState};

/// Something that happens at a fixed hour. Exercise injects and facilitators' decisions carry
/// the same `Effect`s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduledEvent {
    pub at_hour: u32,
    #[serde(default)]
    pub note: String,
    pub effect: Effect,
}

/// A change to the state of the run, applied in the events phase of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Effect {
    /// A lifeline of a zone takes this state from now on (overrides its schedule or draw).
    SetLifeline {
        zone: String,
        lifeline: Lifeline,
        state: LifelineState,
    },
    /// Units of a stock item arrive at an agency (a water truck, a delivery).
    Resupply {
        agency: String,
        item: String,
        quantity: f64,
    },
    /// A patient leaves home for a hospital or a shelter.
    MovePatient { patient: String, to: Destination },
    /// A staff member cannot work for this many hours (injury, family need).
    StaffUnavailable { staff: String, hours: u32 },
    /// The agency's leader activates the BCP.
    ActivateBcp { agency: String },
    /// Portable power stations arrive at an agency (lent by the city or a partner).
    AddPowerStations { agency: String, count: u32 },
    /// The storm alert level changes.
    SetAlertLevel { level: u8 },
    /// `count` staff present at `from` go to work for `to`, arriving after `travel_hours`
    /// (the room's decision, or a dispatch agreement). The leader and deputy stay; staff are
    /// taken from the end of `from`'s list. They work for `to` until the end of the run.
    SendStaff {
        from: String,
        to: String,
        count: u32,
        #[serde(default = "one_hour")]
        travel_hours: f64,
    },
    /// Put a patient first in the agency's safety-check order (calls and check visits).
    PrioritizeCheck { patient: String },
}

fn one_hour() -> f64 {
    1.0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Destination {
    /// Admitted: powered and cared for; no more visits needed.
    Hospital,
    /// A (welfare) shelter with power; visits continue.
    Shelter,
}

impl Effect {
    /// The effect's name when it changes the disaster or the people rather than the plan (a
    /// variant may not add it, and it is part of the disaster's identity); `None` for the
    /// plan's or the room's decisions.
    pub fn disaster_kind(&self) -> Option<&'static str> {
        match self {
            Effect::SetLifeline { .. } => Some("SetLifeline"),
            Effect::SetAlertLevel { .. } => Some("SetAlertLevel"),
            Effect::StaffUnavailable { .. } => Some("StaffUnavailable"),
            // Decisions of the plan or of the room: a delivery, a move to hospital, activation,
            // lent stations, a dispatch under a mutual aid agreement (相互支援協定), a patient
            // checked first. Random draws are keyed by ids these do not change.
            Effect::Resupply { .. }
            | Effect::MovePatient { .. }
            | Effect::ActivateBcp { .. }
            | Effect::AddPowerStations { .. }
            | Effect::SendStaff { .. }
            | Effect::PrioritizeCheck { .. } => None,
        }
    }
}
