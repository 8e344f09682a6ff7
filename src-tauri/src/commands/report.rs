//! The yearly duty report: its paragraphs and revisions, its lists, and the templates it
//! starts from.
use std::collections::BTreeMap;

use tauri::State;
use zhibu_core::report::{
    ListItem, ListItemInput, ListKind, ParagraphEdit, Report, ReportDraft, ReportReview,
    ReportReviewInput, Template,
};
use zhibu_core::Result;

use crate::session::{now, store, today, writable, AppState};

/// Who saved a revision: the computer's user name (the app has no accounts).
fn author() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

#[tauri::command]
pub fn report_get(state: State<AppState>, year: i32) -> Result<Report> {
    store(&state)?.store.report(year, today(), now())
}

#[tauri::command]
pub fn report_save(state: State<AppState>, year: i32, edits: Vec<ParagraphEdit>) -> Result<Report> {
    writable(&state)?
        .store
        .save_report(year, &edits, &author(), today(), now())
}

/// Keeps the editor's unsaved changes (typed, not yet 保存) in the data file.
#[tauri::command]
pub fn report_draft_save(
    state: State<AppState>,
    year: i32,
    edits: Vec<ParagraphEdit>,
) -> Result<()> {
    writable(&state)?
        .store
        .save_report_draft(year, &edits, now())
}

#[tauri::command]
pub fn report_draft_get(state: State<AppState>, year: i32) -> Result<Option<ReportDraft>> {
    store(&state)?.store.report_draft(year)
}

#[tauri::command]
pub fn report_refresh(state: State<AppState>, year: i32) -> Result<Report> {
    writable(&state)?
        .store
        .refresh_report(year, &author(), today(), now())
}

#[tauri::command]
pub fn report_restore(state: State<AppState>, year: i32, revision_id: i64) -> Result<Report> {
    writable(&state)?
        .store
        .restore_report(year, revision_id, &author(), today(), now())
}

/// Dates the report (落款日期); an empty date leaves it to the day of printing.
#[tauri::command]
pub fn report_date(state: State<AppState>, year: i32, date: String) -> Result<Report> {
    writable(&state)?
        .store
        .set_report_date(year, &date, today())
}

/// The superior committee's review (述职评议) of a year's report.
#[tauri::command]
pub fn report_review(state: State<AppState>, year: i32) -> Result<ReportReview> {
    store(&state)?.store.review(year)
}

/// Records the review; its points become items of the next year's rectification list.
#[tauri::command]
pub fn report_review_save(
    state: State<AppState>,
    year: i32,
    input: ReportReviewInput,
) -> Result<ReportReview> {
    writable(&state)?.store.save_review(year, &input, today())
}

#[tauri::command]
pub fn report_final(state: State<AppState>, year: i32, is_final: bool) -> Result<Report> {
    writable(&state)?
        .store
        .set_report_final(year, is_final, today())
}

#[tauri::command]
pub fn report_item_save(
    state: State<AppState>,
    year: i32,
    list: ListKind,
    id: Option<i64>,
    input: ListItemInput,
) -> Result<ListItem> {
    writable(&state)?
        .store
        .save_list_item(year, list, id, &input)
}

#[tauri::command]
pub fn report_item_delete(state: State<AppState>, id: i64) -> Result<()> {
    writable(&state)?.store.delete_list_item(id)
}

#[tauri::command]
pub fn report_templates(state: State<AppState>) -> Result<Vec<Template>> {
    store(&state)?.store.report_templates()
}

#[tauri::command]
pub fn report_templates_save(
    state: State<AppState>,
    templates: BTreeMap<String, String>,
) -> Result<Vec<Template>> {
    let s = writable(&state)?;
    s.store.save_report_templates(&templates)?;
    s.store.report_templates()
}
