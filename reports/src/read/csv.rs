//! The CSV files of an output directory parsed back: a run's `timeseries.csv` and a batch's
//! `runs.csv`, as [`crate::files`] writes them. Nothing here panics on bad input.

use std::path::Path;

use bcpsim_engine::batch::RunRow;
use bcpsim_engine::outcome::STOCK_COLUMN_PREFIX;
use bcpsim_engine::scenario::Lifeline;

use super::{MAX_FIGURE, ReadError, ReadErrorKind, StepRow};

/// Parses `timeseries.csv`: the stock item ids (from the `stock_<item>` columns) and the rows.
pub fn parse_timeseries(path: &Path, text: &str) -> Result<(Vec<String>, Vec<StepRow>), ReadError> {
    if text.is_empty() || !text.ends_with('\n') {
        return Err(ReadError::new(path, ReadErrorKind::Truncated));
    }
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| -> Result<usize, ReadError> {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| ReadError::malformed(path, Some(1), format!("no column `{name}`")))
    };
    let hour = col("hour")?;
    let agency = col("agency")?;
    let plan = col("plan_attendance")?;
    let present = col("present")?;
    let attendance = col("attendance")?;
    let confirmed = col("confirmed")?;
    let class_a = col("class_a_unconfirmed")?;
    let optional = |name: &str| header.iter().position(|h| *h == name);
    let (class_b, class_c) = (
        optional("class_b_unconfirmed"),
        optional("class_c_unconfirmed"),
    );
    let depleted = col("depleted_patients")?;
    let plan_stock = optional("plan_stock");
    let mut lifeline_cols = [0usize; 9];
    for (i, l) in Lifeline::ALL.iter().enumerate() {
        lifeline_cols[i] = col(l.key())?;
    }
    let stock_cols: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            h.strip_prefix(STOCK_COLUMN_PREFIX)
                .map(|s| (i, s.to_string()))
        })
        .collect();

    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        let line_no = n + 2;
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() != header.len() {
            return Err(ReadError::malformed(
                path,
                Some(line_no),
                format!("{} columns, header has {}", fields.len(), header.len()),
            ));
        }
        let bad = |name: &str, v: &str| {
            ReadError::malformed(path, Some(line_no), format!("`{name}` = `{v}`"))
        };
        let int = |i: usize| -> Result<u32, ReadError> {
            fields[i].parse().map_err(|_| bad(header[i], fields[i]))
        };
        let float = |i: usize| -> Result<f64, ReadError> {
            match fields[i].parse::<f64>() {
                Ok(v) if v.abs() <= MAX_FIGURE => Ok(v),
                _ => Err(bad(header[i], fields[i])),
            }
        };
        let mut lifelines = [0.0; 9];
        for (i, c) in lifeline_cols.iter().enumerate() {
            lifelines[i] = float(*c)?;
        }
        let mut stocks = Vec::with_capacity(stock_cols.len());
        for (c, _) in &stock_cols {
            stocks.push(if fields[*c].is_empty() {
                None
            } else {
                Some(float(*c)?)
            });
        }
        rows.push(StepRow {
            hour: int(hour)?,
            agency: fields[agency].to_string(),
            plan_attendance: float(plan)?,
            present: int(present)?,
            attendance: float(attendance)?,
            lifelines,
            confirmed: int(confirmed)?,
            class_a_unconfirmed: int(class_a)?,
            class_b_unconfirmed: class_b.map(int).transpose()?,
            class_c_unconfirmed: class_c.map(int).transpose()?,
            depleted_patients: int(depleted)?,
            plan_stock: plan_stock.map(float).transpose()?,
            stocks,
        });
    }
    Ok((stock_cols.into_iter().map(|(_, s)| s).collect(), rows))
}

/// Parses `runs.csv` (at `path`, named in errors) as written by
/// [`crate::files::render_runs_csv`].
pub fn parse_runs_csv(path: &Path, text: &str) -> Result<(Vec<String>, Vec<RunRow>), ReadError> {
    let mut lines = text.lines();
    let header = lines
        .next()
        .ok_or_else(|| ReadError::malformed(path, None, "empty file"))?;
    let mut names = header.split(',');
    if names.next() != Some("run") {
        return Err(ReadError::malformed(
            path,
            None,
            "the first column must be `run`",
        ));
    }
    let metric_names: Vec<String> = names.map(str::to_string).collect();
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate() {
        let mut cells = line.split(',');
        let line_no = i + 2;
        // The detail repeats the line, as these messages always have.
        let bad = |detail: String| {
            ReadError::malformed(path, Some(line_no), format!("line {line_no}: {detail}"))
        };
        let run = cells
            .next()
            .and_then(|c| c.parse::<u64>().ok())
            .ok_or_else(|| bad("a run number is expected".into()))?;
        let values = cells
            .map(|c| {
                if c.is_empty() {
                    return Ok(None);
                }
                match c.parse::<f64>() {
                    Ok(x) if x.is_finite() => Ok(Some(x)),
                    _ => Err(bad(format!("`{c}` is not a finite number"))),
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        if values.len() != metric_names.len() {
            return Err(bad(format!(
                "{} values for {} metrics",
                values.len(),
                metric_names.len()
            )));
        }
        rows.push(RunRow {
            run,
            values: values.into(),
        });
    }
    Ok((metric_names, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::{batch_fixture, render_runs_csv};

    #[test]
    fn runs_csv_round_trips_exactly() {
        let d = batch_fixture();
        let text = render_runs_csv(&d);
        assert_eq!(
            text,
            "run,critical.battery_depleted_patients,stocks.water_2l.stockout_hour\n0,3,\n1,0.30000000000000004,0\n"
        );
        let (names, rows) = parse_runs_csv(Path::new("runs.csv"), &text).unwrap();
        assert_eq!(names, d.metric_names);
        assert_eq!(
            rows[1].values.get(0).unwrap().to_bits(),
            (0.1f64 + 0.2).to_bits()
        );
        assert_eq!(rows[0].values.get(1), None);
    }

    #[test]
    fn malformed_runs_csv_is_an_error_not_a_panic() {
        assert!(parse_runs_csv(Path::new("runs.csv"), "").is_err());
        assert!(parse_runs_csv(Path::new("runs.csv"), "x,a\n").is_err());
        assert!(parse_runs_csv(Path::new("runs.csv"), "run,a\n0,1,2\n").is_err());
        assert!(parse_runs_csv(Path::new("runs.csv"), "run,a\nzero,1\n").is_err());
        assert!(parse_runs_csv(Path::new("runs.csv"), "run,a\n0,one\n").is_err());
    }
}
