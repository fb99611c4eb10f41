//! Phase 6: safety checks (安否確認) by phone and message, in priority order (004 §3-8, 表2).
//!
//! Free staff on duty call unconfirmed patients, class A first, one phone each, holders of the
//! contact role (連絡班) first. A dial gets through with the mobile network's level at the
//! weaker end as its chance; one that does not costs `failed_call_minutes` and is redialled up
//! to `redials` times, then the caller moves on and the number is tried again after
//! `retry_hours`. Where voice fails and data works, a message goes to the household instead;
//! an answer (from a share of households, after hours) confirms the patient then. Phones run on
//! their charge while the agency has no power, topped up from power banks. Patients still
//! unreachable are left for check visits (next phase).
//!
//! The calling team is the plan's (`max_callers`, the contact role first); urgent power visits
//! and every other visit go to the staff not calling (next phase).

use crate::rng::{Purpose, normal, stream, stream_numbered, unit};
use crate::scenario::{BcpRole, Lifeline};
use crate::state::RunState;
use crate::state::{AgencyInfo, AgencyState, Staff};

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn make_calls(st: &mut RunState) {
    let RunState {
        clock,
        key,
        index,
        crews,
        caseloads,
        zones,
        agencies,
        staff,
        patients,
        log,
        scratch,
        ..
    } = st;
    // Buffers kept from step to step (borrowed, not moved out and back).
    let crate::state::Scratch {
        staff: team,
        free_staff,
        call_queue: queue,
        ..
    } = scratch;
    let hour = clock.hour();
    let now = clock.minute();
    let step_minutes = clock.step_minutes();
    // Confirmations count for the patient's own agency (another's may have called).
    let mut newly_confirmed: Vec<usize> = Vec::new();
    for (a, (info, agency)) in agencies.info.iter().zip(&mut agencies.state).enumerate() {
        agency.calling_team_busy = false;
        let policy = &info.plan.safety_checks;
        let list = &caseloads.calls[a];
        let power = agency.served[Lifeline::Power.index()];
        if power {
            agency.phone_minutes_left = info.equipment.phones * info.phone_charge_minutes();
        }

        // Answers to messages sent earlier arrive whatever else happens this step.
        let mut arrived = Vec::new();
        agency.pending_replies.retain(|&(at, i)| {
            let due = at <= hour;
            if due {
                arrived.push(i);
            }
            !due
        });
        for pe in arrived {
            let (p, ps) = (&patients.patient[pe], &mut patients.state[pe]);
            if super::confirm(a, &info.id, p, ps, hour, "message", log) {
                newly_confirmed.push(p.agency);
            }
        }

        // Everyone on the list is known to this agency: nobody is left to call, and the
        // calling team is not held on the phones (replies were taken above).
        if caseloads.calls_all_known[a] {
            continue;
        }
        let list_readable = !policy.list_needs_power_and_data
            || (power && agency.served[Lifeline::TelecomData.index()]);
        let voice = agency.mobile_ok;
        let data = policy.messages && agency.data_level > 0.0;
        if !agency.bcp_active
            || !(voice || data)
            || !list_readable
            || (clock.is_night() && !policy.calls_at_night)
        {
            continue;
        }
        let free = callers(info, &crews.on_duty[a], staff, now, free_staff, team);
        let callers: &[usize] = team;
        if callers.is_empty() {
            continue;
        }
        // Who to call, in priority order: unconfirmed, reachable in principle, not just tried.
        // (not prioritized by a decision, class, list position): prioritized patients first.
        // Without a shared list an agency knows only what it confirmed itself.
        let mut pending = false;
        queue.clear();
        for (i, &e) in list.iter().enumerate() {
            let s = &patients.state[e];
            let known = if index.shared_check_list {
                s.confirmed_hour.is_some()
            } else {
                s.known_to.contains(a)
            };
            if known || !s.has_phone {
                continue;
            }
            pending = true;
            if s.failed_call_hour
                .is_none_or(|f| hour >= f + policy.retry_hours)
            {
                queue.push((!s.prioritized, s.class, i));
            }
        }
        if !pending {
            caseloads.calls_all_known[a] = true;
        }
        // While numbers are still to get through (retries included) and someone else is free
        // to make visits, the calling team stays on the phones this step rather than setting
        // out on visits.
        agency.calling_team_busy = voice && free > callers.len() && pending;
        for &se in callers {
            staff.tasks[se].called_step = Some(clock.step());
        }
        if queue.is_empty() {
            continue;
        }
        queue.sort();

        let mut next = 0;
        let mut phones_flat = false;
        for &se in callers {
            if phones_flat {
                break;
            }
            let mut used = 0;
            while used < step_minutes && next < queue.len() {
                let i = queue[next].2;
                next += 1;
                let (p, ps) = (&patients.patient[list[i]], &mut patients.state[list[i]]);
                // Dials draw from the patient's own stream for this hour, in order (the same
                // in every plan variant).
                let mut rng = stream_numbered(key.seed, key.run, Purpose::Call, &p.id, hour);
                let level = zones.0[p.zone].mobile_level.min(agency.mobile_level);
                let mut reached = false;
                let mut dialled = false;
                if voice {
                    for _ in 0..=policy.redials {
                        let dial = policy.failed_call_minutes;
                        if !power && !charge_phone(info, agency, dial, hour) {
                            phones_flat = true;
                            break;
                        }
                        dialled = true;
                        agency.step.calls += 1;
                        if unit(&mut rng) < level {
                            let talk = policy.call_minutes.saturating_sub(dial);
                            if !power {
                                agency.phone_minutes_left =
                                    agency.phone_minutes_left.saturating_sub(talk);
                            }
                            used = used.saturating_add(policy.call_minutes);
                            reached = true;
                            break;
                        }
                        used = used.saturating_add(policy.failed_call_minutes);
                        agency.step.failed_calls += 1;
                        if used >= step_minutes {
                            break;
                        }
                    }
                }
                if reached {
                    if ps.confirmed_hour.is_some() && !ps.known_to.contains(a) {
                        // Someone else had already confirmed this patient.
                        agency.step.duplicate_calls += 1;
                    }
                    if super::confirm(a, &info.id, p, ps, hour, "call", log) {
                        newly_confirmed.push(p.agency);
                    }
                    continue;
                }
                if phones_flat && !dialled {
                    // No charge left to call with: the number was not tried.
                    break;
                }
                ps.failed_call_hour = Some(hour);
                if data && !ps.message_delivered {
                    used = used.saturating_add(policy.message_minutes);
                    let level = zones.0[p.zone].data_level.min(agency.data_level);
                    if unit(&mut rng) < level {
                        ps.message_delivered = true;
                        agency.step.messages += 1;
                        let mut answer = stream(key.seed, key.run, Purpose::Message, &p.id);
                        let (replies, u, z) =
                            (unit(&mut answer), unit(&mut answer), normal(&mut answer));
                        if replies < policy.message_reply_share {
                            let delay = policy.message_reply_hours.value(u, z).max(0.0);
                            let at = hour.saturating_add((delay.ceil() as u32).max(1));
                            agency.pending_replies.push((at, list[i]));
                        }
                    }
                }
            }
            staff.tasks[se].busy_until_minute = now.saturating_add(used);
        }
    }
    for owner in newly_confirmed {
        agencies.state[owner].confirmed += 1;
    }
}

/// The staff who call this step (into `team`), in order: free and on duty, the contact role
/// (連絡班) first, then roster order, at most `max_callers` and one per phone; returns how
/// many staff are free in all. The calling team is the plan's: visits, urgent ones included, go to the others (next
/// phase), so more cars, stations or patients in need never take anyone off the phones.
fn callers(
    info: &AgencyInfo,
    crew: &[usize],
    staff: &Staff,
    now: u32,
    free: &mut Vec<(bool, usize, usize)>,
    team: &mut Vec<usize>,
) -> usize {
    free.clear();
    free.extend(crew.iter().enumerate().filter_map(|(k, &e)| {
        // Present (a person's own duty flag may wait for pending steps: `PendingDuty`).
        debug_assert!(staff.state[e].present, "absent in the crew on duty");
        (staff.tasks[e].busy_until_minute <= now).then_some((
            staff.member[e].bcp_role != Some(BcpRole::Contact),
            k,
            e,
        ))
    }));
    free.sort();
    let max_callers = info
        .plan
        .safety_checks
        .max_callers
        .unwrap_or(u32::MAX)
        .min(info.equipment.phones) as usize;
    team.clear();
    team.extend(free.iter().take(max_callers).map(|&(_, _, e)| e));
    free.len()
}

/// Uses `minutes` of phone charge, recharging from a power bank when the phones are flat.
/// Returns false when no call can be made.
fn charge_phone(info: &AgencyInfo, agency: &mut AgencyState, minutes: u32, hour: u32) -> bool {
    if agency.phone_minutes_left < minutes
        && let Some(item) = &info.equipment.power_bank_item
        && let Some(k) = agency.stocks.find(item)
        && agency.stocks.level(k).quantity() >= 1.0
    {
        agency.stocks.take(k, 1.0, hour);
        agency.phone_minutes_left += info.phone_charge_minutes();
    }
    if agency.phone_minutes_left < minutes {
        return false;
    }
    agency.phone_minutes_left -= minutes;
    true
}
