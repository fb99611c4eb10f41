//! `bcpsim template staff|patients`: an empty sheet with the accepted Japanese headers, UTF-8
//! with a BOM so that Excel opens it as UTF-8.

use std::path::PathBuf;

use bcpsim_engine::import::{SheetKind, template as sheet_template};

use crate::args::{SheetArg, TemplateArgs};

use super::Failure;
use super::import::write_new;

pub fn template(args: TemplateArgs) -> Result<(), Failure> {
    let lang = args.lang.lang();
    let (kind, default) = match args.kind {
        SheetArg::Staff => (SheetKind::Staff, "staff.csv"),
        SheetArg::Patients => (SheetKind::Patients, "patients.csv"),
    };
    let out = args.out.unwrap_or_else(|| PathBuf::from(default));
    write_new(&out, &sheet_template(kind), args.force, lang)?;
    eprintln!(
        "{}",
        match lang {
            bcpsim_engine::Lang::Ja => format!("{} を書き出しました", out.display()),
            bcpsim_engine::Lang::En => format!("wrote {}", out.display()),
        }
    );
    Ok(())
}
