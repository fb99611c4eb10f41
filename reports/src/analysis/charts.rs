//! The analyses' charts as PNG, drawn with the bundled Japanese font: the tornado of a
//! sensitivity analysis and the cost–risk frontier of a search. Colours are the Okabe–Ito
//! palette the other charts use, and the two ends of a tornado bar also differ in lightness
//! and by a label, so a black-and-white print stays readable.

use bcpsim_engine::Lang;
use bcpsim_engine::search::{SearchResult, Status};
use bcpsim_engine::sensitivity::TornadoRow;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::charts::font::FONT_FAMILY;
use crate::charts::row_label;
use crate::charts::style::{BLACK, BLUE, ORANGE, SKY_BLUE, VERMILLION};
use crate::charts::{ChartError, ensure_font};
use crate::i18n::Text;

type Result<T> = std::result::Result<T, String>;

const GREY: RGBColor = RGBColor(160, 160, 160);

fn font(size: f64) -> TextStyle<'static> {
    (FONT_FAMILY, size).into_font().color(&BLACK)
}

fn err<E: std::fmt::Display>(e: E) -> String {
    ChartError(e.to_string()).to_string()
}

/// Draws with `draw` on a white `w` × `h` bitmap and encodes it as PNG.
fn png(
    (w, h): (u32, u32),
    draw: impl FnOnce(&DrawingArea<BitMapBackend, Shift>) -> Result<()>,
) -> Result<Vec<u8>> {
    if !ensure_font() {
        return Err("the bundled font could not be loaded".into());
    }
    let mut buf = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        draw(&root)?;
        root.present().map_err(err)?;
    }
    let mut out = Vec::new();
    let mut enc = ::png::Encoder::new(&mut out, w, h);
    enc.set_color(::png::ColorType::Rgb);
    enc.set_depth(::png::BitDepth::Eight);
    enc.set_compression(::png::Compression::Best);
    let mut writer = enc.write_header().map_err(err)?;
    writer.write_image_data(&buf).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}

const AT_LOW: Text = Text::new("下限のとき", "at low");
const AT_HIGH: Text = Text::new("上限のとき", "at high");
const TORNADO_X: Text = Text::new(
    "基準（シナリオのまま）の平均からの変化",
    "Change from the mean as written",
);

/// The tornado of one metric: per factor, a bar from the base mean to the mean with the
/// factor at its low end (sky blue) and one to its high end (orange), widest swing on top.
pub fn tornado_png(title: &str, rows: &[TornadoRow], lang: Lang) -> Result<Vec<u8>> {
    let mut rows: Vec<&TornadoRow> = rows.iter().collect();
    rows.sort_by(|a, b| {
        let swing = |r: &TornadoRow| (r.mean_at_high - r.mean_at_low).abs();
        swing(b).total_cmp(&swing(a))
    });
    let n = rows.len().max(1);
    let h = 190 + 46 * n as u32;
    png((1200, h), |whole| {
        // The key goes in its own strip under the chart, clear of the bars.
        let (root, strip) = whole.split_vertically(h - 40);
        let root = &root;
        // The axis spans every bar's change from the base, and 0.
        let (lo, hi) = rows
            .iter()
            .flat_map(|r| {
                [
                    r.mean_at_low - r.mean_at_base,
                    r.mean_at_high - r.mean_at_base,
                ]
            })
            .fold((0.0, 0.0), |(lo, hi): (f64, f64), d| (lo.min(d), hi.max(d)));
        let pad = ((hi - lo) * 0.08).max(1e-3);
        let labels: Vec<String> = rows.iter().map(|r| r.factor.clone()).collect();
        let label_of = |y: &f64| row_label(&labels, n, *y);
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .margin_right(36)
            .caption(title, font(26.0))
            .x_label_area_size(60)
            .y_label_area_size(400)
            .build_cartesian_2d((lo - pad)..(hi + pad), 0.0..n as f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n * 2 + 1)
            .y_label_formatter(&label_of)
            .x_labels(7)
            .x_desc(TORNADO_X.get(lang))
            .label_style(font(19.0))
            .axis_desc_style(font(20.0))
            .draw()
            .map_err(err)?;
        for (i, r) in rows.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            for (end, colour) in [(r.mean_at_low, SKY_BLUE), (r.mean_at_high, ORANGE)] {
                let x = end - r.mean_at_base;
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(0.0_f64.min(x), y + 0.2), (0.0_f64.max(x), y + 0.8)],
                        colour.filled(),
                    )))
                    .map_err(err)?;
            }
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (0.0, n as f64)],
                BLACK.stroke_width(2),
            )))
            .map_err(err)?;
        let key = font(19.0);
        for (k, (text, colour)) in [(AT_LOW, SKY_BLUE), (AT_HIGH, ORANGE)]
            .into_iter()
            .enumerate()
        {
            let x = 420 + 260 * k as i32;
            strip
                .draw(&Rectangle::new([(x, 8), (x + 28, 26)], colour.filled()))
                .map_err(err)?;
            strip
                .draw_text(text.get(lang), &key, (x + 36, 7))
                .map_err(err)?;
        }
        Ok(())
    })
}

const FRONTIER_TITLE: Text = bcpsim_engine::lang::glossary::analysis::FRONTIER;
const FRONTIER_X: Text = Text::new("費用（万円）", "Cost (10 000 yen)");
const FRONTIER_Y: Text = Text::new(
    "目標を満たした実行の割合（%）",
    "Share of runs meeting the target (%)",
);

/// The frontier: every candidate as a grey dot at (cost, share), the frontier as a black line
/// with its 95 % intervals, the confidence level as a dashed line, the chosen plan as a
/// vermillion diamond.
pub fn frontier_png(r: &SearchResult, lang: Lang) -> Result<Vec<u8>> {
    png((1200, 700), |root| {
        let max_cost = r
            .candidates
            .iter()
            .map(|c| c.cost_yen / 10_000.0)
            .fold(1.0, f64::max);
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .margin_right(36)
            .caption(FRONTIER_TITLE.get(lang), font(26.0))
            .x_label_area_size(60)
            .y_label_area_size(90)
            .build_cartesian_2d(-max_cost * 0.03..max_cost * 1.05, 0.0..101.0)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc(FRONTIER_X.get(lang))
            .y_desc(FRONTIER_Y.get(lang))
            .label_style(font(19.0))
            .axis_desc_style(font(20.0))
            .draw()
            .map_err(err)?;
        let at = |c: &bcpsim_engine::search::Candidate| (c.cost_yen / 10_000.0, 100.0 * c.share);
        chart
            .draw_series(
                r.candidates
                    .iter()
                    .map(|c| Circle::new(at(c), 4, GREY.filled())),
            )
            .map_err(err)?;
        let conf = 100.0 * r.settings.confidence;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(-max_cost * 0.03, conf), (max_cost * 1.05, conf)],
                10,
                6,
                VERMILLION.stroke_width(2),
            ))
            .map_err(err)?;
        let front: Vec<_> = r.frontier.iter().map(|&i| &r.candidates[i]).collect();
        chart
            .draw_series(LineSeries::new(
                front.iter().map(|c| at(c)),
                BLACK.stroke_width(2),
            ))
            .map_err(err)?;
        for c in &front {
            let (x, _) = at(c);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(x, 100.0 * c.share_low), (x, 100.0 * c.share_high)],
                    BLACK.stroke_width(2),
                )))
                .map_err(err)?;
            let style = if c.status == Status::Meets {
                BLUE.filled()
            } else {
                BLACK.filled()
            };
            chart
                .draw_series(std::iter::once(Circle::new(at(c), 7, style)))
                .map_err(err)?;
        }
        if let Some(c) = r.chosen.map(|i| &r.candidates[i]) {
            chart
                .draw_series(std::iter::once(TriangleMarker::new(
                    at(c),
                    14,
                    VERMILLION.filled(),
                )))
                .map_err(err)?;
        }
        Ok(())
    })
}
