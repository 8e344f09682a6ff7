//! Excel workbooks in and out: importing a roster (pick, preview, import) and exporting the
//! roster and the dues ledger, each saved where the secretary chooses.
use tauri::{AppHandle, State};
use zhibu_core::excel::ImportReport;
use zhibu_core::{Error, ErrorKind, Result};

use crate::dialogs::{pick_file, save_path};
use crate::session::{store, today, writable, AppState};

/// The open dialog for an Excel roster; `None` when cancelled.
#[tauri::command]
pub async fn import_pick(app: AppHandle) -> Result<Option<String>> {
    Ok(
        pick_file(&app, "选择Excel名册", "Excel 工作簿", &["xlsx", "xls"])
            .map(|p| p.display().to_string()),
    )
}

fn read_workbook(path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|_| Error::new(ErrorKind::NotFound, format!("无法读取文件 {path}")))
}

#[tauri::command]
pub fn import_preview(state: State<AppState>, path: String) -> Result<ImportReport> {
    store(&state)?
        .store
        .preview_import(&read_workbook(&path)?, today())
}

#[tauri::command]
pub fn import_roster(state: State<AppState>, path: String) -> Result<ImportReport> {
    writable(&state)?
        .store
        .import_roster(&read_workbook(&path)?, today())
}

/// Saves a workbook where the secretary chooses; the path written, or `None` when
/// cancelled (then a failure to build it is not worth mentioning either). The callers build
/// it first and release the session: a sync command waiting for the lock would otherwise
/// hold up the window's thread, which the dialog needs.
fn save_xlsx(
    app: &AppHandle,
    state: &AppState,
    file_name: &str,
    bytes: Result<Vec<u8>>,
) -> Result<Option<String>> {
    let Some(path) = save_path(app, "导出Excel", file_name, "Excel 工作簿", &["xlsx"]) else {
        return Ok(None);
    };
    let bytes = bytes?;
    // Checked against the open data file: a save dialog pointed at it must not overwrite it.
    let s = store(state)?;
    s.check_output(&path)?;
    s.store.write_output(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn roster_export(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>> {
    let file_name = format!("党员名册-{}.xlsx", today().format("%Y%m%d"));
    let workbook = store(&state)?.store.roster_xlsx();
    save_xlsx(&app, &state, &file_name, workbook)
}

#[tauri::command]
pub async fn dues_export(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
) -> Result<Option<String>> {
    let file_name = format!("{year}年党费台账.xlsx");
    let workbook = store(&state)?.store.dues_xlsx(year, today());
    save_xlsx(&app, &state, &file_name, workbook)
}
