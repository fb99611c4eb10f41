//! `bcpsim import staff FILE.csv [patients FILE.csv]`: roster sheets from Excel into a
//! scenario's `members` lists, printed, written, or merged into a scenario (`--into`). Nothing
//! is written when any cell is bad; the user's files are never overwritten without `--force`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use bcpsim_engine::Lang;
use bcpsim_engine::import::splice::{Target, target_agency};
use bcpsim_engine::import::{
    Encoding, ImportError, ImportOptions, NameMode, Problem, SheetKind, import_patients,
    import_staff, merge_into, patients_ron, staff_ron,
};
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::scenario::{PatientSpec, StaffMemberSpec};

use crate::args::{EncodingArg, ImportArgs};

use super::Failure;

/// Writes `bytes` to `path`, refusing (exit 2) when it exists unless `force`.
pub fn write_new(path: &Path, bytes: &[u8], force: bool, lang: Lang) -> Result<(), Failure> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true);
    if force {
        opts.create(true).truncate(true);
    } else {
        // create_new: no window between checking and writing.
        opts.create_new(true);
    }
    let mut file = opts.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::BadInput(match lang {
                Lang::Ja => format!(
                    "エラー: {} は既にあります。上書きするには --force を付けてください",
                    path.display()
                ),
                Lang::En => format!(
                    "error: {} already exists; add --force to overwrite it",
                    path.display()
                ),
            })
        } else {
            Failure::Other(format!("error: cannot write {}: {e}", path.display()))
        }
    })?;
    file.write_all(bytes)
        .map_err(|e| Failure::Other(format!("error: cannot write {}: {e}", path.display())))
}

fn read(path: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        Failure::BadInput(match lang {
            Lang::Ja => format!("エラー: {} を読めません: {e}", path.display()),
            Lang::En => format!("error: cannot read {}: {e}", path.display()),
        })
    })
}

/// `staff a.csv patients b.csv` → the two sheets, each kind at most once.
fn sheets(args: &[String], lang: Lang) -> Result<Vec<(SheetKind, PathBuf)>, Failure> {
    let bad = |ja: String, en: String| Failure::BadInput(lang.pick(&ja, &en).to_string());
    if !args.len().is_multiple_of(2) {
        return Err(bad(
            "エラー: 「種類 ファイル」の組で指定してください（例: staff staff.csv patients patients.csv）".into(),
            "error: give KIND FILE pairs (e.g. staff staff.csv patients patients.csv)".into(),
        ));
    }
    let mut out: Vec<(SheetKind, PathBuf)> = Vec::new();
    for pair in args.chunks(2) {
        let kind = match pair[0].as_str() {
            "staff" | "職員" => SheetKind::Staff,
            "patients" | "利用者" => SheetKind::Patients,
            other => {
                return Err(bad(
                    format!("エラー: 種類「{other}」が分かりません（staff または patients）"),
                    format!("error: unknown sheet kind \"{other}\" (staff or patients)"),
                ));
            }
        };
        if out.iter().any(|(k, _)| *k == kind) {
            return Err(bad(
                format!("エラー: {} のシートが二つ指定されています", kind.en()),
                format!("error: two {} sheets given", kind.en()),
            ));
        }
        out.push((kind, PathBuf::from(&pair[1])));
    }
    Ok(out)
}

pub fn import(args: ImportArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    let sheets = sheets(&args.sheets, lang)?;
    let names = if args.keep_names {
        NameMode::Keep
    } else if args.anonymize {
        if args.salt.is_none() {
            eprintln!(
                "{}",
                lang.pick(
                    "注意: --salt がないため、氏名を推測できる人は仮名 ID を照合できます。共有する前に秘密の --salt を付けてください",
                    "note: without --salt, anyone who can guess a name can check it against the pseudonyms; add a secret --salt before sharing",
                )
            );
        }
        NameMode::Anonymize {
            salt: args.salt.clone().unwrap_or_default(),
        }
    } else {
        NameMode::Omit
    };
    let scenario = match &args.into {
        Some(path) => {
            let (text, _) = super::scenario_input::read_text(path, lang)?;
            let target = target_agency(&text, args.agency.as_deref())
                .map_err(|p| Failure::BadInput(p.render(&path.display().to_string(), lang)))?;
            Some((path.clone(), text, target))
        }
        None => None,
    };
    let opts = ImportOptions {
        encoding: args.encoding.map(|e| match e {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::ShiftJis => Encoding::ShiftJis,
        }),
        agency: match &scenario {
            Some((_, _, t)) => t.id.clone(),
            None => args.agency.clone().unwrap_or_default(),
        },
        names,
        zones: scenario.as_ref().map(|(_, _, t)| t.zones.clone()),
    };

    // Every sheet is read and every problem reported before anything is written.
    let mut staff: Option<Vec<StaffMemberSpec>> = None;
    let mut patients: Option<Vec<PatientSpec>> = None;
    let mut report = String::new();
    let mut used = Vec::new();
    for (kind, path) in &sheets {
        let bytes = read(path, lang)?;
        let name = path.display().to_string();
        let result: Result<(Encoding, Vec<Problem>), ImportError> = match kind {
            SheetKind::Staff => import_staff(&bytes, &opts).map(|i| {
                staff = Some(i.members);
                (i.encoding, i.warnings)
            }),
            SheetKind::Patients => import_patients(&bytes, &opts).map(|i| {
                patients = Some(i.members);
                (i.encoding, i.warnings)
            }),
        };
        match result {
            Ok((e, warnings)) => {
                // Columns not read are said, not refused.
                for w in &warnings {
                    eprint!(
                        "{}: {}",
                        lang.pick("注意", "warning"),
                        w.render(&name, lang)
                    );
                }
                used.push((name, e));
            }
            Err(e) => report.push_str(&e.render(&name, lang)),
        }
    }
    if !report.is_empty() {
        return Err(Failure::BadInput(report));
    }

    match scenario {
        Some((path, text, target)) => {
            let merged = merge_into(&text, target.index, staff.as_deref(), patients.as_deref())
                .map_err(|p| Failure::BadInput(p.render(&path.display().to_string(), lang)))?;
            let out = args.out.clone().unwrap_or_else(|| imported_path(&path));
            let out_name = out.display().to_string();
            if let Err(e) = load_scenario(&out_name, &merged) {
                return Err(Failure::BadInput(format!(
                    "{}{}",
                    e.render(lang, false),
                    lang.pick(
                        "取り込んだシナリオに問題があるため、何も書き出していません。\n",
                        "the merged scenario has problems; nothing was written.\n",
                    )
                )));
            }
            write_new(&out, merged.as_bytes(), args.force, lang)?;
            summary(
                &out_name,
                &used,
                staff.as_deref(),
                patients.as_deref(),
                &target,
                lang,
            );
        }
        None => {
            let mut text = String::new();
            if let Some(m) = &staff {
                text.push_str(&format!(
                    "// {}\nmembers: {},\n",
                    lang.pick(
                        "職員: 事業所の staff: ( … ) に貼り付けてください",
                        "staff: paste into the agency's staff: ( … )"
                    ),
                    staff_ron(m, "")
                ));
            }
            if let Some(m) = &patients {
                text.push_str(&format!(
                    "// {}\nmembers: {},\n",
                    lang.pick(
                        "利用者: 事業所の patients: ( … ) に貼り付けてください",
                        "patients: paste into the agency's patients: ( … )"
                    ),
                    patients_ron(m, "")
                ));
            }
            match &args.out {
                Some(out) => write_new(out, text.as_bytes(), args.force, lang)?,
                None => print!("{text}"),
            }
        }
    }
    Ok(())
}

/// `station.ron` → `station.imported.ron`, next to it.
fn imported_path(scenario: &Path) -> PathBuf {
    let stem = scenario
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    scenario.with_file_name(format!("{stem}.imported.ron"))
}

fn summary(
    out: &str,
    used: &[(String, Encoding)],
    staff: Option<&[StaffMemberSpec]>,
    patients: Option<&[PatientSpec]>,
    target: &Target,
    lang: Lang,
) {
    for (file, e) in used {
        eprintln!("{file}: {}", e.name());
    }
    let agency = &target.id;
    match lang {
        Lang::Ja => {
            let mut parts = Vec::new();
            if let Some(s) = staff {
                parts.push(format!("職員 {} 人", s.len()));
            }
            if let Some(p) = patients {
                parts.push(format!("利用者 {} 人", p.len()));
            }
            eprintln!(
                "{out} を書き出しました（事業所 {agency}: {}）",
                parts.join("、")
            );
        }
        Lang::En => {
            let mut parts = Vec::new();
            if let Some(s) = staff {
                parts.push(format!("{} staff", s.len()));
            }
            if let Some(p) = patients {
                parts.push(format!("{} patients", p.len()));
            }
            eprintln!("wrote {out} (agency {agency}: {})", parts.join(", "));
        }
    }
    // A profile still adds generated people after the listed ones.
    if let (Some(_), Some(n)) = (staff, target.staff_profile_count) {
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "注意: この事業所の staff.profile がさらに {n} 人を生成します。シートが全職員なら profile を削除してください"
                ),
                Lang::En => format!(
                    "note: the agency's staff.profile generates {n} more; remove it if the sheet lists everyone"
                ),
            }
        );
    }
    if let (Some(_), Some(n)) = (patients, target.patient_profile_count) {
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "注意: この事業所の patients.profile がさらに {n} 人を生成します。シートが全利用者なら profile を削除してください"
                ),
                Lang::En => format!(
                    "note: the agency's patients.profile generates {n} more; remove it if the sheet lists everyone"
                ),
            }
        );
    }
}
