//! The report fonts: Inter, embedded in the binary from `fonts/`, parsed once per process.

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};

/// The embedded font files. The charts name this family (`charts::FONT_FAMILY`).
const EMBEDDED: [&[u8]; 5] = [
    include_bytes!("../../fonts/Inter-Regular.otf"),
    include_bytes!("../../fonts/Inter-Italic.otf"),
    include_bytes!("../../fonts/Inter-SemiBold.otf"),
    include_bytes!("../../fonts/Inter-Bold.otf"),
    include_bytes!("../../fonts/Inter-BoldItalic.otf"),
];

/// Every face of the embedded files, in the order the font book indexes them.
pub fn embedded() -> Vec<Font> {
    EMBEDDED
        .iter()
        .flat_map(|bytes| Font::iter(Bytes::new(*bytes)))
        .collect()
}

/// The book Typst looks fonts up in, listing `fonts` in order.
pub fn book(fonts: &[Font]) -> FontBook {
    FontBook::from_fonts(fonts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_family_has_regular_bold_and_italic() {
        let fonts = embedded();
        assert_eq!(fonts.len(), 5);
        assert!(fonts.iter().all(|f| f.info().family == "Inter"));
        let book = book(&fonts);
        assert!(book.contains_family("inter"));
    }

    #[test]
    fn the_embedded_family_covers_latin_greek_and_cyrillic() {
        let regular = &embedded()[0];
        for c in ['é', 'ß', 'Ω', 'λ', 'Ж', 'я', '€', '−', '↑', '↓', '·', '–'] {
            assert!(
                regular.info().coverage.contains(c as u32),
                "no glyph for {c}"
            );
        }
    }
}
