//! The account's logo: read once with limits, checked to decode, and made no larger than
//! print needs, so a broken file is an input error naming its path and a 4000-pixel photo does
//! not make every PDF heavy.

use std::io::Read;
use std::path::Path;

/// An image file the account refers to, known to decode, at most [`PRINT_SIDE`] pixels a side
/// when it is a raster image.
#[derive(Debug, Clone)]
pub struct Logo {
    pub bytes: Vec<u8>,
    /// `png`, `jpg`, `webp` or `svg`: how the world names the file, so Typst reads it as such.
    pub extension: &'static str,
    /// Width and height in pixels of the file as read, for a raster image.
    pub pixels: Option<(u32, u32)>,
    /// For an SVG: the text it writes (its `<text>` elements), drawn with the report's fonts.
    pub text: String,
    /// For an SVG: whether it has see-through parts (opacity below 1, masks, transparent
    /// gradients or images), which PDF/A-1b cannot hold.
    pub see_through: bool,
    /// For an SVG: its size in its own units, which PDF/A-1b limits to 32,767.
    pub svg_size: Option<(f32, f32)>,
}

/// The largest number PDF/A-1b allows in a file (PDF 1.4's implementation limit).
pub const PDF_A1_LARGEST: f32 = 32767.0;

impl Logo {
    /// Why the logo cannot go into a PDF/A-1b file, or `None`.
    pub fn not_for_pdf_a1(&self) -> Option<String> {
        if self.see_through {
            return Some(
                "the SVG logo has see-through parts (opacity, masks or transparent gradients), \
                 which PDF/A-1b does not allow"
                    .into(),
            );
        }
        let (w, h) = self.svg_size?;
        (w.max(h) > PDF_A1_LARGEST).then(|| {
            format!("the SVG logo is {w}×{h} units; PDF/A-1b holds no number over {PDF_A1_LARGEST}")
        })
    }
}

/// A raster logo with no side this long prints visibly blurred at the size the templates set
/// it (34 pt high: 71 pixels at 150 ppi).
pub const BLURRED_BELOW: u32 = 100;

/// Wider than this many times its height (or higher than wide), a logo set in the templates'
/// 130 by 34 pt box is under 17 pt high: a strip, its text unreadable.
pub const LONGEST_RATIO: f32 = 8.0;

impl Logo {
    /// A warning when the logo will not print well: too few pixels to be sharp, or so much
    /// wider than high (or higher than wide) that at the templates' size it is a thin strip.
    pub fn print_warning(&self) -> Option<String> {
        if let Some((w, h)) = self.pixels
            && w.max(h) < BLURRED_BELOW
        {
            return Some(format!(
                "the logo is only {w}×{h} pixels and will print blurred; use one at least 300 \
                 pixels wide, or an SVG"
            ));
        }
        let (w, h) = self
            .pixels
            .map(|(w, h)| (w as f32, h as f32))
            .or(self.svg_size)?;
        let ratio = w.max(h) / w.min(h).max(f32::MIN_POSITIVE);
        (ratio > LONGEST_RATIO).then(|| {
            format!(
                "the logo is {ratio:.0} times as {} as it is {}; the report fits it in at most \
                 130 by 34 pt, where it prints as a thin strip; use a logo no more than {} \
                 times as wide as high",
                if w >= h { "wide" } else { "high" },
                if w >= h { "high" } else { "wide" },
                LONGEST_RATIO as u32
            )
        })
    }
}

/// Largest logo file and image accepted: generous for a logo, and bounded so a wrong path
/// (a device, a photo archive) cannot exhaust memory.
const MAX_BYTES: u64 = 10 * 1024 * 1024;
const MAX_SIDE: u32 = 4000;

/// Longest side a raster logo keeps. The templates print a logo at most 130 pt wide and 34 pt
/// high: 542 by 142 pixels at 300 ppi. Larger logos are scaled down to this, with room to spare.
pub const PRINT_SIDE: u32 = 1200;

/// Read the logo at `path`: PNG, JPEG, WebP or SVG. A raster image larger than print needs
/// is scaled down (PNG and WebP to PNG, JPEG to JPEG); the message of an error names the path.
pub fn read(path: &Path) -> Result<Logo, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the logo {shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("the logo {shown} is not a file"));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "the logo {shown} is {:.1} MB; logos up to {} MB are supported",
            meta.len() as f64 / 1048576.0,
            MAX_BYTES / 1048576
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read the logo {shown}: {e}"))?;
    if looks_like_svg(&bytes) {
        let options = usvg::Options::default();
        let tree = usvg::Tree::from_data(&bytes, &options)
            .map_err(|e| format!("the logo {shown} is not a valid SVG image: {e}"))?;
        if let Some(href) = outside_reference(&String::from_utf8_lossy(&bytes)) {
            return Err(format!(
                "the logo {shown} draws the file {href:?}, which the report cannot reach; \
                 export the SVG with its images embedded"
            ));
        }
        let text = svg_text(&String::from_utf8_lossy(&bytes));
        let size = tree.size();
        return Ok(Logo {
            see_through: see_through(tree.root()) || svg_uses_opacity(&bytes),
            svg_size: Some((size.width(), size.height())),
            bytes,
            extension: "svg",
            pixels: None,
            text,
        });
    }
    let (format, extension) = match image::guess_format(&bytes) {
        Ok(image::ImageFormat::Png) => (image::ImageFormat::Png, "png"),
        Ok(image::ImageFormat::Jpeg) => (image::ImageFormat::Jpeg, "jpg"),
        Ok(image::ImageFormat::WebP) => (image::ImageFormat::WebP, "webp"),
        _ => {
            return Err(format!(
                "the logo {shown} is not a PNG, JPEG, WebP or SVG image"
            ));
        }
    };
    let reader = || image::ImageReader::with_format(std::io::Cursor::new(&bytes), format);
    let (width, height) = reader()
        .into_dimensions()
        .map_err(|e| format!("the logo {shown} cannot be decoded: {e}"))?;
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!(
            "the logo {shown} is {width}×{height} pixels; use one at most {MAX_SIDE} pixels a side"
        ));
    }
    let decoded = reader()
        .decode()
        .map_err(|e| format!("the logo {shown} cannot be decoded: {e}"))?;
    // A CMYK JPEG has no colour profile a PDF/A file could carry, and viewers show its
    // colours differently: it is written again as RGB, losslessly, as PNG.
    let cmyk = format == image::ImageFormat::Jpeg && jpeg_components(&bytes) == Some(4);
    if width.max(height) <= PRINT_SIDE && !cmyk {
        return Ok(Logo {
            bytes,
            extension,
            pixels: Some((width, height)),
            ..Logo::raster()
        });
    }
    // Larger than print needs: scale to fit, and write it again.
    let smaller = if width.max(height) > PRINT_SIDE {
        decoded.resize(
            PRINT_SIDE,
            PRINT_SIDE,
            image::imageops::FilterType::Lanczos3,
        )
    } else {
        decoded
    };
    let mut out = std::io::Cursor::new(Vec::new());
    let (format, extension) = match format {
        image::ImageFormat::Jpeg if !cmyk => (image::ImageFormat::Jpeg, "jpg"),
        _ => (image::ImageFormat::Png, "png"),
    };
    let written = match format {
        // JPEG has no alpha: a JPEG source never had any.
        image::ImageFormat::Jpeg => smaller.to_rgb8().write_to(&mut out, format),
        _ => smaller.write_to(&mut out, format),
    };
    written.map_err(|e| format!("the logo {shown} could not be written again: {e}"))?;
    Ok(Logo {
        bytes: out.into_inner(),
        extension,
        pixels: Some((width, height)),
        ..Logo::raster()
    })
}

/// A PNG or WebP image at `path` (by its ending) with its transparent parts laid on white,
/// in the same format; `None` for other files and for images without an alpha channel.
pub fn on_white(bytes: &[u8], path: &str) -> Option<Result<Vec<u8>, String>> {
    let format = match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("png") => image::ImageFormat::Png,
        Some("webp") => image::ImageFormat::WebP,
        _ => return None,
    };
    let decoded = match image::load_from_memory_with_format(bytes, format) {
        Ok(decoded) => decoded,
        Err(e) => return Some(Err(format!("the image cannot be decoded: {e}"))),
    };
    if !decoded.color().has_alpha() {
        return None;
    }
    let mut flat = image::RgbImage::new(decoded.width(), decoded.height());
    for (out, image::Rgba([r, g, b, a])) in flat.pixels_mut().zip(decoded.to_rgba8().pixels()) {
        let over = |c: u8| {
            let (c, a) = (u32::from(c), u32::from(*a));
            ((c * a + 255 * (255 - a) + 127) / 255) as u8
        };
        *out = image::Rgb([over(*r), over(*g), over(*b)]);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    Some(
        flat.write_to(&mut out, format)
            .map(|()| out.into_inner())
            .map_err(|e| format!("the image cannot be written again: {e}")),
    )
}

/// How many colour components a JPEG's frame has (1 grey, 3 RGB, 4 CMYK), read from its first
/// start-of-frame marker; `None` when the markers cannot be followed.
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut at = 2; // after SOI
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1; // fill byte
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        // SOF0 to SOF15, but not DHT (C4), JPG (C8) or DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            return bytes.get(at + 9).copied();
        }
        if marker == 0xDA {
            return None; // start of scan before any frame
        }
        at += 2 + length;
    }
    None
}

impl Logo {
    /// The SVG-only fields of a raster logo.
    fn raster() -> Logo {
        Logo {
            bytes: Vec::new(),
            extension: "png",
            pixels: None,
            text: String::new(),
            see_through: false,
            svg_size: None,
        }
    }
}

/// The characters an SVG writes: the content of its `<text>` elements (and their `<tspan>`s),
/// with character references decoded.
fn svg_text(svg: &str) -> String {
    let mut out = String::new();
    for (at, _) in svg.match_indices("<text") {
        let Some(open_end) = svg[at..].find('>') else {
            break;
        };
        let body = &svg[at + open_end + 1..];
        let body = &body[..body.find("</text>").unwrap_or(body.len())];
        // Drop the tags inside (tspan), keep their text.
        let mut inside_tag = false;
        let mut plain = String::new();
        for c in body.chars() {
            match c {
                '<' => inside_tag = true,
                '>' => inside_tag = false,
                c if !inside_tag => plain.push(c),
                _ => {}
            }
        }
        out.push_str(&decode_references(&plain));
        out.push(' ');
    }
    out
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NNN;` and `&#xHH;` decoded.
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|e| *e < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether anything in `group` is drawn see-through.
fn see_through(group: &usvg::Group) -> bool {
    let paint = |paint: &usvg::Paint| match paint {
        usvg::Paint::Color(_) => false,
        usvg::Paint::LinearGradient(g) => g.stops().iter().any(|s| s.opacity().get() < 1.0),
        usvg::Paint::RadialGradient(g) => g.stops().iter().any(|s| s.opacity().get() < 1.0),
        usvg::Paint::Pattern(p) => see_through(p.root()),
    };
    if group.opacity().get() < 1.0 || group.mask().is_some() || !group.filters().is_empty() {
        return true;
    }
    group.children().iter().any(|node| match node {
        usvg::Node::Group(g) => see_through(g),
        usvg::Node::Path(p) => {
            p.fill()
                .is_some_and(|f| f.opacity().get() < 1.0 || paint(f.paint()))
                || p.stroke()
                    .is_some_and(|s| s.opacity().get() < 1.0 || paint(s.paint()))
        }
        usvg::Node::Image(image) => match image.kind() {
            usvg::ImageKind::SVG(tree) => see_through(tree.root()),
            usvg::ImageKind::JPEG(_) => false,
            usvg::ImageKind::PNG(data)
            | usvg::ImageKind::GIF(data)
            | usvg::ImageKind::WEBP(data) => {
                image::load_from_memory(data).map_or(true, |i| i.color().has_alpha())
            }
        },
        usvg::Node::Text(text) => see_through(text.flattened()),
    })
}

/// Whether the SVG's source sets an opacity below 1 anywhere (text the parse above may not
/// keep as a node, having no fonts to shape it with, still carries its opacity).
fn svg_uses_opacity(bytes: &[u8]) -> bool {
    let svg = String::from_utf8_lossy(bytes);
    ["opacity=\"", "opacity:", "opacity='"].iter().any(|key| {
        svg.match_indices(key).any(|(at, _)| {
            let value: String = svg[at + key.len()..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '%')
                .collect();
            match value.strip_suffix('%') {
                Some(percent) => percent.parse::<f32>().is_ok_and(|v| v < 100.0),
                None => value.parse::<f32>().is_ok_and(|v| v < 1.0),
            }
        })
    })
}

/// The first `<image>` of an SVG that names a file instead of carrying its data.
fn outside_reference(svg: &str) -> Option<String> {
    svg.match_indices("<image").find_map(|(at, _)| {
        let tag = &svg[at..at + svg[at..].find('>').unwrap_or(svg.len() - at)];
        let start = tag.find("href=")? + "href=".len();
        let quote = tag[start..].chars().next()?;
        let value = tag[start + 1..].split(quote).next()?;
        (!value.trim_start().starts_with("data:")).then(|| value.to_owned())
    })
}

/// Whether `bytes` start like an SVG file: UTF-8 text whose first element is `<svg`, after an
/// optional XML declaration, comments and a doctype.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let Ok(text) = std::str::from_utf8(head).or_else(|e| {
        // A multi-byte character may be cut at the 4096th byte.
        std::str::from_utf8(&head[..e.valid_up_to()])
    }) else {
        return false;
    };
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if rest.starts_with("<svg") {
            return true;
        }
        let skip = ["<?", "<!--", "<!"]
            .iter()
            .find(|open| rest.starts_with(**open))
            .and_then(|open| {
                let close = if *open == "<!--" { "-->" } else { ">" };
                rest.find(close).map(|at| at + close.len())
            });
        match skip {
            Some(at) => rest = rest[at..].trim_start(),
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba([20, 60, 120, 255]));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_large_raster_logo_is_scaled_down_to_what_print_needs() {
        let dir = tempfile::tempdir().unwrap();
        let logo = read(&write(dir.path(), "wide.png", &png(3000, 1000))).unwrap();
        assert_eq!(logo.extension, "png");
        let (w, h) = image::load_from_memory(&logo.bytes)
            .unwrap()
            .to_rgb8()
            .dimensions();
        assert_eq!((w, h), (1200, 400));
        // A logo that already fits is kept byte for byte.
        let small = png(240, 80);
        let kept = read(&write(dir.path(), "small.png", &small)).unwrap();
        assert_eq!(kept.bytes, small);
        assert_eq!((kept.pixels, kept.print_warning()), (Some((240, 80)), None));
    }

    #[test]
    fn a_cmyk_jpeg_logo_is_written_again_as_rgb() {
        // 48×16 of RGB (20, 60, 120), saved as a CMYK JPEG by ImageMagick.
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cmyk-logo.jpg");
        let bytes = std::fs::read(&fixture).unwrap();
        assert_eq!(jpeg_components(&bytes), Some(4));
        let logo = read(&fixture).unwrap();
        assert_eq!(logo.extension, "png");
        // 48 pixels wide: it would print blurred, and readout says so.
        assert_eq!(
            logo.print_warning().unwrap(),
            "the logo is only 48×16 pixels and will print blurred; use one at least 300 pixels \
             wide, or an SVG"
        );
        let decoded = image::load_from_memory_with_format(&logo.bytes, image::ImageFormat::Png)
            .unwrap()
            .to_rgb8();
        assert_eq!(decoded.dimensions(), (48, 16));
        let image::Rgb([r, g, b]) = *decoded.get_pixel(24, 8);
        let near = |a: u8, b: u8| a.abs_diff(b) <= 6;
        assert!(near(r, 20) && near(g, 60) && near(b, 120), "{r} {g} {b}");

        // An RGB JPEG that fits is kept as it is.
        let dir = tempfile::tempdir().unwrap();
        let mut rgb = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(48, 16, image::Rgb([20, 60, 120]))
            .write_to(&mut rgb, image::ImageFormat::Jpeg)
            .unwrap();
        let rgb = rgb.into_inner();
        assert_eq!(jpeg_components(&rgb), Some(3));
        let kept = read(&write(dir.path(), "rgb.jpg", &rgb)).unwrap();
        assert_eq!((kept.extension, kept.bytes), ("jpg", rgb));
    }

    #[test]
    fn a_logo_with_transparency_is_laid_on_white_in_its_own_format() {
        let mut see_through = image::RgbaImage::from_pixel(4, 2, image::Rgba([20, 60, 120, 255]));
        see_through.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        see_through.put_pixel(1, 0, image::Rgba([0, 0, 0, 128]));
        for format in [image::ImageFormat::Png, image::ImageFormat::WebP] {
            let mut bytes = std::io::Cursor::new(Vec::new());
            see_through.write_to(&mut bytes, format).unwrap();
            let ext = format.extensions_str()[0];
            let flat = on_white(bytes.get_ref(), &format!("/logo.{ext}"))
                .unwrap()
                .unwrap();
            let flat = image::load_from_memory_with_format(&flat, format).unwrap();
            assert!(!flat.color().has_alpha(), "{ext}");
            let flat = flat.to_rgb8();
            assert_eq!(flat.get_pixel(0, 0).0, [255, 255, 255], "{ext}");
            assert_eq!(flat.get_pixel(1, 0).0, [127, 127, 127], "{ext}");
            assert_eq!(flat.get_pixel(2, 1).0, [20, 60, 120], "{ext}");
        }
        // A strip of a logo is warned about, raster or SVG.
        let dir = tempfile::tempdir().unwrap();
        let strip = read(&write(dir.path(), "strip.png", &png(3900, 60))).unwrap();
        assert!(
            strip
                .print_warning()
                .unwrap()
                .starts_with("the logo is 65 times as wide as it is high")
        );
        // Images without an alpha channel and SVGs are left alone.
        let mut rgb = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(4, 2, image::Rgb([20, 60, 120]))
            .write_to(&mut rgb, image::ImageFormat::Png)
            .unwrap();
        assert!(on_white(rgb.get_ref(), "/logo.png").is_none());
        assert!(on_white(b"<svg/>", "/charts/metric-0.svg").is_none());
    }

    #[test]
    fn an_svg_logos_text_transparency_and_size_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let svg = |name: &str, body: &str| {
            let text = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">{body}</svg>"#
            );
            read(&write(dir.path(), name, text.as_bytes())).unwrap()
        };
        let plain = svg(
            "plain.svg",
            r##"<rect width="40" height="40" fill="#0B4F6C"/>"##,
        );
        assert_eq!((plain.see_through, plain.not_for_pdf_a1()), (false, None));
        assert_eq!(plain.svg_size, Some((120.0, 40.0)));
        let words = svg(
            "words.svg",
            r#"<text x="1" y="20">ACME <tspan>&amp; Co &#x2708;&#9992;</tspan></text>"#,
        );
        assert_eq!(words.text.trim(), "ACME & Co ✈✈");
        for (name, body) in [
            (
                "faded.svg",
                r##"<rect width="40" height="40" fill="#0B4F6C" fill-opacity="0.5"/>"##,
            ),
            (
                "group.svg",
                r##"<g opacity="0.8"><rect width="40" height="40"/></g>"##,
            ),
            (
                "styled.svg",
                r##"<rect width="40" height="40" style="opacity: 50%"/>"##,
            ),
            (
                "gradient.svg",
                r##"<defs><linearGradient id="g"><stop offset="0" stop-color="red" stop-opacity="0"/><stop offset="1" stop-color="red"/></linearGradient></defs><rect width="40" height="40" fill="url(#g)"/>"##,
            ),
        ] {
            let logo = svg(name, body);
            assert!(logo.see_through, "{name}");
            assert!(
                logo.not_for_pdf_a1().unwrap().contains("see-through"),
                "{name}"
            );
        }
        let huge = read(&write(
            dir.path(),
            "huge.svg",
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="1000000" height="100"><rect width="10" height="10"/></svg>"#,
        ))
        .unwrap();
        assert!(
            huge.not_for_pdf_a1()
                .unwrap()
                .contains("PDF/A-1b holds no number over 32767")
        );
    }

    #[test]
    fn webp_and_svg_logos_are_read_and_broken_ones_named() {
        let dir = tempfile::tempdir().unwrap();
        let image = image::RgbaImage::from_pixel(64, 32, image::Rgba([200, 30, 30, 255]));
        let mut webp = std::io::Cursor::new(Vec::new());
        image.write_to(&mut webp, image::ImageFormat::WebP).unwrap();
        let logo = read(&write(dir.path(), "l.webp", &webp.into_inner())).unwrap();
        assert_eq!(logo.extension, "webp");

        let svg = br#"<?xml version="1.0"?><!-- logo --><svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><rect width="40" height="10" fill="red"/></svg>"#;
        let logo = read(&write(dir.path(), "l.svg", svg)).unwrap();
        assert_eq!(logo.extension, "svg");

        let linked = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="acme.png" width="10" height="10"/></svg>"#;
        let linked = write(dir.path(), "linked.svg", linked);
        assert!(
            read(&linked)
                .unwrap_err()
                .contains("draws the file \"acme.png\"")
        );

        let broken = write(dir.path(), "broken.svg", b"<svg><rect width=");
        let message = read(&broken).unwrap_err();
        assert!(
            message.starts_with(&format!(
                "the logo {} is not a valid SVG image",
                broken.display()
            )),
            "{message}"
        );
        let text = write(dir.path(), "notes.png", b"hello");
        assert_eq!(
            read(&text).unwrap_err(),
            format!(
                "the logo {} is not a PNG, JPEG, WebP or SVG image",
                text.display()
            )
        );
    }
}
