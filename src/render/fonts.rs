//! The report fonts, embedded in the binary from `fonts/` (see its README), parsed once per
//! process: Inter for the report, Noto Sans Hebrew and Arabic Droid Sans Fallback (Chinese,
//! Japanese) and NanumSquare (Korean) as fallbacks.

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};

/// The embedded font files by file name. The charts name this family (`charts::FONT_FAMILY`).
pub const EMBEDDED: [(&str, &[u8]); 12] = [
    (
        "Inter-Regular.otf",
        include_bytes!("../../fonts/Inter-Regular.otf"),
    ),
    (
        "Inter-Italic.otf",
        include_bytes!("../../fonts/Inter-Italic.otf"),
    ),
    (
        "Inter-SemiBold.otf",
        include_bytes!("../../fonts/Inter-SemiBold.otf"),
    ),
    (
        "Inter-Bold.otf",
        include_bytes!("../../fonts/Inter-Bold.otf"),
    ),
    (
        "Inter-BoldItalic.otf",
        include_bytes!("../../fonts/Inter-BoldItalic.otf"),
    ),
    (
        "NotoSansHebrew-Regular.ttf",
        include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
    ),
    (
        "NotoSansHebrew-Bold.ttf",
        include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf"),
    ),
    (
        "NotoSansArabic-Regular.ttf",
        include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold.ttf",
        include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
    ),
    (
        "DroidSansFallbackFull.ttf",
        include_bytes!("../../fonts/DroidSansFallbackFull.ttf"),
    ),
    (
        "NanumSquareR.ttf",
        include_bytes!("../../fonts/NanumSquareR.ttf"),
    ),
    (
        "NanumSquareB.ttf",
        include_bytes!("../../fonts/NanumSquareB.ttf"),
    ),
];

/// Every face of the embedded files, in the order the font book indexes them.
pub fn embedded() -> Vec<Font> {
    EMBEDDED
        .iter()
        .flat_map(|(_, bytes)| Font::iter(Bytes::new(*bytes)))
        .collect()
}

/// The faces of the font files (`.ttf`, `.otf`, `.ttc`, `.otc`) in `folders` and the folders
/// inside them; an error names a folder that cannot be read or holds no font.
pub fn from_folders(folders: &[std::path::PathBuf]) -> crate::Result<Vec<Font>> {
    let mut fonts = Vec::new();
    for folder in folders {
        if !folder.is_dir() {
            return Err(crate::Error::Usage(format!(
                "--font-path {}: no such folder",
                folder.display()
            )));
        }
        let before = fonts.len();
        let mut unreadable = Vec::new();
        let mut stack = vec![(folder.clone(), 0)];
        while let Some((dir, depth)) = stack.pop() {
            let entries = std::fs::read_dir(&dir).map_err(|source| crate::Error::Io {
                path: dir.clone(),
                action: "read the font folder",
                source,
            })?;
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                if path.is_dir() && depth < 4 {
                    stack.push((path, depth + 1));
                    continue;
                }
                let is_font = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str())
                });
                if !is_font {
                    continue;
                }
                let faces = std::fs::read(&path).map_or(0, |bytes| {
                    let found = fonts.len();
                    fonts.extend(Font::iter(Bytes::new(bytes)));
                    fonts.len() - found
                });
                if faces == 0 {
                    unreadable.push(path.display().to_string());
                }
            }
        }
        if fonts.len() == before {
            return Err(crate::Error::Usage(match unreadable.as_slice() {
                [] => format!(
                    "--font-path {}: no font files (.ttf, .otf, .ttc) in it",
                    folder.display()
                ),
                files => format!(
                    "--font-path {}: no font could be read from {}",
                    folder.display(),
                    files.join(", ")
                ),
            }));
        }
    }
    Ok(fonts)
}

/// The book Typst looks fonts up in, listing `fonts` in order.
pub fn book(fonts: &[Font]) -> FontBook {
    FontBook::from_fonts(fonts)
}

/// The characters of `text` that no font in `fonts` has a glyph for, each once, in order.
/// Typst leaves such characters out of the PDF without a word, so we say so first.
pub fn uncovered(text: &str, fonts: &[Font]) -> Vec<char> {
    let mut missing: Vec<char> = Vec::new();
    for c in text.chars() {
        let invisible = c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FE0F}'
            );
        if invisible || missing.contains(&c) {
            continue;
        }
        if !fonts.iter().any(|f| f.info().coverage.contains(c as u32)) {
            missing.push(c);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_family_has_regular_bold_and_italic() {
        let fonts = embedded();
        assert_eq!(fonts.len(), 12);
        assert!(fonts[..5].iter().all(|f| f.info().family == "Inter"));
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

    #[test]
    fn hebrew_arabic_and_cjk_are_covered_and_the_rest_is_named() {
        let fonts = embedded();
        assert!(uncovered("Ωmega Лабс שלום مرحبا 华东 東京ロジ 서울물류", &fonts).is_empty());
        assert_eq!(uncovered("Acme 日本 🚀 ☃ 🚀", &fonts), ['🚀', '☃']);
    }
}
