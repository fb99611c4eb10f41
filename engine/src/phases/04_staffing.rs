//! Phase 4: who is present and who is on duty.
//!
//! While the BCP is not active, an agency runs normally: each day's crew is W people taken in
//! rota order from those not absent, on duty in working time. When the BCP comes into force,
//! whoever is at work then stays (at the station or on a visit) unless injured or needed by
//! injured family; the plan governs who else *comes in*:
//! - *curve mode*: each of the others comes in once the plan curve has risen past their own
//!   uniform draw, scaled so that the *expected* number present follows curve(hour) × W (no
//!   rounding to a fixed count: runs differ); exemptions from assembly (004 §3-9) hold until
//!   the roster's `exempt_return_hour`, in both modes;
//! - *roster mode*: person by person from the assembly rules (004 §3-9) by assembly level,
//!   exemptions, distance and commute against roads, rail and walking limits.
//!
//! Present staff work in rotating teams (fatigue limits, 004 §2-1): with at most
//! `max_continuous_duty_hours` on and `min_rest_hours` off, ⌈(on + off) ÷ on⌉ teams rest in
//! turn, so the station is never empty while two people are present and nobody works past
//! the limit. Infection waves make people absent for `isolation_days`.
//!
//! Most steps of a month change nobody's presence. In curve mode, staffing writes down when
//! the crew present can next change ([`SteadyCrew`]: someone's draw comes up, someone comes
//! back from an absence or arrives on loan, or an event or agreement moves someone); until
//! then a step keeps everyone present as they are and only works out who rests. Who is on duty
//! then follows from each team's place in the rest rotation: a step counts the agency's figures
//! (and, when other teams rest, its crew on duty) from the teams alone, and the people's hours
//! on duty are added later, at once, stretch by stretch of the rotation ([`PendingDuty`]). Both
//! give exactly what choosing the crew afresh every step would (tested against it).

use crate::outcome::EventKind;
use crate::rng::{Purpose, stream_numbered, unit};
use crate::rounding::round_u32;
use crate::scenario::{
    AttendanceMode, BcpRole, FatigueLimits, Hazard, InfectionWave, Lifeline, ShareAt,
};
use crate::state::RunState;
use crate::state::{
    AgencyInfo, AgencyState, Arrival, Clock, Exemption, HazardState, Log, PendingDuty, RunKey,
    Staff, StaffMember, StaffState, SteadyCrew, SteadyMember, served,
};
use crate::travel::{Conditions, commute_hours, commute_hours_or_walk};

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn update_staffing(st: &mut RunState) {
    let RunState {
        clock,
        key,
        index,
        crews,
        hazard,
        zones,
        agencies,
        staff,
        log,
        scratch,
        ..
    } = st;
    let clock: &Clock = clock;
    let hour = clock.hour();
    // Buffers kept from step to step (borrowed, not moved out and back).
    let crate::state::Scratch {
        staff: own,
        crew: lent_in,
        chosen,
        team_sizes,
        team_resting,
        ..
    } = scratch;
    for (a, (info, agency)) in agencies.info.iter().zip(&mut agencies.state).enumerate() {
        let members = &index.staff_by_agency[a];

        if let Hazard::Infection(wave) = &hazard.hazard {
            infection_draws(wave, clock, *key, members, staff, &info.id, log);
        }
        // Returns from absence, only while one can fall due.
        let returns = staff.absences_end + clock.step_hours > hour;
        for &e in members.iter().filter(|_| returns) {
            let (m, s) = (&staff.member[e], &staff.state[e]);
            if s.absent_until > 0
                && s.absent_until <= hour
                && s.absent_until + clock.step_hours > hour
            {
                log.event(
                    hour,
                    EventKind::StaffReturned,
                    Some(&info.id),
                    Some(&m.id),
                    None,
                    "",
                );
            }
        }

        let w = info.normal_daily_staff;
        let plan = &info.plan;
        let crew = &crews.by_agency[a];
        if let Some(rota) = steady_rota(info, agency, staff.changes, hour, clock.step_hours) {
            // Nobody joins or leaves the crew present: only who rests changes.
            rota.resting_teams(hour, team_resting);
            let resting = team_mask(team_resting);
            if let (Some(pending), Some(resting)) = (&mut agency.duty_pending, resting) {
                // Nobody's presence changes, and who is on duty follows from the teams: the
                // people's hours are counted later, at once.
                pending.steps += 1;
                let same_teams = std::mem::replace(&mut pending.resting, resting) == resting;
                #[cfg(test)]
                tests::DUTY_PENDING.set(tests::DUTY_PENDING.get() + 1);
                if same_teams {
                    Count::last_step(agency).settle(agency, w, clock.step_hours);
                    continue;
                }
                // Other teams rest: the crew on duty and the counts from the teams, in crew
                // order, without reading anyone's state.
                #[cfg(test)]
                tests::TEAMS_TURNED.set(tests::TEAMS_TURNED.get() + 1);
                let on_duty = &mut crews.on_duty[a];
                on_duty.clear();
                let mut count = Count::default();
                for m in &agency.steady_present {
                    let works = resting.checked_shr(u32::from(m.team)).unwrap_or(0) & 1 == 0;
                    if works {
                        on_duty.push(m.staff);
                    }
                    count.add(true, m.own, works);
                }
                count.settle(agency, w, clock.step_hours);
                continue;
            }
            catch_up_duty(agency, staff, clock, &plan.fatigue);
            let duty = Duty::new(clock, info, Some(rota), false, team_resting);
            let mut count = Count::default();
            let on_duty = &mut crews.on_duty[a];
            on_duty.clear();
            // Whoever is not present stays as the last full step left them (not present, no
            // team, off duty, no duty hours running): only those present are read.
            for m in &agency.steady_present {
                let s = &mut staff.state[m.staff];
                // Everyone present has had a team since the steady record was written.
                debug_assert!(s.team == Some(m.team), "present without their team");
                let works = duty.take(s, true, count.present, &mut []);
                if works {
                    on_duty.push(m.staff);
                }
                if !m.own {
                    s.hours_elsewhere += clock.step_hours;
                }
                count.add(true, m.own, works);
            }
            count.settle(agency, w, clock.step_hours);
            agency.duty_pending = resting.map(|resting| PendingDuty {
                resting,
                anchor: rota.anchor,
                from_hour: hour + clock.step_hours,
                steps: 0,
            });
            continue;
        }
        catch_up_duty(agency, staff, clock, &plan.fatigue);
        let night = !clock.is_working_time(&info.work_week);
        let quiet_night = night
            && !agency.bcp_active
            && agency
                .quiet_night
                .is_some_and(|(day, changes, next_return)| {
                    day == clock.calendar_day() && changes == staff.changes && hour < next_return
                });
        #[cfg(test)]
        let quiet_night = quiet_night && tests::STEADY_STEPS.get();
        #[cfg(test)]
        tests::QUIET_NIGHTS.set(tests::QUIET_NIGHTS.get() + u64::from(quiet_night));
        if quiet_night {
            // The same day's crew as the last step, at night in normal operations: nobody
            // works (the crew on duty stays empty) and nobody's state changes.
            debug_assert_eq!(agency.on_duty, 0, "on duty at night in normal operations");
            Count::last_step(agency).settle(agency, w, clock.step_hours);
            continue;
        }
        agency.quiet_night = None;
        agency.steady_crew = None;
        // Own staff still here are chosen by the plan's rules; staff sent from elsewhere are
        // present once they have arrived. One pass splits the crew (own first, then those
        // sent from elsewhere, each in crew order), so a large station stays linear.
        own.clear();
        lent_in.clear();
        for &e in crew {
            if index.home_of_staff[e] as usize == a {
                own.push(e);
            } else {
                lent_in.push(e);
            }
        }
        let members = own.as_slice();
        if !agency.bcp_active && agency.rota_anchor.is_some() {
            // Released: normal operations again; a later activation starts afresh.
            agency.rota_anchor = None;
            for &e in members {
                let s = &mut staff.state[e];
                s.arrival = Arrival::Waiting;
                s.team = None;
            }
        }
        if !agency.bcp_active {
            normal_crew(clock, members, staff, w, chosen)
        } else {
            if agency.rota_anchor.is_none() {
                agency.rota_anchor = Some(hour);
                let stayers = keep_crew_at_work(clock, members, staff);
                agency.curve_base = (stayers, members.len() as u32 - stayers);
            }
            match plan.attendance.mode {
                AttendanceMode::Curve => {
                    curve_crew(info, agency, hour, members, staff, log, chosen)
                }
                AttendanceMode::Roster => {
                    let zone = &zones.0[info.zone];
                    roster_crew(info, clock, hazard, zone, members, staff, log, chosen)
                }
            }
        };
        let arrived_by = f64::from(hour + clock.step_hours);
        chosen.extend(lent_in.iter().map(|&e| {
            let s = &staff.state[e];
            available(s, hour) && s.lent_to.is_some_and(|l| l.arrival < arrived_by)
        }));
        let (own_chosen, lent_chosen) = chosen.split_at(own.len());

        let rota = agency
            .rota_anchor
            .map(|anchor| Rota::new(&plan.fatigue, anchor));
        team_sizes.clear();
        team_resting.clear();
        if let Some(rota) = &rota {
            // Team sizes, so that newcomers join the smallest team.
            team_sizes.resize(rota.teams as usize, 0);
            let crew_chosen = own
                .iter()
                .chain(lent_in.iter())
                .zip(own_chosen.iter().chain(lent_chosen));
            for (&e, &is_present) in crew_chosen {
                if is_present
                    && let Some(t) = staff.state[e].team
                    && let Some(n) = team_sizes.get_mut(usize::from(t))
                {
                    *n += 1;
                }
            }
            rota.resting_teams(hour, team_resting);
        }
        let starting = agency.rota_anchor == Some(hour);
        let duty = Duty::new(clock, info, rota, starting, team_resting);
        let mut count = Count::default();
        for (&e, &is_present) in own.iter().zip(own_chosen) {
            let s = &mut staff.state[e];
            let works = duty.take(s, is_present, count.present, team_sizes);
            count.add(is_present, true, works);
        }
        for (&e, &is_present) in lent_in.iter().zip(lent_chosen) {
            let s = &mut staff.state[e];
            let works = duty.take(s, is_present, count.present, team_sizes);
            count.add(is_present, false, works);
            if is_present {
                s.hours_elsewhere += clock.step_hours;
            }
        }
        count.settle(agency, w, clock.step_hours);
        // In one pass, in crew order: the crew on duty (for calls and visits) and, in curve
        // mode, the crew present (for the steady steps that may follow).
        let steady = agency.bcp_active && plan.attendance.mode == AttendanceMode::Curve;
        let on_duty = &mut crews.on_duty[a];
        on_duty.clear();
        agency.steady_present.clear();
        for &e in crew {
            let s = &staff.state[e];
            if s.on_duty {
                on_duty.push(e);
            }
            if steady && s.present {
                let own = index.home_of_staff[e] as usize == a;
                // In curve mode while the BCP is active, everyone present is in a team.
                debug_assert!(s.team.is_some(), "present without a team");
                let team = s.team.unwrap_or(0);
                agency.steady_present.push(SteadyMember {
                    staff: e,
                    own,
                    team,
                });
            }
        }
        if steady {
            agency.steady_crew = Some(steady_crew(own, lent_in, staff, hour, arrived_by));
        }
        // Nobody lent in could arrive: until the day or working time changes, or someone comes
        // back or is moved, the next night steps change nothing.
        if night && !agency.bcp_active && lent_in.is_empty() {
            debug_assert!(on_duty.is_empty(), "on duty at night in normal operations");
            let next_return = own
                .iter()
                .map(|&e| staff.state[e].absent_until)
                .filter(|&until| until > hour)
                .min()
                .unwrap_or(u32::MAX);
            agency.quiet_night = Some((clock.calendar_day(), staff.changes, next_return));
        }
    }
}

/// The teams resting as a set (bit t = team t), when there are at most 64 teams.
fn team_mask(team_resting: &[bool]) -> Option<u64> {
    (team_resting.len() <= 64).then(|| {
        team_resting
            .iter()
            .enumerate()
            .fold(0, |mask, (t, &rests)| mask | (u64::from(rests) << t))
    })
}

/// Counts the agency's pending steady steps ([`PendingDuty`]) on each person present, exactly
/// as taking each step in full would have: nobody's presence changed in them, and each person's
/// duty followed their team's place in the rest rotation, stretch by stretch. A stretch on
/// duty adds its hours to the stretch on duty (the longest stretch is then its end) and to
/// each calendar day's hours (overtime is a day's hours past the normal day, which adds up day
/// by day to the same as step by step); a stretch at rest ends the stretch on duty. Someone
/// lent in adds every step's hours to the hours worked elsewhere.
fn catch_up_duty(
    agency: &mut AgencyState,
    staff: &mut Staff,
    clock: &Clock,
    fatigue: &FatigueLimits,
) {
    let Some(pending) = agency.duty_pending.take() else {
        return;
    };
    let h = clock.step_hours.max(1);
    let hours = pending.steps * h;
    if hours == 0 {
        return;
    }
    let rota = Rota::new(fatigue, pending.anchor);
    let end = pending.from_hour + hours;
    for m in &agency.steady_present {
        let s = &mut staff.state[m.staff];
        if !m.own {
            s.hours_elsewhere += hours;
        }
        let mut at = pending.from_hour;
        while at < end {
            // The steps of this stretch: on duty while the team's place in its cycle is below
            // the duty limit, at rest until the cycle ends.
            let phase = rota.phase(m.team, at);
            let on_duty = phase < rota.duty;
            let limit = if on_duty { rota.duty } else { rota.cycle };
            // At least one step: a stretch always holds the step it starts at.
            let steps = (limit - phase).div_ceil(h).min((end - at) / h).max(1);
            s.on_duty = on_duty;
            if on_duty {
                add_duty(s, at, steps, clock, fatigue.normal_day_hours);
            } else {
                s.continuous_duty_hours = 0;
            }
            at += steps * h;
        }
    }
}

/// Adds `steps` steps on duty from hour `from` to a person's duty hours, as that many steps
/// taken one by one would.
fn add_duty(s: &mut StaffState, from: u32, steps: u32, clock: &Clock, normal_day: u32) {
    let h = clock.step_hours.max(1);
    let end = from + steps * h;
    s.continuous_duty_hours += steps * h;
    s.longest_duty_hours = s.longest_duty_hours.max(s.continuous_duty_hours);
    let mut at = from;
    while at < end {
        let day = clock.calendar_day_at(at);
        // The steps starting on this calendar day.
        let next_day = (day + 1) * 24 - clock.onset_hour;
        let steps = (next_day - at).div_ceil(h).min((end - at) / h);
        if s.day_hours.0 != day {
            s.day_hours = (day, 0);
        }
        let before = s.day_hours.1;
        s.day_hours.1 += steps * h;
        s.overtime_hours +=
            s.day_hours.1.saturating_sub(normal_day) - before.saturating_sub(normal_day);
        at += steps * h;
    }
}

/// Counts every agency's pending steady steps on its people (see [`catch_up_duty`]): before
/// anything reads a person's duty hours, such as the run's summary.
pub(crate) fn count_pending_duty(st: &mut RunState) {
    let RunState {
        clock,
        agencies,
        staff,
        ..
    } = st;
    for (info, agency) in agencies.info.iter().zip(&mut agencies.state) {
        catch_up_duty(agency, staff, clock, &info.plan.fatigue);
    }
}

/// Staff counted as a step's duty is taken.
#[derive(Default)]
struct Count {
    present: u32,
    own_present: u32,
    on_duty: u32,
}

impl Count {
    /// The counts the agency's last step left (a step that changes nobody's presence or duty
    /// counts the same).
    fn last_step(agency: &AgencyState) -> Count {
        Count {
            present: agency.present,
            own_present: agency.own_present,
            on_duty: agency.on_duty,
        }
    }

    fn add(&mut self, is_present: bool, own: bool, works: bool) {
        self.present += u32::from(is_present);
        self.own_present += u32::from(is_present && own);
        self.on_duty += u32::from(works);
    }

    /// The agency's figures of the step.
    fn settle(&self, agency: &mut AgencyState, w: f64, step_hours: u32) {
        let borrowed_present = self.present - self.own_present;
        agency.own_present = self.own_present;
        agency.step.borrowed_staff_hours += borrowed_present * step_hours;
        agency.present = self.present;
        agency.on_duty = self.on_duty;
        agency.attendance = if w > 0.0 {
            f64::from(self.present) / w
        } else {
            0.0
        };
        agency.step.persons_on_site = if agency.bcp_active {
            self.present
        } else {
            self.on_duty
        };
    }
}

/// The rest rotation of a step in which the crew present cannot have changed since
/// `agency.steady_crew` was written down (no arrival, return, loan or move), if this is one.
fn steady_rota(
    info: &AgencyInfo,
    agency: &mut AgencyState,
    changes: u64,
    hour: u32,
    step_hours: u32,
) -> Option<Rota> {
    #[cfg(test)]
    if !tests::STEADY_STEPS.get() {
        return None;
    }
    let mut steady = agency.steady_crew?;
    let anchor = agency.rota_anchor?;
    let holds = agency.bcp_active
        && anchor != hour
        && changes == steady.changes
        && hour < steady.until_hour
        && steady.next_loan_arrival >= f64::from(hour + step_hours)
        && {
            if hour >= steady.reach_below_key_until {
                let key = steady.least_waiting_key;
                steady.reach_below_key_until =
                    reach_below_key_until(info, agency, key, hour, step_hours);
                agency.steady_crew = Some(steady);
            }
            hour < steady.reach_below_key_until
        };
    #[cfg(test)]
    if holds {
        tests::STEADY_TAKEN.set(tests::STEADY_TAKEN.get() + 1);
    }
    holds.then(|| Rota::new(&info.plan.fatigue, anchor))
}

/// Steps the plan curve is read for at once by [`reach_below_key_until`]. ASSUMPTION: two
/// days' hourly steps; any number gives the same run.
const REACH_LOOKAHEAD_STEPS: u32 = 48;

/// The first step from `hour` on (up to [`REACH_LOOKAHEAD_STEPS`] ahead) whose curve reach
/// passes `key`, the least draw of those still waiting: the steps before it bring nobody in,
/// and the steady crew writes it down (`SteadyCrew::reach_below_key_until`) so that they need
/// not read the curve. The reach depends on the hour and on the crew at the BCP's start only;
/// a new steady crew starts the count again.
fn reach_below_key_until(
    info: &AgencyInfo,
    agency: &AgencyState,
    key: f64,
    hour: u32,
    step_hours: u32,
) -> u32 {
    let mut until = hour;
    for _ in 0..REACH_LOOKAHEAD_STEPS {
        // As the step itself asks: a reach that is not a number is not at or below the key.
        if !curve_reach(info, agency, until).le(&key) {
            break;
        }
        until = until.saturating_add(step_hours.max(1));
    }
    until
}

/// When the crew present (in curve mode) can next change; see [`SteadyCrew`].
fn steady_crew(
    own: &[usize],
    lent_in: &[usize],
    staff: &Staff,
    hour: u32,
    arrived_by: f64,
) -> SteadyCrew {
    let mut steady = SteadyCrew {
        changes: staff.changes,
        until_hour: u32::MAX,
        next_loan_arrival: f64::INFINITY,
        least_waiting_key: f64::INFINITY,
        reach_below_key_until: 0,
    };
    for &e in own.iter().chain(lent_in) {
        let s = &staff.state[e];
        if s.absent_until > hour {
            steady.until_hour = steady.until_hour.min(s.absent_until);
        }
    }
    for &e in own {
        if staff.state[e].arrival == Arrival::Waiting {
            let key = staff.member[e].curve_key;
            steady.least_waiting_key = steady.least_waiting_key.min(key);
        }
    }
    for &e in lent_in {
        if let Some(loan) = staff.state[e].lent_to
            && loan.arrival >= arrived_by
        {
            steady.next_loan_arrival = steady.next_loan_arrival.min(loan.arrival);
        }
    }
    steady
}

fn available(s: &StaffState, hour: u32) -> bool {
    s.absent_until <= hour
}

/// What decides, this step, whether a present crew member works, and what a step on duty
/// adds to their hours.
struct Duty<'a> {
    /// The rest rotation while the BCP is active.
    rota: Option<Rota>,
    /// The BCP started this step: the crew at work is dealt out across the teams.
    starting: bool,
    /// Normal working time (normal operations).
    working_time: bool,
    max_continuous: u32,
    normal_day: u32,
    /// Calendar day, for overtime.
    day: u32,
    hour: u32,
    step_hours: u32,
    /// Per team: resting this step.
    team_resting: &'a [bool],
}

impl<'a> Duty<'a> {
    fn new(
        clock: &Clock,
        info: &AgencyInfo,
        rota: Option<Rota>,
        starting: bool,
        team_resting: &'a [bool],
    ) -> Duty<'a> {
        Duty {
            rota,
            starting,
            working_time: clock.is_working_time(&info.work_week),
            max_continuous: info.plan.fatigue.max_continuous_duty_hours,
            normal_day: info.plan.fatigue.normal_day_hours,
            day: clock.calendar_day(),
            hour: clock.hour(),
            step_hours: clock.step_hours,
            team_resting,
        }
    }
    /// Sets `s`'s presence and duty for this step and counts its hours; `present_before` is
    /// how many of the crew before `s` are present. Returns whether `s` works.
    #[inline(always)]
    fn take(
        &self,
        s: &mut StaffState,
        is_present: bool,
        present_before: u32,
        team_sizes: &mut [u32],
    ) -> bool {
        s.present = is_present;
        let works = if !is_present {
            s.team = None;
            false
        } else if let Some(rota) = &self.rota {
            let team = *s.team.get_or_insert_with(|| {
                // The crew at work when the BCP starts is dealt out across the teams in
                // roster order; later arrivals join the smallest team.
                let t = if self.starting {
                    (present_before % rota.teams) as u8
                } else {
                    rota.team_to_join(self.hour, team_sizes)
                };
                if let Some(n) = team_sizes.get_mut(usize::from(t)) {
                    *n += 1;
                }
                t
            });
            !self
                .team_resting
                .get(usize::from(team))
                .copied()
                .unwrap_or_else(|| rota.resting(team, self.hour))
        } else {
            // Normal operations; someone still on from the BCP's last shift goes home at the
            // limit.
            self.working_time && s.continuous_duty_hours < self.max_continuous
        };
        s.on_duty = works;
        if works {
            s.continuous_duty_hours += self.step_hours;
            s.longest_duty_hours = s.longest_duty_hours.max(s.continuous_duty_hours);
            if s.day_hours.0 != self.day {
                s.day_hours = (self.day, 0);
            }
            s.day_hours.1 += self.step_hours;
            let over = s.day_hours.1.saturating_sub(self.normal_day);
            s.overtime_hours += over.min(self.step_hours);
        } else {
            s.continuous_duty_hours = 0;
        }
        works
    }
}

/// Normal operations: the day's crew is the first W available people in rota order.
fn normal_crew(clock: &Clock, members: &[usize], staff: &Staff, w: f64, chosen: &mut Vec<bool>) {
    let n = members.len();
    let per_day = (round_u32(w) as usize).min(n);
    chosen.clear();
    chosen.resize(n, false);
    if n == 0 {
        return;
    }
    let start = (clock.calendar_day() as usize * per_day) % n;
    let mut taken = 0;
    for k in 0..n {
        let i = (start + k) % n;
        if taken == per_day {
            break;
        }
        if available(&staff.state[members[i]], clock.hour()) {
            chosen[i] = true;
            taken += 1;
        }
    }
}

/// When the BCP comes into force, whoever is at work stays (unless hurt or needed by injured
/// family): at the onset, those on duty then; later, those on duty in the step before (normal
/// operations). Returns how many stay.
fn keep_crew_at_work(clock: &Clock, members: &[usize], staff: &mut Staff) -> u32 {
    let mut stayers = 0;
    for &e in members {
        let (m, s) = (&staff.member[e], &mut staff.state[e]);
        let at_work = if clock.step() == 0 {
            m.on_duty_at_onset
        } else {
            s.on_duty
        };
        let hurt = matches!(
            m.exemption,
            Some(Exemption::Injured | Exemption::FamilyInjured)
        );
        if at_work && !hurt && available(s, clock.hour()) {
            s.arrival = Arrival::Arrived;
            stayers += 1;
        } else {
            s.arrival = Arrival::Waiting;
        }
    }
    stayers
}

/// Whether an exemption from assembly (004 §3-9) still keeps this person at home.
fn kept_home(m: &StaffMember, rules: &crate::scenario::RosterRules, hour: u32) -> bool {
    m.exemption.is_some() && rules.exempt_return_hour.is_none_or(|h| hour < h)
}

/// Curve mode: of the `pool` staff not at work when the BCP started, each comes in once
/// `(curve(hour) × W − stayers) ÷ pool` reaches their own uniform draw, so the expected number
/// present is curve(hour) × W (or the stayers, if more). Exempt staff whose draw comes up wait
/// until the exemption ends. Once in, they stay.
fn curve_crew(
    info: &AgencyInfo,
    agency: &AgencyState,
    hour: u32,
    members: &[usize],
    staff: &mut Staff,
    log: &mut Log,
    chosen: &mut Vec<bool>,
) {
    let plan = &info.plan.attendance;
    let reach = curve_reach(info, agency, hour);
    chosen.clear();
    chosen.resize(members.len(), false);
    for (i, &e) in members.iter().enumerate() {
        let (m, s) = (&staff.member[e], &mut staff.state[e]);
        if s.arrival == Arrival::Waiting
            && m.curve_key < reach
            && available(s, hour)
            && !kept_home(m, &plan.roster, hour)
        {
            s.arrival = Arrival::Arrived;
            log.event(
                hour,
                EventKind::StaffArrived,
                Some(&info.id),
                Some(&m.id),
                None,
                "",
            );
        }
        chosen[i] = s.arrival == Arrival::Arrived && available(s, hour);
    }
}

/// Curve mode: the draws below which the staff not at work when the BCP started have come
/// in by `hour`: `(curve(hour) × W − stayers) ÷ pool`, within 0–1.
fn curve_reach(info: &AgencyInfo, agency: &AgencyState, hour: u32) -> f64 {
    let (stayers, pool) = agency.curve_base;
    let share = info.plan.attendance.curve.share_at(hour);
    let target = share * info.curve_scale * info.normal_daily_staff;
    if pool == 0 {
        0.0
    } else {
        ((target - f64::from(stayers)) / f64::from(pool)).clamp(0.0, 1.0)
    }
}

/// Rest in rotation while the BCP is active: `teams` teams, each on duty for
/// `max_continuous_duty_hours` then resting `min_rest_hours`, their cycles spread evenly from
/// the hour the BCP started. Team 0 starts with a full stretch on duty; the others start
/// resting earlier, so that the rests never overlap when the limits allow it (two teams of
/// 12 h on and 8 h off: team 1 rests 2 h after the start, team 0 after 12 h).
#[derive(Debug, Clone, Copy)]
struct Rota {
    anchor: u32,
    duty: u32,
    cycle: u32,
    teams: u32,
}

/// Team numbers are `u8`: a rotation has at most this many teams (a plan asking for more, with
/// rest hundreds of times the duty stretch, gets this many, their rests overlapping).
const MAX_TEAMS: u32 = 256;

impl Rota {
    fn new(fatigue: &crate::scenario::FatigueLimits, anchor: u32) -> Rota {
        let duty = fatigue.max_continuous_duty_hours.max(1);
        // Saturating: a plan may give absurd hours, and a run must not overflow.
        let cycle = duty.saturating_add(fatigue.min_rest_hours);
        Rota {
            anchor,
            duty,
            cycle,
            teams: cycle.div_ceil(duty).clamp(1, MAX_TEAMS),
        }
    }

    /// Hours into its cycle team `team` is at `hour`.
    fn phase(&self, team: u8, hour: u32) -> u32 {
        // In 64 bits: a team's offset and the hours since the anchor can pass u32 together
        // for a long cycle; the result is below the cycle.
        let cycle = u64::from(self.cycle);
        let offset = u64::from(team) * cycle / u64::from(self.teams);
        ((u64::from(hour.saturating_sub(self.anchor)) + offset) % cycle) as u32
    }

    fn resting(&self, team: u8, hour: u32) -> bool {
        self.phase(team, hour) >= self.duty
    }

    /// Which teams rest at `hour`, worked out once per team rather than per person (team
    /// numbers are u8: no more than 256 to work out).
    fn resting_teams(&self, hour: u32, out: &mut Vec<bool>) {
        out.clear();
        out.extend((0..self.teams).map(|t| self.resting(t as u8, hour)));
    }

    /// The team a newcomer joins: the one with the fewest members, so no team is left empty
    /// while others are doubled; on a tie one on duty, then the lowest number. Joining a team
    /// at rest, they rest first; joining one on duty, they work at most its remaining stretch:
    /// either way within the limit.
    fn team_to_join(&self, hour: u32, sizes: &[u32]) -> u8 {
        (0..self.teams)
            .map(|t| t as u8)
            .min_by_key(|&t| {
                let size = sizes.get(usize::from(t)).copied().unwrap_or(0);
                (size, self.resting(t, hour), t)
            })
            .unwrap_or(0)
    }
}

/// Roster mode: advance each person's way to work under the assembly rules.
#[allow(clippy::too_many_arguments)]
fn roster_crew(
    info: &AgencyInfo,
    clock: &Clock,
    hazard: &HazardState,
    zone: &crate::state::ZoneState,
    members: &[usize],
    staff: &mut Staff,
    log: &mut Log,
    chosen: &mut Vec<bool>,
) {
    let hour = clock.hour();
    let end = f64::from(hour + clock.step_hours);
    let rules = &info.plan.attendance.roster;
    let level = hazard.assembly_level();
    let called = rules.call_in_hour.is_some_and(|h| hour >= h);
    let roads = zone.level_of(Lifeline::Roads);
    let rail = zone.level_of(Lifeline::Rail);
    chosen.clear();
    chosen.resize(members.len(), false);
    for (i, &e) in members.iter().enumerate() {
        let (m, s) = (&staff.member[e], &mut staff.state[e]);
        if s.arrival == Arrival::Waiting && available(s, hour) {
            let cond = Conditions {
                roads,
                rail_runs: served(rail, m.rail_u),
                night: clock.is_night(),
                car_delay: info.car_delay_factor,
            };
            // Those at work when the BCP started are already `Arrived`.
            if !kept_home(m, rules, hour) {
                let travel = match sets_out(level, m, rules, called) {
                    Some(Means::OwnOnly) => {
                        commute_hours(m.commute, m.home_km, cond, rules, m.walk_u)
                    }
                    Some(Means::OwnOrWalk) => {
                        commute_hours_or_walk(m.commute, m.home_km, cond, rules, m.walk_u)
                    }
                    None => None,
                };
                if let Some(hours) = travel {
                    let delay = if called {
                        0.0
                    } else {
                        rules
                            .safety_delay_hours
                            .value(m.delay_draw.0, m.delay_draw.1)
                    };
                    s.arrival = Arrival::OnTheWay(f64::from(hour) + delay + hours);
                }
            }
        }
        if let Arrival::OnTheWay(t) = s.arrival
            && t < end
        {
            s.arrival = Arrival::Arrived;
            log.event(
                hour,
                EventKind::StaffArrived,
                Some(&info.id),
                Some(&m.id),
                Some(t),
                "",
            );
        }
        chosen[i] = s.arrival == Arrival::Arrived && available(s, hour);
    }
}

/// How a person who sets out gets to work.
enum Means {
    /// Only by their usual means ("if transport allows").
    OwnOnly,
    /// By their usual means, or on foot if those fail.
    OwnOrWalk,
}

/// The assembly table (004 §3-9): whether this person sets out now, at this assembly level.
fn sets_out(
    level: u8,
    m: &StaffMember,
    rules: &crate::scenario::RosterRules,
    called: bool,
) -> Option<Means> {
    let leader = matches!(m.bcp_role, Some(BcpRole::Leader | BcpRole::Deputy));
    let bcp_member = m.bcp_role.is_some();
    let on_own = (level >= 3 && leader)
        || (level >= 4 && bcp_member)
        || (level == 4 && m.home_km <= rules.near_km)
        || (level >= 5 && m.home_km <= rules.far_km);
    if on_own || called {
        Some(Means::OwnOrWalk)
    } else if level == 4 && m.home_km <= rules.far_km {
        Some(Means::OwnOnly)
    } else {
        None
    }
}

/// Once a day from the onset, each available person may fall ill (or must care for ill
/// family): probability = the wave's absent share that day ÷ isolation days, so that the
/// share absent follows the wave.
fn infection_draws(
    wave: &InfectionWave,
    clock: &Clock,
    key: RunKey,
    members: &[usize],
    staff: &mut Staff,
    agency: &str,
    log: &mut Log,
) {
    let hour = clock.hour();
    if hour % 24 >= clock.step_hours {
        return;
    }
    let day = hour / 24;
    let share = wave_share(wave, f64::from(day) + 0.5);
    let isolation = wave.isolation_days.max(1);
    let p = share / f64::from(isolation);
    for &e in members {
        let m = &staff.member[e];
        let u = unit(&mut stream_numbered(
            key.seed,
            key.run,
            Purpose::Infection,
            &m.id,
            day,
        ));
        if available(&staff.state[e], hour) && u < p {
            staff.keep_away(e, hour + isolation * 24);
            let m = &staff.member[e];
            log.event(
                hour,
                EventKind::StaffAbsent,
                Some(agency),
                Some(&m.id),
                Some(f64::from(isolation * 24)),
                "infection",
            );
        }
    }
}

/// The wave's absent share on (fractional) day `d`: linear up to the peak, down to the end.
pub fn wave_share(wave: &InfectionWave, d: f64) -> f64 {
    let peak = wave.peak_absent_share;
    if d <= 0.0 || d >= wave.duration_days {
        0.0
    } else if d <= wave.peak_day {
        peak * d / wave.peak_day.max(1e-9)
    } else {
        peak * (wave.duration_days - d) / (wave.duration_days - wave.peak_day).max(1e-9)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::outcome::RunResult;
    use crate::scenario::{CurvePoint, Scenario};
    use crate::{RunOptions, simulate};

    thread_local! {
        /// Off: every step chooses the crew afresh, as before steady steps existed.
        pub(super) static STEADY_STEPS: Cell<bool> = const { Cell::new(true) };
        /// Steps in which an agency's crew was kept as it was.
        pub(super) static STEADY_TAKEN: Cell<u64> = const { Cell::new(0) };
        /// Steady steps whose duty hours were counted later ([`PendingDuty`]).
        pub(super) static DUTY_PENDING: Cell<u64> = const { Cell::new(0) };
        /// Night steps of normal operations passed over (`AgencyState::quiet_night`).
        pub(super) static QUIET_NIGHTS: Cell<u64> = const { Cell::new(0) };
        /// Pending steps in which other teams rested than in the step before.
        pub(super) static TEAMS_TURNED: Cell<u64> = const { Cell::new(0) };
    }

    /// A run with steady steps (and quiet nights) on and off, and how many steady steps and
    /// quiet nights it took.
    fn both_ways(scenario: &Scenario, seed: u64) -> (RunResult, RunResult, (u64, u64)) {
        STEADY_TAKEN.set(0);
        QUIET_NIGHTS.set(0);
        let with = simulate(scenario, seed, 0, RunOptions::FULL);
        let taken = (STEADY_TAKEN.get(), QUIET_NIGHTS.get());
        STEADY_STEPS.set(false);
        let without = simulate(scenario, seed, 0, RunOptions::FULL);
        STEADY_STEPS.set(true);
        (with, without, taken)
    }

    /// Keeping the crew as it was in a step where nobody can join or leave it changes nothing
    /// a run reports: the summary, every time-series row and every event are those of
    /// choosing the crew afresh every step. Over the sample (curve mode, no loans), an
    /// infection wave (absences and returns every day), a region whose agreements lend staff
    /// (loans and their arrivals) and generated cities; each took steady steps. Passing over
    /// the nights of normal operations (after a release) is tested the same way. Steady steps
    /// read the plan curve for many steps at once ([`reach_below_key_until`]): a look ahead
    /// past the first step someone comes in at fails this test.
    #[test]
    fn steady_steps_change_nothing_a_run_reports() {
        let sample = crate::samples::sample_station();
        let agreements = crate::samples::shipped_variant("region-kashiwa-agreements.ron");
        // Steady steps are for curve mode; these files' plans are in roster mode.
        let in_curve_mode = |mut scenario: Scenario| {
            for agency in &mut scenario.agencies {
                agency.plan.attendance.mode = AttendanceMode::Curve;
            }
            scenario
        };
        let infection = in_curve_mode(crate::samples::shipped("infection-wave.ron"));
        // Partners lend whatever their attendance, so that loans start and arrive.
        let mut agreements = in_curve_mode(agreements);
        for agency in &mut agreements.agencies {
            agency.plan.mutual_aid.lend_above = 0.0;
        }
        // Three-hour steps from 23:00: a step's hours fall on two calendar days, and pending
        // steps are counted day by day across midnights.
        let mut three_hour_steps = sample.clone();
        three_hour_steps.time.step_hours = 3;
        three_hour_steps.time.onset_hour = 23;
        // Each case with the event that shows it exercises what it is here for.
        let cases = [
            ("sample", sample, EventKind::StaffArrived),
            ("3-hour steps", three_hour_steps, EventKind::StaffArrived),
            ("infection", infection, EventKind::StaffReturned),
            ("agreements", agreements, EventKind::StaffSent),
            (
                "city",
                crate::samples::generated_region(6, 40, 10),
                EventKind::StaffArrived,
            ),
        ];
        let mut quiet_nights = 0;
        for (name, scenario, shown_by) in &cases {
            let (mut taken, mut shown) = (0, false);
            for seed in 1..=3 {
                let (with, without, (steady, quiet)) = both_ways(scenario, seed);
                assert!(
                    with == without,
                    "{name}, seed {seed}: steady steps changed the run"
                );
                taken += steady;
                quiet_nights += quiet;
                shown |= with.events.iter().any(|e| e.kind == *shown_by);
            }
            assert!(taken > 0, "{name}: no steady step was taken");
            assert!(
                shown,
                "{name}: no {shown_by:?} event: the case tests nothing of it"
            );
        }
        // The sample's BCP is released in some runs: normal operations' nights follow.
        assert!(quiet_nights > 0, "no quiet night was passed over");
    }

    /// Duty hours counted later read the same whenever a summary is asked for: a run stopped
    /// at 100 h (as an exercise asks between steps) and then run to its end reports what
    /// choosing the crew afresh every step reports, at both times; the duty of some steps was
    /// counted later, across changes of the teams resting, and the sample's staff do overtime
    /// (12-hour stretches past an 8-hour day), so the counting is tested on it.
    #[test]
    fn duty_counted_later_reads_the_same_mid_run_and_at_the_end() {
        let sample = crate::samples::sample_station();
        let run = |steady: bool| {
            STEADY_STEPS.set(steady);
            DUTY_PENDING.set(0);
            let mut sim = crate::Simulation::new(&sample, 2, 0, RunOptions::FULL);
            sim.run_until_hour(100);
            let mid = sim.result();
            sim.run_to_end();
            let end = sim.into_result();
            STEADY_STEPS.set(true);
            (mid, end, DUTY_PENDING.get())
        };
        TEAMS_TURNED.set(0);
        let (mid, end, pending) = run(true);
        let turned = TEAMS_TURNED.get();
        let (mid_afresh, end_afresh, _) = run(false);
        assert!(pending > 0, "no duty was counted later");
        assert!(turned > 0, "no team came on duty while duty was pending");
        assert!(mid.summary.region.staff.overtime_hours > 0);
        assert!(mid == mid_afresh, "the summary at 100 h differs");
        assert!(end == end_afresh, "the run's end differs");
    }

    fn sample_curve() -> Vec<CurvePoint> {
        [
            (0, 0.03),
            (6, 0.20),
            (24, 0.30),
            (72, 0.50),
            (168, 0.70),
            (720, 0.90),
        ]
        .into_iter()
        .map(|(hour, share)| CurvePoint { hour, share })
        .collect()
    }

    #[test]
    fn curve_interpolates_between_points() {
        let c = sample_curve();
        assert_eq!(c.share_at(0), 0.03);
        assert_eq!(c.share_at(24), 0.30);
        // Halfway from 24 h (30 %) to 72 h (50 %) is 48 h: 40 %.
        assert!((c.share_at(48) - 0.40).abs() < 1e-12);
        assert_eq!(c.share_at(1000), 0.90);
    }

    #[test]
    fn wave_peaks_and_ends() {
        let wave = InfectionWave {
            peak_absent_share: 0.4,
            peak_day: 30.0,
            duration_days: 60.0,
            isolation_days: 5,
        };
        assert_eq!(wave_share(&wave, 30.0), 0.4);
        assert!((wave_share(&wave, 15.0) - 0.2).abs() < 1e-12);
        assert_eq!(wave_share(&wave, 60.0), 0.0);
    }
}
