//! Printed documents built from the records as typeset documents, one builder per document
//! in its own file (roster, meeting records, dues ledger, 六有 form, duty report); here the
//! request that names one, its preview and its saving. The typesetter lays them out; nothing
//! here knows about pages or fonts.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhibu_typeset::{Align, Column, Document};

use crate::error::Result;
use crate::meeting::MeetingKind;
use crate::store::Store;

mod development;
mod dues;
mod life;
mod meetings;
mod report;
mod review;
mod roster;
mod statistics;
mod venue;

pub use report::report_document;

/// What to print, as the UI and the CLI ask for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "what", rename_all = "snake_case")]
#[ts(export)]
pub enum PrintRequest {
    Roster,
    Meeting {
        #[ts(type = "number")]
        id: i64,
    },
    Meetings {
        year: i32,
    },
    /// The duty report of a year.
    Report {
        year: i32,
    },
    /// The dues ledger of a year (党费收缴登记表).
    Dues {
        year: i32,
    },
    /// The 述职评议表 of a year's report, with the review as recorded (blank to fill in
    /// without one).
    Review {
        year: i32,
    },
    /// 关于召开组织生活会情况的报告 of a year, drafted from its records.
    LifeMeetingReport {
        year: i32,
    },
    /// 民主评议党员情况 of a year with the 结果汇总表.
    MemberReviewReport {
        year: i32,
    },
    /// 发展党员工作情况 of a year: who is in development, and the steps recorded in the year.
    Development {
        year: i32,
    },
    /// The year-end 党内统计 tables (standing at 31 December, or today before then).
    Statistics {
        year: i32,
    },
    /// The 六有 check form of a venue (the first one when none is named).
    Venue {
        #[ts(type = "number | null")]
        venue_id: Option<i64>,
    },
}

/// A printout ready to show or save: its title (also the suggested file name) and pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Preview {
    pub title: String,
    pub html: String,
    pub pages: u32,
    /// Characters no font can draw, said in a sentence; empty when all is well.
    pub missing_note: String,
    /// Which face the body is printed in when it is not a 仿宋, and how to add one; empty
    /// when a 仿宋 is installed.
    pub face_note: String,
}

/// The kind of file a printout is saved as: PDF to print and hand in, Word to edit (in WPS or
/// Word) or to compile with other branches' documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileFormat {
    Pdf,
    Docx,
}

impl FileFormat {
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Pdf => "pdf",
            FileFormat::Docx => "docx",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Saved {
    pub path: String,
    /// The PDF's pages; none for a Word file, whose pages Word lays out on the reader's fonts.
    pub pages: Option<u32>,
    pub missing_note: String,
    /// As in `Preview`; empty for a Word file, which uses the reader's fonts.
    pub face_note: String,
}

pub(crate) fn col(title: &str, weight: f32, align: Align) -> Column {
    Column {
        title: title.into(),
        weight,
        align,
    }
}

fn ym(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y.%m").to_string()).unwrap_or_default()
}

/// A record's kind for a title or table: one record of two kinds is "主题党日暨支部党员大会".
fn kind_label(kind: MeetingKind, also: Option<MeetingKind>) -> String {
    match also {
        Some(a) => format!("{}暨{}", kind.label(), a.label()),
        None => kind.label().to_string(),
    }
}

/// The printed title of a record in its usual form: a meeting's "会议记录", a theme day's
/// "活动记录", a lecture's "党课记录".
pub(crate) fn record_title(kind: MeetingKind, also: Option<MeetingKind>) -> String {
    use MeetingKind::*;
    let is_meeting = |k: MeetingKind| {
        matches!(
            k,
            GeneralMeeting | CommitteeMeeting | GroupMeeting | LifeMeeting | MemberReview
        )
    };
    let kinds = [Some(kind), also];
    let suffix = if kinds.iter().flatten().any(|k| is_meeting(*k)) {
        "会议记录"
    } else if kinds.contains(&Some(ThemeDay)) {
        "活动记录"
    } else {
        "记录"
    };
    format!("{}{suffix}", kind_label(kind, also))
}

impl Store {
    /// The document and its title for a request.
    pub fn print_document(
        &self,
        req: &PrintRequest,
        today: NaiveDate,
    ) -> Result<(Document, String)> {
        Ok(match req {
            PrintRequest::Roster => (
                self.roster_document(today)?,
                format!("党员花名册（{}）", today.format("%Y%m%d")),
            ),
            PrintRequest::Meeting { id } => {
                let m = self.meeting(*id)?;
                let title = format!(
                    "{}（{}）",
                    record_title(m.summary.kind, m.summary.also_kind),
                    m.summary.date.format("%Y%m%d")
                );
                (self.meeting_document(*id)?, title)
            }
            PrintRequest::Meetings { year } => (
                self.meetings_document(*year)?,
                format!("{year}年度组织生活开展情况一览表"),
            ),
            PrintRequest::Report { year } => {
                let r = self.printed_report(*year, today)?;
                let title = r.title.clone();
                (report_document(&r, today), title)
            }
            PrintRequest::Dues { year } => (
                self.dues_document(*year, today)?,
                format!("{year}年度党费收缴登记表"),
            ),
            PrintRequest::Review { year } => (
                self.review_document(*year)?,
                format!("{year}年度述职评议表"),
            ),
            PrintRequest::LifeMeetingReport { year } => (
                self.drafted_document(crate::drafts::DraftKind::LifeMeeting, *year, today)?,
                format!("{year}年度组织生活会情况报告"),
            ),
            PrintRequest::MemberReviewReport { year } => (
                self.drafted_document(crate::drafts::DraftKind::MemberReview, *year, today)?,
                format!("{year}年度民主评议党员情况"),
            ),
            PrintRequest::Development { year } => (
                self.development_document(*year, today)?,
                format!("{year}年度发展党员工作情况"),
            ),
            PrintRequest::Statistics { year } => (
                self.statistics_document(*year, today)?,
                format!("{year}年度党内统计表"),
            ),
            PrintRequest::Venue { venue_id } => (
                self.venue_document(*venue_id)?,
                format!("六有阵地检查表（{}）", today.format("%Y%m%d")),
            ),
        })
    }
}

impl PrintRequest {
    /// The kind of document, as the PDF's subject.
    pub(crate) fn subject(&self) -> &'static str {
        match self {
            PrintRequest::Roster => "党员花名册",
            PrintRequest::Meeting { .. } => "组织生活记录",
            PrintRequest::Meetings { .. } => "组织生活开展情况一览表",
            PrintRequest::Report { .. } => "书记抓基层党建工作述职报告",
            PrintRequest::Dues { .. } => "党费收缴登记表",
            PrintRequest::Review { .. } => "述职评议表",
            PrintRequest::LifeMeetingReport { .. } => "组织生活会情况报告",
            PrintRequest::MemberReviewReport { .. } => "民主评议党员情况",
            PrintRequest::Development { .. } => "发展党员工作情况",
            PrintRequest::Statistics { .. } => "党内统计表",
            PrintRequest::Venue { .. } => "六有阵地检查表",
        }
    }
}

/// What a printout says of itself in a reader's document properties (PDF and Word): its title, the
/// branch as author, the kind of document, and the time it was printed (the machine's clock).
fn doc_info(store: &Store, req: &PrintRequest, title: &str) -> Result<zhibu_typeset::DocInfo> {
    doc_info_of(store, title, req.subject())
}

/// [`doc_info`] for a document of any kind (the yearly package's combined records, its 目录).
pub(crate) fn doc_info_of(
    store: &Store,
    title: &str,
    subject: &str,
) -> Result<zhibu_typeset::DocInfo> {
    use chrono::{Datelike, Timelike};
    let now = chrono::Utc::now();
    Ok(zhibu_typeset::DocInfo {
        title: title.into(),
        author: store.branch()?.name,
        subject: subject.into(),
        created: zhibu_typeset::Stamp {
            year: now.year(),
            month: now.month() as u8,
            day: now.day() as u8,
            hour: now.hour() as u8,
            minute: now.minute() as u8,
            second: now.second() as u8,
        },
    })
}

/// Typesets a document; a missing Chinese font becomes an error the secretary can act on.
pub fn render(
    doc: &Document,
    fonts: &mut zhibu_typeset::FontLibrary,
    info: &zhibu_typeset::DocInfo,
) -> Result<zhibu_typeset::Rendered> {
    Ok(zhibu_typeset::render_pdf(doc, fonts, info)?)
}

/// "缺少字体的字：𠀀、𠀁" for a printout that has characters no font could draw.
pub fn missing_note(missing: &[char]) -> Option<String> {
    (!missing.is_empty()).then(|| {
        let list: Vec<String> = missing
            .iter()
            .map(|c| format!("{c}（U+{:04X}）", *c as u32))
            .collect();
        format!(
            "以下文字没有可用的字体，打印出来会是空框：{}。请安装包含这些字的字体后重新打印。",
            list.join("、")
        )
    })
}

/// Lays a request out for the in-app preview.
pub fn preview(
    store: &Store,
    req: &PrintRequest,
    fonts: &mut zhibu_typeset::FontLibrary,
    today: NaiveDate,
) -> Result<Preview> {
    let (doc, title) = store.print_document(req, today)?;
    let layout = zhibu_typeset::layout(&doc, fonts)?;
    Ok(Preview {
        title,
        html: layout.to_html(),
        pages: layout.page_count() as u32,
        missing_note: missing_note(&layout.missing).unwrap_or_default(),
        face_note: fonts.body_face_note().unwrap_or_default(),
    })
}

/// Prints a request to `path` as a PDF or a Word file.
pub fn save(
    store: &Store,
    req: &PrintRequest,
    fonts: &mut zhibu_typeset::FontLibrary,
    today: NaiveDate,
    path: &std::path::Path,
    format: FileFormat,
) -> Result<Saved> {
    store.check_output(path)?;
    let (doc, title) = store.print_document(req, today)?;
    let info = doc_info(store, req, &title)?;
    let (bytes, pages, missing) = match format {
        FileFormat::Pdf => {
            let rendered = render(&doc, fonts, &info)?;
            (rendered.pdf, Some(rendered.pages as u32), rendered.missing)
        }
        // Word draws with the reader's fonts, so no character is missing here.
        FileFormat::Docx => (zhibu_typeset::render_docx(&doc, &info)?, None, Vec::new()),
    };
    crate::fsio::write_file(path, &bytes)?;
    Ok(Saved {
        path: path.display().to_string(),
        pages,
        missing_note: missing_note(&missing).unwrap_or_default(),
        face_note: match format {
            FileFormat::Pdf => fonts.body_face_note().unwrap_or_default(),
            FileFormat::Docx => String::new(),
        },
    })
}
