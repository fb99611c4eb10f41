//! The bilingual catalog: every user-facing string of the reports (and of the CLI commands
//! that use them) in Japanese and English, in one place. Japanese words follow the glossary of
//! MODEL.md.
//!
//! A [`Text`] is a pair; [`Text::get`] picks the language and [`Text::fill`] replaces each
//! `{}` in order with an argument, so a translation can put the arguments where its grammar
//! wants them.

use std::fmt::Display;

use bcpsim_engine::Lang;
use bcpsim_engine::scenario::Weekday;

/// One string in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub ja: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(ja: &'static str, en: &'static str) -> Text {
        Text { ja, en }
    }

    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.ja, self.en)
    }

    /// The text in `lang` with each `{}` replaced by the next argument (missing arguments
    /// leave `{}`; extra arguments are ignored).
    pub fn fill(self, lang: Lang, args: &[&dyn Display]) -> String {
        let template = self.get(lang);
        let mut out = String::with_capacity(template.len() + 16 * args.len());
        let mut args = args.iter();
        let mut rest = template;
        while let Some(pos) = rest.find("{}") {
            out.push_str(&rest[..pos]);
            match args.next() {
                Some(a) => out.push_str(&a.to_string()),
                None => out.push_str("{}"),
            }
            rest = &rest[pos + 2..];
        }
        out.push_str(rest);
        out
    }
}

// --- run summary: header ---------------------------------------------------------------------

pub const TITLE: Text = Text::new("シミュレーション結果", "Simulation result");
pub const SCENARIO: Text = Text::new("シナリオ", "Scenario");
/// Weekday name, clock hour of the onset.
pub const ONSET: Text = Text::new("発災: {} {}時", "Onset: {} {}:00");
/// Seed, run number, horizon in hours.
pub const SEED_RUN_HORIZON: Text = Text::new(
    "シード {}、実行 {}、期間 {} 時間（発災から）",
    "seed {}, run {}, {} h from onset",
);

// --- critical ----------------------------------------------------------------------------------

pub const SECTION_CRITICAL: Text = Text::new("重大事象", "Critical");
pub const BATTERY_DEPLETED: Text = Text::new(
    "電源喪失で機器バッテリーが尽きた利用者",
    "Patients whose device battery ran out",
);
/// Power-dependent patients, patient-hours at zero battery.
pub const BATTERY_DEPLETED_DETAIL: Text = Text::new(
    "（電源依存の利用者 {} 人中、延べ {} 時間）",
    "(of {} power-dependent; {} patient-hours)",
);
pub const CLASS_A_UNCONTACTED: Text = Text::new(
    "24時間以上連絡のつかない優先度Aの利用者",
    "Class-A patients uncontacted over 24 h",
);
pub const CLASS_A_ALL_CONFIRMED: Text = Text::new(
    "優先度Aの利用者全員の安否確認",
    "All class-A patients confirmed",
);
pub const NEVER: Text = Text::new("未達", "never");
pub const PERSONS: Text = Text::new("{} 人", "{}");

// --- time ----------------------------------------------------------------------------------------

/// Hours after onset.
pub const HOURS_AFTER: Text = Text::new("{} 時間後", "{} h");
/// Calendar day (0 = the day of the onset) and clock hour.
pub const DAY_CLOCK: Text = Text::new("{}日目 {}時", "day {} {}:00");
pub const AT_HOURS: Text = Text::new("{}時間", "{} h");

/// The name of a weekday.
pub fn weekday_name(day: Weekday) -> Text {
    match day {
        Weekday::Mon => Text::new("月曜日", "Monday"),
        Weekday::Tue => Text::new("火曜日", "Tuesday"),
        Weekday::Wed => Text::new("水曜日", "Wednesday"),
        Weekday::Thu => Text::new("木曜日", "Thursday"),
        Weekday::Fri => Text::new("金曜日", "Friday"),
        Weekday::Sat => Text::new("土曜日", "Saturday"),
        Weekday::Sun => Text::new("日曜日", "Sunday"),
    }
}

// --- safety checks -------------------------------------------------------------------------------

pub const SECTION_SAFETY: Text = Text::new(
    "安否確認（確認済みの利用者の割合）",
    "Safety checks (share of patients confirmed)",
);
pub const ALL_PATIENTS: Text = Text::new("全利用者", "All patients");
pub const CLASS: Text = Text::new("優先度{}", "Class {}");
pub const PATIENTS_COUNT: Text = Text::new("{} 人", "{} patients");
pub const CALLS: Text = Text::new(
    "電話 {} 件（不通 {} 件）、確認のための訪問 {} 件",
    "{} calls ({} failed), {} visits to confirm",
);

// --- visits ----------------------------------------------------------------------------------------

pub const SECTION_VISITS: Text = Text::new("訪問（需要と実施）", "Visits (demanded vs delivered)");
pub const DEMANDED: Text = Text::new("需要", "Demanded");
pub const DELIVERED: Text = Text::new("実施", "Delivered");
pub const DELIVERED_SHARE: Text = Text::new("実施率", "%");
pub const TOTAL: Text = Text::new("合計", "Total");
/// Demands a family member stood in for, demands open at the end.
pub const VISITS_FAMILY_OPEN: Text = Text::new(
    "家族が代行 {}、未対応（終了時）{}",
    "family stood in {}, open at end {}",
);
/// Visits made, of which urgent visits for power. (A line of its own so that large regional
/// counts still fit 80 columns.)
pub const VISITS_MADE: Text = Text::new(
    "訪問回数 {}（うち電源のための緊急訪問 {}）",
    "visits made {} ({} urgent for power)",
);

// --- stocks ----------------------------------------------------------------------------------------

pub const SECTION_STOCKOUTS: Text = Text::new("備蓄の在庫切れ（最初の時点）", "Stock-outs (first)");
pub const NO_STOCKOUTS: Text = Text::new("在庫切れなし", "No item ran out");

// --- attendance --------------------------------------------------------------------------------------

pub const SECTION_ATTENDANCE: Text = Text::new(
    "出勤率（シミュレーション / 計画）",
    "Attendance (simulated / plan)",
);
pub const SIMULATED: Text = Text::new("シミュレーション", "Simulated");
pub const PLAN: Text = Text::new("計画", "Plan");
pub const NOT_REACHED: Text = Text::new("—", "—");
/// The lowest simulated attendance of any step, and when (day and clock) it first occurred.
pub const LOWEST_ATTENDANCE: Text = Text::new("最低 {}（{}）", "lowest {} ({})");

// --- BCP and staff -------------------------------------------------------------------------------------

pub const SECTION_BCP: Text = Text::new("事業継続計画 (BCP) と職員", "BCP and staff");
pub const BCP_ACTIVATED: Text = Text::new("BCP 発動", "BCP activated");
pub const BCP_RELEASED: Text = Text::new("BCP 解除", "BCP released");
pub const NOT_ACTIVATED: Text = Text::new("発動なし", "never");
pub const NOT_RELEASED: Text = Text::new("解除なし", "never");
pub const OVERTIME: Text = Text::new("超過勤務（合計）", "Overtime (total)");
pub const LONGEST_DUTY: Text = Text::new("最長連続勤務", "Longest continuous duty");
pub const HOURS: Text = Text::new("{} 時間", "{} h");

// --- finance ---------------------------------------------------------------------------------------

pub const SECTION_FINANCE: Text = Text::new("資金", "Finance");
pub const REVENUE: Text = Text::new("訪問収入（実施 {} 件）", "Revenue ({} visits delivered)");
pub const FIXED_COSTS: Text = Text::new("固定費（期間中）", "Fixed costs (over the run)");
pub const BREAK_EVEN: Text = Text::new("損益分岐（月あたり訪問）", "Break-even visits per month");
pub const PACE: Text = Text::new("訪問ペース（30日換算）", "Visit pace (per 30 days)");
pub const PAYMENT_DELAY: Text = Text::new(
    "保険からの入金は {} か月後",
    "insurance payments arrive {} months later",
);
pub const YEN: Text = Text::new("{}円", "¥{}");

// --- per agency --------------------------------------------------------------------------------------

pub const SECTION_AGENCIES: Text = Text::new("事業所別", "By agency");
pub const AGENCY: Text = Text::new("事業所", "Agency");
pub const COL_DEPLETED: Text = Text::new("電池切れ", "Depleted");
pub const COL_CLASS_A_24H: Text = Text::new("A未確認24h", "A >24h");
pub const COL_VISITS: Text = Text::new("訪問 実施/需要", "Visits del/dem");
pub const COL_ATTENDANCE_24H: Text = Text::new("出勤率24h", "Attend. 24h");

// --- care categories and priority classes ---------------------------------------------------------------

/// The name of a care category by its output key; `None` for an unknown key.
pub fn category_name(key: &str) -> Option<Text> {
    Some(match key {
        "medical_care" => Text::new("医療的ケア", "Medical care"),
        "excretion" => Text::new("排泄援助", "Excretion support"),
        "meals" => Text::new("食事援助", "Meal support"),
        "other_care" => Text::new("その他の看護・介護", "Other nursing and care"),
        "rehabilitation" => Text::new("リハビリ等", "Rehabilitation etc."),
        _ => return None,
    })
}

// --- stockpile -------------------------------------------------------------------------------------------

pub const STOCKPILE_TITLE: Text = Text::new(
    "備蓄の必要量（004 §2-7 の計算式）",
    "Stockpile required (formulas of 004 §2-7)",
);
/// Agency id, agency name.
pub const STOCKPILE_AGENCY: Text = Text::new("事業所 {} {}", "Agency {} {}");
/// W, staff, women, days.
pub const STOCKPILE_INPUTS: Text = Text::new(
    "W（1日あたりの平均勤務者数）{} 人、全職員 {} 人、50歳以下の女性 {} 人、{} 日分",
    "W (staff working per day) {}, staff {}, women aged 50 or under {}, {} days",
);
pub const COL_ITEM: Text = Text::new("品名", "Item");
pub const COL_REQUIRED: Text = Text::new("必要数", "Required");
pub const COL_HELD: Text = Text::new("保有数", "Held");
pub const COL_STATUS: Text = Text::new("判定", "Status");
pub const COL_FORMULA: Text = Text::new("計算式", "Formula");
pub const STOCK_OK: Text = Text::new("充足", "OK");
pub const STOCK_SHORT: Text = Text::new("不足 {}", "short by {}");
pub const STOCKPILE_SHORT_ITEMS: Text = Text::new("不足している品目: {} 品目", "Items short: {}");
pub const STOCKPILE_ALL_OK: Text = Text::new(
    "すべての品目が必要量を満たしています",
    "Every item meets the required quantity",
);
pub const STOCKPILE_NOTE: Text = Text::new(
    "端数は切り上げ（生理用品のみ四捨五入）。\n女性率 = 50歳以下の女性 ÷ 全職員。",
    "Fractions are rounded up (sanitary products: to the nearest).\nshare = women aged 50 or under ÷ all staff.",
);
pub const NO_AGENCIES: Text = Text::new("事業所がありません", "No agencies");

// --- output files -----------------------------------------------------------------------------------------

/// The existing files, joined.
pub const OUTPUT_EXISTS: Text = Text::new(
    "エラー: 出力ファイルがすでにあります: {}",
    "error: output files already exist: {}",
);
pub const OUTPUT_EXISTS_HINT: Text = Text::new(
    "ヒント: 上書きするには --force を付けてください（何も書き込んでいません）",
    "hint: pass --force to overwrite them (nothing was written)",
);
/// Path, error.
pub const OUTPUT_IO: Text = Text::new(
    "エラー: {} に書き込めません: {}",
    "error: cannot write {}: {}",
);
/// Path.
pub const WROTE: Text = Text::new("書き込みました: {}", "wrote {}");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_places_arguments_in_order() {
        let t = Text::new("{}日目 {}時", "day {} {}:00");
        assert_eq!(t.fill(Lang::Ja, &[&2, &"05"]), "2日目 05時");
        assert_eq!(t.fill(Lang::En, &[&2, &"05"]), "day 2 05:00");
        assert_eq!(t.fill(Lang::En, &[&2]), "day 2 {}:00");
    }
}
