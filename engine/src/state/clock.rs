use bevy_ecs::prelude::Resource;

use crate::scenario::{TimeSpec, Weekday, WorkPattern};

/// Simulated time. Step `t` covers hours [t·h, (t+1)·h) after onset, h = step length.
#[derive(Debug, Clone, Resource)]
pub struct Clock {
    pub step: u32,
    pub step_hours: u32,
    pub steps: u32,
    pub onset_weekday: Weekday,
    pub onset_hour: u32,
}

impl Clock {
    pub fn new(time: &TimeSpec, steps: u32) -> Clock {
        Clock {
            step: 0,
            step_hours: time.step_hours.max(1),
            steps,
            onset_weekday: time.onset_weekday,
            onset_hour: time.onset_hour % 24,
        }
    }

    /// Hours after onset at the start of this step.
    pub fn hour(&self) -> u32 {
        self.step * self.step_hours
    }

    /// Start of this step in minutes after onset (staff busy times are kept in minutes).
    pub fn minute(&self) -> u32 {
        self.hour() * 60
    }

    pub fn step_minutes(&self) -> u32 {
        self.step_hours * 60
    }

    /// Clock hour (0–23) at the start of this step.
    pub fn clock_hour(&self) -> u32 {
        (self.onset_hour + self.hour()) % 24
    }

    /// Calendar days since the onset's day (0 on the onset's date).
    pub fn calendar_day(&self) -> u32 {
        (self.onset_hour + self.hour()) / 24
    }

    pub fn weekday(&self) -> Weekday {
        self.onset_weekday.plus_days(self.calendar_day())
    }

    /// Whether this step is normal working time under `work`.
    pub fn is_working_time(&self, work: &WorkPattern) -> bool {
        let h = self.clock_hour();
        work.days.contains(&self.weekday()) && h >= work.start_hour && h < work.end_hour
    }

    /// Night for walking speeds: 18:00–06:00.
    pub fn is_night(&self) -> bool {
        let h = self.clock_hour();
        !(6..18).contains(&h)
    }
}

/// The run's identity for streams drawn during the run (infection draws per day).
#[derive(Debug, Clone, Copy, Resource)]
pub struct RunKey {
    pub seed: u64,
    pub run: u64,
}
