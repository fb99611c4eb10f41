use serde::{Deserialize, Serialize};

use super::{PatientsSpec, Plan, StaffSpec, StockSpec};

/// One agency (事業所) with its people, stocks, equipment and plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencySpec {
    /// Stable id used in references and outputs (letters, digits, `-`, `_`).
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub kind: AgencyKind,
    /// Id of the zone the agency's building is in.
    pub zone: String,
    pub staff: StaffSpec,
    #[serde(default)]
    pub patients: PatientsSpec,
    #[serde(default)]
    pub stocks: Vec<StockSpec>,
    #[serde(default)]
    pub equipment: Equipment,
    pub plan: Plan,
    #[serde(default)]
    pub finance: Option<Finance>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AgencyKind {
    /// 訪問看護ステーション
    VisitingNurseStation,
    /// 在宅療養支援診療所
    HomeCareClinic,
    /// 病院
    Hospital,
    /// 居宅介護支援事業所
    CareManagerOffice,
    /// 訪問介護
    HomeHelpService,
    /// 薬局
    Pharmacy,
    /// 地域包括支援センター
    CommunitySupportCentre,
    /// 市役所・保健所
    CityOffice,
}

/// What the agency owns that matters in a disaster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Equipment {
    /// Visit cars. Car visits need fuel (a stock consumed per km).
    pub cars: u32,
    /// Portable power stations (ポータブル電源) that a visit can bring to a power-dependent patient.
    pub portable_power_stations: u32,
    /// Hours of device use one charged power station gives. Default 12.
    pub power_station_hours: f64,
    /// Hours to recharge an empty power station at the agency, from mains, the generator or
    /// a car's inverter (a station that runs flat at a patient's home comes back to be
    /// recharged). Default 8. ASSUMPTION: a 500 Wh station on a 60–100 W charger.
    pub power_station_recharge_hours: f64,
    /// Whether a visiting car's inverter can recharge a device during the visit (カーインバーター).
    pub car_inverters: bool,
    /// A generator keeps the agency's own power up during an outage while fuel lasts.
    pub generator: bool,
    /// Mobile phones used for safety-check calls.
    pub phones: u32,
    /// Calls one charged phone can make. Default 40.
    pub calls_per_phone_charge: u32,
    /// Stock item whose units recharge a phone during a power cut (e.g. "mobile_batteries").
    pub power_bank_item: Option<String>,
}

impl Default for Equipment {
    fn default() -> Self {
        Equipment {
            cars: 0,
            portable_power_stations: 0,
            power_station_hours: 12.0,
            power_station_recharge_hours: 8.0,
            car_inverters: false,
            generator: false,
            phones: 2,
            calls_per_phone_charge: 40,
            power_bank_item: None,
        }
    }
}

/// Money (004 §2-8): visits delivered × average fee against monthly fixed costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finance {
    pub monthly_fixed_cost_yen: f64,
    pub average_fee_yen: f64,
    /// Months until insurance payments arrive. Default 2.
    #[serde(default = "two")]
    pub payment_delay_months: u32,
}

fn two() -> u32 {
    2
}
