//! A theme reaching the templates and charts: `/theme.json`, which `theme.typ` reads for its
//! brand colour, accent and font, the preparing company's logo beside it, and the charts'
//! palette. Without a theme the file holds readout's own look.

use std::collections::BTreeMap;

use serde::Serialize;

use super::WorldFile;
use crate::analysis::{self, Readout};
use crate::charts::Palette;
use crate::colour::{self, Rgb, hex};
use crate::model::{Loaded, Theme};

/// readout's own brand colour and its light tint, as `theme.typ` had them before themes.
const PRIMARY: Rgb = (0x1F, 0x3A, 0x5F);
const PRIMARY_LIGHT: Rgb = (0xE8, 0xEE, 0xF5);
/// The report's own typeface, embedded.
pub const FONT: &str = "Inter";

/// What `/theme.json` holds, for `theme.typ`.
#[derive(Debug, Serialize)]
struct ThemeData {
    version: u32,
    primary: String,
    primary_light: String,
    accent: String,
    font: String,
    /// The preparing company's logo in the world, when the theme has one.
    logo: Option<String>,
    /// The fixed status colours ([`colour::STATUSES`]), by status word: no theme changes them.
    status: BTreeMap<&'static str, StatusData>,
}

#[derive(Debug, Serialize)]
struct StatusData {
    ink: String,
    tint: String,
    bar: String,
}

/// `colour` a tenth of the way from white: the tint behind brand-coloured panels.
fn tint((r, g, b): Rgb) -> Rgb {
    let light = |c: u8| (255.0 - (255.0 - f64::from(c)) * 0.1).round() as u8;
    (light(r), light(g), light(b))
}

/// The files `theme.typ` reads: `/theme.json` and, if the theme has a logo, `/theme-logo.*`.
pub fn files(theme: &Theme) -> Vec<WorldFile> {
    let mut files = Vec::new();
    let logo = theme.logo.as_ref().map(|logo| {
        let path = format!("/theme-logo.{}", logo.extension);
        files.push((path.clone(), logo.bytes.clone()));
        path
    });
    let data = ThemeData {
        version: 1,
        primary: hex(theme.primary.unwrap_or(PRIMARY)),
        primary_light: hex(theme.primary.map_or(PRIMARY_LIGHT, tint)),
        accent: hex(theme.accent.or(theme.primary).unwrap_or(PRIMARY)),
        font: theme.font.clone().unwrap_or_else(|| FONT.to_owned()),
        logo,
        status: colour::STATUSES
            .iter()
            .map(|(word, c)| {
                let (ink, tint, bar) = (hex(c.ink), hex(c.tint), hex(c.bar));
                (*word, StatusData { ink, tint, bar })
            })
            .collect(),
    };
    let json = serde_json::to_vec(&data).expect("the theme data serialises: plain data only");
    files.push(("/theme.json".to_owned(), json));
    files
}

/// The charts' colours: the theme's accent, else readout's own.
pub fn palette(theme: &Theme) -> Palette {
    theme
        .accent
        .map_or_else(Palette::default, Palette::of_accent)
}

/// The theme's confidentiality line, for a report whose account file names none.
pub fn apply(theme: &Theme, loaded: &Loaded, readout: &mut Readout) {
    let own = loaded.account.prepared.as_ref();
    if let (Some(line), false) = (
        &theme.confidentiality,
        own.is_some_and(|p| p.confidentiality.is_some()),
    ) {
        analysis::set_confidentiality(readout, line);
    }
}
