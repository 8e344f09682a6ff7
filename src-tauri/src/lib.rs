//! The desktop shell: picks the data file, holds the open store, and exposes each core
//! use-case as a one-line command. No rules live here.
mod backups;
mod commands;

use std::path::PathBuf;
use std::sync::Mutex;

use zhibu_core::{demo, paths, Store};

/// The open data file; replaced as a whole when the secretary leaves the demo, opens a
/// backup to look at, or restores one.
pub struct Session {
    /// What the window shows: the secretary's file, or a backup's unpacked copy.
    pub store: Store,
    /// The secretary's own data file (also while a backup is shown).
    pub db_path: PathBuf,
    pub viewing: Option<backups::Viewing>,
}

pub struct AppState {
    pub session: Mutex<Session>,
    /// Fonts are found on the first printout and kept: loading a CJK font takes a while.
    pub fonts: Mutex<Option<zhibu_typeset::FontLibrary>>,
}

/// The data file: `--db FILE` or `ZHIBU_DB`, else the secretary's file in the app-data
/// folder; while that does not exist yet, a separate demo file filled with the demo branch.
fn open_store() -> Result<(Store, PathBuf), zhibu_core::Error> {
    let args: Vec<String> = std::env::args().collect();
    let explicit = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("ZHIBU_DB").map(PathBuf::from));
    let not_found = || zhibu_core::Error::new(zhibu_core::ErrorKind::Io, "找不到程序数据目录");
    if let Some(path) = explicit {
        return Ok((Store::open(&path)?, path));
    }
    let path = paths::for_viewing().ok_or_else(not_found)?;
    let mut store = Store::open(&path)?;
    // Before the secretary has a file of their own, the demo file is filled on first start.
    if Some(&path) == paths::demo_db().as_ref() && store.is_empty()? {
        demo::fill(&mut store, commands::today())?;
    }
    Ok((store, path))
}

pub fn run() {
    // WebKitGTK's accelerated compositing gives a page of forms nothing it needs, costs about
    // 125 MB (PSS, measured by bench/app.mjs: 427 → 301 MB with the roster of 200 shown) and
    // a quarter of the start-up, and is behind the blank windows reported on some graphics
    // drivers. It is switched off before WebKit starts, unless the user set it either way.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    let (store, db_path) = match open_store() {
        Ok(v) => v,
        Err(e) => {
            // Before any window exists the terminal is the only place to say why.
            eprintln!("无法打开数据文件：{}", e.message);
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState {
            session: Mutex::new(Session {
                store,
                db_path,
                viewing: None,
            }),
            fonts: Mutex::new(None),
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::start_real_data,
            commands::branch_get,
            commands::branch_save,
            commands::roster_list,
            commands::member_get,
            commands::member_add,
            commands::member_update,
            commands::member_transfer_out,
            commands::member_transfer_in,
            commands::home,
            commands::compliance,
            commands::meeting_years,
            commands::meeting_list,
            commands::meeting_get,
            commands::meeting_expected,
            commands::meeting_add,
            commands::meeting_update,
            commands::meeting_delete,
            commands::attachment_add,
            commands::attachment_data_url,
            commands::attachment_delete,
            commands::rules_get,
            commands::rules_save,
            commands::print_preview,
            commands::print_save,
            commands::print_open,
            commands::venues,
            commands::venue_add,
            commands::venue_item_add,
            commands::venue_item_retire,
            commands::venue_check,
            commands::report_get,
            commands::report_save,
            commands::report_refresh,
            commands::report_restore,
            commands::report_final,
            commands::report_item_save,
            commands::report_item_delete,
            commands::report_templates,
            commands::report_templates_save,
            backups::backup_export,
            backups::backup_pick,
            backups::backup_inspect,
            backups::backup_verify,
            backups::backup_open,
            backups::backup_close,
            backups::backup_restore,
            backups::auto_backups,
            commands::import_pick,
            commands::import_preview,
            commands::import_roster,
            commands::roster_export,
            commands::dues_year,
            commands::dues_set_basis,
            commands::dues_pay,
            commands::dues_unpay,
            commands::dues_export,
            commands::pipeline_list,
            commands::pipeline_steps,
            commands::pipeline_record,
        ])
        .build(tauri::generate_context!());
    let app = match result {
        Ok(app) => app,
        Err(e) => {
            eprintln!("程序启动失败：{e}");
            std::process::exit(1);
        }
    };
    // The secretary's data is backed up automatically: once a day while in use, and on exit
    // when something changed (never the demo file).
    auto_backup(app.handle(), false);
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            auto_backup(handle, true);
        }
    });
}

fn auto_backup(app: &tauri::AppHandle, on_exit: bool) {
    use tauri::Manager;
    let state = app.state::<AppState>();
    let Ok(session) = state.session.lock() else {
        return;
    };
    session.auto_backup(on_exit);
}

impl Session {
    /// Where the automatic backups of the secretary's file live.
    pub fn backup_dir(&self) -> Option<PathBuf> {
        self.db_path.parent().map(|d| d.join("backups"))
    }

    /// Backs up the secretary's file when it changed (never the demo, never a backup being
    /// looked at: that one was backed up before it was opened).
    pub fn auto_backup(&self, on_exit: bool) {
        if self.viewing.is_some() || self.store.is_demo().unwrap_or(true) {
            return;
        }
        let Some(dir) = self.backup_dir() else {
            return;
        };
        let now = chrono::Local::now().naive_local();
        if let Err(e) = self
            .store
            .auto_backup(&dir, now, on_exit, env!("CARGO_PKG_VERSION"))
        {
            // The message names the failure, never the data.
            eprintln!("自动备份失败：{}", e.message);
        }
    }
}
