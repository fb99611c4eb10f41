//! Reading a variant file with positions: its own syntax and change problems at their place in
//! the variant file, the base's problems in the base file, and problems of the merged scenario
//! wherever the value at fault was written.

use std::fmt;

use ron::error::Error as RonError;

use super::apply::{apply, not_plan_message};
use super::{Variant, VariantSpec};
use crate::Lang;
use crate::lang::Msg;
use crate::load::spans::SpanIndex;
use crate::load::{
    Diagnostic, LineIndex, LoadError, check_scenario, load_scenario, normalize,
    ron_error_diagnostic, ron_options,
};

/// Why a variant could not be loaded: every problem found, grouped by file (the variant file
/// first, then the base file). Never empty.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantError {
    pub files: Vec<LoadError>,
}

impl VariantError {
    /// Every problem under its source line, file by file, then one count line.
    pub fn render(&self, lang: Lang, color: bool) -> String {
        if let [one] = self.files.as_slice() {
            return one.render(lang, color);
        }
        let mut out = String::new();
        for f in &self.files {
            let text = f.render(lang, color);
            // Each file's rendering ends with its own count line: one total follows instead.
            let body = text.trim_end_matches('\n');
            let body = body.rfind('\n').map_or("", |i| &body[..=i]);
            out.push_str(body);
        }
        let n = self.problem_count();
        let count = match lang {
            Lang::Ja => format!("問題が{n}件あります"),
            Lang::En if n == 1 => "1 problem found".to_string(),
            Lang::En => format!("{n} problems found"),
        };
        if color {
            out.push_str(&format!("\x1b[1m{count}\x1b[0m\n"));
        } else {
            out.push_str(&count);
            out.push('\n');
        }
        out
    }

    /// Problems in all files.
    pub fn problem_count(&self) -> usize {
        self.files.iter().map(|f| f.diagnostics.len()).sum()
    }

    /// Every problem with the file it is in.
    pub fn diagnostics(&self) -> impl Iterator<Item = (&str, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (f.file.as_str(), d)))
    }
}

impl fmt::Display for VariantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Ja, false))
    }
}

impl std::error::Error for VariantError {}

impl From<LoadError> for VariantError {
    fn from(e: LoadError) -> VariantError {
        VariantError { files: vec![e] }
    }
}

/// Whether `text` is a variant file rather than a scenario: its first token, after blanks,
/// comments and `#![…]` attributes, is `Variant`. Never panics.
pub fn is_variant_text(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |i| &r[i..]);
        } else if let Some(r) = rest.strip_prefix("/*") {
            // Block comments nest.
            let mut depth = 1usize;
            let mut i = 0usize;
            let b = r.as_bytes();
            while depth > 0 && i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
            // `/*` and `*/` are ASCII, so `i` is a character boundary (or the end).
            rest = r.get(i..).unwrap_or("");
        } else if rest.starts_with("#!") || rest.starts_with("#[") {
            rest = rest.find(']').map_or("", |i| &rest[i + 1..]);
        } else {
            break;
        }
    }
    match rest.strip_prefix("Variant") {
        Some(after) => !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'),
        None => false,
    }
}

/// Names a variant file may not use at its top level or as a change: they belong to the disaster
/// or the people.
const SCENARIO_FIELDS: [&str; 7] = [
    "time", "hazard", "zones", "agencies", "events", "staff", "patients",
];
const DISASTER_CHANGES: [&str; 16] = [
    "Time",
    "Hazard",
    "Zones",
    "Zone",
    "Lifelines",
    "Lifeline",
    "Staff",
    "StaffMember",
    "Patients",
    "Patient",
    "Agency",
    "Agencies",
    "Events",
    "SetLifeline",
    "SetAlertLevel",
    "StaffUnavailable",
];

/// ron's error, with the variant rule spelt out when the planner tried to change the disaster.
fn ron_error(text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    let mut d = ron_error_diagnostic(text, e);
    let found = match &e.code {
        RonError::NoSuchEnumVariant { found, .. } if DISASTER_CHANGES.contains(&found.as_str()) => {
            Some(found.clone())
        }
        RonError::NoSuchStructField { found, outer, .. }
            if outer.as_deref() == Some("Variant") && SCENARIO_FIELDS.contains(&found.as_str()) =>
        {
            Some(found.clone())
        }
        _ => None,
    };
    if let Some(found) = found {
        let (message, hint) = not_plan_message(&found);
        d.message = message.ja;
        d.message_en = message.en;
        d.hint = Some(hint.ja);
        d.hint_en = Some(hint.en);
        d.code = "not-plan";
    }
    d
}

/// Reads a variant's base: given `base` as written, returns the base's display name and text,
/// or why it cannot be read.
pub type ReadBase<'a> = dyn FnMut(&str) -> Result<(String, String), String> + 'a;

/// Parses a variant file, reads its base through `read_base`, applies the changes and validates
/// the result.
///
/// `file` names the variant in diagnostics. `read_base` is given the `base` string as written
/// and returns the base's display name and text, or a message saying why it cannot be read (the
/// engine does no I/O: the caller resolves the path, usually relative to the variant file).
///
/// Every problem is reported at once: the variant's own (syntax, unknown agency or item, a
/// change that would alter the disaster) at their place in the variant file; the base's in the
/// base file; problems of the merged scenario at the variant's value when a change set it, else
/// in the base file.
pub fn load_variant(
    file: &str,
    text: &str,
    read_base: &mut ReadBase<'_>,
) -> Result<Variant, VariantError> {
    let text = normalize(text);
    let text = text.as_ref();
    let variant_error = |diagnostics: Vec<Diagnostic>| LoadError {
        file: file.to_string(),
        source: text.to_string(),
        diagnostics,
    };
    let spec: VariantSpec = match ron_options().from_str(text) {
        Ok(s) => s,
        Err(e) => return Err(variant_error(vec![ron_error(text, &e)]).into()),
    };
    let index = SpanIndex::build(text);
    let lines = LineIndex::new(text);
    let at = |path: &str, code: &'static str, message: Msg, hint: Option<Msg>| {
        let (span, _) = index.find(path);
        Diagnostic::at(
            text,
            &lines,
            span,
            code,
            Some(path.to_string()),
            message,
            hint,
        )
    };

    // The base.
    let base_ref = spec.base.as_str();
    if base_ref.trim().is_empty() {
        let d = at(
            "base",
            "base-empty",
            Msg::new(
                "`base` が空です。基本シナリオのファイルを指定してください".to_string(),
                "`base` is empty: it must name the base scenario file".to_string(),
            ),
            Some(Msg::new(
                "変種ファイルのあるフォルダからの相対パスで書きます（例: `base: \"../sample-station.ron\"`）".to_string(),
                "write the scenario file's path relative to the variant file's folder (e.g. `base: \"../sample-station.ron\"`)".to_string(),
            )),
        );
        return Err(variant_error(vec![d]).into());
    }
    let (base_file, base_text) = match read_base(base_ref) {
        Ok(found) => found,
        Err(why) => {
            let d = at(
                "base",
                "base-unreadable",
                Msg::new(
                    format!("基本シナリオ `{base_ref}` を読めません: {why}"),
                    format!("cannot read the base scenario `{base_ref}`: {why}"),
                ),
                Some(Msg::new(
                    "`base` には変種ファイルのあるフォルダからの相対パスでシナリオファイルを指定します".to_string(),
                    "`base` is a scenario file's path relative to the variant file's folder"
                        .to_string(),
                )),
            );
            return Err(variant_error(vec![d]).into());
        }
    };
    if is_variant_text(&base_text) {
        let d = at(
            "base",
            "base-is-variant",
            Msg::new(
                format!("基本シナリオ `{base_ref}` は変種です。変種の変種は使えません"),
                format!("the base `{base_ref}` is itself a variant; a variant of a variant is not supported"),
            ),
            Some(Msg::new(
                "`base` には元のシナリオを指定し、両方の変更をこの変種の `changes` に書いてください".to_string(),
                "name the original scenario as `base` and write both sets of changes in this variant's `changes`".to_string(),
            )),
        );
        return Err(variant_error(vec![d]).into());
    }
    let base = load_scenario(&base_file, &base_text)?;
    let base_text = normalize(&base_text).into_owned();

    // The changes.
    let mut applied = apply(&base, &spec.changes);
    let mut in_variant: Vec<Diagnostic> = applied
        .problems
        .iter()
        .map(|p| at(&p.path, p.code, p.message.clone(), p.hint.clone()))
        .collect();
    let mut merged = applied.scenario.clone();
    merged.name = spec.name.clone();
    applied.map.insert("name".into(), "name".into());
    if !spec.description.trim().is_empty() {
        merged.description = spec.description.clone();
        applied
            .map
            .insert("description".into(), "description".into());
    }

    // The merged scenario.
    let base_index = SpanIndex::build(&base_text);
    let mut in_base = Vec::new();
    for d in check_scenario(&merged, &base_text, &base_index) {
        match d.path.as_deref().and_then(|p| applied.variant_path(p)) {
            Some(vpath) => {
                let (span, _) = index.find(&vpath);
                let mut moved = d.placed_at(text, &lines, span);
                moved.path = Some(vpath);
                in_variant.push(moved);
            }
            None => {
                let mut d = d;
                let (ja, en) = (
                    format!("（変種 {file} の変更を適用した後に見つかった問題です）"),
                    format!("(found after applying the changes of variant {file})"),
                );
                d.hint = Some(match d.hint.take() {
                    Some(h) => format!("{h} {ja}"),
                    None => ja,
                });
                d.hint_en = Some(match d.hint_en.take() {
                    Some(h) => format!("{h} {en}"),
                    None => en,
                });
                in_base.push(d);
            }
        }
    }
    in_variant.sort_by_key(|d| (d.span.start, d.span.end));

    let mut files = Vec::new();
    if !in_variant.is_empty() {
        files.push(variant_error(in_variant));
    }
    if !in_base.is_empty() {
        files.push(LoadError {
            file: base_file.clone(),
            source: base_text,
            diagnostics: in_base,
        });
    }
    if !files.is_empty() {
        return Err(VariantError { files });
    }
    Ok(Variant {
        name: spec.name.clone(),
        description: merged.description.clone(),
        base_file,
        base,
        scenario: merged,
        spec,
    })
}
