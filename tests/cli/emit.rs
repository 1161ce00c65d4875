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

/// Every field path of a JSON value: `account.sponsor.name`, `metrics[].chart`.
fn paths(value: &serde_json::Value, at: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                out.insert(path.clone());
                paths(inner, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                paths(item, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_the_templates_receive_is_documented() {
    let doc =
        std::fs::read_to_string(crate::support::repo().join("docs/template-data.md")).unwrap();
    let (readout_doc, theme_doc) = doc.split_once("## `/theme.json`").unwrap();
    let mut fields = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(crate::support::repo().join("samples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let (loaded, _) = readout::load(&path).unwrap();
        let mut analysis = readout::analysis::analyse(&loaded.account);
        let (files, _) = readout::render::world_files(
            &loaded,
            &mut analysis,
            "",
            &readout::model::Theme::default(),
        );
        let (_, json) = files.iter().find(|(p, _)| p == "/readout.json").unwrap();
        paths(&serde_json::from_slice(json).unwrap(), "", &mut fields);
    }
    assert!(
        fields.contains("metrics[].chart_alt") && fields.len() > 100,
        "{fields:?}"
    );
    let missing: Vec<&String> = fields
        .iter()
        .filter(|f| {
            !readout_doc.contains(&format!("`{f}`")) && !readout_doc.contains(&format!("`{f}[]"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not in docs/template-data.md: {missing:?}"
    );

    let theme = readout::render::theme::files(&readout::model::Theme::default());
    let (_, json) = theme.iter().find(|(p, _)| p == "/theme.json").unwrap();
    let mut theme_fields = std::collections::BTreeSet::new();
    paths(
        &serde_json::from_slice(json).unwrap(),
        "",
        &mut theme_fields,
    );
    let missing: Vec<&String> = theme_fields
        .iter()
        .filter(|f| !theme_doc.contains(&format!("`{f}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "theme.json fields not documented: {missing:?}"
    );
}

#[test]
fn a_teams_own_templates_lay_out_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("ours");
    std::fs::create_dir_all(&own).unwrap();
    // Its own entry file, reading the data and readout's theme (which the folder leaves out).
    std::fs::write(
        own.join("main.typ"),
        "#import \"/theme.typ\": brand\n\
         #let data = json(\"/readout.json\")\n\
         #set page(paper: \"a5\")\n\
         #text(fill: brand)[Our own readout of #data.account.name]\n\n\
         ARR #data.commercial.arr, renewal #data.commercial.renewal_date, #data.status.word.\n",
    )
    .unwrap();
    let input = sample("northwind-logistics.yaml");
    let input = input.to_str().unwrap();
    let out = readout(
        dir.path(),
        &["render", input, "--template-dir", "ours", "-o", "own.pdf"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrote own.pdf (1 page"),
        "{}",
        stderr(&out)
    );

    let (loaded, _) = readout::load(Path::new(input)).unwrap();
    let style = readout::render::Style {
        templates: Some(std::sync::Arc::new(
            readout::render::world::TemplateDir::read(&own).unwrap(),
        )),
        ..Default::default()
    };
    let report = readout::layout_with(&loaded, &style).unwrap();
    let text = readout::render::page_texts(&report.document).join(" ");
    assert!(
        text.contains("Our own readout of Northwind Logistics ARR $1.25M, renewal 31 Mar 2027, Needs attention."),
        "{text}"
    );

    // A mistake in it is named by its own file, line and column; nothing is written.
    std::fs::write(
        own.join("main.typ"),
        "#let data = json(\"/readout.json\")\n#data.nothing\n",
    )
    .unwrap();
    let out = readout(
        dir.path(),
        &["render", input, "--template-dir", "ours", "-o", "bad.pdf"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("ours/main.typ:2:7: error: dictionary does not contain key \"nothing\""),
        "{err}"
    );
    assert!(err.ends_with("no report was written\n"), "{err}");
    assert!(!dir.path().join("bad.pdf").exists());
    // One template alone: readout's main.typ, theme and components serve it.
    std::fs::remove_file(own.join("main.typ")).unwrap();
    std::fs::write(
        own.join("account-management.typ"),
        "#let report(data) = [Just the asks of #data.account.name.]\n",
    )
    .unwrap();
    let out = readout(
        dir.path(),
        &[
            "render",
            input,
            "--template-dir",
            "ours",
            "--template",
            "account-management",
            "-o",
            "one.pdf",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = readout::layout_with(
        &{
            let mut l = readout::load(Path::new(input)).unwrap().0;
            l.account.template = readout::model::Template::AccountManagement;
            l
        },
        &readout::render::Style {
            templates: Some(std::sync::Arc::new(
                readout::render::world::TemplateDir::read(&own).unwrap(),
            )),
            ..Default::default()
        },
    )
    .unwrap();
    let text = readout::render::page_texts(&report.document).join(" ");
    assert!(
        text.contains("Just the asks of Northwind Logistics."),
        "{text}"
    );
    // A folder with no template, or none at all, is refused at once.
    std::fs::remove_file(own.join("account-management.typ")).unwrap();
    for (folder, why) in [
        ("ours", "no Typst files (.typ) in it"),
        ("missing", "--template-dir missing: no such folder"),
    ] {
        let out = readout(dir.path(), &["render", input, "--template-dir", folder]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
    }
}

#[test]
fn emitting_spares_the_users_folders_and_leaves_no_other_accounts_files() {
    let dir = tempfile::tempdir().unwrap();
    let northwind = sample("northwind-logistics.yaml");
    let northwind = northwind.to_str().unwrap();
    // A folder of the user's own, with a README of its own: refused, untouched.
    std::fs::create_dir_all(dir.path().join("repo")).unwrap();
    std::fs::write(dir.path().join("repo/README.md"), "# Our repo\n").unwrap();
    let out = readout(dir.path(), &["render", northwind, "--emit-typst", "repo"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("repo/README.md")).unwrap(),
        "# Our repo\n"
    );

    // Northwind, then Corvane over it: Northwind's logo and extra charts are gone.
    let out = readout(dir.path(), &["render", northwind, "--emit-typst", "p"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("p/logo.png").is_file());
    assert!(dir.path().join("p/charts/metric-11.svg").is_file());
    let corvane = sample("corvane-retail.yaml");
    let out = readout(
        dir.path(),
        &["render", corvane.to_str().unwrap(), "--emit-typst", "p"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!dir.path().join("p/logo.png").exists());
    assert!(!dir.path().join("p/charts/metric-11.svg").exists());
    let data = std::fs::read_to_string(dir.path().join("p/readout.json")).unwrap();
    assert!(data.contains("Corvane Retail Group") && !data.contains("Northwind"));
    // A folder where Northwind's logo would go: refused before any file is written, so the
    // project stays Corvane's whole.
    std::fs::create_dir_all(dir.path().join("p/logo.png")).unwrap();
    let out = readout(dir.path(), &["render", northwind, "--emit-typst", "p"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("p/logo.png is in the way"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p/readout.json")).unwrap(),
        data
    );
    assert!(!dir.path().join("p/charts/metric-11.svg").exists());

    // The team's own templates travel with the project.
    std::fs::create_dir_all(dir.path().join("ours")).unwrap();
    std::fs::write(
        dir.path().join("ours/main.typ"),
        "#let data = json(\"/readout.json\")\n#data.account.name\n",
    )
    .unwrap();
    let out = readout(
        dir.path(),
        &[
            "render",
            northwind,
            "--template-dir",
            "ours",
            "--emit-typst",
            "q",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("q/main.typ")).unwrap(),
        "#let data = json(\"/readout.json\")\n#data.account.name\n"
    );
    // Options of a report do not apply to a project; a report is not written into the folders
    // a run reads.
    for args in [
        vec!["--emit-typst", "r", "--ppi", "100"],
        vec!["--emit-typst", "r", "--format", "png"],
        vec!["--template-dir", "ours", "-o", "ours/main.pdf"],
    ] {
        let mut all = vec!["render", northwind];
        all.extend(args);
        let out = readout(dir.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {}", stderr(&out));
    }
    assert!(!dir.path().join("ours/main.pdf").exists());
}

#[test]
fn a_closed_standard_error_loses_messages_not_reports() {
    let dir = tempfile::tempdir().unwrap();
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args([
            "render",
            sample("northwind-logistics.yaml").to_str().unwrap(),
            "-o",
            "r.pdf",
        ])
        .current_dir(dir.path())
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(out.code(), Some(0));
    assert!(dir.path().join("r.pdf").is_file());
}

#[test]
fn a_project_for_pdf_a_1b_lays_its_logo_on_white_and_says_so_in_its_readme() {
    let dir = tempfile::tempdir().unwrap();
    let northwind = sample("northwind-logistics.yaml");
    let out = readout(
        dir.path(),
        &[
            "render",
            northwind.to_str().unwrap(),
            "--emit-typst",
            "p",
            "--pdf-standard",
            "a-1b",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let readme = std::fs::read_to_string(dir.path().join("p/README.md")).unwrap();
    assert!(
        readme.contains("--creation-timestamp 1791158400 --pdf-standard a-1b main.typ report.pdf"),
        "{readme}"
    );
    // Northwind's logo has transparent corners; the project's copy is opaque.
    let sample_logo = image::open(sample("northwind.png")).unwrap();
    assert!(sample_logo.color().has_alpha());
    let logo = image::open(dir.path().join("p/logo.png")).unwrap();
    assert!(!logo.color().has_alpha());
    // Without a standard the README's command has none, and the logo is the sample's.
    let out = readout(
        dir.path(),
        &["render", northwind.to_str().unwrap(), "--emit-typst", "q"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let readme = std::fs::read_to_string(dir.path().join("q/README.md")).unwrap();
    assert!(!readme.contains("--pdf-standard"), "{readme}");
    assert_eq!(
        std::fs::read(dir.path().join("q/logo.png")).unwrap(),
        std::fs::read(sample("northwind.png")).unwrap()
    );
}
