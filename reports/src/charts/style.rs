//! The charts' colours (the Okabe–Ito palette, safe for colour-blind readers) and how each
//! priority class is drawn, defined once for every chart (a run's lines, a batch's medians)
//! and for the captions that explain them: colour, marker and dash differ together, so a
//! class reads the same in colour and in a black-and-white print.

use bcpsim_engine::lang::Text;
use plotters::style::RGBColor;

// Okabe–Ito palette.
pub const BLACK: RGBColor = RGBColor(0, 0, 0);
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub const SKY_BLUE: RGBColor = RGBColor(86, 180, 233);
pub const BLUISH_GREEN: RGBColor = RGBColor(0, 158, 115);
pub const YELLOW: RGBColor = RGBColor(240, 228, 66);
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);

/// The marker of a priority class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Triangle,
    Square,
    Circle,
    Diamond,
}

/// How one priority class is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassStyle {
    pub colour: RGBColor,
    pub marker: Marker,
    /// Dash and gap lengths in pixels.
    pub dash: (u32, u32),
    /// The style in words, for captions ("vermillion ▲ and long dashes").
    pub words: Text,
}

/// The style of priority class `class` (`a`, `b`, `c`; any other key gets a fourth style).
pub fn class_style(class: &str) -> ClassStyle {
    match class {
        "a" => ClassStyle {
            colour: VERMILLION,
            marker: Marker::Triangle,
            dash: (14, 5),
            words: Text::new("朱色の▲と長い破線", "vermillion ▲ and long dashes"),
        },
        "b" => ClassStyle {
            colour: BLUE,
            marker: Marker::Square,
            dash: (6, 4),
            words: Text::new("青の■と短い破線", "blue ■ and short dashes"),
        },
        "c" => ClassStyle {
            colour: BLUISH_GREEN,
            marker: Marker::Circle,
            dash: (2, 4),
            words: Text::new("緑の●と点線", "green ● and dots"),
        },
        _ => ClassStyle {
            colour: PURPLE,
            marker: Marker::Diamond,
            dash: (10, 3),
            words: Text::new("桃色の◆と破線", "pink ◆ and dashes"),
        },
    }
}

/// The priority classes with a style of their own, in order.
pub const CLASSES: [&str; 3] = ["a", "b", "c"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_differs_in_colour_marker_and_dash() {
        let styles: Vec<ClassStyle> = CLASSES.iter().map(|c| class_style(c)).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a.colour, b.colour);
                assert_ne!(a.marker, b.marker);
                assert_ne!(a.dash, b.dash);
            }
        }
        assert_eq!(class_style("a").colour, VERMILLION);
        assert_eq!(class_style("x").marker, Marker::Diamond);
    }
}
