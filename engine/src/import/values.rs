//! Cell values: normalisation, the accepted words for each kind of value, and numbers.
//!
//! Every cell is compared after [`key`]: NFKC (half-width katakana become full-width, full-width
//! digits and letters become ASCII: "ﾊﾞｲｸ" → "バイク", "３.５" → "3.5"), lower case, and no
//! white space. docs/import.md lists every accepted word.

use unicode_normalization::UnicodeNormalization;

use crate::scenario::{
    BcpRole, CareCategory, CommuteMode, DeviceKind, PriorityClass, Role, VisitMode,
};

/// NFKC, lower case, white space removed: the form cells and headers are matched in.
pub fn key(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// NFKC and trimmed, case kept: for ids and zone names.
pub fn nfkc_trim(s: &str) -> String {
    s.nfkc().collect::<String>().trim().to_string()
}

/// A table of accepted words for one kind of value. The first two words of each entry are the
/// canonical Japanese and English ones (shown in hints); the rest are aliases.
pub struct Table<T: 'static> {
    pub what_ja: &'static str,
    pub what_en: &'static str,
    pub entries: &'static [(T, &'static [&'static str])],
}

/// Why a word was not accepted: the closest accepted word, if any is close.
#[derive(Debug)]
pub struct Unknown {
    pub suggestion: Option<&'static str>,
}

impl<T: Copy> Table<T> {
    pub fn lookup(&self, raw: &str) -> Result<T, Unknown> {
        let k = key(raw);
        for (value, words) in self.entries {
            if words.iter().any(|w| key(w) == k) {
                return Ok(*value);
            }
        }
        let all = self.entries.iter().flat_map(|(_, w)| w.iter().copied());
        // Compare normalised forms, but suggest the word as documented.
        let keyed: Vec<(String, &'static str)> = all.map(|w| (key(w), w)).collect();
        let best = crate::load::closest_name(&k, keyed.iter().map(|(k, _)| k.as_str()));
        let suggestion = best.and_then(|b| keyed.iter().find(|(k, _)| k == b).map(|(_, w)| *w));
        Err(Unknown { suggestion })
    }

    /// The canonical words, `看護師/nurse, …`, for hints.
    pub fn accepted(&self) -> String {
        self.entries
            .iter()
            .map(|(_, w)| match w {
                [ja, en, ..] => format!("{ja}/{en}"),
                [one] => (*one).to_string(),
                [] => String::new(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub const ROLES: Table<Role> = Table {
    what_ja: "職種",
    what_en: "job role",
    entries: &[
        (
            Role::Nurse,
            &[
                "看護師",
                "nurse",
                "ns",
                "准看護師",
                "保健師",
                "助産師",
                "訪問看護師",
                "rn",
            ],
        ),
        (
            Role::PhysicalTherapist,
            &[
                "理学療法士",
                "PT",
                "physical therapist",
                "physical_therapist",
            ],
        ),
        (
            Role::OccupationalTherapist,
            &[
                "作業療法士",
                "OT",
                "occupational therapist",
                "occupational_therapist",
            ],
        ),
        (
            Role::CareManager,
            &[
                "ケアマネージャー",
                "care manager",
                "ケアマネ",
                "ケアマネジャー",
                "介護支援専門員",
                "CM",
                "care_manager",
            ],
        ),
        (Role::Doctor, &["医師", "doctor", "Dr", "MD"]),
        (Role::Pharmacist, &["薬剤師", "pharmacist"]),
        (
            Role::CareWorker,
            &[
                "介護職",
                "care worker",
                "介護職員",
                "介護福祉士",
                "ヘルパー",
                "訪問介護員",
                "介護士",
                "care_worker",
                "helper",
            ],
        ),
        (
            Role::Clerk,
            &["事務", "clerk", "事務員", "事務職", "医療事務"],
        ),
        (Role::Other, &["その他", "other", "言語聴覚士", "ST"]),
    ],
};

pub const BCP_ROLES: Table<Option<BcpRole>> = Table {
    what_ja: "BCP役割",
    what_en: "BCP role",
    entries: &[
        (
            Some(BcpRole::Leader),
            &["責任者", "leader", "災害対策本部長", "本部長", "管理者"],
        ),
        (Some(BcpRole::Deputy), &["副責任者", "deputy", "副本部長"]),
        (
            Some(BcpRole::Information),
            &["情報担当", "information", "情報", "情報班"],
        ),
        (
            Some(BcpRole::Contact),
            &["連絡担当", "contact", "連絡", "連絡班"],
        ),
        (
            Some(BcpRole::Supplies),
            &[
                "設備・物資担当",
                "supplies",
                "物資担当",
                "設備担当",
                "物資",
                "設備・物資",
                "設備・物資班",
            ],
        ),
        (
            Some(BcpRole::Care),
            &[
                "看護・介護担当",
                "care",
                "看護・介護",
                "看護・介護班",
                "看護担当",
                "介護担当",
            ],
        ),
        (None, &["なし", "none", "無", "無し", "-", "ー", "―"]),
    ],
};

pub const COMMUTES: Table<CommuteMode> = Table {
    what_ja: "通勤手段",
    what_en: "commute mode",
    entries: &[
        (
            CommuteMode::PublicTransport,
            &[
                "公共交通機関",
                "public transport",
                "電車",
                "バス",
                "地下鉄",
                "電車・バス",
                "train",
                "bus",
                "public_transport",
            ],
        ),
        (
            CommuteMode::Bicycle,
            &[
                "自転車",
                "bicycle",
                "cycle",
                "電動自転車",
                "電動アシスト自転車",
            ],
        ),
        (
            CommuteMode::Motorbike,
            &[
                "バイク",
                "motorbike",
                "原付",
                "オートバイ",
                "スクーター",
                "二輪",
                "motorcycle",
                "scooter",
            ],
        ),
        (
            CommuteMode::Car,
            &["自家用車", "car", "車", "自動車", "マイカー"],
        ),
        (
            CommuteMode::Walk,
            &["徒歩", "walk", "歩き", "walking", "on foot"],
        ),
    ],
};

pub const VISIT_MODES: Table<VisitMode> = Table {
    what_ja: "訪問手段",
    what_en: "visit mode",
    entries: &[
        (
            VisitMode::Car,
            &["訪問車", "car", "車", "自動車", "社用車", "自家用車"],
        ),
        (
            VisitMode::Motorbike,
            &[
                "バイク",
                "motorbike",
                "原付",
                "オートバイ",
                "スクーター",
                "motorcycle",
                "scooter",
            ],
        ),
        (
            VisitMode::Bicycle,
            &[
                "自転車",
                "bicycle",
                "cycle",
                "電動自転車",
                "電動アシスト自転車",
            ],
        ),
        (
            VisitMode::Walk,
            &["徒歩", "walk", "歩き", "walking", "on foot"],
        ),
    ],
};

pub const PRIORITIES: Table<PriorityClass> = Table {
    what_ja: "優先度",
    what_en: "priority",
    entries: &[
        (PriorityClass::A, &["A", "高", "1", "優先度A", "high"]),
        (PriorityClass::B, &["B", "中", "2", "優先度B", "medium"]),
        (PriorityClass::C, &["C", "低", "3", "優先度C", "low"]),
    ],
};

pub const DEVICES: Table<DeviceKind> = Table {
    what_ja: "医療機器",
    what_en: "device",
    entries: &[
        (
            DeviceKind::Ventilator,
            &[
                "人工呼吸器",
                "ventilator",
                "呼吸器",
                "NPPV",
                "TPPV",
                "レスピレーター",
            ],
        ),
        (
            DeviceKind::OxygenConcentrator,
            &[
                "在宅酸素",
                "oxygen",
                "酸素",
                "酸素濃縮器",
                "在宅酸素療法",
                "HOT",
                "oxygen concentrator",
                "oxygen_concentrator",
            ],
        ),
        (
            DeviceKind::Suction,
            &["吸引器", "suction", "吸引", "痰吸引器"],
        ),
        (
            DeviceKind::InfusionPump,
            &[
                "輸液ポンプ",
                "infusion pump",
                "輸液",
                "シリンジポンプ",
                "infusion",
                "infusion_pump",
                "IVH",
            ],
        ),
        (DeviceKind::Other, &["その他", "other", "その他の機器"]),
    ],
};

pub const CARE: Table<CareCategory> = Table {
    what_ja: "ケアの種類",
    what_en: "care category",
    entries: &[
        (
            CareCategory::MedicalCare,
            &[
                "医療的ケア",
                "medical_care",
                "医療",
                "医療処置",
                "medical",
                "medical care",
            ],
        ),
        (
            CareCategory::Excretion,
            &[
                "排泄",
                "excretion",
                "排泄援助",
                "排せつ",
                "排便",
                "排泄ケア",
            ],
        ),
        (
            CareCategory::Meals,
            &["食事", "meals", "食事援助", "食事介助", "meal"],
        ),
        (
            CareCategory::OtherCare,
            &[
                "その他のケア",
                "other_care",
                "その他ケア",
                "その他",
                "other",
                "other care",
            ],
        ),
        (
            CareCategory::Rehabilitation,
            &[
                "リハビリ",
                "rehabilitation",
                "リハビリテーション",
                "リハ",
                "rehab",
            ],
        ),
    ],
};

pub const BOOLS: Table<bool> = Table {
    what_ja: "はい/いいえ",
    what_en: "yes/no",
    entries: &[
        (
            true,
            &[
                "○", "yes", "◯", "〇", "●", "有", "有り", "あり", "はい", "y", "true", "1", "✓",
                "✔", "レ", "要", "該当",
            ],
        ),
        (
            false,
            &[
                "×",
                "no",
                "✕",
                "無",
                "無し",
                "なし",
                "いいえ",
                "n",
                "false",
                "0",
                "-",
                "ー",
                "―",
                "非該当",
            ],
        ),
    ],
};

/// Words meaning "nothing" in list cells (devices, family cover).
pub fn is_none_word(raw: &str) -> bool {
    matches!(
        key(raw).as_str(),
        "" | "なし" | "無" | "無し" | "none" | "-" | "ー" | "―" | "×"
    )
}

/// Why a number was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    NotANumber,
    Negative,
}

/// A non-negative finite number, after NFKC ("３.５" → 3.5), with one of `units` allowed
/// after it ("3km", "3 km", "8時間").
pub fn number(raw: &str, units: &[&str]) -> Result<f64, NumberError> {
    let mut k = key(raw);
    for u in units {
        if let Some(rest) = k.strip_suffix(&key(u)) {
            k = rest.to_string();
            break;
        }
    }
    // Only plain decimals: Rust's parser also takes "inf", "NaN" and "1e3".
    let plain = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
        && k.chars().any(|c| c.is_ascii_digit());
    let x: f64 = match k.parse() {
        Ok(x) if plain => x,
        _ => return Err(NumberError::NotANumber),
    };
    if !x.is_finite() {
        return Err(NumberError::NotANumber);
    }
    if x < 0.0 {
        return Err(NumberError::Negative);
    }
    Ok(x)
}

/// Units accepted after a distance.
pub const KM_UNITS: &[&str] = &["km", "キロ", "キロメートル"];
/// Units accepted after battery hours.
pub const HOUR_UNITS: &[&str] = &["h", "時間", "hours", "hour", "hr"];

/// A care interval in hours: "48", "48h", "48時間", "2日", "2d", "1週", "1w", "週2回", "毎日",
/// "隔日". `None` when not understood or not positive.
pub fn interval_hours(raw: &str) -> Option<u32> {
    let k = key(raw);
    match k.as_str() {
        "毎日" | "daily" => return Some(24),
        "隔日" => return Some(48),
        "毎週" | "weekly" => return Some(168),
        _ => {}
    }
    let int = |s: &str| -> Option<u32> {
        if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse::<u32>().ok().filter(|&n| n > 0)
    };
    // 週N回: N visits a week.
    if let Some(n) = k
        .strip_prefix("週")
        .map(|r| r.strip_suffix('回').unwrap_or(r))
        .and_then(int)
    {
        return (168 % n == 0).then_some(168 / n);
    }
    // "2週ごと", "48時間毎": every N units.
    let base = k
        .strip_suffix("ごと")
        .or_else(|| k.strip_suffix('毎'))
        .unwrap_or(&k);
    let scaled = |suffixes: &[&str], factor: u32| {
        suffixes.iter().find_map(|s| {
            base.strip_suffix(s)
                .and_then(int)
                .and_then(|n| n.checked_mul(factor))
        })
    };
    scaled(&["時間", "h"], 1)
        .or_else(|| scaled(&["日", "d"], 24))
        .or_else(|| scaled(&["週間", "週", "w"], 168))
        .or_else(|| int(base))
}

/// Splits a list cell at `;` `；` `、` `,` `，` `/` `／` and new lines; empty items are dropped.
pub fn list_items(raw: &str) -> Vec<&str> {
    raw.split([';', '；', '、', ',', '，', '/', '／', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Splits `KIND:VALUE` at the first `:` or `：`.
pub fn split_pair(item: &str) -> (&str, Option<&str>) {
    match item.find([':', '：']) {
        Some(i) => {
            let colon = item[i..].chars().next().map_or(1, char::len_utf8);
            (item[..i].trim(), Some(item[i + colon..].trim()))
        }
        None => (item.trim(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halfwidth_kana_and_fullwidth_digits_are_folded() {
        assert_eq!(key("ﾊﾞｲｸ"), "バイク");
        assert_eq!(key(" Ｎｕｒｓｅ "), "nurse");
        assert_eq!(COMMUTES.lookup("ﾊﾞｲｸ").ok(), Some(CommuteMode::Motorbike));
        assert_eq!(number("３.５", KM_UNITS), Ok(3.5));
        assert_eq!(number("３．５ｋｍ", KM_UNITS), Ok(3.5));
        assert_eq!(number("3", KM_UNITS), Ok(3.0));
    }

    #[test]
    fn numbers_are_plain_and_non_negative() {
        assert_eq!(number("-1", KM_UNITS), Err(NumberError::Negative));
        assert_eq!(number("約3", KM_UNITS), Err(NumberError::NotANumber));
        assert_eq!(number("inf", KM_UNITS), Err(NumberError::NotANumber));
        assert_eq!(number("", KM_UNITS), Err(NumberError::NotANumber));
        assert_eq!(number("8時間", HOUR_UNITS), Ok(8.0));
    }

    #[test]
    fn unknown_words_get_the_closest_suggestion() {
        let e = COMMUTES.lookup("自転").expect_err("unknown");
        assert_eq!(e.suggestion, Some("自転車"));
        let e = ROLES.lookup("nurce").expect_err("unknown");
        assert_eq!(e.suggestion, Some("nurse"));
        assert!(ROLES.accepted().starts_with("看護師/nurse, 理学療法士/PT"));
    }

    #[test]
    fn intervals() {
        assert_eq!(interval_hours("48h"), Some(48));
        assert_eq!(interval_hours("４８時間"), Some(48));
        assert_eq!(interval_hours("2日"), Some(48));
        assert_eq!(interval_hours("1週"), Some(168));
        assert_eq!(interval_hours("2週ごと"), Some(336));
        assert_eq!(interval_hours("週2回"), Some(84));
        assert_eq!(interval_hours("毎日"), Some(24));
        assert_eq!(interval_hours("0h"), None);
        assert_eq!(interval_hours("週5回"), None);
        assert_eq!(interval_hours("たまに"), None);
    }

    #[test]
    fn lists_and_pairs() {
        assert_eq!(
            list_items("医療的ケア:48h; 排泄:168h"),
            vec!["医療的ケア:48h", "排泄:168h"]
        );
        assert_eq!(split_pair("人工呼吸器：8"), ("人工呼吸器", Some("8")));
        assert_eq!(split_pair("吸引器"), ("吸引器", None));
    }
}
