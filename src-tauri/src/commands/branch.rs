//! The branch's own profile.
use tauri::State;
use zhibu_core::branch::{BranchInput, BranchProfile};
use zhibu_core::Result;

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn branch_get(state: State<AppState>) -> Result<BranchProfile> {
    store(&state)?.store.branch()
}

#[tauri::command]
pub fn branch_save(state: State<AppState>, input: BranchInput) -> Result<BranchProfile> {
    writable(&state)?.store.save_branch(&input, today())
}
