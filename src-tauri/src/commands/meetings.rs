//! Meeting records, their attendance and their photos.
use base64::Engine;
use chrono::NaiveDate;
use tauri::State;
use zhibu_core::meeting::{
    AttachmentInfo, AttendanceEntry, Meeting, MeetingInput, MeetingKind, MeetingSummary,
};
use zhibu_core::{Error, Result};

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn meeting_years(state: State<AppState>) -> Result<Vec<i32>> {
    store(&state)?.store.meeting_years()
}

#[tauri::command]
pub fn meeting_list(state: State<AppState>, year: i32) -> Result<Vec<MeetingSummary>> {
    store(&state)?.store.meetings(year)
}

#[tauri::command]
pub fn meeting_get(state: State<AppState>, id: i64) -> Result<Meeting> {
    store(&state)?.store.meeting(id)
}

#[tauri::command]
pub fn meeting_expected(
    state: State<AppState>,
    kind: MeetingKind,
    date: NaiveDate,
    group_id: Option<i64>,
) -> Result<Vec<AttendanceEntry>> {
    store(&state)?
        .store
        .expected_attendance(kind, date, group_id)
}

#[tauri::command]
pub fn meeting_add(state: State<AppState>, input: MeetingInput) -> Result<Meeting> {
    writable(&state)?.store.add_meeting(&input, today())
}

#[tauri::command]
pub fn meeting_update(state: State<AppState>, id: i64, input: MeetingInput) -> Result<Meeting> {
    writable(&state)?.store.update_meeting(id, &input, today())
}

#[tauri::command]
pub fn meeting_delete(state: State<AppState>, id: i64) -> Result<()> {
    writable(&state)?.store.delete_meeting(id)
}

/// Photos travel from the web view as base64; only this adapter knows that.
#[tauri::command]
pub fn attachment_add(
    state: State<AppState>,
    meeting_id: i64,
    name: String,
    mime: String,
    data: String,
) -> Result<AttachmentInfo> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.as_bytes())
        .map_err(|_| Error::field("attachment", "照片数据不完整，请重新选择文件"))?;
    writable(&state)?
        .store
        .add_attachment(meeting_id, &name, &mime, &bytes)
}

/// A photo as a `data:` URL the page can show (the CSP allows `data:` images only).
#[tauri::command]
pub fn attachment_data_url(state: State<AppState>, id: i64) -> Result<String> {
    let (mime, bytes) = store(&state)?.store.attachment(id)?;
    Ok(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

#[tauri::command]
pub fn attachment_delete(state: State<AppState>, id: i64) -> Result<()> {
    writable(&state)?.store.delete_attachment(id)
}
