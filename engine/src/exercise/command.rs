//! The session's command language (docs/exercise.md): one command per line, words separated by
//! spaces. Parsing is purely syntactic; whether the names exist is checked by the session.

use crate::load::{closest_name, ron_options};
use crate::scenario::{Destination, Effect};

use super::Msg;

/// Every command word, for `help` and typo suggestions.
pub const COMMANDS: [&str; 16] = [
    "next",
    "until",
    "inject",
    "add-inject",
    "send-staff",
    "prioritize",
    "move",
    "deliver",
    "lend-power",
    "note",
    "status",
    "help",
    "branch",
    "quit",
    "exit",
    "injects",
];

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
    Status,
    /// The scenario's injects and whether they were given.
    Injects,
    Help,
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
}

/// An hour count: `6`, `6h`, `6H`, `6時間`.
fn hours(word: &str) -> Option<u32> {
    let w = word.trim_end_matches("時間").trim_end_matches(['h', 'H']);
    w.parse().ok()
}

fn usage(ja: &str, en: &str) -> Msg {
    Msg::new(format!("使い方: {ja}"), format!("usage: {en}"))
}

/// Parses one line. Blank lines and lines starting with `#` are `Ok(None)`.
pub fn parse(line: &str) -> Result<Option<Command>, Msg> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let (word, rest) = match line.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (line, ""),
    };
    let args: Vec<&str> = rest.split_whitespace().collect();
    let word_lc = word.to_lowercase();
    let cmd = match word_lc.as_str() {
        "next" | "n" => match args.as_slice() {
            [] => Command::Next { hours: None },
            [h] => match hours(h) {
                Some(h) if h > 0 => Command::Next { hours: Some(h) },
                _ => {
                    return Err(usage(
                        "next [時間数]（例: next 6h）",
                        "next [HOURS] (e.g. next 6h)",
                    ));
                }
            },
            _ => {
                return Err(usage(
                    "next [時間数]（例: next 6h）",
                    "next [HOURS] (e.g. next 6h)",
                ));
            }
        },
        "until" => match args.as_slice() {
            [h] => match hours(h) {
                Some(hour) => Command::Until { hour },
                None => {
                    return Err(usage(
                        "until 時刻（例: until 24h）",
                        "until HOUR (e.g. until 24h)",
                    ));
                }
            },
            _ => {
                return Err(usage(
                    "until 時刻（例: until 24h）",
                    "until HOUR (e.g. until 24h)",
                ));
            }
        },
        "inject" => match args.as_slice() {
            [id] => Command::Inject { id: id.to_string() },
            _ => return Err(usage("inject 状況付与ID", "inject INJECT_ID")),
        },
        "add-inject" => {
            let (text, effect) = match rest.split_once(" -- ") {
                Some((t, e)) => (t.trim(), Some(e.trim())),
                None => (rest, None),
            };
            if text.is_empty() {
                return Err(usage(
                    "add-inject 内容 [-- 効果]（例: add-inject 市が給水所を開設 -- Resupply(agency: \"station\", item: \"water_2l\", quantity: 10)）",
                    "add-inject TEXT [-- EFFECT] (e.g. add-inject The city opens a water point -- Resupply(agency: \"station\", item: \"water_2l\", quantity: 10))",
                ));
            }
            let effect = match effect {
                None => None,
                Some(e) => Some(ron_options().from_str::<Effect>(e).map_err(|err| {
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
            [from, to, n] => match n.parse::<u32>() {
                Ok(count) if count > 0 => Command::Decision(Decision::SendStaff {
                    from: from.to_string(),
                    to: to.to_string(),
                    count,
                }),
                _ => return Err(count_error(n)),
            },
            _ => {
                return Err(usage(
                    "send-staff 派遣元 派遣先 人数",
                    "send-staff FROM TO N",
                ));
            }
        },
        "prioritize" => match args.as_slice() {
            [p] => Command::Decision(Decision::Prioritize {
                patient: p.to_string(),
            }),
            _ => return Err(usage("prioritize 利用者ID", "prioritize PATIENT")),
        },
        "move" => match args.as_slice() {
            [p, to] => {
                let to = match to.to_lowercase().as_str() {
                    "hospital" | "病院" => Destination::Hospital,
                    "shelter" | "避難所" => Destination::Shelter,
                    _ => {
                        return Err(usage(
                            "move 利用者ID hospital|shelter",
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
                    "move 利用者ID hospital|shelter",
                    "move PATIENT hospital|shelter",
                ));
            }
        },
        "deliver" => match args.as_slice() {
            [a, item, q] => match q.parse::<f64>() {
                Ok(quantity) if quantity.is_finite() && quantity > 0.0 => {
                    Command::Decision(Decision::Deliver {
                        agency: a.to_string(),
                        item: item.to_string(),
                        quantity,
                    })
                }
                _ => return Err(count_error(q)),
            },
            _ => {
                return Err(usage(
                    "deliver 事業所ID 品目 数量",
                    "deliver AGENCY ITEM QTY",
                ));
            }
        },
        "lend-power" => match args.as_slice() {
            [a, n] => match n.parse::<u32>() {
                Ok(count) if count > 0 => Command::Decision(Decision::LendPower {
                    agency: a.to_string(),
                    count,
                }),
                _ => return Err(count_error(n)),
            },
            _ => return Err(usage("lend-power 事業所ID 台数", "lend-power AGENCY N")),
        },
        "note" => {
            if rest.is_empty() {
                return Err(usage("note 記録する文", "note TEXT"));
            }
            Command::Note {
                text: rest.to_string(),
            }
        }
        "status" => Command::Status,
        "injects" => Command::Injects,
        "help" | "?" => Command::Help,
        "quit" | "exit" | "q" => Command::Quit,
        "branch" => match args.as_slice() {
            [file] => Command::Branch {
                file: file.to_string(),
                hour: None,
            },
            [file, h] => match hours(h) {
                Some(hour) => Command::Branch {
                    file: file.to_string(),
                    hour: Some(hour),
                },
                None => return Err(usage("branch ファイル [時刻]", "branch FILE [HOUR]")),
            },
            _ => return Err(usage("branch ファイル [時刻]", "branch FILE [HOUR]")),
        },
        _ => {
            let (ja, en) = match closest_name(&word_lc, COMMANDS) {
                Some(best) => (
                    format!(
                        "`{word}` というコマンドはありません。`{best}` の誤りではありませんか？（help で一覧）"
                    ),
                    format!(
                        "there is no command `{word}`; did you mean `{best}`? (help lists them)"
                    ),
                ),
                None => (
                    format!("`{word}` というコマンドはありません（help で一覧）"),
                    format!("there is no command `{word}` (help lists them)"),
                ),
            };
            return Err(Msg::new(ja, en));
        }
    };
    Ok(Some(cmd))
}

fn count_error(found: &str) -> Msg {
    Msg::new(
        format!("`{found}` は正の数ではありません"),
        format!("`{found}` is not a positive number"),
    )
}

/// The help text (both languages in one, as a facilitator's cheat sheet).
pub fn help_text(english: bool) -> String {
    let rows: [(&str, &str, &str); 16] = [
        (
            "next [6h]",
            "1ステップ（または指定時間）進める",
            "advance one step (or N hours)",
        ),
        (
            "until 24h",
            "発災後の指定時刻まで進める",
            "advance to hour N after onset",
        ),
        (
            "inject ID",
            "シナリオの状況付与を今すぐ付与する",
            "give a scenario inject now",
        ),
        (
            "add-inject TEXT [-- EFFECT]",
            "予定外の状況付与（効果は RON で任意）",
            "an unscheduled inject (optional RON effect)",
        ),
        (
            "send-staff FROM TO N",
            "職員 N 人を派遣する",
            "send N staff from one agency to another",
        ),
        (
            "prioritize PATIENT",
            "利用者の安否確認を最優先にする",
            "put a patient first in the safety checks",
        ),
        (
            "move PATIENT hospital|shelter",
            "利用者を病院／避難所へ移送する",
            "move a patient to hospital or a shelter",
        ),
        (
            "deliver AGENCY ITEM QTY",
            "備蓄品を届ける",
            "deliver stock to an agency",
        ),
        (
            "lend-power AGENCY N",
            "ポータブル電源を N 台貸し出す",
            "lend N portable power stations",
        ),
        (
            "note TEXT",
            "観察者メモを記録する",
            "record an observer's note",
        ),
        ("status", "状況ボードを表示する", "show the status board"),
        ("injects", "状況付与の一覧", "list the scenario's injects"),
        (
            "branch FILE [HOUR]",
            "この時点（または指定時刻）でセッションを分岐する",
            "fork the session now (or at an hour) into FILE",
        ),
        ("help", "この一覧", "this list"),
        (
            "quit",
            "終了（記録は保存済み）",
            "end (everything is already saved)",
        ),
        ("# ...", "コメント（無視されます）", "a comment (ignored)"),
    ];
    let mut out = String::new();
    out.push_str(if english {
        "Commands (decisions take effect in the next step):\n"
    } else {
        "コマンド一覧（決定は次のステップから反映されます）:\n"
    });
    for (cmd, ja, en) in rows {
        let (first, second) = if english { (en, ja) } else { (ja, en) };
        out.push_str(&format!("  {cmd:<32} {first} / {second}\n"));
    }
    out
}
