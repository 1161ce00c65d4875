//! The Typst project readout compiles for one account, as files: the entry file, theme,
//! components and templates, the data (`readout.json`), the chart SVGs, the logo and the
//! fonts, with a README on how to compile it with the stock `typst` command. A designer
//! iterates on the templates with `typst watch`; the same document can be compiled by stock
//! Typst to compare output and speed.

use super::Style;
use super::{WorldFile, fonts, world};
use crate::analysis::{self, Readout};
use crate::model::Loaded;

/// The project's README: how to compile it.
pub const README: &str = "README.md";

/// The fonts' licences and their README, which travel with the fonts.
const FONT_NOTES: [(&str, &str); 5] = [
    ("README.md", include_str!("../../fonts/README.md")),
    (
        "LICENSE-Inter.txt",
        include_str!("../../fonts/LICENSE-Inter.txt"),
    ),
    (
        "LICENSE-Noto.txt",
        include_str!("../../fonts/LICENSE-Noto.txt"),
    ),
    (
        "LICENSE-DroidSansFallback.txt",
        include_str!("../../fonts/LICENSE-DroidSansFallback.txt"),
    ),
    (
        "LICENSE-Nanum.txt",
        include_str!("../../fonts/LICENSE-Nanum.txt"),
    ),
];

/// The files of `loaded`'s project, whose analysis is `readout`, by path inside the project
/// folder (`main.typ`, `charts/metric-0.svg`, `fonts/Inter-Regular.otf`, …).
/// With `style`'s theme (and the faces of its font, when that came from `--font-path`) and
/// its templates (`--template-dir`) in place of the embedded ones of the same name.
/// Under `style`'s PDF standards the project is the one readout would compile for them (logos
/// laid on white for PDF/A-1b), and its README's command names them.
pub fn files(
    loaded: &Loaded,
    mut readout: Readout,
    style: &Style,
) -> Result<(Vec<WorldFile>, Vec<String>), crate::Error> {
    let theme = &style.theme;
    let (data, warnings) = super::report_files(loaded, &mut readout, style)?;
    let templates = world::TEMPLATES
        .iter()
        // The board pack's entry file reads data a single account does not have.
        .filter(|(path, _)| *path != "/pack.typ")
        .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()));
    let fonts = fonts::EMBEDDED
        .iter()
        .map(|(name, bytes)| (format!("/fonts/{name}"), bytes.to_vec()))
        .chain(
            FONT_NOTES
                .iter()
                .map(|(name, text)| (format!("/fonts/{name}"), text.as_bytes().to_vec())),
        );
    let mut files: Vec<WorldFile> = templates.chain(data).chain(fonts).collect();
    if let Some(own) = &style.templates {
        for (path, bytes) in own.files() {
            files.retain(|(p, _)| *p != path);
            files.push((path, bytes));
        }
    }
    // A theme's font from --font-path travels with the project; the embedded ones are there.
    if let Some(family) = &theme.font {
        let mut seen: Vec<*const u8> = Vec::new();
        for font in world::added_fonts() {
            let data = font.data();
            if font.info().family.eq_ignore_ascii_case(family) && !seen.contains(&data.as_ptr()) {
                seen.push(data.as_ptr());
                let name = format!("/fonts/theme-{}.ttf", seen.len());
                files.push((name, data.to_vec()));
            }
        }
    }
    files.push((
        format!("/{README}"),
        readme(loaded, &style.standards).into_bytes(),
    ));
    for (path, _) in &mut files {
        // World paths are absolute in the project's root; on disk they are relative to it.
        path.remove(0);
    }
    Ok((files, warnings))
}

fn readme(loaded: &Loaded, standards: &super::Standards) -> String {
    let account = &loaded.account;
    let date = analysis::as_of(account);
    let text = format!(
        "# {name}: {period}, {template}\n\
         \n\
         The Typst project `readout render --emit-typst` wrote for this account, as readout\n\
         compiles it. Compile it with the stock Typst CLI (0.15), from this folder:\n\
         \n\
         ```sh\n\
         typst compile --root . --font-path fonts --ignore-system-fonts --ignore-embedded-fonts \\\n\
         \x20 --creation-timestamp {timestamp}{standards} main.typ report.pdf\n\
         ```\n\
         \n\
         `typst watch` takes the same options. `main.typ` reads `readout.json` (the account as\n\
         analysed: every number already formatted) and lays it out with the template it names;\n\
         `theme.typ` holds colours, type and spacing, `components.typ` the shared blocks. The\n\
         charts are in `charts/`, the fonts readout embeds in `fonts/` with their licences.\n\
         Edit the templates here; readout itself uses the ones built into it.\n",
        name = account.account.name,
        period = account.period.label,
        template = account.template.name(),
        timestamp = date.days_since_epoch() * 86_400,
        standards = match standards.names().join(",") {
            names if names.is_empty() => String::new(),
            names => format!(" --pdf-standard {names}"),
        },
    );
    text
}
