//! Printed documents: the HTML preview, the PDF saved where the secretary chooses, and
//! opening it in the system's viewer.
use tauri::{AppHandle, State};
use zhibu_core::print::{self, FileFormat, Preview, PrintRequest, Saved};
use zhibu_core::{Error, ErrorKind, Result};

use crate::dialogs::save_path;
use crate::session::{store, today, with_fonts, AppState};

#[tauri::command]
pub fn print_preview(state: State<AppState>, request: PrintRequest) -> Result<Preview> {
    with_fonts(&state, |fonts| {
        print::preview(&store(&state)?.store, &request, fonts, today())
    })
}

/// Writes the PDF or Word file where the save dialog says; `None` when the secretary
/// cancels. Async so the dialog does not block the window's thread.
#[tauri::command]
pub async fn print_save(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PrintRequest,
    suggested: String,
    format: FileFormat,
) -> Result<Option<Saved>> {
    let ext = format.extension();
    let file_name = format!("{}.{ext}", suggested.replace(['/', '\\', ':'], "_"));
    let (title, filter) = match format {
        FileFormat::Pdf => ("保存PDF", "PDF 文件"),
        FileFormat::Docx => ("保存为Word", "Word 文档"),
    };
    let Some(path) = save_path(&app, title, &file_name, filter, &[ext]) else {
        return Ok(None);
    };
    with_fonts(&state, |fonts| {
        let s = store(&state)?;
        s.check_output(&path)?;
        print::save(&s.store, &request, fonts, today(), &path, format)
    })
    .map(Some)
}

/// Opens a saved printout with the system's PDF viewer.
#[tauri::command]
pub fn print_open(app: AppHandle, path: String) -> Result<()> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(path, None::<&str>)
        .map_err(|e| Error::new(ErrorKind::Io, format!("无法打开文件：{e}")))
}
