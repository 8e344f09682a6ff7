//! The program's private folder: where plaintext copies of the data live while they are
//! needed (a snapshot before encryption, a backup being verified or viewed), and how what a
//! killed program left there is found and removed.
use std::path::Path;

use crate::error::{Error, Result};

/// The program's private folder for plaintext that must never be left where others can read
/// it (the snapshot taken before a backup is encrypted, a backup being verified or viewed):
/// a `.zhibu-private` folder of mode 0700 beside the data file, or — when that folder cannot
/// be written, say on a USB stick — in the app's own data folder, else the system's temporary
/// folder. Files left by a program that was killed are removed by `clean`.
pub fn dir(near: Option<&Path>) -> Result<std::path::PathBuf> {
    let mut last = None;
    for dir in candidates(near) {
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
pub fn file(dir: &Path, tag: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    dir.join(format!(".zhibu-{tag}-{}-{nanos}.tmp", std::process::id()))
}

/// Removes what killed programs left in the private folder: files whose process is gone
/// (on systems without /proc, files older than a day). Files of a running program — the app
/// while the CLI starts, say — are left alone. Returns how many were removed.
pub fn clean(dir: &Path) -> usize {
    clean_matching(dir, ".zhibu-")
}

/// Removes the files in `dir` named `<prefix><tag>-<pid>-…` whose process is gone.
fn clean_matching(dir: &Path, prefix: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.strip_prefix(prefix).and_then(|rest| {
            let parts: Vec<&str> = rest.split('-').collect();
            // `.zhibu-<tag>-<pid>-…`, or after the tag prefix `<pid>-…`.
            parts.iter().take(2).find_map(|p| p.parse::<u32>().ok())
        });
        let Some(pid) = pid else {
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
pub fn clean_near(data: &Path) -> usize {
    let candidates = candidates(Some(data));
    let mut removed: usize = candidates
        .iter()
        .filter(|d| d.is_dir())
        .map(|d| clean(d))
        .sum();
    // A restore onto a new computer copies the data in beside its place under this name.
    if let Some(dir) = data.parent() {
        removed += clean_matching(dir, ".zhibu-place-");
    }
    removed
}

/// Where the private folder may be, in order of preference (see `dir`).
fn candidates(near: Option<&Path>) -> Vec<std::path::PathBuf> {
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
    candidates
}
