//! The Typst world a report is compiled in: the embedded templates and fonts (shared by every
//! report in the process), plus one report's own files — `/readout.json`, `/charts/*.svg` and
//! the logo — held in memory. Nothing is read from disk: a template cannot reach the user's
//! files, and the user's strings reach Typst only as data.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts;
use crate::model::Date;

/// The template files, embedded at build time. Entry files first, then what they import.
pub const TEMPLATES: [(&str, &str); 7] = [
    ("/main.typ", include_str!("../../typst-templates/main.typ")),
    ("/pack.typ", include_str!("../../typst-templates/pack.typ")),
    (
        "/business-review.typ",
        include_str!("../../typst-templates/business-review.typ"),
    ),
    (
        "/service-review.typ",
        include_str!("../../typst-templates/service-review.typ"),
    ),
    (
        "/account-management.typ",
        include_str!("../../typst-templates/account-management.typ"),
    ),
    (
        "/theme.typ",
        include_str!("../../typst-templates/theme.typ"),
    ),
    (
        "/components.typ",
        include_str!("../../typst-templates/components.typ"),
    ),
];

/// What every report shares: built on first use, once per process, read-only after.
pub struct Shared {
    /// Typst's standard library.
    library: LazyHash<Library>,
    /// Metadata of `fonts`, for font lookup.
    book: LazyHash<FontBook>,
    /// The parsed font faces, indexed as in `book`.
    fonts: Vec<Font>,
    /// How many of `fonts` are the embedded ones; the rest came from `--font-path`.
    embedded: usize,
    /// The parsed template sources by file id.
    sources: HashMap<FileId, Source>,
}

impl Shared {
    /// The embedded fonts, then `extra`; the templates; the standard library.
    fn new(extra: Vec<Font>) -> Shared {
        let mut fonts = fonts::embedded();
        let embedded = fonts.len();
        fonts.extend(extra);
        let sources = TEMPLATES
            .iter()
            .map(|(path, text)| {
                let id = file_id(path);
                (id, Source::new(id, (*text).to_owned()))
            })
            .collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(fonts::book(&fonts)),
            fonts,
            embedded,
            sources,
        }
    }
}

/// Built once per process, on first use: by [`add_fonts`] when the run has fonts of its own,
/// else with the embedded fonts alone.
static SHARED: OnceLock<Shared> = OnceLock::new();

fn shared() -> &'static Shared {
    SHARED.get_or_init(|| Shared::new(Vec::new()))
}

/// Add `fonts` (from `--font-path`) to every report of this process. Only before the first
/// report: once built, the set of fonts stays as it is, and later fonts are not added.
pub fn add_fonts(fonts: Vec<Font>) {
    let _ = SHARED.set(Shared::new(fonts));
}

/// Whether a font of `family` (any case) is embedded or was added.
pub fn has_family(family: &str) -> bool {
    shared()
        .book
        .select_family(&family.to_lowercase())
        .next()
        .is_some()
}

/// The font families there are, sorted, each once.
pub fn families() -> Vec<String> {
    let mut names: Vec<String> = shared()
        .fonts
        .iter()
        .map(|f| f.info().family.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The fonts `--font-path` added to the embedded ones.
pub fn added_fonts() -> &'static [Font] {
    let shared = shared();
    &shared.fonts[shared.embedded..]
}

/// The fonts every report is set in, parsed once per process.
pub fn shared_fonts() -> &'static [Font] {
    &shared().fonts
}

/// The id of a file at `path` in the world's root, as a template reaches it.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("world paths are absolute and well-formed");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// A team's own templates (`--template-dir DIR`), read once: its `.typ` files parsed, its other
/// files (images) as bytes. They take the place of the embedded files of the same name; what
/// the folder leaves out (`theme.typ`, `components.typ`, a template) comes from readout.
#[derive(Debug, Clone)]
pub struct TemplateDir {
    /// The folder, for diagnostics.
    pub dir: std::path::PathBuf,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
}

/// Most bytes a template folder may hold: templates and a few images, not an archive.
const TEMPLATE_DIR_BYTES: u64 = 32 * 1024 * 1024;

impl TemplateDir {
    /// Read `dir`: every file up to three folders down, `.typ` files as Typst sources. It may
    /// hold one template only (`business-review.typ`): readout's own files serve the rest,
    /// `main.typ` included.
    pub fn read(dir: &std::path::Path) -> Result<TemplateDir, String> {
        let shown = dir.display();
        if !dir.is_dir() {
            return Err(format!("--template-dir {shown}: no such folder"));
        }
        let mut sources = HashMap::new();
        let mut files = HashMap::new();
        let mut total = 0;
        let mut stack = vec![(dir.to_owned(), 0)];
        while let Some((folder, depth)) = stack.pop() {
            let entries = std::fs::read_dir(&folder)
                .map_err(|e| format!("--template-dir: cannot read {}: {e}", folder.display()))?;
            for entry in entries.filter_map(|e| e.ok()) {
                let path = entry.path();
                if path.is_dir() {
                    if depth < 3 {
                        stack.push((path, depth + 1));
                    }
                    continue;
                }
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("--template-dir: cannot read {}: {e}", path.display()))?;
                total += bytes.len() as u64;
                if total > TEMPLATE_DIR_BYTES {
                    return Err(format!(
                        "--template-dir {shown}: holds more than {} MB; keep templates and their \
                         images only",
                        TEMPLATE_DIR_BYTES / 1024 / 1024
                    ));
                }
                let relative = path.strip_prefix(dir).unwrap_or(&path);
                let world_path = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
                let Ok(vpath) = VirtualPath::new(&world_path) else {
                    continue;
                };
                let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
                if path.extension().is_some_and(|e| e == "typ") {
                    let text = String::from_utf8(bytes).map_err(|_| {
                        format!("--template-dir: {} is not UTF-8 text", path.display())
                    })?;
                    sources.insert(id, Source::new(id, text));
                } else {
                    files.insert(id, Bytes::new(bytes));
                }
            }
        }
        if sources.is_empty() {
            return Err(format!(
                "--template-dir {shown}: no Typst files (.typ) in it; start from the files \
                 `readout render --emit-typst` writes (see docs/template-data.md)"
            ));
        }
        Ok(TemplateDir {
            dir: dir.to_owned(),
            sources,
            files,
        })
    }

    /// Every file of the folder by its world path (`/main.typ`), for an emitted project.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let path = |id: &FileId| id.vpath().get_with_slash().to_owned();
        let mut all: Vec<(String, Vec<u8>)> = self
            .sources
            .iter()
            .map(|(id, source)| (path(id), source.text().as_bytes().to_vec()))
            .chain(
                self.files
                    .iter()
                    .map(|(id, bytes)| (path(id), bytes.to_vec())),
            )
            .collect();
        all.sort();
        all
    }
}

/// The world of one report.
pub struct ReportWorld {
    /// Templates, fonts and library, shared across reports and threads.
    shared: &'static Shared,
    /// The template's entry file.
    main: FileId,
    /// This report's data, charts and logo, by id.
    files: HashMap<FileId, Bytes>,
    /// What `datetime.today()` answers: the report's own date, never the clock.
    today: Datetime,
    /// A team's own templates, in place of the embedded ones of the same name.
    own: Option<std::sync::Arc<TemplateDir>>,
}

impl ReportWorld {
    /// A world with `files` (absolute world paths → bytes) dated `today`; its entry file,
    /// `/main.typ`, lays out the template `/readout.json` names.
    pub fn new(files: Vec<(String, Vec<u8>)>, today: Date) -> ReportWorld {
        ReportWorld::with_main(files, today, "/main.typ")
    }

    /// A world like [`ReportWorld::new`]'s whose entry file is the template at `main`
    /// (`/pack.typ` for a board pack).
    pub fn with_main(files: Vec<(String, Vec<u8>)>, today: Date, main: &str) -> ReportWorld {
        ReportWorld {
            shared: shared(),
            main: file_id(main),
            files: files
                .into_iter()
                .map(|(path, bytes)| (file_id(&path), Bytes::new(bytes)))
                .collect(),
            today: Datetime::from_ymd(today.year, today.month, today.day)
                .expect("a validated calendar date"),
            own: None,
        }
    }

    /// The folder of the team's own templates, if this world has them.
    pub fn template_dir(&self) -> Option<&std::path::Path> {
        self.own.as_ref().map(|own| own.dir.as_path())
    }

    /// This world with a team's own templates in place of the embedded ones.
    pub fn with_templates(self, own: Option<std::sync::Arc<TemplateDir>>) -> ReportWorld {
        ReportWorld { own, ..self }
    }

    /// The user-facing name of a file in this world, for diagnostics.
    pub fn name(&self, id: FileId) -> String {
        let path = id.vpath().get_with_slash();
        if let Some(own) = &self.own
            && own.sources.contains_key(&id)
        {
            return format!("{}{path}", own.dir.display());
        }
        match self.shared.sources.contains_key(&id) {
            true => format!("typst-templates{path}"),
            false => path.to_owned(),
        }
    }

    fn not_found(id: FileId) -> FileError {
        FileError::NotFound(id.vpath().get_without_slash().into())
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self.own.as_ref().and_then(|own| own.sources.get(&id)) {
            return Ok(source.clone());
        }
        self.shared
            .sources
            .get(&id)
            .cloned()
            .ok_or_else(|| Self::not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        if let Some(own) = &self.own {
            if let Some(bytes) = own.files.get(&id) {
                return Ok(bytes.clone());
            }
            if let Some(source) = own.sources.get(&id) {
                return Ok(Bytes::from_string(source.text().to_owned()));
            }
        }
        self.shared
            .sources
            .get(&id)
            .map(|s| Bytes::from_string(s.text().to_owned()))
            .ok_or_else(|| Self::not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> ReportWorld {
        let files = vec![("/readout.json".to_owned(), b"{}".to_vec())];
        ReportWorld::new(files, Date::new(2026, 10, 5).unwrap())
    }

    #[test]
    fn a_known_path_resolves() {
        let w = world();
        assert_eq!(w.file(file_id("/readout.json")).unwrap().as_slice(), b"{}");
        assert!(w.source(w.main()).unwrap().text().contains("readout.json"));
        assert!(w.source(file_id("/business-review.typ")).is_ok());
        assert!(w.source(file_id("/theme.typ")).is_ok());
    }

    #[test]
    fn an_unknown_path_is_not_found() {
        let w = world();
        assert!(matches!(
            w.file(file_id("/secret.txt")),
            Err(FileError::NotFound(_))
        ));
        assert!(matches!(
            w.source(file_id("/readout.json")),
            Err(FileError::NotFound(_))
        ));
    }

    #[test]
    fn a_path_outside_the_root_cannot_be_named() {
        // Typst refuses to form a path above the root, so no file id can point there.
        assert!(VirtualPath::new("/../etc/passwd").is_err());
        let w = world();
        assert!(w.file(file_id("/etc/passwd")).is_err());
    }

    #[test]
    fn fonts_out_of_range_are_none_and_today_is_the_report_date() {
        let w = world();
        assert!(w.font(0).is_some());
        assert!(w.font(10_000).is_none());
        assert_eq!(w.today(None), Datetime::from_ymd(2026, 10, 5));
    }
}
