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
