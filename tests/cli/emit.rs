//! `readout render --emit-typst DIR`: the Typst project readout compiles, written out. The
//! project compiles on its own (templates, data, charts and fonts all read from the folder)
//! to the same pages as `readout render` lays out.

use std::collections::HashMap;
use std::path::Path;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::support::{readout, sample, stderr};

/// A world that holds nothing of readout's: every file comes from the project folder, as for
/// the stock `typst compile --root DIR --font-path DIR/fonts --ignore-system-fonts`.
struct FolderWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    files: HashMap<FileId, Bytes>,
}

fn id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).unwrap()).intern()
}

impl FolderWorld {
    fn new(dir: &Path) -> FolderWorld {
        let mut files = HashMap::new();
        let mut fonts = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if relative.starts_with("fonts/") {
                    fonts.extend(Font::iter(Bytes::new(bytes)));
                } else {
                    files.insert(id(&format!("/{relative}")), Bytes::new(bytes));
                }
            }
        }
        FolderWorld {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            files,
        }
    }
}

impl World for FolderWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        id("/main.typ")
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2026, 10, 5)
    }
}

#[test]
fn the_emitted_project_compiles_alone_to_the_same_pages() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample("northwind-logistics.yaml");
    let out = readout(
        dir.path(),
        &[
            "render",
            input.to_str().unwrap(),
            "--template",
            "service-review",
            "--emit-typst",
            "project",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.starts_with("wrote the Typst project project ("),
        "{err}"
    );
    let project = dir.path().join("project");
    for file in [
        "main.typ",
        "theme.typ",
        "components.typ",
        "service-review.typ",
        "readout.json",
        "charts/metric-0.svg",
        "logo.png",
        "fonts/Inter-Regular.otf",
    ] {
        assert!(project.join(file).is_file(), "{file} missing");
    }
    let readme = std::fs::read_to_string(project.join("README.md")).unwrap();
    assert!(readme.starts_with("# Northwind Logistics: Q3 2026, service-review"));
    assert!(readme.contains("typst compile --root . --font-path fonts --ignore-system-fonts"));
    // No PDF: the project instead of it.
    assert!(!dir.path().join("northwind-logistics.pdf").exists());
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(project.join("readout.json")).unwrap()).unwrap();
    assert_eq!(data["account"]["name"], "Northwind Logistics");
    assert_eq!(data["account"]["logo"], "/logo.png");

    // Compiled from the folder alone, it gives readout's own pages, word for word.
    let world = FolderWorld::new(&project);
    let document = typst::compile::<typst_layout::PagedDocument>(&world)
        .output
        .unwrap_or_else(|e| panic!("{e:?}"));
    let (mut loaded, _) = readout::load(&input).unwrap();
    loaded.account.template = readout::model::Template::ServiceReview;
    let own = readout::layout(&loaded).unwrap();
    let texts = |d: &typst_layout::PagedDocument| readout::render::page_texts(d);
    assert_eq!(texts(&document), texts(&own.document));
    assert!(texts(&document)[0].contains("Northwind Logistics"));

    // Written again over itself: allowed. Over a folder of other files: refused.
    let again = readout(
        dir.path(),
        &["render", input.to_str().unwrap(), "--emit-typst", "project"],
    );
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    std::fs::create_dir_all(dir.path().join("mine")).unwrap();
    std::fs::write(dir.path().join("mine/notes.txt"), b"mine").unwrap();
    let refused = readout(
        dir.path(),
        &["render", input.to_str().unwrap(), "--emit-typst", "mine"],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("mine holds other files"));
    assert_eq!(
        std::fs::read(dir.path().join("mine/notes.txt")).unwrap(),
        b"mine"
    );
}
