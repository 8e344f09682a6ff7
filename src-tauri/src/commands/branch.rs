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

/// What the records make of the branch today: a secretary or a committee, and why.
#[tauri::command]
pub fn structure_get(state: State<AppState>) -> Result<zhibu_core::structure::BranchStructure> {
    store(&state)?.store.structure(today())
}
