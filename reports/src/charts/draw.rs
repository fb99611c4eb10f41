//! Drawing the charts with plotters, on any backend (PNG buffer or SVG string).

use bcpsim_engine::Lang;
use bcpsim_engine::lang::glossary;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::{CoordTranslate, Shift};
use plotters::drawing::DrawingAreaErrorKind;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters_backend::{BackendCoord, DrawingErrorKind};

use super::{
    AttendanceData, BandPoint, ChartError, ChartSpec, DepletedData, ForestData, ForestPanel,
    ForestRow, LifelineData, MarginData, STOCK_COLUMNS, SafetyData, StockData, VisitsData,
    ensure_font,
    font::FONT_FAMILY,
    forest_panel_height,
    style::{BLACK, BLUE, ClassStyle, Marker, SKY_BLUE, VERMILLION, YELLOW, class_style},
    time::{EARLY_HOURS, TimeAxis},
};
use crate::i18n::{self, Text};
use bcpsim_engine::batch::metrics::Direction;

const GREY: RGBColor = RGBColor(150, 150, 150);
/// The background of the widened first 72 hours.
const EARLY_SHADE: RGBColor = RGBColor(238, 238, 238);

/// Label and axis-title sizes of the full-width charts, in pixels: a 1200-pixel chart printed
/// 180 mm wide makes 20 pixels about 8.5 pt.
const LABEL_PX: f64 = 20.0;
const AXIS_PX: f64 = 21.0;

type Result<T> = std::result::Result<T, ChartError>;

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> ChartError {
        ChartError(e.to_string())
    }
}

fn font(size: f64) -> TextStyle<'static> {
    (FONT_FAMILY, size).into_font().color(&BLACK)
}

fn check_font() -> Result<()> {
    if ensure_font() {
        Ok(())
    } else {
        Err(ChartError("the bundled font could not be loaded".into()))
    }
}

pub fn png(spec: &ChartSpec, lang: Lang) -> Result<Vec<u8>> {
    check_font()?;
    let (w, h) = spec.size();
    let mut buf = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        draw(spec, &root, lang)?;
        root.present()?;
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Best);
    enc.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    let mut writer = enc.write_header().map_err(|e| ChartError(e.to_string()))?;
    writer
        .write_image_data(&buf)
        .map_err(|e| ChartError(e.to_string()))?;
    writer.finish().map_err(|e| ChartError(e.to_string()))?;
    Ok(out)
}

pub fn svg(spec: &ChartSpec, lang: Lang) -> Result<String> {
    check_font()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, spec.size()).into_drawing_area();
        draw(spec, &root, lang)?;
        root.present()?;
    }
    Ok(out)
}

fn draw<DB: DrawingBackend>(
    spec: &ChartSpec,
    root: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let area = root
        .margin(10, 0, 0, 0)
        .titled(&spec.title(lang), font(30.0))?;
    let area = area.margin(4, 12, 8, 24);
    match spec {
        ChartSpec::Attendance(d) => attendance(d, &area, lang),
        ChartSpec::Lifelines(d) => lifelines(d, &area, lang),
        ChartSpec::Stocks(d) => stocks(d, &area, lang),
        ChartSpec::Safety(d) => safety(d, &area, lang),
        ChartSpec::Depleted(d) => depleted(d, &area, lang),
        ChartSpec::Margins(d) => margins(d, &area, lang),
        ChartSpec::Visits(d) => visits(d, &area, lang),
        ChartSpec::Forest(d) => forest(d, &area, lang),
    }
}

fn no_data<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, text: Text, lang: Lang) -> Result<()>
where
    DB::ErrorType: 'static,
{
    area.draw_text(text.get(lang), &font(22.0), (40, 40))?;
    Ok(())
}

fn max_x(series: &[(f64, f64)], at_least: f64) -> f64 {
    series.iter().map(|p| p.0).fold(at_least, f64::max).max(1.0)
}

fn pct(v: &f64) -> String {
    format!("{:.0}", v * 100.0)
}

/// A chart over time: hours since onset on a [`TimeAxis`], `y` on a plain axis.
type TimeChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<TimeAxis, RangedCoordf64>>;

/// Builds a full-width chart over `axis` with the time axis' ticks and title, the first
/// 72 hours shaded when they are drawn wider, and `y` from `y_range`.
fn time_chart<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    axis: TimeAxis,
    y_range: std::ops::Range<f64>,
    y_desc: &str,
    y_label: &dyn Fn(&f64) -> String,
    lang: Lang,
) -> Result<TimeChart<'a, DB>>
where
    DB::ErrorType: 'static,
{
    let mut chart = ChartBuilder::on(area)
        .x_label_area_size(56)
        .y_label_area_size(76)
        .build_cartesian_2d(axis, y_range.clone())?;
    // The shade first: the grid is drawn over it.
    shade_early(&mut chart, axis, y_range)?;
    chart
        .configure_mesh()
        .x_desc(time_axis_title(axis, lang))
        .y_desc(y_desc)
        .x_labels(axis.ticks().len())
        .x_label_formatter(&|h| axis.label(*h, lang))
        .y_label_formatter(y_label)
        .label_style(font(LABEL_PX))
        .axis_desc_style(font(AXIS_PX))
        .light_line_style(TRANSPARENT)
        .draw()?;
    Ok(chart)
}

/// The time axis' title: it says when the first 72 hours are drawn wider.
fn time_axis_title(axis: TimeAxis, lang: Lang) -> &'static str {
    if axis.widened() {
        i18n::CHART_TIME_AXIS_WIDE.get(lang)
    } else {
        i18n::CHART_HOURS_AXIS.get(lang)
    }
}

/// On a widened axis, a light background under the first 72 hours and a line at 72 h, so
/// that the change of scale is seen.
fn shade_early<DB: DrawingBackend>(
    chart: &mut TimeChart<'_, DB>,
    axis: TimeAxis,
    y: std::ops::Range<f64>,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if axis.widened() {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y.start), (EARLY_HOURS, y.end)],
            EARLY_SHADE.filled(),
        )))?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(EARLY_HOURS, y.start), (EARLY_HOURS, y.end)],
            GREY.stroke_width(2),
        )))?;
    }
    Ok(())
}

/// The range `0..` that shows every value of `values` (below 0 and above `at_least` too), with
/// `headroom` as a share of the span above the largest.
fn value_range(
    values: impl Iterator<Item = f64>,
    at_least: f64,
    headroom: f64,
) -> std::ops::Range<f64> {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((0.0f64, at_least), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = (hi - lo) * headroom;
    let lo = if lo < 0.0 { lo - pad } else { 0.0 };
    lo..hi + pad
}

fn attendance<DB: DrawingBackend>(
    d: &AttendanceData,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if d.simulated.is_empty() && d.plan.is_empty() {
        return no_data(area, i18n::CHART_NO_DATA, lang);
    }
    let axis = TimeAxis::new(max_x(&d.simulated, max_x(&d.plan, 0.0)));
    let band = d.band.iter().flatten().flat_map(|b| [b.low, b.high]);
    let values = d.simulated.iter().chain(&d.plan).map(|p| p.1).chain(band);
    let mut chart = time_chart(
        area,
        axis,
        value_range(values, 1.0, 0.05),
        i18n::CHART_ATTENDANCE_AXIS.get(lang),
        &pct,
        lang,
    )?;
    draw_band(&mut chart, d.band.as_deref(), lang)?;
    if !d.plan.is_empty() {
        chart
            .draw_series(DashedLineSeries::new(
                d.plan.iter().copied(),
                10,
                6,
                BLACK.stroke_width(3),
            ))?
            .label(i18n::CHART_PLAN_CURVE.get(lang))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 8, y)], BLACK.stroke_width(3)));
    }
    chart
        .draw_series(LineSeries::new(
            d.simulated.iter().copied(),
            BLUE.stroke_width(3),
        ))?
        .label(simulated_label(d.median, lang))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], BLUE.stroke_width(3)));
    legend(&mut chart)
}

/// The solid line's name: one run's value or a batch's median.
fn simulated_label(median: bool, lang: Lang) -> &'static str {
    if median {
        i18n::CHART_MEDIAN.get(lang)
    } else {
        i18n::CHART_SIMULATED.get(lang)
    }
}

/// A batch's 5–95 % band, when there is one, with its legend entry.
fn draw_band<DB: DrawingBackend>(
    chart: &mut TimeChart<'_, DB>,
    band: Option<&[BandPoint]>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if let Some(band) = band
        && !band.is_empty()
    {
        chart
            .draw_series(std::iter::once(band_polygon(band)))?
            .label(i18n::CHART_BAND.get(lang))
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 8), (x + 18, y + 8)], SKY_BLUE.mix(0.35).filled())
            });
    }
    Ok(())
}

/// A 5–95 % band as a filled light-blue polygon.
fn band_polygon(band: &[BandPoint]) -> Polygon<(f64, f64)> {
    let poly: Vec<(f64, f64)> = band
        .iter()
        .map(|b| (b.hour, b.high))
        .chain(band.iter().rev().map(|b| (b.hour, b.low)))
        .collect();
    Polygon::new(poly, SKY_BLUE.mix(0.35).filled())
}

fn legend<'a, DB: DrawingBackend + 'a, X, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
) -> Result<()>
where
    DB::ErrorType: 'static,
    X: plotters::coord::ranged1d::Ranged,
    Y: plotters::coord::ranged1d::Ranged,
{
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font(font(18.0))
        .draw()?;
    Ok(())
}

fn lifelines<DB: DrawingBackend>(
    d: &LifelineData,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if d.rows.is_empty() {
        return no_data(area, i18n::CHART_NO_CHANGES, lang);
    }
    let n = d.rows.len();
    let axis = TimeAxis::new(d.horizon);
    let horizon = axis.horizon();
    let labels: Vec<String> = d
        .rows
        .iter()
        .map(|r| {
            let name = glossary::lifeline(&r.lifeline, lang);
            format!("{} {}", r.zone, name)
        })
        .collect();
    let label_of = |y: &f64| -> String {
        let i = (n as f64 - y - 0.5).round();
        if i >= 0.0 && (i as usize) < n && (n as f64 - y - 0.5 - i).abs() < 0.01 {
            labels[i as usize].clone()
        } else {
            String::new()
        }
    };
    let (head, area) = area.split_vertically(40);
    let key = font(18.0);
    let mut x = 260;
    for (style, text) in [
        (VERMILLION.filled(), i18n::CHART_OUT),
        (YELLOW.filled(), i18n::CHART_DEGRADED),
        (WHITE.filled(), i18n::CHART_UP),
    ] {
        head.draw(&Rectangle::new([(x, 8), (x + 28, 28)], style))?;
        head.draw(&Rectangle::new(
            [(x, 8), (x + 28, 28)],
            BLACK.stroke_width(1),
        ))?;
        head.draw_text(text.get(lang), &key, (x + 36, 8))?;
        x += 220;
    }
    let mut chart = ChartBuilder::on(&area)
        .x_label_area_size(56)
        .y_label_area_size(250)
        .build_cartesian_2d(axis, 0.0..n as f64)?;
    shade_early(&mut chart, axis, 0.0..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(time_axis_title(axis, lang))
        .x_labels(axis.ticks().len())
        .x_label_formatter(&|h| axis.label(*h, lang))
        .y_labels(n * 2 + 1)
        .y_label_formatter(&label_of)
        .label_style(font(18.0))
        .axis_desc_style(font(AXIS_PX))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let mut bars = Vec::new();
    for (i, row) in d.rows.iter().enumerate() {
        let top = n as f64 - i as f64 - 0.15;
        let bottom = n as f64 - i as f64 - 0.85;
        let mut level = 1.0;
        let mut start = 0.0;
        let mut changes = row.changes.clone();
        changes.push((horizon, 1.0));
        for (hour, next) in changes {
            let hour = hour.min(horizon);
            if hour > start && level < 1.0 {
                let style = if level <= 0.0 {
                    VERMILLION.filled()
                } else {
                    YELLOW.filled()
                };
                bars.push(Rectangle::new([(start, bottom), (hour, top)], style));
                bars.push(Rectangle::new(
                    [(start, bottom), (hour, top)],
                    BLACK.stroke_width(1),
                ));
            }
            if hour >= start {
                start = hour;
            }
            level = next;
        }
    }
    chart.draw_series(bars)?;
    Ok(())
}

fn stocks<DB: DrawingBackend>(
    d: &StockData,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if d.items.is_empty() {
        return no_data(area, i18n::CHART_NO_DATA, lang);
    }
    // A legend line above the panels.
    let (head, body) = area.split_vertically(44);
    let key = font(18.0);
    head.draw(&PathElement::new(
        vec![(10, 20), (50, 20)],
        BLUE.stroke_width(3),
    ))?;
    head.draw_text(simulated_label(d.median, lang), &key, (58, 10))?;
    let x0 = 260;
    for k in 0..4 {
        head.draw(&PathElement::new(
            vec![(x0 + k * 11, 20), (x0 + k * 11 + 7, 20)],
            BLACK.stroke_width(3),
        ))?;
    }
    head.draw_text(i18n::CHART_PLAN_STOCK.get(lang), &key, (x0 + 50, 10))?;
    head.draw(&Cross::new((760, 20), 8, VERMILLION.stroke_width(3)))?;
    head.draw_text(i18n::CHART_STOCKOUT.get(lang), &key, (776, 10))?;

    let rows = d.items.len().div_ceil(STOCK_COLUMNS);
    let panels = body.split_evenly((rows, STOCK_COLUMNS));
    let axis = TimeAxis::compact(d.horizon);
    for (item, panel) in d.items.iter().zip(panels.iter()) {
        let title = glossary::stock_label(&item.item, &item.unit, lang);
        // Every value drawn is inside the panel: a resupply above the initial quantity, a
        // band's 95th percentile, the plan's curve.
        let band = item.band.iter().flatten().flat_map(|b| [b.low, b.high]);
        let values = item.share.iter().chain(&d.plan).map(|p| p.1).chain(band);
        let y = value_range(values, 1.0, 0.08);
        let y_max = y.end;
        let mut chart = ChartBuilder::on(panel)
            .margin(6)
            .caption(title, font(19.0))
            .x_label_area_size(28)
            .y_label_area_size(52)
            .build_cartesian_2d(axis, y.clone())?;
        shade_early(&mut chart, axis, y)?;
        chart
            .configure_mesh()
            .x_labels(axis.ticks().len())
            .y_labels(4)
            .x_label_formatter(&|h| axis.label(*h, lang))
            .y_label_formatter(&|v| format!("{}%", pct(v)))
            .label_style(font(15.0))
            .light_line_style(TRANSPARENT)
            .draw()?;
        if let Some(band) = &item.band
            && !band.is_empty()
        {
            chart.draw_series(std::iter::once(band_polygon(band)))?;
        }
        chart.draw_series(DashedLineSeries::new(
            d.plan.iter().copied(),
            7,
            5,
            BLACK.stroke_width(2),
        ))?;
        // Segment by segment: a resupply followed by a stock-out is a spike, and plotters
        // joins a thick line's segments with mitres that shoot far past so sharp a turn.
        chart.draw_series(
            item.share
                .windows(2)
                .map(|w| PathElement::new(vec![w[0], w[1]], BLUE.stroke_width(2))),
        )?;
        if let Some(h) = item.stockout_hour {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(h, 0.0), (h, y_max)],
                VERMILLION.stroke_width(1),
            )))?;
            chart.draw_series(std::iter::once(Cross::new(
                (h, 0.0),
                7,
                VERMILLION.stroke_width(3),
            )))?;
        }
    }
    Ok(())
}

fn safety<DB: DrawingBackend>(
    d: &SafetyData,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if d.all.is_empty() {
        return no_data(area, i18n::CHART_NO_DATA, lang);
    }
    let axis = TimeAxis::new(max_x(&d.all, d.horizon));
    let mut chart = time_chart(
        area,
        axis,
        0.0..1.05,
        i18n::CHART_SHARE_AXIS.get(lang),
        &pct,
        lang,
    )?;
    draw_band(&mut chart, d.band.as_deref(), lang)?;
    // 24 h: the class-A contact threshold.
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(24.0, 0.0), (24.0, 1.05)],
        GREY.stroke_width(1),
    )))?;
    chart
        .draw_series(LineSeries::new(
            d.all.iter().copied(),
            BLACK.stroke_width(3),
        ))?
        .label(if d.median {
            i18n::CHART_ALL_PATIENTS_MEDIAN.get(lang)
        } else {
            i18n::CHART_ALL_PATIENTS.get(lang)
        })
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], BLACK.stroke_width(3)));
    // Each class in its one style (colour, marker, dash): a run's line carries the marker at
    // 6, 24 and 72 h; a batch's class medians are the markers alone.
    for (class, line) in &d.class_lines {
        let style = class_style(class);
        let label = i18n::CHART_CLASS_LINE.fill(lang, &[&class.to_uppercase()]);
        let marks: Vec<(f64, f64)> = CLASS_MARK_HOURS
            .iter()
            .filter_map(|h| value_at(line, *h).map(|v| (*h, v)))
            .collect();
        chart.draw_series(DashedLineSeries::new(
            line.iter().copied(),
            style.dash.0,
            style.dash.1,
            style.colour.stroke_width(4),
        ))?;
        chart
            .draw_series(marks.iter().map(|p| class_marker(style, *p)))?
            .label(label)
            .legend(move |(x, y)| class_key(style, (x, y)));
    }
    for (class, points) in &d.class_points {
        let style = class_style(class);
        let label = i18n::CHART_CLASS_X.fill(lang, &[&class.to_uppercase()]);
        chart
            .draw_series(points.iter().map(|p| class_marker(style, *p)))?
            .label(label)
            .legend(move |(x, y)| class_key(style, (x, y)));
    }
    legend(&mut chart)
}

/// The hours at which a class's line carries its marker (those of the class figures).
const CLASS_MARK_HOURS: [f64; 3] = [6.0, 24.0, 72.0];

/// The value of a step line at `hour`: the last point at or before it.
fn value_at(line: &[(f64, f64)], hour: f64) -> Option<f64> {
    line.iter().take_while(|p| p.0 <= hour).last().map(|p| p.1)
}

/// A priority class's marker at a point, drawn in its [`ClassStyle`]; as a legend key
/// (`key`), two of its dashes with the marker between them.
struct ClassMark<C> {
    at: C,
    style: ClassStyle,
    key: bool,
}

fn class_marker<C>(style: ClassStyle, at: C) -> ClassMark<C> {
    ClassMark {
        at,
        style,
        key: false,
    }
}

fn class_key(style: ClassStyle, at: (i32, i32)) -> ClassMark<(i32, i32)> {
    ClassMark {
        at,
        style,
        key: true,
    }
}

impl<'b, C> PointCollection<'b, C> for &'b ClassMark<C> {
    type Point = &'b C;
    type IntoIter = std::iter::Once<&'b C>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<C, DB: DrawingBackend> Drawable<DB> for ClassMark<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut pos: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> std::result::Result<(), DrawingErrorKind<DB::ErrorType>> {
        let Some((x, y)) = pos.next() else {
            return Ok(());
        };
        let fill = self.style.colour.filled();
        let (x, y) = if self.key {
            let (dash, gap) = (self.style.dash.0 as i32, self.style.dash.1 as i32);
            let stroke = self.style.colour.stroke_width(4);
            backend.draw_path([(x, y), (x + dash, y)], &stroke)?;
            backend.draw_path([(x + dash + gap, y), (x + 2 * dash + gap, y)], &stroke)?;
            (x + dash + gap / 2, y)
        } else {
            (x, y)
        };
        match self.style.marker {
            Marker::Triangle => {
                backend.fill_polygon([(x, y - 10), (x - 9, y + 6), (x + 9, y + 6)], &fill)
            }
            Marker::Square => backend.draw_rect((x - 7, y - 7), (x + 7, y + 7), &fill, true),
            Marker::Circle => backend.draw_circle((x, y), 7, &fill, true),
            Marker::Diamond => {
                backend.fill_polygon([(x, y - 9), (x + 9, y), (x, y + 9), (x - 9, y)], &fill)
            }
        }
    }
}

fn depleted<DB: DrawingBackend>(
    d: &DepletedData,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if d.counts.is_empty() {
        return no_data(area, i18n::CHART_NO_DATA, lang);
    }
    let axis = TimeAxis::new(max_x(&d.counts, d.horizon));
    // The moments (× a battery ran out, ▲ power brought) on a strip of their own above the
    // counts, on the same time axis: on the counts' axis they would read as counts.
    let (strip, body) = area.split_vertically(MOMENT_STRIP);
    let mut moments = ChartBuilder::on(&strip)
        .x_label_area_size(0)
        .y_label_area_size(76)
        .build_cartesian_2d(axis, 0.0..2.0)?;
    shade_early(&mut moments, axis, 0.0..2.0)?;
    moments
        .configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(5)
        .y_label_formatter(&|y: &f64| match (y * 2.0).round() as i32 {
            3 => "×".to_string(),
            1 => "▲".to_string(),
            _ => String::new(),
        })
        .label_style(font(LABEL_PX))
        .draw()?;
    moments.draw_series(
        d.depletions
            .iter()
            .map(|h| Cross::new((*h, 1.5), 7, BLACK.stroke_width(2))),
    )?;
    moments.draw_series(
        d.power_brought
            .iter()
            .map(|h| TriangleMarker::new((*h, 0.5), 7, BLUE.filled())),
    )?;
    let y_max = d.counts.iter().map(|p| p.1).fold(1.0, f64::max) * 1.1;
    let mut chart = time_chart(
        &body,
        axis,
        0.0..y_max,
        i18n::CHART_PATIENTS_AXIS.get(lang),
        &|v| format!("{v:.0}"),
        lang,
    )?;
    // A step line: the count holds for the whole step.
    let mut steps = Vec::with_capacity(d.counts.len() * 2);
    for (i, (h, n)) in d.counts.iter().enumerate() {
        let end = d.counts.get(i + 1).map_or(h + 1.0, |p| p.0);
        steps.push((*h, *n));
        steps.push((end, *n));
    }
    chart
        .draw_series(
            AreaSeries::new(steps.iter().copied(), 0.0, VERMILLION.mix(0.3))
                .border_style(VERMILLION.stroke_width(2)),
        )?
        .label(i18n::CHART_DEPLETED.get(lang))
        .legend(|(x, y)| {
            Rectangle::new([(x, y - 8), (x + 18, y + 8)], VERMILLION.mix(0.3).filled())
        });
    // The strip's markers in the key (no points on this axis).
    chart
        .draw_series(std::iter::empty::<Cross<(f64, f64), i32>>())?
        .label(i18n::CHART_DEPLETION_ROW.get(lang))
        .legend(|(x, y)| Cross::new((x + 9, y), 7, BLACK.stroke_width(2)));
    chart
        .draw_series(std::iter::empty::<TriangleMarker<(f64, f64), i32>>())?
        .label(i18n::CHART_POWER_BROUGHT_ROW.get(lang))
        .legend(|(x, y)| TriangleMarker::new((x + 9, y), 7, BLUE.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font(font(LABEL_PX))
        .draw()?;
    Ok(())
}

/// Height in pixels of the strip of moments above the battery-depleted counts.
const MOMENT_STRIP: u32 = 70;

fn margins<DB: DrawingBackend>(
    d: &MarginData,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if d.rows.is_empty() {
        return no_data(area, i18n::CHART_MARGIN_NONE, lang);
    }
    let n = d.rows.len();
    let right = d
        .rows
        .iter()
        .map(|r| r.capacity.max(r.lowest))
        .fold(1.0, f64::max)
        * 1.05;
    let left = d.rows.iter().map(|r| r.depleted).fold(0.0, f64::max) * 1.05;
    let labels: Vec<String> = d.rows.iter().map(|r| r.patient.clone()).collect();
    let label_of = |y: &f64| -> String {
        let i = (n as f64 - y - 0.5).round();
        if i >= 0.0 && (i as usize) < n && (n as f64 - y - 0.5 - i).abs() < 0.01 {
            labels[i as usize].clone()
        } else {
            String::new()
        }
    };
    // The key on a line above the bars (every row may be full width), a note below.
    let (head, rest) = area.split_vertically(40);
    let (body, foot) = rest.split_vertically(rest.dim_in_pixel().1.saturating_sub(30));
    let key = font(17.0);
    let keys: [(RGBAColor, i32, Text); 3] = [
        (SKY_BLUE.mix(0.35), 8, i18n::CHART_MARGIN_CAPACITY),
        (BLUE.to_rgba(), 5, i18n::CHART_MARGIN_LOWEST),
        (VERMILLION.to_rgba(), 5, i18n::CHART_MARGIN_DEPLETED),
    ];
    for (k, (colour, half, text)) in keys.into_iter().enumerate() {
        let x = 180 + 320 * k as i32;
        head.draw(&Rectangle::new(
            [(x, 18 - half), (x + 22, 18 + half)],
            colour.filled(),
        ))?;
        head.draw_text(text.get(lang), &key, (x + 30, 8))?;
    }
    let mut chart = ChartBuilder::on(&body)
        .x_label_area_size(50)
        .y_label_area_size(170)
        .build_cartesian_2d(-left.max(right * 0.02)..right, 0.0..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(i18n::CHART_MARGIN_AXIS.get(lang))
        .y_labels(n * 2 + 1)
        .y_label_formatter(&label_of)
        .x_label_formatter(&|v| format!("{:.0}", v.abs()))
        .label_style(font(15.0))
        .axis_desc_style(font(18.0))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let bar = |i: usize, from: f64, to: f64, inset: f64| {
        let y = n as f64 - i as f64 - 0.5;
        [(from, y - 0.4 + inset), (to, y + 0.4 - inset)]
    };
    chart.draw_series(
        d.rows.iter().enumerate().map(|(i, r)| {
            Rectangle::new(bar(i, 0.0, r.capacity, 0.0), SKY_BLUE.mix(0.35).filled())
        }),
    )?;
    chart.draw_series(
        d.rows
            .iter()
            .enumerate()
            .map(|(i, r)| Rectangle::new(bar(i, 0.0, r.lowest, 0.12), BLUE.filled())),
    )?;
    chart.draw_series(
        d.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.depleted > 0.0)
            .map(|(i, r)| Rectangle::new(bar(i, -r.depleted, 0.0, 0.12), VERMILLION.filled())),
    )?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, 0.0), (0.0, n as f64)],
        BLACK.stroke_width(2),
    )))?;
    if d.more > 0 {
        foot.draw_text(
            &i18n::CHART_MARGIN_MORE.fill(lang, &[&d.more]),
            &font(16.0),
            (180, 6),
        )?;
    }
    Ok(())
}

fn visits<DB: DrawingBackend>(
    d: &VisitsData,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if d.categories.is_empty() {
        return no_data(area, i18n::CHART_NO_DATA, lang);
    }
    let n = d.categories.len();
    let y_max = d
        .categories
        .iter()
        .map(|c| c.1.max(c.2))
        .max()
        .unwrap_or(0)
        .max(1) as f64
        * 1.15;
    let names: Vec<String> = d
        .categories
        .iter()
        .map(|(k, _, _)| glossary::care_category(k, lang))
        .collect();
    let label_of = |x: &f64| -> String {
        let i = (x - 0.5).round();
        if i >= 0.0 && (i as usize) < n && (x - 0.5 - i).abs() < 0.01 {
            names[i as usize].clone()
        } else {
            String::new()
        }
    };
    let mut chart = ChartBuilder::on(area)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..n as f64, 0.0..y_max)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n * 2 + 1)
        .x_label_formatter(&label_of)
        .y_desc(i18n::CHART_DEMANDS_AXIS.get(lang))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(font(18.0))
        .axis_desc_style(font(20.0))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let label = font(16.0);
    let demanded = d.categories.iter().enumerate().map(|(i, c)| {
        let x = i as f64;
        Rectangle::new(
            [(x + 0.12, 0.0), (x + 0.5, c.1 as f64)],
            SKY_BLUE.mix(0.45).filled(),
        )
    });
    chart
        .draw_series(demanded)?
        .label(i18n::DEMANDED.get(lang))
        .legend(|(x, y)| {
            Rectangle::new([(x, y - 8), (x + 18, y + 8)], SKY_BLUE.mix(0.45).filled())
        });
    chart.draw_series(d.categories.iter().enumerate().map(|(i, c)| {
        let x = i as f64;
        Rectangle::new(
            [(x + 0.12, 0.0), (x + 0.5, c.1 as f64)],
            BLACK.stroke_width(1),
        )
    }))?;
    chart
        .draw_series(d.categories.iter().enumerate().map(|(i, c)| {
            let x = i as f64;
            Rectangle::new([(x + 0.5, 0.0), (x + 0.88, c.2 as f64)], BLUE.filled())
        }))?
        .label(i18n::DELIVERED.get(lang))
        .legend(|(x, y)| Rectangle::new([(x, y - 8), (x + 18, y + 8)], BLUE.filled()));
    chart.draw_series(d.categories.iter().enumerate().flat_map(|(i, c)| {
        let x = i as f64;
        [
            plotters::element::Text::new(
                c.1.to_string(),
                (x + 0.2, c.1 as f64 + y_max * 0.05),
                label.clone(),
            ),
            plotters::element::Text::new(
                c.2.to_string(),
                (x + 0.58, c.2 as f64 + y_max * 0.05),
                label.clone(),
            ),
        ]
    }))?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font(font(18.0))
        .draw()?;
    Ok(())
}

fn forest<DB: DrawingBackend>(
    d: &ForestData,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    if d.panels.is_empty() {
        return no_data(area, i18n::CHART_NO_DATA, lang);
    }
    // The key: what the marker shapes mean (shape and colour both, for black-and-white print),
    // on as many lines as it takes.
    let (head, mut body) = area.split_vertically(FOREST_KEY_HEIGHT);
    let key = font(FOREST_LABEL_PX);
    let marks: [(ForestMark, Text); 3] = [
        (ForestMark::Better, i18n::CHART_FOREST_BETTER),
        (ForestMark::Worse, i18n::CHART_FOREST_WORSE),
        (ForestMark::Unclear, i18n::CHART_FOREST_UNCLEAR),
    ];
    let width = head.dim_in_pixel().0 as i32;
    let (mut x, mut y) = (16, 18);
    for (mark, text) in marks {
        let text = text.get(lang);
        let w = head
            .estimate_text_size(text, &key)
            .map_or(300, |(w, _)| w as i32)
            + 20;
        if x > 16 && x + w > width {
            (x, y) = (16, y + 32);
        }
        draw_mark(&head, mark, (x, y))?;
        head.draw_text(text, &key, (x + 16, y - 10))?;
        x += w + 40;
    }
    for panel in &d.panels {
        let (top, rest) = body.split_vertically(forest_panel_height(panel));
        forest_panel(panel, &top, lang)?;
        body = rest;
    }
    Ok(())
}

/// Width in pixels of the forest plot's variant names.
const FOREST_LABEL_WIDTH: u32 = 380;
/// Size in pixels of the forest plot's labels and of its panels' captions.
const FOREST_LABEL_PX: f64 = 20.0;
const FOREST_CAPTION_PX: f64 = 22.0;
/// Height in pixels of the forest plot's key (two lines).
const FOREST_KEY_HEIGHT: u32 = 72;

/// `text`, cut with "…" so that it is at most `width` pixels wide in `style`.
fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: u32,
) -> String {
    let fits = |t: &str| {
        area.estimate_text_size(t, style)
            .is_ok_and(|(w, _)| w <= width)
    };
    if fits(text) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 0 {
        keep -= 1;
        let cut: String = chars[..keep].iter().collect::<String>() + "…";
        if fits(&cut) {
            return cut;
        }
    }
    "…".to_string()
}

/// How a difference's marker is drawn: its interval wholly on the better side, wholly on the
/// worse side, or across zero.
#[derive(Clone, Copy)]
enum ForestMark {
    Better,
    Worse,
    Unclear,
}

fn draw_mark<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    mark: ForestMark,
    at: CT::From,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let base = EmptyElement::at(at);
    match mark {
        ForestMark::Better => area.draw(&(base + Circle::new((0, 0), 8, BLUE.filled())))?,
        ForestMark::Worse => {
            area.draw(&(base + TriangleMarker::new((0, 0), 10, VERMILLION.filled())))?
        }
        ForestMark::Unclear => {
            area.draw(&(base + Circle::new((0, 0), 8, BLACK.stroke_width(2))))?
        }
    }
    Ok(())
}

fn forest_panel<DB: DrawingBackend>(
    panel: &ForestPanel,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let rows: Vec<&ForestRow> = panel
        .rows
        .iter()
        .filter(|r| r.low.is_finite() && r.high.is_finite() && r.estimate.is_finite())
        .collect();
    let n = rows.len().max(1);
    let lo = rows
        .iter()
        .map(|r| r.low.min(r.estimate))
        .fold(0.0, f64::min);
    let hi = rows
        .iter()
        .map(|r| r.high.max(r.estimate))
        .fold(0.0, f64::max);
    let pad = ((hi - lo) * 0.1).max(0.5);
    let better = match panel.better {
        Direction::Lower => i18n::CHART_FOREST_LOWER_BETTER.get(lang),
        Direction::Higher => i18n::CHART_FOREST_HIGHER_BETTER.get(lang),
        Direction::Neutral => "",
    };
    let caption = if better.is_empty() {
        panel.label.clone()
    } else {
        format!("{}　{better}", panel.label)
    };
    // Variant names can be long (bilingual); cut them to the label area, with "…".
    let labels: Vec<String> = rows
        .iter()
        .map(|r| {
            fit_text(
                area,
                &r.label,
                &font(FOREST_LABEL_PX),
                FOREST_LABEL_WIDTH - 16,
            )
        })
        .collect();
    let label_of = |y: &f64| row_label(&labels, n, *y);
    let mut chart = ChartBuilder::on(area)
        .margin(4)
        .margin_right(28)
        .caption(caption, font(FOREST_CAPTION_PX))
        .x_label_area_size(34)
        .y_label_area_size(FOREST_LABEL_WIDTH)
        .build_cartesian_2d((lo - pad)..(hi + pad), 0.0..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_labels(6)
        .y_labels(n * 2 + 1)
        .y_label_formatter(&label_of)
        .x_label_formatter(&|v| {
            let v = if v.abs() < 1e-9 { 0.0 } else { *v };
            if v == 0.0 {
                "0".to_string()
            } else if (hi - lo) < 5.0 {
                format!("{v:+.1}")
            } else {
                format!("{v:+.0}")
            }
        })
        .label_style(font(FOREST_LABEL_PX))
        .light_line_style(TRANSPARENT)
        .draw()?;
    // Zero: no difference.
    chart.draw_series(DashedLineSeries::new(
        [(0.0, 0.0), (0.0, n as f64)],
        8,
        5,
        GREY.stroke_width(2),
    ))?;
    let plot = chart.plotting_area();
    for (i, r) in rows.iter().enumerate() {
        let y = n as f64 - i as f64 - 0.5;
        plot.draw(&PathElement::new(
            vec![(r.low, y), (r.high, y)],
            BLACK.stroke_width(3),
        ))?;
        for end in [r.low, r.high] {
            plot.draw(&PathElement::new(
                vec![(end, y - 0.18), (end, y + 0.18)],
                BLACK.stroke_width(2),
            ))?;
        }
        let mark = match panel.verdict(r) {
            Some(true) => ForestMark::Better,
            Some(false) => ForestMark::Worse,
            None => ForestMark::Unclear,
        };
        draw_mark(plot, mark, (r.estimate, y))?;
    }
    Ok(())
}

/// The label of the row a tick of a horizontal-row chart stands for: rows are drawn top down,
/// row `i` of `n` centred at `n − i − 0.5`; ticks between rows get no label.
pub(crate) fn row_label(labels: &[String], n: usize, y: f64) -> String {
    let i = (n as f64 - y - 0.5).round();
    if i >= 0.0 && (i as usize) < labels.len() && (n as f64 - y - 0.5 - i).abs() < 0.01 {
        labels[i as usize].clone()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{FONT_BYTES, render_png, render_svg};
    use ab_glyph::{Font, FontRef};

    /// Every Japanese label the charts draw.
    fn labels() -> Vec<&'static str> {
        let mut v = vec![
            i18n::CHART_HOURS_AXIS,
            i18n::CHART_SHARE_AXIS,
            i18n::CHART_ATTENDANCE_AXIS,
            i18n::CHART_SIMULATED,
            i18n::CHART_PLAN_CURVE,
            i18n::CHART_BAND,
            i18n::CHART_OUT,
            i18n::CHART_DEGRADED,
            i18n::CHART_UP,
            i18n::CHART_NO_CHANGES,
            i18n::CHART_NO_DATA,
            i18n::CHART_PLAN_STOCK,
            i18n::CHART_STOCKOUT,
            i18n::CHART_ALL_PATIENTS,
            i18n::CHART_CLASS_A,
            i18n::CHART_CLASS_X,
            i18n::CHART_CLASS_LINE,
            i18n::CHART_PATIENTS_AXIS,
            i18n::CHART_DEPLETED,
            i18n::CHART_DEPLETION,
            i18n::CHART_POWER_BROUGHT,
            i18n::CHART_DEMANDS_AXIS,
            i18n::CHART_FOREST_ZERO,
            i18n::CHART_MEDIAN,
            i18n::CHART_ALL_PATIENTS_MEDIAN,
            i18n::CHART_FOREST_BETTER,
            i18n::CHART_FOREST_WORSE,
            i18n::CHART_FOREST_UNCLEAR,
            i18n::CHART_FOREST_LOWER_BETTER,
            i18n::CHART_FOREST_HIGHER_BETTER,
            i18n::CHART_T_ATTENDANCE,
            i18n::CHART_T_LIFELINES,
            i18n::CHART_T_STOCKS,
            i18n::CHART_T_SAFETY,
            i18n::CHART_T_DEPLETED,
            i18n::CHART_T_VISITS,
            i18n::CHART_T_FOREST,
            i18n::CHART_T_MARGINS,
            i18n::CHART_MARGIN_AXIS,
            i18n::CHART_MARGIN_CAPACITY,
            i18n::CHART_MARGIN_LOWEST,
            i18n::CHART_MARGIN_DEPLETED,
            i18n::CHART_MARGIN_MORE,
            i18n::CHART_MARGIN_NONE,
        ]
        .into_iter()
        .map(|t| t.ja)
        .collect::<Vec<_>>();
        v.extend(bcpsim_engine::scenario::Lifeline::ALL.map(|l| l.name().ja));
        v.extend(bcpsim_engine::scenario::CareCategory::ALL.map(|c| c.name().ja));
        let labels: Vec<String> = crate::metrics::FOREST_METRICS
            .iter()
            .map(|m| crate::metrics::forest_axis(m, Lang::Ja).0)
            .collect();
        v.extend(labels.into_iter().map(|l| &*l.leak()));
        v
    }

    #[test]
    fn bundled_font_has_a_glyph_for_every_label_character() {
        let font = FontRef::try_from_slice(FONT_BYTES).unwrap();
        for label in labels() {
            for c in label.chars().filter(|c| !c.is_whitespace()) {
                assert_ne!(font.glyph_id(c).0, 0, "no glyph for {c:?} in {label:?}");
            }
        }
        // The check can fail: a character outside the font maps to glyph 0 (.notdef).
        assert_eq!(font.glyph_id('\u{E000}').0, 0);
    }

    /// Draws `text` with the registered font into a grey-scale bitmap.
    fn ink(text: &str) -> Vec<u8> {
        assert!(ensure_font());
        let (w, h) = (400u32, 60u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            root.fill(&WHITE).unwrap();
            root.draw_text(text, &font(32.0), (5, 10)).unwrap();
            root.present().unwrap();
        }
        buf.chunks(3).map(|p| p[0]).collect()
    }

    #[test]
    fn japanese_label_is_drawn_as_glyphs_not_boxes() {
        let label = ink("安否確認");
        // Missing glyphs (.notdef) as a fresh machine's fallback would draw them: same count.
        let tofu = ink("\u{E000}\u{E001}\u{E002}\u{E003}");
        let inked = |b: &[u8]| b.iter().filter(|v| **v < 128).count();
        assert!(
            inked(&label) > 200,
            "label drew almost nothing: {}",
            inked(&label)
        );
        assert_ne!(label, tofu, "label looks like missing-glyph boxes");
        // Distinct characters draw distinct shapes; boxes would all look the same.
        assert_ne!(ink("安"), ink("否"));
    }

    fn sample_specs() -> Vec<ChartSpec> {
        use crate::charts::*;
        let hours: Vec<f64> = (0..100).map(f64::from).collect();
        vec![
            ChartSpec::Attendance(AttendanceData {
                simulated: hours.iter().map(|h| (*h, (h / 120.0).min(1.0))).collect(),
                plan: hours.iter().map(|h| (*h, (h / 100.0).min(1.0))).collect(),
                band: Some(
                    hours
                        .iter()
                        .map(|h| BandPoint {
                            hour: *h,
                            low: h / 200.0,
                            high: (h / 80.0).min(1.0),
                        })
                        .collect(),
                ),
                median: true,
            }),
            ChartSpec::Lifelines(LifelineData {
                rows: vec![LifelineRow {
                    zone: "ward".into(),
                    lifeline: "power".into(),
                    changes: vec![(0.0, 0.0), (30.0, 0.5), (60.0, 1.0)],
                }],
                horizon: 100.0,
            }),
            ChartSpec::Visits(VisitsData {
                categories: vec![("medical_care".into(), 10, 7), ("meals".into(), 4, 0)],
            }),
            ChartSpec::Forest(ForestData {
                panels: vec![
                    ForestPanel {
                        label: "バッテリー切れ（人）".into(),
                        better: Direction::Lower,
                        rows: vec![
                            ForestRow {
                                label: "ポータブル電源".into(),
                                estimate: -1.5,
                                low: -3.0,
                                high: -0.2,
                            },
                            ForestRow {
                                label: "協定".into(),
                                estimate: 0.4,
                                low: -0.3,
                                high: 1.2,
                            },
                        ],
                    },
                    ForestPanel {
                        label: "訪問の実施（件）".into(),
                        better: Direction::Higher,
                        rows: vec![ForestRow {
                            label: "協定".into(),
                            estimate: -12.0,
                            low: -20.0,
                            high: -4.0,
                        }],
                    },
                ],
                part: (0, 1),
            }),
            ChartSpec::Stocks(StockData::default()),
        ]
    }

    #[test]
    fn png_has_the_chart_size_and_is_deterministic() {
        for spec in sample_specs() {
            let png = render_png(&spec, Lang::Ja).unwrap();
            assert_eq!(&png[1..4], b"PNG");
            let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
            let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
            assert_eq!((w, h), spec.size(), "{}", spec.id());
            assert!(png.len() > 5_000, "{} is nearly empty", spec.id());
            assert_eq!(png, render_png(&spec, Lang::Ja).unwrap());
            assert_ne!(png, render_png(&spec, Lang::En).unwrap(), "{}", spec.id());
        }
    }

    #[test]
    fn value_range_shows_every_value_above_and_below() {
        // Water resupplied to 118 % of the initial quantity: 1.18 + 8 % of 1.18 = 1.2744.
        let r = value_range([0.2, 1.18].into_iter(), 1.0, 0.08);
        assert_eq!(r.start, 0.0);
        assert!((r.end - 1.2744).abs() < 1e-12);
        // Nothing above 100 %: the range still reaches 100 % (+ 8 %).
        assert!((value_range([0.5].into_iter(), 1.0, 0.08).end - 1.08).abs() < 1e-12);
        // A value below 0 (a band's edge) is shown too: span 1.5, pad 0.12.
        let r = value_range([-0.5, 1.0].into_iter(), 1.0, 0.08);
        assert!((r.start + 0.62).abs() < 1e-12 && (r.end - 1.12).abs() < 1e-12);
        // Non-finite values are ignored.
        assert!((value_range([f64::NAN].into_iter(), 1.0, 0.0).end - 1.0).abs() < 1e-12);
    }

    /// The pixels of a rendered chart that are exactly `colour`.
    fn pixels_of(png: &[u8], colour: RGBColor) -> usize {
        let decoder = png::Decoder::new(png);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf[..info.buffer_size()]
            .chunks(3)
            .filter(|p| p == &[colour.0, colour.1, colour.2])
            .count()
    }

    #[test]
    fn the_first_three_days_are_shaded_only_on_a_long_run() {
        let depleted = |horizon: f64| {
            ChartSpec::Depleted(DepletedData {
                counts: vec![(0.0, 1.0), (horizon - 1.0, 0.0)],
                depletions: vec![2.0],
                power_brought: vec![30.0],
                horizon,
            })
        };
        let long = render_png(&depleted(720.0), Lang::Ja).unwrap();
        let short = render_png(&depleted(48.0), Lang::Ja).unwrap();
        assert!(pixels_of(&long, EARLY_SHADE) > 10_000);
        // (Anti-aliased text edges hit the shade's grey in a few pixels.)
        assert!(pixels_of(&short, EARLY_SHADE) < 500);
    }

    #[test]
    fn svg_names_a_japanese_font_list_and_keeps_text() {
        let spec = &sample_specs()[0];
        let svg = render_svg(spec, Lang::Ja).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("出勤率"));
        assert!(svg.contains("font-family=\"IPAexGothic,"));
        assert!(render_svg(spec, Lang::En).unwrap().contains("Attendance"));
    }
}
