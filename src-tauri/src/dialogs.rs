//! The native save and open dialogs, for backups, printouts and Excel files alike.
//! `ZHIBU_SAVE_TO` (a folder) and `ZHIBU_PICK_FILE` (a file) stand in for them in the e2e
//! tests, since WebDriver cannot reach a GTK dialog.
use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Where to save a file: the system's save dialog offering `file_name`, or that name in
/// `ZHIBU_SAVE_TO`; `None` when cancelled. Blocks until the dialog closes, so callers are
/// async commands, off the window's thread.
pub fn save_path(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    filter: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ZHIBU_SAVE_TO") {
        return Some(PathBuf::from(dir).join(file_name));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(filter, extensions)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// The system's open dialog (or `ZHIBU_PICK_FILE`); `None` when cancelled. Blocks like
/// `save_path`.
pub fn pick_file(
    app: &AppHandle,
    title: &str,
    filter: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    if let Some(file) = std::env::var_os("ZHIBU_PICK_FILE") {
        return Some(PathBuf::from(file));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter, extensions)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}
