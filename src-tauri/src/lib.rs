//! The desktop shell: keeps to one running instance, opens the data file, registers each
//! command the UI may call, and backs up automatically at start and exit. No rules live here.
mod commands;
mod dialogs;
mod session;

use commands::{
    app, backup, branch, compliance, development, drafts, dues, excel, meetings, members, package,
    print, report, social, venue,
};
use session::{AppState, Session};
use tauri::Manager;

pub fn run() {
    // WebKitGTK's accelerated compositing gives a page of forms nothing it needs, costs about
    // 125 MB (PSS, measured by bench/app.mjs: 427 → 301 MB with the roster of 200 shown) and
    // a quarter of the start-up, and is behind the blank windows reported on some graphics
    // drivers. It is switched off before WebKit starts, unless the user set it either way.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    let result = tauri::Builder::default()
        // First, so that a second start (a double click too many) is caught while `build`
        // initializes the plugins, before this function opens the data file below: that start
        // brings the window already open forward and exits, so two windows never write to one
        // SQLite file. Its arguments and folder are ignored and never printed. Without a D-Bus
        // session bus the plugin cannot tell and the app starts as before.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                // Best effort: a window manager may refuse focus; the window is there anyway.
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        // The names are what ui/src/api invokes: renaming one breaks the UI silently.
        .invoke_handler(tauri::generate_handler![
            app::app_info,
            app::start_real_data,
            branch::branch_get,
            branch::branch_save,
            branch::structure_get,
            members::roster_list,
            members::member_get,
            members::member_add,
            members::member_update,
            members::member_transfer_out,
            members::member_transfer_in,
            members::member_receipt,
            compliance::home,
            compliance::compliance,
            compliance::name_in_report,
            meetings::meeting_years,
            meetings::meeting_list,
            meetings::meeting_get,
            meetings::meeting_expected,
            meetings::meeting_add,
            meetings::meeting_update,
            meetings::meeting_delete,
            meetings::attachment_add,
            meetings::attachment_data_url,
            meetings::attachment_delete,
            social::talk_list,
            social::talk_coverage,
            social::talk_add,
            social::talk_delete,
            social::org_list,
            social::org_save,
            social::org_delete,
            compliance::rules_get,
            compliance::rules_save,
            print::print_preview,
            print::print_save,
            print::print_open,
            package::package_parts,
            drafts::draft_paragraphs,
            drafts::draft_paragraph_save,
            package::package_write,
            package::package_reveal,
            venue::venues,
            venue::venue_add,
            venue::venue_item_add,
            venue::venue_item_retire,
            venue::venue_check,
            report::report_get,
            report::report_save,
            report::report_refresh,
            report::report_draft_save,
            report::report_draft_get,
            report::report_restore,
            report::report_final,
            report::report_date,
            report::report_review,
            report::report_review_save,
            report::report_item_save,
            report::report_item_delete,
            report::report_templates,
            report::report_templates_save,
            backup::backup_export,
            backup::backup_pick,
            backup::backup_inspect,
            backup::backup_verify,
            backup::backup_open,
            backup::backup_close,
            backup::backup_restore_plan,
            backup::backup_restore,
            backup::auto_backups,
            excel::import_pick,
            excel::import_preview,
            excel::import_roster,
            excel::roster_export,
            excel::dues_export,
            dues::dues_year,
            dues::dues_set_basis,
            dues::dues_pay,
            dues::dues_local_mobile,
            dues::dues_unpay,
            development::development_list,
            development::development_steps,
            development::development_record,
        ])
        .build(tauri::generate_context!());
    let app = match result {
        Ok(app) => app,
        Err(e) => {
            eprintln!("程序启动失败：{e}");
            std::process::exit(1);
        }
    };
    // Only the one instance gets here. The window is created once the event loop runs, so the
    // session is in place before the page can ask for anything.
    let session = match Session::open() {
        Ok(v) => v,
        Err(e) => {
            // Before any window exists the terminal is the only place to say why.
            eprintln!("无法打开数据文件：{}", e.message);
            std::process::exit(1);
        }
    };
    app.manage(AppState::new(session));
    // The secretary's data is backed up automatically: once a day while in use, and on exit
    // when something changed (never the demo file).
    session::auto_backup(app.handle(), false);
    app.run(|handle, event| match event {
        tauri::RunEvent::Ready => {
            if let Some(window) = handle.get_webview_window("main") {
                fit_to_screen(&window);
            }
        }
        tauri::RunEvent::Exit => session::auto_backup(handle, true),
        _ => {}
    });
}

/// The configured 1280×800 is taller than a 1366×768 laptop's work area (its taskbar takes
/// the rest): the window opens at most 90 % of the work area, and never under 1024×640, the
/// smallest size every page is laid out for.
fn fit_to_screen(window: &tauri::WebviewWindow) {
    let Ok(Some(monitor)) = window.current_monitor() else {
        return;
    };
    let scale = monitor.scale_factor();
    let area = monitor.work_area().size;
    let fit = |available: u32, most: f64, least: f64| {
        (f64::from(available) / scale * 0.9).clamp(least, most)
    };
    let size = tauri::LogicalSize::new(
        fit(area.width, 1280.0, 1024.0),
        fit(area.height, 800.0, 640.0),
    );
    // Best effort: a window manager may size it its own way. Placing is left to it too (a
    // centre worked out here, before the new size is applied, can put the window half off).
    let _ = window.set_size(size);
}
