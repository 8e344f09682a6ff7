//! Backups: export with the save dialog, pick one with the open dialog, verify, look at one
//! read-only, restore, and list the automatic ones. Long work runs off the window's thread
//! so the page can show that it is busy.
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, State};
use zhibu_core::app::AppInfo;
use zhibu_core::app::Restored;
use zhibu_core::backup::{self, AutoBackupInfo, Exported, Manifest, RestorePlan};
use zhibu_core::{paths, Error, ErrorKind, Result, Store};

use crate::dialogs::{pick_file, save_path};
use crate::session::{now, store, today, AppState};

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
    Ok(store(&app.state::<AppState>())?.db_path.clone())
}

/// Exports a backup of the secretary's data to a file chosen in the save dialog; `None`
/// when cancelled.
#[tauri::command]
pub async fn backup_export(app: AppHandle, passphrase: Option<String>) -> Result<Option<Exported>> {
    let suggested = {
        let state = app.state::<AppState>();
        let s = store(&state)?;
        s.not_viewing()?;
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
    // An older backup is upgraded in the copy (before the session is locked, as that can
    // take a while); the backup file itself is never opened.
    let copy = Store::open(verified.db_path())?;
    let state = app.state::<AppState>();
    let mut s = store(&state)?;
    s.view_backup(PathBuf::from(path), verified, copy)?;
    s.app_info()
}

/// Back from a backup to the secretary's own data.
#[tauri::command]
pub fn backup_close(state: State<AppState>) -> Result<AppInfo> {
    let mut s = store(&state)?;
    s.close_backup()?;
    s.app_info()
}

/// The file a restore replaces: the secretary's; on the demo, the backup becomes the
/// secretary's own file (a new computer).
fn restore_target(app: &AppHandle) -> Result<PathBuf> {
    let state = app.state::<AppState>();
    let s = store(&state)?;
    s.not_viewing()?;
    let on_demo_file = paths::demo_db().is_some_and(|d| d == s.db_path);
    Ok(match paths::default_db() {
        Some(own) if on_demo_file => own,
        _ => s.db_path.clone(),
    })
}

/// What restoring a backup would change, for the confirmation; nothing is changed.
#[tauri::command]
pub async fn backup_restore_plan(
    app: AppHandle,
    path: String,
    passphrase: Option<String>,
) -> Result<RestorePlan> {
    let target = restore_target(&app)?;
    off_thread(move || backup::plan_restore(&target, Path::new(&path), passphrase.as_deref())).await
}

/// Replaces the secretary's data with a verified backup, keeping the previous file beside
/// it (see `backup::restore`).
#[tauri::command]
pub async fn backup_restore(
    app: AppHandle,
    path: String,
    passphrase: Option<String>,
) -> Result<Restored> {
    let target = restore_target(&app)?;
    let worker = app.clone();
    off_thread(move || {
        let state = worker.state::<AppState>();
        let mut s = store(&state)?;
        let kept = s.restore(target, Path::new(&path), passphrase.as_deref())?;
        Ok(Restored {
            damaged: kept.as_ref().is_some_and(|k| k.damaged),
            kept: kept.map(|k| k.path.display().to_string()),
            info: s.app_info()?,
        })
    })
    .await
}

/// The automatic backups of the secretary's file, newest first.
#[tauri::command]
pub async fn auto_backups(app: AppHandle) -> Result<Vec<AutoBackupInfo>> {
    let dir = store(&app.state::<AppState>())?.backup_dir();
    off_thread(move || {
        Ok(dir
            .map(|d| backup::auto_backup_list(&d))
            .unwrap_or_default())
    })
    .await
}
