//! The one name of every domain term, in Japanese and English: lifelines, weekdays, care
//! categories, priority classes, stock items and their units. The run summary, the exercise
//! board, the charts, the reports and the after-action report all take their words from here,
//! so a term reads the same everywhere (電気 is never 電力 on another page).
//!
//! Japanese follows the source documents' words (the sample station BCP's 表 and §, the
//! ministry's guidance): ライフライン 電気・ガス・上水道, 安否確認, 医療的ケア.

use super::{Lang, Text};
use crate::scenario::{CareCategory, Lifeline, PriorityClass, Weekday};
use crate::stockpile::ITEMS;

impl Lifeline {
    /// The lifeline's name.
    pub fn name(self) -> Text {
        match self {
            Lifeline::Power => Text::new("電気", "Power"),
            Lifeline::Water => Text::new("上水道", "Water"),
            Lifeline::Sewer => Text::new("下水道", "Sewer"),
            Lifeline::Gas => Text::new("ガス", "Gas"),
            Lifeline::TelecomVoice => Text::new("電話（音声）", "Phone (voice)"),
            Lifeline::TelecomData => Text::new("データ通信", "Data"),
            Lifeline::Roads => Text::new("道路", "Roads"),
            Lifeline::Rail => Text::new("鉄道", "Rail"),
            Lifeline::Fuel => Text::new("燃料供給", "Fuel supply"),
        }
    }

    /// The lifeline whose output key ([`Lifeline::key`]) is `key`.
    pub fn from_key(key: &str) -> Option<Lifeline> {
        Lifeline::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// An inject recipient's role keyword (`scenario::ROLE_KEYWORDS`) in words: the BCP's role
/// names (責任者, 連絡担当, …, as the staff sheets write them).
pub fn role(keyword: &str) -> Option<Text> {
    Some(match keyword {
        "all" => Text::new("全員", "Everyone"),
        "facilitator" => Text::new("ファシリテーター", "Facilitator"),
        "leader" => Text::new("責任者", "Leader"),
        "deputy" => Text::new("副責任者", "Deputy"),
        "information" => Text::new("情報担当", "Information"),
        "contact" => Text::new("連絡担当", "Contact"),
        "supplies" => Text::new("設備・物資担当", "Equipment and supplies"),
        "care" => Text::new("看護・介護担当", "Nursing and care"),
        "staff" => Text::new("職員", "Staff"),
        _ => return None,
    })
}

/// A lifeline's name in `lang` by its output key, or the key when it is unknown.
pub fn lifeline(key: &str, lang: Lang) -> String {
    Lifeline::from_key(key).map_or_else(|| key.to_string(), |l| l.name().get(lang).into())
}

impl Weekday {
    /// The weekday's name (月曜日, Monday).
    pub fn name(self) -> Text {
        match self {
            Weekday::Mon => Text::new("月曜日", "Monday"),
            Weekday::Tue => Text::new("火曜日", "Tuesday"),
            Weekday::Wed => Text::new("水曜日", "Wednesday"),
            Weekday::Thu => Text::new("木曜日", "Thursday"),
            Weekday::Fri => Text::new("金曜日", "Friday"),
            Weekday::Sat => Text::new("土曜日", "Saturday"),
            Weekday::Sun => Text::new("日曜日", "Sunday"),
        }
    }

    /// The weekday's short name, for boards and axis labels (月, Mon).
    pub fn short_name(self) -> Text {
        match self {
            Weekday::Mon => Text::new("月", "Mon"),
            Weekday::Tue => Text::new("火", "Tue"),
            Weekday::Wed => Text::new("水", "Wed"),
            Weekday::Thu => Text::new("木", "Thu"),
            Weekday::Fri => Text::new("金", "Fri"),
            Weekday::Sat => Text::new("土", "Sat"),
            Weekday::Sun => Text::new("日", "Sun"),
        }
    }
}

impl CareCategory {
    /// The care category's name (004 §1-4).
    pub fn name(self) -> Text {
        match self {
            CareCategory::MedicalCare => Text::new("医療的ケア", "Medical care"),
            CareCategory::Excretion => Text::new("排泄援助", "Excretion support"),
            CareCategory::Meals => Text::new("食事援助", "Meal support"),
            CareCategory::OtherCare => Text::new("その他の看護・介護", "Other nursing and care"),
            CareCategory::Rehabilitation => Text::new("リハビリ等", "Rehabilitation etc."),
        }
    }

    /// The category whose output key ([`CareCategory::key`]) is `key`.
    pub fn from_key(key: &str) -> Option<CareCategory> {
        CareCategory::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// A care category's name in `lang` by its output key, or the key when it is unknown.
pub fn care_category(key: &str, lang: Lang) -> String {
    CareCategory::from_key(key).map_or_else(|| key.to_string(), |c| c.name().get(lang).into())
}

impl PriorityClass {
    /// The class's name (優先度A, Class A).
    pub fn name(self) -> Text {
        match self {
            PriorityClass::A => Text::new("優先度A", "Class A"),
            PriorityClass::B => Text::new("優先度B", "Class B"),
            PriorityClass::C => Text::new("優先度C", "Class C"),
        }
    }
}

/// Fuel is held by agencies (for cars and generators) but has no formula in 004 §2-7.
const FUEL: Text = Text::new("燃料", "Fuel");

/// The name of a stock item by its id: the items of 004 §2-7 and fuel; `None` for an item a
/// scenario names itself (shown by its id).
pub fn stock_item_name(id: &str) -> Option<Text> {
    if id == "fuel" {
        return Some(FUEL);
    }
    ITEMS
        .iter()
        .find(|i| i.id == id)
        .map(|i| Text::new(i.name_ja, i.name_en))
}

/// A stock item's name in `lang`, or its id when it has none.
pub fn stock_item(id: &str, lang: Lang) -> String {
    stock_item_name(id).map_or_else(|| id.to_string(), |t| t.get(lang).to_string())
}

/// A unit as written in a scenario (English, e.g. `pair`, `bottle (2 L)`), in `lang`: Japanese
/// text counts with Japanese counters (双, 本, 食, 個); a unit it does not know is shown as
/// written.
pub fn unit(unit: &str, lang: Lang) -> String {
    // The size in brackets (`bottle (2 L)`) is part of the item's name already.
    let word = unit.split(" (").next().unwrap_or(unit).trim();
    if lang == Lang::En {
        return word.to_string();
    }
    let counter = match word.trim_end_matches('s') {
        "bottle" => "本",
        "meal" => "食",
        "cup" | "piece" | "pc" | "pcs" | "tank" | "bag" | "battery" => "個",
        "spoon" => "本",
        "pair" => "双",
        "mask" | "sheet" => "枚",
        "litre" | "liter" | "l" | "L" => "L",
        "person" | "people" => "人",
        _ => return unit.to_string(),
    };
    counter.to_string()
}

/// A stock item with its unit for a label: "手袋（双）", "Gloves (pair)"; the name alone when
/// the unit is empty.
pub fn stock_label(id: &str, unit_written: &str, lang: Lang) -> String {
    let name = stock_item(id, lang);
    if unit_written.is_empty() {
        return name;
    }
    let u = unit(unit_written, lang);
    match lang {
        Lang::Ja => format!("{name}（{u}）"),
        Lang::En => format!("{name} ({u})"),
    }
}

/// The analyses' terms (`bcpsim sensitivity`, `bcpsim search`, docs/sensitivity.md and
/// docs/search.md): one name each, used by their tables, charts and reports.
pub mod analysis {
    use crate::lang::Text;

    pub const SENSITIVITY_ANALYSIS: Text = Text::new("感度分析", "Sensitivity analysis");
    /// A doubted number of the scenario or plan with its range.
    pub const FACTOR: Text = Text::new("因子", "Factor");
    pub const TORNADO: Text = Text::new("トルネード図", "Tornado chart");
    /// The share of the output's variance one factor explains alone (寄与度).
    pub const FIRST_ORDER_INDEX: Text = Text::new("一次のSobol指数", "First-order Sobol index");
    /// The share it explains with all its interactions.
    pub const TOTAL_INDEX: Text = Text::new("総合Sobol指数", "Total Sobol index");
    pub const SEARCH: Text = Text::new("対策探索", "Plan search");
    /// A plan change a search may make, with its cost.
    pub const LEVER: Text = Text::new("レバー", "Lever");
    pub const COST: Text = Text::new("費用", "Cost");
    pub const TARGET: Text = Text::new("目標", "Target");
    pub const SHARE_MEETING_TARGET: Text = Text::new(
        "目標を満たした実行の割合",
        "Share of runs meeting the target",
    );
    pub const FRONTIER: Text =
        Text::new("費用とリスクの境界（フロンティア）", "Cost–risk frontier");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_per_term() {
        assert_eq!(Lifeline::Power.name().get(Lang::Ja), "電気");
        assert_eq!(
            Lifeline::from_key("telecom_voice"),
            Some(Lifeline::TelecomVoice)
        );
        assert_eq!(Weekday::Wed.name().get(Lang::Ja), "水曜日");
        assert_eq!(
            CareCategory::from_key("excretion"),
            Some(CareCategory::Excretion)
        );
        assert_eq!(stock_item("water_2l", Lang::Ja), "飲料水 2L");
        assert_eq!(stock_item("my_item", Lang::Ja), "my_item");
    }

    #[test]
    fn japanese_labels_count_with_japanese_counters() {
        assert_eq!(stock_label("gloves", "pair", Lang::Ja), "手袋（双）");
        assert_eq!(stock_label("gloves", "pair", Lang::En), "Gloves (pair)");
        assert_eq!(
            stock_label("water_2l", "bottle (2 L)", Lang::Ja),
            "飲料水 2L（本）"
        );
        assert_eq!(
            stock_label("water_2l", "bottle (2 L)", Lang::En),
            "Drinking water 2 L (bottle)"
        );
        assert_eq!(stock_label("meals", "meal", Lang::Ja), "非常食（食）");
        assert_eq!(stock_label("fuel", "litre", Lang::Ja), "燃料（L）");
        // Unknown units are shown as written; no unit, no brackets.
        assert_eq!(unit("crate", Lang::Ja), "crate");
        assert_eq!(unit("crates (big)", Lang::Ja), "crates (big)");
        assert_eq!(stock_label("masks", "", Lang::Ja), "マスク");
    }
}
