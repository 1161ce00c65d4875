//! Writing reports: through a temporary file in the same folder and a rename, so that a
//! failed or interrupted run never leaves a half-written file under a report's name.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Write `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// failed run never leaves a half-written or damaged report behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    // The error names the report's path, not the temporary file's: that is the one the user knows.
    result.map_err(|source| Error::Io {
        path: path.to_owned(),
        action: "write",
        source,
    })
}

/// Refuse an output path the report must not replace: a folder, a device, a pipe, a link, or a
/// read-only file. A missing file, or a writable regular one, is fine.
pub fn check_output(output: &Path) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(output) else {
        return Ok(());
    };
    let shown = output.display();
    let problem = if meta.is_dir() {
        format!(
            "{shown} is a folder; give the report a file name, e.g. {}",
            output.join("report.pdf").display()
        )
    } else if meta.file_type().is_symlink() {
        format!("{shown} is a symbolic link; give the path of the file itself")
    } else if !meta.is_file() {
        format!(
            "{shown} is not a regular file (a device or a pipe); the report was not written there"
        )
    } else if meta.permissions().readonly() {
        format!("{shown} is read-only; the report was not written over it")
    } else {
        return Ok(());
    };
    Err(Error::Usage(problem))
}

/// Whether `a` and `b` name the same file, however they are spelt (`./out/../out/a.pdf`,
/// a link); either may not exist yet, nor the folders above it.
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((resolve(a), resolve(b)), (Some(a), Some(b)) if a == b)
}

/// `path` made absolute: its longest part that exists with links resolved, the rest added
/// with `.` and `..` applied.
pub fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        rest.push(existing.file_name().map(ToOwned::to_owned));
        existing = existing.parent()?;
    };
    let mut resolved = base;
    for part in rest.into_iter().rev() {
        match part {
            Some(name) => resolved.push(name),
            // `..` has no file name: go up.
            None => {
                resolved.pop();
            }
        }
    }
    Some(resolved)
}

/// The report's file name for an account file: its name without the last extension, then
/// `.pdf` (`acme.2026-q3.yaml` → `acme.2026-q3.pdf`).
pub fn pdf_name(account: &Path) -> String {
    let stem = account.file_stem().unwrap_or_default().to_string_lossy();
    format!("{stem}.pdf")
}

/// The file that marks a folder as a Typst project readout wrote, listing the files it wrote.
pub const PROJECT_MARKER: &str = ".readout-project";

/// Write a project's `files` (paths relative to `dir`) into `dir`, each atomically. `dir` must
/// be missing, empty, or a project readout wrote before (it holds [`PROJECT_MARKER`]): never
/// a folder of the user's other files. Over an earlier project, the files it listed and this
/// one does not (another account's logo and charts) are removed.
pub fn write_project(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    let io = |path: &Path, action, source| Error::Io {
        path: path.to_owned(),
        action,
        source,
    };
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file; give a folder for the Typst project",
            dir.display()
        )));
    }
    let marker = dir.join(PROJECT_MARKER);
    let earlier = std::fs::read_to_string(&marker).ok();
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
        && earlier.is_none()
    {
        return Err(Error::Usage(format!(
            "{} holds other files; give a new or empty folder for the Typst project",
            dir.display()
        )));
    }
    // Every place checked before any file is written, so a folder where a file goes (or a
    // file where a folder goes) leaves the project as it was, not half one account's.
    for (path, _) in files {
        let path = dir.join(path);
        let in_the_way = std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file())
            || std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly());
        if in_the_way {
            return Err(Error::Usage(format!(
                "{} is in the way: the project writes a file there (it is a folder, a link, a \
                 device or read-only); the project was not written",
                path.display()
            )));
        }
        let mut above = path.parent();
        while let Some(folder) = above.filter(|f| *f != dir && f.starts_with(dir)) {
            if folder.exists() && !folder.is_dir() {
                return Err(Error::Usage(format!(
                    "{} is a file where the project needs a folder; the project was not written",
                    folder.display()
                )));
            }
            above = folder.parent();
        }
    }
    for (path, bytes) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, "create the folder", e))?;
        }
        write_atomically(&path, bytes)?;
    }
    let written: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    for stale in earlier.iter().flat_map(|text| text.lines()) {
        // Only plain relative paths readout wrote; never a path out of the folder.
        let plain = Path::new(stale)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if plain && !written.contains(&stale) {
            let _ = std::fs::remove_file(dir.join(stale));
        }
    }
    write_atomically(&marker, (written.join("\n") + "\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_file_is_found_however_it_is_spelt() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        std::fs::write(&a, b"x").unwrap();
        assert!(same_file(&a, &dir.path().join(".").join("a.pdf")));
        // Folders that do not exist yet, and `..` through them.
        let new = dir.path().join("new/a.pdf");
        assert!(same_file(&new, &dir.path().join("new/../new/./a.pdf")));
        assert!(!same_file(&new, &dir.path().join("new/../a.pdf")));
        assert!(same_file(&a, &dir.path().join("new/../a.pdf")));
    }

    #[test]
    fn a_report_keeps_every_dot_of_its_accounts_name() {
        assert_eq!(
            pdf_name(Path::new("in/acme.2026-q3.yaml")),
            "acme.2026-q3.pdf"
        );
        assert_eq!(pdf_name(Path::new("acme.yml")), "acme.pdf");
    }
}
