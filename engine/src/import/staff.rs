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
        // A misspelt header is the likely cause: its warning (with "did you mean") goes along.
        let mut problems = vec![p];
        problems.extend(sheet.warnings.iter().cloned());
        return Err(ImportError { problems });
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
        // A household in words adds to the yes/no columns (either exempts).
        let (children_at_home, care_at_home) = r
            .get(Field::Household)
            .map_or((false, false), |(_, text)| household(text));
        let small_children =
            r.word(Field::SmallChildren, &BOOLS).unwrap_or(false) || children_at_home;
        let dependent_care = r.word(Field::DependentCare, &BOOLS).unwrap_or(false)
            || r.presence(Field::HouseholdCare, &BOOLS)
            || care_at_home;
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

/// What a household written in words (`夫、長男(8歳)、母(要介護2)`) says about the assembly
/// exemptions of 004 §3-9: (a child of primary-school age or below, a family member needing
/// care). A child counts when the words say so (小学生, 未就学, 乳児, 幼児, 保育園, 幼稚園) or a
/// son, daughter or grandchild is given an age of 12 or less; care when a member is 要介護,
/// 要支援, 要援護, 寝たきり, 認知症 or has a disability (障害, 障がい).
pub fn household(text: &str) -> (bool, bool) {
    let text = super::values::nfkc_trim(text);
    let mut children = false;
    let mut care = false;
    for member in text.split(['、', ',', '・', '/', ';', '\n', ' ', '　']) {
        let has = |words: &[&str]| words.iter().any(|w| member.contains(w));
        if has(&[
            "小学生",
            "未就学",
            "乳児",
            "幼児",
            "保育園",
            "幼稚園",
            "小学",
        ]) {
            children = true;
        }
        if has(&["子", "息子", "娘", "長男", "長女", "次男", "次女", "孫"])
            && age(member).is_some_and(|a| a <= 12)
        {
            children = true;
        }
        if has(&[
            "要介護",
            "要支援",
            "要援護",
            "寝たきり",
            "認知症",
            "障害",
            "障がい",
        ]) {
            care = true;
        }
    }
    (children, care)
}

/// The age in `8歳` (the first number followed by 歳 or 才).
fn age(member: &str) -> Option<u32> {
    let at = member.find(['歳', '才'])?;
    let digits: String = member[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::household;

    #[test]
    fn a_household_in_words_gives_the_exemptions() {
        assert_eq!(household("夫、長男(8歳)、母(要介護2)"), (true, true));
        assert_eq!(household("妻・長女（１５歳）"), (false, false));
        assert_eq!(household("子ども2人（保育園）"), (true, false));
        assert_eq!(household("父（認知症）"), (false, true));
        assert_eq!(household("なし"), (false, false));
        assert_eq!(household("孫(3才)"), (true, false));
    }
}
