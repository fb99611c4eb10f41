//! An agency's stock items while a run goes on. What every step reads of every item (its
//! quantity, when it is consumed or refilled) is kept apart from the rest, item after item in
//! one short vector ([`StockLevel`], 24 bytes an item): the stocks phase and the region's
//! totals read a few cache lines an agency, not one line an item, and open an item's full
//! record ([`StockState`]: its rules, spec, lowest quantity and stock-out) only when it is
//! consumed, refilled, shared or reported.
//!
//! Quantities change only through [`Stocks`]' methods, which note which items changed: the
//! record phase adds again only the region's totals of items some agency's changed. They also
//! keep, item by item, whether an item is used up or waits for a refill, so that a step reads
//! only the levels of items it can change (most of a month, a few of an agency's items).

use crate::scenario::{Consumption, ConsumptionBasis, Lifeline, StockCondition, StockSpec};

/// An agency's stock items, in the scenario's order.
#[derive(Debug, Clone, Default)]
pub struct Stocks {
    levels: Vec<StockLevel>,
    items: Vec<StockState>,
    /// Items whose quantity may have changed since [`Stocks::take_changed`] was last asked
    /// (every item at the start).
    changed: Items,
    /// Every fuel stock still has some ([`Stocks::has_fuel`]), worked out again whenever a
    /// fuel's quantity changes: visits ask it every step, and the levels need not be read.
    fuel_left: bool,
    /// Items used up with the stock-out on record ([`StockLevel::spent`]): taking from them
    /// changes nothing.
    spent: Items,
    /// Items a lifeline refills that hold less than they started with.
    below_full: Items,
    /// (conditions, the items consumed under some of them), as last asked by a step: the
    /// conditions holding change seldom, and the items' levels are read only when they do.
    consumed_under: Option<(u8, Items)>,
}

/// A set of an agency's items by place (bit k = item k). An agency with more than 64 items is
/// not told apart item by item: each of its sets holds every item, so that a step reads all of
/// them, as it would without the sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Items(u64);

impl Items {
    const EVERY: Items = Items(u64::MAX);
    const NONE: Items = Items(0);

    /// The set of item `k` alone (every item past the 64th).
    fn one(k: usize) -> Items {
        if k < 64 { Items(1 << k) } else { Items::EVERY }
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The places in the set among `len` items, in order.
    pub fn places(self, len: usize) -> impl Iterator<Item = usize> {
        let bits = match len {
            0..64 => self.0 & ((1 << len) - 1),
            64 => self.0,
            _ => 0,
        };
        let all = if len > 64 && self.0 != 0 { len } else { 0 };
        let ones = std::iter::successors(Some(bits), |b| Some(b & b.wrapping_sub(1)))
            .take_while(|&b| b != 0)
            .map(|b| b.trailing_zeros() as usize);
        ones.chain(0..all)
    }
}

impl std::ops::BitOr for Items {
    type Output = Items;
    fn bitor(self, other: Items) -> Items {
        Items(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Items {
    fn bitor_assign(&mut self, other: Items) {
        self.0 |= other.0;
    }
}

/// What every step reads of a stock item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StockLevel {
    quantity: f64,
    /// The quantity it started with (and is refilled to).
    full: f64,
    /// Position of this item among all the run's stock items (sorted ids); the region's
    /// totals add every item.
    item_index: u32,
    /// The conditions its rules apply under (`StockCondition::bit`): while none holds, the
    /// item is not consumed.
    conditions: u8,
    refill_when_up: Option<Lifeline>,
    /// Some consumption is per car km (visits ask for every car sent).
    fuels_cars: bool,
    /// A stock-out is on record (`StockState::stockout_hour`).
    out: bool,
}

impl StockLevel {
    pub fn quantity(&self) -> f64 {
        self.quantity
    }

    /// The quantity it started with.
    pub fn full(&self) -> f64 {
        self.full
    }

    /// Position of this item among all the run's stock items (sorted ids).
    pub fn item_index(&self) -> usize {
        self.item_index as usize
    }

    /// Whether any of its rules applies when the conditions in `holding` hold
    /// (`StockCondition::bit` each).
    pub fn consumed_under(&self, holding: u8) -> bool {
        self.conditions & holding != 0
    }

    /// Used up, with the stock-out on record: taking from it changes nothing.
    pub fn spent(&self) -> bool {
        self.quantity == 0.0 && self.out
    }
}

/// Consumption rules an item keeps in its own record; an item with more reads them from its
/// spec.
const INLINE_RULES: usize = 2;
/// `StockState::inline_rules` of an item whose rules are read from its spec.
const SPILLED: u8 = u8::MAX;

/// The rest of a stock item's state: read when it is consumed, runs out, is refilled, shared
/// or reported.
#[derive(Debug, Clone)]
pub struct StockState {
    pub min_quantity: f64,
    pub stockout_hour: Option<u32>,
    /// How many of `spec.consumption` are copied into `rules`, or [`SPILLED`] when they do
    /// not fit.
    inline_rules: u8,
    rules: [Consumption; INLINE_RULES],
    pub spec: StockSpec,
}

impl StockState {
    fn new(spec: &StockSpec) -> StockState {
        // Places past `inline_rules` are never read.
        let unused = Consumption {
            amount: 0.0,
            per: ConsumptionBasis::Hour,
            only_while: StockCondition::Always,
        };
        let mut rules = [unused; INLINE_RULES];
        let inline_rules = if spec.consumption.len() <= INLINE_RULES {
            rules[..spec.consumption.len()].copy_from_slice(&spec.consumption);
            spec.consumption.len() as u8
        } else {
            SPILLED
        };
        StockState {
            min_quantity: spec.quantity,
            stockout_hour: None,
            inline_rules,
            rules,
            spec: spec.clone(),
        }
    }

    /// The item's consumption rules (the spec's, in its order).
    pub fn rules(&self) -> &[Consumption] {
        match self.inline_rules {
            SPILLED => &self.spec.consumption,
            n => &self.rules[..usize::from(n)],
        }
    }
}

impl Stocks {
    /// The items of `specs`, full; `item_index` gives each item's place among the run's items.
    pub fn new(specs: &[StockSpec], item_index: impl Fn(&str) -> usize) -> Stocks {
        let levels = specs
            .iter()
            .map(|spec| StockLevel {
                quantity: spec.quantity,
                full: spec.quantity,
                item_index: item_index(&spec.item) as u32,
                conditions: spec
                    .consumption
                    .iter()
                    .fold(0, |set, c| set | c.only_while.bit()),
                refill_when_up: spec.refill_when_up,
                fuels_cars: spec
                    .consumption
                    .iter()
                    .any(|c| c.per == ConsumptionBasis::CarKm),
                out: false,
            })
            .collect();
        let mut stocks = Stocks {
            levels,
            items: specs.iter().map(StockState::new).collect(),
            changed: Items::EVERY,
            fuel_left: true,
            spent: Items::NONE,
            below_full: Items::NONE,
            consumed_under: None,
        };
        for k in 0..stocks.levels.len() {
            stocks.track(k);
        }
        stocks.fuel_changed();
        stocks
    }

    /// Every item's level, in order.
    pub fn levels(&self) -> &[StockLevel] {
        &self.levels
    }

    /// Item `k`'s level (a copy: 24 bytes).
    pub fn level(&self, k: usize) -> StockLevel {
        self.levels[k]
    }

    /// Every item: (level, full record), in order.
    pub fn iter(&self) -> impl Iterator<Item = (&StockLevel, &StockState)> {
        self.levels.iter().zip(&self.items)
    }

    /// The place of the item with id `item`.
    pub fn find(&self, item: &str) -> Option<usize> {
        self.items.iter().position(|s| s.spec.item == item)
    }

    /// Takes up to `amount` of item `k`; returns the part that could not be had. Records the
    /// first stock-out (quantity 0 while still needed) at `hour`.
    pub fn take(&mut self, k: usize, amount: f64, hour: u32) -> f64 {
        if amount > 0.0 {
            self.changed |= Items::one(k);
        }
        let short = take_from(&mut self.levels[k], &mut self.items[k], amount, hour);
        self.track(k);
        if self.levels[k].fuels_cars {
            self.fuel_changed();
        }
        short
    }

    /// A step's consumption and refills, item by item in order: an item consumed under the
    /// conditions in `holding` (and not spent) gives up what `need` works out from its rules;
    /// then an item refilled by a lifeline `served` has (by `Lifeline::index`) is filled up.
    /// `report` hears of each first stock-out (`None`) and refill (`Some(added)`). Only the
    /// items either can happen to are read.
    #[inline]
    pub fn consume_and_refill(
        &mut self,
        holding: u8,
        served: &[bool],
        hour: u32,
        need: impl Fn(&[Consumption]) -> f64,
        mut report: impl FnMut(&StockSpec, Option<f64>),
    ) {
        let consumed = self.consumed_under(holding);
        let len = self.levels.len();
        let read = Items(consumed.0 & !self.spent.0) | self.below_full;
        #[cfg(test)]
        let read = if tests::EVERY_ITEM.get() {
            Items::EVERY
        } else {
            read
        };
        let mut fuel_changed = false;
        for k in read.places(len) {
            let Stocks {
                levels,
                items,
                changed,
                ..
            } = self;
            let (level, item) = (&mut levels[k], &mut items[k]);
            if level.consumed_under(holding) && !level.spent() {
                let amount = need(item.rules());
                let (was_out, before) = (level.out, level.quantity);
                if amount > 0.0 {
                    *changed |= Items::one(k);
                }
                take_from(level, item, amount, hour);
                fuel_changed |= level.fuels_cars && level.quantity != before;
                if !was_out && level.out {
                    report(&item.spec, None);
                }
            }
            if let Some(l) = level.refill_when_up
                && served.get(l.index()) == Some(&true)
                && level.quantity < level.full
            {
                let added = level.full - level.quantity;
                level.quantity = level.full;
                *changed |= Items::one(k);
                fuel_changed |= level.fuels_cars;
                report(&item.spec, Some(added));
            }
            self.track(k);
        }
        if fuel_changed {
            self.fuel_changed();
        }
    }

    /// The items with a rule applying under some condition of `holding`, worked out again
    /// only when `holding` differs from the last step's.
    fn consumed_under(&mut self, holding: u8) -> Items {
        match self.consumed_under {
            Some((h, set)) if h == holding => set,
            _ => {
                let set = (0..self.levels.len())
                    .filter(|&k| self.levels[k].consumed_under(holding))
                    .fold(Items::NONE, |set, k| set | Items::one(k));
                self.consumed_under = Some((holding, set));
                set
            }
        }
    }

    /// Notes whether item `k` is now spent and whether it waits for a refill (after any
    /// change of its quantity).
    fn track(&mut self, k: usize) {
        if self.levels.len() > 64 {
            // Not told apart: every step reads every item.
            self.below_full = Items::EVERY;
            return;
        }
        let level = &self.levels[k];
        let bit = 1u64 << k;
        let set = |items: &mut Items, on: bool| {
            items.0 = if on { items.0 | bit } else { items.0 & !bit };
        };
        set(&mut self.spent, level.spent());
        set(
            &mut self.below_full,
            level.refill_when_up.is_some() && level.quantity < level.full,
        );
    }

    /// Adds `quantity` to item `k` (a delivery).
    pub fn add(&mut self, k: usize, quantity: f64) {
        self.changed |= Items::one(k);
        self.levels[k].quantity += quantity;
        self.track(k);
        if self.levels[k].fuels_cars {
            self.fuel_changed();
        }
    }

    /// A fuel's quantity may have changed: whether cars can go is worked out again.
    fn fuel_changed(&mut self) {
        self.fuel_left = self.fuel_above(0.0);
    }

    /// The items whose quantity may have changed since this was last asked; asking resets it.
    pub fn take_changed(&mut self) -> Items {
        std::mem::take(&mut self.changed)
    }

    /// Cars can be used: every fuel stock still has some.
    pub fn has_fuel(&self) -> bool {
        self.fuel_left
    }

    /// Every fuel stock holds more than `share` of what it started with.
    pub fn fuel_above(&self, share: f64) -> bool {
        self.levels
            .iter()
            .filter(|l| l.fuels_cars)
            .all(|l| l.quantity > share * l.full)
    }
}

/// Takes up to `amount` from an item; returns the part that could not be had. Records the
/// first stock-out (quantity 0 while still needed) at `hour`.
fn take_from(level: &mut StockLevel, item: &mut StockState, amount: f64, hour: u32) -> f64 {
    if amount <= 0.0 {
        return 0.0;
    }
    let taken = amount.min(level.quantity);
    level.quantity -= taken;
    // Snap float dust to zero so an exhausted stock reads 0, not 1e-15.
    if level.quantity < 1e-9 {
        level.quantity = 0.0;
    }
    item.min_quantity = item.min_quantity.min(level.quantity);
    let short = amount - taken;
    if short > 1e-9 && item.stockout_hour.is_none() {
        item.stockout_hour = Some(hour);
        level.out = true;
    }
    if short > 1e-9 { short } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cell::Cell;

    thread_local! {
        /// On: a step reads every item, as before the stocks kept which items it can change.
        pub(super) static EVERY_ITEM: Cell<bool> = const { Cell::new(false) };
    }

    /// An item from a proptest draw: (quantity, condition, basis, refilled by, amount).
    fn drawn_item(k: usize, (q, c, b, r, amount): (u8, u8, u8, u8, u8)) -> StockSpec {
        let condition = StockCondition::ALL[usize::from(c) % StockCondition::ALL.len()];
        let per = ConsumptionBasis::ALL[usize::from(b) % ConsumptionBasis::ALL.len()];
        StockSpec {
            item: format!("item_{k:03}"),
            quantity: f64::from(q % 20),
            unit: "piece".into(),
            // Some items are never consumed.
            consumption: (amount % 4 != 0)
                .then_some(Consumption {
                    amount: f64::from(amount) / 8.0,
                    per,
                    only_while: condition,
                })
                .into_iter()
                .collect(),
            refill_when_up: [None, Some(Lifeline::Water), Some(Lifeline::Fuel)][usize::from(r) % 3],
        }
    }

    /// Each item's (lowest quantity, stock-out hour).
    type Records = Vec<(f64, Option<u32>)>;

    /// What a step left of the stocks, for comparing two ways of running it.
    fn seen(stocks: &mut Stocks) -> (Vec<StockLevel>, Records, bool, Items) {
        let states = stocks
            .items
            .iter()
            .map(|s| (s.min_quantity, s.stockout_hour))
            .collect();
        let changed = stocks.take_changed();
        (stocks.levels.clone(), states, stocks.has_fuel(), changed)
    }

    proptest! {
        /// Steps that read only the items they can change (consumed under the conditions
        /// holding and not spent, or waiting for a refill) leave the stocks, the stock-outs
        /// and refills reported and the items noted as changed exactly as steps that read
        /// every item, through takes and deliveries between them; with up to 70 items (past
        /// the 64 told apart one by one).
        #[test]
        fn steps_reading_only_the_items_they_can_change_read_enough(
            drawn in prop::collection::vec(any::<(u8, u8, u8, u8, u8)>(), 1..71),
            steps in prop::collection::vec(any::<(u8, u16, u8, u8)>(), 1..60),
        ) {
            let specs: Vec<StockSpec> =
                drawn.into_iter().enumerate().map(|(k, d)| drawn_item(k, d)).collect();
            let mut pruned = Stocks::new(&specs, |_| 0);
            let mut every = pruned.clone();
            for (hour, (holding, served, action, k)) in steps.into_iter().enumerate() {
                let hour = hour as u32;
                let served: Vec<bool> = (0..9).map(|l| served & (1 << l) != 0).collect();
                let k = usize::from(k) % specs.len();
                let mut reports = [Vec::new(), Vec::new()];
                for (stocks, read_every, heard) in
                    [(&mut pruned, false, 0), (&mut every, true, 1)]
                {
                    match action % 4 {
                        0 => {
                            stocks.take(k, f64::from(action) / 16.0, hour);
                        }
                        1 => stocks.add(k, f64::from(action % 5)),
                        _ => {}
                    }
                    EVERY_ITEM.set(read_every);
                    stocks.consume_and_refill(
                        holding,
                        &served,
                        hour,
                        |rules| rules.iter().map(|c| c.amount).sum(),
                        |spec, added| reports[heard].push((spec.item.clone(), added)),
                    );
                    EVERY_ITEM.set(false);
                }
                prop_assert_eq!(&reports[0], &reports[1], "hour {}", hour);
                prop_assert_eq!(seen(&mut pruned), seen(&mut every), "hour {}", hour);
            }
        }
    }

    fn rule(amount: f64) -> Consumption {
        Consumption {
            amount,
            per: ConsumptionBasis::PersonDay,
            only_while: StockCondition::Always,
        }
    }

    fn spec(rules: usize) -> StockSpec {
        StockSpec {
            item: "water_2l".into(),
            quantity: 10.0,
            unit: "bottle".into(),
            consumption: (1..=rules).map(|k| rule(k as f64)).collect(),
            refill_when_up: Some(Lifeline::Water),
        }
    }

    #[test]
    fn an_item_reads_its_rules_in_the_spec_order_however_many_it_has() {
        for n in 0..=4 {
            let stocks = Stocks::new(&[spec(n)], |_| 0);
            let amounts: Vec<f64> = stocks.items[0].rules().iter().map(|c| c.amount).collect();
            let want: Vec<f64> = (1..=n).map(|k| k as f64).collect();
            assert_eq!(amounts, want, "{n} rules");
            assert_eq!(stocks.level(0).refill_when_up, Some(Lifeline::Water));
        }
    }

    /// 10 bottles: taking 4 leaves 6 (lowest 6); taking 7 more gives 6 and is 1 short, the
    /// stock-out at that hour; the item is then spent and taking changes nothing; every
    /// change is noted once until asked.
    #[test]
    fn takes_run_out_as_a_station_counts_them() {
        let mut stocks = Stocks::new(&[spec(1)], |_| 3);
        assert!(
            !stocks.take_changed().is_empty(),
            "a new run's stocks count as changed"
        );
        assert!(stocks.take_changed().is_empty());
        assert_eq!(stocks.take(0, 0.0, 1), 0.0);
        assert!(
            stocks.take_changed().is_empty(),
            "taking nothing changes nothing"
        );
        assert_eq!(stocks.take(0, 4.0, 2), 0.0);
        assert_eq!(stocks.level(0).quantity(), 6.0);
        assert_eq!(stocks.items[0].min_quantity, 6.0);
        assert!(!stocks.take_changed().is_empty());
        assert_eq!(stocks.take(0, 7.0, 5), 1.0);
        assert_eq!(stocks.level(0).quantity(), 0.0);
        assert_eq!(stocks.items[0].stockout_hour, Some(5));
        assert!(stocks.level(0).spent());
        assert_eq!(stocks.take(0, 2.0, 9), 2.0);
        assert_eq!(
            stocks.items[0].stockout_hour,
            Some(5),
            "the first stock-out stays"
        );
        assert_eq!(stocks.level(0).item_index(), 3);
        stocks.add(0, 2.5);
        assert_eq!(stocks.level(0).quantity(), 2.5);
        assert!(!stocks.take_changed().is_empty());
    }

    /// One rule, 1 bottle a step while its condition holds: 3 steps from 2.5 bottles give 1.5,
    /// 0.5, then a stock-out at hour 2 (reported once); with no condition holding, nothing
    /// is taken; with water served, the item is filled from 0 to its 10 (10 added), reported
    /// as a refill.
    #[test]
    fn a_step_consumes_under_its_conditions_and_refills_when_served() {
        let mut stocks = Stocks::new(&[spec(1)], |_| 0);
        stocks.take(0, 7.5, 0);
        stocks.take_changed();
        let always = StockCondition::Always.bit();
        let none = [false; 9];
        let mut heard = Vec::new();
        for hour in 0..3 {
            stocks.consume_and_refill(
                always,
                &none,
                hour,
                |rules| rules[0].amount,
                |_, added| heard.push((hour, added)),
            );
        }
        assert_eq!(heard, [(2, None)]);
        assert_eq!(stocks.items[0].stockout_hour, Some(2));
        assert!(!stocks.take_changed().is_empty());
        stocks.consume_and_refill(0, &none, 3, |_| 1.0, |_, _| panic!("nothing to report"));
        assert!(
            stocks.take_changed().is_empty(),
            "no condition held, nothing served"
        );
        let mut served = [false; 9];
        served[Lifeline::Water.index()] = true;
        stocks.consume_and_refill(0, &served, 4, |_| 1.0, |_, added| heard.push((4, added)));
        assert_eq!(heard.last(), Some(&(4, Some(10.0))));
        assert_eq!(stocks.level(0).quantity(), 10.0);
        assert!(!stocks.level(0).spent());
        assert!(!stocks.take_changed().is_empty());
    }

    /// Two fuels, each 10 L at 1 L a km: cars can go while both hold some. The first used up
    /// (by a take or a step's consumption) stops them; a delivery or a refill lets them go
    /// again; water running out does not matter to cars.
    #[test]
    fn cars_go_while_every_fuel_holds_some() {
        let fuel = |item: &str| StockSpec {
            item: item.into(),
            quantity: 10.0,
            unit: "L".into(),
            consumption: vec![Consumption {
                amount: 1.0,
                per: ConsumptionBasis::CarKm,
                only_while: StockCondition::Always,
            }],
            refill_when_up: Some(Lifeline::Roads),
        };
        let mut stocks = Stocks::new(&[fuel("gasoline"), fuel("diesel"), spec(1)], |_| 0);
        assert!(stocks.has_fuel());
        stocks.take(2, 10.0, 0);
        assert!(stocks.has_fuel(), "water is not fuel");
        stocks.take(0, 10.0, 0);
        assert!(!stocks.has_fuel(), "gasoline is gone");
        stocks.add(0, 1.0);
        assert!(stocks.has_fuel());
        // A step driving 6 km takes 6 L of each: gasoline (1 L) runs out.
        let always = StockCondition::Always.bit();
        let none = [false; 9];
        stocks.consume_and_refill(always, &none, 1, |_| 6.0, |_, _| {});
        assert!(!stocks.has_fuel());
        assert_eq!(stocks.level(1).quantity(), 4.0);
        // Roads open: both are filled up.
        let mut roads = [false; 9];
        roads[Lifeline::Roads.index()] = true;
        stocks.consume_and_refill(0, &roads, 2, |_| 0.0, |_, _| {});
        assert!(stocks.has_fuel());
        // An empty fuel from the start stops cars from the start.
        let mut empty = fuel("gasoline");
        empty.quantity = 0.0;
        assert!(!Stocks::new(&[empty], |_| 0).has_fuel());
    }
}
