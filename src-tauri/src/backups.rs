//! Backup commands: export with the system's save dialog, pick a backup with the open
//! dialog, verify, look at one read-only, restore, and list the automatic backups. The long
//! work runs off the window's thread so the page can show that it is busy. Also the one
//! place that shows the native save and open dialogs (`save_path`, `pick_file`), for
//! printouts and Excel files too.
//!
//! `ZHIBU_SAVE_TO` (a folder) and `ZHIBU_PICK_FILE` (a file) stand in for the native
//! dialogs in the e2e tests, since WebDriver cannot reach a GTK dialog.
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, State};
use zhibu_core::backup::{self, AutoBackupInfo, Exported, Manifest, Restored, Verified};
use zhibu_core::store::AppInfo;
use zhibu_core::{paths, Error, ErrorKind, Result, Store};

use crate::commands::{app_info, store, today};
use crate::AppState;

/// A backup file open for viewing: its verified, unpacked copy lives as long as this does.
pub struct Viewing {
    pub backup: PathBuf,
    pub manifest: Manifest,
    _copy: Verified,
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Runs `f` on a worker thread: verifying a large backup takes a second or more.
async fn off_thread<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|_| Error::new(ErrorKind::Internal, "后台任务意外中止，请重试"))?
}

/// Unpacked copies go beside the secretary's data file (same disk, app-data folder).
fn scratch_near(app: &AppHandle) -> Result<PathBuf> {
    let state = app.state::<AppState>();
    let s = store(&state)?;
    Ok(s.db_path.clone())
}

fn no_viewing(s: &crate::Session) -> Result<()> {
    if s.viewing.is_some() {
        return Err(Error::new(
            ErrorKind::Invalid,
            "正在只读查看备份文件，请先点上方的“退出查看”",
        ));
    }
    Ok(())
}

/// Exports a backup of the secretary's data to a file chosen in the save dialog; `None`
/// when cancelled.
#[tauri::command]
pub async fn backup_export(app: AppHandle, passphrase: Option<String>) -> Result<Option<Exported>> {
    let suggested = {
        let state = app.state::<AppState>();
        let s = store(&state)?;
        no_viewing(&s)?;
        let name = s.store.branch()?.name;
        let name = if name.is_empty() {
            "支部".into()
        } else {
            name
        };
        format!(
            "{}-备份-{}.{}",
            name.replace(['/', '\\', ':'], "_"),
            today().format("%Y%m%d"),
            backup::EXTENSION
        )
    };
    let Some(path) = save_path(
        &app,
        "保存备份",
        &suggested,
        "支部工作台备份",
        &[backup::EXTENSION],
    ) else {
        return Ok(None);
    };
    let worker = app.clone();
    off_thread(move || {
        let state = worker.state::<AppState>();
        let s = store(&state)?;
        let manifest = s.store.export_backup(
            &path,
            passphrase.as_deref().filter(|p| !p.is_empty()),
            env!("CARGO_PKG_VERSION"),
            now(),
        )?;
        Ok(Some(Exported {
            path: path.display().to_string(),
            manifest,
        }))
    })
    .await
}

/// Where to save a file: the system's save dialog offering `file_name`, or that name in
/// `ZHIBU_SAVE_TO`; `None` when cancelled.
pub fn save_path(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    filter: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;
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

/// The system's open dialog (or `ZHIBU_PICK_FILE`); `None` when cancelled.
pub fn pick_file(
    app: &AppHandle,
    title: &str,
    filter: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;
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

/// The open dialog for a backup file; `None` when cancelled.
#[tauri::command]
pub async fn backup_pick(app: AppHandle) -> Result<Option<String>> {
    Ok(
        pick_file(&app, "选择备份文件", "支部工作台备份", &[backup::EXTENSION])
            .map(|p| p.display().to_string()),
    )
}

/// Whose file it is, read from the manifest alone: shown before asking for a passphrase.
#[tauri::command]
pub async fn backup_inspect(path: String) -> Result<Manifest> {
    off_thread(move || backup::read_manifest_file(Path::new(&path))).await
}

#[tauri::command]
pub async fn backup_verify(
    app: AppHandle,
    path: String,
    passphrase: Option<String>,
) -> Result<Manifest> {
    let near = scratch_near(&app)?;
    off_thread(move || Ok(backup::verify(Path::new(&path), passphrase.as_deref(), &near)?.manifest))
        .await
}

/// Opens a backup for viewing and printing without importing it: the window shows its
/// unpacked copy, and every change is refused until `backup_close`.
#[tauri::command]
pub async fn backup_open(
    app: AppHandle,
    path: String,
    passphrase: Option<String>,
) -> Result<AppInfo> {
    let near = scratch_near(&app)?;
    let verified = {
        let path = path.clone();
        off_thread(move || backup::verify(Path::new(&path), passphrase.as_deref(), &near)).await?
    };
    // An older backup is upgraded in the copy; the backup file itself is never opened.
    let copy = Store::open(verified.db_path())?;
    let state = app.state::<AppState>();
    {
        let mut s = store(&state)?;
        no_viewing(&s)?;
        // The secretary's file is closed while the backup is shown: back it up first.
        s.auto_backup(true);
        s.store = copy;
        s.viewing = Some(Viewing {
            backup: PathBuf::from(path),
            manifest: verified.manifest.clone(),
            _copy: verified,
        });
    }
    app_info(state)
}

/// Back from a backup to the secretary's own data.
#[tauri::command]
pub fn backup_close(state: State<AppState>) -> Result<AppInfo> {
    {
        let mut s = store(&state)?;
        if s.viewing.is_some() {
            // The copy's store closes before its files are removed.
            s.store = Store::open(&s.db_path)?;
            s.viewing = None;
        }
    }
    app_info(state)
}

/// Replaces the secretary's data with a verified backup, keeping the previous file beside
/// it. On the demo, the backup becomes the secretary's own file (a new computer).
#[tauri::command]
pub async fn backup_restore(
    app: AppHandle,
    path: String,
    passphrase: Option<String>,
) -> Result<Restored> {
    let target = {
        let state = app.state::<AppState>();
        let s = store(&state)?;
        no_viewing(&s)?;
        let on_demo_file = paths::demo_db().is_some_and(|d| d == s.db_path);
        match paths::default_db() {
            Some(own) if on_demo_file => own,
            _ => s.db_path.clone(),
        }
    };
    let worker = app.clone();
    let kept = off_thread(move || {
        let state = worker.state::<AppState>();
        let mut s = store(&state)?;
        // The open connection is closed first: the file under it is about to be replaced.
        s.store = Store::open_in_memory()?;
        let result = backup::restore(&target, Path::new(&path), passphrase.as_deref(), now());
        // Whatever happened, the window goes on with the file now at the target, or with the
        // untouched previous one.
        let reopen = if result.is_ok() { &target } else { &s.db_path };
        let reopened = Store::open(reopen)?;
        s.store = reopened;
        if result.is_ok() {
            s.db_path = target.clone();
        }
        result
    })
    .await?;
    let state = app.state::<AppState>();
    Ok(Restored {
        kept: kept.map(|k| k.display().to_string()),
        info: app_info(state)?,
    })
}

/// The automatic backups of the secretary's file, newest first.
#[tauri::command]
pub async fn auto_backups(app: AppHandle) -> Result<Vec<AutoBackupInfo>> {
    let dir = {
        let state = app.state::<AppState>();
        let s = store(&state)?;
        s.backup_dir()
    };
    off_thread(move || {
        Ok(dir
            .map(|d| backup::auto_backup_list(&d))
            .unwrap_or_default())
    })
    .await
}
