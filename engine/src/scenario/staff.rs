use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Dist;

/// An agency's staff: listed person by person, generated from a profile, or both (generated
/// members come after the listed ones).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffSpec {
    /// Staff normally working on a day (W in 004 §2-7; 9 in the sample). Attendance rates are
    /// relative to it, and so are the stockpile formulas.
    pub average_working_per_day: f64,
    /// Women aged 50 or under, for the sanitary-products formula (004 §2-7). Default 0.
    #[serde(default)]
    pub women_50_or_under: u32,
    #[serde(default)]
    pub members: Vec<StaffMemberSpec>,
    #[serde(default)]
    pub profile: Option<StaffProfile>,
}

/// One staff member (表1 災害時職員管理シート).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffMemberSpec {
    pub id: String,
    /// Never written to outputs; ids are.
    #[serde(default)]
    pub name: Option<String>,
    pub role: Role,
    #[serde(default)]
    pub bcp_role: Option<BcpRole>,
    /// Distance from home to the agency.
    pub home_km: f64,
    pub commute: CommuteMode,
    /// How this person makes visits. Default bicycle.
    #[serde(default)]
    pub visit_mode: VisitMode,
    /// Children of primary-school age or younger at home: exempt from assembly (004 §3-9).
    #[serde(default)]
    pub small_children: bool,
    /// A family member needing care at home: exempt from assembly (004 §3-9).
    #[serde(default)]
    pub dependent_care: bool,
    /// Whether at work at the onset; when left out, decided by the work pattern and a rotation.
    #[serde(default)]
    pub on_duty_at_onset: Option<bool>,
}

/// Staff generated from counts and shares (e.g. the sample's commute mix 30/30/10/10/20 %).
/// Counts per category are apportioned exactly (largest remainder), so 15 staff at 30 % give
/// 4 or 5, never a random number; distances are drawn from `seed` and the member's index, so
/// the same profile always gives the same people, whatever the run seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffProfile {
    pub count: u32,
    #[serde(default)]
    pub seed: u64,
    /// Share of each job role; shares sum to 1.
    pub roles: BTreeMap<Role, f64>,
    /// Share of each commute mode; shares sum to 1.
    pub commute: BTreeMap<CommuteMode, f64>,
    /// Share of each visit mode; shares sum to 1.
    pub visit_modes: BTreeMap<VisitMode, f64>,
    pub home_km: Dist,
    #[serde(default)]
    pub small_children_share: f64,
    #[serde(default)]
    pub dependent_care_share: f64,
    /// BCP roles handed to the first generated members, in order (leader first).
    #[serde(default)]
    pub bcp_roles: Vec<BcpRole>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Nurse,
    PhysicalTherapist,
    OccupationalTherapist,
    CareManager,
    Doctor,
    Pharmacist,
    CareWorker,
    Clerk,
    Other,
}

/// Roles in the disaster response (004 §1-1, §3-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BcpRole {
    /// 責任者
    Leader,
    /// 副責任者
    Deputy,
    /// 情報担当
    Information,
    /// 連絡担当
    Contact,
    /// 設備・物資担当
    Supplies,
    /// 看護・介護担当
    Care,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CommuteMode {
    PublicTransport,
    Bicycle,
    Motorbike,
    Car,
    Walk,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum VisitMode {
    Car,
    Motorbike,
    #[default]
    Bicycle,
    Walk,
}
