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
