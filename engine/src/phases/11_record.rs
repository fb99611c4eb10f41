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

/// The region's totals this step, for batch bands. An item's total is added again, agency by
/// agency in order, only when some agency's quantity of it changed since the last step;
/// otherwise it is the last step's (the same sum, in the same order). When no item changed,
/// the step's stocks are written out later by the totals themselves.
fn record_totals(agencies: &mut Agencies, log: &mut Log) {
    let (mut present, mut confirmed) = (0, 0);
    for agency in &agencies.state {
        present += agency.present;
        confirmed += agency.confirmed;
    }
    let Log {
        totals,
        stock_totals,
        stock_items,
        stock_held,
        stock_changed,
        ..
    } = log;
    let (items, n) = (stock_items.len(), agencies.state.len());
    if stock_totals.len() != items {
        // The first step: every item is added.
        stock_totals.clear();
        stock_totals.resize(items, 0.0);
        stock_held.clear();
        stock_held.resize(items * n, 0.0);
        stock_changed.clear();
        stock_changed.resize(items, true);
    }
    let mut any = false;
    for (a, agency) in agencies.state.iter_mut().enumerate() {
        let changed = agency.stocks.take_changed();
        if changed.is_empty() {
            continue;
        }
        let levels = agency.stocks.levels();
        for k in changed.places(levels.len()) {
            let (item, quantity) = (levels[k].item_index(), levels[k].quantity());
            stock_held[item * n + a] = quantity;
            stock_changed[item] = true;
            any = true;
        }
    }
    if !any {
        totals.push_same_stocks(present, confirmed);
        return;
    }
    for (item, total) in stock_totals.iter_mut().enumerate() {
        if std::mem::take(&mut stock_changed[item]) {
            // From 0, agency by agency: adding 0 for an agency without the item leaves the
            // sum as it was, bit for bit (a sum from +0 of quantities is never −0).
            *total = stock_held[item * n..(item + 1) * n]
                .iter()
                .fold(0.0, |t, q| t + q);
        }
    }
    totals.push(present, confirmed, stock_totals);
}

#[cfg(test)]
mod tests {
    use crate::RunOptions;
    use crate::scenario::{
        Agreement, AgreementKind, AgreementStatus, Consumption, ConsumptionBasis, Scenario,
        StockCondition, StockSpec,
    };

    /// Time series and the region's totals both.
    const BOTH: RunOptions = RunOptions {
        record_timeseries: true,
        record_events: false,
        record_totals: true,
        summary_details: false,
    };

    /// A city of 4 agencies whose first sends water and meals to the second under a supply
    /// sharing agreement, and whose third holds 70 items (more than the stocks tell apart one
    /// by one), a few used per visit, per person-day or per hour: quantities change by
    /// consumption, stock-outs, refills, sharing and deliveries, item by item.
    fn city_of_stocks() -> Scenario {
        let mut city = crate::samples::generated_region(4, 30, 6);
        city.agreements.push(Agreement {
            id: "share".into(),
            name: String::new(),
            status: AgreementStatus::Signed,
            kind: AgreementKind::SupplySharing {
                from: city.agencies[0].id.clone(),
                to: city.agencies[1].id.clone(),
                items: vec!["water_2l".into(), "meals".into()],
                travel_hours: 3.0,
            },
        });
        let wide = &mut city.agencies[2].stocks;
        for k in wide.len()..70 {
            let per = [
                ConsumptionBasis::Visit,
                ConsumptionBasis::PersonDay,
                ConsumptionBasis::Hour,
            ][k % 3];
            wide.push(StockSpec {
                item: format!("extra_{k:02}"),
                quantity: (k % 7) as f64 * 10.0,
                unit: "piece".into(),
                consumption: vec![Consumption {
                    amount: 0.5,
                    per,
                    only_while: StockCondition::Always,
                }],
                refill_when_up: None,
            });
        }
        city
    }

    /// Every step's region total of every item is the sum, from 0 and agency by agency in
    /// order, of what the time series says each agency holds at the end of the step (bit for
    /// bit: the totals add an item again only when some agency's quantity of it changed).
    /// Over the sample, the Niigata station with its deliveries, and a city sharing supplies
    /// with an agency of 70 items; each case's totals change in some step and stay in another.
    #[test]
    fn stock_totals_are_the_agencies_stocks_added_in_order_every_step() {
        let cases = [
            ("sample", crate::samples::sample_station()),
            ("niigata", crate::samples::shipped("niigata-flood-snow.ron")),
            ("city of stocks", city_of_stocks()),
        ];
        for (name, scenario) in &cases {
            let run = crate::simulate(scenario, 5, 0, BOTH);
            let (rows, totals) = (&run.timeseries, &run.totals);
            let agencies = scenario.agencies.len();
            let items = rows.items().len();
            assert_eq!(items, run.stock_items.len(), "{name}");
            let (mut moved, mut stayed) = (false, false);
            for step in 0..totals.steps() {
                for item in 0..items {
                    let sum = (0..agencies)
                        .filter_map(|a| rows.stocks_of(step * agencies + a)[item])
                        .fold(0.0, |t, q| t + q);
                    let total = totals.stock(step, item).expect("a total");
                    assert_eq!(
                        total.to_bits(),
                        sum.to_bits(),
                        "{name}: step {step}, {}",
                        run.stock_items[item]
                    );
                    if step > 0 {
                        let before = totals.stock(step - 1, item).expect("a total");
                        moved |= before != total;
                        stayed |= before == total;
                    }
                }
            }
            assert!(
                moved && stayed,
                "{name}: totals moved {moved}, stayed {stayed}"
            );
        }
    }
}
