//! What a run produces: a summary (the headline figures of docs/model.md, for the region and per
//! agency), a time series (one row per step and agency) and an event log. Plain data, so the
//! reports crate can write it and batches can aggregate it; no `Entity` ever appears here.

pub mod catalogue;
mod metrics;
mod timeseries;

pub use timeseries::{
    STOCK_COLUMN_PREFIX, StepRow, TIMESERIES_LEADING, TIMESERIES_TRAILING, Timeseries,
    timeseries_columns,
};

pub use metrics::{
    Activation, AttendancePoint, ClassChecks, Critical, DemandCount, FinanceSummary, Metrics,
    MutualAid, SafetyChecks, StaffSummary, StockSummary, Visits,
};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::scenario::Weekday;

/// Everything one run produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunResult {
    pub summary: Summary,
    /// One row per step and agency, in step order then agency order (empty when not recorded).
    pub timeseries: Timeseries,
    /// What happened, in the order it happened (empty when not recorded).
    pub events: Vec<EventRecord>,
    /// Region-wide totals per step, for a batch's bands (empty when not recorded).
    #[serde(skip)]
    pub totals: RunTotals,
    /// The stock item ids of `totals`, sorted.
    #[serde(skip)]
    pub stock_items: Vec<String>,
}

/// Region-wide figures of every step, kept compact for batches: a batch folds them into
/// per-step distributions and drops them. Flat vectors, one value a step, stocks item by item
/// (each item's steps side by side), so a run's totals are three allocations and a chunk of
/// runs is read item by item, in order, when its bands are built.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunTotals {
    /// Stock items a step (`RunResult::stock_items`).
    items: usize,
    /// Steps each item has room for in `stocks`.
    room: usize,
    /// Staff present, all agencies.
    present: Vec<u32>,
    /// Patients confirmed so far, all agencies.
    confirmed: Vec<u32>,
    /// Quantity of each stock item summed over agencies, in `RunResult::stock_items` order:
    /// item `k` at step `t` is at `k × room + t`.
    stocks: Vec<f64>,
    /// The last steps, whose stocks are those of the step before them and not yet written
    /// ([`RunTotals::push_same_stocks`]); written when stocks are next pushed or by
    /// [`RunTotals::finish`], before anything reads them.
    unwritten: usize,
}

impl RunTotals {
    /// Empty totals for `items` stock items, with room for `steps` steps.
    pub fn new(items: usize, steps: usize) -> RunTotals {
        RunTotals {
            items,
            room: steps,
            present: Vec::with_capacity(steps),
            confirmed: Vec::with_capacity(steps),
            stocks: vec![0.0; items * steps],
            unwritten: 0,
        }
    }

    /// Adds a step whose stocks are those of the step before (a quiet step changes none):
    /// nothing is written for them until stocks are pushed again or the totals are finished.
    pub fn push_same_stocks(&mut self, present: u32, confirmed: u32) {
        let t = self.present.len();
        if t == 0 || t >= self.room {
            // No step before, or no room left: written out as any step.
            self.finish();
            let last: Vec<f64> = (0..self.items)
                .map(|k| self.stock(t.wrapping_sub(1), k).unwrap_or(0.0))
                .collect();
            self.push(present, confirmed, &last);
            return;
        }
        self.present.push(present);
        self.confirmed.push(confirmed);
        self.unwritten += 1;
    }

    /// Writes the stocks of the steps added by [`RunTotals::push_same_stocks`]: each item's
    /// quantity of the step before them.
    pub fn finish(&mut self) {
        let n = std::mem::take(&mut self.unwritten);
        let end = self.present.len();
        if n == 0 || end <= n {
            return;
        }
        let from = end - n;
        for column in self.stocks.chunks_exact_mut(self.room.max(1)) {
            let last = column[from - 1];
            column[from..end].fill(last);
        }
    }

    /// Adds a step: staff present, patients confirmed, and each stock item's quantity.
    pub fn push(&mut self, present: u32, confirmed: u32, stocks: &[f64]) {
        debug_assert_eq!(stocks.len(), self.items);
        self.finish();
        let t = self.present.len();
        if t >= self.room {
            // More steps than planned for: every item gets twice the room.
            let room = (2 * self.room).max(t + 1);
            let mut wider = vec![0.0; self.items * room];
            for k in 0..self.items {
                wider[k * room..k * room + t]
                    .copy_from_slice(&self.stocks[k * self.room..k * self.room + t]);
            }
            self.stocks = wider;
            self.room = room;
        }
        // Item by item: each item's steps are a column of `room` (never 0 here).
        for (column, &q) in self.stocks.chunks_exact_mut(self.room.max(1)).zip(stocks) {
            if let Some(at) = column.get_mut(t) {
                *at = q;
            }
        }
        self.present.push(present);
        self.confirmed.push(confirmed);
    }

    pub fn steps(&self) -> usize {
        self.present.len()
    }

    pub fn present(&self, step: usize) -> Option<u32> {
        self.present.get(step).copied()
    }

    pub fn confirmed(&self, step: usize) -> Option<u32> {
        self.confirmed.get(step).copied()
    }

    /// Staff present, step by step.
    pub fn present_series(&self) -> &[u32] {
        &self.present
    }

    /// Patients confirmed, step by step.
    pub fn confirmed_series(&self) -> &[u32] {
        &self.confirmed
    }

    /// Stock item `item`'s quantity, step by step (empty for an item the run does not have).
    pub fn stock_series(&self, item: usize) -> &[f64] {
        debug_assert_eq!(
            self.unwritten, 0,
            "stocks read before the totals were finished"
        );
        if item >= self.items {
            return &[];
        }
        let start = item * self.room;
        self.stocks.get(start..start + self.steps()).unwrap_or(&[])
    }

    /// Stock item `item`'s quantity at `step`.
    pub fn stock(&self, step: usize, item: usize) -> Option<f64> {
        debug_assert_eq!(
            self.unwritten, 0,
            "stocks read before the totals were finished"
        );
        if item >= self.items || step >= self.steps() {
            return None;
        }
        self.stocks.get(item * self.room + step).copied()
    }
}

/// The run's summary: `summary.json`. Region-wide metrics at the top level, the same metrics
/// per agency under `agencies`. Read back as it is written (`Deserialize`), with the fields files of this format version
/// did not always hold defaulted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Version of this output format; readers refuse other versions.
    pub format_version: u32,
    pub scenario: String,
    pub seed: u64,
    pub run: u64,
    pub horizon_hours: u32,
    /// The hour the run stopped at when it stopped before the horizon (an exercise session
    /// replayed to where the room left it); absent for a finished run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_at_hour: Option<u32>,
    pub step_hours: u32,
    /// Weekday and clock hour (0–23) of the onset, so readers can show clock times.
    pub onset_weekday: Weekday,
    pub onset_hour: u32,
    #[serde(flatten)]
    pub region: Metrics,
    #[serde(default)]
    pub agencies: BTreeMap<String, Metrics>,
    /// The critical figures per zone, by where patients live (regional BCP).
    #[serde(default)]
    pub zones: BTreeMap<String, ZoneMetrics>,
    /// Every power-dependent patient's battery margin over the run, in agency then patient
    /// order: how close each came to running out.
    #[serde(default)]
    pub battery_margins: Vec<BatteryMargin>,
    /// Lines of `events.jsonl` (events recorded), so a reader can tell a cut log; null when
    /// events were not recorded.
    #[serde(default)]
    pub event_count: Option<u64>,
}

/// How close one power-dependent patient came to running out of battery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatteryMargin {
    pub patient: String,
    pub agency: String,
    /// Priority class key (`a`, `b`, `c`).
    pub class: String,
    /// Reserve of the weakest device without power at the start (battery, spare battery, the
    /// household's backup), in hours.
    pub capacity_hours: f64,
    /// The lowest battery left at the end of a step without power (the full capacity if the
    /// patient never lost power).
    pub lowest_battery_hours: f64,
    pub hours_without_power: u32,
    /// Hours spent at zero battery without power.
    pub depleted_hours: u32,
    /// The first hour the battery ran out; null if it never did.
    pub first_depleted_hour: Option<u32>,
}

/// The critical figures for the patients living in one zone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ZoneMetrics {
    pub patients: u32,
    #[serde(flatten)]
    pub critical: Critical,
}

/// The current version of the output files' format.
pub const OUTPUT_FORMAT_VERSION: u32 = 1;

/// One line of `events.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    pub hour: u32,
    pub kind: EventKind,
    /// The agency concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// The zone, staff member, patient or item concerned, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// A number that goes with the event (a level, a quantity, hours), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Free text from the scenario (an event's note), if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Kinds of event, written in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A scheduled event's effect was applied (`note` says which).
    ScheduledEvent,
    /// A lifeline's level in a zone changed (`subject` = "zone/lifeline", `value` = new level).
    LifelineChanged,
    /// The mobile network in a zone failed because base-station batteries ran out.
    MobileNetworkLost,
    BcpActivated,
    BcpReleased,
    /// A staff member arrived at the agency (`value` = hours travelled).
    StaffArrived,
    /// A staff member became unable to work (`note` says why).
    StaffAbsent,
    StaffReturned,
    /// A patient was confirmed safe (`note` = "call" or "visit").
    PatientConfirmed,
    /// A visit brought power to a power-dependent patient.
    PowerBrought,
    /// A patient's device battery ran out without power.
    BatteryDepleted,
    /// A patient's power came back after depletion.
    PowerRestored,
    /// The home-oxygen supplier brought cylinders to a patient.
    OxygenDelivered,
    PatientMoved,
    /// A stock item ran out while still needed.
    Stockout,
    Resupplied,
    /// A staff member was sent to work for another agency (`agency` = the receiving agency,
    /// `value` = hour of arrival).
    StaffSent,
    /// A patient was put first in the safety-check order.
    CheckPrioritized,
    /// A loan of staff under an agreement ended (`agency` = the lender, `note` = the borrower).
    LoanEnded,
    /// A patient was handed over to a partner (`agency`), who visits from hour `value`.
    PatientHandedOver,
    /// A supplier sent `value` units of an item (`subject`) to `agency` under an agreement
    /// (`note`); they arrive as a `resupplied` event.
    SupplySent,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Steps pushed with the stocks of the step before read as if each had been pushed in full:
    /// two items at (1, 2), two quiet steps, (3, 4), one quiet step, give 1 1 1 3 3 and
    /// 2 2 2 4 4 once finished; quiet steps past the room planned for (2 steps) grow it.
    #[test]
    fn quiet_steps_read_as_the_step_before_them() {
        let mut totals = RunTotals::new(2, 8);
        totals.push(9, 0, &[1.0, 2.0]);
        totals.push_same_stocks(9, 1);
        totals.push_same_stocks(8, 1);
        totals.push(8, 2, &[3.0, 4.0]);
        totals.push_same_stocks(7, 3);
        totals.finish();
        assert_eq!(totals.stock_series(0), [1.0, 1.0, 1.0, 3.0, 3.0]);
        assert_eq!(totals.stock_series(1), [2.0, 2.0, 2.0, 4.0, 4.0]);
        assert_eq!(totals.present_series(), [9, 9, 8, 8, 7]);
        assert_eq!(totals.confirmed_series(), [0, 1, 1, 2, 3]);
        let mut small = RunTotals::new(1, 2);
        small.push(1, 0, &[5.0]);
        for _ in 0..3 {
            small.push_same_stocks(1, 0);
        }
        small.finish();
        assert_eq!(small.stock_series(0), [5.0; 4]);
        let mut whole = RunTotals::new(1, 2);
        for _ in 0..4 {
            whole.push(1, 0, &[5.0]);
        }
        assert_eq!(small.stock_series(0), whole.stock_series(0));
    }

    #[test]
    fn a_summary_reads_back_as_it_was_written() {
        // The generated region has hour-keyed maps (attendance_at) inside the flattened
        // region metrics, agencies and zones: every part of the contract.
        let scenario = crate::samples::generated_region(2, 10, 3);
        let summary = crate::simulate(&scenario, 7, 0, crate::RunOptions::SUMMARY_ONLY).summary;
        assert!(!summary.region.staff.attendance_at.is_empty());
        let json = serde_json::to_string_pretty(&summary).unwrap();
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, summary);
        // A key that is not an hour is named.
        let bad = json.replacen("\"0\": {", "\"zero\": {", 1);
        let err = serde_json::from_str::<Summary>(&bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("`zero` is not an hour"), "{err}");
    }
}

#[cfg(test)]
mod totals_tests {
    use super::RunTotals;

    #[test]
    fn totals_read_back_what_was_pushed_beyond_the_room_planned() {
        // Room for one step, three pushed: the items are laid out again, values kept.
        let mut totals = RunTotals::new(2, 1);
        for t in 0..3 {
            let t = t as f64;
            totals.push(t as u32, 10 + t as u32, &[t, 100.0 + t]);
        }
        assert_eq!(totals.steps(), 3);
        assert_eq!(totals.present(2), Some(2));
        assert_eq!(totals.confirmed(1), Some(11));
        assert_eq!(totals.stock(0, 1), Some(100.0));
        assert_eq!(totals.stock(2, 0), Some(2.0));
        assert_eq!(totals.stock(2, 1), Some(102.0));
        assert_eq!(totals.stock(3, 0), None, "no fourth step");
        assert_eq!(totals.stock(0, 2), None, "no third item");
    }
}
