//! The time series of a run: one row per step and agency (`timeseries.csv`), with the stock
//! quantities kept beside the rows in one flat table rather than a map in every row.

use serde::Serialize;

/// The fixed columns of `timeseries.csv` before the lifelines (one per [`StepRow`] field).
pub const TIMESERIES_LEADING: [&str; 11] = [
    "step",
    "hour",
    "day",
    "clock_hour",
    "agency",
    "bcp_active",
    "plan_attendance",
    "present",
    "on_duty",
    "attendance",
    "permitted_categories",
];

/// The fixed columns of `timeseries.csv` after the lifelines (one per `Lifeline::ALL` key, in
/// that order), before the stocks.
pub const TIMESERIES_TRAILING: [&str; 13] = [
    "mobile_network",
    "toilets_usable",
    "calls",
    "failed_calls",
    "visits",
    "urgent_visits",
    "confirmed",
    "class_a_unconfirmed",
    "class_b_unconfirmed",
    "class_c_unconfirmed",
    "open_demands",
    "depleted_patients",
    "plan_stock",
];

/// A stock item's column of `timeseries.csv` is this prefix and the item id.
pub const STOCK_COLUMN_PREFIX: &str = "stock_";

/// Every column of `timeseries.csv` for these stock items, in order (names as they are,
/// before any CSV quoting).
pub fn timeseries_columns(stock_items: &[String]) -> Vec<String> {
    TIMESERIES_LEADING
        .iter()
        .map(|c| c.to_string())
        .chain(
            crate::scenario::Lifeline::ALL
                .iter()
                .map(|l| l.key().to_string()),
        )
        .chain(TIMESERIES_TRAILING.iter().map(|c| c.to_string()))
        .chain(
            stock_items
                .iter()
                .map(|i| format!("{STOCK_COLUMN_PREFIX}{i}")),
        )
        .collect()
}

/// One agency's state at the end of one step: a row of `timeseries.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepRow {
    pub step: u32,
    /// Hours after onset at the start of the step.
    pub hour: u32,
    /// Day after onset (0 = the day of the onset, counted in 24 h from the onset).
    pub day: u32,
    /// Clock hour at the start of the step (0–23).
    pub clock_hour: u32,
    pub agency: String,
    pub bcp_active: bool,
    /// The plan curve's attendance share at this hour.
    pub plan_attendance: f64,
    /// The plan's assumed stock level (`stock_curve`) at this hour.
    pub plan_stock: f64,
    /// Staff present (came in and not absent), resting or not.
    pub present: u32,
    /// Staff working this step.
    pub on_duty: u32,
    /// `present` divided by the normal daily staff (W).
    pub attendance: f64,
    /// Number of care categories permitted this step (0–5).
    pub permitted_categories: u32,
    /// Lifeline level at the agency's zone, 0–1, in `Lifeline::ALL` order.
    pub lifelines: [f64; 9],
    /// Mobile network usable at the agency (telecom voice and base stations powered).
    pub mobile_network: bool,
    pub toilets_usable: bool,
    pub calls: u32,
    pub failed_calls: u32,
    pub visits: u32,
    pub urgent_visits: u32,
    /// Patients confirmed so far, and patients of each priority class not yet confirmed.
    pub confirmed: u32,
    pub class_a_unconfirmed: u32,
    pub class_b_unconfirmed: u32,
    pub class_c_unconfirmed: u32,
    /// Open (demanded, not yet served) care demands at the end of the step.
    pub open_demands: u32,
    /// Patients at zero battery without power during this step.
    pub depleted_patients: u32,
    // The stock quantities are in the `Timeseries` holding the row.
}

/// A run's time series: one [`StepRow`] per step and agency, in step order then agency order,
/// and each row's stock quantities in a flat table beside the rows (a run records tens of
/// thousands of cells; a map of item ids in every row cost more than the rest of the row).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeseries {
    rows: Vec<StepRow>,
    /// The stock items of the region, sorted: those an agency does not hold are empty cells.
    items: Vec<String>,
    /// Row by row, one cell per item of `items`: the quantity at the end of the step, or none
    /// where the row's agency does not hold the item.
    stocks: Vec<Option<f64>>,
}

impl Timeseries {
    /// An empty time series of a region holding these stock items (sorted, no repeats).
    pub fn new(items: Vec<String>) -> Timeseries {
        debug_assert!(items.windows(2).all(|w| w[0] < w[1]));
        Timeseries {
            rows: Vec::new(),
            items,
            stocks: Vec::new(),
        }
    }

    /// Appends a row and the quantities its agency holds, each by its item's place in
    /// [`Timeseries::items`]; a place outside it is ignored.
    pub fn push(&mut self, row: StepRow, held: impl IntoIterator<Item = (usize, f64)>) {
        let start = self.stocks.len();
        self.stocks.resize(start + self.items.len(), None);
        let cells = &mut self.stocks[start..];
        for (item, quantity) in held {
            if let Some(cell) = cells.get_mut(item) {
                *cell = Some(quantity);
            }
        }
        self.rows.push(row);
    }

    pub fn rows(&self) -> &[StepRow] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The stock items that get a column of `timeseries.csv`: every item an agency holds,
    /// sorted; none when there are no rows.
    pub fn items(&self) -> &[String] {
        if self.rows.is_empty() {
            &[]
        } else {
            &self.items
        }
    }

    /// Row `row`'s stock quantities, one cell per item of [`Timeseries::items`].
    pub fn stocks_of(&self, row: usize) -> &[Option<f64>] {
        let n = self.items.len();
        self.stocks.get(row * n..(row + 1) * n).unwrap_or(&[])
    }

    /// Each row with its stock cells.
    pub fn iter(&self) -> impl Iterator<Item = (&StepRow, &[Option<f64>])> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, row)| (row, self.stocks_of(i)))
    }
}

/// Serialized as a sequence of rows, each with its `stocks`: a map from item id to quantity of
/// the items its agency holds.
impl Serialize for Timeseries {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|(row, cells)| RowWithStocks {
            row,
            stocks: HeldStocks {
                items: &self.items,
                cells,
            },
        }))
    }
}

#[derive(Serialize)]
struct RowWithStocks<'a> {
    #[serde(flatten)]
    row: &'a StepRow,
    stocks: HeldStocks<'a>,
}

struct HeldStocks<'a> {
    items: &'a [String],
    cells: &'a [Option<f64>],
}

impl Serialize for HeldStocks<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let held = self.items.iter().zip(self.cells);
        serializer.collect_map(held.filter_map(|(item, q)| q.map(|q| (item, q))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(step: u32) -> StepRow {
        StepRow {
            step,
            hour: step,
            day: 0,
            clock_hour: step,
            agency: "a".into(),
            bcp_active: true,
            plan_attendance: 0.0,
            plan_stock: 1.0,
            present: 0,
            on_duty: 0,
            attendance: 0.0,
            permitted_categories: 5,
            lifelines: [1.0; 9],
            mobile_network: true,
            toilets_usable: true,
            calls: 0,
            failed_calls: 0,
            visits: 0,
            urgent_visits: 0,
            confirmed: 0,
            class_a_unconfirmed: 0,
            class_b_unconfirmed: 0,
            class_c_unconfirmed: 0,
            open_demands: 0,
            depleted_patients: 0,
        }
    }

    #[test]
    fn each_row_keeps_its_own_cells_and_unheld_items_are_empty() {
        let mut t = Timeseries::new(vec!["fuel".into(), "meals".into(), "water".into()]);
        assert!(t.items().is_empty(), "no rows, no stock columns");
        t.push(row(0), [(2, 41.0), (1, 81.0)]);
        t.push(row(1), [(0, 40.0), (7, 1.0)]);
        assert_eq!(t.len(), 2);
        assert_eq!(t.items(), ["fuel", "meals", "water"]);
        assert_eq!(t.stocks_of(0), [None, Some(81.0), Some(41.0)]);
        // Place 7 is outside the three items: ignored.
        assert_eq!(t.stocks_of(1), [Some(40.0), None, None]);
        assert_eq!(t.stocks_of(2), []);
        let steps: Vec<u32> = t.iter().map(|(r, _)| r.step).collect();
        assert_eq!(steps, [0, 1]);
    }

    #[test]
    fn serializes_as_rows_each_with_a_map_of_the_stocks_held() {
        let mut t = Timeseries::new(vec!["fuel".into(), "meals".into()]);
        t.push(row(3), [(1, 2.5)]);
        let json = serde_json::to_value(&t).unwrap();
        let rows = json.as_array().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["step"], 3);
        assert_eq!(rows[0]["permitted_categories"], 5);
        assert_eq!(rows[0]["stocks"], serde_json::json!({"meals": 2.5}));
    }
}
