//! Phase 9: stocks. Each item is consumed by its rules (per person on site per day, per
//! visit, per car km, per hour), each only while its condition holds at the building; a
//! shortfall while still needed is a stock-out. Items refilled by a lifeline return to their
//! starting quantity while it is up (fuel when filling stations reopen).

use crate::outcome::EventKind;
use crate::scenario::{Consumption, ConsumptionBasis, Lifeline, StockCondition};
use crate::state::RunState;

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn consume_stocks(st: &mut RunState) {
    let RunState {
        clock,
        agencies,
        log,
        ..
    } = st;
    let hour = clock.hour();
    let step = f64::from(clock.step_hours);
    for (info, agency) in agencies.info.iter().zip(&mut agencies.state) {
        let counters = agency.step;
        let served = agency.served;
        // What each basis amounts to this step, and whether each condition holds, worked
        // out once for all the agency's items.
        let per_basis = |basis: ConsumptionBasis| match basis {
            ConsumptionBasis::PersonDay => f64::from(counters.persons_on_site) * step / 24.0,
            ConsumptionBasis::Visit => f64::from(counters.visits),
            ConsumptionBasis::CarKm => counters.car_km,
            ConsumptionBasis::Hour => step,
        };
        let basis = ConsumptionBasis::ALL.map(per_basis);
        let holds = |c: StockCondition| match c {
            StockCondition::Always => true,
            StockCondition::PowerOut => !served[Lifeline::Power.index()],
            StockCondition::WaterOut => !served[Lifeline::Water.index()],
            StockCondition::GasOut => !served[Lifeline::Gas.index()],
            StockCondition::ToiletsUnusable => !agency.toilets_usable,
            StockCondition::BcpActive => agency.bcp_active,
        };
        let holding = StockCondition::ALL
            .into_iter()
            .filter(|&c| holds(c))
            .fold(0u8, |set, c| set | c.bit());
        // Only an item's level is read unless it is consumed or refilled. With no rule
        // applying, the need is an empty sum, which takes nothing.
        let need = |rules: &[Consumption]| -> f64 {
            rules
                .iter()
                .filter(|c| holding & c.only_while.bit() != 0)
                .map(|c| c.amount * basis[c.per as usize])
                .sum()
        };
        agency
            .stocks
            .consume_and_refill(holding, &served, hour, need, |spec, added| {
                let (kind, note) = match added {
                    None => (EventKind::Stockout, ""),
                    Some(_) => (EventKind::Resupplied, "refill"),
                };
                log.event(hour, kind, Some(&info.id), Some(&spec.item), added, note);
            });
    }
}
