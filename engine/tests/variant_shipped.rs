//! Every plan variant shipped in `scenarios/variants/` loads, with its base read relative to it.

use std::path::{Path, PathBuf};

use bcpsim_engine::Lang;
use bcpsim_engine::variant::{is_variant_text, load_variant};

fn variants_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/variants")
}

#[test]
fn every_shipped_variant_loads() {
    let dir = variants_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios/variants exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    // The four of issue 3: power stations, 7-day stockpile, shared safety checks, roster.
    assert!(files.len() >= 4, "{files:?}");
    let mut names = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("readable");
        assert!(is_variant_text(&text), "{} is not a variant", f.display());
        let mut read = |base: &str| {
            let p = f.parent().unwrap().join(base);
            std::fs::read_to_string(&p)
                .map(|t| (p.display().to_string(), t))
                .map_err(|e| e.to_string())
        };
        match load_variant(&f.display().to_string(), &text, &mut read) {
            Ok(v) => {
                assert_ne!(v.scenario, v.base, "{} changes nothing", f.display());
                // The disaster and the people are the base's.
                assert_eq!(v.scenario.time, v.base.time);
                assert_eq!(v.scenario.hazard, v.base.hazard);
                assert_eq!(v.scenario.zones, v.base.zones);
                for (a, b) in v.scenario.agencies.iter().zip(&v.base.agencies) {
                    assert_eq!(a.staff, b.staff);
                    assert_eq!(a.patients, b.patients);
                }
                names.push(v.name);
            }
            Err(e) => panic!("{}", e.render(Lang::En, false)),
        }
    }
    names.sort();
    names.dedup();
    assert_eq!(
        names.len(),
        files.len(),
        "variant names must differ: {names:?}"
    );
}
