//! `bcpsim search`'s files and terminal table: `search.json` (everything), `candidates.csv`
//! (every plan tried), `frontier.csv` (the cost–risk frontier) and, when a plan meets the
//! target, `chosen-plan.ron` (a variant file, written by the command).

use std::fmt::Write as _;

use bcpsim_engine::Lang;
use bcpsim_engine::lang::glossary::analysis;
use bcpsim_engine::search::{Candidate, SearchResult, Status};

use super::{field, json};
use crate::i18n::Text;
use crate::width::{Align, table};

pub const SEARCH_FILE: &str = "search.json";
pub const CANDIDATES_FILE: &str = "candidates.csv";
pub const FRONTIER_FILE: &str = "frontier.csv";
pub const CHOSEN_FILE: &str = "chosen-plan.ron";
pub const SEARCH_FILES: [&str; 4] = [SEARCH_FILE, CANDIDATES_FILE, FRONTIER_FILE, CHOSEN_FILE];

pub fn render_search_json(r: &SearchResult) -> String {
    json(r)
}

fn status_key(s: Status) -> &'static str {
    match s {
        Status::Meets => "meets",
        Status::Fails => "fails",
        Status::Unclear => "unclear",
    }
}

/// The levers' values of a plan in one cell: `name=value; name=value`.
pub fn plan_label(c: &Candidate) -> String {
    c.levers
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn csv(r: &SearchResult, which: impl Iterator<Item = usize>) -> String {
    let mut s = String::from("cost_yen");
    let names: Vec<&str> = r
        .candidates
        .first()
        .map(|c| c.levers.iter().map(|(n, _)| n.as_str()).collect())
        .unwrap_or_default();
    for n in &names {
        s.push(',');
        s.push_str(&field(n));
    }
    s.push_str(",runs,met,share,share_low,share_high,status\n");
    for i in which {
        let c = &r.candidates[i];
        let _ = write!(s, "{}", c.cost_yen);
        for (_, v) in &c.levers {
            let _ = write!(s, ",{}", field(v));
        }
        let _ = writeln!(
            s,
            ",{},{},{},{},{},{}",
            c.runs,
            c.met,
            c.share,
            c.share_low,
            c.share_high,
            status_key(c.status)
        );
    }
    s
}

pub fn render_candidates_csv(r: &SearchResult) -> String {
    csv(r, 0..r.candidates.len())
}

pub fn render_frontier_csv(r: &SearchResult) -> String {
    csv(r, r.frontier.iter().copied())
}

const HEADING: Text = Text::new(
    "対策探索: {}\n目標: 実行ごとに「{}」を、{}% 以上の実行で満たす（シード {}、候補 {} 件、シミュレーション {} 回）",
    "Search: {}\ntarget: \"{}\" in at least {} % of runs (seed {}, {} candidates, {} simulations)",
);
const CHOSEN: Text = Text::new(
    "目標を満たす最も安い計画: {}（費用 {} 円、目標を満たした実行 {}/{} = {}%、95%区間 {}〜{}%）",
    "Cheapest plan meeting the target: {} (cost {} yen, runs meeting it {}/{} = {} %, 95 % CI {}–{} %)",
);
const NONE: Text = Text::new(
    "目標を満たすとはっきり言える計画はありませんでした。下の境界（フロンティア）の最も高い割合を参考に、レバーの範囲を広げるか、--runs を増やしてください",
    "No plan clearly meets the target. See the best share on the frontier below; widen the levers' ranges or raise --runs",
);
const FRONTIER: Text = analysis::FRONTIER;
/// The columns of the frontier and candidate tables (terminal and report).
pub(crate) const FRONTIER_HEAD: [Text; 5] = [
    Text::new("費用（円）", "Cost (yen)"),
    Text::new("計画", "Plan"),
    Text::new(
        "目標を満たした実行の割合 [95%区間]",
        "Share of runs meeting the target [95 % CI]",
    ),
    Text::new("実行", "Runs"),
    Text::new("判定", "Verdict"),
];

pub fn verdict(s: Status) -> Text {
    match s {
        Status::Meets => Text::new("満たす", "meets"),
        Status::Fails => Text::new("満たさない", "fails"),
        Status::Unclear => Text::new("不明", "unclear"),
    }
}

/// `text` filled with the chosen plan: its label, cost, runs meeting the target of runs, and
/// the share with its interval.
pub(crate) fn describe_chosen(text: Text, c: &Candidate, lang: Lang) -> String {
    text.fill(
        lang,
        &[
            &plan_label(c),
            &yen(c.cost_yen),
            &c.met,
            &c.runs,
            &pct(c.share),
            &pct(c.share_low),
            &pct(c.share_high),
        ],
    )
}

/// A share as a percentage with one decimal (the % sign is the caller's).
pub(crate) fn pct(x: f64) -> String {
    format!("{:.1}", 100.0 * x)
}

/// A yen amount with thousands separators.
pub fn yen(x: f64) -> String {
    let n = x.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

pub fn search_text(r: &SearchResult, lang: Lang) -> String {
    let s = &r.settings;
    let mut out = HEADING.fill(
        lang,
        &[
            &r.scenario,
            &s.target.text(),
            &pct(s.confidence),
            &s.seed,
            &r.candidates.len(),
            &r.simulations,
        ],
    );
    out.push('\n');
    match r.chosen.map(|i| &r.candidates[i]) {
        Some(c) => out.push_str(&describe_chosen(CHOSEN, c, lang)),
        None => out.push_str(NONE.get(lang)),
    }
    let _ = writeln!(out, "\n\n■ {}", FRONTIER.get(lang));
    let head: Vec<String> = FRONTIER_HEAD
        .iter()
        .map(|t| t.get(lang).to_string())
        .collect();
    let body: Vec<Vec<String>> = r
        .frontier
        .iter()
        .map(|&i| {
            let c = &r.candidates[i];
            vec![
                yen(c.cost_yen),
                plan_label(c),
                format!(
                    "{}% [{}, {}]",
                    pct(c.share),
                    pct(c.share_low),
                    pct(c.share_high)
                ),
                c.runs.to_string(),
                verdict(c.status).get(lang).to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        "  ",
        &[
            Align::Right,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Left,
        ],
        &[vec![head], body].concat(),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_groups_thousands() {
        assert_eq!(yen(0.0), "0");
        assert_eq!(yen(150000.0), "150,000");
        assert_eq!(yen(1234567.0), "1,234,567");
    }
}
