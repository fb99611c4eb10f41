//! Phase 1: apply the scheduled events due this step (and the storm's alert schedule).

use crate::outcome::EventKind;
use crate::scenario::{Destination, Effect, Hazard};

use super::mutual_aid::send_staff;
use crate::state::RunState;
use crate::state::{Agencies, AgencyState, Index, Loan, Location};

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn apply_events(st: &mut RunState) {
    let RunState {
        clock,
        index,
        pending,
        zones,
        hazard,
        agencies,
        crews,
        staff,
        patients,
        log,
        ..
    } = st;
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
                if let Some(a) = agency_state(index, agencies, agency)
                    && let Some(k) = a.stocks.find(item)
                {
                    a.stocks.add(k, *quantity);
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
                if let Some(&i) = index.patient_ids.get(patient) {
                    let (who, p) = (&patients.patient[i], &mut patients.state[i]);
                    p.location = match to {
                        Destination::Hospital => Location::Hospital,
                        Destination::Shelter => Location::Shelter,
                    };
                    // Whoever moved the patient has seen them.
                    p.known_to.insert(who.agency);
                    if p.confirmed_hour.is_none() {
                        p.confirmed_hour = Some(hour);
                        agencies.state[who.agency].confirmed += 1;
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
                if let Some(&i) = index.staff_ids.get(id) {
                    staff.keep_away(i, event.at_hour + hours);
                }
            }
            Effect::ActivateBcp { agency } => {
                if let Some(a) = agency_state(index, agencies, agency) {
                    a.leader_activation = true;
                }
            }
            Effect::AddPowerStations { agency, count } => {
                if let Some(a) = agency_state(index, agencies, agency) {
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
                    for i in send_staff(crews, staff, f, *count, loan) {
                        log.event(
                            hour,
                            EventKind::StaffSent,
                            Some(to),
                            Some(&staff.member[i].id),
                            Some(arrival),
                            note,
                        );
                    }
                }
            }
            Effect::PrioritizeCheck { patient } => {
                if let Some(&i) = index.patient_ids.get(patient) {
                    patients.state[i].prioritized = true;
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
    agencies: &'a mut Agencies,
    id: &str,
) -> Option<&'a mut AgencyState> {
    let &a = index.agency_ids.get(id)?;
    agencies.state.get_mut(a)
}
