//! Writing the files the secretary asked for (printouts, spreadsheets, backups): through a
//! temporary file beside the target and a rename, so a half-written file never stands under
//! the chosen name and a failed write leaves the previous file as it was.
use std::path::Path;

use crate::error::{Error, Result};

/// Writes a file where the secretary chose, through a temporary file in the same folder
/// and a rename, so a half-written PDF never stands under the chosen name.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_parts(path, &[bytes])
}

/// Writes `parts` one after the other as the file at `path`, like [`write_file`].
pub fn write_file_parts(path: &Path, parts: &[&[u8]]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    // On a full disk the write fails part-way: the half-written temporary file is removed,
    // and the target (if it existed) keeps its previous contents.
    let written = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        for part in parts {
            f.write_all(part)?;
        }
        // On disk before the rename, so a crash never leaves a complete name on empty bytes.
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::from(e).about(path));
    }
    Ok(())
}
