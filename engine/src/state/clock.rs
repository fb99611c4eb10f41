use bevy_ecs::prelude::Resource;

use crate::scenario::{TimeSpec, Weekday, WorkPattern};

/// An agency's working hours (the plan's [`WorkPattern`]) as every step asks them: the weekdays
/// as bits in the agency's own record, not a list elsewhere on the heap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkWeek {
    start_hour: u32,
    end_hour: u32,
    /// Bit `d as u8` set = weekday `d` is a working day.
    days: u8,
}

impl WorkWeek {
    pub fn of(work: &WorkPattern) -> WorkWeek {
        WorkWeek {
            start_hour: work.start_hour,
            end_hour: work.end_hour,
            days: work.days.iter().fold(0, |set, &d| set | 1 << d as u8),
        }
    }
}

/// Simulated time. Step `t` covers hours [t·h, (t+1)·h) after onset, h = step length. The
/// step is set through [`Clock::set_step`], which works out once what every phase asks of it
/// (the hour, the clock hour, the calendar day and weekday).
#[derive(Debug, Clone, Resource)]
pub struct Clock {
    step: u32,
    pub step_hours: u32,
    pub onset_weekday: Weekday,
    pub onset_hour: u32,
    /// The scenario's extra report hours (`time.report_hours`).
    pub report_hours: Vec<u32>,
    /// Of the step: hours after onset, clock hour, calendar day, weekday.
    hour: u32,
    clock_hour: u32,
    calendar_day: u32,
    weekday: Weekday,
}

impl Clock {
    /// The rules' clock reads a minute onset as the nearest whole hour (`TimeSpec::rule_onset`).
    pub fn new(time: &TimeSpec) -> Clock {
        let (onset_hour, days) = time.rule_onset();
        let mut clock = Clock {
            step: 0,
            step_hours: time.step_hours.max(1),
            onset_weekday: time.onset_weekday.plus_days(days),
            onset_hour,
            report_hours: time.report_hours.clone(),
            hour: 0,
            clock_hour: 0,
            calendar_day: 0,
            weekday: Weekday::Mon,
        };
        clock.set_step(0);
        clock
    }

    /// The step the run is at (0 at the onset).
    pub fn step(&self) -> u32 {
        self.step
    }

    /// Moves the clock to step `step`.
    pub fn set_step(&mut self, step: u32) {
        self.step = step;
        self.hour = step * self.step_hours;
        self.clock_hour = (self.onset_hour + self.hour) % 24;
        self.calendar_day = self.calendar_day_at(self.hour);
        self.weekday = self.onset_weekday.plus_days(self.calendar_day);
    }

    /// Hours after onset at the start of this step.
    pub fn hour(&self) -> u32 {
        self.hour
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
        self.clock_hour
    }

    /// Calendar days since the onset's day (0 on the onset's date).
    pub fn calendar_day(&self) -> u32 {
        self.calendar_day
    }

    /// Calendar days since the onset's day at `hour` after onset.
    pub fn calendar_day_at(&self, hour: u32) -> u32 {
        (self.onset_hour + hour) / 24
    }

    pub fn weekday(&self) -> Weekday {
        self.weekday
    }

    /// Whether this step is normal working time under `work`.
    pub fn is_working_time(&self, work: &WorkWeek) -> bool {
        let h = self.clock_hour();
        work.days & (1 << self.weekday() as u8) != 0 && h >= work.start_hour && h < work.end_hour
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_scenario;
    use crate::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};

    fn time(weekday: Weekday, hour: u32, minute: u32) -> TimeSpec {
        TimeSpec {
            onset_weekday: weekday,
            onset_hour: hour,
            onset_minute: minute,
            step_hours: 1,
            horizon_hours: 48,
            report_hours: Vec::new(),
        }
    }

    /// Work on Monday, Wednesday and Saturday, 09:00-17:00, from a Saturday 08:00 onset:
    /// not yet at 08:00, working at 09:00 and 16:00, off at 17:00, and off all Sunday.
    #[test]
    fn working_time_follows_the_plan_s_days_and_hours() {
        let work = WorkWeek::of(&WorkPattern {
            start_hour: 9,
            end_hour: 17,
            days: vec![Weekday::Mon, Weekday::Wed, Weekday::Sat],
        });
        let mut c = Clock::new(&time(Weekday::Sat, 8, 0));
        let at = |c: &mut Clock, step| {
            c.set_step(step);
            c.is_working_time(&work)
        };
        assert!(!at(&mut c, 0), "Sat 08:00");
        assert!(at(&mut c, 1), "Sat 09:00");
        assert!(at(&mut c, 8), "Sat 16:00");
        assert!(!at(&mut c, 9), "Sat 17:00");
        assert!(!at(&mut c, 25), "Sun 09:00");
        assert!(at(&mut c, 49), "Mon 09:00");
        assert!(!at(&mut c, 73), "Tue 09:00");
    }

    /// The rules read a minute onset at the nearest whole hour; steps still count from it.
    #[test]
    fn a_minute_onset_is_read_at_the_nearest_hour() {
        let c = Clock::new(&time(Weekday::Thu, 21, 26));
        assert_eq!((c.clock_hour(), c.weekday()), (21, Weekday::Thu));
        let c = Clock::new(&time(Weekday::Mon, 7, 58));
        assert_eq!(c.clock_hour(), 8);
        let work = WorkWeek::of(&WorkPattern::default());
        assert!(c.is_working_time(&work), "07:58 + 1 step reads as 08:00");
        // 23:45 on a Sunday reads as Monday 00:00.
        let mut c = Clock::new(&time(Weekday::Sun, 23, 45));
        assert_eq!((c.clock_hour(), c.weekday()), (0, Weekday::Mon));
        c.set_step(24);
        assert_eq!(
            (c.clock_hour(), c.weekday(), c.calendar_day()),
            (0, Weekday::Tue, 1)
        );
        // Minute 0 is the whole-hour onset of older files.
        let c = Clock::new(&time(Weekday::Wed, 14, 0));
        assert_eq!((c.clock_hour(), c.weekday()), (14, Weekday::Wed));
    }

    /// Who is at work at the onset follows the exact minute: 07:58 is before an 08:00 start.
    #[test]
    fn who_is_at_work_follows_the_exact_minute() {
        let base = load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
        let at_work = |hour: u32, minute: u32| {
            let mut s = base.clone();
            s.time.onset_weekday = Weekday::Mon;
            s.time.onset_hour = hour;
            s.time.onset_minute = minute;
            let state = crate::build::build_state(&s, 1, 0, crate::RunOptions::SUMMARY_ONLY);
            state
                .staff
                .member
                .iter()
                .filter(|m| m.on_duty_at_onset)
                .count()
        };
        assert_eq!(at_work(7, 58), 0);
        assert_eq!(at_work(8, 0), 9);
        assert_eq!(at_work(17, 59), 9);
        assert_eq!(at_work(18, 0), 0);
    }
}
