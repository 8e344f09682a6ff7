//! What the window shows about the open data file: where it is, whether it is the demo, and
//! whose backup is open while one is viewed.
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::backup::Manifest;
use crate::error::Result;
use crate::store::Store;

/// What the window shows about the open data file.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub db_path: String,
    pub is_demo: bool,
    pub today: NaiveDate,
    pub version: String,
    /// Set while a backup file is open for viewing (read-only): whose file it is.
    pub viewing: Option<Manifest>,
}

impl Store {
    pub fn app_info(&self, db_path: &Path, today: NaiveDate, version: &str) -> Result<AppInfo> {
        Ok(AppInfo {
            db_path: db_path.display().to_string(),
            is_demo: self.is_demo()?,
            today,
            version: version.into(),
            viewing: None,
        })
    }
}

/// The outcome of a restore: where the replaced data was kept (none when there was no data
/// yet) and the data file now open.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Restored {
    /// Where the data that was in place went, if there was any.
    pub kept: Option<String>,
    /// True when that data was damaged and moved aside as it was.
    pub damaged: bool,
    pub info: AppInfo,
}
