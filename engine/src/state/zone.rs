use bevy_ecs::prelude::Resource;

use crate::scenario::{Hazard, Intensity, Lifeline, LifelineState, StaffRisks};

/// Whether a site at restoration position `u` (uniform in [0, 1), drawn per site and lifeline)
/// is served when a share `level` of the zone is: the first `level` of sites are.
pub fn served(level: f64, u: f64) -> bool {
    u < level
}

/// One zone's lifelines over the run.
#[derive(Debug, Clone)]
pub struct ZoneState {
    pub id: String,
    /// Per lifeline, the course as (hour from which, level) in hour order; level 1 before the
    /// first change.
    pub courses: [Vec<(u32, f64)>; 9],
    /// Per lifeline, how many entries of its course have begun by the last hour asked
    /// ([`ZoneState::level_at`]).
    pub begun: [u32; 9],
    /// The earliest hour a lifeline's course changes next (`u32::MAX` when none does; 0 when
    /// the courses must be read again): until then the levels stay as they are.
    pub next_change_hour: u32,
    /// The levels were read again this step: what depends on them is worked out again.
    pub levels_read: bool,
    /// Per lifeline, the level this step (0–1), before dependencies.
    pub level: [f64; 9],
    /// Voice telecom usable by mobile phones: the voice level, cut to the power level once
    /// base-station batteries have run out.
    pub mobile_level: f64,
    /// Mobile data (SMS, messages), cut like voice once base-station batteries have run out.
    pub data_level: f64,
    pub base_station_battery_hours: f64,
    /// Hours power has been below full in a row.
    pub power_out_hours: u32,
    pub mobile_lost_logged: bool,
}

impl ZoneState {
    /// The level of `lifeline` at `hour` from its course: that of the last change begun by
    /// then, 1 before the first. Hours asked must not go back (a run's steps); a cursor per
    /// lifeline remembers where the course stands, so a step reads one entry.
    pub fn level_at(&mut self, lifeline: Lifeline, hour: u32) -> f64 {
        let i = lifeline.index();
        let course = &self.courses[i];
        let mut begun = self.begun[i] as usize;
        while course.get(begun).is_some_and(|&(from, _)| from <= hour) {
            begun += 1;
        }
        self.begun[i] = begun as u32;
        begun.checked_sub(1).map_or(1.0, |k| course[k].1)
    }

    /// The earliest hour an entry of some lifeline's course not yet begun starts.
    pub fn next_change(&self) -> u32 {
        self.courses
            .iter()
            .zip(self.begun)
            .filter_map(|(course, begun)| course.get(begun as usize).map(|&(from, _)| from))
            .min()
            .unwrap_or(u32::MAX)
    }

    /// From `hour` on, `lifeline` stays in `state` (an event overrides the course).
    pub fn override_from(&mut self, lifeline: Lifeline, hour: u32, state: LifelineState) {
        let course = &mut self.courses[lifeline.index()];
        course.retain(|&(from, _)| from < hour);
        course.push((hour, state.level()));
        // Read again from the start at the next step (entries before `hour` are kept).
        self.begun[lifeline.index()] = 0;
        self.next_change_hour = 0;
    }

    pub fn level_of(&self, lifeline: Lifeline) -> f64 {
        self.level[lifeline.index()]
    }
}

/// All zones, in scenario order.
#[derive(Debug, Clone, Resource)]
pub struct Zones(pub Vec<ZoneState>);

/// The hazard as the rules see it this step.
#[derive(Debug, Clone, Resource)]
pub struct HazardState {
    pub hazard: Hazard,
    /// Current storm alert level (0 when none has been issued).
    pub alert_level: u8,
}

impl HazardState {
    /// The row of the assembly table (004 §3-9) in force, on one scale for intensities and
    /// alert levels: 0 = no one assembles; 3 = 5強 / alert 3, leaders; 4 = 6弱 / alert 4, BCP
    /// members and near staff; 5 = 6強 or more / alert 5, everyone within reach.
    pub fn assembly_level(&self) -> u8 {
        match &self.hazard {
            Hazard::Earthquake { intensity, .. } => match intensity {
                Intensity::FourOrLess | Intensity::FiveLower => 0,
                Intensity::FiveUpper => 3,
                Intensity::SixLower => 4,
                Intensity::SixUpper | Intensity::Seven => 5,
            },
            Hazard::Storm { .. } => match self.alert_level {
                0..=2 => 0,
                3 => 3,
                4 => 4,
                _ => 5,
            },
            Hazard::None | Hazard::Infection(_) => 0,
        }
    }

    pub fn staff_risks(&self) -> StaffRisks {
        match &self.hazard {
            Hazard::Earthquake { staff_risks, .. } | Hazard::Storm { staff_risks, .. } => {
                staff_risks.clone()
            }
            Hazard::None | Hazard::Infection(_) => StaffRisks::none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(course: Vec<(u32, f64)>) -> ZoneState {
        let mut courses: [Vec<(u32, f64)>; 9] = Default::default();
        courses[Lifeline::Power.index()] = course;
        ZoneState {
            id: "z".into(),
            courses,
            begun: [0; 9],
            next_change_hour: 0,
            levels_read: false,
            level: [1.0; 9],
            mobile_level: 1.0,
            data_level: 1.0,
            base_station_battery_hours: 0.0,
            power_out_hours: 0,
            mobile_lost_logged: false,
        }
    }

    #[test]
    fn the_next_change_is_the_first_course_entry_not_yet_begun() {
        // Power: out at 2 h, 60 % at 5 h, back at 9 h; water out at 3 h, back at 40 h.
        let mut z = zone(vec![(2, 0.0), (5, 0.6), (9, 1.0)]);
        z.courses[Lifeline::Water.index()] = vec![(3, 0.0), (40, 1.0)];
        assert_eq!(z.next_change(), 2, "nothing read yet");
        for (hour, next) in [(0, 2), (2, 3), (3, 5), (6, 9), (9, 40), (40, u32::MAX)] {
            for l in Lifeline::ALL {
                z.level_at(l, hour);
            }
            assert_eq!(z.next_change(), next, "at {hour} h");
        }
        // An override at 50 h puts power out again: the courses are read from that hour.
        z.override_from(Lifeline::Power, 50, LifelineState::Down);
        assert_eq!(z.next_change_hour, 0, "read again at the next step");
        assert_eq!(
            z.next_change(),
            2,
            "the power course is read from its start"
        );
    }

    #[test]
    fn the_level_follows_the_course_hour_by_hour_and_after_an_override() {
        // Out at 2 h, 60 % back at 5 h, all back at 9 h.
        let mut z = zone(vec![(2, 0.0), (5, 0.6), (9, 1.0)]);
        let levels: Vec<f64> = (0..11).map(|h| z.level_at(Lifeline::Power, h)).collect();
        let want = [1.0, 1.0, 0.0, 0.0, 0.0, 0.6, 0.6, 0.6, 0.6, 1.0, 1.0];
        assert_eq!(levels, want);
        // An event at 10 h cuts it again for good: the cursor (past every entry) reads the
        // new course, and the untouched lifelines stay at 1.
        z.override_from(Lifeline::Power, 10, LifelineState::Down);
        assert_eq!(z.level_at(Lifeline::Power, 10), 0.0);
        assert_eq!(z.level_at(Lifeline::Power, 30), 0.0);
        assert_eq!(z.level_at(Lifeline::Water, 30), 1.0);
    }

    #[test]
    fn an_override_before_later_changes_drops_them() {
        let mut z = zone(vec![(2, 0.0), (8, 1.0)]);
        assert_eq!(z.level_at(Lifeline::Power, 3), 0.0);
        // Restored at 4 h by an event: the course's own restoration at 8 h is gone.
        z.override_from(Lifeline::Power, 4, LifelineState::Up);
        assert_eq!(z.level_at(Lifeline::Power, 4), 1.0);
        assert_eq!(z.level_at(Lifeline::Power, 8), 1.0);
    }
}
