//! What the room sees at a point of a run: a plain snapshot of the state for a status board
//! (exercise mode), in scenario order, with no `Entity` in it.

use serde::Serialize;

use crate::scenario::ShareAt;
use crate::scenario::{PriorityClass, Weekday};
use crate::state::{Location, Patient, PatientState, RunState};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    /// Hours after onset at the start of the next step.
    pub hour: u32,
    pub weekday: Weekday,
    /// Calendar day, 1 for the onset's date.
    pub day: u32,
    pub clock_hour: u32,
    pub zones: Vec<ZoneStatus>,
    pub agencies: Vec<AgencyStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZoneStatus {
    pub id: String,
    /// Level (0–1) of each lifeline, in `Lifeline::ALL` order, as of the last step.
    pub lifelines: [f64; 9],
    pub mobile_level: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyStatus {
    pub id: String,
    pub bcp_active: bool,
    pub present: u32,
    pub on_duty: u32,
    pub normal_daily_staff: f64,
    /// Present ÷ W, and the plan curve's share at this hour.
    pub attendance: f64,
    pub plan_attendance: f64,
    pub mobile_ok: bool,
    pub toilets_usable: bool,
    pub power_stations_free: u32,
    pub patients: u32,
    pub confirmed: u32,
    pub stocks: Vec<StockStatus>,
    /// Class-A patients not yet confirmed, in list order.
    pub class_a_unconfirmed: Vec<PatientStatus>,
    /// Power-dependent patients at home without power, lowest battery first.
    pub without_power: Vec<PatientStatus>,
    /// Patient-hours without device power so far (`critical.depleted_patient_hours`).
    pub depleted_patient_hours: u32,
    /// Patients admitted to hospital under the plan's rule so far.
    pub admitted_to_hospital: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StockStatus {
    pub item: String,
    pub unit: String,
    pub quantity: f64,
    pub initial: f64,
    pub stockout_hour: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatientStatus {
    pub id: String,
    pub class: PriorityClass,
    pub confirmed: bool,
    /// Hours the weakest device can still run on battery (null without devices).
    pub battery_hours: Option<f64>,
    pub powered: bool,
    pub at_home: bool,
    /// Deterioration held by the exercise facilitator (the battery clock stands still).
    pub held: bool,
}

pub(crate) fn snapshot(run: &RunState, hour: u32) -> Status {
    let clock = &run.clock;
    let index = &run.index;
    let zones = &run.zones;
    let zone_status = zones
        .0
        .iter()
        .map(|z| ZoneStatus {
            id: z.id.clone(),
            lifelines: z.level,
            mobile_level: z.mobile_level,
        })
        .collect();
    let all = &run.agencies;
    let people = &run.patients;
    let mut agencies = Vec::with_capacity(all.info.len());
    for (a, (info, state)) in all.info.iter().zip(&all.state).enumerate() {
        let patients: Vec<(&Patient, &PatientState)> = index.patients_by_agency[a]
            .iter()
            .map(|&p| (&people.patient[p], &people.state[p]))
            .collect();
        let view = |p: &Patient, s: &PatientState| PatientStatus {
            id: p.id.clone(),
            class: p.class,
            confirmed: s.confirmed_hour.is_some(),
            battery_hours: s.power_dependent().then(|| s.battery_margin()),
            powered: s.powered,
            at_home: s.location == Location::Home,
            held: s.held,
        };
        // The run summary's own definitions of the critical figures, so far.
        let critical = crate::summarize::critical_of(patients.iter().copied());
        let mut without_power: Vec<PatientStatus> = patients
            .iter()
            .filter(|(_, s)| s.power_dependent() && !s.powered && s.location == Location::Home)
            .map(|(p, s)| view(p, s))
            .collect();
        without_power.sort_by(|x, y| {
            x.battery_hours
                .unwrap_or(0.0)
                .total_cmp(&y.battery_hours.unwrap_or(0.0))
        });
        agencies.push(AgencyStatus {
            id: info.id.clone(),
            bcp_active: state.bcp_active,
            present: state.present,
            on_duty: state.on_duty,
            normal_daily_staff: info.normal_daily_staff,
            attendance: state.attendance,
            plan_attendance: info.plan.attendance.curve.share_at(hour),
            mobile_ok: state.mobile_ok,
            toilets_usable: state.toilets_usable,
            power_stations_free: state.power_stations_free,
            patients: patients.len() as u32,
            confirmed: state.confirmed,
            stocks: state
                .stocks
                .iter()
                .map(|(level, s)| StockStatus {
                    item: s.spec.item.clone(),
                    unit: s.spec.unit.clone(),
                    quantity: level.quantity(),
                    initial: s.spec.quantity,
                    stockout_hour: s.stockout_hour,
                })
                .collect(),
            class_a_unconfirmed: patients
                .iter()
                .filter(|(p, s)| p.class == PriorityClass::A && s.confirmed_hour.is_none())
                .map(|(p, s)| view(p, s))
                .collect(),
            without_power,
            depleted_patient_hours: critical.depleted_patient_hours,
            admitted_to_hospital: critical.admitted_to_hospital,
        });
    }
    Status {
        hour,
        weekday: clock
            .onset_weekday
            .plus_days((clock.onset_hour + hour) / 24),
        day: crate::lang::calendar_day(clock.onset_hour, hour),
        clock_hour: (clock.onset_hour + hour) % 24,
        zones: zone_status,
        agencies,
    }
}
