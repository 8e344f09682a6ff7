//! 谈心谈话 by pairs and the organizations a (joint) branch covers.
use tauri::State;
use zhibu_core::organization::{Organization, OrganizationInput};
use zhibu_core::talk::{Talk, TalkCoverage, TalkInput};
use zhibu_core::Result;

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn talk_list(state: State<AppState>, year: i32) -> Result<Vec<Talk>> {
    store(&state)?.store.talks(year)
}

#[tauri::command]
pub fn talk_coverage(state: State<AppState>, year: i32) -> Result<TalkCoverage> {
    store(&state)?.store.talk_coverage(year, today())
}

#[tauri::command]
pub fn talk_add(state: State<AppState>, input: TalkInput) -> Result<Talk> {
    writable(&state)?.store.add_talk(&input, today())
}

#[tauri::command]
pub fn talk_delete(state: State<AppState>, id: i64) -> Result<()> {
    writable(&state)?.store.delete_talk(id)
}

#[tauri::command]
pub fn org_list(state: State<AppState>) -> Result<Vec<Organization>> {
    store(&state)?.store.organizations()
}

#[tauri::command]
pub fn org_save(
    state: State<AppState>,
    id: Option<i64>,
    input: OrganizationInput,
) -> Result<Organization> {
    writable(&state)?
        .store
        .save_organization(id, &input, today())
}

#[tauri::command]
pub fn org_delete(state: State<AppState>, id: i64) -> Result<()> {
    writable(&state)?.store.delete_organization(id)
}
