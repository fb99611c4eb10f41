//! Phase 5: which care categories run at this attendance (004 §1-4). While the BCP is not
//! active, every category runs.

use bevy_ecs::prelude::{Query, Res};

use crate::scenario::CareCategory;
use crate::state::{AgencyInfo, AgencyState, Index};

pub fn update_operating_level(
    index: Res<Index>,
    mut agencies: Query<(&AgencyInfo, &mut AgencyState)>,
) {
    for &e in &index.agencies {
        let Ok((info, mut state)) = agencies.get_mut(e) else {
            continue;
        };
        state.permitted = if state.bcp_active {
            permitted_mask(&info.plan.operating_levels, state.attendance)
        } else {
            CareCategory::ALL
                .iter()
                .fold(0, |m, c| m | (1 << c.index()))
        };
    }
}

/// The categories of the highest level whose threshold the attendance reaches (none below
/// the first). A tiny tolerance keeps 0.3 × 10 / 10 from missing 0.3 by a rounding error.
pub fn permitted_mask(levels: &[crate::scenario::OperatingLevel], attendance: f64) -> u8 {
    levels
        .iter()
        .rfind(|l| attendance + 1e-9 >= l.min_attendance)
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
        assert_eq!(permitted_mask(&t, 0.2), 0);
        // 3 of 9 = 33 %: medical care only.
        assert_eq!(
            permitted_mask(&t, 3.0 / 9.0),
            1 << CareCategory::MedicalCare.index()
        );
        // 5 of 9 = 56 %: medical care, excretion, meals.
        assert_eq!(permitted_mask(&t, 5.0 / 9.0), 0b111);
        assert_eq!(permitted_mask(&t, 1.0), 0b11111);
    }
}
