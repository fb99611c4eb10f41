//! Phase 1: apply the scheduled events due this step (and the storm's alert schedule).

use bevy_ecs::prelude::{Query, Res, ResMut};

use crate::outcome::EventKind;
use crate::scenario::{Destination, Effect, Hazard};

use super::mutual_aid::send_staff;
use crate::state::{
    AgencyInfo, AgencyState, Clock, Crews, HazardState, Index, Loan, Location, Log, Patient,
    PatientState, PendingEvents, StaffMember, StaffState, Zones,
};

#[allow(clippy::too_many_arguments)]
pub fn apply_events(
    clock: Res<Clock>,
    index: Res<Index>,
    mut pending: ResMut<PendingEvents>,
    mut zones: ResMut<Zones>,
    mut hazard: ResMut<HazardState>,
    mut agencies: Query<(&AgencyInfo, &mut AgencyState)>,
    mut crews: ResMut<Crews>,
    mut staff: Query<(&StaffMember, &mut StaffState)>,
    mut patients: Query<(&Patient, &mut PatientState)>,
    mut log: ResMut<Log>,
) {
    let hour = clock.hour();
    let end = hour + clock.step_hours;
    if let Hazard::Storm { alert_levels, .. } = &hazard.hazard {
        let due = alert_levels
            .iter()
            .rfind(|c| c.hour >= hour && c.hour < end)
            .map(|c| c.level);
        if let Some(level) = due {
            hazard.alert_level = level;
        }
    }
    while let Some(event) = pending.events.get(pending.next) {
        if event.at_hour >= end {
            break;
        }
        let event = event.clone();
        pending.next += 1;
        let note = event.note.as_str();
        match &event.effect {
            Effect::SetLifeline {
                zone,
                lifeline,
                state,
            } => {
                if let Some(&z) = index.zone_ids.get(zone) {
                    zones.0[z].override_from(*lifeline, event.at_hour, *state);
                }
            }
            Effect::Resupply {
                agency,
                item,
                quantity,
            } => {
                if let Some(mut a) = agency_state(&index, &mut agencies, agency)
                    && let Some(stock) = a.stock_mut(item)
                {
                    stock.quantity += quantity;
                    log.event(
                        hour,
                        EventKind::Resupplied,
                        Some(agency),
                        Some(item),
                        Some(*quantity),
                        note,
                    );
                }
            }
            Effect::MovePatient { patient, to } => {
                if let Some(&e) = index.patient_ids.get(patient)
                    && let Ok((who, mut p)) = patients.get_mut(e)
                {
                    p.location = match to {
                        Destination::Hospital => Location::Hospital,
                        Destination::Shelter => Location::Shelter,
                    };
                    // Whoever moved the patient has seen them.
                    if !p.known_to.contains(&who.agency) {
                        p.known_to.push(who.agency);
                    }
                    if p.confirmed_hour.is_none() {
                        p.confirmed_hour = Some(hour);
                        if let Ok((_, mut a)) = agencies.get_mut(index.agencies[who.agency]) {
                            a.confirmed += 1;
                        }
                    }
                    log.event(
                        hour,
                        EventKind::PatientMoved,
                        None,
                        Some(patient),
                        None,
                        note,
                    );
                }
            }
            Effect::StaffUnavailable { staff: id, hours } => {
                if let Some(&e) = index.staff_ids.get(id)
                    && let Ok((_, mut s)) = staff.get_mut(e)
                {
                    s.absent_until = s.absent_until.max(event.at_hour + hours);
                }
            }
            Effect::ActivateBcp { agency } => {
                if let Some(mut a) = agency_state(&index, &mut agencies, agency) {
                    a.leader_activation = true;
                }
            }
            Effect::AddPowerStations { agency, count } => {
                if let Some(mut a) = agency_state(&index, &mut agencies, agency) {
                    a.power_stations_free += count;
                }
            }
            Effect::SetAlertLevel { level } => hazard.alert_level = *level,
            Effect::SendStaff {
                from,
                to,
                count,
                travel_hours,
            } => {
                if let (Some(&f), Some(&t)) = (index.agency_ids.get(from), index.agency_ids.get(to))
                {
                    let loan = Loan {
                        to: t,
                        arrival: f64::from(event.at_hour) + travel_hours.max(0.0),
                        agreement: None,
                        travel_hours: travel_hours.max(0.0),
                    };
                    let arrival = loan.arrival;
                    for e in send_staff(&mut crews, &mut staff, f, *count, loan) {
                        if let Ok((m, _)) = staff.get(e) {
                            log.event(
                                hour,
                                EventKind::StaffSent,
                                Some(to),
                                Some(&m.id),
                                Some(arrival),
                                note,
                            );
                        }
                    }
                }
            }
            Effect::PrioritizeCheck { patient } => {
                if let Some(&e) = index.patient_ids.get(patient)
                    && let Ok((_, mut p)) = patients.get_mut(e)
                {
                    p.prioritized = true;
                    log.event(
                        hour,
                        EventKind::CheckPrioritized,
                        None,
                        Some(patient),
                        None,
                        note,
                    );
                }
            }
        }
        log.event(hour, EventKind::ScheduledEvent, None, None, None, note);
    }
}

fn agency_state<'a>(
    index: &Index,
    agencies: &'a mut Query<(&AgencyInfo, &mut AgencyState)>,
    id: &str,
) -> Option<bevy_ecs::prelude::Mut<'a, AgencyState>> {
    let &a = index.agency_ids.get(id)?;
    agencies.get_mut(index.agencies[a]).ok().map(|(_, s)| s)
}
