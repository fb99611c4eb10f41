//! Reading the scenario a command was given, or the embedded sample station. A plan variant
//! (a file starting `Variant(`) is accepted wherever a scenario is: its base is read relative to
//! the variant file's folder and the merged scenario is returned.

use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use bcpsim_engine::Lang;
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};
use bcpsim_engine::scenario::Scenario;
use bcpsim_engine::variant::{VariantError, is_variant_text, load_variant};

use super::Failure;

/// A scenario as loaded, and where it came from when it is a variant.
pub struct Loaded {
    /// The scenario to run (for a variant: the base with the changes applied, named after the
    /// variant).
    pub scenario: Scenario,
    pub variant: Option<VariantOrigin>,
}

/// A variant's name and its base file.
pub struct VariantOrigin {
    pub name: String,
    pub base_file: String,
}

/// Loads and validates a scenario or variant file (or the sample when `path` is `None`).
pub fn read_scenario(path: Option<&Path>, lang: Lang) -> Result<Scenario, Failure> {
    read_input(path, lang).map(|l| l.scenario)
}

/// Like [`read_scenario`], also saying whether the file was a variant.
pub fn read_input(path: Option<&Path>, lang: Lang) -> Result<Loaded, Failure> {
    let (name, text) = match path {
        None => (SAMPLE_STATION_NAME.to_string(), SAMPLE_STATION.to_string()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                Failure::BadInput(format!("error: cannot read {}: {e}", p.display()))
            })?;
            (p.display().to_string(), text)
        }
    };
    load_text(path, &name, &text, lang).map_err(|e| Failure::BadInput(e.render(lang, false)))
}

/// Loads `text` (read from `path`, shown as `name`) as a variant when it starts `Variant(`, else
/// as a scenario.
pub fn load_text(
    path: Option<&Path>,
    name: &str,
    text: &str,
    lang: Lang,
) -> Result<Loaded, VariantError> {
    if !is_variant_text(text) {
        return Ok(Loaded {
            scenario: load_scenario(name, text)?,
            variant: None,
        });
    }
    let dir = path
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut read_base = |base: &str| -> Result<(String, String), String> {
        let p = normalize(&dir.join(base));
        let shown = p.display().to_string();
        match std::fs::read_to_string(&p) {
            Ok(t) => Ok((shown, t)),
            Err(e) => {
                let (ja, en) = match e.kind() {
                    ErrorKind::NotFound => (
                        format!("{shown} が見つかりません"),
                        format!("{shown} not found"),
                    ),
                    ErrorKind::InvalidData => (
                        format!("{shown} は UTF-8 のテキストではありません"),
                        format!("{shown} is not UTF-8 text"),
                    ),
                    _ => (format!("{shown}: {e}"), format!("{shown}: {e}")),
                };
                Err(lang.pick(&ja, &en).to_string())
            }
        }
    };
    let v = load_variant(name, text, &mut read_base)?;
    Ok(Loaded {
        scenario: v.scenario,
        variant: Some(VariantOrigin {
            name: v.name,
            base_file: v.base_file,
        }),
    })
}

/// `a/b/../c` → `a/c`, lexically (no file-system access), so that messages name the base file
/// as a person would. A `..` that cannot be cancelled is kept.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
