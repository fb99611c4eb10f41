use bevy_ecs::prelude::Resource;

use crate::outcome::{EventKind, EventRecord, RunTotals, Timeseries};
use crate::scenario::ScheduledEvent;

/// The run's records: events and time-series rows, kept only when asked for.
#[derive(Debug, Clone, Resource, Default)]
pub struct Log {
    pub record_events: bool,
    pub record_timeseries: bool,
    pub events: Vec<EventRecord>,
    pub timeseries: Timeseries,
    pub record_totals: bool,
    pub totals: RunTotals,
    /// `RunOptions::summary_details`, read when the run is summarized.
    pub summary_details: bool,
    /// Every stock item id held by any agency, sorted (the order of `RunTotals`' stocks).
    /// Per item, its region total this step (scratch of `record`).
    pub stock_totals: Vec<f64>,
    pub stock_items: Vec<String>,
    /// What each agency holds of each item as of the last step (item by item, agencies in
    /// order within an item; 0 for an item an agency does not hold): `record` adds an item's
    /// column again only when some agency's quantity of it changed.
    pub stock_held: Vec<f64>,
    /// Per item: some agency's quantity changed this step (scratch of `record`).
    pub stock_changed: Vec<bool>,
}

impl Log {
    pub fn event(
        &mut self,
        hour: u32,
        kind: EventKind,
        agency: Option<&str>,
        subject: Option<&str>,
        value: Option<f64>,
        note: &str,
    ) {
        if self.record_events {
            self.events.push(EventRecord {
                hour,
                kind,
                agency: agency.map(str::to_string),
                subject: subject.map(str::to_string),
                value,
                note: note.to_string(),
            });
        }
    }
}

/// Scheduled events not yet applied, in hour order (stable for equal hours).
#[derive(Debug, Clone, Resource, Default)]
pub struct PendingEvents {
    pub events: Vec<ScheduledEvent>,
    pub next: usize,
}
