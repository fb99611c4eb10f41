//! The loader never panics: mutated and truncated scenarios and random strings give `Ok` or
//! `Err`, and every diagnostic points inside the text and renders.

#[path = "loader_fixture.rs"]
mod fixture;

use bcpsim_engine::Lang;
use bcpsim_engine::load::{load_scenario, spans::SpanIndex};
use fixture::VALID;
use proptest::prelude::*;

/// Characters that make interesting RON: brackets, quotes, escapes, signs, digits, comment
/// starts, a wide character and a multi-byte space.
const ALPHABET: &[char] = &[
    '(', ')', '[', ']', '{', '}', '"', '\'', '\\', ',', ':', '-', '+', '.', '/', '*', '#', 'r',
    'e', 'N', 'a', '0', '1', '9', ' ', '\n', '_', '訪', '\u{3000}', 'x',
];

/// Tokens whose swap keeps the text plausible but wrong.
const TOKENS: &[&str] = &[
    "0",
    "-1",
    "4294967295",
    "18446744073709551616",
    "1e309",
    "NaN",
    "inf",
    "\"\"",
    "\"z1\"",
    "Some(",
    "None",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "true",
    "Up",
    "Degraded(2)",
    "//",
    "/*",
    "r#\"",
    "'a'",
    "{",
    "}",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
    Swap(usize, usize),
    Token(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let c = prop::sample::select(ALPHABET);
    prop_oneof![
        (any::<usize>(), c.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), c).prop_map(|(i, c)| Edit::Replace(i, c)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Edit::Swap(i, j)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(i, t)| Edit::Token(i, t)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

/// Applies edits at character positions (so the text stays valid UTF-8).
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let n = chars.len().max(1);
        match *e {
            Edit::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Edit::Delete(i) if !chars.is_empty() => {
                chars.remove(i % n);
            }
            Edit::Replace(i, c) if !chars.is_empty() => chars[i % n] = c,
            Edit::Swap(i, j) if !chars.is_empty() => chars.swap(i % n, j % n),
            Edit::Token(i, t) => {
                let at = i % (chars.len() + 1);
                chars.splice(at..at, TOKENS[t].chars());
            }
            Edit::Truncate(i) => chars.truncate(i % (chars.len() + 1)),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// Loads, renders and indexes; asserts the diagnostics are well formed.
fn exercise(text: &str) {
    let _ = SpanIndex::build(text);
    if let Err(e) = load_scenario("p.ron", text) {
        assert!(!e.diagnostics.is_empty());
        for d in &e.diagnostics {
            assert!(
                d.span.start <= d.span.end && d.span.end <= text.len(),
                "{d:?}"
            );
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            assert!(d.line >= 1 && d.column >= 1);
        }
        let out = e.render(Lang::Ja, false);
        assert!(out.contains("p.ron:"));
        let _ = e.render(Lang::En, true);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_scenarios(edits in prop::collection::vec(edit(), 1..6)) {
        exercise(&apply(VALID, &edits));
    }

    #[test]
    fn truncated_scenarios(cut in 0usize..VALID.chars().count()) {
        let text: String = VALID.chars().take(cut).collect();
        exercise(&text);
    }

    #[test]
    fn random_strings(s in "\\PC{0,200}") {
        exercise(&s);
    }

    #[test]
    fn random_ron_like_strings(chars in prop::collection::vec(prop::sample::select(ALPHABET), 0..200)) {
        exercise(&chars.into_iter().collect::<String>());
    }
}

#[test]
fn deep_nesting_and_odd_inputs() {
    for text in [
        String::new(),
        "(".repeat(5000),
        "[".repeat(5000) + &"]".repeat(5000),
        "Scenario(".to_string(),
        "\u{feff}Scenario()".to_string(),
        VALID.replace('\n', "\r\n"),
        VALID.replace("    ", "\t"),
        VALID.replace("(at_hour: 40,", "(at_hour: 4294967295,"),
        VALID.replace("horizon_hours: 168", "horizon_hours: 4294967295"),
    ] {
        exercise(&text);
    }
}
