//! Collecting a finished run into its summary: the headline figures of docs/model.md, computed the
//! same way for each agency and for the region (all agencies together).

use std::collections::BTreeMap;

use crate::outcome::{
    Activation, AttendancePoint, BatteryMargin, ClassChecks, Critical, DemandCount, FinanceSummary,
    Metrics, MutualAid, OUTPUT_FORMAT_VERSION, SafetyChecks, StaffSummary, StockSummary, Summary,
    Visits, ZoneMetrics,
};
use crate::scenario::{CareCategory, PriorityClass, Scenario};
use crate::state::{AgencyInfo, AgencyState, Patient, PatientState, RunState, StaffState, Zones};

/// What one set of agencies (one agency, or all) holds at the end of a run.
struct Group<'a> {
    agencies: Vec<(&'a AgencyInfo, &'a AgencyState)>,
    patients: Vec<(&'a Patient, &'a PatientState)>,
    staff: Vec<&'a StaffState>,
}

pub fn summarize(state: &RunState, scenario: &Scenario, seed: u64, run: u64) -> Summary {
    let index = &state.index;
    let all = &state.agencies;
    let people = &state.patients;
    let crew = &state.staff;
    let step_hours = scenario.time.step_hours.max(1);
    let horizon_hours = scenario.steps() * step_hours;
    let mut groups = Vec::new();
    for (a, agency) in all.info.iter().zip(&all.state).enumerate() {
        let patients = index.patients_by_agency[a]
            .iter()
            .map(|&p| (&people.patient[p], &people.state[p]))
            .collect();
        let staff = index.staff_by_agency[a]
            .iter()
            .map(|&s| &crew.state[s])
            .collect();
        groups.push(Group {
            agencies: vec![agency],
            patients,
            staff,
        });
    }
    let region = Group {
        agencies: groups
            .iter()
            .flat_map(|g| g.agencies.iter().copied())
            .collect(),
        patients: groups
            .iter()
            .flat_map(|g| g.patients.iter().copied())
            .collect(),
        staff: groups
            .iter()
            .flat_map(|g| g.staff.iter().copied())
            .collect(),
    };
    // Each agency's and zone's metrics and the battery margins, when asked for (a batch or an
    // analysis reads the region's metrics alone).
    let (zones, battery_margins, agencies) = if state.log.summary_details {
        (
            zone_metrics(&state.zones, &region),
            battery_margins(&groups),
            groups
                .iter()
                .map(|g| {
                    (
                        g.agencies[0].0.id.clone(),
                        metrics(g, horizon_hours, step_hours, &scenario.time.report_hours),
                    )
                })
                .collect(),
        )
    } else {
        Default::default()
    };
    Summary {
        format_version: OUTPUT_FORMAT_VERSION,
        scenario: scenario.name.clone(),
        seed,
        run,
        horizon_hours,
        stopped_at_hour: None,
        step_hours,
        onset_weekday: scenario.time.onset_weekday,
        onset_hour: scenario.time.onset_hour,
        region: metrics(
            &region,
            horizon_hours,
            step_hours,
            &scenario.time.report_hours,
        ),
        zones,
        battery_margins,
        event_count: {
            let log = &state.log;
            log.record_events.then_some(log.events.len() as u64)
        },
        agencies,
    }
}

/// Every power-dependent patient's margin, agency by agency in patient order.
fn battery_margins(groups: &[Group]) -> Vec<BatteryMargin> {
    groups
        .iter()
        .flat_map(|g| {
            let agency = g.agencies[0].0.id.as_str();
            g.patients
                .iter()
                .filter(|(_, s)| s.power_dependent())
                .map(move |(p, s)| {
                    let capacity = s
                        .devices
                        .iter()
                        .map(crate::state::DeviceState::full_reserve_hours)
                        .fold(f64::INFINITY, f64::min);
                    BatteryMargin {
                        patient: p.id.clone(),
                        agency: agency.to_string(),
                        class: p.class.key().to_string(),
                        capacity_hours: capacity,
                        lowest_battery_hours: s.lowest_battery_hours.unwrap_or(capacity),
                        hours_without_power: s.hours_without_power,
                        depleted_hours: s.depleted_hours,
                        first_depleted_hour: s.depleted_hour,
                    }
                })
        })
        .collect()
}

fn metrics(g: &Group, horizon_hours: u32, step_hours: u32, report_hours: &[u32]) -> Metrics {
    Metrics {
        critical: critical(g),
        safety_checks: safety_checks(g, report_hours),
        visits: visits(g),
        stocks: stocks(g),
        staff: staff(g, step_hours),
        activation: activation(g),
        mutual_aid: MutualAid {
            staff_hours_lent: g.staff.iter().map(|s| s.hours_elsewhere).sum(),
            staff_hours_borrowed: g
                .agencies
                .iter()
                .map(|(_, a)| a.totals.borrowed_staff_hours)
                .sum(),
            patients_handed_over: g
                .patients
                .iter()
                .filter(|(_, s)| s.handover.is_some())
                .count() as u32,
            patients_reached_through_partner: g
                .patients
                .iter()
                .filter(|(_, s)| s.handover.is_some() && s.partner_visits > 0)
                .count() as u32,
        },
        finance: finance(g, horizon_hours),
    }
}

fn critical(g: &Group) -> Critical {
    critical_of(g.patients.iter().copied())
}

/// The critical figures of these patients (docs/model.md "Headline figures").
pub(crate) fn critical_of<'a>(
    patients: impl Iterator<Item = (&'a Patient, &'a PatientState)>,
) -> Critical {
    let mut c = Critical::default();
    for (p, s) in patients {
        if s.power_dependent() {
            c.power_dependent_patients += 1;
        }
        if s.depleted_hour.is_some() {
            c.battery_depleted_patients += 1;
        }
        c.depleted_patient_hours += s.depleted_hours;
        c.longest_without_device_power_hours = c
            .longest_without_device_power_hours
            .max(s.longest_depleted_hours);
        c.admitted_to_hospital += u32::from(s.admissions > 0);
        if p.class == PriorityClass::A && s.confirmed_hour.is_none_or(|h| h >= 24) {
            c.class_a_uncontacted_over_24h += 1;
        }
    }
    c
}

/// Share of `patients` first confirmed before `hour` (0 when there are none).
fn confirmed_share<'a>(patients: impl Iterator<Item = &'a PatientState>, hour: u32) -> f64 {
    let (mut n, mut yes) = (0u32, 0u32);
    for s in patients {
        n += 1;
        yes += u32::from(s.confirmed_hour.is_some_and(|h| h < hour));
    }
    if n == 0 {
        0.0
    } else {
        f64::from(yes) / f64::from(n)
    }
}

/// The hour the last of `patients` was first confirmed; `None` if one never was or there are none.
fn all_confirmed_hour<'a>(mut patients: impl Iterator<Item = &'a PatientState>) -> Option<u32> {
    let first = patients.next()?;
    patients.try_fold(first.confirmed_hour?, |last, s| {
        Some(last.max(s.confirmed_hour?))
    })
}

fn safety_checks(g: &Group, report_hours: &[u32]) -> SafetyChecks {
    let all = || g.patients.iter().map(|(_, s)| *s);
    let class = |c: PriorityClass| {
        g.patients
            .iter()
            .filter(move |(p, _)| p.class == c)
            .map(|(_, s)| *s)
    };
    let by_class = PriorityClass::ALL
        .iter()
        .map(|&c| {
            let checks = ClassChecks {
                patients: class(c).count() as u32,
                confirmed_share_6h: confirmed_share(class(c), 6),
                confirmed_share_24h: confirmed_share(class(c), 24),
                confirmed_share_72h: confirmed_share(class(c), 72),
            };
            (c.key().to_string(), checks)
        })
        .collect();
    let totals = g.agencies.iter().fold(
        Default::default(),
        |mut t: crate::state::StepCounters, (_, a)| {
            t.add(&a.totals);
            t
        },
    );
    SafetyChecks {
        patients: g.patients.len() as u32,
        confirmed_share_6h: confirmed_share(all(), 6),
        confirmed_share_24h: confirmed_share(all(), 24),
        confirmed_share_72h: confirmed_share(all(), 72),
        confirmed_share_at: report_hours
            .iter()
            .map(|&h| (h, confirmed_share(all(), h)))
            .collect(),
        class_a_all_confirmed_hour: all_confirmed_hour(class(PriorityClass::A)),
        all_confirmed_hour: all_confirmed_hour(all()),
        by_class,
        calls: totals.calls,
        failed_calls: totals.failed_calls,
        messages: totals.messages,
        duplicate_calls: totals.duplicate_calls,
        check_visits: totals.check_visits,
    }
}

fn visits(g: &Group) -> Visits {
    let mut v = Visits::default();
    let mut by_category: BTreeMap<CareCategory, DemandCount> = CareCategory::ALL
        .iter()
        .map(|&c| (c, DemandCount::default()))
        .collect();
    let mut by_class: BTreeMap<PriorityClass, DemandCount> = PriorityClass::ALL
        .iter()
        .map(|&c| (c, DemandCount::default()))
        .collect();
    for (p, s) in &g.patients {
        for n in &s.needs {
            v.demanded += n.demanded();
            v.delivered += n.delivered;
            v.covered_by_family += n.covered_by_family;
            v.open_at_end += n.open;
            for count in [by_category.get_mut(&n.category), by_class.get_mut(&p.class)]
                .into_iter()
                .flatten()
            {
                count.demanded += n.demanded();
                count.delivered += n.delivered;
            }
        }
    }
    for (_, a) in &g.agencies {
        v.visits_made += a.totals.visits;
        v.urgent_power_visits += a.totals.urgent_visits;
    }
    v.by_category = by_category
        .into_iter()
        .map(|(c, d)| (c.key().to_string(), d))
        .collect();
    v.by_class = by_class
        .into_iter()
        .map(|(c, d)| (c.key().to_string(), d))
        .collect();
    v
}

fn stocks(g: &Group) -> BTreeMap<String, StockSummary> {
    let mut out: BTreeMap<String, StockSummary> = BTreeMap::new();
    for (_, a) in &g.agencies {
        for (level, s) in a.stocks.iter() {
            let e = out
                .entry(s.spec.item.clone())
                .or_insert_with(|| StockSummary {
                    unit: s.spec.unit.clone(),
                    ..StockSummary::default()
                });
            e.initial += s.spec.quantity;
            e.final_quantity += level.quantity();
            e.min_quantity += s.min_quantity;
            e.stockout_hour = match (e.stockout_hour, s.stockout_hour) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
        }
    }
    out
}

fn staff(g: &Group, step_hours: u32) -> StaffSummary {
    let w: f64 = g.agencies.iter().map(|(i, _)| i.normal_daily_staff).sum();
    let mut attendance_at: BTreeMap<u32, AttendancePoint> = BTreeMap::new();
    for (info, state) in &g.agencies {
        for &(h, simulated, plan) in &state.attendance_at {
            let point = attendance_at.entry(h).or_default();
            // Weighted by each agency's W, so the region's share is present ÷ ΣW.
            let weight = if w > 0.0 {
                info.normal_daily_staff / w
            } else {
                0.0
            };
            point.simulated += simulated * weight;
            point.plan += plan * weight;
        }
    }
    // Lowest attendance: the group's present staff per step over its W; first step on ties.
    let steps = g
        .agencies
        .iter()
        .map(|(_, a)| a.present_by_step.len())
        .max()
        .unwrap_or(0);
    let (mut lowest_attendance, mut lowest_attendance_hour) = (f64::INFINITY, 0);
    for t in 0..steps {
        let present: u32 = g
            .agencies
            .iter()
            .filter_map(|(_, a)| a.present_by_step.get(t))
            .sum();
        let share = if w > 0.0 { f64::from(present) / w } else { 0.0 };
        if share < lowest_attendance {
            (lowest_attendance, lowest_attendance_hour) = (share, t as u32 * step_hours);
        }
    }
    StaffSummary {
        lowest_attendance: if lowest_attendance.is_finite() {
            lowest_attendance
        } else {
            0.0
        },
        lowest_attendance_hour,
        staff: g.staff.len() as u32,
        normal_daily_staff: w,
        attendance_at,
        overtime_hours: g.staff.iter().map(|s| s.overtime_hours).sum(),
        longest_continuous_duty_hours: g
            .staff
            .iter()
            .map(|s| s.longest_duty_hours)
            .max()
            .unwrap_or(0),
    }
}

fn activation(g: &Group) -> Activation {
    let activated_hour = g
        .agencies
        .iter()
        .filter_map(|(_, a)| a.activated_hour)
        .min();
    // The region is released when every agency that activated has been released.
    let released_hour =
        if g.agencies.iter().all(|(_, a)| {
            a.activated_hour.is_none() || (a.released_hour.is_some() && !a.bcp_active)
        }) {
            g.agencies.iter().filter_map(|(_, a)| a.released_hour).max()
        } else {
            None
        };
    Activation {
        activated_hour,
        released_hour,
    }
}

fn finance(g: &Group, horizon_hours: u32) -> Option<FinanceSummary> {
    let with: Vec<_> = g
        .agencies
        .iter()
        .filter_map(|(i, a)| Some((i.finance.as_ref()?, a)))
        .collect();
    if with.is_empty() {
        return None;
    }
    let months = f64::from(horizon_hours) / (30.0 * 24.0);
    let mut f = FinanceSummary::default();
    for (fin, a) in &with {
        f.visits_delivered += a.totals.visits;
        f.revenue_yen += f64::from(a.totals.visits) * fin.average_fee_yen;
        f.fixed_costs_yen += fin.monthly_fixed_cost_yen * months;
        if fin.average_fee_yen > 0.0 {
            f.break_even_visits_per_month += fin.monthly_fixed_cost_yen / fin.average_fee_yen;
        }
        f.payment_delay_months = f.payment_delay_months.max(fin.payment_delay_months);
    }
    f.visits_per_month_pace = if months > 0.0 {
        f64::from(f.visits_delivered) / months
    } else {
        0.0
    };
    Some(f)
}

/// The critical figures per zone of residence, keyed by zone id.
fn zone_metrics(zones: &Zones, g: &Group) -> BTreeMap<String, ZoneMetrics> {
    let zones = &zones.0;
    zones
        .iter()
        .enumerate()
        .map(|(z, zone)| {
            let here = || g.patients.iter().copied().filter(move |(p, _)| p.zone == z);
            let metrics = ZoneMetrics {
                patients: here().count() as u32,
                critical: critical_of(here()),
            };
            (zone.id.clone(), metrics)
        })
        .collect()
}
