//! Reading the scenario a command was given, or the embedded sample station. A plan variant
//! (a file starting `Variant(`) is accepted wherever a scenario is: its base is read relative to
//! the variant file's folder and the merged scenario is returned.

use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use bcpsim_engine::Lang;
use bcpsim_engine::load::{decode_source, load_scenario};
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
        Some(p) => (p.display().to_string(), read_text(p, lang)?.0),
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
        // `base: "."` names the variant's own folder, which normalises to an empty path.
        let shown = if p.as_os_str().is_empty() {
            ".".to_string()
        } else {
            p.display().to_string()
        };
        if p.as_os_str().is_empty() || p.is_dir() {
            let (ja, en) = (
                format!("{shown} はフォルダです。シナリオファイル（.ron）を指定してください"),
                format!("{shown} is a folder, not a scenario file (.ron)"),
            );
            return Err(lang.pick(&ja, &en).to_string());
        }
        match std::fs::read(&p) {
            Ok(bytes) => match decode_source(&shown, &bytes) {
                Ok(t) => Ok((shown, t)),
                Err(e) => {
                    let d = &e.diagnostics[0];
                    Err(format!(
                        "{shown}:{}:{}: {} ({})",
                        d.line,
                        d.column,
                        d.message_in(lang),
                        d.hint_in(lang).unwrap_or_default()
                    ))
                }
            },
            Err(e) => {
                let (ja, en) = match e.kind() {
                    ErrorKind::NotFound => (
                        format!("{shown} が見つかりません"),
                        format!("{shown} not found"),
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

/// Reads a scenario, variant, sheet-free text file (a session file): its text and its bytes.
/// A missing file, a folder or text that is not UTF-8 is the user's input (exit 2), the last
/// at the line and column of the first bad byte with a hint on converting it.
pub fn read_text(path: &Path, lang: Lang) -> Result<(String, Vec<u8>), Failure> {
    let name = path.display().to_string();
    let fail = |ja: String, en: String| {
        Failure::BadInput(format!(
            "{}: {}",
            lang.pick("エラー", "error"),
            lang.pick(&ja, &en)
        ))
    };
    if path.is_dir() {
        return Err(fail(
            format!("{name} はフォルダです。ファイルを指定してください"),
            format!("{name} is a folder, not a file"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => fail(
            format!("ファイル {name} が見つかりません"),
            format!("file {name} not found"),
        ),
        _ => fail(
            format!("ファイル {name} を読めません: {e}"),
            format!("cannot read {name}: {e}"),
        ),
    })?;
    let text =
        decode_source(&name, &bytes).map_err(|e| Failure::BadInput(e.render(lang, false)))?;
    Ok((text, bytes))
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
