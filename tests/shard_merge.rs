//! `bcpsim batch --shard K/M` and `bcpsim merge` end to end, as a cluster runs them (one
//! process per shard, then one merge): the merged files are byte-identical to one machine's,
//! whatever the shard count and thread count; shards that do not make up one batch are refused
//! with exit 2 and nothing written; an existing output is never overwritten without `--force`.
//!
//! Run with `cargo test --test shard_merge`. No Slurm needed (`cluster/slurm/ci-test.sh` runs
//! the same thing as a real Slurm job array).

mod support;
use support::{bcpsim, stderr};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

const FILES: [&str; 3] = ["runs.csv", "bands.json", "batch.json"];
const RUNS: &str = "30";
const SEED: &str = "5";

fn scenario() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/sample-station.ron")
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "expected success, got {:?}\n{}",
        out.status.code(),
        stderr(out)
    );
}

fn bad_input(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(2),
        "expected exit 2\nstderr: {}",
        stderr(out)
    );
}

/// `bcpsim batch sample-station.ron --runs RUNS --out DIR` with `extra` arguments.
fn batch(dir: &Path, extra: &[&str]) -> Output {
    let scenario = scenario();
    let dir = dir.to_str().expect("UTF-8 path");
    let mut args = vec![
        "batch",
        scenario.to_str().expect("UTF-8 path"),
        "--out",
        dir,
    ];
    args.extend_from_slice(extra);
    bcpsim(&args)
}

/// The test batch (`--runs RUNS`) with `seed`, on `threads` threads, whole or one `shard`.
fn run_batch(dir: &Path, seed: &str, shard: Option<&str>, threads: &str) -> Output {
    let mut args = vec!["--runs", RUNS, "--seed", seed, "--threads", threads];
    if let Some(spec) = shard {
        args.extend(["--shard", spec]);
    }
    batch(dir, &args)
}

/// `bcpsim merge DIRS --out OUT --lang en`.
fn merge(dirs: &[&Path], out: &Path) -> Output {
    let mut args = vec!["merge".to_string()];
    args.extend(dirs.iter().map(|d| d.display().to_string()));
    args.extend([
        "--out".into(),
        out.display().to_string(),
        "--lang".into(),
        "en".into(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    bcpsim(&args)
}

/// The three batch files of `dir`, by name.
fn files(dir: &Path) -> BTreeMap<&'static str, Vec<u8>> {
    FILES
        .iter()
        .map(|&name| {
            let bytes = fs::read(dir.join(name))
                .unwrap_or_else(|e| panic!("read {}: {e}", dir.join(name).display()));
            (name, bytes)
        })
        .collect()
}

fn assert_same_files(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    for name in FILES {
        assert!(
            fa[name] == fb[name],
            "{name} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

/// A directory that must not exist (nothing written into it).
fn assert_nothing_written(dir: &Path) {
    assert!(
        !dir.exists() || fs::read_dir(dir).expect("read dir").next().is_none(),
        "{} should hold nothing",
        dir.display()
    );
}

#[test]
fn shards_merge_into_exactly_one_machines_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let t = tmp.path();
    let one = t.join("one");
    ok(&run_batch(&one, SEED, None, "2"));

    // Three shards (as three cluster tasks would run them), each on one thread.
    let shards: Vec<PathBuf> = (0..3).map(|k| t.join(format!("shards/{k}"))).collect();
    for (k, dir) in shards.iter().enumerate() {
        ok(&run_batch(dir, SEED, Some(&format!("{k}/3")), "1"));
    }
    // The thread count does not change a byte.
    let two_threads = t.join("two-threads");
    ok(&run_batch(&two_threads, SEED, Some("0/3"), "2"));
    assert_same_files(&shards[0], &two_threads);

    // Given in any order.
    let merged = t.join("merged");
    ok(&merge(&[&shards[2], &shards[0], &shards[1]], &merged));
    assert_same_files(&one, &merged);

    // A shard file is not the whole batch's.
    assert!(files(&shards[0])["runs.csv"] != files(&one)["runs.csv"]);

    // Merging again into the same output needs --force, and leaves the files untouched.
    let before = files(&merged);
    bad_input(&merge(&[&shards[0], &shards[1], &shards[2]], &merged));
    assert_eq!(files(&merged), before);

    // Shards of a different seed do not merge with these.
    let other_seed = t.join("other-seed");
    ok(&run_batch(&other_seed, "6", Some("2/3"), "2"));
    let out = t.join("out-seed");
    bad_input(&merge(&[&shards[0], &shards[1], &other_seed], &out));
    assert_nothing_written(&out);

    // A missing shard is named.
    let out = t.join("out-missing");
    let o = merge(&[&shards[0], &shards[1]], &out);
    bad_input(&o);
    assert!(
        stderr(&o).contains("2/3"),
        "the missing shard should be named: {}",
        stderr(&o)
    );
    assert_nothing_written(&out);

    // A shard given twice.
    let out = t.join("out-duplicate");
    bad_input(&merge(
        &[&shards[0], &shards[1], &shards[1], &shards[2]],
        &out,
    ));
    assert_nothing_written(&out);
}

#[test]
fn bad_batch_arguments_exit_2_and_write_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let t = tmp.path();

    let out = t.join("bad-shard");
    bad_input(&batch(&out, &["--runs", "3", "--shard", "3/2"]));
    assert_nothing_written(&out);

    let out = t.join("zero-runs");
    bad_input(&batch(&out, &["--runs", "0"]));
    assert_nothing_written(&out);

    // An existing batch is not overwritten without --force.
    let one = t.join("one");
    ok(&batch(&one, &["--runs", "2", "--seed", SEED]));
    let before = files(&one);
    bad_input(&batch(&one, &["--runs", "3", "--seed", "9"]));
    assert_eq!(
        files(&one),
        before,
        "the first batch's files must be untouched"
    );
    // With --force it is.
    ok(&batch(&one, &["--runs", "3", "--seed", "9", "--force"]));
    assert!(files(&one) != before);
}
