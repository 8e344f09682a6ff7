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
    pub fn write(path: &Path, parts: &[&[u8]]) -> Result<Pending> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let pending = Pending {
            tmp: path.with_file_name(format!(".{name}.tmp")),
            path: path.to_path_buf(),
            published: false,
        };
        // On a full disk the write fails part-way: the half-written temporary file is removed
        // (by drop), and the target (if it existed) keeps its previous contents.
        let written = (|| {
            use std::io::Write;
            let mut f = std::fs::File::create(&pending.tmp)?;
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
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::from(e).about(&self.path))?;
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
    let companions: Vec<std::path::PathBuf> = ["", "-wal", "-shm", "-journal"]
        .iter()
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

/// The program's private folder for plaintext that must never be left where others can read
/// it (the snapshot taken before a backup is encrypted, a backup being verified or viewed):
/// a `.zhibu-private` folder of mode 0700 beside the data file, or — when that folder cannot
/// be written, say on a USB stick — in the app's own data folder, else the system's temporary
/// folder. Files left by a program that was killed are removed by `clean_private`.
pub fn private_dir(near: Option<&Path>) -> Result<std::path::PathBuf> {
    let mut candidates = Vec::new();
    if let Some(dir) = near.and_then(Path::parent) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        candidates.push(dir.join(".zhibu-private"));
    }
    if let Some(dir) = crate::paths::app_data_dir() {
        candidates.push(dir.join(".zhibu-private"));
    }
    candidates.push(std::env::temp_dir().join(format!("zhibu-private-{}", user_tag())));
    let mut last = None;
    for dir in candidates {
        match make_private(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) => last = Some(e),
        }
    }
    Err(last.map(Error::from).unwrap_or_else(|| {
        Error::new(
            crate::error::ErrorKind::Io,
            "找不到可以存放临时文件的文件夹",
        )
    }))
}

fn make_private(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        match std::fs::DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        // An existing folder is made private again, and must be writable by us.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)?;
    let probe = dir.join(format!(".probe-{}", std::process::id()));
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(&probe)
}

/// Distinguishes users sharing a temporary folder, without reading the environment's secrets.
fn user_tag() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "user".into())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// A temporary file's name in the private folder carries its process: `.zhibu-<tag>-<pid>-…`.
pub fn private_file(dir: &Path, tag: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    dir.join(format!(".zhibu-{tag}-{}-{nanos}.tmp", std::process::id()))
}

/// Removes what killed programs left in the private folder: files whose process is gone
/// (on systems without /proc, files older than a day). Files of a running program — the app
/// while the CLI starts, say — are left alone. Returns how many were removed.
pub fn clean_private(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(".zhibu-")
            .and_then(|rest| rest.split('-').nth(1))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let gone = if Path::new("/proc/self").exists() {
            pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600)
        };
        if gone && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Cleans the private folders that go with the data file `data`, where they exist already:
/// what programs killed mid-export or mid-verify left there. Run when a program starts.
pub fn clean_private_near(data: &Path) -> usize {
    let mut candidates = Vec::new();
    if let Some(dir) = data.parent() {
        candidates.push(dir.join(".zhibu-private"));
    }
    if let Some(dir) = crate::paths::app_data_dir() {
        candidates.push(dir.join(".zhibu-private"));
    }
    candidates.push(std::env::temp_dir().join(format!("zhibu-private-{}", user_tag())));
    candidates
        .iter()
        .filter(|d| d.is_dir())
        .map(|d| clean_private(d))
        .sum()
}
