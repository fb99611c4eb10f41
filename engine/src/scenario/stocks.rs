use serde::{Deserialize, Serialize};

use super::Lifeline;

/// A stock item (備蓄) with its quantity and how it is used up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StockSpec {
    /// Item id. The stockpile formulas of 004 §2-7 know these ids: `water_2l`, `meals`,
    /// `paper_cups`, `spoons`, `portable_toilets`, `sanitary_products`, `flashlights`,
    /// `lanterns`, `mobile_batteries`, `gloves`, `masks`, `hand_warmers`, `water_tanks_10l`.
    pub item: String,
    pub quantity: f64,
    /// Unit of `quantity` and of every consumption amount (bottle, meal, litre, piece).
    pub unit: String,
    #[serde(default)]
    pub consumption: Vec<Consumption>,
    /// When this lifeline is up at the agency, the stock is refilled to its starting quantity
    /// (e.g. fuel when filling stations reopen).
    #[serde(default)]
    pub refill_when_up: Option<Lifeline>,
}

/// `amount` units used per `per`, only while `only_while` holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consumption {
    pub amount: f64,
    pub per: ConsumptionBasis,
    #[serde(default)]
    pub only_while: StockCondition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsumptionBasis {
    /// Per staff member on site per day (prorated per step).
    PersonDay,
    /// Per visit made.
    Visit,
    /// Per km driven by car.
    CarKm,
    /// Per hour, whoever is there (a generator's fuel).
    Hour,
}

impl ConsumptionBasis {
    /// Every basis, in declaration order (`basis as usize` is its place).
    pub const ALL: [ConsumptionBasis; 4] = [
        ConsumptionBasis::PersonDay,
        ConsumptionBasis::Visit,
        ConsumptionBasis::CarKm,
        ConsumptionBasis::Hour,
    ];
}

/// When a consumption rule applies, judged at the agency's building.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum StockCondition {
    #[default]
    Always,
    PowerOut,
    WaterOut,
    GasOut,
    /// Toilets unusable: water, power or sewer out (004 §2-5).
    ToiletsUnusable,
    /// While the BCP is active.
    BcpActive,
}

impl StockCondition {
    /// Every condition, in declaration order (`condition as usize` is its place).
    pub const ALL: [StockCondition; 6] = [
        StockCondition::Always,
        StockCondition::PowerOut,
        StockCondition::WaterOut,
        StockCondition::GasOut,
        StockCondition::ToiletsUnusable,
        StockCondition::BcpActive,
    ];

    /// The condition's bit in a set of conditions (bit `condition as usize`).
    pub fn bit(self) -> u8 {
        1 << self as u8
    }
}
