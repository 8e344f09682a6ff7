//! Rewording the drafted reports of the yearly package, paragraph by paragraph.
use tauri::State;
use zhibu_core::drafts::{DraftKind, DraftParagraph};
use zhibu_core::Result;

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn draft_paragraphs(
    state: State<AppState>,
    kind: DraftKind,
    year: i32,
) -> Result<Vec<DraftParagraph>> {
    store(&state)?.store.draft_paragraphs(kind, year, today())
}

#[tauri::command]
pub fn draft_paragraph_save(
    state: State<AppState>,
    kind: DraftKind,
    year: i32,
    key: String,
    text: String,
) -> Result<Vec<DraftParagraph>> {
    writable(&state)?
        .store
        .save_draft_paragraph(kind, year, &key, &text, today())
}
