use serde::{Deserialize, Serialize};

/// When the disaster strikes and how time advances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeSpec {
    /// Weekday of the onset (発災): who is at work depends on it.
    pub onset_weekday: Weekday,
    /// Clock hour of the onset, 0–23 (14 = 14:00).
    pub onset_hour: u32,
    /// Minute of the onset, 0–59 (`onset_hour: 21, onset_minute: 26` = 21:26). Default 0.
    /// Steps are counted from the onset itself; the rules that read the clock (working time,
    /// night, calendar day, weekday) read it as if the onset were at the nearest whole hour
    /// (21:26 → 21:00, 07:58 → 08:00); who is at work at the onset is decided by the exact
    /// minute.
    #[serde(default)]
    pub onset_minute: u32,
    /// Length of one step in hours (default 1). Must divide 24.
    #[serde(default = "one")]
    pub step_hours: u32,
    /// How long the run lasts, in hours after onset (720 = 30 days).
    pub horizon_hours: u32,
    /// Extra hours after onset at which the summary records attendance and the confirmed
    /// share, besides the fixed ones (attendance at 0, 6, 24, 72, 168, 720 h). Default none.
    /// Used by calibration scenarios (e.g. `[1, 3, 4, 7]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub report_hours: Vec<u32>,
}

impl TimeSpec {
    /// The onset as the rules' clock reads it: the nearest whole hour (0–23) and how many days
    /// rounding moved it (1 for 23:30 or later, else 0).
    pub fn rule_onset(&self) -> (u32, u32) {
        let rounded = (self.onset_hour % 24) + u32::from(self.onset_minute >= 30);
        (rounded % 24, rounded / 24)
    }
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// 0 for Monday … 6 for Sunday.
    pub fn index(self) -> u32 {
        self as u32
    }

    /// The weekday `days` after this one.
    pub fn plus_days(self, days: u32) -> Weekday {
        Weekday::ALL[((self.index() + days) % 7) as usize]
    }
}
