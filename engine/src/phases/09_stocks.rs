//! Phase 9: stocks. Each item is consumed by its rules (per person on site per day, per
//! visit, per car km, per hour), each only while its condition holds at the building; a
//! shortfall while still needed is a stock-out. Items refilled by a lifeline return to their
//! starting quantity while it is up (fuel when filling stations reopen).

use crate::outcome::EventKind;
use crate::scenario::{ConsumptionBasis, Lifeline, StockCondition};
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
        for stock in &mut agency.stocks {
            // With no rule applying, the need is an empty sum, which takes nothing; from an
            // item already out, taking changes nothing (the stock-out is on record).
            if stock.consumed_under(holding) && !stock.spent() {
                let need: f64 = stock
                    .rules()
                    .iter()
                    .filter(|c| holding & c.only_while.bit() != 0)
                    .map(|c| c.amount * basis[c.per as usize])
                    .sum();
                let was_out = stock.stockout_hour.is_some();
                agency.stocks_changed |= need > 0.0;
                stock.take(need, hour);
                if !was_out && stock.stockout_hour.is_some() {
                    log.event(
                        hour,
                        EventKind::Stockout,
                        Some(&info.id),
                        Some(&stock.spec.item),
                        None,
                        "",
                    );
                }
            }
            if let Some(l) = stock.refill_lifeline()
                && served[l.index()]
                && stock.quantity < stock.spec.quantity
            {
                let added = stock.spec.quantity - stock.quantity;
                stock.quantity = stock.spec.quantity;
                agency.stocks_changed = true;
                log.event(
                    hour,
                    EventKind::Resupplied,
                    Some(&info.id),
                    Some(&stock.spec.item),
                    Some(added),
                    "refill",
                );
            }
        }
    }
}
