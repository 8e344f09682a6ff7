//! The 六有 venue checklist: venues, their items, and the checks recorded against them.
use tauri::State;
use zhibu_core::venue::{CheckInput, Venue, VenueInput};
use zhibu_core::Result;

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn venues(state: State<AppState>) -> Result<Vec<Venue>> {
    store(&state)?.store.venues()
}

#[tauri::command]
pub fn venue_add(state: State<AppState>, input: VenueInput) -> Result<Venue> {
    writable(&state)?.store.add_venue(&input)
}

#[tauri::command]
pub fn venue_item_add(
    state: State<AppState>,
    venue_id: i64,
    title: String,
    requirement: String,
) -> Result<Venue> {
    writable(&state)?
        .store
        .add_venue_item(venue_id, &title, &requirement)
}

#[tauri::command]
pub fn venue_item_retire(state: State<AppState>, item_id: i64) -> Result<()> {
    writable(&state)?.store.retire_venue_item(item_id)
}

#[tauri::command]
pub fn venue_check(state: State<AppState>, venue_id: i64, input: CheckInput) -> Result<Venue> {
    writable(&state)?
        .store
        .record_venue_check(venue_id, &input, today())
}
