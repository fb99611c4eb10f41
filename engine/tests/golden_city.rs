//! Golden outputs of generated cities: the summary, time series and events of a few runs of
//! [`bcpsim_engine::samples::generated_region`], held as SHA-256 digests in
//! `tests/golden_city.sha256`. The shipped scenarios (the workspace's `tests/golden.rs`) are
//! small; a city has long backlogs of open demands, many agencies and every queue of the visits
//! phase full, so a faster step must keep these bytes too.
//!
//! When a change of rules is intended, regenerate with
//! `BCPSIM_BLESS=1 cargo test -p bcpsim-engine --test golden_city` and say in the commit why.

use sha2::{Digest, Sha256};

use bcpsim_engine::{RunOptions, samples::generated_region, simulate};

const MANIFEST: &str = "tests/golden_city.sha256";

/// (agencies, patients an agency, days, seed).
const CASES: &[(usize, u32, u32, u64)] = &[(12, 75, 30, 1), (24, 60, 14, 2), (6, 150, 21, 3)];

fn digests() -> String {
    let mut lines = String::new();
    for &(agencies, patients, days, seed) in CASES {
        let region = generated_region(agencies, patients, days);
        let run = simulate(&region, seed, 0, RunOptions::FULL);
        let bytes = serde_json::to_vec(&run).expect("a run serialises");
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        lines.push_str(&format!(
            "{digest}  city-{agencies}x{patients}x{days}-seed{seed}\n"
        ));
    }
    lines
}

#[test]
fn city_runs_keep_every_byte() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(MANIFEST);
    let actual = digests();
    if std::env::var_os("BCPSIM_BLESS").is_some() {
        std::fs::write(&path, &actual).expect("write the manifest");
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("the manifest (bless it first)");
    assert_eq!(
        actual, expected,
        "a city run changed; if the rules changed on purpose, bless again (see the file's docs)"
    );
}
