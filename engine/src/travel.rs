//! Travel times for commuting and visits, from distance, mode and lifeline state.
//! Sources (docs/model.md, "Staffing" and "Sources"): walking 3.6 km/h (elderly evacuation
//! speed 1.0 m/s), 80 % of that at night; everyone can walk 10 km, from 10 to 20 km 10 % more cannot per extra km, beyond
//! 20 km no one (Cabinet Office); bicycle about 15 km/h; car commutes took 4 to 15 times the
//! normal time after Kobe 1995 (the plan's `car_delay_factor`).

use crate::scenario::{CommuteMode, RosterRules, VisitMode};

/// Urban car and motorbike speed with clear roads, km/h.
const MOTOR_KM_PER_HOUR: f64 = 25.0;
const BICYCLE_KM_PER_HOUR: f64 = 15.0;
/// Trains and buses: speed plus waiting, when running.
const TRANSIT_KM_PER_HOUR: f64 = 30.0;
const TRANSIT_WAIT_HOURS: f64 = 0.25;
/// Two-wheelers on impaired roads (debris, detours) and on blocked roads.
const TWO_WHEEL_IMPAIRED_FACTOR: f64 = 1.5;
const TWO_WHEEL_BLOCKED_FACTOR: f64 = 2.0;
/// Walking on foot, day speed, when nothing else is said (visits).
pub const WALK_KM_PER_HOUR: f64 = 3.6;

/// What the way to work looks like this step.
#[derive(Debug, Clone, Copy)]
pub struct Conditions {
    /// Roads level in the zone (0 blocked, 1 clear).
    pub roads: f64,
    /// Whether this person's train line runs.
    pub rail_runs: bool,
    pub night: bool,
    /// How many times longer a car journey takes on impaired roads (this run's
    /// `car_delay_factor`).
    pub car_delay: f64,
}

/// Whether someone can walk `km` (Cabinet Office rule), given their own draw `walk_u`.
pub fn can_walk(km: f64, walk_u: f64) -> bool {
    if km <= 10.0 {
        true
    } else if km >= 20.0 {
        false
    } else {
        walk_u >= (km - 10.0) * 0.1
    }
}

/// Hours to get to work by `mode`, or `None` if that mode cannot make it.
pub fn commute_hours(
    mode: CommuteMode,
    km: f64,
    c: Conditions,
    rules: &RosterRules,
    walk_u: f64,
) -> Option<f64> {
    let km = km.max(0.0);
    match mode {
        CommuteMode::PublicTransport => c
            .rail_runs
            .then(|| km / TRANSIT_KM_PER_HOUR + TRANSIT_WAIT_HOURS),
        CommuteMode::Car => motor_hours(km, c.roads, c.car_delay),
        CommuteMode::Motorbike => Some(two_wheel_hours(km, MOTOR_KM_PER_HOUR, c.roads)),
        CommuteMode::Bicycle => Some(two_wheel_hours(km, BICYCLE_KM_PER_HOUR, c.roads)),
        CommuteMode::Walk => {
            let speed = rules.walk_km_per_hour
                * if c.night {
                    rules.night_walk_factor
                } else {
                    1.0
                };
            (can_walk(km, walk_u) && speed > 0.0).then(|| km / speed)
        }
    }
}

/// Hours to get to work: by one's own mode, or on foot when that mode cannot make it.
pub fn commute_hours_or_walk(
    mode: CommuteMode,
    km: f64,
    c: Conditions,
    rules: &RosterRules,
    walk_u: f64,
) -> Option<f64> {
    commute_hours(mode, km, c, rules, walk_u)
        .or_else(|| commute_hours(CommuteMode::Walk, km, c, rules, walk_u))
}

/// One-way hours of a visit by `mode` (which the caller has checked is usable).
pub fn visit_hours(mode: VisitMode, km: f64, roads: f64, car_delay_factor: f64) -> f64 {
    let km = km.max(0.0);
    match mode {
        VisitMode::Car => motor_hours(km, roads, car_delay_factor).unwrap_or(f64::INFINITY),
        VisitMode::Motorbike => two_wheel_hours(km, MOTOR_KM_PER_HOUR, roads),
        VisitMode::Bicycle => two_wheel_hours(km, BICYCLE_KM_PER_HOUR, roads),
        VisitMode::Walk => km / WALK_KM_PER_HOUR,
    }
}

/// Cars cannot pass blocked roads; on impaired roads they are slowed by `delay_factor`.
fn motor_hours(km: f64, roads: f64, delay_factor: f64) -> Option<f64> {
    if roads <= 0.0 {
        None
    } else if roads < 1.0 {
        Some(km / MOTOR_KM_PER_HOUR * delay_factor.max(1.0))
    } else {
        Some(km / MOTOR_KM_PER_HOUR)
    }
}

fn two_wheel_hours(km: f64, speed: f64, roads: f64) -> f64 {
    let factor = if roads <= 0.0 {
        TWO_WHEEL_BLOCKED_FACTOR
    } else if roads < 1.0 {
        TWO_WHEEL_IMPAIRED_FACTOR
    } else {
        1.0
    };
    km / speed * factor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walking_limits_follow_the_cabinet_office_rule() {
        assert!(can_walk(10.0, 0.0));
        // 15 km: 50 % cannot; a draw of 0.49 cannot, 0.5 can.
        assert!(!can_walk(15.0, 0.49));
        assert!(can_walk(15.0, 0.5));
        assert!(!can_walk(20.0, 0.99));
    }

    #[test]
    fn commute_times() {
        let rules = RosterRules::default();
        let clear = Conditions {
            roads: 1.0,
            rail_runs: true,
            night: false,
            car_delay: 4.0,
        };
        let blocked = Conditions {
            roads: 0.0,
            rail_runs: false,
            night: true,
            car_delay: 4.0,
        };
        // 3.6 km on foot by day: 1 h; by night at 80 %: 1.25 h.
        assert_eq!(
            commute_hours(CommuteMode::Walk, 3.6, clear, &rules, 0.0),
            Some(1.0)
        );
        let close = |x: Option<f64>, y: f64| x.is_some_and(|x| (x - y).abs() < 1e-12);
        assert!(close(
            commute_hours(CommuteMode::Walk, 3.6, blocked, &rules, 0.0),
            1.25
        ));
        // No car and no train on blocked roads and stopped rail; walking is the fallback.
        assert_eq!(
            commute_hours(CommuteMode::Car, 5.0, blocked, &rules, 0.0),
            None
        );
        assert_eq!(
            commute_hours(CommuteMode::PublicTransport, 5.0, blocked, &rules, 0.0),
            None
        );
        assert!(close(
            commute_hours_or_walk(CommuteMode::Car, 3.6, blocked, &rules, 0.0),
            1.25
        ));
        // 15 km by bicycle, clear: 1 h; impaired roads: 1.5 h.
        let impaired = Conditions {
            roads: 0.5,
            ..clear
        };
        assert_eq!(
            commute_hours(CommuteMode::Bicycle, 15.0, clear, &rules, 0.0),
            Some(1.0)
        );
        assert_eq!(
            commute_hours(CommuteMode::Bicycle, 15.0, impaired, &rules, 0.0),
            Some(1.5)
        );
        // 25 km by car on impaired roads with the default factor 4: 4 h.
        assert_eq!(
            commute_hours(CommuteMode::Car, 25.0, impaired, &rules, 0.0),
            Some(4.0)
        );
    }
}
