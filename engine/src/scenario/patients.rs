use serde::{Deserialize, Serialize};

use super::Dist;

/// An agency's patients (users): listed, generated from a profile, or both.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientsSpec {
    #[serde(default)]
    pub members: Vec<PatientSpec>,
    #[serde(default)]
    pub profile: Option<PatientProfile>,
}

/// One patient (表2 災害時利用者管理シート).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientSpec {
    pub id: String,
    /// Never written to outputs; ids are.
    #[serde(default)]
    pub name: Option<String>,
    pub class: PriorityClass,
    /// Distance from the agency to the home. Default 2.
    #[serde(default = "two_km")]
    pub home_km: f64,
    /// Zone of the home; default the agency's zone.
    #[serde(default)]
    pub zone: Option<String>,
    #[serde(default)]
    pub needs: Vec<CareNeed>,
    #[serde(default)]
    pub devices: Vec<Device>,
    /// Care categories a family member can stand in for when no visit comes (004 §1-4).
    #[serde(default)]
    pub family_covers: Vec<CareCategory>,
    /// Other agencies that also serve this patient (a clinic, a care manager, a helper
    /// service) and would call them in a safety check unless a shared list assigns the check
    /// to one agency (regional BCP, 003).
    #[serde(default)]
    pub also_served_by: Vec<String>,
    /// Whether the household can be reached by phone. Default true.
    #[serde(default = "yes")]
    pub has_phone: bool,
}

fn two_km() -> f64 {
    2.0
}

fn yes() -> bool {
    true
}

/// Safety-check and visit priority (安否確認優先順位). Every patient in a file has one; the
/// default (C) only fills a run's state before the patient's own is set.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum PriorityClass {
    /// Life-sustaining care: ventilator, home oxygen, suction, IV, terminal care.
    A,
    /// Needed within days: medical care that can wait a little, excretion, meals, medication,
    /// people living alone.
    B,
    /// Can wait.
    #[default]
    C,
}

impl PriorityClass {
    pub const ALL: [PriorityClass; 3] = [PriorityClass::A, PriorityClass::B, PriorityClass::C];

    pub fn key(self) -> &'static str {
        match self {
            PriorityClass::A => "a",
            PriorityClass::B => "b",
            PriorityClass::C => "c",
        }
    }
}

/// Care categories (004 §1-4), in the order operating levels add them back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CareCategory {
    /// 医療的ケア
    MedicalCare,
    /// 排泄援助
    Excretion,
    /// 食事援助
    Meals,
    /// Other nursing and care.
    OtherCare,
    /// Rehabilitation and other services not directly vital.
    Rehabilitation,
}

impl CareCategory {
    pub const ALL: [CareCategory; 5] = [
        CareCategory::MedicalCare,
        CareCategory::Excretion,
        CareCategory::Meals,
        CareCategory::OtherCare,
        CareCategory::Rehabilitation,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn key(self) -> &'static str {
        match self {
            CareCategory::MedicalCare => "medical_care",
            CareCategory::Excretion => "excretion",
            CareCategory::Meals => "meals",
            CareCategory::OtherCare => "other_care",
            CareCategory::Rehabilitation => "rehabilitation",
        }
    }
}

/// A recurring care demand: one visit of this category every `every_hours`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareNeed {
    pub category: CareCategory,
    pub every_hours: u32,
    /// Hour the first demand comes due. Default: spread over the first interval by the
    /// patient's id, so not every demand falls due at the onset.
    #[serde(default)]
    pub first_due_hour: Option<u32>,
}

/// A power-dependent device and what the household holds to keep it running in a power cut.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Device {
    pub kind: DeviceKind,
    /// Hours the device keeps running without mains power on the batteries it always has
    /// (internal + external), or for a concentrator, the hours of the oxygen cylinders kept at
    /// home. 0 = stops at once (a validation warning: check the sheet).
    pub battery_hours: f64,
    /// Hours more from a spare battery the family holds and swaps in (recharged with mains).
    /// Default 0: only 9 % of Sapporo's respiratory-disability holders had one before the 2018
    /// Hokkaido blackout (Sapporo city survey, reported by Nikkei 2019-07-07).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub spare_battery_hours: f64,
    /// Hours more of power the household makes itself once the batteries are flat: a car with
    /// an inverter, a generator or a power station of its own (used up; not refilled in the
    /// run). Default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub family_backup_hours: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum DeviceKind {
    /// 人工呼吸器
    Ventilator,
    /// 在宅酸素 (concentrator)
    OxygenConcentrator,
    /// 吸引器
    Suction,
    /// 輸液ポンプ
    InfusionPump,
    #[default]
    Other,
}

/// How households and suppliers cope with a power cut, outside any agency's plan (scenario
/// data with sourced defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Coping {
    /// Hours a family can keep a ventilator user breathing with a manual resuscitation bag
    /// (用手換気, アンビューバッグ) once every battery is flat. A visit bringing power still helps
    /// within them; after that the case is for an ambulance, not a visit. Default 6.
    /// ASSUMPTION: families of home-ventilator users are trained to bag; taking turns, a few
    /// hours. A number or a distribution, drawn per patient and run.
    #[serde(deserialize_with = "super::number_or_dist")]
    pub manual_bagging_hours: Dist,
    /// Hours from the start of a patient's power cut until the home-oxygen supplier brings
    /// cylinders; from then on the supplier keeps the patient in oxygen. Drawn per patient and
    /// run. Default Uniform(6, 72): suppliers confirmed 95 % of home-oxygen users in the Faxai
    /// blackout by about day 3 (MHLW, 2019-09-12); in Sapporo 2018 a supplier phoned and
    /// brought cylinders the next morning.
    pub oxygen_delivery_hours: super::Dist,
}

impl Default for Coping {
    fn default() -> Self {
        Coping {
            manual_bagging_hours: Dist::Fixed(6.0),
            oxygen_delivery_hours: super::Dist::Uniform {
                min: 6.0,
                max: 72.0,
            },
        }
    }
}

impl Coping {
    pub fn is_default(&self) -> bool {
        *self == Coping::default()
    }
}

/// Patients generated from class shares. Counts per class and per device are apportioned
/// exactly (largest remainder); distances are drawn from `seed` and the patient's index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientProfile {
    pub count: u32,
    #[serde(default)]
    pub seed: u64,
    pub home_km: Dist,
    pub classes: Vec<ClassProfile>,
}

/// The patients of one priority class in a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassProfile {
    pub class: PriorityClass,
    /// Share of all the profile's patients in this class.
    pub share: f64,
    #[serde(default)]
    pub needs: Vec<CareNeed>,
    /// Devices, each held by a share of this class's patients (apportioned in order).
    #[serde(default)]
    pub devices: Vec<DeviceShare>,
    /// Share of this class whose family can stand in for `family_covers`.
    #[serde(default)]
    pub family_support_share: f64,
    #[serde(default)]
    pub family_covers: Vec<CareCategory>,
    /// Share of this class without a phone.
    #[serde(default)]
    pub no_phone_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceShare {
    pub share: f64,
    pub device: Device,
}
