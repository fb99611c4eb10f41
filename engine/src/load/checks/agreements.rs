//! Agreements between agencies (`scenario/agreements.rs`).

use super::*;
use crate::scenario::*;

impl Checker<'_> {
    /// Agreements: unique ids, known agencies, no agency agreeing with itself, no more staff
    /// lent than the lender has, travel time not negative.
    pub(super) fn agreements(&mut self, s: &Scenario, k: &Known) {
        let ids: Vec<(String, &str)> = s
            .agreements
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("agreements[{i}].id"), a.id.as_str()))
            .collect();
        self.ids(&ids, Kind::Agreement);
        for (i, a) in s.agreements.iter().enumerate() {
            let kp = format!("agreements[{i}].kind");
            let (parties, lenders): (Vec<(String, &str)>, Vec<&str>) = match &a.kind {
                AgreementKind::StaffDispatch {
                    lender, borrower, ..
                } => (
                    vec![
                        (format!("{kp}.lender"), lender.as_str()),
                        (format!("{kp}.borrower"), borrower.as_str()),
                    ],
                    vec![lender.as_str()],
                ),
                AgreementKind::PairStation {
                    stations: (x, y), ..
                } => (
                    vec![
                        (format!("{kp}.stations"), x.as_str()),
                        (format!("{kp}.stations"), y.as_str()),
                    ],
                    vec![x.as_str(), y.as_str()],
                ),
                AgreementKind::PatientTakeover { from, to, .. }
                | AgreementKind::SupplySharing { from, to, .. } => (
                    vec![
                        (format!("{kp}.from"), from.as_str()),
                        (format!("{kp}.to"), to.as_str()),
                    ],
                    Vec::new(),
                ),
            };
            for (path, id) in &parties {
                self.reference(path, id, k.agencies, Kind::Agency);
            }
            if parties[0].1 == parties[1].1 {
                self.err(
                    &parties[1].0,
                    "self-agreement",
                    m(
                        format!("事業所 `{}` が自分自身と協定を結んでいます", parties[1].1),
                        format!("agency `{}` has an agreement with itself", parties[1].1),
                    ),
                    Some(m(
                        "相手の事業所の ID を書いてください",
                        "name the partner agency",
                    )),
                );
            }
            let max_staff = a.kind.max_staff();
            match &a.kind {
                AgreementKind::PatientTakeover {
                    max_patients,
                    handover_hours,
                    ..
                } => {
                    self.at_least_one(&format!("{kp}.max_patients"), *max_patients);
                    self.non_negative(&format!("{kp}.handover_hours"), *handover_hours);
                    continue;
                }
                AgreementKind::SupplySharing {
                    from, to, items, ..
                } => {
                    // Every item must be held by both: what is shared must exist at both ends.
                    for (j, item) in items.iter().enumerate() {
                        for party in [from, to] {
                            if let Some(agency) = s.agencies.iter().find(|x| &x.id == party) {
                                let held: Vec<&str> =
                                    agency.stocks.iter().map(|st| st.item.as_str()).collect();
                                self.reference(
                                    &format!("{kp}.items[{j}]"),
                                    item,
                                    &held,
                                    Kind::Item,
                                );
                            }
                        }
                    }
                }
                _ => self.at_least_one(&format!("{kp}.max_staff"), max_staff),
            }
            for lender in lenders {
                let Some(agency) = s.agencies.iter().find(|x| x.id == lender) else {
                    continue;
                };
                let count = agency.staff.members.len() as u64
                    + agency
                        .staff
                        .profile
                        .as_ref()
                        .map_or(0, |p| u64::from(p.count));
                if u64::from(max_staff) > count {
                    self.err(
                        &format!("{kp}.max_staff"),
                        "too-many-staff",
                        m(
                            format!("`max_staff`（{max_staff}）が事業所 `{lender}` の職員数（{count}）を超えています"),
                            format!("`max_staff` ({max_staff}) exceeds the staff of agency `{lender}` ({count})"),
                        ),
                        Some(m(
                            "貸し出せる人数は職員数以下にしてください",
                            "an agency cannot lend more staff than it has",
                        )),
                    );
                }
            }
            self.non_negative(&format!("{kp}.travel_hours"), a.kind.travel_hours());
        }
    }
}
