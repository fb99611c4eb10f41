//! `bcpsim validate FILE`: check a scenario file and report every problem with its line and
//! column (stderr, exit 2), or confirm it with its size (stdout, exit 0).

use std::io::IsTerminal;

use bcpsim_engine::Lang;
use bcpsim_engine::scenario::Scenario;

use crate::args::ValidateArgs;

use super::Failure;
use super::scenario_input::{VariantOrigin, load_text, read_text};

pub fn validate(args: ValidateArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    let name = args.file.display().to_string();
    let (text, _) = read_text(&args.file, lang)?;
    match load_text(Some(&args.file), &name, &text, lang) {
        Ok(loaded) => {
            let what = match &loaded.variant {
                Some(v) => variant_label(&name, v, lang),
                None => name.clone(),
            };
            if loaded.variant.is_none() {
                for w in bcpsim_engine::load::warnings(&text, &loaded.scenario) {
                    eprintln!("{}", warning_line(&name, &w, lang));
                }
            }
            println!("{}", confirmation(&what, &loaded.scenario, lang));
            Ok(())
        }
        Err(e) => {
            // Colour only for a person at a terminal; https://no-color.org is respected.
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            Err(Failure::BadInput(e.render(lang, color)))
        }
    }
}

/// `FILE:LINE:COLUMN: 警告: …` and its hint: a warning does not make the file invalid.
fn warning_line(file: &str, w: &bcpsim_engine::load::Diagnostic, lang: Lang) -> String {
    let label = lang.pick("警告", "warning");
    let mut out = format!(
        "{file}:{}:{}: {label}: {}",
        w.line,
        w.column,
        w.message_in(lang)
    );
    if let Some(h) = w.hint_in(lang) {
        out.push_str(&format!("\n  {}: {h}", lang.pick("ヒント", "hint")));
    }
    out
}

/// `FILE (変種「NAME」, 基本シナリオ BASE)`: what the OK line names for a variant.
fn variant_label(file: &str, v: &VariantOrigin, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{file} (変種「{}」, 基本シナリオ {})", v.name, v.base_file),
        Lang::En => format!("{file} (variant \"{}\" of {})", v.name, v.base_file),
    }
}

/// `OK: FILE (事業所 1, 職員 15, 利用者 100)`; staff and patients include those generated
/// from profiles.
fn confirmation(name: &str, s: &Scenario, lang: Lang) -> String {
    let agencies = s.agencies.len() as u64;
    let staff: u64 = s
        .agencies
        .iter()
        .map(|a| {
            a.staff.members.len() as u64
                + a.staff.profile.as_ref().map_or(0, |p| u64::from(p.count))
        })
        .sum();
    let patients: u64 = s
        .agencies
        .iter()
        .map(|a| {
            a.patients.members.len() as u64
                + a.patients
                    .profile
                    .as_ref()
                    .map_or(0, |p| u64::from(p.count))
        })
        .sum();
    match lang {
        Lang::Ja => format!("OK: {name} (事業所 {agencies}, 職員 {staff}, 利用者 {patients})"),
        Lang::En => {
            let plural =
                |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            format!(
                "OK: {name} ({}, {} staff, {})",
                plural(agencies, "agency", "agencies"),
                staff,
                plural(patients, "patient", "patients")
            )
        }
    }
}
