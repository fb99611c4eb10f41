use bevy_ecs::prelude::Component;

use crate::scenario::{CareCategory, DeviceKind, PriorityClass};

/// What does not change about a patient during a run.
#[derive(Debug, Clone, Component)]
pub struct Patient {
    pub id: String,
    pub agency: usize,
    pub zone: usize,
    pub class: PriorityClass,
    pub home_km: f64,
    pub has_phone: bool,
    /// Bit i set = family can stand in for care category i.
    pub family_covers: u8,
    /// The home's place in each lifeline's restoration order.
    pub site: [f64; 9],
}

/// Where a patient is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Location {
    #[default]
    Home,
    Hospital,
    Shelter,
}

#[derive(Debug, Clone)]
pub struct NeedState {
    pub category: CareCategory,
    pub every_hours: u32,
    pub next_due_hour: u32,
    /// Demands due and not yet served.
    pub open: u32,
    pub demanded: u32,
    pub delivered: u32,
    pub covered_by_family: u32,
}

#[derive(Debug, Clone)]
pub struct DeviceState {
    pub kind: DeviceKind,
    pub capacity_hours: f64,
    pub battery_hours: f64,
}

#[derive(Debug, Clone, Component, Default)]
pub struct PatientState {
    pub location: Location,
    /// Hour of the first confirmation (call, visit or move).
    pub confirmed_hour: Option<u32>,
    /// Hour of the last failed call (retry after the plan's interval).
    pub failed_call_hour: Option<u32>,
    pub needs: Vec<NeedState>,
    pub devices: Vec<DeviceState>,
    /// Hours of power left from a lent power station.
    pub external_power_hours: f64,
    /// Power at the patient's location this step (mains or external).
    pub powered: bool,
    pub depleted_hour: Option<u32>,
    pub depleted_now: bool,
    pub depleted_hours: u32,
    /// The lowest battery margin at the end of any step without power; `None` while the
    /// patient has always had power.
    pub lowest_battery_hours: Option<f64>,
    /// Hours spent without mains or external power.
    pub hours_without_power: u32,
    /// Visited this step (one visit per patient per step).
    pub visited_step: Option<u32>,
    /// Holds a power station lent by this agency (returned when mains power comes back).
    pub power_station_from: Option<usize>,
    /// Handed over to a partner: (agency, hour from which it visits, agreement).
    pub handover: Option<(usize, f64, usize)>,
    /// Visits made by an agency other than the patient's own.
    pub partner_visits: u32,
    /// Put first in the safety-check order by a decision.
    pub prioritized: bool,
    /// Agencies (by index) that know this patient is safe (they confirmed them, or a shared
    /// list told them).
    pub known_to: Vec<usize>,
}

impl PatientState {
    pub fn power_dependent(&self) -> bool {
        !self.devices.is_empty()
    }

    /// Hours the weakest device can still run on battery.
    pub fn battery_margin(&self) -> f64 {
        self.devices
            .iter()
            .map(|d| d.battery_hours)
            .fold(f64::INFINITY, f64::min)
    }

    pub fn open_demands(&self) -> u32 {
        self.needs.iter().map(|n| n.open).sum()
    }
}
