// The only place that talks to the Rust side. Every call returns the core's own types
// (generated into ../bindings by ts-rs) or throws an AppError.
import { Channel, invoke } from '@tauri-apps/api/core';
import { tracked } from '../lib/busy';
import type { BranchStructure } from '../bindings/BranchStructure';
import type { Talk } from '../bindings/Talk';
import type { TalkCoverage } from '../bindings/TalkCoverage';
import type { TalkInput } from '../bindings/TalkInput';
import type { Organization } from '../bindings/Organization';
import type { OrganizationInput } from '../bindings/OrganizationInput';
import type { RestorePlan } from '../bindings/RestorePlan';
import type { AppInfo } from '../bindings/AppInfo';
import type { AttachmentInfo } from '../bindings/AttachmentInfo';
import type { AutoBackupInfo } from '../bindings/AutoBackupInfo';
import type { Exported } from '../bindings/Exported';
import type { Manifest } from '../bindings/Manifest';
import type { Restored } from '../bindings/Restored';
import type { AttendanceEntry } from '../bindings/AttendanceEntry';
import type { ComplianceReport } from '../bindings/ComplianceReport';
import type { HomeView } from '../bindings/HomeView';
import type { DevelopmentEntry } from '../bindings/DevelopmentEntry';
import type { StepInfo } from '../bindings/StepInfo';
import type { StepInput } from '../bindings/StepInput';
import type { DuesBasis } from '../bindings/DuesBasis';
import type { DuesBasisInput } from '../bindings/DuesBasisInput';
import type { DuesYear } from '../bindings/DuesYear';
import type { PaymentInput } from '../bindings/PaymentInput';
import type { PaymentResult } from '../bindings/PaymentResult';
import type { ImportReport } from '../bindings/ImportReport';
import type { Meeting } from '../bindings/Meeting';
import type { MeetingInput } from '../bindings/MeetingInput';
import type { MeetingKind } from '../bindings/MeetingKind';
import type { MeetingSummary } from '../bindings/MeetingSummary';
import type { BranchInput } from '../bindings/BranchInput';
import type { BranchProfile } from '../bindings/BranchProfile';
import type { Error as CoreError } from '../bindings/Error';
import type { Member } from '../bindings/Member';
import type { MemberDetail } from '../bindings/MemberDetail';
import type { MemberInput } from '../bindings/MemberInput';
import type { PrintRequest } from '../bindings/PrintRequest';
import type { FileFormat } from '../bindings/FileFormat';
import type { ReportReview } from '../bindings/ReportReview';
import type { ReportReviewInput } from '../bindings/ReportReviewInput';
import type { Preview } from '../bindings/Preview';
import type { RosterQuery } from '../bindings/RosterQuery';
import type { Saved } from '../bindings/Saved';
import type { Package } from '../bindings/Package';
import type { PackagePart } from '../bindings/PackagePart';
import type { DraftKind } from '../bindings/DraftKind';
import type { DraftParagraph } from '../bindings/DraftParagraph';
import type { PackageProgress } from '../bindings/PackageProgress';
import type { CheckInput } from '../bindings/CheckInput';
import type { Venue } from '../bindings/Venue';
import type { ListItem } from '../bindings/ListItem';
import type { ListItemInput } from '../bindings/ListItemInput';
import type { ListKind } from '../bindings/ListKind';
import type { ParagraphEdit } from '../bindings/ParagraphEdit';
import type { Report } from '../bindings/Report';
import type { ReportDraft } from '../bindings/ReportDraft';
import type { Template } from '../bindings/Template';
import type { VenueInput } from '../bindings/VenueInput';
import type { Rules } from '../bindings/Rules';
import type { TransferInput } from '../bindings/TransferInput';
import { AppError } from '../lib/errors';

// Calls that wait for the secretary (a system file dialog, the PDF viewer) or run unseen (the
// report's automatic draft) show no loading sign.
const QUIET = new Set(['print_save', 'print_open', 'package_write', 'package_reveal', 'backup_export', 'backup_pick', 'import_pick', 'roster_export', 'dues_export', 'report_draft_save']);

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    const work = invoke<T>(command, args);
    return await (QUIET.has(command) ? work : tracked(work));
  } catch (e) {
    throw AppError.from(e as CoreError | string);
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  startRealData: (branch: BranchInput) => call<AppInfo>('start_real_data', { branch }),
  branch: () => call<BranchProfile>('branch_get'),
  saveBranch: (input: BranchInput) => call<BranchProfile>('branch_save', { input }),
  structure: () => call<BranchStructure>('structure_get'),
  roster: (query: RosterQuery) => call<Member[]>('roster_list', { query }),
  member: (id: number) => call<MemberDetail>('member_get', { id }),
  addMember: (input: MemberInput) => call<Member>('member_add', { input }),
  updateMember: (id: number, input: MemberInput) => call<Member>('member_update', { id, input }),
  transferOut: (id: number, input: TransferInput) => call<Member>('member_transfer_out', { id, input }),
  transferIn: (id: number, input: TransferInput) => call<Member>('member_transfer_in', { id, input }),
  recordReceipt: (id: number, date: string) => call<MemberDetail>('member_receipt', { id, date }),
  home: () => call<HomeView>('home'),
  nameInReport: (year: number, memberId: number, named: boolean) =>
    call<HomeView>('name_in_report', { year, memberId, named }),
  compliance: (year: number) => call<ComplianceReport>('compliance', { year }),
  meetingYears: () => call<number[]>('meeting_years'),
  meetings: (year: number) => call<MeetingSummary[]>('meeting_list', { year }),
  meeting: (id: number) => call<Meeting>('meeting_get', { id }),
  expectedAttendance: (kind: MeetingKind, date: string, groupId: number | null = null) =>
    call<AttendanceEntry[]>('meeting_expected', { kind, date, groupId }),
  addMeeting: (input: MeetingInput) => call<Meeting>('meeting_add', { input }),
  updateMeeting: (id: number, input: MeetingInput) => call<Meeting>('meeting_update', { id, input }),
  deleteMeeting: (id: number) => call<null>('meeting_delete', { id }),
  talks: (year: number) => call<Talk[]>('talk_list', { year }),
  talkCoverage: (year: number) => call<TalkCoverage>('talk_coverage', { year }),
  addTalk: (input: TalkInput) => call<Talk>('talk_add', { input }),
  deleteTalk: (id: number) => call<null>('talk_delete', { id }),
  organizations: () => call<Organization[]>('org_list'),
  saveOrganization: (id: number | null, input: OrganizationInput) => call<Organization>('org_save', { id, input }),
  deleteOrganization: (id: number) => call<null>('org_delete', { id }),
  addAttachment: (meetingId: number, name: string, mime: string, data: string) =>
    call<AttachmentInfo>('attachment_add', { meetingId, name, mime, data }),
  attachmentUrl: (id: number) => call<string>('attachment_data_url', { id }),
  deleteAttachment: (id: number) => call<null>('attachment_delete', { id }),
  printPreview: (request: PrintRequest) => call<Preview>('print_preview', { request }),
  packageParts: (year: number) => call<PackagePart[]>('package_parts', { year }),
  /** Asks where to save, then writes the package; `onProgress` hears each part. */
  writePackage: (year: number, passphrase: string | null, onProgress: (p: PackageProgress) => void) => {
    const channel = new Channel<PackageProgress>();
    channel.onmessage = onProgress;
    return call<Package | null>('package_write', { year, passphrase, onProgress: channel });
  },
  revealPackage: (path: string) => call<null>('package_reveal', { path }),
  draftParagraphs: (kind: DraftKind, year: number) => call<DraftParagraph[]>('draft_paragraphs', { kind, year }),
  saveDraftParagraph: (kind: DraftKind, year: number, key: string, text: string) =>
    call<DraftParagraph[]>('draft_paragraph_save', { kind, year, key, text }),
  /** Shows the system's save dialog; null when cancelled. */
  printSave: (request: PrintRequest, suggested: string, format: FileFormat) => call<Saved | null>('print_save', { request, suggested, format }),
  printOpen: (path: string) => call<null>('print_open', { path }),
  venues: () => call<Venue[]>('venues'),
  addVenue: (input: VenueInput) => call<Venue>('venue_add', { input }),
  addVenueItem: (venueId: number, title: string, requirement: string) =>
    call<Venue>('venue_item_add', { venueId, title, requirement }),
  retireVenueItem: (itemId: number) => call<null>('venue_item_retire', { itemId }),
  checkVenue: (venueId: number, input: CheckInput) => call<Venue>('venue_check', { venueId, input }),
  report: (year: number) => call<Report>('report_get', { year }),
  saveReport: (year: number, edits: ParagraphEdit[]) => call<Report>('report_save', { year, edits }),
  reportDraft: (year: number) => call<ReportDraft | null>('report_draft_get', { year }),
  saveReportDraft: (year: number, edits: ParagraphEdit[]) => call<void>('report_draft_save', { year, edits }),
  refreshReport: (year: number) => call<Report>('report_refresh', { year }),
  restoreReport: (year: number, revisionId: number) => call<Report>('report_restore', { year, revisionId }),
  setReportFinal: (year: number, isFinal: boolean) => call<Report>('report_final', { year, isFinal }),
  /** The report's 落款日期 (YYYY-MM-DD); empty: the day of printing. */
  setReportDate: (year: number, date: string) => call<Report>('report_date', { year, date }),
  reportReview: (year: number) => call<ReportReview>('report_review', { year }),
  saveReportReview: (year: number, input: ReportReviewInput) => call<ReportReview>('report_review_save', { year, input }),
  saveReportItem: (year: number, list: ListKind, id: number | null, input: ListItemInput) =>
    call<ListItem>('report_item_save', { year, list, id, input }),
  deleteReportItem: (id: number) => call<null>('report_item_delete', { id }),
  reportTemplates: () => call<Template[]>('report_templates'),
  saveReportTemplates: (templates: Record<string, string>) => call<Template[]>('report_templates_save', { templates }),
  /** Shows the system's save dialog; null when cancelled. An empty passphrase: unencrypted. */
  exportBackup: (passphrase: string | null) => call<Exported | null>('backup_export', { passphrase }),
  /** Shows the system's open dialog; null when cancelled. */
  pickBackup: () => call<string | null>('backup_pick'),
  inspectBackup: (path: string) => call<Manifest>('backup_inspect', { path }),
  verifyBackup: (path: string, passphrase: string | null) => call<Manifest>('backup_verify', { path, passphrase }),
  openBackup: (path: string, passphrase: string | null) => call<AppInfo>('backup_open', { path, passphrase }),
  closeBackup: () => call<AppInfo>('backup_close'),
  restorePlan: (path: string, passphrase: string | null) => call<RestorePlan>('backup_restore_plan', { path, passphrase }),
  restoreBackup: (path: string, passphrase: string | null) => call<Restored>('backup_restore', { path, passphrase }),
  autoBackups: () => call<AutoBackupInfo[]>('auto_backups'),
  /** Shows the system's open dialog for an Excel roster; null when cancelled. */
  pickRosterFile: () => call<string | null>('import_pick'),
  previewImport: (path: string) => call<ImportReport>('import_preview', { path }),
  importRoster: (path: string) => call<ImportReport>('import_roster', { path }),
  /** Shows the save dialog and writes the roster as .xlsx; the path, or null when cancelled. */
  exportRoster: () => call<string | null>('roster_export'),
  duesYear: (year: number) => call<DuesYear>('dues_year', { year }),
  setDuesBasis: (memberId: number, year: number, input: DuesBasisInput) =>
    call<DuesBasis>('dues_set_basis', { memberId, year, input }),
  payDues: (input: PaymentInput) => call<PaymentResult>('dues_pay', { input }),
  setDuesLocalMobile: (on: boolean) => call<null>('dues_local_mobile', { on }),
  unpayDues: (memberId: number, year: number, month: number) => call<DuesYear>('dues_unpay', { memberId, year, month }),
  /** Shows the save dialog and writes the ledger as .xlsx; the path, or null when cancelled. */
  exportDues: (year: number) => call<string | null>('dues_export', { year }),
  development: () => call<DevelopmentEntry[]>('development_list'),
  developmentSteps: () => call<StepInfo[]>('development_steps'),
  recordStep: (memberId: number, input: StepInput) => call<DevelopmentEntry>('development_record', { memberId, input }),
  rules: () => call<Rules>('rules_get'),
  saveRules: (rules: Rules) => call<Rules>('rules_save', { rules }),
};
