//! Automatic backups of the secretary's file: at most daily and only after a change, thinned
//! to 7 days, 4 weeks and 12 months.
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::Serialize;
use ts_rs::TS;

use super::*;
use crate::error::Result;
use crate::store::Store;

/// An automatic backup as listed in the window.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AutoBackupInfo {
    pub path: String,
    pub taken: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// None when the file is damaged.
    pub manifest: Option<Manifest>,
}

/// The automatic backups in `dir` with their manifests, newest first.
pub fn auto_backup_list(dir: &Path) -> Vec<AutoBackupInfo> {
    auto_backups(dir)
        .into_iter()
        .map(|b| AutoBackupInfo {
            path: b.path.display().to_string(),
            taken: b.taken.format("%Y-%m-%d %H:%M").to_string(),
            bytes: std::fs::metadata(&b.path).map(|m| m.len()).unwrap_or(0),
            manifest: read_manifest_file(&b.path).ok(),
        })
        .collect()
}

/// An automatic backup found in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoBackup {
    pub path: PathBuf,
    pub taken: NaiveDateTime,
}

const AUTO_PREFIX: &str = "auto-";

/// The automatic backups in `dir`, newest first (names carry their time).
pub fn auto_backups(dir: &Path) -> Vec<AutoBackup> {
    let mut list: Vec<AutoBackup> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let stamp = name
                        .strip_prefix(AUTO_PREFIX)?
                        .strip_suffix(&format!(".{EXTENSION}"))?
                        .to_string();
                    let taken = NaiveDateTime::parse_from_str(&stamp, "%Y%m%d-%H%M%S").ok()?;
                    Some(AutoBackup {
                        path: e.path(),
                        taken,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    list.sort_by_key(|b| std::cmp::Reverse(b.taken));
    list
}

/// Which automatic backups to delete: kept are the newest of each of the last 7 days that
/// have one, then of 4 weeks before those, then of 12 months before those.
pub fn to_thin(backups: &[AutoBackup]) -> Vec<PathBuf> {
    use chrono::Datelike;
    let mut sorted: Vec<&AutoBackup> = backups.iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.taken));
    let (mut days, mut weeks, mut months) = (Vec::new(), Vec::new(), Vec::new());
    let mut delete = Vec::new();
    for b in sorted {
        let d = b.taken.date();
        let week = (d.iso_week().year(), d.iso_week().week());
        let month = (d.year(), d.month());
        if days.len() < 7 && !days.contains(&d) {
            days.push(d);
        } else if days.len() >= 7
            && weeks.len() < 4
            && !weeks.contains(&week)
            && !days
                .iter()
                .any(|x| (x.iso_week().year(), x.iso_week().week()) == week)
        {
            weeks.push(week);
        } else if days.len() >= 7
            && weeks.len() >= 4
            && months.len() < 12
            && !months.contains(&month)
            && !days.iter().any(|x| (x.year(), x.month()) == month)
            && !weeks.contains(&week)
        {
            months.push(month);
        } else {
            delete.push(b.path.clone());
        }
    }
    delete
}

impl Store {
    /// Takes an automatic backup into `dir` when the data changed since the last one and the
    /// last one is not from today (unless `on_exit`), then thins the old ones. Returns the
    /// new backup's path, if one was taken.
    pub fn auto_backup(
        &self,
        dir: &Path,
        now: NaiveDateTime,
        on_exit: bool,
        app_version: &str,
    ) -> Result<Option<PathBuf>> {
        std::fs::create_dir_all(dir)?;
        let existing = auto_backups(dir);
        if let Some(last) = existing.first() {
            if !on_exit && last.taken.date() == now.date() {
                return Ok(None);
            }
        }
        let path = dir.join(format!(
            "{AUTO_PREFIX}{}.{EXTENSION}",
            now.format("%Y%m%d-%H%M%S")
        ));
        // One a second at most: a second backup in the same second would replace the first
        // under its name, then be found "unchanged" against itself and deleted.
        if path.exists() {
            return Ok(None);
        }
        let last = existing
            .first()
            .and_then(|l| read_manifest_file(&l.path).ok());
        let manifest = self.export_unchecked(&path, None, app_version, now)?;
        // Nothing changed since the last backup: the new one is not needed.
        let unchanged = last
            .is_some_and(|m| !m.data_sha256.is_empty() && m.data_sha256 == manifest.data_sha256);
        if unchanged {
            std::fs::remove_file(&path)?;
            return Ok(None);
        }
        for old in to_thin(&auto_backups(dir)) {
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(path))
    }
}
