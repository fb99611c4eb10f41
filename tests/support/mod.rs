//! What the end-to-end tests share: running the `bcpsim` binary and reading what it printed.
//! Each test file is its own crate and uses a part of this, hence `dead_code` is allowed.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the binary built for the tests with `args` (strings or paths).
pub fn bcpsim<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bcpsim"))
        .args(args)
        .output()
        .expect("run bcpsim")
}

/// As [`bcpsim`], in the working directory `dir`.
pub fn bcpsim_in<S: AsRef<OsStr>>(args: &[S], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bcpsim"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run bcpsim")
}

/// What the command wrote on stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A path inside the repository (`scenarios/…`).
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The headless browser for the browser tests: `BCPSIM_CHROMIUM` if set (naming a file that
/// does not exist means "none"), else `chromium` or `chromium-browser` on the PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BCPSIM_CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut candidates: Vec<PathBuf> = std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .collect();
    candidates.push(PathBuf::from("/usr/bin/chromium"));
    candidates.into_iter().find(|p| p.is_file())
}

/// Bytes of `text` mutated by a seeded generator: flips, deletions, insertions of tokens that
/// break parsers, truncation. Deterministic: the same cases every run.
pub fn mutations(text: &str, cases: usize) -> Vec<Vec<u8>> {
    const TOKENS: &[&str] = &[
        "-1",
        "1e309",
        "NaN",
        "0",
        "4294967295",
        "\"\"",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "None",
        "Some(",
        "訪問",
        "\n",
        "//",
        "Uniform",
        "Triangular(mode: 9)",
        "low: 5, high: 1",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n.max(1)
    };
    (0..cases)
        .map(|_| {
            let mut b = text.as_bytes().to_vec();
            for _ in 0..1 + next(3) {
                let at = next(b.len() + 1);
                match next(4) {
                    0 if !b.is_empty() => {
                        let i = at.min(b.len() - 1);
                        b[i] ^= 1 << next(8);
                    }
                    1 => {
                        let end = (at + next(12)).min(b.len());
                        b.drain(at.min(end)..end);
                    }
                    2 => {
                        let t = TOKENS[next(TOKENS.len())].as_bytes();
                        b.splice(at..at, t.iter().copied());
                    }
                    _ => b.truncate(at),
                }
            }
            b
        })
        .collect()
}

/// Asserts that directories `a` and `b` hold the same bytes in each of `files` (outputs of
/// runs that must not depend on threads or shards).
pub fn assert_same_files(a: &Path, b: &Path, files: &[&str]) {
    for file in files {
        assert_eq!(
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap(),
            "{file}"
        );
    }
}

/// Feeds 400 mutations of `text` to `load` (a loader of one kind of input file): none may
/// panic, and every refusal must name at least one problem, each at a line and column, and
/// render.
pub fn every_mutation_is_located<T>(
    text: &str,
    load: impl Fn(&str) -> Result<T, bcpsim_engine::load::LoadError> + std::panic::RefUnwindSafe,
) {
    for bytes in mutations(text, 400) {
        let text = String::from_utf8_lossy(&bytes);
        let Ok(result) = std::panic::catch_unwind(|| load(&text)) else {
            panic!("panicked on:\n{text}");
        };
        if let Err(e) = result {
            assert!(!e.diagnostics.is_empty(), "{text}");
            for d in &e.diagnostics {
                assert!(d.line >= 1 && d.column >= 1, "{text}\n{d:?}");
            }
            let _ = e.render(bcpsim_engine::Lang::En, false);
        }
    }
}
