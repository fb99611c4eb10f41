//! What a report says, apart from how it is written: the run, batch and comparison reports
//! all fill a [`Document`], and the HTML and Markdown writers render any of them.

use crate::charts::ChartSpec;

use super::{KeyFigure, Table};

/// A report's content, in reading order.
#[derive(Debug, Clone)]
pub struct Document {
    /// The `<h1>` (and the start of the page title).
    pub title: String,
    /// What the report is about (the scenario's name), the end of the page title.
    pub subject: String,
    /// The scenario and plan in one paragraph.
    pub paragraph: String,
    /// Key figures, most critical first (label, value).
    pub key_figures: Vec<KeyFigure>,
    /// Tables in the key-figures section, after the figures (a comparison's per variant), each
    /// with a CSS class and a sentence before it.
    pub key_tables: Vec<KeyTable>,
    /// Charts with the caption that says how to read them.
    pub charts: Vec<(ChartSpec, String)>,
    /// Where the plan's assumptions differ from the simulation.
    pub assumptions: Option<Assumptions>,
    pub footer: String,
}

#[derive(Debug, Clone)]
pub struct KeyTable {
    pub class: &'static str,
    pub lead: String,
    pub table: Table,
}

/// The plan's own assumptions against the simulation.
#[derive(Debug, Clone)]
pub struct Assumptions {
    /// A sentence about the worst moment.
    pub sentence: String,
    /// Tables with their CSS class (`attendance`, `stocks`).
    pub tables: Vec<(&'static str, Table)>,
    /// A note after the tables, if any.
    pub note: Option<String>,
}
