//! The home page, the yearly compliance calendar, and the rules (required frequencies and
//! thresholds) they are measured against.
use tauri::State;
use zhibu_core::compliance::{ComplianceReport, HomeView, ATTENDANCE};
use zhibu_core::rules::Rules;
use zhibu_core::Result;

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn home(state: State<AppState>) -> Result<HomeView> {
    store(&state)?.store.home(today())
}

#[tauri::command]
pub fn compliance(state: State<AppState>, year: i32) -> Result<ComplianceReport> {
    store(&state)?.store.compliance(year, today())
}

/// Confirms (or takes back) naming a member who has not attended for long in the year's duty
/// report (the one problem that names members).
#[tauri::command]
pub fn name_in_report(
    state: State<AppState>,
    year: i32,
    member_id: i64,
    named: bool,
) -> Result<HomeView> {
    let mut session = writable(&state)?;
    session
        .store
        .name_in_report(year, ATTENDANCE, member_id, named)?;
    session.store.home(today())
}

#[tauri::command]
pub fn rules_get(state: State<AppState>) -> Result<Rules> {
    store(&state)?.store.rules()
}

#[tauri::command]
pub fn rules_save(state: State<AppState>, rules: Rules) -> Result<Rules> {
    writable(&state)?.store.save_rules(&rules)
}
