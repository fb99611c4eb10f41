//! One row of the staff sheet (表1 災害時職員管理シート) → one `StaffMemberSpec`.

use super::cells::{Row, require_column};
use super::headers::{Field, Sheet};
use super::ids::{RowIdent, assign};
use super::values::{BCP_ROLES, BOOLS, COMMUTES, KM_UNITS, ROLES, VISIT_MODES};
use super::{ImportError, ImportOptions, SheetKind};
use crate::scenario::StaffMemberSpec;

/// Every row as a member, or every problem in the sheet.
pub fn members(sheet: &Sheet, opts: &ImportOptions) -> Result<Vec<StaffMemberSpec>, ImportError> {
    let mut problems = Vec::new();
    if let Some(p) = require_column(sheet, Field::HomeKm, SheetKind::Staff) {
        return Err(p.into());
    }
    let mut members = Vec::new();
    let mut idents = Vec::new();
    for (number, cells) in &sheet.rows {
        let mut r = Row {
            sheet,
            number: *number,
            cells,
            problems: &mut problems,
        };
        let role = r.required_word(Field::Role, &ROLES);
        let bcp_role = r.word(Field::BcpRole, &BCP_ROLES).flatten();
        let home_km =
            r.required_number(Field::HomeKm, KM_UNITS, ("自宅からの距離", "home distance"));
        let commute = r.required_word(Field::Commute, &COMMUTES);
        let visit_mode = r.word(Field::VisitMode, &VISIT_MODES).unwrap_or_default();
        let small_children = r.word(Field::SmallChildren, &BOOLS).unwrap_or(false);
        let dependent_care = r.word(Field::DependentCare, &BOOLS).unwrap_or(false);
        let on_duty_at_onset = r.word(Field::OnDuty, &BOOLS);
        idents.push(RowIdent {
            row: *number,
            id: r.get(Field::Id),
            name: r.get(Field::Name).map(|(_, v)| v),
        });
        if let (Some(role), Some(home_km), Some(commute)) = (role, home_km, commute) {
            members.push(StaffMemberSpec {
                id: String::new(),
                name: None,
                role,
                bcp_role,
                home_km,
                commute,
                visit_mode,
                small_children,
                dependent_care,
                on_duty_at_onset,
            });
        }
    }
    let ids = assign(
        SheetKind::Staff,
        &idents,
        &opts.agency,
        &opts.names,
        &sheet.header_of(Field::Id),
    );
    match ids {
        Err(mut more) => problems.append(&mut more),
        Ok(ids) if problems.is_empty() => {
            for (m, (id, name)) in members.iter_mut().zip(ids) {
                m.id = id;
                m.name = name;
            }
        }
        Ok(_) => {}
    }
    if problems.is_empty() {
        Ok(members)
    } else {
        problems.sort_by_key(|p| p.row);
        Err(ImportError { problems })
    }
}
