//! An agency's staff (`scenario/staff.rs`): members and the profile that generates them.

use super::*;
use crate::scenario::*;

impl Checker<'_> {
    pub(super) fn staff(&mut self, path: &str, s: &StaffSpec) {
        let total = s.members.len() as u64 + s.profile.as_ref().map_or(0, |p| u64::from(p.count));
        if total == 0 {
            self.err(
                path,
                "no-staff",
                m("職員が1人もいません", "the agency has no staff"),
                Some(m(
                    "`members` に職員を書くか、`profile` の `count` を 1 以上にしてください",
                    "list staff in `members` or give a `profile` with `count` of 1 or more",
                )),
            );
        }
        let w = s.average_working_per_day;
        let wp = format!("{path}.average_working_per_day");
        if self.finite(&wp, w) {
            if w <= 0.0 {
                self.positive(&wp, w);
            } else if total > 0 && w > total as f64 {
                self.err(
                    &wp,
                    "too-many-working",
                    m(
                        format!("1日平均の勤務人数（{w}）が職員数（{total}）を超えています"),
                        format!(
                            "average staff working per day ({w}) exceeds the staff count ({total})"
                        ),
                    ),
                    Some(m(
                        "職員を追加するか、人数を職員数以下にしてください",
                        "add staff or lower this to at most the staff count",
                    )),
                );
            }
        }
        if total > 0 && u64::from(s.women_50_or_under) > total {
            self.err(
                &format!("{path}.women_50_or_under"),
                "too-many",
                m(
                    format!(
                        "`women_50_or_under`（{}）が職員数（{total}）を超えています",
                        s.women_50_or_under
                    ),
                    format!(
                        "`women_50_or_under` ({}) exceeds the staff count ({total})",
                        s.women_50_or_under
                    ),
                ),
                None,
            );
        }
        for (j, st) in s.members.iter().enumerate() {
            self.non_negative(&format!("{path}.members[{j}].home_km"), st.home_km);
        }
        let leaders = s
            .members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.bcp_role == Some(BcpRole::Leader))
            .map(|(j, _)| j)
            .collect::<Vec<_>>();
        if let Some(&second) = leaders.get(1) {
            self.err(
                &format!("{path}.members[{second}].bcp_role"),
                "two-leaders",
                m(
                    "責任者（Leader）が2人以上います",
                    "more than one staff member is the Leader",
                ),
                Some(m(
                    "代わりの人は `Deputy`（副責任者）にしてください",
                    "make the stand-in `Deputy`",
                )),
            );
        }
        if let Some(p) = &s.profile {
            let pp = format!("{path}.profile");
            self.share_map(&format!("{pp}.roles"), &p.roles);
            self.share_map(&format!("{pp}.commute"), &p.commute);
            self.share_map(&format!("{pp}.visit_modes"), &p.visit_modes);
            self.dist(&format!("{pp}.home_km"), &p.home_km);
            self.share(
                &format!("{pp}.small_children_share"),
                p.small_children_share,
            );
            self.share(
                &format!("{pp}.dependent_care_share"),
                p.dependent_care_share,
            );
            self.head_count(&format!("{pp}.count"), p.count);
            if p.bcp_roles.len() as u64 > u64::from(p.count) {
                self.err(
                    &format!("{pp}.bcp_roles"),
                    "too-many",
                    m(
                        format!(
                            "BCP 役割（{}件）が生成する職員数 `count`（{}）より多くなっています",
                            p.bcp_roles.len(),
                            p.count
                        ),
                        format!(
                            "more BCP roles ({}) than generated staff (`count` {})",
                            p.bcp_roles.len(),
                            p.count
                        ),
                    ),
                    None,
                );
            }
        }
    }
}
