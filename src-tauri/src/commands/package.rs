//! 报送上级: the parts of the yearly package with what the committee would notice, writing
//! it where the save dialog says while a progress bar moves, and showing it in its folder.
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use zhibu_core::package::{package_name, Package, PackageProgress};
use zhibu_core::package_parts::PackagePart;
use zhibu_core::{Error, ErrorKind, Result};

use crate::dialogs::save_path;
use crate::session::{now, store, today, with_fonts, AppState};

#[tauri::command]
pub fn package_parts(state: State<AppState>, year: i32) -> Result<Vec<PackagePart>> {
    store(&state)?.store.package_parts(year, today())
}

/// Writes the year's package to the file chosen in the save dialog (`None` when cancelled),
/// off the window's thread, telling the page each part as it is written.
#[tauri::command]
pub async fn package_write(
    app: AppHandle,
    year: i32,
    passphrase: Option<String>,
    on_progress: Channel<PackageProgress>,
) -> Result<Option<Package>> {
    let suggested = {
        let state = app.state::<AppState>();
        let s = store(&state)?;
        package_name(&s.store.branch()?.name, year)
    };
    let Some(path) = save_path(&app, "保存年度材料包", &suggested, "压缩文件", &["zip"])
    else {
        return Ok(None);
    };
    let worker = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        with_fonts(&state, |fonts| {
            let s = store(&state)?;
            s.check_output(&path)?;
            s.store.write_package(
                fonts,
                year,
                today(),
                now(),
                env!("CARGO_PKG_VERSION"),
                &path,
                passphrase.as_deref().filter(|p| !p.is_empty()),
                &mut |step, total, what| {
                    // A page that went away stops listening; the package is still written.
                    let _ = on_progress.send(PackageProgress {
                        step: step as u32,
                        total: total as u32,
                        what: what.to_string(),
                    });
                },
            )
        })
        .map(Some)
    })
    .await
    .map_err(|_| Error::new(ErrorKind::Internal, "后台任务意外中止，请重试"))?
}

/// Shows the written package in the system's file manager.
#[tauri::command]
pub fn package_reveal(app: AppHandle, path: String) -> Result<()> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .reveal_item_in_dir(path)
        .map_err(|e| Error::new(ErrorKind::Io, format!("无法打开所在文件夹：{e}")))
}
