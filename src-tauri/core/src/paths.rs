//! Where the data lives when nobody says otherwise: the OS app-data folder, the same one the
//! desktop shell's `app_data_dir()` gives for our identifier.
use std::path::PathBuf;

/// Must equal `identifier` in src-tauri/tauri.conf.json.
pub const APP_IDENTIFIER: &str = "cn.zhibu.workbench";

pub fn app_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// The secretary's real data file.
pub fn default_db() -> Option<PathBuf> {
    app_data_dir().map(|d| d.join("zhibu.db"))
}

/// The demo database, kept apart so demo data never touches real data.
pub fn demo_db() -> Option<PathBuf> {
    app_data_dir().map(|d| d.join("demo.db"))
}

/// The file to show when nobody named one: the secretary's own once it exists, the demo
/// file before that. Writing commands use `default_db()` instead, so real entries never land
/// in the demo file.
pub fn for_viewing() -> Option<PathBuf> {
    let real = default_db()?;
    if real.exists() {
        Some(real)
    } else {
        demo_db()
    }
}
