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
