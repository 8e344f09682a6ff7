//! Writing the files the secretary asked for (printouts, spreadsheets, backups): through a
//! temporary file beside the target and a rename, so a half-written file never stands under
//! the chosen name and a failed write leaves the previous file as it was.
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};

/// Writes a file where the secretary chose, through a temporary file in the same folder
/// and a rename, so a half-written PDF never stands under the chosen name.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_parts(path, &[bytes])
}

/// Writes `parts` one after the other as the file at `path`, like [`write_file`].
pub fn write_file_parts(path: &Path, parts: &[&[u8]]) -> Result<()> {
    Pending::write(path, parts)?.publish()
}

/// A file written in full under a temporary name beside its target, synced, not yet under its
/// name: `publish` renames it into place; dropped unpublished, it is removed. Lets a caller
/// finish a check that runs alongside the write before the file appears.
pub struct Pending {
    tmp: std::path::PathBuf,
    path: std::path::PathBuf,
    published: bool,
}

impl Pending {
    /// An empty file under the temporary name, for a writer that streams into it (the yearly
    /// package's zip); the caller syncs it before `publish`.
    pub fn create(path: &Path) -> Result<(Pending, std::fs::File)> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let pending = Pending {
            tmp: path.with_file_name(format!(".{name}.tmp")),
            path: path.to_path_buf(),
            published: false,
        };
        let file = std::fs::File::create(&pending.tmp).map_err(|e| Error::from(e).about(path))?;
        Ok((pending, file))
    }

    pub fn write(path: &Path, parts: &[&[u8]]) -> Result<Pending> {
        let (pending, mut f) = Pending::create(path)?;
        // On a full disk the write fails part-way: the half-written temporary file is removed
        // (by drop), and the target (if it existed) keeps its previous contents.
        let written = (|| {
            use std::io::Write;
            for part in parts {
                f.write_all(part)?;
            }
            // On disk before the rename, so a crash never leaves a complete name on empty bytes.
            f.sync_all()
        })();
        written.map_err(|e| Error::from(e).about(path))?;
        Ok(pending)
    }

    pub fn publish(mut self) -> Result<()> {
        std::fs::rename(&self.tmp, &self.path).map_err(|e| replace_refused(e, &self.path))?;
        self.published = true;
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// The files SQLite keeps beside a database, which belong with it.
pub const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Removes a database file with its companions, ignoring those that are not there.
pub fn remove_with_companions(path: &Path) {
    for suffix in std::iter::once("").chain(COMPANIONS) {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// The folder beside the data file where automatic backups are kept and thinned.
pub const AUTO_BACKUP_FOLDER: &str = "backups";

/// Refuses an output path that would overwrite the open data file, its -wal/-shm companions,
/// or land in the automatic-backup folder (whose files the program deletes when thinning).
/// Paths are compared after resolving links and `..`, so another spelling of the same file
/// is caught too.
pub fn refuse_onto_data(out: &Path, data: &Path) -> Result<()> {
    let resolve = |p: &Path| -> std::path::PathBuf {
        if let Ok(full) = p.canonicalize() {
            return full;
        }
        // Not there yet: resolve its folder and keep the name.
        match (p.parent(), p.file_name()) {
            (Some(dir), Some(name)) => {
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                dir.canonicalize()
                    .map(|d| d.join(name))
                    .unwrap_or_else(|_| p.to_path_buf())
            }
            _ => p.to_path_buf(),
        }
    };
    let out = resolve(out);
    let data = resolve(data);
    let name = data.file_name().map(|n| n.to_string_lossy().into_owned());
    let companions: Vec<std::path::PathBuf> = std::iter::once("")
        .chain(COMPANIONS)
        .filter_map(|suffix| Some(data.with_file_name(format!("{}{suffix}", name.as_deref()?))))
        .collect();
    if companions.contains(&out) {
        return Err(Error::new(
            crate::error::ErrorKind::Invalid,
            format!(
                "不能保存到 {}：这是正在使用的数据文件，保存到那里会毁掉全部数据。请换一个文件名",
                out.display()
            ),
        ));
    }
    if let Some(dir) = data.parent() {
        if out.starts_with(dir.join(AUTO_BACKUP_FOLDER)) {
            return Err(Error::new(
                crate::error::ErrorKind::Invalid,
                format!(
                    "不能保存到 {}：自动备份文件夹由程序管理，其中的文件会被自动清理。请换一个位置",
                    out.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Windows will not put a file in place of one another program holds open — a PDF in a
/// reader, a workbook in WPS or Excel: ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32),
/// ERROR_LOCK_VIOLATION (33) — where Linux would. The secretary is told to close it, not that
/// permission is lacking; the previous file stays as it was and the new one is removed.
fn replace_refused(e: std::io::Error, path: &Path) -> Error {
    if cfg!(windows) && path.exists() && matches!(e.raw_os_error(), Some(5 | 32 | 33)) {
        Error::new(
            ErrorKind::Io,
            "这个文件正被其他程序打开（如 PDF 阅读器、WPS 或 Excel），请先关闭它再保存，或换一个文件名",
        )
        .about(path)
    } else {
        Error::from(e).about(path)
    }
}
