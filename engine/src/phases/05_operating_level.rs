//! Phase 5: which care categories run at this attendance (004 §1-4). While the BCP is not
//! active, every category runs. A level's share of W is met in whole people: round(share ×
//! W) present, at least one (30 % of 11 is 3 people; 90 % of 9 is 8).

use crate::scenario::CareCategory;
use crate::state::RunState;
use crate::state::reaches;

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn update_operating_level(st: &mut RunState) {
    let agencies = &mut st.agencies;
    for (info, state) in agencies.info.iter().zip(&mut agencies.state) {
        state.permitted = if state.bcp_active {
            // The mask depends on the people present alone (the plan's levels and W stay):
            // worked out again only when that count changed.
            match state.permitted_for {
                Some((present, mask)) if present == state.present => mask,
                _ => {
                    let mask = permitted_mask(
                        &info.plan.operating_levels,
                        state.present,
                        info.normal_daily_staff,
                    );
                    state.permitted_for = Some((state.present, mask));
                    mask
                }
            }
        } else {
            CareCategory::ALL
                .iter()
                .fold(0, |m, c| m | (1 << c.index()))
        };
    }
}

/// The categories of the highest level whose threshold `present` people of the normal daily
/// staff `w` reach (none below the first).
pub fn permitted_mask(levels: &[crate::scenario::OperatingLevel], present: u32, w: f64) -> u8 {
    levels
        .iter()
        .rfind(|l| reaches(present, l.min_attendance, w))
        .map_or(0, |l| {
            l.categories.iter().fold(0, |m, c| m | (1 << c.index()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::OperatingLevel;

    #[test]
    fn sample_table_levels() {
        let t = OperatingLevel::sample_table();
        // 30 % of 9 = 2.7: 3 people. 2 permit nothing.
        assert_eq!(permitted_mask(&t, 2, 9.0), 0);
        // 3 of 9: medical care only.
        assert_eq!(
            permitted_mask(&t, 3, 9.0),
            1 << CareCategory::MedicalCare.index()
        );
        // 50 % of 9 = 4.5 → 5 people: medical care, excretion, meals.
        assert_eq!(permitted_mask(&t, 4, 9.0), 1);
        assert_eq!(permitted_mask(&t, 5, 9.0), 0b111);
        // 90 % of 9 = 8.1 → 8 people: the full table.
        assert_eq!(permitted_mask(&t, 8, 9.0), 0b11111);
        // 30 % of 11 = 3.3 → 3 people permit medical care (3/11 = 27 % < 30 % did not).
        assert_eq!(permitted_mask(&t, 3, 11.0), 1);
        // A share above 0 needs at least one person: 3 % of 9 is 0.27.
        assert!(!reaches(0, 0.03, 9.0));
        assert!(reaches(1, 0.03, 9.0));
    }
}
