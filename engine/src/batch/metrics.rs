//! A run's summary as a flat list of named numbers (`critical.battery_depleted_patients`,
//! `stocks.water_2l.stockout_hour`, …): the columns of `runs.csv` and the metrics a batch
//! describes and a comparison pairs. What each metric is (names, unit, better direction, what
//! a null means) is the engine's metric catalogue (`outcome::catalogue`).
//!
//! The names are the summary's JSON paths joined by dots; numbers are metrics, a null is a
//! missing value, and text, booleans and lists are labels, not metrics. The summary is walked
//! by its own `Serialize`, without building a JSON tree: a batch flattens every run.

use std::fmt::Write;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::outcome::Summary;

pub use crate::outcome::catalogue::{Direction, direction, null_means_never};

/// The region's metrics of `summary`, as (dotted name, value) sorted by name. `None` stands
/// for a JSON null (e.g. a stock that never ran out).
pub fn flatten(summary: &Summary) -> Vec<(String, Option<f64>)> {
    let mut out = leaves(summary);
    // Stable: names are unique (struct fields, and keys of one map), so order is by name.
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The metrics of `summary` in the order its `Serialize` gives them.
fn leaves(summary: &Summary) -> Vec<(String, Option<f64>)> {
    let mut out = Vec::new();
    let mut walk = Walk::new(Sink::Named(&mut out));
    if summary.region.serialize(&mut walk).is_err() {
        // What a summary that is no JSON object flattens to: one unnamed null.
        return vec![(String::new(), None)];
    }
    out
}

/// The columns of one run's metrics, for reading the metrics of other runs of the same
/// scenario without naming each again: the names, sorted, and where each metric falls among
/// them in the order the summary gives them.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Dotted names in the summary's own order.
    paths: Vec<String>,
    /// For each of `paths`: its place among the sorted names.
    column: Vec<usize>,
    /// Dotted names, sorted: what [`flatten`] gives.
    names: Vec<String>,
}

impl Columns {
    /// The columns of `summary`'s metrics.
    pub fn of(summary: &Summary) -> Columns {
        let paths: Vec<String> = leaves(summary).into_iter().map(|(k, _)| k).collect();
        let mut order: Vec<usize> = (0..paths.len()).collect();
        order.sort_by(|&i, &j| paths[i].cmp(&paths[j]));
        let mut column = vec![0; paths.len()];
        for (sorted, &k) in order.iter().enumerate() {
            column[k] = sorted;
        }
        let names = order.iter().map(|&k| paths[k].clone()).collect();
        Columns {
            paths,
            column,
            names,
        }
    }

    /// The metric names, sorted.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// `summary`'s metric values in the order of [`Columns::names`], as [`flatten`] gives
    /// them; `None` when its metrics are not exactly these (another stock, another class).
    pub fn values(&self, summary: &Summary) -> Option<Vec<Option<f64>>> {
        let mut values = vec![None; self.paths.len()];
        let mut walk = Walk::new(Sink::Known {
            columns: self,
            next: 0,
            values: &mut values,
        });
        summary.region.serialize(&mut walk).ok()?;
        match walk.sink {
            Sink::Known { next, .. } if next == self.paths.len() => Some(values),
            _ => None,
        }
    }
}

/// Where the metrics go.
enum Sink<'a> {
    /// Each with its name.
    Named(&'a mut Vec<(String, Option<f64>)>),
    /// Into their columns, each name checked against the one expected next.
    Known {
        columns: &'a Columns,
        next: usize,
        values: &'a mut Vec<Option<f64>>,
    },
}

/// A serializer that walks a summary, keeping the dotted path to where it is.
struct Walk<'a> {
    path: String,
    /// Where the path stood before each open map key.
    marks: Vec<usize>,
    /// Inside a list (however deep): nothing in it is a metric.
    in_list: u32,
    sink: Sink<'a>,
}

impl<'a> Walk<'a> {
    fn new(sink: Sink<'a>) -> Walk<'a> {
        Walk {
            path: String::with_capacity(96),
            marks: Vec::new(),
            in_list: 0,
            sink,
        }
    }

    fn leaf(&mut self, value: Option<f64>) -> Result<(), Stop> {
        if self.in_list > 0 {
            return Ok(());
        }
        match &mut self.sink {
            Sink::Named(out) => out.push((self.path.clone(), value)),
            Sink::Known {
                columns,
                next,
                values,
            } => {
                if columns.paths.get(*next) != Some(&self.path) {
                    return Err(Stop);
                }
                values[columns.column[*next]] = value;
                *next += 1;
            }
        }
        Ok(())
    }

    /// Goes one level down, into `key`; returns where the path stood.
    fn enter(&mut self, key: &str) -> usize {
        let mark = self.path.len();
        if mark > 0 {
            self.path.push('.');
        }
        self.path.push_str(key);
        mark
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Stop> {
        let mark = self.enter(key);
        value.serialize(&mut *self)?;
        self.path.truncate(mark);
        Ok(())
    }

    fn in_a_list<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        self.in_list += 1;
        value.serialize(&mut *self)?;
        self.in_list -= 1;
        Ok(())
    }
}

/// The walk stops: a key that is no text or number, or (reading known columns) a metric not
/// where the columns have it.
#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a flat metric")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

/// A JSON number as the summary's JSON would hold it: finite floats and integers; JSON has
/// no NaN or infinity, they are written as null.
fn number(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

impl<'w, 'a> ser::Serializer for &'w mut Walk<'a> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, _: bool) -> Result<(), Stop> {
        Ok(())
    }
    // Narrower integers as their 64-bit kin (every one of them is exact in f64), as the key
    // serializer below does.
    fn serialize_i8(self, v: i8) -> Result<(), Stop> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Stop> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Stop> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Stop> {
        self.leaf(Some(v as f64))
    }
    fn serialize_i128(self, v: i128) -> Result<(), Stop> {
        // JSON numbers of this walk are 64-bit, as `serde_json`'s.
        self.serialize_i64(i64::try_from(v).map_err(|_| Stop)?)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Stop> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Stop> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Stop> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Stop> {
        self.leaf(Some(v as f64))
    }
    fn serialize_u128(self, v: u128) -> Result<(), Stop> {
        self.serialize_u64(u64::try_from(v).map_err(|_| Stop)?)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Stop> {
        self.leaf(number(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Stop> {
        self.leaf(number(v))
    }
    fn serialize_char(self, _: char) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_str(self, _: &str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Stop> {
        self.leaf(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        self.leaf(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        self.leaf(None)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Stop> {
        // Written as its name: a label.
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        self.field(variant, value)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Stop> {
        // `{variant: [...]}`: a list, nothing in it a metric.
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Stop> {
        // `{variant: {fields}}`: the fields under the variant's name, closed by `end`.
        let mark = self.enter(variant);
        self.marks.push(mark);
        Ok(self)
    }
}

/// The four kinds of list: their elements are walked with nothing in them a metric.
macro_rules! walk_list {
    ($($kind:ident :: $element:ident),*) => {$(
        impl ser::$kind for &mut Walk<'_> {
            type Ok = ();
            type Error = Stop;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
                self.in_a_list(value)
            }
            fn end(self) -> Result<(), Stop> {
                Ok(())
            }
        }
    )*};
}

walk_list!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Walk<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        let mark = self.path.len();
        if mark > 0 {
            self.path.push('.');
        }
        key.serialize(KeyText(&mut self.path))?;
        self.marks.push(mark);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        value.serialize(&mut **self)?;
        let mark = self.marks.pop().ok_or(Stop)?;
        self.path.truncate(mark);
        Ok(())
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Walk<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Walk<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Stop> {
        let mark = self.marks.pop().ok_or(Stop)?;
        self.path.truncate(mark);
        Ok(())
    }
}

/// A map key as JSON writes it: text as it is, integers in decimal; anything else stops.
struct KeyText<'p>(&'p mut String);

impl ser::Serializer for KeyText<'_> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Impossible<(), Stop>;
    type SerializeTuple = Impossible<(), Stop>;
    type SerializeTupleStruct = Impossible<(), Stop>;
    type SerializeTupleVariant = Impossible<(), Stop>;
    type SerializeMap = Impossible<(), Stop>;
    type SerializeStruct = Impossible<(), Stop>;
    type SerializeStructVariant = Impossible<(), Stop>;

    fn serialize_bool(self, v: bool) -> Result<(), Stop> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Stop> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Stop> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Stop> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Stop> {
        write!(self.0, "{v}").map_err(|_| Stop)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Stop> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Stop> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Stop> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Stop> {
        write!(self.0, "{v}").map_err(|_| Stop)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_char(self, v: char) -> Result<(), Stop> {
        self.0.push(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Stop> {
        self.0.push_str(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_none(self) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Stop> {
        self.0.push_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Stop> {
        Err(Stop)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Stop> {
        Err(Stop)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::Value;

    use super::*;

    /// What the metrics were defined as: the summary written as JSON, walked.
    fn through_json(value: &impl Serialize) -> Vec<(String, Option<f64>)> {
        fn walk(value: &Value, name: String, out: &mut Vec<(String, Option<f64>)>) {
            match value {
                Value::Object(map) => {
                    for (k, v) in map {
                        let child = if name.is_empty() {
                            k.clone()
                        } else {
                            format!("{name}.{k}")
                        };
                        walk(v, child, out);
                    }
                }
                Value::Number(n) => out.push((name, n.as_f64())),
                Value::Null => out.push((name, None)),
                Value::String(_) | Value::Bool(_) | Value::Array(_) => {}
            }
        }
        let value = serde_json::to_value(value).unwrap_or(Value::Null);
        let mut out = Vec::new();
        walk(&value, String::new(), &mut out);
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn walked(value: &impl Serialize) -> Vec<(String, Option<f64>)> {
        let mut out = Vec::new();
        let mut walk = Walk::new(Sink::Named(&mut out));
        value.serialize(&mut walk).expect("walks");
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[derive(Serialize)]
    enum Shape {
        Label,
        Wrapped(u32),
        Pair(u32, u32),
        Fields { x: f64, y: Option<u32> },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Everything {
        count: u32,
        negative: i64,
        share: f64,
        not_a_number: f64,
        infinite: f32,
        missing: Option<f64>,
        present: Option<u8>,
        flag: bool,
        label: String,
        letter: char,
        list: Vec<BTreeMap<String, u32>>,
        pair: (u32, u32),
        unit: (),
        unit_struct: Unit,
        shapes: Vec<Shape>,
        label_shape: Shape,
        wrapped: Shape,
        pair_shape: Shape,
        fields: Shape,
        by_hour: BTreeMap<u32, f64>,
        by_name: BTreeMap<String, BTreeMap<String, Option<u32>>>,
        empty: BTreeMap<String, u32>,
    }

    #[test]
    fn walks_every_shape_as_its_json_would_be_walked() {
        let by_name = BTreeMap::from([
            (
                "water.2l".to_string(),
                BTreeMap::from([("left".to_string(), Some(3)), ("gone".to_string(), None)]),
            ),
            (
                "a-b".to_string(),
                BTreeMap::from([("x".to_string(), Some(1))]),
            ),
            (
                "a".to_string(),
                BTreeMap::from([("y".to_string(), Some(2))]),
            ),
        ]);
        let value = Everything {
            count: 7,
            negative: -3,
            share: 0.25,
            not_a_number: f64::NAN,
            infinite: f32::INFINITY,
            missing: None,
            present: Some(4),
            flag: true,
            label: "L".into(),
            letter: 'x',
            list: vec![BTreeMap::from([("inner".to_string(), 1)])],
            pair: (1, 2),
            unit: (),
            unit_struct: Unit,
            shapes: vec![Shape::Wrapped(1)],
            label_shape: Shape::Label,
            wrapped: Shape::Wrapped(9),
            pair_shape: Shape::Pair(1, 2),
            fields: Shape::Fields { x: 1.5, y: None },
            by_hour: BTreeMap::from([(6, 0.5), (24, 0.75), (168, 1.0)]),
            by_name,
            empty: BTreeMap::new(),
        };
        let expected = through_json(&value);
        assert_eq!(walked(&value), expected);
        // The hand count: count, negative, share, not_a_number (null), infinite (null),
        // missing (null), present, unit (null), unit_struct (null), wrapped.Wrapped,
        // fields.Fields.x, fields.Fields.y (null), three hours, four names' values: 19.
        assert_eq!(expected.len(), 19);
        let names: Vec<&str> = expected.iter().map(|(k, _)| k.as_str()).collect();
        assert!(names.contains(&"by_hour.168"), "{names:?}");
        assert!(names.contains(&"by_name.water.2l.gone"), "{names:?}");
        assert!(names.contains(&"fields.Fields.y"), "{names:?}");
    }

    #[test]
    fn summaries_of_the_sample_flatten_as_their_json_and_read_through_columns() {
        use crate::samples::{SAMPLE_STATION, SAMPLE_STATION_NAME};
        let scenario =
            crate::load::load_scenario(SAMPLE_STATION_NAME, SAMPLE_STATION).expect("sample loads");
        let first = crate::simulate(&scenario, 3, 0, crate::RunOptions::SUMMARY_ONLY).summary;
        let columns = Columns::of(&first);
        for run in 0..4 {
            let summary =
                crate::simulate(&scenario, 3, run, crate::RunOptions::SUMMARY_ONLY).summary;
            let flat = flatten(&summary);
            assert_eq!(flat, through_json(&summary.region));
            assert!(flat.len() > 100, "{}", flat.len());
            let names: Vec<&String> = flat.iter().map(|(k, _)| k).collect();
            assert_eq!(columns.names().iter().collect::<Vec<_>>(), names);
            let values: Vec<Option<f64>> = flat.iter().map(|(_, v)| *v).collect();
            assert_eq!(columns.values(&summary), Some(values));
        }
        // A run with a stock the columns lack, or without one they have, is not read through
        // them.
        let mut more = first.clone();
        let (item, stock) = more
            .region
            .stocks
            .iter()
            .next()
            .map(|(k, v)| (k.clone(), v.clone()))
            .expect("a stock");
        more.region.stocks.insert(format!("{item}_2"), stock);
        assert_eq!(columns.values(&more), None);
        let mut fewer = first.clone();
        fewer.region.stocks.remove(&item);
        assert_eq!(columns.values(&fewer), None);
    }

    #[test]
    fn a_map_keyed_by_anything_but_text_or_numbers_is_no_metric_list() {
        let value = BTreeMap::from([((1, 2), 3)]);
        let mut out = Vec::new();
        assert!(
            value
                .serialize(&mut Walk::new(Sink::Named(&mut out)))
                .is_err()
        );
    }
}
