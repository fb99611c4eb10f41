//! The planner's levers work in the right direction, in expectation over paired runs.
//!
//! For each station (the embedded sample station and `scenarios/large-station.ron`) and each
//! lever a planner can pull (more staff, longer ventilator batteries, earlier power, more
//! portable power stations, more cars, car inverters, a family's spare ventilator battery),
//! run *i* of the base and run *i* of the changed scenario share the seed and so the same
//! disaster (common random numbers): the paired difference isolates the lever. For every
//! headline metric, the mean paired difference, signed so that positive is better, must not
//! fall below `−3 × its standard error − a tolerance` (see [`Metric::tolerance`]): a lever may
//! do nothing, but it must not make things measurably worse.
//!
//! A lever's table of mean differences goes to stderr: `cargo test --test levers --
//! --nocapture`. `lever_that_makes_things_worse_is_caught` shows the check can fail.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use bcpsim_engine::load::load_scenario;
use bcpsim_engine::outcome::Metrics;
use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};
use bcpsim_engine::scenario::{
    CommuteMode, Device, DeviceKind, Dist, Lifeline, LifelineSpec, Role, Scenario, StaffMemberSpec,
    StateChange, VisitMode,
};
use bcpsim_engine::{Lang, RunOptions, simulate};
use rayon::prelude::*;

/// Runs per comparison: enough for the standard error of a mean difference to be about a
/// fourteenth of the differences' spread.
const RUNS: u64 = 200;
const SEED: u64 = 20240101;

/// The tests run each scenario for 240 h (10 days) instead of its 720 h. Every metric checked
/// is settled by then: the confirmed shares at 24 h and 72 h and the class-A count at 24 h look
/// only at the first three days (a step never depends on later steps); power is back at 168 h
/// in the sample and by about 180 h at the latest in the large station (down at most ≈ 120 h,
/// then at most 60 h degraded), so no battery runs down after 240 h and the depleted counts and
/// hours are final. Only `class_a_all_confirmed_hour` is censored earlier (never confirmed
/// counts as 240 instead of 720). A third of the horizon keeps the file's debug run short.
const HORIZON_HOURS: u32 = 240;

// ------------------------------------------------------------------------------- stations

struct Station {
    name: &'static str,
    scenario: Scenario,
}

fn load(name: &str, text: &str) -> Scenario {
    let mut s = match load_scenario(name, text) {
        Ok(s) => s,
        Err(e) => panic!("{name} does not load:\n{}", e.render(Lang::En, false)),
    };
    s.time.horizon_hours = HORIZON_HOURS;
    s
}

fn stations() -> &'static [Station] {
    static STATIONS: OnceLock<Vec<Station>> = OnceLock::new();
    STATIONS.get_or_init(|| {
        let large_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/large-station.ron");
        let large_text = std::fs::read_to_string(&large_path).expect("large-station.ron reads");
        vec![
            Station {
                name: "sample",
                scenario: load(SAMPLE_STATION_NAME, SAMPLE_STATION),
            },
            Station {
                name: "large",
                scenario: load("scenarios/large-station.ron", &large_text),
            },
        ]
    })
}

// -------------------------------------------------------------------------------- metrics

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metric {
    ClassAUncontacted24h,
    ConfirmedShare24h,
    ConfirmedShare72h,
    ClassAAllConfirmedHour,
    BatteryDepletedPatients,
    DepletedPatientHours,
}

impl Metric {
    const ALL: [Metric; 6] = [
        Metric::ClassAUncontacted24h,
        Metric::ConfirmedShare24h,
        Metric::ConfirmedShare72h,
        Metric::ClassAAllConfirmedHour,
        Metric::BatteryDepletedPatients,
        Metric::DepletedPatientHours,
    ];

    /// Short column heading.
    fn label(self) -> &'static str {
        match self {
            Metric::ClassAUncontacted24h => "A_unc24",
            Metric::ConfirmedShare24h => "conf24",
            Metric::ConfirmedShare72h => "conf72",
            Metric::ClassAAllConfirmedHour => "A_all_h",
            Metric::BatteryDepletedPatients => "depl_pts",
            Metric::DepletedPatientHours => "depl_h",
        }
    }

    fn field(self) -> &'static str {
        match self {
            Metric::ClassAUncontacted24h => "critical.class_a_uncontacted_over_24h",
            Metric::ConfirmedShare24h => "safety_checks.confirmed_share_24h",
            Metric::ConfirmedShare72h => "safety_checks.confirmed_share_72h",
            Metric::ClassAAllConfirmedHour => "safety_checks.class_a_all_confirmed_hour",
            Metric::BatteryDepletedPatients => "critical.battery_depleted_patients",
            Metric::DepletedPatientHours => "critical.depleted_patient_hours",
        }
    }

    fn higher_is_better(self) -> bool {
        matches!(self, Metric::ConfirmedShare24h | Metric::ConfirmedShare72h)
    }

    fn value(self, m: &Metrics) -> f64 {
        match self {
            Metric::ClassAUncontacted24h => f64::from(m.critical.class_a_uncontacted_over_24h),
            Metric::ConfirmedShare24h => m.safety_checks.confirmed_share_24h,
            Metric::ConfirmedShare72h => m.safety_checks.confirmed_share_72h,
            // Never confirmed counts as the horizon: later than any confirmation.
            Metric::ClassAAllConfirmedHour => f64::from(
                m.safety_checks
                    .class_a_all_confirmed_hour
                    .unwrap_or(HORIZON_HOURS),
            ),
            Metric::BatteryDepletedPatients => f64::from(m.critical.battery_depleted_patients),
            Metric::DepletedPatientHours => f64::from(m.critical.depleted_patient_hours),
        }
    }

    /// How much worse on average a lever may be, in the metric's unit, before it counts as
    /// harm: well below anything a planner would notice, and needed because a lever that
    /// changes a metric in only a handful of runs has a standard error near zero, so that
    /// `−3 × SE` alone would flag one patient's one-step knock-on in one run out of 200.
    /// - patients (class A uncontacted, depleted): 0.05 a run, one patient in 20 runs;
    /// - confirmed shares: 0.002, a fifth of one patient of the sample's 100 (a third of one
    ///   of the large station's 170) a run;
    /// - the class-A all-confirmed hour: 1 h, one step (hours are reported per step);
    /// - depleted patient-hours: 1, one patient for one step a run.
    fn tolerance(self) -> f64 {
        match self {
            Metric::ClassAUncontacted24h | Metric::BatteryDepletedPatients => 0.05,
            Metric::ConfirmedShare24h | Metric::ConfirmedShare72h => 0.002,
            Metric::ClassAAllConfirmedHour | Metric::DepletedPatientHours => 1.0,
        }
    }

    /// Value of `lever` against `base` of the same run, positive when the lever is better.
    fn gain(self, base: &Metrics, lever: &Metrics) -> f64 {
        let d = self.value(lever) - self.value(base);
        if self.higher_is_better() { d } else { -d }
    }
}

/// The region metrics of runs 0..RUNS, in run order.
fn runs(scenario: &Scenario) -> Vec<Metrics> {
    (0..RUNS)
        .into_par_iter()
        .map(|run| {
            simulate(scenario, SEED, run, RunOptions::SUMMARY_ONLY)
                .summary
                .region
        })
        .collect()
}

/// The unchanged stations' runs, shared by every lever that compares with them.
fn base_runs(station: usize) -> &'static [Metrics] {
    static BASE: [OnceLock<Vec<Metrics>>; 2] = [OnceLock::new(), OnceLock::new()];
    BASE[station].get_or_init(|| runs(&stations()[station].scenario))
}

/// Mean paired gain and its standard error.
#[derive(Debug, Clone, Copy)]
struct Paired {
    mean: f64,
    se: f64,
}

impl Paired {
    fn of(metric: Metric, base: &[Metrics], lever: &[Metrics]) -> Paired {
        assert_eq!(base.len(), lever.len());
        let d: Vec<f64> = base
            .iter()
            .zip(lever)
            .map(|(b, l)| metric.gain(b, l))
            .collect();
        let n = d.len() as f64;
        // `+ 0.0` turns a −0 (no change in a lower-is-better metric) into 0 for the table.
        let mean = d.iter().sum::<f64>() / n + 0.0;
        let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        Paired {
            mean,
            se: (var / n).sqrt(),
        }
    }

    /// Not measurably worse: mean ≥ −3 SE − tolerance.
    fn not_worse(self, metric: Metric) -> bool {
        self.mean >= -3.0 * self.se - metric.tolerance()
    }
}

/// The runs of `scenario`, taken from the cache when it is the unchanged station (the
/// inverter lever's "on" side is the stations as shipped).
fn runs_of(station: usize, scenario: &Scenario) -> Cow<'static, [Metrics]> {
    if scenario == &stations()[station].scenario {
        Cow::Borrowed(base_runs(station))
    } else {
        Cow::Owned(runs(scenario))
    }
}

/// Every metric's paired gain of `change` over `base` (the station, first changed by
/// `set_up` if given) for one station.
fn compare(
    station: usize,
    set_up: Option<fn(&mut Scenario)>,
    change: fn(&mut Scenario),
) -> Vec<Paired> {
    let mut base = stations()[station].scenario.clone();
    if let Some(set_up) = set_up {
        set_up(&mut base);
    }
    let mut changed = base.clone();
    change(&mut changed);
    assert_ne!(changed, base, "the lever changes the scenario");
    let (base_metrics, lever_metrics) = (runs_of(station, &base), runs_of(station, &changed));
    Metric::ALL
        .iter()
        .map(|&m| Paired::of(m, &base_metrics, &lever_metrics))
        .collect()
}

/// Runs a lever on both stations, prints its rows of the table, and fails listing every
/// (station, metric) that got measurably worse.
fn check_lever(lever: &str, base: Option<fn(&mut Scenario)>, change: fn(&mut Scenario)) {
    let mut table = String::new();
    let mut failures = Vec::new();
    for (i, station) in stations().iter().enumerate() {
        let gains = compare(i, base, change);
        let _ = write!(table, "{lever:<22} {:<7}", station.name);
        for (&metric, g) in Metric::ALL.iter().zip(&gains) {
            let flag = if g.not_worse(metric) { ' ' } else { '!' };
            let _ = write!(table, " {:>9.3}±{:<7.3}{flag}", g.mean, g.se);
            if !g.not_worse(metric) {
                failures.push(format!(
                    "{}: {} worse: mean gain {:.4} < −3 × SE {:.4} − tolerance {}",
                    station.name,
                    metric.field(),
                    g.mean,
                    g.se,
                    metric.tolerance()
                ));
            }
        }
        table.push('\n');
    }
    eprint!("{}{table}", header());
    assert!(
        failures.is_empty(),
        "lever `{lever}` makes things worse ({RUNS} paired runs, seed {SEED}, {HORIZON_HOURS} h):\n  {}",
        failures.join("\n  ")
    );
}

fn header() -> String {
    let mut h = format!(
        "mean paired gain ± SE (positive = better; ! = fails), {RUNS} runs, {HORIZON_HOURS} h\n{:<22} {:<7}",
        "lever", "station"
    );
    for m in Metric::ALL {
        let _ = write!(h, " {:>18}", m.label());
    }
    h.push('\n');
    h
}

// --------------------------------------------------------------------------------- levers

/// Three more nurses living near the station (generated-style: bicycle commute and visits,
/// 1–2 km, no exemptions). The profile is expanded into listed members first, so everyone
/// keeps their id and with it their random draws; W is left unchanged.
fn more_staff(s: &mut Scenario) {
    for agency in &mut s.agencies {
        let mut members = agency.expanded_staff();
        for (k, km) in [1.0, 1.5, 2.0].into_iter().enumerate() {
            members.push(StaffMemberSpec {
                id: format!("{}-extra{}", agency.id, k + 1),
                name: None,
                role: Role::Nurse,
                bcp_role: None,
                home_km: km,
                commute: CommuteMode::Bicycle,
                visit_mode: VisitMode::Bicycle,
                small_children: false,
                dependent_care: false,
                on_duty_at_onset: None,
            });
        }
        agency.staff.members = members;
        agency.staff.profile = None;
    }
}

/// Applies `f` to every ventilator, listed patients' and profiles' alike.
fn for_each_ventilator(s: &mut Scenario, f: impl Fn(&mut Device)) {
    for agency in &mut s.agencies {
        let listed = agency
            .patients
            .members
            .iter_mut()
            .flat_map(|p| p.devices.iter_mut());
        let generated = agency
            .patients
            .profile
            .iter_mut()
            .flat_map(|p| p.classes.iter_mut())
            .flat_map(|c| c.devices.iter_mut())
            .map(|d| &mut d.device);
        for device in listed.chain(generated) {
            if device.kind == DeviceKind::Ventilator {
                f(device);
            }
        }
    }
}

/// Every ventilator's battery changed by `hours` (at least 0).
fn ventilator_batteries(s: &mut Scenario, hours: f64) {
    for_each_ventilator(s, |d| d.battery_hours = (d.battery_hours + hours).max(0.0));
}

fn longer_batteries(s: &mut Scenario) {
    ventilator_batteries(s, 24.0);
}

/// A distribution of hours moved `by` hours (negative: earlier). Draws use the same uniform
/// and normal under any distribution, so every run's draw moves by `by` (clamped at 0); a
/// log-normal is scaled so that its mean moves by `by` (every draw moves the same way).
fn shifted(d: &Dist, by: f64) -> Dist {
    match *d {
        Dist::Fixed(x) => Dist::Fixed((x + by).max(0.0)),
        Dist::Uniform { min, max } => Dist::Uniform {
            min: (min + by).max(0.0),
            max: (max + by).max(0.0),
        },
        Dist::Triangular { min, mode, max } => Dist::Triangular {
            min: (min + by).max(0.0),
            mode: (mode + by).max(0.0),
            max: (max + by).max(0.0),
        },
        Dist::Normal { mean, sd } => Dist::Normal {
            mean: mean + by,
            sd,
        },
        Dist::LogNormal { median, sigma } => {
            let mean = d.mean();
            Dist::LogNormal {
                median: median * ((mean + by).max(0.0) / mean),
                sigma,
            }
        }
    }
}

/// A schedule's changes after hour 0 moved 24 h earlier (not before hour 1; a change moved onto
/// an earlier one replaces it).
fn earlier(changes: &[StateChange]) -> Vec<StateChange> {
    let mut moved: Vec<StateChange> = Vec::new();
    for c in changes {
        let hour = if c.hour == 0 {
            0
        } else {
            c.hour.saturating_sub(24).max(1)
        };
        if moved.last().is_some_and(|m| m.hour >= hour) {
            moved.pop();
        }
        moved.push(StateChange {
            hour,
            state: c.state,
        });
    }
    moved
}

/// Power comes back 24 h earlier in every zone: a fixed schedule's changes after hour 0 move
/// 24 h earlier (not before hour 1; a change moved onto an earlier one replaces it); a random
/// restoration's time fully out is 24 h shorter.
fn earlier_power(s: &mut Scenario) {
    for zone in &mut s.zones {
        match &mut zone.lifelines.power {
            LifelineSpec::Up => {}
            LifelineSpec::Schedule(changes) => *changes = earlier(changes),
            // The written hours move 24 h earlier; the run's pace then scales them, so every
            // run's power still comes back earlier than in the base (by 24 h × its pace).
            LifelineSpec::Curve(paced) => paced.changes = earlier(&paced.changes),
            LifelineSpec::Restoration(outage) => {
                outage.down_hours = shifted(&outage.down_hours, -24.0);
            }
        }
    }
    // The lever must reach at least one zone's power.
    assert!(
        s.zones
            .iter()
            .any(|z| z.lifelines.get(Lifeline::Power) != &LifelineSpec::Up)
    );
}

fn more_power_stations(s: &mut Scenario) {
    for agency in &mut s.agencies {
        agency.equipment.portable_power_stations += 4;
    }
}

fn more_cars(s: &mut Scenario) {
    for agency in &mut s.agencies {
        agency.equipment.cars += 3;
    }
}

fn inverters_off(s: &mut Scenario) {
    for agency in &mut s.agencies {
        agency.equipment.car_inverters = false;
    }
}

fn inverters_on(s: &mut Scenario) {
    for agency in &mut s.agencies {
        agency.equipment.car_inverters = true;
    }
}

// ---------------------------------------------------------------------------------- tests

#[test]
fn more_staff_is_not_worse() {
    check_lever("more staff (+3, W same)", None, more_staff);
}

#[test]
fn longer_ventilator_batteries_are_not_worse() {
    check_lever("ventilators +24 h", None, longer_batteries);
}

#[test]
fn earlier_power_restoration_is_not_worse() {
    check_lever("power 24 h earlier", None, earlier_power);
}

#[test]
fn more_portable_power_stations_are_not_worse() {
    check_lever("power stations +4", None, more_power_stations);
}

#[test]
fn more_cars_are_not_worse() {
    check_lever("cars +3", None, more_cars);
}

#[test]
fn car_inverters_are_not_worse() {
    check_lever("inverters off → on", Some(inverters_off), inverters_on);
}

/// A family-held spare battery (`Device::spare_battery_hours`, 8 h: one external ventilator
/// battery, as the sample's 8 h → 16 h step) on every ventilator.
#[test]
fn a_spare_battery_is_not_worse() {
    check_lever("spare battery 8 h", None, spare_battery);
}

fn spare_battery(s: &mut Scenario) {
    for_each_ventilator(s, |d| d.spare_battery_hours += 8.0);
}

/// The harness can fail: ventilator batteries 6 h shorter must come out clearly worse on
/// depleted patient-hours, and the check used above must say so.
#[test]
fn lever_that_makes_things_worse_is_caught() {
    let metric = Metric::DepletedPatientHours;
    let i = Metric::ALL
        .iter()
        .position(|&m| m == metric)
        .expect("listed");
    let mut table = String::new();
    for (s, station) in stations().iter().enumerate() {
        let g = compare(s, None, |s| ventilator_batteries(s, -6.0))[i];
        let _ = writeln!(
            table,
            "{:<22} {:<7} {}: {:.3}±{:.3}",
            "ventilators −6 h",
            station.name,
            metric.label(),
            g.mean,
            g.se
        );
        assert!(
            !g.not_worse(metric),
            "{}: 6 h shorter batteries not detected as worse on {}: mean gain {:.4}, SE {:.4}",
            station.name,
            metric.field(),
            g.mean,
            g.se
        );
        // A clear margin: at least 5 patient-hours a run worse, 10 standard errors out.
        assert!(
            g.mean <= -5.0 && g.mean <= -10.0 * g.se,
            "{}: shorter batteries only {:.4} ± {:.4} patient-hours worse",
            station.name,
            g.mean,
            g.se
        );
    }
    eprint!("{table}");
}

/// The base runs' means, for reading the table (printed), and the large station's random
/// lifelines (`Restoration`) really give a different disaster in different runs.
#[test]
fn base_runs_vary_with_the_disaster() {
    let mut table = format!("{:<22} {:<7}", "base means", "station");
    for m in Metric::ALL {
        let _ = write!(table, " {:>10}", m.label());
    }
    table.push('\n');
    for (i, station) in stations().iter().enumerate() {
        let _ = write!(table, "{:<22} {:<7}", "", station.name);
        for m in Metric::ALL {
            let mean = base_runs(i).iter().map(|r| m.value(r)).sum::<f64>() / RUNS as f64;
            let _ = write!(table, " {mean:>10.3}");
        }
        table.push('\n');
    }
    eprint!("{table}");
    let mut hours: Vec<u32> = base_runs(1)
        .iter()
        .map(|r| r.critical.depleted_patient_hours)
        .collect();
    hours.sort_unstable();
    hours.dedup();
    assert!(
        hours.len() >= 20,
        "the large station's depleted patient-hours take only {} values in {RUNS} runs",
        hours.len()
    );
}

/// Expanding a staff profile into listed members (as `more_staff` does) is itself neutral:
/// the same people with the same ids give the same runs.
#[test]
fn expanding_the_staff_profile_changes_nothing() {
    for station in stations() {
        let mut expanded = station.scenario.clone();
        for agency in &mut expanded.agencies {
            agency.staff.members = agency.expanded_staff();
            agency.staff.profile = None;
        }
        for run in 0..3 {
            assert_eq!(
                simulate(&station.scenario, SEED, run, RunOptions::SUMMARY_ONLY),
                simulate(&expanded, SEED, run, RunOptions::SUMMARY_ONLY),
                "{} run {run}",
                station.name
            );
        }
    }
}

/// The helpers move what they say they move.
#[test]
fn lever_helpers_change_what_they_name() {
    let sample = &stations()[0].scenario;
    let mut s = sample.clone();
    earlier_power(&mut s);
    let LifelineSpec::Curve(paced) = &s.zones[0].lifelines.power else {
        panic!("the sample's power is a paced schedule");
    };
    let hours: Vec<u32> = paced.changes.iter().map(|c| c.hour).collect();
    assert_eq!(hours, vec![0, 48, 72, 96, 120, 144]);

    let large = &stations()[1].scenario;
    let mut l = large.clone();
    earlier_power(&mut l);
    let LifelineSpec::Restoration(outage) = &l.zones[0].lifelines.power else {
        panic!("the large station's power is a random restoration");
    };
    assert_eq!(
        outage.down_hours,
        Dist::Normal {
            mean: 48.0,
            sd: 12.0
        }
    );

    let mut v = sample.clone();
    longer_batteries(&mut v);
    let hours: Vec<f64> = v.agencies[0]
        .patients
        .profile
        .as_ref()
        .expect("profile")
        .classes[0]
        .devices
        .iter()
        .filter(|d| d.device.kind == DeviceKind::Ventilator)
        .map(|d| d.device.battery_hours)
        .collect();
    // The sample's 2, 8 and 16 h, each 24 h longer.
    assert_eq!(hours, vec![26.0, 32.0, 40.0]);

    let mut m = sample.clone();
    more_staff(&mut m);
    assert_eq!(m.agencies[0].expanded_staff().len(), 18);
    assert_eq!(m.agencies[0].staff.average_working_per_day, 9.0);

    let ln = Dist::LogNormal {
        median: 100.0,
        sigma: 0.5,
    };
    assert!((shifted(&ln, -24.0).mean() - (ln.mean() - 24.0)).abs() < 1e-9);
}
