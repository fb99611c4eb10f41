//! Phase 6: safety checks (安否確認) by phone, in priority order (004 §3-8, 表2). Free staff
//! on duty call unconfirmed patients, class A first, one phone each; a call takes the plan's
//! minutes and gets through with the mobile network's level at the weaker end as its chance. Phones
//! run on their charge while the agency has no power, topped up from power banks. Patients
//! who cannot be called are left for check visits (next phase).

use bevy_ecs::prelude::{Query, Res, ResMut};

use crate::outcome::EventKind;
use crate::rng::{Purpose, stream, unit};
use crate::scenario::Lifeline;
use crate::state::{
    AgencyInfo, AgencyState, Caseloads, Clock, Crews, Index, Log, Patient, PatientState, RunKey,
    StaffMember, StaffState, Zones,
};

#[allow(clippy::too_many_arguments)]
pub fn make_calls(
    clock: Res<Clock>,
    key: Res<RunKey>,
    index: Res<Index>,
    crews: Res<Crews>,
    caseloads: Res<Caseloads>,
    zones: Res<Zones>,
    mut agencies: Query<(&AgencyInfo, &mut AgencyState)>,
    mut staff: Query<(&StaffMember, &mut StaffState)>,
    mut patients: Query<(&Patient, &mut PatientState)>,
    mut log: ResMut<Log>,
) {
    let hour = clock.hour();
    let now = clock.minute();
    for (a, &agency_entity) in index.agencies.iter().enumerate() {
        let Ok((info, mut agency)) = agencies.get_mut(agency_entity) else {
            continue;
        };
        let policy = &info.plan.safety_checks;
        let power = agency.served[Lifeline::Power.index()];
        if power {
            agency.phone_calls_left = info.equipment.phones * info.equipment.calls_per_phone_charge;
        }
        let list_readable = !policy.list_needs_power_and_data
            || (power && agency.served[Lifeline::TelecomData.index()]);
        if !agency.bcp_active
            || !agency.mobile_ok
            || !list_readable
            || (clock.is_night() && !policy.calls_at_night)
        {
            continue;
        }
        let any_free = crews.by_agency[a].iter().any(|&e| {
            staff
                .get(e)
                .is_ok_and(|(_, s)| s.on_duty && s.busy_until_minute <= now)
        });
        if !any_free {
            continue;
        }
        // Who to call, in priority order: unconfirmed, reachable in principle, not just tried.
        // (not prioritized by a decision, class, list position): prioritized patients first.
        // Without a shared list an agency knows only what it confirmed itself.
        let list = &caseloads.calls[a];
        let mut queue: Vec<(bool, crate::scenario::PriorityClass, usize)> = list
            .iter()
            .enumerate()
            .filter_map(|(i, &e)| {
                let (p, s) = patients.get(e).ok()?;
                let retry_ok = s
                    .failed_call_hour
                    .is_none_or(|f| hour >= f + policy.retry_hours);
                let known = if index.shared_check_list {
                    s.confirmed_hour.is_some()
                } else {
                    s.known_to.contains(&a)
                };
                (!known && p.has_phone && retry_ok).then_some((!s.prioritized, p.class, i))
            })
            .collect();
        if queue.is_empty() {
            continue;
        }
        queue.sort();
        // Staff needed for urgent power visits this step do not pick up a phone.
        let mut reserved =
            urgent_power_needs(info, &agency, &index.patients_by_agency[a], &patients);
        let calls_per_caller = clock.step_minutes() / policy.call_minutes.max(1);
        let max_callers = policy
            .max_callers
            .unwrap_or(u32::MAX)
            .min(info.equipment.phones);
        let mut next = 0;
        let mut callers = 0;
        let mut newly_confirmed: Vec<usize> = Vec::new();
        for &se in &crews.by_agency[a] {
            if next >= queue.len() || callers >= max_callers {
                break;
            }
            let Ok((_, mut s)) = staff.get_mut(se) else {
                continue;
            };
            if !s.on_duty || s.busy_until_minute > now {
                continue;
            }
            if reserved > 0 {
                reserved -= 1;
                continue;
            }
            callers += 1;
            let mut made = 0;
            while made < calls_per_caller && next < queue.len() {
                if !power && !charge_phone(info, &mut agency, hour) {
                    break;
                }
                let pe = list[queue[next].2];
                next += 1;
                made += 1;
                let Ok((p, mut ps)) = patients.get_mut(pe) else {
                    continue;
                };
                // A call gets through with the weaker end's level as its chance, drawn from
                // the patient's own stream for this hour (the same in every plan variant).
                let level = zones.0[p.zone].mobile_level.min(agency.mobile_level);
                let u = unit(&mut stream(
                    key.seed,
                    key.run,
                    Purpose::Call,
                    &format!("{}/{hour}", p.id),
                ));
                if u < level {
                    ps.known_to.push(a);
                    agency.step.calls += 1;
                    if ps.confirmed_hour.is_some() {
                        // Someone else had already confirmed this patient.
                        agency.step.duplicate_calls += 1;
                        continue;
                    }
                    ps.confirmed_hour = Some(hour);
                    newly_confirmed.push(p.agency);
                    log.event(
                        hour,
                        EventKind::PatientConfirmed,
                        Some(&info.id),
                        Some(&p.id),
                        None,
                        "call",
                    );
                } else {
                    ps.failed_call_hour = Some(hour);
                    agency.step.calls += 1;
                    agency.step.failed_calls += 1;
                }
            }
            s.busy_until_minute = now + made * policy.call_minutes;
        }
        // Confirmations count for the patient's own agency (another's may have called).
        for owner in newly_confirmed {
            if let Ok((_, mut o)) = agencies.get_mut(index.agencies[owner]) {
                o.confirmed += 1;
            }
        }
    }
}

/// Uses one call of phone charge, recharging from a power bank when the phones are flat.
/// Returns false when no call can be made.
fn charge_phone(info: &AgencyInfo, agency: &mut AgencyState, hour: u32) -> bool {
    if agency.phone_calls_left == 0
        && let Some(item) = &info.equipment.power_bank_item
        && let Some(stock) = agency.stock_mut(item)
        && stock.quantity >= 1.0
    {
        stock.take(1.0, hour);
        agency.phone_calls_left += info.equipment.calls_per_phone_charge;
    }
    if agency.phone_calls_left == 0 {
        return false;
    }
    agency.phone_calls_left -= 1;
    true
}

/// How many patients need an urgent power visit this step that the agency could make
/// (the visits phase applies the same test).
fn urgent_power_needs(
    info: &AgencyInfo,
    agency: &AgencyState,
    list: &[bevy_ecs::prelude::Entity],
    patients: &Query<(&Patient, &mut PatientState)>,
) -> usize {
    if !super::visits::can_bring_power(info, agency) {
        return 0;
    }
    list.iter()
        .filter(|&&e| {
            patients
                .get(e)
                .is_ok_and(|(_, s)| super::visits::needs_power_visit(s, &info.plan.visits))
        })
        .count()
}
