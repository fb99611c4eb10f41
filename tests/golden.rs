//! Golden outputs: the files that `run`, `batch`, `compare` and `replay` write for the shipped
//! scenarios, held as SHA-256 digests in `tests/golden/outputs.sha256`. Any change to the
//! simulation that is meant to keep the rules (a faster step, a refactor) must keep every byte.
//!
//! When a change of rules is intended, regenerate the list with
//! `BCPSIM_BLESS=1 cargo test --test golden` and say in the commit which outputs changed and why.
//! On a mismatch the files written are kept under `target/golden-actual/` for diffing against
//! the outputs of the previous commit.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use support::{bcpsim, repo, stderr};

const MANIFEST: &str = "tests/golden/outputs.sha256";

/// One command whose output directory is checked: its name (the directory in the manifest)
/// and its arguments, `{out}` standing for the output directory.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
}

const CASES: &[Case] = &[
    // The sample station under two seeds: the rules of one agency.
    Case {
        name: "run-sample-seed1",
        args: &["run", "scenarios/sample-station.ron", "--seed", "1"],
    },
    Case {
        name: "run-sample-seed2024",
        args: &["run", "scenarios/sample-station.ron", "--seed", "2024"],
    },
    Case {
        name: "run-sample-night",
        args: &["run", "scenarios/sample-station-night.ron", "--seed", "3"],
    },
    Case {
        name: "run-large-station",
        args: &["run", "scenarios/large-station.ron", "--seed", "5"],
    },
    Case {
        name: "run-infection-wave",
        args: &["run", "scenarios/infection-wave.ron", "--seed", "1"],
    },
    Case {
        name: "run-niigata-flood-snow",
        args: &["run", "scenarios/niigata-flood-snow.ron", "--seed", "1"],
    },
    // Regions: mutual aid, shared lists, several zones.
    Case {
        name: "run-region-kashiwa",
        args: &["run", "scenarios/region-kashiwa.ron", "--seed", "1"],
    },
    Case {
        name: "run-region-niigata",
        args: &["run", "scenarios/region-niigata.ron", "--seed", "9"],
    },
    Case {
        name: "run-kashiwa-agreements",
        args: &[
            "run",
            "scenarios/variants/region-kashiwa-agreements.ron",
            "--seed",
            "2",
        ],
    },
    Case {
        name: "run-kashiwa-shared-list",
        args: &[
            "run",
            "scenarios/variants/region-kashiwa-shared-list.ron",
            "--seed",
            "2",
        ],
    },
    // Calibration scenarios: lifeline curves, minute onsets, report hours.
    Case {
        name: "run-calibration-faxai",
        args: &["run", "scenarios/calibration/faxai-2019-oxygen.ron"],
    },
    Case {
        name: "run-calibration-hokkaido",
        args: &["run", "scenarios/calibration/hokkaido-2018-ventilators.ron"],
    },
    Case {
        name: "run-calibration-kumamoto-rc",
        args: &["run", "scenarios/calibration/kumamoto-2016-red-cross.ron"],
    },
    Case {
        name: "run-calibration-kumamoto-vent",
        args: &["run", "scenarios/calibration/kumamoto-2016-ventilators.ron"],
    },
    Case {
        name: "run-calibration-noto",
        args: &["run", "scenarios/calibration/noto-2024-municipal.ron"],
    },
    Case {
        name: "run-calibration-osaka",
        args: &["run", "scenarios/calibration/osaka-north-2018-hyogo.ron"],
    },
    // Batches: per-run metrics, per-step bands, on two threads.
    Case {
        name: "batch-sample-40",
        args: &[
            "batch",
            "scenarios/sample-station.ron",
            "--runs",
            "40",
            "--seed",
            "11",
            "--threads",
            "2",
        ],
    },
    Case {
        name: "batch-kashiwa-8",
        args: &[
            "batch",
            "scenarios/region-kashiwa.ron",
            "--runs",
            "8",
            "--threads",
            "2",
        ],
    },
    Case {
        name: "compare-power-stations",
        args: &[
            "compare",
            "scenarios/sample-station.ron",
            "scenarios/variants/power-stations-6.ron",
            "--runs",
            "30",
            "--threads",
            "2",
        ],
    },
    // A recorded exercise: injects and the room's decisions scheduled between steps.
    Case {
        name: "replay-exercise-session",
        args: &["replay", "scenarios/exercise-sample-session.jsonl"],
    },
];

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs every case into `root/<name>` and returns the digest of every file written, keyed by
/// `<name>/<file>`.
fn run_cases(root: &Path) -> BTreeMap<String, String> {
    let mut digests = BTreeMap::new();
    for case in CASES {
        let out = root.join(case.name);
        let mut args: Vec<String> = case.args.iter().map(|a| a.to_string()).collect();
        for arg in args.iter_mut().skip(1) {
            if arg.starts_with("scenarios/") {
                *arg = repo(arg).to_string_lossy().into_owned();
            }
        }
        args.extend(["--out".into(), out.to_string_lossy().into_owned()]);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let result = bcpsim(&argv);
        assert!(
            result.status.success(),
            "{}: {}",
            case.name,
            stderr(&result)
        );
        let mut files: Vec<PathBuf> = fs::read_dir(&out)
            .expect("output directory")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{} wrote no files", case.name);
        for file in files {
            let bytes = fs::read(&file).expect("read output");
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            digests.insert(format!("{}/{name}", case.name), sha256_hex(&bytes));
        }
    }
    digests
}

fn read_manifest(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (digest, path) = l.split_once("  ").expect("`<sha256>  <case>/<file>` lines");
            (path.to_string(), digest.to_string())
        })
        .collect()
}

#[test]
fn outputs_keep_every_byte() {
    let actual_root = repo("target/golden-actual");
    let _ = fs::remove_dir_all(&actual_root);
    fs::create_dir_all(&actual_root).expect("create target/golden-actual");
    let actual = run_cases(&actual_root);

    let manifest_path = repo(MANIFEST);
    if std::env::var_os("BCPSIM_BLESS").is_some() {
        let mut text = String::from(
            "# SHA-256 of every file the cases of tests/golden.rs write (sha256sum format).\n",
        );
        for (path, digest) in &actual {
            text.push_str(&format!("{digest}  {path}\n"));
        }
        fs::create_dir_all(manifest_path.parent().unwrap()).unwrap();
        fs::write(&manifest_path, text).expect("write manifest");
        return;
    }

    let expected = read_manifest(&fs::read_to_string(&manifest_path).expect("golden manifest"));
    let mut differences = Vec::new();
    for (path, digest) in &expected {
        match actual.get(path) {
            None => differences.push(format!("{path}: not written")),
            Some(d) if d != digest => differences.push(format!("{path}: differs")),
            Some(_) => {}
        }
    }
    for path in actual.keys().filter(|p| !expected.contains_key(*p)) {
        differences.push(format!("{path}: written but not in the manifest"));
    }
    assert!(
        differences.is_empty(),
        "outputs changed (files kept in {}):\n{}",
        actual_root.display(),
        differences.join("\n")
    );
    // Nothing to diff: do not leave megabytes behind.
    let _ = fs::remove_dir_all(&actual_root);
}
