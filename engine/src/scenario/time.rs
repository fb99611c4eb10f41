use serde::{Deserialize, Serialize};

/// When the disaster strikes and how time advances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeSpec {
    /// Weekday of the onset (発災): who is at work depends on it.
    pub onset_weekday: Weekday,
    /// Clock hour of the onset, 0–23 (14 = 14:00).
    pub onset_hour: u32,
    /// Length of one step in hours (default 1). Must divide 24.
    #[serde(default = "one")]
    pub step_hours: u32,
    /// How long the run lasts, in hours after onset (720 = 30 days).
    pub horizon_hours: u32,
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
