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
    /// The level of `lifeline` at `hour` from its course.
    pub fn course_level(&self, lifeline: Lifeline, hour: u32) -> f64 {
        let course = &self.courses[lifeline.index()];
        let mut level = 1.0;
        for &(from, l) in course {
            if from <= hour {
                level = l;
            } else {
                break;
            }
        }
        level
    }

    /// From `hour` on, `lifeline` stays in `state` (an event overrides the course).
    pub fn override_from(&mut self, lifeline: Lifeline, hour: u32, state: LifelineState) {
        let course = &mut self.courses[lifeline.index()];
        course.retain(|&(from, _)| from < hour);
        course.push((hour, state.level()));
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
