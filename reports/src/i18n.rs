//! The bilingual catalog: every user-facing string of the reports (and of the CLI commands
//! that use them) in Japanese and English, in one place. Japanese words follow the engine's
//! glossary (`bcpsim_engine::lang::glossary`).
//!
//! A [`Text`] is a pair; [`Text::get`] picks the language and [`Text::fill`] replaces each
//! `{}` in order with an argument, so a translation can put the arguments where its grammar
//! wants them.

pub use bcpsim_engine::lang::Text;

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
/// The longest time one patient's device had no power, and admissions under the plan.
pub const DEPLETED_LONGEST_ADMITTED: Text = Text::new(
    "（1人の最長 {} 時間、計画により入院 {} 人）",
    "(longest for one patient {} h; {} admitted to hospital under the plan)",
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
/// Path.
pub const OUTPUT_NOT_A_DIRECTORY: Text = Text::new(
    "エラー: {} はファイルなので、出力先のフォルダーにできません\nヒント: 別のフォルダー名を指定してください（何も書き込んでいません）",
    "error: {} is a file, so it cannot be the output folder\nhint: name another folder (nothing was written)",
);
/// Path.
pub const OUTPUT_TARGET_IS_DIRECTORY: Text = Text::new(
    "エラー: 出力ファイル {} と同じ名前のフォルダーがあります\nヒント: そのフォルダーを移すか、別の出力先を指定してください（何も書き込んでいません）",
    "error: a folder has the name of the output file {}\nhint: move that folder or name another destination (nothing was written)",
);
/// Path, error.
pub const OUTPUT_NOT_WRITABLE: Text = Text::new(
    "エラー: フォルダー {} に書き込めません: {}\nヒント: 書き込めるフォルダーを指定してください（何も書き込んでいません）",
    "error: cannot write into the folder {}: {}\nhint: name a folder you can write to (nothing was written)",
);
/// Path, error.
pub const OUTPUT_IO: Text = Text::new(
    "エラー: {} に書き込めません: {}",
    "error: cannot write {}: {}",
);
/// Path.
pub const WROTE: Text = Text::new("書き込みました: {}", "wrote {}");

// --- printable report and charts (`bcpsim report`, docs/report.md) ------------------------------------
// READ_*: errors reading a run's output directory (each names the file); CHART_*: chart titles
// and labels; REPORT_*: the HTML report and the Markdown summary.

pub const READ_NOT_A_DIRECTORY: Text = Text::new(
    "エラー: {} はディレクトリではありません（bcpsim run、batch、compare の --out で指定した出力先を指定してください）",
    "error: {} is not a directory (give the directory written by bcpsim run, batch or compare --out)",
);
pub const READ_NOT_AN_OUTPUT_DIR: Text = Text::new(
    "エラー: {} は bcpsim の出力ディレクトリではありません（実行の summary.json、timeseries.csv、events.jsonl も、バッチの batch.json も、比較の compare.json もありません）",
    "error: {} is not a bcpsim output directory (none of a run's summary.json, timeseries.csv, events.jsonl, a batch's batch.json or a comparison's compare.json)",
);
pub const READ_MISSING: Text = Text::new(
    "エラー: {} がありません（bcpsim の出力が不完全です。作り直すか、すべてのファイルをコピーしてください）",
    "error: {} is missing (the bcpsim output is incomplete: re-create it or copy all of its files)",
);
pub const READ_IO_ERROR: Text =
    Text::new("エラー: {} を読めません: {}", "error: cannot read {}: {}");
pub const READ_TRUNCATED: Text = Text::new(
    "エラー: {} が途中で切れています（書き込みが終わっていないか、壊れています）",
    "error: {} is truncated (unfinished or damaged)",
);
pub const READ_MALFORMED: Text = Text::new(
    "エラー: {} の内容が bcpsim の出力形式ではありません: {}",
    "error: {} is not in bcpsim's output format: {}",
);
pub const READ_MALFORMED_LINE: Text = Text::new(
    "エラー: {} の {} 行目が bcpsim の出力形式ではありません: {}",
    "error: {} line {} is not in bcpsim's output format: {}",
);
pub const READ_VERSION: Text = Text::new(
    "エラー: {} の出力形式のバージョンが {} です（この bcpsim が読めるのは {}）。同じバージョンの bcpsim で作り直してください",
    "error: {} has output format version {} (this bcpsim reads {}); re-create it with a matching bcpsim",
);
pub const CHART_T_ATTENDANCE: Text = Text::new(
    "出勤率：シミュレーションと計画の想定",
    "Attendance: simulated vs the plan's curve",
);
pub const CHART_T_LIFELINES: Text =
    Text::new("ライフラインの状態（地域・種類ごと）", "Lifelines per zone");
pub const CHART_T_STOCKS: Text = Text::new(
    "備蓄の残量（初期量に対する割合）と計画の想定",
    "Stock levels (share of initial) vs the plan's assumption",
);
pub const CHART_T_SAFETY: Text = Text::new("安否確認の進み具合", "Safety-check coverage");
pub const CHART_T_DEPLETED: Text = Text::new(
    "電源がなくバッテリーが尽きている利用者の数",
    "Patients at zero battery without power",
);
pub const CHART_T_MARGINS: Text = Text::new(
    "優先度Aの利用者のバッテリーの余裕（電源が必要な機器）",
    "Battery margins of class-A patients (power-dependent devices)",
);
pub const CHART_MARGIN_AXIS: Text = Text::new(
    "時間（右：残り　左：バッテリー切れ）",
    "Hours (right: left on battery; left: at zero battery)",
);
pub const CHART_MARGIN_CAPACITY: Text = Text::new("満充電での持続時間", "Full battery life");
pub const CHART_MARGIN_LOWEST: Text = Text::new("最も減ったときの残り", "Least battery left");
pub const CHART_MARGIN_DEPLETED: Text = Text::new("バッテリー切れの時間", "Hours at zero battery");
/// Patients left out.
pub const CHART_MARGIN_MORE: Text = Text::new("ほか {} 人", "{} more not shown");
pub const CHART_MARGIN_NONE: Text = Text::new(
    "電源が必要な機器を使う優先度Aの利用者はいません",
    "No class-A patient uses a power-dependent device",
);
pub const CHART_T_VISITS: Text = Text::new(
    "ケア区分ごとの訪問（需要と実施）",
    "Visits demanded vs delivered per care category",
);
pub const CHART_T_FOREST: Text = Text::new(
    "計画の比較：同じ災害での差（比較 − 基準）と95%信頼区間",
    "Plan comparison: paired difference (variant − base) with 95 % interval",
);
/// Part and parts of a chart split over pages.
pub const CHART_PART: Text = Text::new("（{}/{}）", " ({}/{})");
pub const CHART_HOURS_AXIS: Text = Text::new("発災からの時間（時間）", "Hours after onset");
/// A time axis whose first 72 hours are drawn wider (`charts::time`).
pub const CHART_TIME_AXIS_WIDE: Text = Text::new(
    "発災からの経過（72時間までは時間で拡大表示、以降は日数）",
    "Time since onset (the first 72 hours drawn wider, in hours; then in days)",
);
pub const CHART_SHARE_AXIS: Text = Text::new("割合（%）", "Share (%)");
pub const CHART_ATTENDANCE_AXIS: Text = Text::new(
    "出勤率（通常の勤務者数 W に対する %）",
    "Attendance (% of W)",
);
pub const CHART_SIMULATED: Text = Text::new("シミュレーション", "Simulated");
pub const CHART_PLAN_CURVE: Text = Text::new("計画の想定（004 §3-10）", "Plan's curve (004 §3-10)");
pub const CHART_BAND: Text = Text::new("5〜95 %（バッチ）", "5–95 % (batch)");
pub const CHART_OUT: Text = Text::new("停止", "Out");
pub const CHART_DEGRADED: Text = Text::new("一部（低下）", "Degraded");
pub const CHART_UP: Text = Text::new("復旧（空白）", "Up (blank)");
pub const CHART_NO_CHANGES: Text = Text::new(
    "ライフラインの変化はありません（全期間 正常）",
    "No lifeline changes (up throughout)",
);
pub const CHART_NO_DATA: Text = Text::new("データがありません", "No data");
pub const CHART_PLAN_STOCK: Text = Text::new("計画の備蓄想定", "The plan's stock assumption");
pub const CHART_STOCKOUT: Text = Text::new("在庫切れ", "Stock-out");
pub const CHART_ALL_PATIENTS: Text = Text::new("全利用者", "All patients");
pub const CHART_CLASS_A: Text = Text::new("優先度A", "Class A");
/// Class letter.
pub const CHART_CLASS_LINE: Text = Text::new("優先度{}", "Class {}");
pub const CHART_CLASS_X: Text =
    Text::new("優先度{}（6・24・72時間時点）", "Class {} (at 6, 24, 72 h)");
pub const CHART_PATIENTS_AXIS: Text = Text::new("利用者（人）", "Patients");
pub const CHART_DEPLETED: Text = Text::new("バッテリー切れの利用者", "Patients at zero battery");
pub const CHART_DEPLETION: Text = Text::new("バッテリーが尽きた時点", "Battery ran out");
pub const CHART_POWER_BROUGHT: Text =
    Text::new("訪問で電源を届けた時点", "Power brought by a visit");
/// The battery chart's strip of moments, in its key.
pub const CHART_DEPLETION_ROW: Text = Text::new(
    "バッテリーが尽きた時点（上の帯の×）",
    "Battery ran out (× in the strip above)",
);
pub const CHART_POWER_BROUGHT_ROW: Text = Text::new(
    "訪問で電源を届けた時点（上の帯の▲）",
    "Power brought by a visit (▲ in the strip above)",
);
pub const CHART_DEMANDS_AXIS: Text = Text::new("件数", "Demands");
pub const CHART_FOREST_ZERO: Text = Text::new("差なし", "No difference");
pub const CHART_MEDIAN: Text = Text::new("中央値（バッチ）", "Median (batch)");
pub const CHART_ALL_PATIENTS_MEDIAN: Text =
    Text::new("全利用者（中央値）", "All patients (median)");
pub const CHART_FOREST_BETTER: Text = Text::new(
    "改善（95%区間が改善側）",
    "Better (95 % interval on the better side)",
);
pub const CHART_FOREST_WORSE: Text = Text::new(
    "悪化（95%区間が悪化側）",
    "Worse (95 % interval on the worse side)",
);
pub const CHART_FOREST_UNCLEAR: Text = Text::new(
    "はっきりしない（区間が0をまたぐ）",
    "Unclear (interval spans 0)",
);
pub const CHART_FOREST_LOWER_BETTER: Text = Text::new("（少ないほど良い）", "(lower is better)");
pub const CHART_FOREST_HIGHER_BETTER: Text = Text::new("（多いほど良い）", "(higher is better)");
pub const REPORT_TITLE: Text = Text::new("BCP シミュレーション報告書", "BCP simulation report");
pub const REPORT_SECTION_KEY: Text = Text::new("重要な数値", "Key figures");
pub const REPORT_SECTION_CHARTS: Text = Text::new("グラフ", "Charts");
pub const REPORT_SECTION_ASSUMPTIONS: Text = Text::new(
    "計画の想定とシミュレーションの違い",
    "Where the plan's assumptions differ from the simulation",
);
/// Scenario, weekday, onset hour, horizon hours, horizon days, seed, run.
pub const REPORT_SCENARIO_LINE: Text = Text::new(
    "シナリオ「{}」：発災 {} {}時、発災から {} 時間（{} 日）、シード {}、実行 {}。",
    "Scenario “{}”: onset {} {}:00, {} hours ({} days) from onset, seed {}, run {}.",
);
/// Hour the run stopped at, horizon hours (a replayed exercise session left early).
pub const REPORT_STOPPED_LINE: Text = Text::new(
    "この実行は発災から {} 時間で止まっています（期間 {} 時間のうち）。数値はそこまでのものです。",
    "This run stopped at hour {} after onset (of {} hours); figures are up to that hour.",
);
/// Agencies, W, patients, class-A patients, power-dependent patients.
pub const REPORT_PLAN_LINE: Text = Text::new(
    "対象は {} か所の事業所（通常の1日あたり勤務者数 W = {} 人）、利用者 {} 人（うち優先度A {} 人、電源が必要な機器を使う利用者 {} 人）。",
    "Agencies: {} (normal daily staff W = {}); {} patients ({} of class A, {} with power-dependent devices).",
);
/// The attendance curve as "0h 3%, …".
pub const REPORT_PLAN_CURVE_LINE: Text = Text::new(
    "計画の出勤想定（004 §3-10）：{}。計画の備蓄想定：{}。",
    "The plan's attendance curve (004 §3-10): {}. The plan's stock assumption: {}.",
);
/// Activation, release.
pub const REPORT_ACTIVATION_LINE: Text = Text::new(
    "BCP 発動：{}、解除：{}。",
    "BCP activated: {}, released: {}.",
);
pub const REPORT_KF_DEPLETED: Text = Text::new(
    "電源がなく機器のバッテリーが尽きた利用者",
    "Patients whose device battery ran out without power",
);
/// Depleted, power-dependent, patient-hours.
pub const REPORT_KF_DEPLETED_VALUE: Text = Text::new(
    "{} 人（電源依存 {} 人中、延べ {} 時間）",
    "{} of {} power-dependent ({} patient-hours)",
);
pub const REPORT_KF_CLASS_A_24H: Text = Text::new(
    "24時間以上連絡のつかなかった優先度Aの利用者",
    "Class-A patients uncontacted over 24 h",
);
pub const REPORT_KF_OF: Text = Text::new("{} 人（{} 人中）", "{} of {}");
pub const REPORT_KF_CLASS_A_ALL: Text = Text::new(
    "優先度Aの利用者全員の安否確認まで",
    "Time to confirm every class-A patient",
);
pub const REPORT_KF_FIRST_STOCKOUT: Text = Text::new("最初の在庫切れ", "First stock-out");
/// Item, time.
pub const REPORT_KF_STOCKOUT_VALUE: Text = Text::new("{}：{}", "{}: {}");
pub const REPORT_KF_VISITS: Text = Text::new(
    "訪問の実施（需要に対して）",
    "Visits delivered (of demanded)",
);
/// Delivered, demanded, share.
pub const REPORT_KF_VISITS_VALUE: Text = Text::new("{} 件 / {} 件（{}）", "{} of {} ({})");
/// Hours after onset, day, clock.
pub const REPORT_AT_TIME: Text = Text::new("{} 時間後（{}日目 {}時）", "{} h (day {} {}:00)");
pub const REPORT_COL_TIME: Text = Text::new("時点", "Time");
pub const REPORT_COL_PLAN: Text = Text::new("計画の想定", "Plan assumes");
pub const REPORT_COL_SIM: Text = Text::new("シミュレーション", "Simulated");
pub const REPORT_COL_DIFF: Text = Text::new("差", "Difference");
pub const REPORT_COL_MEDIAN: Text = Text::new("中央値", "Median");
pub const REPORT_COL_RANGE: Text = Text::new("5〜95%", "5–95 %");
pub const REPORT_COL_LOWEST: Text = Text::new("最も少ない品目", "Lowest item");
pub const REPORT_COL_VERDICT: Text = Text::new("評価", "Verdict");
pub const REPORT_COL_BELOW: Text = Text::new("想定を下回る品目", "Items below the plan");
pub const REPORT_ATTENDANCE_TABLE: Text = Text::new("出勤率", "Attendance");
pub const REPORT_STOCK_TABLE: Text = Text::new(
    "備蓄（初期量に対する割合、全品目の平均）",
    "Stock (share of initial, mean over items)",
);
pub const REPORT_WORSE: Text = Text::new("計画より悪い", "worse than planned");
pub const REPORT_BETTER: Text = Text::new("計画より良い", "better than planned");
pub const REPORT_CLOSE: Text = Text::new("ほぼ計画どおり", "close to the plan");
/// Hours, plan %, simulated %.
pub const REPORT_ATTENDANCE_WORST: Text = Text::new(
    "出勤率が計画の想定を最も大きく下回ったのは {}で、計画 {} に対してシミュレーションは {} でした。",
    "Attendance fell furthest below the plan's curve at {}: plan {}, simulated {}.",
);
/// Hours, plan %, median %.
pub const REPORT_ATTENDANCE_WORST_MEDIAN: Text = Text::new(
    "出勤率の中央値が計画の想定を最も大きく下回ったのは {}で、計画 {} に対して中央値は {} でした。",
    "The median attendance fell furthest below the plan's curve at {}: plan {}, median {}.",
);
pub const REPORT_ATTENDANCE_NEVER_BELOW: Text = Text::new(
    "出勤率は全期間を通じて計画の想定を下回りませんでした。",
    "Attendance never fell below the plan's curve.",
);
pub const REPORT_STOCK_NOTE: Text = Text::new(
    "備蓄の想定は各計画の stock_curve（全品目に共通、初期量に対する割合）です。書かれていない計画はサンプル計画（004 §3-10）の 100・90・70・20・70・90% を使います。",
    "The stock assumption is each plan's stock_curve (one curve for all items, as a share of the quantity at onset); a plan without one uses the sample plan's (004 §3-10) 100, 90, 70, 20, 70, 90 %.",
);
pub const REPORT_FOOTER: Text = Text::new(
    "bcpsim が出力ファイル（summary.json、timeseries.csv、events.jsonl、出力形式 {}）から作成。同じ入力からは同じ内容になります。",
    "Made by bcpsim from the output files (summary.json, timeseries.csv, events.jsonl, format {}). The same inputs give the same report.",
);
pub const REPORT_MD_CHARTS_NOTE: Text = Text::new(
    "グラフは HTML 版の報告書（bcpsim report --format html）にあります。",
    "The charts are in the HTML report (bcpsim report --format html).",
);
pub const REPORT_MD_ITEM: Text = Text::new("項目", "Item");
pub const REPORT_MD_VALUE: Text = Text::new("値", "Value");
