//! The bundled Japanese font, registered with plotters once per process.

use std::sync::OnceLock;

use plotters::style::FontStyle;

/// IPAexGothic (`reports/fonts/ipaexg.ttf`, IPA Font License v1.0: redistributed unmodified,
/// under its own file name, with the licence in `reports/fonts/`).
pub static FONT_BYTES: &[u8] = include_bytes!("../../fonts/ipaexg.ttf");

/// The name the font is registered under. plotters' SVG backend writes this name into
/// `font-family` as it is, so it is a CSS font list: the bundled font first, then common
/// Japanese system fonts, for SVG viewers; PNG charts always use the bundled font.
pub const FONT_FAMILY: &str =
    "IPAexGothic, IPAexゴシック, Hiragino Sans, Yu Gothic, Meiryo, Noto Sans CJK JP, sans-serif";

static REGISTERED: OnceLock<bool> = OnceLock::new();

/// Registers the bundled font with plotters (once); false if the font data is unusable.
pub fn ensure_font() -> bool {
    *REGISTERED.get_or_init(|| {
        let normal = plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_BYTES);
        let bold = plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, FONT_BYTES);
        normal.is_ok() && bold.is_ok()
    })
}
