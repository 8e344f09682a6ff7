//! The roster and each member's record, transfers included.
use tauri::State;
use zhibu_core::member::{Member, MemberDetail, MemberInput, TransferInput};
use zhibu_core::roster::RosterQuery;
use zhibu_core::Result;

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn roster_list(state: State<AppState>, query: RosterQuery) -> Result<Vec<Member>> {
    store(&state)?.store.roster(&query)
}

#[tauri::command]
pub fn member_get(state: State<AppState>, id: i64) -> Result<MemberDetail> {
    store(&state)?.store.member_detail(id)
}

#[tauri::command]
pub fn member_add(state: State<AppState>, input: MemberInput) -> Result<Member> {
    writable(&state)?.store.add_member(&input, today())
}

#[tauri::command]
pub fn member_update(state: State<AppState>, id: i64, input: MemberInput) -> Result<Member> {
    writable(&state)?.store.update_member(id, &input, today())
}

#[tauri::command]
pub fn member_transfer_out(
    state: State<AppState>,
    id: i64,
    input: TransferInput,
) -> Result<Member> {
    writable(&state)?.store.transfer_out(id, &input, today())
}

#[tauri::command]
pub fn member_transfer_in(state: State<AppState>, id: i64, input: TransferInput) -> Result<Member> {
    writable(&state)?.store.transfer_in(id, &input, today())
}

/// The day the 回执 of a person's latest transfer out came back.
#[tauri::command]
pub fn member_receipt(state: State<AppState>, id: i64, date: String) -> Result<MemberDetail> {
    let mut s = writable(&state)?;
    s.store.record_receipt(id, &date, today())?;
    s.store.member_detail(id)
}
