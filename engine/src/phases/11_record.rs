//! Phase 11: record the step — one time-series row per agency (when asked for), the
//! attendance at the report hours, and the end of the step's counters.

use crate::outcome::StepRow;
use crate::scenario::{Lifeline, PriorityClass};
use crate::state::RunState;
use crate::state::{Agencies, Log};

use crate::scenario::ShareAt;

/// Hours after onset at which the summary reports attendance.
pub const REPORT_HOURS: [u32; 6] = [0, 6, 24, 72, 168, 720];

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn record_step(st: &mut RunState) {
    let RunState {
        clock,
        index,
        zones,
        agencies,
        patients,
        log,
        ..
    } = st;
    let hour = clock.hour();
    let is_report_hour = |h: &u32| REPORT_HOURS.contains(h) || clock.report_hours.contains(h);
    for (a, (info, agency)) in agencies.info.iter().zip(&mut agencies.state).enumerate() {
        // Read at report hours and into time-series rows only: most batch steps never ask.
        let plan_share = || info.plan.attendance.curve.share_at(hour);
        // Each report hour in this step, in order, gets the step's value (an extra hour in
        // the same step as a fixed one shares it).
        for h in (hour..hour + clock.step_hours).filter(is_report_hour) {
            let attendance = agency.attendance;
            agency.attendance_at.push((h, attendance, plan_share()));
        }
        let present = agency.present;
        agency.present_by_step.push(present);
        if log.record_timeseries {
            let (mut confirmed, mut open, mut depleted) = (0, 0, 0);
            // Unconfirmed patients per priority class, in PriorityClass::ALL order.
            let mut unconfirmed = [0u32; 3];
            for &pe in &index.patients_by_agency[a] {
                let (p, s) = (&patients.patient[pe], &patients.state[pe]);
                if s.confirmed_hour.is_some() {
                    confirmed += 1;
                } else {
                    unconfirmed[p.class as usize] += 1;
                }
                open += s.open_demands();
                depleted += u32::from(s.depleted_now);
            }
            let zone = &zones.0[info.zone];
            let row = StepRow {
                step: clock.step(),
                hour,
                day: hour / 24,
                clock_hour: clock.clock_hour(),
                agency: info.id.clone(),
                bcp_active: agency.bcp_active,
                plan_attendance: plan_share(),
                plan_stock: info.plan.stock_curve.share_at(hour),
                present: agency.present,
                on_duty: agency.on_duty,
                attendance: agency.attendance,
                permitted_categories: agency.permitted.count_ones(),
                lifelines: Lifeline::ALL.map(|l| zone.level_of(l)),
                mobile_network: agency.mobile_ok,
                toilets_usable: agency.toilets_usable,
                calls: agency.step.calls,
                failed_calls: agency.step.failed_calls,
                visits: agency.step.visits,
                urgent_visits: agency.step.urgent_visits,
                confirmed,
                class_a_unconfirmed: unconfirmed[PriorityClass::A as usize],
                class_b_unconfirmed: unconfirmed[PriorityClass::B as usize],
                class_c_unconfirmed: unconfirmed[PriorityClass::C as usize],
                open_demands: open,
                depleted_patients: depleted,
            };
            let held = agency
                .stocks
                .levels()
                .iter()
                .map(|l| (l.item_index(), l.quantity()));
            log.timeseries.push(row, held);
        }
        let step = std::mem::take(&mut agency.step);
        agency.totals.add(&step);
    }
    if log.record_totals {
        record_totals(agencies, log);
    }
}

/// The region's totals this step, for batch bands. The stocks are added again only when some
/// agency's changed since the last step; otherwise the step's stocks are the last step's (the
/// same sum, in the same order), written out later by the totals themselves.
fn record_totals(agencies: &mut Agencies, log: &mut Log) {
    let stocks = &mut log.stock_totals;
    let changed = agencies
        .state
        .iter_mut()
        .fold(false, |any, a| any | a.stocks.take_changed());
    let (mut present, mut confirmed) = (0, 0);
    for agency in &agencies.state {
        present += agency.present;
        confirmed += agency.confirmed;
    }
    if !changed && stocks.len() == log.stock_items.len() {
        log.totals.push_same_stocks(present, confirmed);
        return;
    }
    stocks.clear();
    stocks.resize(log.stock_items.len(), 0.0);
    for agency in &agencies.state {
        for level in agency.stocks.levels() {
            if let Some(total) = stocks.get_mut(level.item_index()) {
                *total += level.quantity();
            }
        }
    }
    log.totals.push(present, confirmed, stocks);
}
