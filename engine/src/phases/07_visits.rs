//! Phase 7: visits. Care demands that came due are opened; then free staff on duty are sent,
//! in this order:
//! 1. check visits: unconfirmed patients nobody could reach by phone, class A first (004 §3-10:
//!    safety checks from 6 h, life-sustaining care visits from 1 day), so that power brought
//!    to some never delays finding the others;
//! 2. urgent power visits: power-dependent patients at home without power whose reserve is at
//!    or below the plan's threshold and whom a visit can still help, lowest reserve first —
//!    only while there is power to bring (a charged portable power station, or a free car with
//!    an inverter and fuel);
//! 3. care visits: open demands in permitted categories, class A first, then the oldest
//!    demand.
//!
//! A visit takes the plan's care minutes plus travel both ways (distance, mode, roads), keeps
//! the staff member busy that long, confirms the patient, serves one open demand per permitted
//! need, and brings power where it can. Routine visits happen in working time; at night only
//! what the plan allows.

use std::cmp::Reverse;
use std::collections::binary_heap::PeekMut;

use crate::outcome::EventKind;
use crate::rounding::{round_i64, round_u32};
use crate::scenario::{Lifeline, NightVisits, PriorityClass, VisitMode};
use crate::state::RunState;
use crate::state::{
    AgencyInfo, AgencyState, CareQueue, Crews, DueQueue, Location, Log, Patient, PatientState,
    Patients, Staff, VisitKind, VisitSets, Zones, served,
};
use crate::travel::visit_hours;

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn make_visits(st: &mut RunState) {
    let RunState {
        clock,
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
    let hour = clock.hour();
    let now = clock.minute();
    // Buffers kept from step to step (borrowed, not moved out and back).
    let crate::state::Scratch {
        flagged_staff: free_staff,
        visit_candidates: candidates,
        positions,
        emitted,
        set_aside,
        ..
    } = scratch;
    // Confirmations by a partner count for the patient's own agency, after the loop.
    let mut partner_confirmed: Vec<usize> = Vec::new();
    for (a, (info, agency)) in agencies.info.iter().zip(&mut agencies.state).enumerate() {
        let plan = &info.plan;
        let working_time = clock.is_working_time(&info.work_week);
        let night_rule = plan.visits.at_night;
        let rescan = std::mem::take(&mut caseloads.rescan[a]);
        let list = &caseloads.by_agency[a];

        // Open the demands that came due (only on steps that reach the earliest due hour).
        let end = hour + clock.step_hours;
        if agency.next_due_hour < end || rescan {
            let queue = &mut caseloads.due[a];
            if rescan {
                queue.stale = true;
            }
            let opened = DemandsOpened {
                for_visits: &mut caseloads.visit_sets[a].care.touched,
                for_family: &mut caseloads.family_due,
            };
            agency.next_due_hour = open_due_demands(a, list, queue, opened, patients, end);
        }

        // Which patients a visit can be for now (see the candidates below): at night, nobody
        // without the plan's leave, and under `UrgentOnly` only class A and power-dependent
        // patients.
        if !working_time && night_rule == NightVisits::None {
            continue;
        }
        let night_only = !working_time && night_rule == NightVisits::UrgentOnly;
        let care_ok = working_time || night_rule == NightVisits::All;
        let idle =
            !care_ok && !rescan && nobody_urgent(&caseloads.visit_sets[a], &patients.unpowered, a);
        #[cfg(test)]
        let idle = idle && tests::IDLE_SKIP.get();
        #[cfg(test)]
        tests::IDLE_SKIPPED.set(tests::IDLE_SKIPPED.get() + u64::from(idle));
        if idle {
            // No care visits at this hour and nobody to check on or bring power to (most
            // night steps): the crew's tasks are not read.
            continue;
        }

        let day = clock.calendar_day();
        // Someone busy with calls or a visit for less than half the step can still set out in
        // it, once done.
        let latest_start = now + clock.step_minutes() / 2;
        let max_visits = plan.visits.max_visits_per_staff_day;
        // (staff, still under the daily limit of routine visits). The limit is for routine
        // and check visits; nobody stops an urgent power visit for it.
        free_staff.clear();
        // From the end of the crew on duty, so that taking from the end of the list goes in
        // roster order. Non-short-circuit `&`: both tests are cheap and their outcome is hard
        // to predict, so the scan does not branch on each.
        let calling = agency.calling_team_busy;
        for &e in crews.on_duty[a].iter().rev() {
            // Present (a person's own duty flag may wait for pending steps: `PendingDuty`).
            debug_assert!(staff.state[e].present, "absent in the crew on duty");
            let s = &staff.tasks[e];
            let on_phones = calling & (s.called_step == Some(clock.step()));
            if (s.busy_until_minute <= latest_start) & !on_phones {
                free_staff.push((e, s.visits_on(day) < max_visits));
            }
        }
        if free_staff.is_empty() {
            // Nobody to send: skip the candidate scan (most busy steps).
            continue;
        }
        let sets = &mut caseloads.visit_sets[a];
        let rebuilt = std::mem::take(&mut sets.stale);
        if rebuilt {
            sets.power_positions.clear();
            sets.unconfirmed_class_a.clear();
            sets.unconfirmed_others.clear();
            for (i, &pe) in list.iter().enumerate() {
                let ps = &patients.state[pe];
                if ps.power_dependent() {
                    sets.power_positions.push(i);
                }
                if ps.confirmed_hour.is_some() {
                    continue;
                }
                if ps.class == PriorityClass::A {
                    sets.unconfirmed_class_a.push(pe);
                } else {
                    sets.unconfirmed_others.push(pe);
                }
            }
            // Places in the caseload changed: the care queue is built again when next read.
            sets.care.basis = None;
        }
        let unconfirmed = |pe: &usize| patients.state[*pe].confirmed_hour.is_none();
        sets.unconfirmed_class_a.retain(unconfirmed);
        if !night_only {
            sets.unconfirmed_others.retain(unconfirmed);
        }
        // The places of the candidates for check and urgent power visits, in order: only
        // power-dependent patients can need power brought, only unconfirmed ones a check
        // (at night under `UrgentOnly`, class A ones).
        positions.clear();
        let position = &caseloads.position;
        let unpowered = patients.unpowered.get(a).map_or(&[][..], Vec::as_slice);
        #[cfg(test)]
        let rebuilt = rebuilt || !tests::UNPOWERED_LIST.get();
        if rescan || rebuilt {
            // The caseload changed since the patients phase listed who is without power: it
            // may have gained someone (`rescan`) or lost someone, so every power-dependent
            // patient of it is looked at.
            if rescan || !unpowered.is_empty() {
                positions.extend_from_slice(&sets.power_positions);
            }
        } else {
            // Only a patient the patients phase left without power can need power brought
            // (nothing else clears `powered`); the other power-dependent patients could only
            // be check candidates, and those are among the unconfirmed below.
            debug_assert!(
                unpowered
                    .iter()
                    .all(|&pe| list.get(position[pe]) == Some(&pe))
            );
            #[cfg(test)]
            tests::LIST_TAKEN.set(tests::LIST_TAKEN.get() + u64::from(!unpowered.is_empty()));
            positions.extend(unpowered.iter().map(|&pe| position[pe]));
        }
        positions.extend(sets.unconfirmed_class_a.iter().map(|&pe| position[pe]));
        if !night_only {
            positions.extend(sets.unconfirmed_others.iter().map(|&pe| position[pe]));
        }
        positions.sort_unstable();
        positions.dedup();
        if positions.is_empty() && !care_ok {
            // Nobody to check on or bring power to, and no care visits at this hour (most
            // night steps): nothing to send anyone for.
            continue;
        }
        // Nothing in this phase uses fuel (the stocks phase does): asked once a step.
        let has_fuel = agency.stocks.has_fuel();
        let can_bring_power = can_bring_power(info, agency, has_fuel);
        // (kind, class, not prioritized, battery margin, list position).
        candidates.clear();
        // The safety-check round comes first (004 §3-10): early on, while someone's safety is
        // unknown, power visits go only to patients not yet confirmed.
        let sets = &caseloads.visit_sets[a];
        let checks_first = hour < plan.visits.checks_before_power_hours
            && sets
                .unconfirmed_class_a
                .iter()
                .chain(&sets.unconfirmed_others)
                .any(|pe| unconfirmed(pe) && patients.state[*pe].location != Location::Hospital);
        for &i in positions.iter() {
            let pe = list[i];
            let (p, ps) = (&patients.patient[pe], &patients.state[pe]);
            if ps.location == Location::Hospital || in_handover(ps, hour) {
                continue;
            }
            let urgent_ok = (working_time || night_rule != NightVisits::None) && can_bring_power;
            let waits = checks_first && ps.confirmed_hour.is_some();
            if urgent_ok && !waits && needs_power_visit(p, ps, &plan.visits) {
                let margin_minutes = round_i64(ps.battery_margin() * 60.0);
                // Urgent visits go by the reserve left, whatever the class.
                let any = PriorityClass::A;
                candidates.push((VisitKind::UrgentPower, any, true, margin_minutes, i));
                continue;
            }
            // Check visits: the unconfirmed, by the class and phone kept in their state.
            if !(agency.bcp_active
                && plan.safety_checks.visit_if_unreachable
                && ps.confirmed_hour.is_none())
            {
                continue;
            }
            let check_ok = working_time
                || night_rule == NightVisits::All
                || (night_rule == NightVisits::UrgentOnly && ps.class == PriorityClass::A);
            let unreachable = !ps.has_phone || ps.failed_call_hour.is_some() || !agency.mobile_ok;
            if unreachable && check_ok {
                // Whoever nobody could reach is seen first, by class (004 §3-10: 利用者の安否確認
                // from 6 h, life-sustaining care visits from 1 day), so that power brought
                // to some never delays finding the others.
                candidates.push((VisitKind::Check, ps.class, !ps.prioritized, 0, i));
            }
        }
        // Whoever is a check or urgent candidate this step is not also a care candidate.
        emitted.clear();
        emitted.extend(candidates.iter().map(|c| c.4)); // in place order, as pushed
        candidates.sort();

        let roads_here = zones.0[info.zone].level_of(Lifeline::Roads);
        let mut round = Round {
            a,
            info,
            agency,
            zones,
            staff,
            patients,
            log,
            free_staff,
            partner_confirmed: &mut partner_confirmed,
            crews,
            cars_free: None,
            has_fuel,
            roads_here,
            hour,
            now,
            day,
            step: clock.step(),
        };
        for &(kind, _, _, _, i) in candidates.iter() {
            if round.free_staff.is_empty() {
                break;
            }
            round.send(kind, list[i]);
        }

        // Care visits: open demands in permitted categories, class A first, then the oldest
        // demand, then the place in the caseload; each needs someone under the daily limit.
        if !care_ok {
            continue;
        }
        let care = &mut caseloads.visit_sets[a].care;
        refresh_care_queue(
            care,
            list,
            &caseloads.position,
            round.patients,
            round.agency,
        );
        set_aside.clear();
        while round.free_staff.iter().any(|&(_, under)| under) {
            let Some(&Reverse((_, due, i))) = care.heap.peek() else {
                break;
            };
            if care.live[i] != Some(due) {
                care.heap.pop(); // a stale copy
                continue;
            }
            let pe = list[i];
            let ps = &round.patients.state[pe];
            let key = oldest_due(ps, round.agency);
            if key != Some(due) {
                // Later than queued (served, covered, moved on) or out: back at the true key.
                debug_assert!(
                    key.is_none_or(|k| k > due),
                    "a care key was later than the patient's"
                );
                care.set_top(key);
                continue;
            }
            care.heap.pop();
            set_aside.push(i);
            if ps.location == Location::Hospital
                || in_handover(ps, hour)
                || emitted.binary_search(&i).is_ok()
            {
                continue;
            }
            round.send(VisitKind::Care, pe);
        }
        // Those looked at go back at their keys now (served ones later, or out).
        for &i in set_aside.iter() {
            let ps = &round.patients.state[list[i]];
            care.set(i, ps.class, oldest_due(ps, round.agency));
        }
    }
    for owner in partner_confirmed {
        agencies.state[owner].confirmed += 1;
    }
}

/// The hour the oldest open demand agency's visit could serve came due, if any: open, in a
/// permitted category, and (while the BCP is active) not one family stands in for.
fn oldest_due(ps: &PatientState, agency: &AgencyState) -> Option<i64> {
    if ps.open_categories & agency.permitted == 0 {
        return None;
    }
    ps.needs
        .iter()
        .filter(|n| {
            n.open > 0
                && agency.permits(n.category)
                && (!agency.bcp_active || ps.family_covers & (1 << n.category.index()) == 0)
        })
        .map(|n| i64::from(n.next_due_hour) - i64::from(n.every_hours) * i64::from(n.open))
        .min()
}

/// Brings the care queue up to date before it is read: built again from the caseload when the
/// agency's permitted categories or BCP state changed (or its places did), otherwise with the
/// keys of patients given new demands lowered where they fell.
fn refresh_care_queue(
    care: &mut CareQueue,
    list: &[usize],
    position: &[usize],
    patients: &Patients,
    agency: &AgencyState,
) {
    let basis = (agency.permitted, agency.bcp_active);
    if care.basis != Some(basis) {
        care.basis = Some(basis);
        care.heap.clear();
        care.touched.clear();
        care.live.clear();
        care.live.extend(
            list.iter()
                .map(|&pe| oldest_due(&patients.state[pe], agency)),
        );
        let entries =
            care.live.iter().enumerate().filter_map(|(i, key)| {
                key.map(|key| Reverse((patients.state[list[i]].class, key, i)))
            });
        let mut heap = std::mem::take(&mut care.heap).into_vec();
        heap.extend(entries);
        care.heap = heap.into();
        return;
    }
    // Taken out while keys are set; the emptied buffer goes back for the next steps.
    let mut touched = std::mem::take(&mut care.touched);
    for &pe in &touched {
        let i = position[pe];
        if list.get(i) != Some(&pe) {
            continue; // no longer in this caseload (it was built again since)
        }
        let ps = &patients.state[pe];
        let key = oldest_due(ps, agency);
        if key.is_some_and(|key| care.live[i].is_none_or(|live| key < live)) {
            care.set(i, ps.class, key);
        }
    }
    touched.clear();
    care.touched = touched;
}

/// One agency's visits in one step: who is free, and what it has to send them with.
struct Round<'a> {
    a: usize,
    info: &'a AgencyInfo,
    agency: &'a mut AgencyState,
    zones: &'a Zones,
    staff: &'a mut Staff,
    patients: &'a mut Patients,
    log: &'a mut Log,
    /// (staff, still under the daily limit of routine visits), taken from the end.
    free_staff: &'a mut Vec<(usize, bool)>,
    partner_confirmed: &'a mut Vec<usize>,
    /// The crews (and the cars each has out).
    crews: &'a mut Crews,
    /// Cars not out at the step's start less those taken since; counted when a visit first
    /// asks (before any car is taken).
    cars_free: Option<u32>,
    /// Every fuel stock still has some (cars can go).
    has_fuel: bool,
    roads_here: f64,
    hour: u32,
    now: u32,
    day: u32,
    step: u32,
}

impl Round<'_> {
    /// Sends someone free on a visit of `kind` to patient `pe`, if anyone can go and there is
    /// something to go with.
    fn send(&mut self, kind: VisitKind, pe: usize) {
        let Round {
            a,
            info,
            agency,
            zones,
            staff,
            patients,
            log,
            free_staff,
            partner_confirmed,
            crews,
            cars_free,
            has_fuel,
            roads_here,
            hour,
            now,
            day,
            step,
        } = self;
        let (a, hour, now, day) = (*a, *hour, *now, *day);
        let urgent = kind == VisitKind::UrgentPower;
        let Some(slot) = free_staff.iter().rposition(|&(_, under)| urgent || under) else {
            return;
        };
        let se = free_staff[slot].0;
        // From the patient's state alone: the record (`Patient`) is read only for a patient
        // handed over, whose own agency is not this one.
        let (zone, home_km) = (patients.state[pe].zone as usize, patients.state[pe].home_km);
        let roads = zones.0[zone].level_of(Lifeline::Roads).min(*roads_here);
        let cars_free = cars_free
            .get_or_insert_with(|| info.equipment.cars.saturating_sub(crews.cars_out(a, now)));
        let car_ok = *cars_free > 0 && roads > 0.0 && *has_fuel;
        // Without a power station to bring, an urgent power visit goes by car for its
        // inverter, whoever makes it.
        let needs_inverter = kind == VisitKind::UrgentPower && agency.power_stations_free == 0;
        // From the tasks' line, read when the free staff were listed.
        let mode = match staff.tasks[se].visit_mode {
            _ if needs_inverter && car_ok => VisitMode::Car,
            VisitMode::Car if car_ok => VisitMode::Car,
            VisitMode::Car => VisitMode::Bicycle,
            other => other,
        };
        let by_car = mode == VisitMode::Car;
        let inverter = by_car && info.equipment.car_inverters;
        if kind == VisitKind::UrgentPower && agency.power_stations_free == 0 && !inverter {
            // No station left and no car free: nothing to bring this step.
            return;
        }
        free_staff.remove(slot);
        let travel = visit_hours(mode, home_km, roads, info.car_delay_factor);
        // Saturating: a variant may give absurd minutes, and a run must not panic.
        let minutes = info
            .plan
            .visits
            .visit_minutes
            .saturating_add(round_u32(2.0 * travel * 60.0));
        let s = &mut staff.tasks[se];
        if kind != VisitKind::UrgentPower {
            s.day_visits = (day, s.visits_on(day) + 1);
        }
        s.busy_until_minute = s.busy_until_minute.max(now).saturating_add(minutes);
        if by_car {
            crews.car_taken(a, se, s.busy_until_minute);
            *cars_free -= 1;
            agency.step.car_km += 2.0 * home_km;
        }
        agency.step.visits += 1;
        match kind {
            VisitKind::UrgentPower => agency.step.urgent_visits += 1,
            VisitKind::Check => agency.step.check_visits += 1,
            VisitKind::Care => {}
        }
        let (p, ps) = (&patients.patient[pe], &mut patients.state[pe]);
        ps.visited_step = Some(*step);
        let own = ps.own_agency(p, a);
        if own != a {
            ps.partner_visits += 1;
        }
        if super::confirm(a, &info.id, p, ps, hour, "visit", log) {
            if own == a {
                agency.confirmed += 1;
            } else {
                partner_confirmed.push(own);
            }
        }
        if ps.open_categories & agency.permitted != 0 {
            for need in &mut ps.needs {
                if need.open > 0 && agency.permits(need.category) {
                    need.open -= 1;
                    need.delivered += 1;
                }
            }
            ps.refresh_open();
        }
        // Whether the home has power is asked last: the restoration place is in the state's
        // second line, which a visit to anyone else need not read.
        if ps.power_dependent()
            && ps.location == Location::Home
            && !served(zones.0[zone].level_of(Lifeline::Power), ps.power_site)
        {
            let holds = ps.power_station_from.is_some();
            let lend = agency.power_stations_free > 0 && !holds;
            if lend {
                agency.power_stations_free -= 1;
                ps.power_station_from = Some(a);
                ps.external_power_hours = info.equipment.power_station_hours;
            }
            if lend || inverter || holds {
                // ASSUMPTION: the device runs and charges while the nurse is there.
                ps.recharge_devices();
                log.event(
                    hour,
                    EventKind::PowerBrought,
                    Some(&info.id),
                    Some(&p.id),
                    None,
                    if lend || holds {
                        "power_station"
                    } else {
                        "car_inverter"
                    },
                );
            }
        }
    }
}

/// Where the patients given new demands are listed: the caseload's visit candidates, and, for
/// patients whose family can stand in, the patients phase's list of their own agency.
struct DemandsOpened<'a> {
    for_visits: &'a mut Vec<usize>,
    for_family: &'a mut [Vec<usize>],
}

/// Opens the care demands that came due before `end` for the patients of caseload `list`
/// (agency `a`) who are not in hospital, lists them in `opened`, and returns the earliest
/// hour one of them has a demand coming due next. The same as walking the whole caseload, by
/// the due queue.
fn open_due_demands(
    a: usize,
    list: &[usize],
    queue: &mut DueQueue,
    opened: DemandsOpened<'_>,
    patients: &mut Patients,
    end: u32,
) -> u32 {
    let Patients { patient, state, .. } = patients;
    if std::mem::take(&mut queue.stale) {
        queue.heap.clear();
        queue.in_hospital.clear();
        queue.heap.extend(
            list.iter()
                .map(|&pe| Reverse((state[pe].next_due_hour, pe as u32))),
        );
    }
    // Whoever came home since is looked at again.
    let mut k = 0;
    while k < queue.in_hospital.len() {
        let pe = queue.in_hospital[k];
        if state[pe].location == Location::Hospital {
            k += 1;
        } else {
            queue.in_hospital.swap_remove(k);
            queue
                .heap
                .push(Reverse((state[pe].next_due_hour, pe as u32)));
        }
    }
    // An entry going back at a later hour replaces the top in place (one sift instead of a
    // pop and a push). A patient has at most one entry, so the order entries come out in is
    // the order of (hour, patient) whatever the heap's layout.
    loop {
        // The next top is the entry going back or one of the top's children: their patients'
        // lines (the first and the needs) start coming while this one is read.
        for &Reverse((_, next)) in queue.heap.as_slice().get(1..3).unwrap_or_default() {
            state[next as usize].prefetch_demand_lines();
        }
        let Some(mut top) = queue.heap.peek_mut() else {
            break;
        };
        let Reverse((key, pe32)) = *top;
        let pe = pe32 as usize;
        let ps = &mut state[pe];
        // Entries come from the caseload, and a hand-over, made once, is never undone: a
        // patient without one is the agency's own (asked of the state line alone, without
        // reading the patient's record; see `PatientState::own_agency`).
        debug_assert!(ps.handover.is_some() || patient[pe].agency == a);
        let in_caseload = ps.handover.is_none_or(|h| h.to() == a);
        if !in_caseload {
            PeekMut::pop(top);
            continue;
        }
        if ps.location == Location::Hospital {
            PeekMut::pop(top);
            queue.in_hospital.push(pe);
            continue;
        }
        if key != ps.next_due_hour {
            // Due hours moved on (home from hospital): the entry goes back at its hour.
            *top = Reverse((ps.next_due_hour, pe32));
            continue;
        }
        if key >= end {
            return key;
        }
        let mut count = 0;
        for need in &mut ps.needs {
            while need.next_due_hour < end {
                need.open += 1;
                need.next_due_hour += need.every_hours;
                count += 1;
            }
        }
        ps.refresh_open();
        ps.refresh_next_due();
        *top = Reverse((ps.next_due_hour, pe32));
        drop(top);
        if count > 0 {
            opened.for_visits.push(pe);
            if ps.family_covers != 0 {
                opened.for_family[ps.own_agency(&patient[pe], a)].push(pe);
            }
        }
    }
    u32::MAX
}

/// Whether a step without care visits has nobody among caseload `a`'s check and urgent power
/// candidates for sure (the candidates below, under `NightVisits::UrgentOnly`): its sets are up
/// to date, nobody is left without power, and no class A patient was unconfirmed when last
/// looked at. Conservative: a class A patient confirmed since still counts.
fn nobody_urgent(sets: &VisitSets, unpowered: &[Vec<usize>], a: usize) -> bool {
    !sets.stale && sets.unconfirmed_class_a.is_empty() && unpowered.get(a).is_none_or(Vec::is_empty)
}

/// Whether the agency has something to bring a patient without power: a charged power
/// station, or a car with an inverter and fuel.
fn can_bring_power(info: &AgencyInfo, agency: &AgencyState, has_fuel: bool) -> bool {
    agency.power_stations_free > 0
        || (info.equipment.car_inverters && info.equipment.cars > 0 && has_fuel)
}

/// A power-dependent patient at home without power, with the reserve at or below the plan's
/// urgent margin (including run out), whom a visit can still help.
fn needs_power_visit(
    p: &Patient,
    ps: &PatientState,
    policy: &crate::scenario::VisitPolicy,
) -> bool {
    // `powered` first: it is in the patient's first cache line, and only power-dependent
    // patients are ever without it.
    !ps.powered
        && ps.location == Location::Home
        && ps.power_dependent()
        && ps.battery_margin() <= policy.urgent_battery_hours
        && !ps.beyond_visit_help(p)
}

/// Handed over to a partner whose hand-over (consent, care orders) is not complete yet:
/// nobody visits meanwhile.
fn in_handover(ps: &PatientState, hour: u32) -> bool {
    ps.handover.is_some_and(|h| f64::from(hour) < h.from_hour)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use crate::outcome::{EventKind, RunResult};
    use crate::scenario::Scenario;
    use crate::{RunOptions, simulate};

    thread_local! {
        /// Off: urgent power candidates are looked for among every power-dependent patient
        /// of a caseload with someone without power, as before the patients phase listed them.
        pub(super) static UNPOWERED_LIST: Cell<bool> = const { Cell::new(true) };
        /// Agency steps whose candidates came from a non-empty list of patients without power.
        pub(super) static LIST_TAKEN: Cell<u64> = const { Cell::new(0) };
        /// Off: an agency step with no care visits and nobody urgent still reads its crew
        /// on duty and looks for candidates.
        pub(super) static IDLE_SKIP: Cell<bool> = const { Cell::new(true) };
        /// Agency steps skipped as idle.
        pub(super) static IDLE_SKIPPED: Cell<u64> = const { Cell::new(0) };
    }

    type Switch = std::thread::LocalKey<Cell<bool>>;
    type Counter = std::thread::LocalKey<Cell<u64>>;

    /// The run with the shortcut `switch` turns on and without it, and how often `counter`
    /// says the shortcut was taken in the first.
    fn both_ways(
        scenario: &Scenario,
        seed: u64,
        switch: &'static Switch,
        counter: &'static Counter,
    ) -> (RunResult, RunResult, u64) {
        counter.set(0);
        let with = simulate(scenario, seed, 0, RunOptions::FULL);
        let taken = counter.get();
        switch.set(false);
        let without = simulate(scenario, seed, 0, RunOptions::FULL);
        switch.set(true);
        (with, without, taken)
    }

    /// Looking for urgent power visits only among the patients the patients phase left
    /// without power changes nothing a run reports: the summary, every time-series row and
    /// every event are those of looking at every power-dependent patient. Over the sample,
    /// a region whose agreements hand patients over (caseloads change mid-run) and a
    /// generated city; each brought power from the list.
    #[test]
    fn urgent_candidates_from_the_unpowered_list_change_nothing_a_run_reports() {
        let sample = crate::samples::sample_station();
        let handovers = crate::samples::shipped_variant("region-niigata-agreements.ron");
        let cases = [
            ("sample", sample, EventKind::PowerBrought),
            ("handovers", handovers, EventKind::PatientHandedOver),
            (
                "city",
                crate::samples::generated_region(6, 40, 10),
                EventKind::PowerBrought,
            ),
        ];
        for (name, scenario, shown_by) in &cases {
            let (mut taken, mut shown, mut brought) = (0, false, false);
            for seed in 1..=3 {
                let (with, without, from_list) =
                    both_ways(scenario, seed, &UNPOWERED_LIST, &LIST_TAKEN);
                assert!(
                    with == without,
                    "{name}, seed {seed}: the list changed the run"
                );
                taken += from_list;
                shown |= with.events.iter().any(|e| e.kind == *shown_by);
                brought |= with
                    .events
                    .iter()
                    .any(|e| e.kind == EventKind::PowerBrought);
            }
            assert!(taken > 0, "{name}: the list was never used");
            assert!(
                shown,
                "{name}: no {shown_by:?} event: the case tests nothing of it"
            );
            assert!(
                brought,
                "{name}: no power brought: the case tests nothing of it"
            );
        }
    }

    /// Skipping an agency's visits in a step without care visits (at night under
    /// `UrgentOnly`) when nobody is without power and no class A patient is unconfirmed
    /// changes nothing a run reports: over the sample, a region handing patients over and a
    /// generated city, each run equals the run that looks for candidates in every such step,
    /// and each case skipped some.
    #[test]
    fn skipping_idle_night_steps_changes_nothing_a_run_reports() {
        let cases = [
            ("sample", crate::samples::sample_station()),
            (
                "handovers",
                crate::samples::shipped_variant("region-niigata-agreements.ron"),
            ),
            ("city", crate::samples::generated_region(6, 40, 10)),
        ];
        for (name, scenario) in &cases {
            for seed in 1..=2 {
                let (with, without, skipped) = both_ways(scenario, seed, &IDLE_SKIP, &IDLE_SKIPPED);
                assert!(
                    with == without,
                    "{name}, seed {seed}: the skip changed the run"
                );
                assert!(skipped > 0, "{name}, seed {seed}: no step was skipped");
            }
        }
    }
}
