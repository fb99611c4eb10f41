//! The session's command language (docs/exercise.md): one command per line, words separated by
//! spaces. Every command has an English word and Japanese aliases (`next` / `次へ`); the line
//! is NFKC-normalised before it is read, so full-width letters and digits typed with a
//! Japanese input method (`ｎｅｘｔ　６ｈ`) read as `next 6h`. Free text (a note, an added
//! inject's text) is kept as typed. Parsing is purely syntactic; whether the names exist is
//! checked by the session.

use unicode_normalization::UnicodeNormalization;

use crate::limits::MAX_HORIZON_HOURS;
use crate::load::{closest_name, ron_options};
use crate::scenario::{Destination, Effect, Lifeline, LifelineState};

use super::Msg;

/// The most people or devices one decision may name (send-staff, lend-power).
pub const MAX_COUNT: u32 = 1_000;
/// The largest quantity one delivery may bring: a truckload of any stock item is far below.
pub const MAX_QUANTITY: f64 = 1_000_000.0;

/// Every command: its English word and its aliases (Japanese words first), for parsing,
/// `help` and typo suggestions.
pub const ALIASES: [(&str, &[&str]); 20] = [
    ("next", &["次へ", "次", "進む", "進める", "n"]),
    ("until", &["まで", "時刻まで"]),
    ("inject", &["付与"]),
    ("add-inject", &["追加付与", "臨時付与"]),
    ("send-staff", &["派遣"]),
    ("prioritize", &["優先"]),
    ("move", &["移送", "搬送"]),
    ("deliver", &["届ける", "配送", "補給"]),
    ("lend-power", &["電源貸出", "貸出"]),
    ("note", &["メモ", "記録"]),
    ("set", &["設定", "ライフライン", "lifeline"]),
    ("hold", &["保留", "一時停止", "凍結"]),
    ("release", &["解除", "保留解除", "再開"]),
    ("back", &["戻す", "巻き戻し", "時刻を戻す", "rewind"]),
    ("undo", &["取り消し", "取消", "取り消す", "元に戻す"]),
    ("status", &["状況", "ボード"]),
    ("injects", &["付与一覧", "一覧"]),
    ("branch", &["分岐"]),
    ("help", &["ヘルプ", "使い方", "?"]),
    ("quit", &["終了", "終わり", "exit", "q"]),
];

/// Every command word and alias.
pub fn command_words() -> impl Iterator<Item = &'static str> {
    ALIASES
        .iter()
        .flat_map(|(w, a)| std::iter::once(*w).chain(a.iter().copied()))
}

/// The English command word of `word` (already normalised and lower-cased), if any.
fn canonical(word: &str) -> Option<&'static str> {
    ALIASES
        .iter()
        .find(|(w, a)| *w == word || a.contains(&word))
        .map(|(w, _)| *w)
}

/// NFKC: full-width letters, digits, spaces and punctuation become their ASCII forms.
pub fn normalize(s: &str) -> String {
    s.nfkc().collect()
}

/// One parsed command.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Advance by `hours` (one step when `None`).
    Next {
        hours: Option<u32>,
    },
    /// Advance until the next step starts at `hour` or later.
    Until {
        hour: u32,
    },
    /// Fire a scenario inject now.
    Inject {
        id: String,
    },
    /// An unscheduled inject: text and an optional effect.
    AddInject {
        text: String,
        effect: Option<Effect>,
    },
    /// A decision of the room.
    Decision(Decision),
    /// An observer's note.
    Note {
        text: String,
    },
    /// The facilitator's steering: a lifeline of a zone takes a state from the next step on.
    SetLifeline {
        lifeline: Lifeline,
        zone: String,
        state: LifelineState,
    },
    /// The facilitator's steering: a patient's deterioration stands still (`held`) or goes on.
    Hold {
        patient: String,
        held: bool,
    },
    /// The facilitator's steering: time goes back to `hour` (the session continues from there
    /// with the commands given up to it; what came after is taken back, and kept on record).
    Back {
        hour: u32,
    },
    Status,
    /// The scenario's injects and whether they were given.
    Injects,
    Help,
    /// Take back the last recorded command (not a branch): recorded, and honoured by replay.
    Undo,
    /// Fork the session into a new file (at `hour`, default now).
    Branch {
        file: String,
        hour: Option<u32>,
    },
    Quit,
}

/// A decision: what the room does, as an engine effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    SendStaff {
        from: String,
        to: String,
        count: u32,
    },
    Prioritize {
        patient: String,
    },
    Move {
        patient: String,
        to: Destination,
    },
    Deliver {
        agency: String,
        item: String,
        quantity: f64,
    },
    LendPower {
        agency: String,
        count: u32,
    },
}

impl Decision {
    /// The command word (`send-staff`, `move`, …): the kind an inject's `expected.command`
    /// names.
    pub fn kind(&self) -> &'static str {
        match self {
            Decision::SendStaff { .. } => "send-staff",
            Decision::Prioritize { .. } => "prioritize",
            Decision::Move { .. } => "move",
            Decision::Deliver { .. } => "deliver",
            Decision::LendPower { .. } => "lend-power",
        }
    }

    /// The names the decision is about (agencies, patients, items), for matching a target.
    pub fn targets(&self) -> Vec<&str> {
        match self {
            Decision::SendStaff { from, to, .. } => vec![from, to],
            Decision::Prioritize { patient } | Decision::Move { patient, .. } => vec![patient],
            Decision::Deliver { agency, item, .. } => vec![agency, item],
            Decision::LendPower { agency, .. } => vec![agency],
        }
    }

    /// The decision as its English command line (`move station-p001 hospital`), whatever
    /// words it was typed in: the note of its engine event, so that a session typed in
    /// Japanese writes the same outputs as one typed in English.
    pub fn command_line(&self) -> String {
        match self {
            Decision::SendStaff { from, to, count } => format!("send-staff {from} {to} {count}"),
            Decision::Prioritize { patient } => format!("prioritize {patient}"),
            Decision::Move { patient, to } => format!(
                "move {patient} {}",
                match to {
                    Destination::Hospital => "hospital",
                    Destination::Shelter => "shelter",
                }
            ),
            Decision::Deliver {
                agency,
                item,
                quantity,
            } => format!("deliver {agency} {item} {quantity}"),
            Decision::LendPower { agency, count } => format!("lend-power {agency} {count}"),
        }
    }

    pub fn effect(&self) -> Effect {
        match self {
            Decision::SendStaff { from, to, count } => Effect::SendStaff {
                from: from.clone(),
                to: to.clone(),
                count: *count,
                travel_hours: 1.0,
            },
            Decision::Prioritize { patient } => Effect::PrioritizeCheck {
                patient: patient.clone(),
            },
            Decision::Move { patient, to } => Effect::MovePatient {
                patient: patient.clone(),
                to: *to,
            },
            Decision::Deliver {
                agency,
                item,
                quantity,
            } => Effect::Resupply {
                agency: agency.clone(),
                item: item.clone(),
                quantity: *quantity,
            },
            Decision::LendPower { agency, count } => Effect::AddPowerStations {
                agency: agency.clone(),
                count: *count,
            },
        }
    }
}

impl Command {
    /// Whether the command is written to the session file (it changes the state or the
    /// record): everything but `status`, `injects`, `help` and `quit`.
    pub fn is_recorded(&self) -> bool {
        !matches!(
            self,
            Command::Status | Command::Injects | Command::Help | Command::Quit
        )
    }

    /// Whether `undo` can take the command back: every recorded command but `branch` (its
    /// file stays), `back` (time went back; what it took back stays taken back) and `undo`
    /// itself.
    pub fn is_undoable(&self) -> bool {
        self.is_recorded()
            && !matches!(
                self,
                Command::Branch { .. } | Command::Undo | Command::Back { .. }
            )
    }

    /// Whether the command is the facilitator's steering of the model (not a decision of the
    /// room): set a lifeline, hold or release a patient, move time back.
    pub fn is_steering(&self) -> bool {
        matches!(
            self,
            Command::SetLifeline { .. } | Command::Hold { .. } | Command::Back { .. }
        )
    }

    /// The steering command as its English command line (`set power ward down`), whatever
    /// words it was typed in; `None` for other commands.
    pub fn steering_line(&self) -> Option<String> {
        Some(match self {
            Command::SetLifeline {
                lifeline,
                zone,
                state,
            } => format!("set {} {zone} {}", lifeline.key(), state_word(*state)),
            Command::Hold { patient, held } => {
                format!("{} {patient}", if *held { "hold" } else { "release" })
            }
            Command::Back { hour } => format!("back {hour}h"),
            _ => return None,
        })
    }
}

/// A lifeline state as a command word: `up`, `down`, `degraded 40%`.
pub fn state_word(state: LifelineState) -> String {
    match state {
        LifelineState::Up => "up".into(),
        LifelineState::Down => "down".into(),
        LifelineState::Degraded(x) => format!("degraded {}%", (x * 100.0).round()),
    }
}

/// A lifeline by its output key (`power`, `telecom_voice`), its English or Japanese name
/// (glossary), or a common short word (`水道`, `電話`, `通信`, `燃料`, `phone`, `data`).
pub fn lifeline_word(word: &str) -> Option<Lifeline> {
    let w = word.to_lowercase();
    if let Some(l) = Lifeline::from_key(&w) {
        return Some(l);
    }
    if let Some(l) = Lifeline::ALL.into_iter().find(|l| {
        l.name().get(crate::Lang::Ja) == w || l.name().get(crate::Lang::En).to_lowercase() == w
    }) {
        return Some(l);
    }
    Some(match w.as_str() {
        "電力" | "停電" | "electricity" => Lifeline::Power,
        "水道" | "水" | "断水" => Lifeline::Water,
        "電話" | "phone" | "voice" => Lifeline::TelecomVoice,
        "通信" | "data" | "携帯" | "ネット" => Lifeline::TelecomData,
        "燃料" => Lifeline::Fuel,
        _ => return None,
    })
}

/// Lifeline words for the usage line.
const SET_USAGE: (&str, &str) = (
    "set ライフライン ゾーンID up|down|degraded [割合%]（設定 電気 ward 停止、設定 上水道 ward 低下 40%）",
    "set LIFELINE ZONE up|down|degraded [PERCENT] (e.g. set power ward down, set water ward degraded 40%)",
);

/// `up|down|degraded [N%]` (or 復旧, 停止, 低下 …) from the words after the zone.
fn lifeline_state(words: &[&str]) -> Result<LifelineState, Msg> {
    let usage_msg = || usage(SET_USAGE.0, SET_USAGE.1);
    let Some((first, rest)) = words.split_first() else {
        return Err(usage_msg());
    };
    let w = first.to_lowercase();
    match (w.as_str(), rest) {
        ("up" | "復旧" | "通常" | "正常" | "○", []) => Ok(LifelineState::Up),
        ("down" | "停止" | "途絶" | "断" | "✕" | "×", []) => Ok(LifelineState::Down),
        ("degraded" | "低下" | "一部" | "△", []) => Ok(LifelineState::Degraded(0.5)),
        ("degraded" | "低下" | "一部" | "△", [p]) => {
            let digits = p.trim_end_matches(['%', '％']);
            match digits.parse::<u32>() {
                Ok(n) if (1..=99).contains(&n) => Ok(LifelineState::Degraded(f64::from(n) / 100.0)),
                Ok(_) => Err(out_of_range(p, 1.0, 99.0)),
                Err(_) => Err(usage_msg()),
            }
        }
        _ => Err(usage_msg()),
    }
}

/// An hour count: `6`, `6h`, `6H`, `6時間`, `6時` (normalised text).
fn hours(word: &str) -> Option<u32> {
    let w = word
        .trim_end_matches("時間")
        .trim_end_matches('時')
        .trim_end_matches(['h', 'H']);
    w.parse().ok()
}

fn usage(ja: &str, en: &str) -> Msg {
    Msg::new(format!("使い方: {ja}"), format!("usage: {en}"))
}

/// An hour count within bounds (1 up to the longest horizon), or why not.
fn bounded_hours(word: &str, zero_ok: bool, ja: &str, en: &str) -> Result<u32, Msg> {
    match hours(word) {
        Some(h) if h <= MAX_HORIZON_HOURS && (zero_ok || h > 0) => Ok(h),
        Some(_) => Err(out_of_range(
            word,
            if zero_ok { 0.0 } else { 1.0 },
            f64::from(MAX_HORIZON_HOURS),
        )),
        None if word
            .trim_end_matches(['h', 'H'])
            .chars()
            .all(|c| c.is_ascii_digit()) =>
        {
            Err(out_of_range(
                word,
                if zero_ok { 0.0 } else { 1.0 },
                f64::from(MAX_HORIZON_HOURS),
            ))
        }
        None => Err(usage(ja, en)),
    }
}

/// A whole count of people or devices, 1 to [`MAX_COUNT`].
fn bounded_count(word: &str) -> Result<u32, Msg> {
    match word.parse::<u64>() {
        Ok(n) if (1..=u64::from(MAX_COUNT)).contains(&n) => Ok(n as u32),
        Ok(_) => Err(out_of_range(word, 1.0, f64::from(MAX_COUNT))),
        Err(_) if !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) => {
            Err(out_of_range(word, 1.0, f64::from(MAX_COUNT)))
        }
        Err(_) => Err(count_error(word)),
    }
}

/// A quantity, above 0 and at most [`MAX_QUANTITY`].
fn bounded_quantity(word: &str) -> Result<f64, Msg> {
    match word.parse::<f64>() {
        Ok(q) if q.is_finite() && q > 0.0 && q <= MAX_QUANTITY => Ok(q),
        Ok(q) if q.is_finite() && q > MAX_QUANTITY => Err(Msg::new(
            format!("`{word}` は大きすぎます（{MAX_QUANTITY} 以下の正の数で指定してください）"),
            format!("`{word}` is out of range (give a positive number up to {MAX_QUANTITY})"),
        )),
        _ => Err(count_error(word)),
    }
}

fn out_of_range(found: &str, min: f64, max: f64) -> Msg {
    Msg::new(
        format!("`{found}` は大きすぎるか範囲外です（{min}〜{max} で指定してください）"),
        format!("`{found}` is out of range (give {min} to {max})"),
    )
}

fn count_error(found: &str) -> Msg {
    Msg::new(
        format!("`{found}` は正の数ではありません"),
        format!("`{found}` is not a positive number"),
    )
}

/// Parses one line. Blank lines and lines starting with `#` are `Ok(None)`.
pub fn parse(line: &str) -> Result<Option<Command>, Msg> {
    let raw = line.trim();
    let normal = normalize(raw);
    let normal = normal.trim();
    if normal.is_empty() || normal.starts_with('#') {
        return Ok(None);
    }
    // The word as typed and the rest as typed (free text is kept as written).
    let (word, raw_rest) = match raw.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (raw, ""),
    };
    let word_lc = normalize(word).to_lowercase();
    let rest = normalize(raw_rest);
    let rest = rest.trim();
    let args: Vec<&str> = rest.split_whitespace().collect();
    let Some(canon) = canonical(&word_lc) else {
        let (ja, en) = match closest_name(&word_lc, command_words()) {
            Some(best) => (
                format!(
                    "`{word}` というコマンドはありません。`{best}` の誤りではありませんか？（help で一覧）"
                ),
                format!("there is no command `{word}`; did you mean `{best}`? (help lists them)"),
            ),
            None => (
                format!("`{word}` というコマンドはありません（help で一覧）"),
                format!("there is no command `{word}` (help lists them)"),
            ),
        };
        return Err(Msg::new(ja, en));
    };
    let cmd = match canon {
        "next" => match args.as_slice() {
            [] => Command::Next { hours: None },
            [h] => Command::Next {
                hours: Some(bounded_hours(
                    h,
                    false,
                    "next [時間数]（例: next 6h、次へ 6時間）",
                    "next [HOURS] (e.g. next 6h)",
                )?),
            },
            _ => {
                return Err(usage(
                    "next [時間数]（例: next 6h、次へ 6時間）",
                    "next [HOURS] (e.g. next 6h)",
                ));
            }
        },
        "until" => match args.as_slice() {
            [h] => Command::Until {
                hour: bounded_hours(
                    h,
                    true,
                    "until 時刻（例: until 24h、まで 24時間）",
                    "until HOUR (e.g. until 24h)",
                )?,
            },
            _ => {
                return Err(usage(
                    "until 時刻（例: until 24h、まで 24時間）",
                    "until HOUR (e.g. until 24h)",
                ));
            }
        },
        "inject" => match args.as_slice() {
            [id] => Command::Inject { id: id.to_string() },
            _ => return Err(usage("inject 状況付与ID（付与 I03）", "inject INJECT_ID")),
        },
        "add-inject" => {
            let (text, effect) = match raw_rest.split_once(" -- ") {
                Some((t, e)) => (t.trim(), Some(normalize(e.trim()))),
                None => (raw_rest, None),
            };
            if text.is_empty() {
                return Err(usage(
                    "add-inject 内容 [-- 効果]（例: add-inject 市が給水所を開設 -- Resupply(agency: \"station\", item: \"water_2l\", quantity: 10)）",
                    "add-inject TEXT [-- EFFECT] (e.g. add-inject The city opens a water point -- Resupply(agency: \"station\", item: \"water_2l\", quantity: 10))",
                ));
            }
            let effect = match effect {
                None => None,
                Some(e) => Some(ron_options().from_str::<Effect>(&e).map_err(|err| {
                    Msg::new(
                        format!("効果を読めません: {}", err.code),
                        format!("cannot read the effect: {}", err.code),
                    )
                })?),
            };
            Command::AddInject {
                text: text.to_string(),
                effect,
            }
        }
        "send-staff" => match args.as_slice() {
            [from, to, n] => Command::Decision(Decision::SendStaff {
                from: from.to_string(),
                to: to.to_string(),
                count: bounded_count(n)?,
            }),
            _ => {
                return Err(usage(
                    "send-staff 派遣元 派遣先 人数（派遣 station partner 1）",
                    "send-staff FROM TO N",
                ));
            }
        },
        "prioritize" => match args.as_slice() {
            [p] => Command::Decision(Decision::Prioritize {
                patient: p.to_string(),
            }),
            _ => {
                return Err(usage(
                    "prioritize 利用者ID（優先 station-p002）",
                    "prioritize PATIENT",
                ));
            }
        },
        "move" => match args.as_slice() {
            [p, to] => {
                let to = match to.to_lowercase().as_str() {
                    "hospital" | "病院" => Destination::Hospital,
                    "shelter" | "避難所" => Destination::Shelter,
                    _ => {
                        return Err(usage(
                            "move 利用者ID hospital|shelter（移送 station-p001 病院）",
                            "move PATIENT hospital|shelter",
                        ));
                    }
                };
                Command::Decision(Decision::Move {
                    patient: p.to_string(),
                    to,
                })
            }
            _ => {
                return Err(usage(
                    "move 利用者ID hospital|shelter（移送 station-p001 病院）",
                    "move PATIENT hospital|shelter",
                ));
            }
        },
        "deliver" => match args.as_slice() {
            [a, item, q] => Command::Decision(Decision::Deliver {
                agency: a.to_string(),
                item: item.to_string(),
                quantity: bounded_quantity(q)?,
            }),
            _ => {
                return Err(usage(
                    "deliver 事業所ID 品目 数量（届ける station water_2l 10）",
                    "deliver AGENCY ITEM QTY",
                ));
            }
        },
        "lend-power" => match args.as_slice() {
            [a, n] => Command::Decision(Decision::LendPower {
                agency: a.to_string(),
                count: bounded_count(n)?,
            }),
            _ => {
                return Err(usage(
                    "lend-power 事業所ID 台数（電源貸出 station 2）",
                    "lend-power AGENCY N",
                ));
            }
        },
        "note" => {
            if raw_rest.is_empty() {
                return Err(usage("note 記録する文（メモ 本部を設置）", "note TEXT"));
            }
            Command::Note {
                text: raw_rest.to_string(),
            }
        }
        "set" => match args.as_slice() {
            [l, zone, state @ ..] => {
                let Some(lifeline) = lifeline_word(l) else {
                    let names: Vec<String> = Lifeline::ALL
                        .iter()
                        .map(|l| format!("{}（{}）", l.key(), l.name().get(crate::Lang::Ja)))
                        .collect();
                    return Err(Msg::new(
                        format!(
                            "`{l}` というライフラインはありません（{}）",
                            names.join("、")
                        ),
                        format!(
                            "there is no lifeline `{l}` ({})",
                            Lifeline::ALL.map(|l| l.key()).join(", ")
                        ),
                    ));
                };
                Command::SetLifeline {
                    lifeline,
                    zone: zone.to_string(),
                    state: lifeline_state(state)?,
                }
            }
            _ => return Err(usage(SET_USAGE.0, SET_USAGE.1)),
        },
        "hold" | "release" => match args.as_slice() {
            [p] => Command::Hold {
                patient: p.to_string(),
                held: canon == "hold",
            },
            _ if canon == "hold" => {
                return Err(usage(
                    "hold 利用者ID（保留 station-p001: 電池の消耗・悪化を一時停止）",
                    "hold PATIENT (the battery clock stands still until release)",
                ));
            }
            _ => {
                return Err(usage(
                    "release 利用者ID（解除 station-p001）",
                    "release PATIENT",
                ));
            }
        },
        "back" => match args.as_slice() {
            [h] => Command::Back {
                hour: bounded_hours(
                    h,
                    true,
                    "back 時刻（戻す 6時間: 発災から6時間の時点に戻す）",
                    "back HOUR (e.g. back 6h: time goes back to hour 6)",
                )?,
            },
            _ => {
                return Err(usage(
                    "back 時刻（戻す 6時間: 発災から6時間の時点に戻す）",
                    "back HOUR (e.g. back 6h: time goes back to hour 6)",
                ));
            }
        },
        "undo" if args.is_empty() => Command::Undo,
        "undo" => return Err(usage("undo（取り消し）", "undo")),
        "status" => Command::Status,
        "injects" => Command::Injects,
        "help" => Command::Help,
        "quit" => Command::Quit,
        _ => match args.as_slice() {
            // "branch"
            [file] => Command::Branch {
                file: file.to_string(),
                hour: None,
            },
            [file, h] => Command::Branch {
                file: file.to_string(),
                hour: Some(bounded_hours(
                    h,
                    true,
                    "branch ファイル [時刻]（分岐 b.jsonl 2h）",
                    "branch FILE [HOUR]",
                )?),
            },
            _ => {
                return Err(usage(
                    "branch ファイル [時刻]（分岐 b.jsonl 2h）",
                    "branch FILE [HOUR]",
                ));
            }
        },
    };
    Ok(Some(cmd))
}

/// The help text (both languages in one, as a facilitator's cheat sheet): each command's
/// English word, its Japanese aliases, and what it does.
pub fn help_text(english: bool) -> String {
    let rows: [(&str, &str, &str, &str); 20] = [
        (
            "next [6h]",
            "next",
            "1ステップ（または指定時間）進める",
            "advance one step (or N hours)",
        ),
        (
            "until 24h",
            "until",
            "発災後の指定時刻まで進める",
            "advance to hour N after onset",
        ),
        (
            "inject ID",
            "inject",
            "シナリオの状況付与を今すぐ付与する",
            "give a scenario inject now",
        ),
        (
            "add-inject TEXT [-- EFFECT]",
            "add-inject",
            "予定外の状況付与（効果は RON で任意）",
            "an unscheduled inject (optional RON effect)",
        ),
        (
            "send-staff FROM TO N",
            "send-staff",
            "職員 N 人を派遣する",
            "send N staff from one agency to another",
        ),
        (
            "prioritize PATIENT",
            "prioritize",
            "利用者の安否確認を最優先にする",
            "put a patient first in the safety checks",
        ),
        (
            "move PATIENT hospital|shelter",
            "move",
            "利用者を病院／避難所へ移送する",
            "move a patient to hospital or a shelter",
        ),
        (
            "deliver AGENCY ITEM QTY",
            "deliver",
            "備蓄品を届ける",
            "deliver stock to an agency",
        ),
        (
            "lend-power AGENCY N",
            "lend-power",
            "ポータブル電源を N 台貸し出す",
            "lend N portable power stations",
        ),
        (
            "note TEXT",
            "note",
            "観察者メモを記録する",
            "record an observer's note",
        ),
        (
            "set LIFELINE ZONE STATE",
            "set",
            "【進行】ゾーンのライフラインの状態を設定する",
            "[steer] set a lifeline of a zone",
        ),
        (
            "hold PATIENT",
            "hold",
            "【進行】利用者の電池の消耗を一時停止",
            "[steer] stop a patient's battery clock",
        ),
        (
            "release PATIENT",
            "release",
            "【進行】一時停止を解除する",
            "[steer] release the hold",
        ),
        (
            "back HOUR",
            "back",
            "【進行】過去の時刻に戻る（記録に残る）",
            "[steer] go back to an earlier hour",
        ),
        (
            "undo",
            "undo",
            "直前の記録を取り消す（記録に残ります）",
            "take back the last command (kept on record)",
        ),
        (
            "status",
            "status",
            "状況ボードを表示する",
            "show the status board",
        ),
        (
            "injects",
            "injects",
            "状況付与の一覧",
            "list the scenario's injects",
        ),
        (
            "branch FILE [HOUR]",
            "branch",
            "この時点（または指定時刻）で分岐する",
            "fork the session now (or at an hour) into FILE",
        ),
        ("help", "help", "この一覧", "this list"),
        (
            "quit",
            "quit",
            "終了（記録は保存済み）",
            "end (everything is already saved)",
        ),
    ];
    let mut out = String::new();
    out.push_str(if english {
        "Commands (decisions take effect in the next step; Japanese words and full-width input work too):\n"
    } else {
        "コマンド一覧（決定は次のステップから反映。日本語のコマンド・全角入力も使えます）:\n"
    });
    for (cmd, word, ja, en) in rows {
        let aliases: Vec<&str> = ALIASES
            .iter()
            .find(|(w, _)| *w == word)
            // The first two Japanese words: the rest are in docs/exercise.md.
            .map(|(_, a)| {
                a.iter()
                    .copied()
                    .filter(|a| !a.is_ascii())
                    .take(2)
                    .collect()
            })
            .unwrap_or_default();
        let what = if english { en } else { ja };
        out.push_str(&format!(
            "  {}{}{}\n",
            crate::lang::pad_right(cmd, 30),
            crate::lang::pad_right(&aliases.join(" "), 22),
            what
        ));
    }
    out.push_str(if english {
        "  # ...                         a comment (ignored)\n"
    } else {
        "  # ...                         コメント（無視されます）\n"
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_aliases_and_full_width_input_read_as_english() {
        assert_eq!(parse("次へ").unwrap(), Some(Command::Next { hours: None }));
        assert_eq!(
            parse("ｎｅｘｔ　６ｈ").unwrap(),
            Some(Command::Next { hours: Some(6) })
        );
        assert_eq!(
            parse("次へ ６時間").unwrap(),
            Some(Command::Next { hours: Some(6) })
        );
        assert_eq!(
            parse("まで 24時").unwrap(),
            Some(Command::Until { hour: 24 })
        );
        assert_eq!(parse("取り消し").unwrap(), Some(Command::Undo));
        assert_eq!(parse("ヘルプ").unwrap(), Some(Command::Help));
        assert_eq!(parse("？").unwrap(), Some(Command::Help));
        assert_eq!(
            parse("移送　ｓｔａｔｉｏｎ－ｐ００１　病院").unwrap(),
            Some(Command::Decision(Decision::Move {
                patient: "station-p001".into(),
                to: Destination::Hospital
            }))
        );
        // A note keeps its text as typed (full-width brackets stay).
        assert_eq!(
            parse("メモ　本部を設置（１４時）").unwrap(),
            Some(Command::Note {
                text: "本部を設置（１４時）".into()
            })
        );
        assert_eq!(parse("＃ comment").unwrap(), None);
        for (_, aliases) in ALIASES {
            for a in aliases {
                assert!(parse(a).is_err() || parse(a).unwrap().is_some(), "{a}");
            }
        }
    }

    #[test]
    fn the_help_fits_a_projector_terminal() {
        for english in [false, true] {
            for line in help_text(english).lines() {
                assert!(
                    crate::lang::display_width(line) <= 100,
                    "{} columns: {line}",
                    crate::lang::display_width(line)
                );
            }
        }
    }

    #[test]
    fn every_number_is_bounded() {
        for line in [
            "deliver station water_2l 100000000000",
            "deliver station water_2l 1e300",
            "lend-power station 5000",
            "send-staff a b 99999999999999",
            "next 100000h",
            "until 99999999999",
        ] {
            let e = parse(line).unwrap_err();
            assert!(e.en.contains("out of range"), "{line}: {}", e.en);
        }
        assert!(parse("deliver station water_2l -3").is_err());
        assert!(parse("deliver station water_2l NaN").is_err());
        assert!(parse("next 0").is_err());
        assert!(parse("deliver station water_2l 1000000").is_ok());
    }
}
