//! A tabletop exercise's timeline: the injects (状況付与) a facilitator reads out, in the sense
//! of a master scenario events list and the Japanese situation slip (状況付与票). Documented in
//! `docs/exercise.md`.

use serde::{Deserialize, Serialize};

use super::Effect;

/// The exercise part of a scenario: its objectives and its injects.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Title of the exercise (any language).
    #[serde(default)]
    pub title: String,
    /// What the exercise tests (訓練目標); injects name them by id.
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// The timeline, in any order (fired by their hour, then file order).
    #[serde(default)]
    pub injects: Vec<Inject>,
}

/// One exercise objective (訓練目標).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub ja: String,
    #[serde(default)]
    pub en: String,
}

/// One inject (状況付与): a message given to someone at a time, possibly changing the state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    /// Unique id (ASCII letters, digits, `-`, `_`).
    pub id: String,
    /// Hours after onset at which it is given; or use `after`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_hour: Option<u32>,
    /// Given `hours` after another inject was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<After>,
    /// 付与先: an agency id, `AGENCY/ROLE`, or a role keyword ([`ROLE_KEYWORDS`]).
    pub recipient: String,
    /// 発信元: who the message comes from (free text: a patient's family, the city, …).
    #[serde(default)]
    pub sender: String,
    #[serde(default)]
    pub channel: Channel,
    /// The channel as a sheet wrote it (`防災無線`, `FAX`) when that is more than the kind's
    /// own name: shown instead of the kind's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub channel_text: String,
    /// 付与内容 (Japanese).
    pub content_ja: String,
    /// 付与内容 (English).
    #[serde(default)]
    pub content_en: String,
    /// The action the room is expected to take (想定される対応).
    #[serde(default)]
    pub expected: Expected,
    /// Id of the objective this inject tests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// A change to the state when the inject is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
    /// 備考: the facilitator's remarks (not read out).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remarks: String,
}

/// Relative timing: `hours` after inject `inject` was given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct After {
    pub inject: String,
    pub hours: u32,
}

/// The expected action: words for people, and a rule for the after-action report. The rule is
/// met by the first decision made at or after the inject was given whose command kind is
/// `command` and, when `target` is set, whose arguments include `target`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    #[serde(default)]
    pub ja: String,
    #[serde(default)]
    pub en: String,
    /// A session command kind ([`EXPECTABLE_COMMANDS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// An argument the decision must name (a patient, an agency, an item).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// How an inject reaches its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Channel {
    #[default]
    Phone,
    Radio,
    InPerson,
    Line,
    Email,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Phone,
        Channel::Radio,
        Channel::InPerson,
        Channel::Line,
        Channel::Email,
        Channel::Other,
    ];

    /// The name as written in a scenario file.
    pub fn key(self) -> &'static str {
        match self {
            Channel::Phone => "Phone",
            Channel::Radio => "Radio",
            Channel::InPerson => "InPerson",
            Channel::Line => "Line",
            Channel::Email => "Email",
            Channel::Other => "Other",
        }
    }

    /// (Japanese, English) names for people.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Channel::Phone => ("電話", "phone"),
            Channel::Radio => ("無線", "radio"),
            Channel::InPerson => ("対面", "in person"),
            Channel::Line => ("LINE", "LINE"),
            Channel::Email => ("メール", "email"),
            Channel::Other => ("その他", "other"),
        }
    }

    /// Parses a key or a Japanese / English name (case-insensitive).
    pub fn parse(s: &str) -> Option<Channel> {
        let s = s.trim();
        Channel::ALL.into_iter().find(|c| {
            let (ja, en) = c.names();
            c.key().eq_ignore_ascii_case(s) || en.eq_ignore_ascii_case(s) || ja == s
        })
    }

    /// The kind of a channel as a facilitator's sheet writes it: a key or name ([`parse`]),
    /// or words that name a kind (`防災無線` and `MCA無線` are radio, `携帯電話` a phone, `口頭`
    /// in person, `メール` or `e-mail` email); `None` for anything else.
    ///
    /// [`parse`]: Channel::parse
    pub fn recognise(s: &str) -> Option<Channel> {
        if let Some(c) = Channel::parse(s) {
            return Some(c);
        }
        let lower = s.trim().to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        if has(&["無線", "radio", "トランシーバー"]) {
            Some(Channel::Radio)
        } else if has(&["電話", "phone", "tel"]) {
            Some(Channel::Phone)
        } else if has(&["対面", "口頭", "直接", "in person", "face"]) {
            Some(Channel::InPerson)
        } else if has(&["メール", "mail"]) {
            Some(Channel::Email)
        } else if has(&["line"]) {
            Some(Channel::Line)
        } else {
            None
        }
    }

    /// The name to show for this channel as written in `text` (the kind's name when the text
    /// is empty).
    pub fn shown(self, text: &str, lang: crate::Lang) -> String {
        if text.trim().is_empty() {
            let (ja, en) = self.names();
            lang.pick(ja, en).to_string()
        } else {
            text.to_string()
        }
    }
}

/// Role keywords a recipient may be instead of an agency id (also as `AGENCY/ROLE`).
pub const ROLE_KEYWORDS: [&str; 9] = [
    "all",
    "facilitator",
    "leader",
    "deputy",
    "information",
    "contact",
    "supplies",
    "care",
    "staff",
];

/// Command kinds an inject's `expected.command` may name.
pub const EXPECTABLE_COMMANDS: [&str; 6] = [
    "send-staff",
    "prioritize",
    "move",
    "deliver",
    "lend-power",
    "note",
];

impl Exercise {
    /// The scheduled hour of every inject (in list order), `after` resolved against the
    /// scheduled hours of the injects it names; `None` for an inject without a time, or one
    /// whose chain is broken (unknown id, cycle). Saturating: never overflows. Linear: each
    /// chain is walked once (thousands of chained injects resolved pass after pass, each
    /// looking ids up in a list, took minutes).
    pub fn scheduled_hours(&self) -> Vec<Option<u32>> {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let n = self.injects.len();
        let next = self.follows();
        let mut hours: Vec<Option<u32>> = vec![None; n];
        let mut state = vec![NEW; n];
        let mut path = Vec::new();
        for start in 0..n {
            let mut at = start;
            // Walk to an inject whose hour is known (or cannot be): a fixed hour, a broken
            // chain, one resolved before, or one already on this walk (a cycle).
            let mut hour = loop {
                match state[at] {
                    DONE => break hours[at],
                    ON_PATH => break None,
                    _ => {}
                }
                if let Some(h) = self.injects[at].at_hour {
                    hours[at] = Some(h);
                    state[at] = DONE;
                    break Some(h);
                }
                match next[at] {
                    Some(j) => {
                        state[at] = ON_PATH;
                        path.push(at);
                        at = j;
                    }
                    None => {
                        state[at] = DONE;
                        break None;
                    }
                }
            };
            for i in path.drain(..).rev() {
                let after = self.injects[i].after.as_ref().map_or(0, |a| a.hours);
                hour = hour.map(|base| base.saturating_add(after));
                hours[i] = hour;
                state[i] = DONE;
            }
        }
        hours
    }

    /// For every inject timed `after` another (and not by `at_hour`), the index of that other
    /// inject (the first with its id); `None` for the rest and for unknown ids.
    pub fn follows(&self) -> Vec<Option<usize>> {
        let mut first: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::with_capacity(self.injects.len());
        for (i, inj) in self.injects.iter().enumerate() {
            first.entry(inj.id.as_str()).or_insert(i);
        }
        self.injects
            .iter()
            .map(|inj| match (&inj.at_hour, &inj.after) {
                (None, Some(a)) => first.get(a.inject.as_str()).copied(),
                _ => None,
            })
            .collect()
    }

    /// Index of the inject with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.injects.iter().position(|i| i.id == id)
    }

    pub fn inject(&self, id: &str) -> Option<&Inject> {
        self.injects.iter().find(|i| i.id == id)
    }

    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }
}

impl Inject {
    /// The content in the language asked for (Japanese when English is missing).
    pub fn content(&self, english: bool) -> &str {
        if english && !self.content_en.is_empty() {
            &self.content_en
        } else {
            &self.content_ja
        }
    }
}

impl Expected {
    /// The words in the language asked for (Japanese when English is missing).
    pub fn text(&self, english: bool) -> &str {
        if english && !self.en.is_empty() {
            &self.en
        } else {
            &self.ja
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn inject(id: String, at_hour: Option<u32>, after: Option<After>) -> Inject {
        Inject {
            id,
            at_hour,
            after,
            recipient: String::new(),
            sender: String::new(),
            channel: Channel::default(),
            content_ja: String::new(),
            content_en: String::new(),
            expected: Expected::default(),
            objective: None,
            effect: None,
            channel_text: String::new(),
            remarks: String::new(),
        }
    }

    /// Small exercises of every shape (chains, cycles, duplicate and unknown ids, fixed
    /// hours), from a fixed pseudo-random sequence.
    pub(crate) fn random_exercises() -> Vec<Exercise> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        (0..2000)
            .map(|_| {
                let n = 1 + next(8);
                let injects = (0..n)
                    .map(|_| {
                        let id = format!("i{}", next(n + 1));
                        let at_hour = (next(4) == 0).then(|| next(u64::from(u32::MAX)) as u32);
                        let after = (next(4) != 0).then(|| After {
                            inject: format!("i{}", next(n + 1)),
                            hours: next(u64::from(u32::MAX)) as u32,
                        });
                        inject(id, at_hour, after)
                    })
                    .collect();
                Exercise {
                    injects,
                    ..Exercise::default()
                }
            })
            .collect()
    }

    /// The former pass-by-pass resolution, kept as the reference.
    fn scheduled_hours_by_passes(ex: &Exercise) -> Vec<Option<u32>> {
        let n = ex.injects.len();
        let mut hours: Vec<Option<u32>> = vec![None; n];
        for _ in 0..=n {
            let mut changed = false;
            for (i, inj) in ex.injects.iter().enumerate() {
                if hours[i].is_some() {
                    continue;
                }
                let h = match (&inj.at_hour, &inj.after) {
                    (Some(h), _) => Some(*h),
                    (None, Some(a)) => ex
                        .position(&a.inject)
                        .and_then(|j| hours[j])
                        .map(|base| base.saturating_add(a.hours)),
                    (None, None) => None,
                };
                if h.is_some() {
                    hours[i] = h;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        hours
    }

    #[test]
    fn scheduled_hours_match_the_pass_by_pass_reference() {
        for ex in random_exercises() {
            assert_eq!(
                ex.scheduled_hours(),
                scheduled_hours_by_passes(&ex),
                "{ex:?}"
            );
        }
    }

    #[test]
    fn a_long_chain_resolves_in_linear_time() {
        let n = 50_000;
        let injects = (0..n)
            .map(|k| {
                let after = (k < n - 1).then(|| After {
                    inject: format!("i{}", k + 1),
                    hours: 1,
                });
                inject(format!("i{k}"), (k == n - 1).then_some(1), after)
            })
            .collect();
        let ex = Exercise {
            injects,
            ..Exercise::default()
        };
        let hours = ex.scheduled_hours();
        assert_eq!(hours[0], Some(n as u32));
    }
}
