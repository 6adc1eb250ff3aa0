//! Laying out a letter or a card as a printable PDF.
//!
//! The text is set in DejaVu Sans, which is compiled into the plugin and embedded in
//! each PDF as a subset of the glyphs used (krilla does the subsetting and writes the
//! map back to Unicode, so the text can be searched and copied). DejaVu Sans covers
//! Latin with its accents, Greek and Cyrillic; a character it lacks (Chinese, Japanese
//! or Korean names, for instance) is refused with a message rather than printed as an
//! empty box.
//!
//! Layout is deliberately simple: the draft is already in the block format of a formal
//! letter (sender, date, recipient, salutation, body, closing), so each line of it is
//! set left-aligned, wrapped at word boundaries to the text width, and continued on a
//! new page when the page is full. No shaping engine is used: the scripts the font
//! covers need none for names and letters.

use krilla::Document;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

/// DejaVu Sans 2.37; see `fonts/LICENSE`.
const FONT_DATA: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// The font's name, for messages.
pub const FONT_NAME: &str = "DejaVu Sans";

/// The geometry of one kind of page, in PDF points (1/72 in).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageLayout {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Margin on every side.
    pub margin: f32,
    /// Font size.
    pub font_size: f32,
    /// Distance from one baseline to the next.
    pub leading: f32,
}

impl PageLayout {
    /// A formal letter on a sheet of `width` × `height`: one-inch margins, 11 pt text.
    pub fn letter(width: f32, height: f32) -> PageLayout {
        PageLayout { width, height, margin: 72.0, font_size: 11.0, leading: 15.5 }
    }

    /// A 5 × 7 in card (portrait): half-inch margins and larger text, as a handwritten
    /// card would have.
    pub fn card() -> PageLayout {
        PageLayout { width: 360.0, height: 504.0, margin: 36.0, font_size: 13.0, leading: 19.0 }
    }

    fn text_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    fn lines_per_page(&self) -> usize {
        let usable = self.height - 2.0 * self.margin - self.font_size;
        // At least one line fits on any page these constructors make.
        ((usable / self.leading).floor() as usize + 1).max(1)
    }
}

/// The font's glyphs and their widths, read once.
struct Metrics {
    charmap: Charmap<'static>,
    advances: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Metrics {
    fn new() -> Result<Metrics, String> {
        let font = FontRef::new(FONT_DATA)
            .map_err(|err| format!("the built-in font {FONT_NAME} cannot be read: {err}"))?;
        let units_per_em = font.head().map(|head| f32::from(head.units_per_em())).unwrap_or(1000.0);
        Ok(Metrics {
            charmap: font.charmap(),
            advances: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
        })
    }

    /// The glyph for `c`, if the font has one.
    fn glyph(&self, c: char) -> Option<skrifa::GlyphId> {
        self.charmap.map(c)
    }

    /// The advance of glyph `glyph`, in ems.
    fn advance(&self, glyph: skrifa::GlyphId) -> f32 {
        self.advances.advance_width(glyph).unwrap_or(0.0) / self.units_per_em
    }

    /// The width of `text` in ems.
    fn width(&self, text: &str) -> f32 {
        text.chars().filter_map(|c| self.glyph(c)).map(|g| self.advance(g)).sum()
    }

    /// The glyphs of one line, with their places in `text`, as krilla draws them.
    fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(at, c)| {
                let glyph = self.glyph(c).unwrap_or_default();
                KrillaGlyph::new(
                    GlyphId::new(glyph.to_u32()),
                    self.advance(glyph),
                    0.0,
                    0.0,
                    0.0,
                    at..at + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

/// The text as it is set: tabs as spaces, other control characters dropped.
fn printable(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|&c| c == '\n' || !c.is_control())
        .collect()
}

/// The characters of `text` the font cannot print, each once, in order.
fn missing_characters(metrics: &Metrics, text: &str) -> Vec<char> {
    let mut missing: Vec<char> = Vec::new();
    for c in text.chars() {
        if !c.is_whitespace() && metrics.glyph(c).is_none() && !missing.contains(&c) {
            missing.push(c);
        }
    }
    missing
}

/// Wraps one paragraph (a line of the draft) into lines no wider than `width` ems,
/// breaking at spaces, and inside a word only when the word alone is too wide.
fn wrap(metrics: &Metrics, paragraph: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    let space = metrics.width(" ");
    for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
        let word_width = metrics.width(word);
        let needed = if line.is_empty() { word_width } else { line_width + space + word_width };
        if needed <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            line_width = needed;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line_width = 0.0;
        if word_width <= width {
            line.push_str(word);
            line_width = word_width;
            continue;
        }
        // A word wider than the line (a long address): break it where it must.
        for c in word.chars() {
            let c_width = metrics.width(c.encode_utf8(&mut [0; 4]));
            if line_width + c_width > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(c);
            line_width += c_width;
        }
    }
    lines.push(line);
    lines
}

/// Lays `text` out on pages of `layout` and returns the PDF.
///
/// # Errors
///
/// Returns a message when the text has characters the font cannot print, or when the
/// PDF cannot be written.
pub fn render(text: &str, layout: PageLayout, title: &str) -> Result<Vec<u8>, String> {
    let metrics = Metrics::new()?;
    let text = printable(text);
    let missing = missing_characters(&metrics, &text);
    if !missing.is_empty() {
        let shown: String = missing.iter().take(8).collect();
        return Err(format!(
            "the letter's font, {FONT_NAME}, cannot print {shown:?}; change those characters in the interview (for example a name written in Latin letters), or send the letter from another program"
        ));
    }
    let width_in_ems = layout.text_width() / layout.font_size;
    let lines: Vec<String> =
        text.trim_end().split('\n').flat_map(|p| wrap(&metrics, p, width_in_ems)).collect();

    let font = Font::new(FONT_DATA.into(), 0)
        .ok_or_else(|| format!("the built-in font {FONT_NAME} cannot be loaded"))?;
    let page_settings = PageSettings::from_wh(layout.width, layout.height).ok_or_else(|| {
        format!("the page size {} × {} is not valid", layout.width, layout.height)
    })?;
    let mut document = Document::new();
    document.set_metadata(Metadata::new().title(title.to_string()).creator("followup".to_string()));
    for page_lines in lines.chunks(layout.lines_per_page()) {
        let mut page = document.start_page_with(page_settings.clone());
        let mut surface = page.surface();
        let mut baseline = layout.margin + layout.font_size;
        for line in page_lines {
            if !line.is_empty() {
                let glyphs = metrics.glyphs(line);
                surface.draw_glyphs(
                    Point::from_xy(layout.margin, baseline),
                    &glyphs,
                    font.clone(),
                    line,
                    layout.font_size,
                    false,
                );
            }
            baseline += layout.leading;
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|err| format!("the PDF could not be written: {err:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_at_spaces_within_the_width() {
        let metrics = Metrics::new().expect("the built-in font reads");
        let width = metrics.width("Thank you for meeting");
        let lines = wrap(&metrics, "Thank you for meeting with me today about the role.", width);
        assert_eq!(lines, ["Thank you for meeting", "with me today about", "the role."]);
        for line in &lines {
            assert!(metrics.width(line) <= width + f32::EPSILON, "{line:?} is too wide");
        }
        assert_eq!(wrap(&metrics, "", width), [""]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken() {
        let metrics = Metrics::new().expect("the built-in font reads");
        let width = metrics.width("abcde");
        assert_eq!(wrap(&metrics, "abcdefghij k", width), ["abcde", "fghij", "k"]);
    }

    #[test]
    fn accented_latin_greek_and_cyrillic_are_covered_and_cjk_is_refused() {
        let metrics = Metrics::new().expect("the built-in font reads");
        assert!(missing_characters(&metrics, "José Müller-Łukasiewicz, Ελένη, Дмитрий").is_empty());
        assert_eq!(missing_characters(&metrics, "佐藤 花子"), ['佐', '藤', '花', '子']);
        let error = render("Dear 佐藤", PageLayout::card(), "t").expect_err("CJK is refused");
        assert!(error.contains("DejaVu Sans") && error.contains('佐'), "{error}");
    }

    #[test]
    fn long_text_continues_on_a_second_page_and_output_is_stable() {
        let text = "A line of the letter.\n".repeat(60);
        let layout = PageLayout::letter(612.0, 792.0);
        assert!(layout.lines_per_page() < 60);
        let pdf = render(&text, layout, "t").expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(pdf, render(&text, layout, "t").expect("renders again"), "deterministic");
    }
}
