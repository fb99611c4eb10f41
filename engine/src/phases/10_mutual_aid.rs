//! Phase 10: mutual aid under agreements (collaborative BCP, 001; pair stations, 004 §4-1).
//!
//! First, loans that are no longer needed or that the lender needs back end: the staff member
//! travels home and is unavailable meanwhile. Then each agency whose BCP is active and whose
//! own attendance is below its plan's `mutual_aid.ask_below` asks its partners, agreement by
//! agreement in file order, for enough staff to reach that share; a partner lends only staff
//! beyond its own `lend_above` share of W (never the leader or deputy), up to the agreement's
//! `max_staff`, arriving after the travel time (later under a verbal agreement). Loans decided
//! now take effect in the staffing of later steps.

use crate::outcome::EventKind;
use crate::scenario::{BcpRole, Effect, ScheduledEvent};
use crate::state::RunState;
use crate::state::{AgencyInfo, AgencyState, Crews, Handover, Loan, Staff};

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn mutual_aid(st: &mut RunState) {
    let RunState {
        clock,
        index,
        agreements,
        crews,
        agencies,
        staff,
        caseloads,
        patients,
        log,
        ..
    } = st;
    if agreements.0.is_empty() {
        return;
    }
    let hour = clock.hour();
    let view: Vec<(&AgencyInfo, &AgencyState)> =
        agencies.info.iter().zip(&agencies.state).collect();
    let own_share = |a: usize| {
        let (info, state) = view[a];
        if info.normal_daily_staff > 0.0 {
            f64::from(state.own_present) / info.normal_daily_staff
        } else {
            0.0
        }
    };

    // 1. End loans the borrower no longer needs or the lender needs back.
    for (lender, members) in index.staff_by_agency.iter().enumerate() {
        for &e in members {
            let (m, s) = (&staff.member[e], &staff.state[e]);
            let Some(loan) = s.lent_to else { continue };
            if loan.agreement.is_none() {
                continue; // a room's decision stands until the room changes it
            }
            let (b_info, b_state) = view[loan.to];
            let not_needed =
                !b_state.bcp_active || own_share(loan.to) >= b_info.plan.mutual_aid.ask_below;
            let needed_back = own_share(lender) < view[lender].0.plan.mutual_aid.lend_above;
            if not_needed || needed_back {
                let id = m.id.clone();
                crews.move_member(e, loan.to, lender);
                staff.state[e].lent_to = None;
                // On the way home until then.
                staff.keep_away(e, hour + clock.step_hours + loan.travel_hours.ceil() as u32);
                let agency = &view[lender].0.id;
                log.event(
                    hour,
                    EventKind::LoanEnded,
                    Some(agency),
                    Some(&id),
                    None,
                    &b_info.id,
                );
            }
        }
    }

    // 2. Agencies short of staff ask their partners.
    for (b, &(b_info, b_state)) in view.iter().enumerate() {
        let policy = &b_info.plan.mutual_aid;
        if !b_state.bcp_active || own_share(b) >= policy.ask_below {
            continue;
        }
        let wanted = (policy.ask_below * b_info.normal_daily_staff).ceil() as u32;
        for (k, ag) in agreements.0.iter().enumerate() {
            for &(lender, borrower) in &ag.directions {
                if borrower != b {
                    continue;
                }
                // Count what is here or on the way from every partner.
                let coming = crews.by_agency[b]
                    .iter()
                    .filter(|&&e| index.home_of_staff[e] as usize != b)
                    .count() as u32;
                let need = wanted.saturating_sub(b_state.own_present + coming);
                if need == 0 {
                    continue;
                }
                let (l_info, l_state) = view[lender];
                let keep =
                    (l_info.plan.mutual_aid.lend_above * l_info.normal_daily_staff).ceil() as u32;
                let spare = l_state.own_present.saturating_sub(keep);
                let already = crews.by_agency[b]
                    .iter()
                    .filter(|&&e| {
                        staff.state[e]
                            .lent_to
                            .is_some_and(|l| l.agreement == Some(k))
                    })
                    .count() as u32;
                let count = need.min(spare).min(ag.max_staff.saturating_sub(already));
                if count == 0 {
                    continue;
                }
                let loan = Loan {
                    to: b,
                    arrival: f64::from(hour + clock.step_hours) + ag.delay_hours,
                    agreement: Some(k),
                    travel_hours: ag.travel_hours,
                };
                for e in send_staff(crews, staff, lender, count, loan) {
                    log.event(
                        hour,
                        EventKind::StaffSent,
                        Some(&b_info.id),
                        Some(&staff.member[e].id),
                        Some(loan.arrival),
                        &ag.id,
                    );
                }
            }
        }
    }

    // 3. Agencies short of staff hand patients over to partners that accept them.
    for (k, ag) in agreements.0.iter().enumerate() {
        let Some(terms) = &ag.takeover else { continue };
        let (f_info, f_state) = view[terms.from];
        if !f_state.bcp_active || own_share(terms.from) >= f_info.plan.mutual_aid.ask_below {
            continue;
        }
        let taken = caseloads.by_agency[terms.to]
            .iter()
            .filter(|&&e| {
                patients.state[e]
                    .handover
                    .is_some_and(|h| h.agreement() == k)
            })
            .count() as u32;
        let room = terms.max_patients.saturating_sub(taken) as usize;
        if room == 0 {
            continue;
        }
        // The highest priority first, in list order.
        let mut candidates: Vec<(crate::scenario::PriorityClass, usize, usize)> = caseloads
            .by_agency[terms.from]
            .iter()
            .enumerate()
            .filter_map(|(i, &e)| {
                let (p, s) = (&patients.patient[e], &patients.state[e]);
                let accepted = terms.classes & (1 << (p.class as u8)) != 0;
                let home = s.location != crate::state::Location::Hospital;
                (p.agency == terms.from && accepted && home && s.handover.is_none())
                    .then_some((p.class, i, e))
            })
            .collect();
        candidates.sort();
        candidates.truncate(room);
        let from_hour = f64::from(hour + clock.step_hours) + ag.delay_hours;
        for &(_, _, e) in &candidates {
            patients.state[e].handover = Some(Handover::new(terms.to, k, from_hour));
            log.event(
                hour,
                EventKind::PatientHandedOver,
                Some(&view[terms.to].0.id),
                Some(&patients.patient[e].id),
                Some(from_hour),
                &ag.id,
            );
        }
        let moved: Vec<usize> = candidates.iter().map(|c| c.2).collect();
        caseloads.by_agency[terms.from].retain(|e| !moved.contains(e));
        caseloads.by_agency[terms.to].extend(moved.iter().copied());
        // The partner now also makes their safety-check calls.
        caseloads.calls[terms.from].retain(|e| !moved.contains(e));
        for e in moved {
            if !caseloads.calls[terms.to].contains(&e) {
                caseloads.calls[terms.to].push(e);
            }
        }
        caseloads.rescan[terms.to] = true;
        caseloads.calls_all_known[terms.to] = false;
        caseloads.changed(terms.from);
        caseloads.changed(terms.to);
    }
}

/// Moves up to `count` of agency `from`'s own present staff (from the end of its crew; the
/// leader and deputy stay) into the crew of `loan.to`. Returns who was sent.
pub(crate) fn send_staff(
    crews: &mut Crews,
    staff: &mut Staff,
    from: usize,
    count: u32,
    loan: Loan,
) -> Vec<usize> {
    let mut sent = Vec::new();
    for &e in crews.by_agency[from].iter().rev() {
        if sent.len() as u32 >= count {
            break;
        }
        let (m, s) = (&staff.member[e], &staff.state[e]);
        let leads = matches!(m.bcp_role, Some(BcpRole::Leader | BcpRole::Deputy));
        if m.agency == from && s.present && s.lent_to.is_none() && !leads {
            sent.push(e);
        }
    }
    for &e in &sent {
        staff.state[e].lent_to = Some(loan);
    }
    if !sent.is_empty() {
        staff.changed();
    }
    for &e in &sent {
        crews.move_member(e, from, loan.to);
    }
    sent
}

/// Supply sharing under agreements (物資供給): when a listed item at the receiving agency falls
/// below a quarter of its starting quantity and nothing is already on the way under the
/// agreement, the supplier sends what it holds beyond half of its own starting quantity, up to
/// what brings the receiver back to half. The delivery is a `Resupply` event at the arrival
/// hour, so it is applied, logged and replayed like any other.
// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn share_supplies(st: &mut RunState) {
    let RunState {
        clock,
        agreements,
        agencies,
        pending,
        log,
        ..
    } = st;
    let hour = clock.hour();
    for ag in &agreements.0 {
        let Some((from, to, items)) = &ag.supplies else {
            continue;
        };
        let (to_info, to_state) = (&agencies.info[*to], &agencies.state[*to]);
        let to_id = to_info.id.clone();
        let levels: Vec<(&String, f64, f64)> = items
            .iter()
            .filter_map(|item| {
                let level = to_state.stocks.level(to_state.stocks.find(item)?);
                Some((item, level.quantity(), level.full()))
            })
            .collect();
        for (item, have, initial) in levels {
            let on_the_way = pending.events[pending.next..].iter().any(|e| {
                e.note == ag.id
                    && matches!(&e.effect, Effect::Resupply { agency, item: i, .. } if agency == &to_id && i == item)
            });
            if have >= 0.25 * initial || on_the_way {
                continue;
            }
            let from_state = &mut agencies.state[*from];
            let Some(k) = from_state.stocks.find(item) else {
                continue;
            };
            let supply = from_state.stocks.level(k);
            let amount = (supply.quantity() - 0.5 * supply.full()).min(0.5 * initial - have);
            if amount <= 0.0 {
                continue;
            }
            from_state.stocks.take(k, amount, hour);
            let arrival = (f64::from(hour + clock.step_hours) + ag.delay_hours).ceil() as u32;
            let event = ScheduledEvent {
                at_hour: arrival,
                note: ag.id.clone(),
                effect: Effect::Resupply {
                    agency: to_id.clone(),
                    item: item.clone(),
                    quantity: amount,
                },
            };
            let next = pending.next;
            let at = next + pending.events[next..].partition_point(|e| e.at_hour <= arrival);
            pending.events.insert(at, event);
            log.event(
                hour,
                EventKind::SupplySent,
                Some(&to_id),
                Some(item),
                Some(amount),
                &ag.id,
            );
            // Re-read the receiver for the next item.
            break;
        }
    }
}
