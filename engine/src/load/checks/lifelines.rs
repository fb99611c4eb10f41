//! Zones and their lifelines (`scenario/lifelines.rs`).

use super::*;
use crate::scenario::*;

impl Checker<'_> {
    pub(super) fn lifeline_state(&mut self, path: &str, st: LifelineState) {
        if let LifelineState::Degraded(x) = st {
            self.share(path, x);
        }
    }

    pub(super) fn zone(&mut self, path: &str, z: &ZoneSpec) {
        self.dist(
            &format!("{path}.base_station_battery_hours"),
            &z.base_station_battery_hours,
        );
        for l in Lifeline::ALL {
            let lp = format!("{path}.lifelines.{}", l.key());
            match z.lifelines.get(l) {
                LifelineSpec::Up => {}
                LifelineSpec::Schedule(changes) => {
                    for (i, c) in changes.iter().enumerate() {
                        self.lifeline_state(&format!("{lp}[{i}].state"), c.state);
                    }
                    let hours: Vec<(String, u32)> = changes
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (format!("{lp}[{i}].hour"), c.hour))
                        .collect();
                    self.increasing(&hours);
                }
                LifelineSpec::Curve(c) => {
                    for (i, ch) in c.changes.iter().enumerate() {
                        self.lifeline_state(&format!("{lp}.changes[{i}].state"), ch.state);
                    }
                    let hours: Vec<(String, u32)> = c
                        .changes
                        .iter()
                        .enumerate()
                        .map(|(i, ch)| (format!("{lp}.changes[{i}].hour"), ch.hour))
                        .collect();
                    self.increasing(&hours);
                    self.dist_factor(&format!("{lp}.pace"), &c.pace);
                    self.dist_factor(&format!("{lp}.levels"), &c.levels);
                }
                LifelineSpec::Restoration(o) => {
                    self.dist(&format!("{lp}.down_hours"), &o.down_hours);
                    self.dist(&format!("{lp}.degraded_hours"), &o.degraded_hours);
                    self.share(&format!("{lp}.degraded_level"), o.degraded_level);
                }
            }
        }
    }
}
