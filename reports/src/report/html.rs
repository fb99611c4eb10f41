//! The self-contained HTML report: charts as base64 PNG (drawn with the bundled font, so the
//! Japanese labels do not depend on the reader's fonts), no scripts, no network, A4 print CSS.

use bcpsim_engine::Lang;

use super::Table;
use super::document::Document;
use crate::charts::style::{CLASSES, class_style};
use crate::charts::{ChartError, ChartSpec, render_png};
use crate::i18n::{self, Text};

const CSS: &str = "\
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: 'IPAexGothic', 'IPAexゴシック', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', \
'Noto Sans CJK JP', sans-serif; color: #000; background: #fff; margin: 0 auto; max-width: 190mm; \
line-height: 1.55; font-size: 11pt; }
h1 { font-size: 20pt; margin: 0 0 6pt; border-bottom: 2pt solid #000; }
h2 { font-size: 15pt; margin: 14pt 0 6pt; border-left: 6pt solid #0072B2; padding-left: 6pt; }
section.page { break-before: page; page-break-before: always; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; }
th, td { border: 0.75pt solid #444; padding: 3pt 6pt; text-align: left; vertical-align: top; }
th { background: #eee; }
table.key th { width: 36%; }
table.key td.value { font-size: 13pt; font-weight: bold; }
caption { text-align: left; font-weight: bold; padding: 2pt 0; }
figure { margin: 0 0 12pt; break-inside: avoid; page-break-inside: avoid; }
figure img { width: 100%; height: auto; border: 0.5pt solid #999; }
figcaption { font-size: 10pt; }
footer { margin-top: 18pt; font-size: 9pt; color: #333; border-top: 0.5pt solid #999; }
@media print { body { max-width: none; } \
figure img { width: auto; max-width: 100%; max-height: 225mm; } }
";

/// How to read each chart, shown under it: what its lines and marks are, how each priority
/// class is drawn (from the charts' one [`class_style`]), and on a time axis whose first
/// 72 hours are drawn wider, that they are.
pub fn chart_caption(spec: &ChartSpec, lang: Lang) -> String {
    let mut caption = match spec {
        ChartSpec::Safety(d) => {
            let classes = CLASSES
                .iter()
                .map(|c| {
                    CLASS_STYLE.fill(lang, &[&c.to_uppercase(), &class_style(c).words.get(lang)])
                })
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "));
            if d.median {
                SAFETY_BATCH.fill(lang, &[&classes])
            } else {
                SAFETY_RUN.fill(lang, &[&classes])
            }
        }
        ChartSpec::Forest(d) if d.continued() => FOREST_CONTINUED.get(lang).to_string(),
        _ => fixed_caption(spec).get(lang).to_string(),
    };
    if spec.time_axis().is_some_and(|a| a.widened()) {
        caption.push_str(lang.pick("", " "));
        caption.push_str(WIDE_AXIS.get(lang));
    }
    caption
}

/// A class and its style in words: "A は朱色の▲と長い破線".
const CLASS_STYLE: Text = Text::new("{}は{}", "class {} {}");
const SAFETY_BATCH: Text = Text::new(
    "安否確認が済んだ利用者の割合：黒い実線は全利用者の中央値、薄い青の帯は5〜95%の範囲。優先度ごとの6・24・72時間時点の中央値を記号で示します（優先度{}。線は実行ごとの記録がないため引いていません）。灰色の縦線は24時間です。",
    "Share of patients confirmed safe: the median over the runs for all patients (solid black) with the 5–95 % range (light blue band); each priority class as its medians at 6, 24 and 72 h ({}; a batch keeps no line per class). The grey vertical line is 24 h.",
);
const SAFETY_RUN: Text = Text::new(
    "安否確認が済んだ利用者の割合。黒い実線は全利用者、優先度ごとの線は{}で、記号は6・24・72時間時点です。灰色の縦線は24時間で、優先度Aはそれまでに全員の確認が必要です。",
    "Share of patients confirmed safe: all patients (solid black) and each priority class ({}), its marks at 6, 24 and 72 h. The grey vertical line is 24 h, by which every class-A patient should be confirmed.",
);
const FOREST_CONTINUED: Text = Text::new(
    "前のグラフの続きです（読み方は同じ）。",
    "Continued from the previous chart (read it the same way).",
);
const WIDE_AXIS: Text = Text::new(
    "横軸は、判断が集中する最初の72時間（灰色の背景）を広げて時間で、それ以降を日数で示します。",
    "The time axis draws the first 72 hours (grey background), where the decisions are, wider and in hours; the rest in days.",
);

/// The captions that depend on nothing but the chart's kind.
fn fixed_caption(spec: &ChartSpec) -> Text {
    match spec {
        ChartSpec::Attendance(d) if d.median => Text::new(
            "青い実線が全実行の中央値、薄い青の帯が5〜95%の範囲（通常の1日あたり勤務者数 W に対する割合）、黒い破線が計画の出勤想定です。帯全体が破線より下にある時間帯は、ほとんどの災害で計画が想定する人数がそろいません。",
            "The solid blue line is the median over the runs and the light blue band the 5–95 % range (share of the normal daily staff W); the dashed black line is the plan's curve. Where the whole band is below the dashed line, the plan counts on staff that almost no disaster leaves it.",
        ),
        ChartSpec::Stocks(d) if d.median => Text::new(
            "品目ごとに、残量の中央値（青い実線）と5〜95%の範囲（薄い青の帯）を初期量に対する割合で示します。黒い破線は計画の備蓄想定（計画で定めたもの。定めていなければサンプル計画の発災時100%、6時間90%、1日70%、3日20%、7日70%、1か月90%）、×印は半数を超える実行で在庫切れが起きた品目の在庫切れ時点の中央値です。",
            "Each item's median quantity (solid blue) and 5–95 % range (light blue band), as a share of the initial quantity. The dashed black line is the plan's stock assumption (as the plan sets it; if it sets none, the sample plan's 100 % at onset, 90 % at 6 h, 70 % at 1 day, 20 % at 3 days, 70 % at 7 days, 90 % at 1 month); × marks the median stock-out hour of items that ran out in more than half of the runs.",
        ),
        ChartSpec::Attendance(_) => Text::new(
            "青い実線が出勤した職員（通常の1日あたり勤務者数 W に対する割合）、黒い破線が計画の出勤想定です。実線が破線より下にある時間帯は、計画が想定する人数で業務を組めません。",
            "The solid blue line is staff present (share of the normal daily staff W); the dashed black line is the plan's curve. Where the solid line is below the dashed one, the plan counts on staff it does not have.",
        ),
        ChartSpec::Lifelines(_) => Text::new(
            "地域とライフラインごとに、停止（濃い色）と一部停止・低下（薄い色）の期間を示します。空白は正常です。",
            "For each zone and lifeline: out (dark) and degraded (light) periods; blank means up.",
        ),
        ChartSpec::Stocks(_) => Text::new(
            "品目ごとに、残量を初期量に対する割合で示します（青い実線）。黒い破線は計画の備蓄想定（計画で定めたもの。定めていなければサンプル計画の発災時100%、6時間90%、1日70%、3日20%、7日70%、1か月90%）、×印は在庫切れの時点です。",
            "Each item's quantity as a share of its initial quantity (solid blue). The dashed black line is the plan's stock assumption (as the plan sets it; if it sets none, the sample plan's 100 % at onset, 90 % at 6 h, 70 % at 1 day, 20 % at 3 days, 70 % at 7 days, 90 % at 1 month); × marks the stock-out.",
        ),
        // Written from the class styles by `chart_caption`.
        ChartSpec::Safety(_) => Text::new("", ""),
        ChartSpec::Depleted(_) => Text::new(
            "停電中に機器のバッテリーが尽き、電源のない利用者の人数（塗りつぶし）。上の帯は出来事の時点で、×はバッテリーが尽きた時点、▲は訪問で電源（ポータブル電源など）を届けた時点です（帯の中の高さに意味はありません）。",
            "Patients at zero battery without power (filled area). The strip above marks moments: × a battery running out, ▲ a visit bringing power (portable power station, car inverter); height within the strip means nothing.",
        ),
        ChartSpec::Margins(_) => Text::new(
            "電源が必要な機器を使う優先度Aの利用者ごとに、満充電での持続時間（薄い青）と、停電中に最も減ったときの残り時間（濃い青）を右に、バッテリー切れで電源がなかった時間（朱色）を左に示します。濃い青が短い利用者ほど余裕がなく、朱色のある利用者は危険な状態になりました。上から危険な順です。",
            "For each class-A patient on a power-dependent device: the full battery life (light blue) and the least battery left during outages (dark blue) to the right, and the hours at zero battery without power (vermillion) to the left. A short dark bar means little margin; a vermillion bar means the patient was in danger. The most endangered come first.",
        ),
        ChartSpec::Visits(_) => Text::new(
            "ケア区分ごとの訪問の需要（薄い色）と実施（濃い色）の件数。差が未実施です。",
            "Demands per care category (light) and those delivered by a visit (dark); the gap was not delivered.",
        ),
        ChartSpec::Forest(_) => Text::new(
            "指標ごとに、同じ災害での差（比較案 − 基準）の平均と95%信頼区間を比較案ごとに示します。指標ごとに単位が異なるため、それぞれ別の横軸です。●（青）は区間全体が改善側、▲（朱色）は悪化側、○は区間が破線（差なし）をまたぎ、差がはっきりしないことを示します。",
            "Per metric, each variant's mean paired difference (variant − base, same disasters) with its 95 % confidence interval; each metric has its own axis, as their units differ. ● (blue): the whole interval is on the better side; ▲ (vermillion): on the worse side; ○: the interval crosses the dashed line (no difference), so the difference is unclear.",
        ),
    }
}

/// Standard base64 (RFC 4648) with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn table(t: &Table, class: &str, out: &mut String) {
    out.push_str(&format!(
        "<table class=\"{class}\"><caption>{}</caption><thead><tr>",
        escape(&t.caption)
    ));
    for h in &t.header {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&format!("<td>{}</td>", escape(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// Options of the HTML report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Embed the bundled IPAexGothic (base64, about 8 MB) so that the page's own text shows in
    /// Japanese even where no Japanese font is installed. Off by default: the charts carry
    /// their own glyphs as PNG, and Windows and macOS have Japanese fonts.
    pub embed_font: bool,
}

/// Checks, after the page has loaded, that every chart image decoded, and records the count
/// on `<body data-charts-loaded="n/m">` (read by the browser test; harmless in print).
const SELF_CHECK: &str = "window.addEventListener('load',function(){\
var i=document.querySelectorAll('figure.chart img'),n=0;\
for(var k=0;k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0){n++;}}\
document.body.setAttribute('data-charts-loaded',n+'/'+i.length);});";

/// The document head (title, CSS, optional font) and the `<header>` with the `<h1>`, left open
/// for the caller's paragraph.
fn page_start(title: &str, subject: &str, lang: Lang, options: HtmlOptions) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{} — {}</title>\n<style>\n{}{CSS}</style>\n<script>{SELF_CHECK}</script>\n</head>\n<body>\n",
        lang.pick("ja", "en"),
        escape(title),
        escape(subject),
        if options.embed_font {
            format!(
                "@font-face {{ font-family: 'IPAexGothic'; \
src: url(data:font/ttf;base64,{}) format('truetype'); }}\n",
                base64(crate::charts::FONT_BYTES)
            )
        } else {
            String::new()
        }
    );
    out.push_str(&format!(
        "<header>\n<h1 id=\"title\">{}</h1>\n",
        escape(title)
    ));
    out
}

/// One chart as a `<figure>` with the PNG embedded and `caption` under it.
fn figure(spec: &ChartSpec, caption: &str, lang: Lang) -> Result<String, ChartError> {
    let png = render_png(spec, lang)?;
    let (w, h) = spec.size();
    let name = spec.title(lang);
    Ok(format!(
        "<figure class=\"chart\" id=\"chart-{}\">\n<img alt=\"{}\" width=\"{w}\" height=\"{h}\" \
src=\"data:image/png;base64,{}\">\n<figcaption>{}</figcaption>\n</figure>\n",
        spec.id(),
        escape(&name),
        base64(&png),
        escape(caption)
    ))
}

/// A report as one self-contained HTML page: title, scenario and plan, key figures, charts,
/// assumptions.
pub fn render_html(doc: &Document, lang: Lang, options: HtmlOptions) -> Result<String, ChartError> {
    let mut out = page_start(&doc.title, &doc.subject, lang, options);
    out.push_str(&format!(
        "<p id=\"scenario\">{}</p>\n</header>\n",
        escape(&doc.paragraph)
    ));

    out.push_str(&format!(
        "<section id=\"key-figures\">\n<h2>{}</h2>\n",
        escape(i18n::REPORT_SECTION_KEY.get(lang))
    ));
    if !doc.key_figures.is_empty() {
        out.push_str("<table class=\"key\"><tbody>\n");
        for kf in &doc.key_figures {
            out.push_str(&format!(
                "<tr><th>{}</th><td class=\"value\">{}</td></tr>\n",
                escape(&kf.label),
                escape(&kf.value)
            ));
        }
        out.push_str("</tbody></table>\n");
    }
    for t in &doc.key_tables {
        out.push_str(&format!("<p>{}</p>\n", escape(&t.lead)));
        table(&t.table, t.class, &mut out);
    }
    out.push_str("</section>\n");

    if !doc.charts.is_empty() {
        out.push_str(&format!(
            "<section id=\"charts\" class=\"page\">\n<h2>{}</h2>\n",
            escape(i18n::REPORT_SECTION_CHARTS.get(lang))
        ));
        for (spec, caption) in &doc.charts {
            out.push_str(&figure(spec, caption, lang)?);
        }
        out.push_str("</section>\n");
    }

    if let Some(a) = &doc.assumptions {
        out.push_str(&format!(
            "<section id=\"assumptions\" class=\"page\">\n<h2>{}</h2>\n<p>{}</p>\n",
            escape(i18n::REPORT_SECTION_ASSUMPTIONS.get(lang)),
            escape(&a.sentence)
        ));
        for (class, t) in &a.tables {
            table(t, class, &mut out);
        }
        if let Some(note) = &a.note {
            out.push_str(&format!("<p>{}</p>\n", escape(note)));
        }
        out.push_str("</section>\n");
    }
    out.push_str(&format!(
        "<footer>{}</footer>\n</body>\n</html>\n",
        escape(&doc.footer)
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe]), "//4=");
    }

    #[test]
    fn captions_name_no_fields_and_describe_the_class_styles() {
        use crate::charts::{SafetyData, StockData};
        let stocks = ChartSpec::Stocks(StockData {
            horizon: 720.0,
            ..StockData::default()
        });
        for lang in [Lang::Ja, Lang::En] {
            let caption = chart_caption(&stocks, lang);
            assert!(!caption.contains("stock_curve"), "{caption}");
            assert!(!caption.contains('_'), "{caption}");
        }
        // A month: the caption says the first 72 hours are drawn wider; two days: not.
        assert!(chart_caption(&stocks, Lang::En).contains("first 72 hours"));
        let short = ChartSpec::Stocks(StockData {
            horizon: 48.0,
            ..StockData::default()
        });
        assert!(!chart_caption(&short, Lang::En).contains("first 72 hours"));
        // The run's and the batch's safety captions describe class A alike.
        for median in [false, true] {
            let spec = ChartSpec::Safety(SafetyData {
                median,
                ..SafetyData::default()
            });
            assert!(chart_caption(&spec, Lang::Ja).contains("Aは朱色の▲と長い破線"));
            assert!(
                chart_caption(&spec, Lang::En).contains("class A vermillion ▲ and long dashes")
            );
        }
    }

    #[test]
    fn escape_covers_markup() {
        assert_eq!(escape("<a & \"b\">'"), "&lt;a &amp; &quot;b&quot;&gt;&#39;");
    }
}
