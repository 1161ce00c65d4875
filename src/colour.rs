//! Colours: sRGB triples, how readable one is on another (WCAG contrast, and the lightness a
//! grey-scale print keeps), and the status colours that every template and chart shares.
//!
//! Status colours are fixed: a theme changes the brand colours, never these. They are chosen
//! so that a status stays readable when the report is printed in grey: each ink has at least
//! 4.5:1 contrast with white and with its own tint (contrast is measured on luminance, which
//! is what grey-scale keeps), and green, red and amber print as three different greys. A status
//! is never shown by colour alone either: the templates always write its word.

/// A colour as its red, green and blue channels.
pub type Rgb = (u8, u8, u8);

pub const WHITE: Rgb = (0xFF, 0xFF, 0xFF);

/// A status's colour for text and dots (`ink`), for the panel behind it (`tint`), and for
/// its share of a stacked bar (`bar`): the bars of the statuses differ in lightness more than
/// the inks can (bars need 3:1 against white, text 4.5:1), so that they part in grey too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusColour {
    pub ink: Rgb,
    pub tint: Rgb,
    pub bar: Rgb,
}

pub const GREEN: StatusColour = StatusColour {
    ink: (0x1E, 0x51, 0x20),
    tint: (0xE8, 0xF3, 0xEA),
    bar: (0x1E, 0x51, 0x20),
};
pub const AMBER: StatusColour = StatusColour {
    ink: (0x96, 0x64, 0x19),
    tint: (0xFB, 0xF1, 0xE1),
    bar: (0xC5, 0x82, 0x21),
};
pub const RED: StatusColour = StatusColour {
    ink: (0xAB, 0x2A, 0x2A),
    tint: (0xFB, 0xE9, 0xE9),
    bar: (0xC5, 0x30, 0x30),
};
/// No status given: the templates' muted grey; a light grey bar.
pub const UNRATED: StatusColour = StatusColour {
    ink: (0x64, 0x6A, 0x78),
    tint: (0xF1, 0xF2, 0xF4),
    bar: (0xC2, 0xC7, 0xCE),
};

/// Every status colour under the word the templates receive for it.
pub const STATUSES: [(&str, StatusColour); 4] = [
    ("green", GREEN),
    ("amber", AMBER),
    ("red", RED),
    ("none", UNRATED),
];

/// `#RRGGBB`.
pub fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// An sRGB channel as linear light, 0 to 1.
fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance: 0 for black, 1 for white.
pub fn luminance((r, g, b): Rgb) -> f64 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// WCAG contrast ratio of `rgb` against white.
pub fn contrast_with_white(rgb: Rgb) -> f64 {
    contrast(rgb, WHITE)
}

/// CIE L*, from 0 (black) to 100 (white): the grey a colour becomes in grey-scale print.
pub fn lightness(rgb: Rgb) -> f64 {
    let y = luminance(rgb);
    if y > 216.0 / 24389.0 {
        116.0 * y.cbrt() - 16.0
    } else {
        y * 24389.0 / 27.0
    }
}

/// CIE L*a*b* (D65) of an sRGB colour.
pub fn lab(rgb: Rgb) -> (f64, f64, f64) {
    let (r, g, b) = (linear(rgb.0), linear(rgb.1), linear(rgb.2));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    (116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz))
}

/// How far apart two colours look: CIE76 ΔE, the distance in L*a*b* (about 2.3 is just
/// noticeable; under about 30, two thin lines side by side read as the same colour family).
pub fn difference(a: Rgb, b: Rgb) -> f64 {
    let (a, b) = (lab(a), lab(b));
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_and_lightness_are_measured_as_wcag_and_cie_define_them() {
        assert!((contrast_with_white((0, 0, 0)) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white(WHITE) - 1.0).abs() < 1e-9);
        assert!((contrast((0x77, 0x77, 0x77), WHITE) - 4.48).abs() < 0.01);
        assert!(lightness((0, 0, 0)).abs() < 1e-9);
        assert!((lightness(WHITE) - 100.0).abs() < 1e-6);
        // Mid grey #777777 is L* 50.
        assert!((lightness((0x77, 0x77, 0x77)) - 50.0).abs() < 0.1);
        assert_eq!(hex((0x1E, 0x51, 0x20)), "#1E5120");
    }

    #[test]
    fn colour_difference_is_measured_in_lab() {
        let white = lab(WHITE);
        // Zero to the precision of the sRGB matrix.
        assert!((white.0 - 100.0).abs() < 0.01 && white.1.abs() < 0.05 && white.2.abs() < 0.05);
        assert!((difference((0, 0, 0), WHITE) - 100.0).abs() < 0.01);
        // A green accent is near the target line's green; readout's navy is far from it.
        assert!((difference((0x2E, 0x7D, 0x32), (0x2A, 0x7F, 0x62)) - 26.0).abs() < 0.1);
        assert!((difference((0x1F, 0x3A, 0x5F), (0x2A, 0x7F, 0x62)) - 54.3).abs() < 0.1);
    }

    #[test]
    fn every_status_ink_reads_on_white_and_on_its_tint() {
        for (word, colour) in STATUSES {
            let on_white = contrast_with_white(colour.ink);
            let on_tint = contrast(colour.ink, colour.tint);
            assert!(on_white >= 4.5, "{word} on white: {on_white:.2}:1");
            assert!(on_tint >= 4.5, "{word} on its tint: {on_tint:.2}:1");
            // The tint stays a light panel: grey-scale print keeps it near white.
            assert!(lightness(colour.tint) > 92.0, "{word} tint");
        }
    }

    #[test]
    fn the_bars_of_a_stacked_chart_print_as_four_different_greys() {
        let bars = [GREEN, RED, AMBER, UNRATED].map(|c| lightness(c.bar));
        for (i, a) in bars.iter().enumerate() {
            for b in &bars[i + 1..] {
                assert!((a - b).abs() >= 14.0, "bars too close: {bars:?}");
            }
        }
        // A status's bar is a graphic that must read on white (3:1); unrated is the rest.
        for c in [GREEN, RED, AMBER] {
            assert!(contrast_with_white(c.bar) >= 3.0, "{:?}", c.bar);
        }
    }

    #[test]
    fn green_red_and_amber_print_as_different_greys() {
        let greys = [GREEN, RED, AMBER].map(|c| lightness(c.ink));
        for (i, a) in greys.iter().enumerate() {
            for b in &greys[i + 1..] {
                assert!((a - b).abs() >= 7.5, "greys too close: {greys:?}");
            }
        }
    }
}
