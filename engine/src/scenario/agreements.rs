use serde::{Deserialize, Serialize};

/// A mutual aid agreement (相互支援協定) between agencies: the collaborative BCP (連携型 BCP,
/// 001). Agencies below their plan's `mutual_aid.ask_below` attendance ask; partners above
/// their `lend_above` answer under the agreement; a loan ends when the lender needs its staff
/// back or the borrower no longer needs them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub status: AgreementStatus,
    pub kind: AgreementKind,
}

/// What the agencies of a region share (regional BCP, 地域 BCP).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RegionalPlan {
    /// One shared safety-check list: each patient is checked by one agency (the one whose
    /// list they are on), and a confirmation is known to every agency serving them. Without
    /// it every agency serving a patient calls them (003: duplicate calls waste the phones'
    /// scarce power). Default false.
    pub shared_safety_check_list: bool,
}

impl RegionalPlan {
    pub fn is_default(&self) -> bool {
        self == &RegionalPlan::default()
    }
}

/// Whether an agreement is in force (004 §4-2 lists partners as 協定あり / 口頭合意のみ / なし
/// or 締結予定).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgreementStatus {
    /// 協定あり: in force.
    Signed,
    /// 口頭合意のみ: in force, but help comes later, after `VERBAL_DELAY_HOURS`, since nothing
    /// settles who calls whom, who pays and who is insured.
    Verbal,
    /// 締結予定 / なし: not in force (a plan variant can sign it).
    Planned,
}

/// Extra hours before help arrives under a verbal agreement.
pub const VERBAL_DELAY_HOURS: f64 = 12.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum AgreementKind {
    /// `lender` may send up to `max_staff` staff to `borrower` (職員派遣), who arrive after
    /// `travel_hours`.
    StaffDispatch {
        lender: String,
        borrower: String,
        max_staff: u32,
        travel_hours: f64,
    },
    /// Pair stations (ペアステーション, 004 §4-1): each may lend the other up to `max_staff`.
    PairStation {
        stations: (String, String),
        max_staff: u32,
        travel_hours: f64,
    },
    /// `to` takes over (利用者の受け入れ) up to `max_patients` of `from`'s patients of the
    /// given classes while `from` is short of staff, after `handover_hours` for consent and
    /// care orders; meanwhile neither visits them.
    PatientTakeover {
        from: String,
        to: String,
        classes: Vec<crate::scenario::PriorityClass>,
        max_patients: u32,
        handover_hours: f64,
    },
    /// Supply sharing (物資供給): when one of `items` at `to` falls below a quarter of its
    /// starting quantity, `from` sends what it holds beyond half of its own starting quantity
    /// (up to what brings `to` back to half), arriving after `travel_hours`.
    SupplySharing {
        from: String,
        to: String,
        items: Vec<String>,
        travel_hours: f64,
    },
}

impl AgreementKind {
    /// (lender, borrower) pairs of a staff agreement, in a fixed order (none for a takeover).
    pub fn directions(&self) -> Vec<(&str, &str)> {
        match self {
            AgreementKind::StaffDispatch {
                lender, borrower, ..
            } => vec![(lender, borrower)],
            AgreementKind::PairStation {
                stations: (a, b), ..
            } => vec![(a, b), (b, a)],
            AgreementKind::PatientTakeover { .. } | AgreementKind::SupplySharing { .. } => {
                Vec::new()
            }
        }
    }

    /// Staff that may be lent (0 for a takeover).
    pub fn max_staff(&self) -> u32 {
        match self {
            AgreementKind::StaffDispatch { max_staff, .. }
            | AgreementKind::PairStation { max_staff, .. } => *max_staff,
            AgreementKind::PatientTakeover { .. } | AgreementKind::SupplySharing { .. } => 0,
        }
    }

    /// Hours before help arrives: staff travel, or a takeover's hand-over.
    pub fn travel_hours(&self) -> f64 {
        match self {
            AgreementKind::StaffDispatch { travel_hours, .. }
            | AgreementKind::PairStation { travel_hours, .. } => *travel_hours,
            AgreementKind::PatientTakeover { handover_hours, .. } => *handover_hours,
            AgreementKind::SupplySharing { travel_hours, .. } => *travel_hours,
        }
    }
}
