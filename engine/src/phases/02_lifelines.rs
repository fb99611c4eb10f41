//! Phase 2: each zone's lifelines from their course, then the dependencies of docs/model.md at
//! every agency building: mobile networks fail once base-station batteries run out in a long
//! power cut (004 §1-3); toilets are unusable while water, power or sewer is out (004 §2-5).
//! Patients' homes read the zone levels in their own phase.

use crate::outcome::EventKind;
use crate::scenario::Lifeline;
use crate::state::{Log, RunState, ZoneState, served};

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn update_lifelines(st: &mut RunState) {
    let RunState {
        clock,
        zones,
        agencies,
        log,
        ..
    } = st;
    let hour = clock.hour();
    for zone in &mut zones.0 {
        // Courses change at a few hours of a run: between them the levels stay as they are.
        zone.levels_read = clock.step() == 0 || hour >= zone.next_change_hour;
        if zone.levels_read {
            read_levels(zone, hour, clock.step(), log);
        }
        let power = zone.level_of(Lifeline::Power);
        if power < 1.0 {
            zone.power_out_hours += clock.step_hours;
        } else {
            zone.power_out_hours = 0;
            zone.mobile_lost_logged = false;
        }
        let voice = zone.level_of(Lifeline::TelecomVoice);
        let batteries_flat = f64::from(zone.power_out_hours) > zone.base_station_battery_hours;
        let data = zone.level_of(Lifeline::TelecomData);
        (zone.mobile_level, zone.data_level) = if batteries_flat {
            (voice.min(power), data.min(power))
        } else {
            (voice, data)
        };
        if batteries_flat && !zone.mobile_lost_logged {
            zone.mobile_lost_logged = true;
            log.event(
                hour,
                EventKind::MobileNetworkLost,
                None,
                Some(&zone.id),
                Some(zone.mobile_level),
                "",
            );
        }
    }
    for (info, state) in agencies.info.iter().zip(&mut agencies.state) {
        let zone = &zones.0[info.zone];
        // Telecom degradation is congestion: the network is there while any of it works, and
        // each call gets through with the level as its chance (safety-checks phase).
        state.mobile_level = zone.mobile_level;
        state.mobile_ok = zone.mobile_level > 0.0;
        state.data_level = zone.data_level;
        if !zone.levels_read {
            continue; // the building is served as in the step before
        }
        let mut served_now = [false; 9];
        for l in Lifeline::ALL {
            served_now[l.index()] = served(zone.level_of(l), info.site[l.index()]);
        }
        if info.equipment.generator {
            served_now[Lifeline::Power.index()] = true;
        }
        state.toilets_usable = served_now[Lifeline::Water.index()]
            && served_now[Lifeline::Power.index()]
            && served_now[Lifeline::Sewer.index()];
        state.served = served_now;
    }
}

/// Reads each lifeline's level at `hour` from its course, logs what changed (at the first
/// step, whatever is out), and notes when the courses change next.
fn read_levels(zone: &mut ZoneState, hour: u32, step: u32, log: &mut Log) {
    for l in Lifeline::ALL {
        let level = zone.level_at(l, hour);
        if level != zone.level[l.index()] || (step == 0 && level < 1.0) {
            let subject = format!("{}/{}", zone.id, l.key());
            log.event(
                hour,
                EventKind::LifelineChanged,
                None,
                Some(&subject),
                Some(level),
                "",
            );
        }
        zone.level[l.index()] = level;
    }
    zone.next_change_hour = zone.next_change();
}
