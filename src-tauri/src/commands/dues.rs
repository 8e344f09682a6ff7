//! Party dues: the year's ledger, each member's basis, and payments. The ledger's Excel
//! export is in `excel`.
use tauri::State;
use zhibu_core::dues::{DuesBasis, DuesBasisInput, DuesYear, PaymentInput, PaymentResult};
use zhibu_core::Result;

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn dues_year(state: State<AppState>, year: i32) -> Result<DuesYear> {
    store(&state)?.store.dues_year(year, today())
}

#[tauri::command]
pub fn dues_set_basis(
    state: State<AppState>,
    member_id: i64,
    year: i32,
    input: DuesBasisInput,
) -> Result<DuesBasis> {
    writable(&state)?
        .store
        .set_dues_basis(member_id, year, &input)
}

#[tauri::command]
pub fn dues_pay(state: State<AppState>, input: PaymentInput) -> Result<PaymentResult> {
    writable(&state)?.store.record_dues(&input, today())
}

#[tauri::command]
pub fn dues_unpay(
    state: State<AppState>,
    member_id: i64,
    year: i32,
    month: u32,
) -> Result<DuesYear> {
    let mut s = writable(&state)?;
    s.store.delete_dues_payment(member_id, year, month)?;
    s.store.dues_year(year, today())
}

#[tauri::command]
pub fn dues_local_mobile(state: State<AppState>, on: bool) -> Result<()> {
    writable(&state)?.store.set_dues_local_mobile(on)
}
