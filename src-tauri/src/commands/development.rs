//! Party member development: who is at which step, the steps themselves, and recording one.
use tauri::State;
use zhibu_core::development::{DevelopmentEntry, StepInfo, StepInput};
use zhibu_core::Result;

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn development_list(state: State<AppState>) -> Result<Vec<DevelopmentEntry>> {
    store(&state)?.store.development(today())
}

#[tauri::command]
pub fn development_steps() -> Vec<StepInfo> {
    zhibu_core::development::step_list()
}

#[tauri::command]
pub fn development_record(
    state: State<AppState>,
    member_id: i64,
    input: StepInput,
) -> Result<DevelopmentEntry> {
    writable(&state)?
        .store
        .record_step(member_id, &input, today())
}
