//! Helpers: run the binary in a temp dir, lay out an account, read a PDF's metadata.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    repo().join("samples").join(name)
}

/// Run `readout` with `args` in `dir`.
pub fn readout(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the readout binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The text of each laid-out page of the account at `path`, whitespace collapsed.
pub fn page_texts(path: &Path) -> Vec<String> {
    let (loaded, _) = readout::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let report = readout::layout(&loaded).unwrap_or_else(|e| panic!("{e}"));
    readout::render::page_texts(&report.document)
        .into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The XMP packet of a PDF, where typst-pdf writes title, author and subject as plain text.
pub fn xmp(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("<x:xmpmeta").expect("the PDF has an XMP packet");
    let end = text[start..]
        .find("</x:xmpmeta>")
        .expect("the XMP packet ends")
        + start;
    text[start..end].to_owned()
}

/// The text of the first `<tag>…</tag>` list item in an XMP packet.
pub fn xmp_field(xmp: &str, tag: &str) -> String {
    let open = format!("<{tag}>");
    let start = xmp
        .find(&open)
        .unwrap_or_else(|| panic!("no {tag} in {xmp}"))
        + open.len();
    let inner = &xmp[start..];
    let inner = &inner[..inner.find(&format!("</{tag}>")).expect("closed")];
    let li = inner.find("<rdf:li").map(|i| &inner[i..]).unwrap_or(inner);
    let li = li.split_once('>').map_or(li, |(_, rest)| rest);
    li.split("</rdf:li>").next().unwrap_or(li).to_owned()
}

/// The images of a laid-out page, each by its size in points (width, height).
pub fn images(frame: &typst::layout::Frame, out: &mut Vec<(f64, f64)>) {
    for (_, item) in frame.items() {
        match item {
            typst::layout::FrameItem::Group(group) => images(&group.frame, out),
            typst::layout::FrameItem::Image(_, size, _) => {
                out.push((size.x.to_pt().round(), size.y.to_pt().round()))
            }
            _ => {}
        }
    }
}
