//! Tauri commands: each is a one-line adapter from the UI's call to a core use-case. The UI
//! reaches them only through ui/src/api.
use std::sync::MutexGuard;

use base64::Engine;
use chrono::NaiveDate;
use tauri::State;
use zhibu_core::branch::{BranchInput, BranchProfile};
use zhibu_core::compliance::{ComplianceReport, HomeView};
use zhibu_core::development::{PipelineEntry, StepInfo, StepInput};
use zhibu_core::dues::{DuesBasis, DuesBasisInput, DuesYear, PaymentInput, PaymentResult};
use zhibu_core::excel::ImportReport;
use zhibu_core::meeting::{
    AttachmentInfo, AttendanceEntry, Meeting, MeetingInput, MeetingKind, MeetingSummary,
};
use zhibu_core::member::{Member, MemberDetail, MemberInput, TransferInput};
use zhibu_core::print::{self, Preview, PrintRequest, Saved};
use zhibu_core::report::{ListItem, ListItemInput, ListKind, ParagraphEdit, Report, Template};
use zhibu_core::roster::RosterQuery;
use zhibu_core::rules::Rules;
use zhibu_core::store::AppInfo;
use zhibu_core::venue::{CheckInput, Venue, VenueInput};
use zhibu_core::{paths, Error, ErrorKind, Result, Store};

use crate::AppState;

/// The shell is the one place that reads the clock; the core is handed the date.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The open session, for reading.
pub fn store<'a>(state: &'a State<AppState>) -> Result<MutexGuard<'a, crate::Session>> {
    state
        .session
        .lock()
        .map_err(|_| Error::new(ErrorKind::Internal, "程序内部状态异常，请重新启动"))
}

/// The open session, for a change: refused while a backup is being looked at, since that
/// is a throwaway copy and a change there would silently vanish.
fn writable<'a>(state: &'a State<AppState>) -> Result<MutexGuard<'a, crate::Session>> {
    let s = store(state)?;
    if s.viewing.is_some() {
        return Err(Error::new(
            ErrorKind::Invalid,
            "正在只读查看备份文件，不能修改。要修改，请先点上方的“退出查看”回到本支部的数据",
        ));
    }
    Ok(s)
}

#[tauri::command]
pub fn app_info(state: State<AppState>) -> Result<AppInfo> {
    let s = store(&state)?;
    let mut info = s
        .store
        .app_info(&s.db_path, today(), env!("CARGO_PKG_VERSION"))?;
    if let Some(v) = &s.viewing {
        info.db_path = v.backup.display().to_string();
        info.viewing = Some(v.manifest.clone());
    }
    Ok(info)
}

/// Leaves the demo: creates the secretary's own data file and switches to it.
#[tauri::command]
pub fn start_real_data(state: State<AppState>, branch: BranchInput) -> Result<AppInfo> {
    let path =
        paths::default_db().ok_or_else(|| Error::new(ErrorKind::Io, "找不到程序数据目录"))?;
    {
        let mut s = writable(&state)?;
        s.store = Store::create(&path, &branch, today())?;
        s.db_path = path;
    }
    app_info(state)
}

#[tauri::command]
pub fn branch_get(state: State<AppState>) -> Result<BranchProfile> {
    store(&state)?.store.branch()
}

#[tauri::command]
pub fn branch_save(state: State<AppState>, input: BranchInput) -> Result<BranchProfile> {
    writable(&state)?.store.save_branch(&input, today())
}

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

#[tauri::command]
pub fn home(state: State<AppState>) -> Result<HomeView> {
    store(&state)?.store.home(today())
}

#[tauri::command]
pub fn compliance(state: State<AppState>, year: i32) -> Result<ComplianceReport> {
    store(&state)?.store.compliance(year, today())
}

#[tauri::command]
pub fn meeting_years(state: State<AppState>) -> Result<Vec<i32>> {
    store(&state)?.store.meeting_years()
}

#[tauri::command]
pub fn meeting_list(state: State<AppState>, year: i32) -> Result<Vec<MeetingSummary>> {
    store(&state)?.store.meetings(year)
}

#[tauri::command]
pub fn meeting_get(state: State<AppState>, id: i64) -> Result<Meeting> {
    store(&state)?.store.meeting(id)
}

#[tauri::command]
pub fn meeting_expected(
    state: State<AppState>,
    kind: MeetingKind,
    date: NaiveDate,
    group_id: Option<i64>,
) -> Result<Vec<AttendanceEntry>> {
    store(&state)?
        .store
        .expected_attendance(kind, date, group_id)
}

#[tauri::command]
pub fn meeting_add(state: State<AppState>, input: MeetingInput) -> Result<Meeting> {
    writable(&state)?.store.add_meeting(&input, today())
}

#[tauri::command]
pub fn meeting_update(state: State<AppState>, id: i64, input: MeetingInput) -> Result<Meeting> {
    writable(&state)?.store.update_meeting(id, &input, today())
}

#[tauri::command]
pub fn meeting_delete(state: State<AppState>, id: i64) -> Result<()> {
    writable(&state)?.store.delete_meeting(id)
}

/// Photos travel from the web view as base64; only this adapter knows that.
#[tauri::command]
pub fn attachment_add(
    state: State<AppState>,
    meeting_id: i64,
    name: String,
    mime: String,
    data: String,
) -> Result<AttachmentInfo> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.as_bytes())
        .map_err(|_| Error::field("attachment", "照片数据不完整，请重新选择文件"))?;
    writable(&state)?
        .store
        .add_attachment(meeting_id, &name, &mime, &bytes)
}

/// A photo as a `data:` URL the page can show (the CSP allows `data:` images only).
#[tauri::command]
pub fn attachment_data_url(state: State<AppState>, id: i64) -> Result<String> {
    let (mime, bytes) = store(&state)?.store.attachment(id)?;
    Ok(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

#[tauri::command]
pub fn attachment_delete(state: State<AppState>, id: i64) -> Result<()> {
    writable(&state)?.store.delete_attachment(id)
}

#[tauri::command]
pub fn rules_get(state: State<AppState>) -> Result<Rules> {
    store(&state)?.store.rules()
}

#[tauri::command]
pub fn rules_save(state: State<AppState>, rules: Rules) -> Result<Rules> {
    writable(&state)?.store.save_rules(&rules)
}

/// Runs `f` with the font library, finding the fonts on first use.
fn with_fonts<T>(
    state: &State<AppState>,
    f: impl FnOnce(&mut zhibu_typeset::FontLibrary) -> Result<T>,
) -> Result<T> {
    let mut guard = state
        .fonts
        .lock()
        .map_err(|_| Error::new(ErrorKind::Internal, "程序内部状态异常，请重新启动"))?;
    let fonts = guard.get_or_insert_with(|| {
        zhibu_typeset::FontLibrary::discover(&zhibu_typeset::fonts::default_font_dirs(&[]))
    });
    f(fonts)
}

#[tauri::command]
pub fn print_preview(state: State<AppState>, request: PrintRequest) -> Result<Preview> {
    with_fonts(&state, |fonts| {
        print::preview(&store(&state)?.store, &request, fonts, today())
    })
}

/// Asks where to save (the system's save dialog) and writes the PDF there; `None` when the
/// secretary cancels. Async so the dialog does not block the window's thread.
/// `ZHIBU_SAVE_TO` (a folder) skips the dialog: the e2e tests use it, since a native
/// dialog cannot be driven through WebDriver.
#[tauri::command]
pub async fn print_save(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: PrintRequest,
    suggested: String,
) -> Result<Option<Saved>> {
    let file_name = format!("{}.pdf", suggested.replace(['/', '\\', ':'], "_"));
    let Some(path) = crate::backups::save_path(&app, "保存PDF", &file_name, "PDF 文件", &["pdf"])
    else {
        return Ok(None);
    };
    with_fonts(&state, |fonts| {
        print::save(&store(&state)?.store, &request, fonts, today(), &path)
    })
    .map(Some)
}

/// Opens a saved printout with the system's PDF viewer.
#[tauri::command]
pub fn print_open(app: tauri::AppHandle, path: String) -> Result<()> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(path, None::<&str>)
        .map_err(|e| Error::new(ErrorKind::Io, format!("无法打开文件：{e}")))
}

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

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Who saved a revision: the computer's user name (the app has no accounts).
fn author() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

#[tauri::command]
pub fn report_get(state: State<AppState>, year: i32) -> Result<Report> {
    store(&state)?.store.report(year, today(), now())
}

#[tauri::command]
pub fn report_save(state: State<AppState>, year: i32, edits: Vec<ParagraphEdit>) -> Result<Report> {
    writable(&state)?
        .store
        .save_report(year, &edits, &author(), today(), now())
}

#[tauri::command]
pub fn report_refresh(state: State<AppState>, year: i32) -> Result<Report> {
    writable(&state)?
        .store
        .refresh_report(year, &author(), today(), now())
}

#[tauri::command]
pub fn report_restore(state: State<AppState>, year: i32, revision_id: i64) -> Result<Report> {
    writable(&state)?
        .store
        .restore_report(year, revision_id, &author(), today(), now())
}

#[tauri::command]
pub fn report_final(state: State<AppState>, year: i32, is_final: bool) -> Result<Report> {
    writable(&state)?
        .store
        .set_report_final(year, is_final, today())
}

#[tauri::command]
pub fn report_item_save(
    state: State<AppState>,
    year: i32,
    list: ListKind,
    id: Option<i64>,
    input: ListItemInput,
) -> Result<ListItem> {
    writable(&state)?
        .store
        .save_list_item(year, list, id, &input)
}

#[tauri::command]
pub fn report_item_delete(state: State<AppState>, id: i64) -> Result<()> {
    writable(&state)?.store.delete_list_item(id)
}

#[tauri::command]
pub fn report_templates(state: State<AppState>) -> Result<Vec<Template>> {
    store(&state)?.store.report_templates()
}

#[tauri::command]
pub fn report_templates_save(
    state: State<AppState>,
    templates: std::collections::BTreeMap<String, String>,
) -> Result<Vec<Template>> {
    let s = writable(&state)?;
    s.store.save_report_templates(&templates)?;
    s.store.report_templates()
}

/// The open dialog for an Excel roster; `None` when cancelled.
#[tauri::command]
pub async fn import_pick(app: tauri::AppHandle) -> Result<Option<String>> {
    Ok(
        crate::backups::pick_file(&app, "选择Excel名册", "Excel 工作簿", &["xlsx", "xls"])
            .map(|p| p.display().to_string()),
    )
}

fn read_workbook(path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|_| Error::new(ErrorKind::NotFound, format!("无法读取文件 {path}")))
}

#[tauri::command]
pub fn import_preview(state: State<AppState>, path: String) -> Result<ImportReport> {
    store(&state)?
        .store
        .preview_import(&read_workbook(&path)?, today())
}

#[tauri::command]
pub fn import_roster(state: State<AppState>, path: String) -> Result<ImportReport> {
    writable(&state)?
        .store
        .import_roster(&read_workbook(&path)?, today())
}

/// Saves a workbook where the secretary chooses (or in `ZHIBU_SAVE_TO`); the path written,
/// or `None` when cancelled.
fn save_xlsx(
    app: &tauri::AppHandle,
    file_name: &str,
    bytes: Result<Vec<u8>>,
) -> Result<Option<String>> {
    let Some(path) =
        crate::backups::save_path(app, "导出Excel", file_name, "Excel 工作簿", &["xlsx"])
    else {
        return Ok(None);
    };
    print::write_file(&path, &bytes?)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn roster_export(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>> {
    let file_name = format!("党员名册-{}.xlsx", today().format("%Y%m%d"));
    save_xlsx(&app, &file_name, store(&state)?.store.roster_xlsx())
}

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
pub async fn dues_export(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    year: i32,
) -> Result<Option<String>> {
    let file_name = format!("{year}年党费台账.xlsx");
    save_xlsx(
        &app,
        &file_name,
        store(&state)?.store.dues_xlsx(year, today()),
    )
}

#[tauri::command]
pub fn pipeline_list(state: State<AppState>) -> Result<Vec<PipelineEntry>> {
    store(&state)?.store.pipeline(today())
}

#[tauri::command]
pub fn pipeline_steps() -> Vec<StepInfo> {
    zhibu_core::development::step_list()
}

#[tauri::command]
pub fn pipeline_record(
    state: State<AppState>,
    member_id: i64,
    input: StepInput,
) -> Result<PipelineEntry> {
    writable(&state)?
        .store
        .record_step(member_id, &input, today())
}
