//! Ids and names: names are dropped unless asked for; ids come from the sheet, are generated
//! (`station-s01`), or are pseudonyms derived from a keyed hash of the name.

use sha2::{Digest, Sha256};

use super::values::{key, nfkc_trim};
use super::{Problem, SheetKind};

use crate::lang::Msg;

/// What happens to the names in a sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum NameMode {
    /// Names are not written; ids come from the id column or are generated. The default.
    #[default]
    Omit,
    /// Names are written to the scenario's `name` fields (`--keep-names`).
    Keep,
    /// Names are not written, and every id is a pseudonym derived from HMAC-SHA-256 of the
    /// name (and the sheet's id, when there is one) keyed with `salt` (`--anonymize`).
    Anonymize { salt: String },
}

/// HMAC-SHA-256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(msg);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

fn letter(kind: SheetKind) -> char {
    match kind {
        SheetKind::Staff => 's',
        SheetKind::Patients => 'p',
    }
}

fn prefix(agency: &str) -> String {
    if agency.is_empty() {
        String::new()
    } else {
        format!("{agency}-")
    }
}

/// The pseudonym of a person: `station-p-1f3a9c0b`. The name is compared after NFKC without
/// spaces, so "山田　花子" and "山田 花子" are the same person; `id` (from the sheet) tells
/// apart two people of the same name.
pub fn pseudonym(salt: &str, kind: SheetKind, agency: &str, name: &str, id: &str) -> String {
    let msg = format!("{}\u{0}{}\u{0}{}", kind.en(), key(name), nfkc_trim(id));
    let mac = hmac_sha256(salt.as_bytes(), msg.as_bytes());
    let hex: String = mac[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{}{}-{hex}", prefix(agency), letter(kind))
}

/// What a row says about who it is.
pub struct RowIdent<'a> {
    pub row: usize,
    /// The id cell and its header.
    pub id: Option<(&'a str, &'a str)>,
    pub name: Option<&'a str>,
}

/// Ids and names for `rows`, in order, or every problem (bad or duplicate ids).
pub fn assign(
    kind: SheetKind,
    rows: &[RowIdent<'_>],
    agency: &str,
    mode: &NameMode,
    id_header: &str,
) -> Result<Vec<(String, Option<String>)>, Vec<Problem>> {
    let width = match kind {
        SheetKind::Staff => 2,
        SheetKind::Patients => 3,
    }
    .max(rows.len().to_string().len());
    let mut problems = Vec::new();
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    // Id → first row: a map, so that a sheet of thousands of rows is not compared pair by pair.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let generated = || format!("{}{}{:0width$}", prefix(agency), letter(kind), i + 1);
        let id = match mode {
            NameMode::Anonymize { salt } => match (r.name, r.id) {
                (None, None) => generated(),
                (name, id) => pseudonym(
                    salt,
                    kind,
                    agency,
                    name.unwrap_or(""),
                    id.map_or("", |(_, v)| v),
                ),
            },
            _ => match r.id {
                Some((header, raw)) => {
                    let id = nfkc_trim(raw);
                    let ok = id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    if !ok {
                        problems.push(
                            Problem::new(
                                "bad-id",
                                Msg::new(
                                    format!("ID「{raw}」に使えない文字があります"),
                                    format!("id \"{raw}\" has characters that are not allowed"),
                                ),
                                Some(Msg::new(
                                    "ID には半角英数字・「-」・「_」だけを使えます（氏名は氏名列へ）",
                                    "ids may use only ASCII letters, digits, \"-\" and \"_\" (names go in the name column)",
                                )),
                            )
                            .at(r.row, header),
                        );
                    }
                    id
                }
                None => generated(),
            },
        };
        if let Some(first_row) = seen.get(&id) {
            let (ja, en) = match mode {
                NameMode::Anonymize { .. } => (
                    format!("{first_row}行目と同じ氏名で、仮名 ID が重複します"),
                    format!("same name as row {first_row}: the pseudonyms collide"),
                ),
                _ => (
                    format!("ID「{id}」が{first_row}行目と重複しています"),
                    format!("id \"{id}\" repeats row {first_row}"),
                ),
            };
            problems.push(
                Problem::new(
                    "duplicate-id",
                    Msg::new(ja, en),
                    Some(Msg::new(
                        "ID 列に一人ひとり違う ID を入れてください",
                        "give each person a different id in the id column",
                    )),
                )
                .at(r.row, id_header),
            );
        } else {
            seen.insert(id.clone(), r.row);
        }
        let name = match mode {
            NameMode::Keep => r.name.map(str::to_string),
            _ => None,
        };
        out.push((id, name));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn pseudonyms_are_stable_keyed_and_hide_the_name() {
        let a = pseudonym("k", SheetKind::Patients, "st", "山田 花子", "");
        assert_eq!(
            a,
            pseudonym("k", SheetKind::Patients, "st", "山田　花子", "")
        );
        assert_ne!(
            a,
            pseudonym("other", SheetKind::Patients, "st", "山田 花子", "")
        );
        assert_ne!(
            a,
            pseudonym("k", SheetKind::Patients, "st", "山田 太郎", "")
        );
        assert!(
            a.starts_with("st-p-") && a.len() == "st-p-".len() + 8,
            "{a}"
        );
        assert!(!a.contains("山田"));
    }
}
