//! Phase 8: patients. Device batteries drain while there is neither mains power at the
//! patient's location nor a lent power station, and recharge when power is back; a patient at
//! zero battery without power is in critical danger (counted once, and per hour). While the
//! BCP is active, family stands in for the care categories it can cover (004 §1-4).

use bevy_ecs::prelude::{Query, Res, ResMut};

use crate::outcome::EventKind;
use crate::scenario::Lifeline;
use crate::state::{
    AgencyInfo, AgencyState, Clock, Index, Location, Log, Patient, PatientState, Zones, served,
};

pub fn update_patients(
    clock: Res<Clock>,
    index: Res<Index>,
    zones: Res<Zones>,
    mut agencies: Query<(&AgencyInfo, &mut AgencyState)>,
    mut patients: Query<(&Patient, &mut PatientState)>,
    mut log: ResMut<Log>,
) {
    let hour = clock.hour();
    let step = f64::from(clock.step_hours);
    // Stations lent by a partner that looked after the patient go back after the loop.
    let mut returned: Vec<usize> = Vec::new();
    for (a, &agency_entity) in index.agencies.iter().enumerate() {
        let Ok((info, mut agency)) = agencies.get_mut(agency_entity) else {
            continue;
        };
        for &pe in &index.tracked_patients_by_agency[a] {
            let Ok((p, mut ps)) = patients.get_mut(pe) else {
                continue;
            };
            if agency.bcp_active {
                for need in &mut ps.needs {
                    if need.open > 0 && p.family_covers & (1 << need.category.index()) != 0 {
                        need.covered_by_family += need.open;
                        need.open = 0;
                    }
                }
            }
            if !ps.power_dependent() {
                continue;
            }
            let mains = match ps.location {
                Location::Hospital | Location::Shelter => true,
                Location::Home => served(
                    zones.0[p.zone].level_of(Lifeline::Power),
                    p.site[Lifeline::Power.index()],
                ),
            };
            if mains && let Some(lender) = ps.power_station_from.take() {
                // Mains is back: the lent station goes back to the agency that lent it.
                ps.external_power_hours = 0.0;
                if lender == a {
                    agency.power_stations_free += 1;
                } else {
                    returned.push(lender);
                }
            }
            let external = ps.external_power_hours > 0.0;
            if external {
                ps.external_power_hours = (ps.external_power_hours - step).max(0.0);
            }
            ps.powered = mains || external;
            if ps.powered {
                for d in &mut ps.devices {
                    d.battery_hours = d.capacity_hours;
                }
                if ps.depleted_now {
                    ps.depleted_now = false;
                    log.event(
                        hour,
                        EventKind::PowerRestored,
                        Some(&info.id),
                        Some(&p.id),
                        None,
                        "",
                    );
                }
                continue;
            }
            // No power this step: every device drains; the weakest decides the danger.
            let before = ps.battery_margin();
            for d in &mut ps.devices {
                d.battery_hours = (d.battery_hours - step).max(0.0);
            }
            if before <= 0.0 {
                ps.depleted_hours += clock.step_hours;
            }
            ps.hours_without_power += clock.step_hours;
            let margin = ps.battery_margin();
            ps.lowest_battery_hours =
                Some(ps.lowest_battery_hours.map_or(margin, |m| m.min(margin)));
            let empty = margin <= 0.0;
            if empty && !ps.depleted_now {
                ps.depleted_now = true;
                // The battery ran out `before` hours into this step.
                let at = f64::from(hour) + before;
                ps.depleted_hour.get_or_insert(at.ceil() as u32);
                log.event(
                    hour,
                    EventKind::BatteryDepleted,
                    Some(&info.id),
                    Some(&p.id),
                    Some(at),
                    "",
                );
            } else if !empty {
                // A visit recharged the device: a later run-out is a new event.
                ps.depleted_now = false;
            }
        }
    }
    for lender in returned {
        if let Ok((_, mut l)) = agencies.get_mut(index.agencies[lender]) {
            l.power_stations_free += 1;
        }
    }
}
