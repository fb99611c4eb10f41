//! `bcpsim merge` of an analysis's shards (sensitivity, search): each shard directory's file
//! read, the parts joined by the engine, and its refusals said in the user's language.

use std::path::{Path, PathBuf};

use bcpsim_engine::Lang;
use bcpsim_engine::evaluate::MergeError;
use serde::de::DeserializeOwned;

use super::Failure;
use bcpsim_reports::i18n::Text;

/// What a refusal says for one kind of analysis: another analysis's shard (the two
/// directories), a damaged part (its directory), an item in no shard or in two (its index).
pub(super) struct MergeTexts {
    pub different: Text,
    pub damaged: Text,
    pub coverage: Text,
}

/// Reads `file` in each of `dirs` and joins the parts with `merge`.
pub(super) fn merge_shards<T: DeserializeOwned>(
    dirs: &[PathBuf],
    file: &str,
    merge: impl FnOnce(Vec<T>) -> Result<T, MergeError>,
    texts: &MergeTexts,
    lang: Lang,
) -> Result<T, Failure> {
    let mut parts = Vec::with_capacity(dirs.len());
    for dir in dirs {
        parts.push(read_part(&dir.join(file), lang)?);
    }
    let shown = |i: usize| {
        dirs.get(i)
            .map_or(String::new(), |d| d.display().to_string())
    };
    merge(parts).map_err(|e| {
        Failure::BadInput(match e {
            MergeError::Empty => texts.coverage.fill(lang, &[&0]),
            MergeError::Different(i) => texts.different.fill(lang, &[&shown(i), &shown(0)]),
            MergeError::Damaged(i) => texts.damaged.fill(lang, &[&shown(i)]),
            MergeError::Coverage(j) => texts.coverage.fill(lang, &[&j]),
        })
    })
}

fn read_part<T: DeserializeOwned>(path: &Path, lang: Lang) -> Result<T, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        .map_err(|e| Failure::BadInput(MERGE_READ.fill(lang, &[&path.display(), &e])))
}

const MERGE_READ: Text = Text::new("エラー: {} を読めません: {}", "error: cannot read {}: {}");
