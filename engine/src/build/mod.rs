//! Building a run's world from a validated scenario: draw the run's random course of each
//! lifeline and each person's personal draws, and lay out agencies, staff and patients as
//! dense vectors in scenario order.

mod people;

pub use people::{expand_patients, expand_staff};

use std::sync::Arc;

use bevy_ecs::prelude::World;

use crate::RunOptions;
use crate::rng::{Purpose, fnv1a_numbered, normal, stream, unit};
use crate::scenario::{
    AgencySpec, AgreementKind, AgreementStatus, Hazard, Lifeline, LifelineSpec, LifelineState,
    PatientSpec, Scenario, ScheduledEvent, StaffMemberSpec, VERBAL_DELAY_HOURS, ZoneSpec,
};
use crate::state::{
    Agencies, AgencyInfo, AgencyState, AgreementInForce, Agreements, Caseloads, Clock, Crews,
    DeviceState, Exemption, HazardState, Index, Log, NeedState, Patient, PatientState, Patients,
    PendingEvents, RunKey, RunState, Settled, Staff, StaffMember, StaffState, StaffTasks, Stocks,
    TakeoverTerms, WorkWeek, ZoneState, Zones,
};

/// A world ready to step: resources and entities for run `run` of `scenario` under `seed`.
pub fn build_world(scenario: &Scenario, seed: u64, run: u64, options: RunOptions) -> World {
    world_of(&RunTemplate::new(scenario), seed, run, options)
}

/// A world ready to step for run `run` of the template's scenario under `seed`.
pub fn world_of(template: &RunTemplate<'_>, seed: u64, run: u64, options: RunOptions) -> World {
    let mut world = World::new();
    world.insert_resource(template.state(seed, run, options));
    world
}

/// The state of run `run` of `scenario` under `seed` before its first step.
#[cfg(test)]
pub fn build_state(scenario: &Scenario, seed: u64, run: u64, options: RunOptions) -> RunState {
    RunTemplate::new(scenario).state(seed, run, options)
}

/// What every run of a scenario shares, worked out once: the staff and patients its profiles
/// generate (the same on every run), ids resolved to indices, call lists, agreements, stock
/// items and events in order. A run adds only its own draws ([`RunTemplate::state`]), so a
/// batch builds this once and each of its thousands of runs skips the rest.
#[derive(Debug)]
pub struct RunTemplate<'s> {
    scenario: &'s Scenario,
    /// Every stock item id of any agency, sorted: the order of the run's stock totals.
    stock_items: Vec<String>,
    /// Scheduled events by hour (equal hours in file order).
    events: Vec<ScheduledEvent>,
    index: Arc<Index>,
    calls: Vec<Vec<usize>>,
    agreements: Agreements,
    agencies: Vec<AgencyTemplate>,
}

#[derive(Debug)]
struct AgencyTemplate {
    zone: usize,
    /// Each staff member as generated, and whether the rota has them at work at the onset.
    staff: Vec<(StaffMemberSpec, bool)>,
    patients: Vec<PatientTemplate>,
}

#[derive(Debug)]
struct PatientTemplate {
    spec: PatientSpec,
    zone: usize,
    /// Hour each need's first demand comes due.
    first_due: Vec<u32>,
}

impl<'s> RunTemplate<'s> {
    pub fn new(scenario: &'s Scenario) -> RunTemplate<'s> {
        let stock_items: Vec<String> = {
            let items: std::collections::BTreeSet<&String> = scenario
                .agencies
                .iter()
                .flat_map(|a| a.stocks.iter().map(|s| &s.item))
                .collect();
            items.into_iter().cloned().collect()
        };
        let mut events = scenario.events.clone();
        events.sort_by_key(|e| e.at_hour); // stable: equal hours keep file order

        let mut index = Index::default();
        for (i, z) in scenario.zones.iter().enumerate() {
            index.zone_ids.insert(z.id.clone(), i);
        }
        let (mut staff_count, mut patient_count) = (0, 0);
        let mut agencies = Vec::with_capacity(scenario.agencies.len());
        for (a, agency) in scenario.agencies.iter().enumerate() {
            index.agency_ids.insert(agency.id.clone(), a);
            let zone = index.zone_ids.get(&agency.zone).copied().unwrap_or(0);

            let work_day_staff = agency.staff.average_working_per_day.round() as usize;
            let roster = expand_staff(agency);
            let n = roster.len();
            let mut staff_of_agency = Vec::with_capacity(n);
            let mut staff = Vec::with_capacity(n);
            for (position, spec) in roster.into_iter().enumerate() {
                let on_duty = spec.on_duty_at_onset.unwrap_or_else(|| {
                    rostered_at_onset(scenario, agency, position, n, work_day_staff)
                });
                index.staff_ids.insert(spec.id.clone(), staff_count);
                staff_of_agency.push(staff_count);
                index.home_of_staff.push(a as u32);
                staff_count += 1;
                staff.push((spec, on_duty));
            }
            index.staff_by_agency.push(staff_of_agency);

            let mut patients_of_agency = Vec::new();
            let mut powered = Vec::new();
            let mut patients = Vec::new();
            for spec in expand_patients(agency) {
                let pzone = spec
                    .zone
                    .as_ref()
                    .and_then(|z| index.zone_ids.get(z).copied())
                    .unwrap_or(zone);
                if !spec.devices.is_empty() {
                    powered.push(patient_count);
                }
                index.patient_ids.insert(spec.id.clone(), patient_count);
                patients_of_agency.push(patient_count);
                patient_count += 1;
                patients.push(PatientTemplate {
                    first_due: first_due_hours(&spec),
                    spec,
                    zone: pzone,
                });
            }
            index.patients_by_agency.push(patients_of_agency);
            index.powered_patients_by_agency.push(powered);
            agencies.push(AgencyTemplate {
                zone,
                staff,
                patients,
            });
        }
        index.shared_check_list = scenario.region.shared_safety_check_list;
        RunTemplate {
            scenario,
            stock_items,
            events,
            calls: check_lists(scenario, &index),
            agreements: agreements_in_force(scenario, &index),
            index: Arc::new(index),
            agencies,
        }
    }

    /// The scenario every run of this template runs.
    pub fn scenario(&self) -> &'s Scenario {
        self.scenario
    }

    /// The state of run `run` under `seed` before its first step: the template plus the
    /// run's draws (lifeline courses, staff risks and exemptions, households, sites).
    pub(crate) fn state(&self, seed: u64, run: u64, options: RunOptions) -> RunState {
        let scenario = self.scenario;
        let stock_items = &self.stock_items;
        let risks = run_staff_risks(&scenario.hazard, seed, run);
        let mut agencies = Agencies::default();
        // Sized once: the people are known from the template (growing pushes copied them).
        let (staff_count, patient_count) =
            (self.index.home_of_staff.len(), self.index.patient_ids.len());
        let mut staff = Staff {
            member: Vec::with_capacity(staff_count),
            state: Vec::with_capacity(staff_count),
            tasks: Vec::with_capacity(staff_count),
            ..Staff::default()
        };
        let mut patients = Patients {
            patient: Vec::with_capacity(patient_count),
            state: Vec::with_capacity(patient_count),
            unpowered: vec![Vec::new(); scenario.agencies.len()],
            ..Patients::default()
        };
        agencies.info.reserve(scenario.agencies.len());
        agencies.state.reserve(scenario.agencies.len());
        for (a, (agency, template)) in scenario.agencies.iter().zip(&self.agencies).enumerate() {
            let info = agency_info(agency, a, template.zone, seed, run);
            let mut state = AgencyState {
                phone_minutes_left: agency
                    .equipment
                    .phones
                    .saturating_mul(info.phone_charge_minutes()),
                power_stations_free: agency.equipment.portable_power_stations,
                stocks: Stocks::new(&agency.stocks, |item| {
                    stock_items
                        .binary_search_by(|known| known.as_str().cmp(item))
                        .unwrap_or(0)
                }),
                ..AgencyState::default()
            };
            for (spec, on_duty) in &template.staff {
                staff
                    .member
                    .push(staff_member(spec, a, *on_duty, risks, seed, run));
                staff.state.push(StaffState::default());
                staff.tasks.push(StaffTasks {
                    visit_mode: spec.visit_mode,
                    ..StaffTasks::default()
                });
            }
            let mut next_due_hour = u32::MAX;
            for p in &template.patients {
                let (patient, patient_state) =
                    patient_entity(p, a, (agency, &scenario.coping), seed, run);
                next_due_hour = next_due_hour.min(patient_state.next_due_hour);
                patients.patient.push(patient);
                patients.state.push(patient_state);
            }
            state.next_due_hour = next_due_hour;
            agencies.info.push(info);
            agencies.state.push(state);
        }
        let index = Arc::clone(&self.index);
        // Nobody is settled before the first patients phase has looked at them.
        patients.all_settled = vec![false; scenario.agencies.len()];
        patients.settled = index
            .powered_patients_by_agency
            .iter()
            .map(|list| {
                list.iter()
                    .map(|&pe| Settled {
                        zone: patients.patient[pe].zone as u32,
                        level: f64::NAN,
                    })
                    .collect()
            })
            .collect();
        RunState {
            clock: Clock::new(&scenario.time),
            key: RunKey { seed, run },
            zones: Zones(
                scenario
                    .zones
                    .iter()
                    .map(|z| zone_state(z, seed, run))
                    .collect(),
            ),
            hazard: HazardState {
                hazard: scenario.hazard.clone(),
                alert_level: 0,
            },
            log: Log {
                record_events: options.record_events,
                record_timeseries: options.record_timeseries,
                record_totals: options.record_totals,
                summary_details: options.summary_details,
                totals: if options.record_totals {
                    crate::outcome::RunTotals::new(stock_items.len(), scenario.steps() as usize)
                } else {
                    crate::outcome::RunTotals::default()
                },
                timeseries: if options.record_timeseries {
                    crate::outcome::Timeseries::new(stock_items.clone())
                } else {
                    crate::outcome::Timeseries::default()
                },
                stock_items: stock_items.clone(),
                ..Log::default()
            },
            pending: PendingEvents {
                events: self.events.clone(),
                next: 0,
            },
            crews: Crews::new(index.staff_by_agency.clone()),
            agreements: self.agreements.clone(),
            caseloads: Caseloads::new(
                index.patients_by_agency.clone(),
                self.calls.clone(),
                patients.patient.len(),
            ),
            index,
            agencies,
            staff,
            patients,
            scratch: Default::default(),
        }
    }
}

/// The hour each need of a patient first comes due: as the scenario says, or spread over the
/// first interval by a stable hash of (id, need).
fn first_due_hours(spec: &PatientSpec) -> Vec<u32> {
    spec.needs
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let every = n.every_hours.max(1);
            n.first_due_hour.unwrap_or_else(|| {
                // The hash of "<id>#<i>".
                (fnv1a_numbered(&spec.id, b'#', i as u64) % u64::from(every)) as u32
            })
        })
        .collect()
}

/// The zone's lifeline courses for this run (random outages drawn from the zone's streams).
fn zone_state(zone: &ZoneSpec, seed: u64, run: u64) -> ZoneState {
    let lifeline_rng = |l: Lifeline| {
        stream(
            seed,
            run,
            Purpose::Lifeline,
            &format!("{}/{}", zone.id, l.key()),
        )
    };
    let courses = Lifeline::ALL.map(|l| match zone.lifelines.get(l) {
        LifelineSpec::Up => Vec::new(),
        LifelineSpec::Schedule(changes) => {
            let mut c: Vec<(u32, f64)> =
                changes.iter().map(|c| (c.hour, c.state.level())).collect();
            c.sort_by_key(|&(h, _)| h);
            c
        }
        LifelineSpec::Curve(paced) => {
            let mut rng = lifeline_rng(l);
            let pace = paced.pace.value(unit(&mut rng), normal(&mut rng));
            let levels = paced.levels.value(unit(&mut rng), normal(&mut rng));
            // Durations count from the first change (the onset of the outage), which stays put.
            let first = paced.changes.iter().map(|c| c.hour).min().unwrap_or(0);
            let mut c: Vec<(u32, f64)> = paced
                .changes
                .iter()
                .map(|c| {
                    let level = match c.state {
                        LifelineState::Degraded(x) => (x * levels).clamp(0.0, 1.0),
                        other => other.level(),
                    };
                    let after = f64::from(c.hour - first) * pace;
                    (first + after.round() as u32, level)
                })
                .collect();
            c.sort_by_key(|&(h, _)| h);
            c
        }
        LifelineSpec::Restoration(outage) => {
            let mut rng = lifeline_rng(l);
            let down = outage
                .down_hours
                .value(unit(&mut rng), normal(&mut rng))
                .round() as u32;
            let degraded = outage
                .degraded_hours
                .value(unit(&mut rng), normal(&mut rng))
                .round() as u32;
            let start = outage.start_hour;
            let mut c = vec![(start, 0.0)];
            if degraded > 0 {
                c.push((start + down, outage.degraded_level.clamp(0.0, 1.0)));
            }
            c.push((start + down + degraded, 1.0));
            c
        }
    });
    ZoneState {
        id: zone.id.clone(),
        courses,
        begun: [0; 9],
        next_change_hour: 0,
        levels_read: false,
        level: [1.0; 9],
        mobile_level: 1.0,
        data_level: 1.0,
        base_station_battery_hours: {
            let mut rng = stream(
                seed,
                run,
                Purpose::Run,
                &format!("{}/base_station", zone.id),
            );
            zone.base_station_battery_hours
                .value(unit(&mut rng), normal(&mut rng))
        },
        power_out_hours: 0,
        mobile_lost_logged: false,
    }
}

/// This run's staff risk shares (injured, injured family), drawn once per run.
fn run_staff_risks(hazard: &Hazard, seed: u64, run: u64) -> (f64, f64) {
    let risks = HazardState {
        hazard: hazard.clone(),
        alert_level: 0,
    }
    .staff_risks();
    let mut rng = stream(seed, run, Purpose::Run, "staff_risks");
    let (iu, iz) = (unit(&mut rng), normal(&mut rng));
    let (fu, fz) = (unit(&mut rng), normal(&mut rng));
    (
        risks.injury_share.share(iu, iz),
        risks.family_injured_share.share(fu, fz),
    )
}

/// Nine uniforms: the site's place in each lifeline's restoration order.
fn site_draws(id: &str, seed: u64, run: u64) -> [f64; 9] {
    let mut rng = stream(seed, run, Purpose::Site, id);
    std::array::from_fn(|_| unit(&mut rng))
}

/// A home's place in power's restoration order: the first of its [`site_draws`] (power is
/// the first lifeline), the only one the model reads of a patient's home.
fn power_site_draw(id: &str, seed: u64, run: u64) -> f64 {
    const _: () = assert!(Lifeline::Power as usize == 0);
    unit(&mut stream(seed, run, Purpose::Site, id))
}

fn agency_info(agency: &AgencySpec, index: usize, zone: usize, seed: u64, run: u64) -> AgencyInfo {
    let mut rng = stream(seed, run, Purpose::Run, &agency.id);
    let (scale_u, scale_z) = (unit(&mut rng), normal(&mut rng));
    let (car_u, car_z) = (unit(&mut rng), normal(&mut rng));
    let attendance = &agency.plan.attendance;
    AgencyInfo {
        curve_scale: attendance.curve_scale.value(scale_u, scale_z),
        car_delay_factor: attendance
            .roster
            .car_delay_factor
            .value(car_u, car_z)
            .max(1.0),
        index,
        id: agency.id.clone(),
        zone,
        normal_daily_staff: agency.staff.average_working_per_day,
        plan: agency.plan.clone(),
        work_week: WorkWeek::of(&agency.plan.work),
        equipment: agency.equipment.clone(),
        finance: agency.finance.clone(),
        site: site_draws(&agency.id, seed, run),
    }
}

/// Whether the rotation puts staff member `position` at work at the onset: the onset falls in
/// working time and the day's rota (W people, moving on by W each calendar day) includes them.
fn rostered_at_onset(
    scenario: &Scenario,
    agency: &AgencySpec,
    position: usize,
    n: usize,
    per_day: usize,
) -> bool {
    let work = &agency.plan.work;
    let t = &scenario.time;
    // The exact minute decides: a 07:58 onset is before an 08:00 start.
    let minute = t.onset_hour * 60 + t.onset_minute;
    let working_time = work.days.contains(&t.onset_weekday)
        && minute >= work.start_hour * 60
        && minute < work.end_hour * 60;
    // The onset falls on calendar day 0 of the rota, as in the staffing phase.
    working_time && in_rota(position, n, per_day, 0)
}

/// The day's rota: positions [d·W, d·W + W) modulo n.
fn in_rota(position: usize, n: usize, per_day: usize, day: u32) -> bool {
    if n == 0 {
        return false;
    }
    let start = (day as usize * per_day) % n;
    (position + n - start) % n < per_day.min(n)
}

fn staff_member(
    spec: &StaffMemberSpec,
    agency: usize,
    on_duty_at_onset: bool,
    risks: (f64, f64),
    seed: u64,
    run: u64,
) -> StaffMember {
    // Draw order is fixed so each draw keeps its meaning whatever the hazard.
    let mut rng = stream(seed, run, Purpose::Staff, &spec.id);
    let curve_key = unit(&mut rng);
    let injury_u = unit(&mut rng);
    let family_u = unit(&mut rng);
    let (delay_u, delay_z) = (unit(&mut rng), normal(&mut rng));
    let walk_u = unit(&mut rng);
    let rail_u = unit(&mut rng);
    let (injury_share, family_injured_share) = risks;
    let exemption = if injury_u < injury_share {
        Some(Exemption::Injured)
    } else if family_u < family_injured_share {
        Some(Exemption::FamilyInjured)
    } else if spec.small_children {
        Some(Exemption::SmallChildren)
    } else if spec.dependent_care {
        Some(Exemption::DependentCare)
    } else {
        None
    };
    StaffMember {
        id: spec.id.clone(),
        agency,
        bcp_role: spec.bcp_role,
        home_km: spec.home_km,
        commute: spec.commute,
        on_duty_at_onset,
        exemption,
        curve_key,
        delay_draw: (delay_u, delay_z),
        walk_u,
        rail_u,
    }
}

fn patient_entity(
    template: &PatientTemplate,
    agency: usize,
    (agency_spec, coping): (&AgencySpec, &crate::scenario::Coping),
    seed: u64,
    run: u64,
) -> (Patient, PatientState) {
    let (spec, zone) = (&template.spec, template.zone);
    // The household's coping draws, in a fixed order: admission delay, oxygen delivery,
    // bagging. Only a device's user ever reads them (see `Patient`); the stream is the
    // patient's own, so leaving it undrawn for the others changes no other draw.
    let [
        admission_delay_hours,
        oxygen_delivery_hours,
        manual_bagging_hours,
    ] = if spec.devices.is_empty() {
        [f64::NAN; 3]
    } else {
        let mut rng = stream(seed, run, Purpose::Coping, &spec.id);
        let (admit_u, admit_z) = (unit(&mut rng), normal(&mut rng));
        let (oxygen_u, oxygen_z) = (unit(&mut rng), normal(&mut rng));
        let (bag_u, bag_z) = (unit(&mut rng), normal(&mut rng));
        let admission = &agency_spec.plan.admission.delay_hours;
        [
            admission.value(admit_u, admit_z).max(0.0),
            coping
                .oxygen_delivery_hours
                .value(oxygen_u, oxygen_z)
                .max(0.0),
            coping.manual_bagging_hours.value(bag_u, bag_z),
        ]
    };
    let family_covers = spec
        .family_covers
        .iter()
        .fold(0u8, |m, c| m | (1 << c.index()));
    let patient = Patient {
        id: spec.id.clone(),
        agency,
        zone,
        class: spec.class,
        home_km: spec.home_km,
        has_phone: spec.has_phone,
        family_covers,
        admission_delay_hours,
        oxygen_delivery_hours,
        manual_bagging_hours,
    };
    let needs = spec
        .needs
        .iter()
        .zip(&template.first_due)
        .map(|(n, &first)| NeedState {
            category: n.category,
            every_hours: n.every_hours.max(1),
            next_due_hour: first,
            open: 0,
            delivered: 0,
            covered_by_family: 0,
        })
        .collect();
    let devices: Vec<DeviceState> = spec
        .devices
        .iter()
        .map(|d| DeviceState {
            kind: d.kind,
            capacity_hours: d.battery_hours.max(0.0),
            battery_hours: d.battery_hours.max(0.0),
            spare_capacity_hours: d.spare_battery_hours.max(0.0),
            spare_hours: d.spare_battery_hours.max(0.0),
            backup_hours: d.family_backup_hours.max(0.0),
            backup_capacity_hours: d.family_backup_hours.max(0.0),
        })
        .collect();
    let mut state = PatientState {
        family_covers: patient.family_covers,
        class: patient.class,
        has_phone: patient.has_phone,
        has_devices: !devices.is_empty(),
        zone: patient.zone as u32,
        home_km: patient.home_km,
        power_site: power_site_draw(&spec.id, seed, run),
        needs,
        devices,
        powered: true,
        ..PatientState::default()
    };
    state.refresh_next_due();
    (patient, state)
}

/// The scenario's agreements in force, with agency ids resolved.
fn agreements_in_force(scenario: &Scenario, index: &Index) -> Agreements {
    let resolve = |id: &str| index.agency_ids.get(id).copied();
    Agreements(
        scenario
            .agreements
            .iter()
            .filter(|a| a.status != AgreementStatus::Planned)
            .map(|a| {
                let travel = a.kind.travel_hours().max(0.0);
                let extra = if a.status == AgreementStatus::Verbal {
                    VERBAL_DELAY_HOURS
                } else {
                    0.0
                };
                AgreementInForce {
                    id: a.id.clone(),
                    directions: a
                        .kind
                        .directions()
                        .into_iter()
                        .filter_map(|(l, b)| Some((resolve(l)?, resolve(b)?)))
                        .collect(),
                    max_staff: a.kind.max_staff(),
                    travel_hours: travel,
                    delay_hours: travel + extra,
                    supplies: match &a.kind {
                        AgreementKind::SupplySharing {
                            from, to, items, ..
                        } => resolve(from)
                            .zip(resolve(to))
                            .map(|(f, t)| (f, t, items.clone())),
                        _ => None,
                    },
                    takeover: match &a.kind {
                        AgreementKind::PatientTakeover {
                            from,
                            to,
                            classes,
                            max_patients,
                            ..
                        } => resolve(from)
                            .zip(resolve(to))
                            .map(|(from, to)| TakeoverTerms {
                                from,
                                to,
                                classes: classes.iter().fold(0, |m, c| m | (1 << (*c as u8))),
                                max_patients: *max_patients,
                            }),
                        _ => None,
                    },
                }
            })
            .collect(),
    )
}

/// Each agency's safety-check list: its own patients, then (without a shared list) the
/// patients of other agencies that name it in `also_served_by`, in scenario order.
fn check_lists(scenario: &Scenario, index: &Index) -> Vec<Vec<usize>> {
    let mut lists = index.patients_by_agency.clone();
    if scenario.region.shared_safety_check_list {
        return lists;
    }
    for agency in &scenario.agencies {
        // Only listed patients name other agencies (profiles do not generate that).
        for spec in &agency.patients.members {
            let Some(&e) = index.patient_ids.get(&spec.id) else {
                continue;
            };
            for other in &spec.also_served_by {
                if let Some(&b) = index.agency_ids.get(other)
                    && other != &agency.id
                {
                    lists[b].push(e);
                }
            }
        }
    }
    lists
}
