//! Which file the window shows: the app's facts for the header, and leaving the demo for
//! the secretary's own file.
use tauri::State;
use zhibu_core::app::AppInfo;
use zhibu_core::branch::BranchInput;
use zhibu_core::{paths, Error, ErrorKind, Result, Store};

use crate::session::{store, today, writable, AppState};

#[tauri::command]
pub fn app_info(state: State<AppState>) -> Result<AppInfo> {
    store(&state)?.app_info()
}

/// Leaves the demo: creates the secretary's own data file and switches to it.
#[tauri::command]
pub fn start_real_data(state: State<AppState>, branch: BranchInput) -> Result<AppInfo> {
    let path =
        paths::default_db().ok_or_else(|| Error::new(ErrorKind::Io, "找不到程序数据目录"))?;
    let mut s = writable(&state)?;
    s.store = Store::create(&path, &branch, today())?;
    s.db_path = path;
    s.app_info()
}
