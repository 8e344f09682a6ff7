//! The yearly duty report (书记抓党建工作述职报告): drafted from the records, edited by the
//! secretary, saved in revisions. Paragraph text carries live figures as 〔名称〕: the prose
//! is the secretary's, the figures are the records', refreshed on demand. A refresh
//! regenerates only paragraphs the secretary has not touched. Problems found this year become
//! next year's rectification list (整改清单); unfinished responsibilities (责任清单) carry over.
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod draft;
mod figures;
mod lists;
mod review;
mod revisions;
mod text;

pub use draft::{default_templates, render, Template};
pub use figures::{figures, Figures};
pub use review::{ReportReview, ReportReviewInput, ReviewPoint, ReviewPointInput, RATINGS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ParagraphKind {
    /// 一、…
    Heading,
    /// （一）…
    Subheading,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Paragraph {
    /// Stable name of the paragraph (`opening`, `s1.org`, `problem.2`, `custom.1`...).
    pub key: String,
    /// The part of the report it belongs to.
    pub section: String,
    pub kind: ParagraphKind,
    /// Text with live figures as 〔名称〕.
    pub text: String,
    /// Written or changed by the secretary: a refresh keeps it as it is.
    pub edited: bool,
}

/// The parts of a report (`Paragraph::section`) as the editor names them (unnumbered: the
/// numbers follow the order the parts come in). Reports drafted before 2026's order keep a
/// part of their own for the causes (s3).
pub const SECTIONS: [(&str, &str); 6] = [
    ("opening", "开头"),
    ("s1", "履职情况"),
    ("s5", "上年度整改情况"),
    ("s2", "存在的问题及原因"),
    ("s3", "原因分析"),
    ("s4", "下一步工作打算"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Figure {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Revision {
    #[ts(type = "number")]
    pub id: i64,
    pub saved_at: String,
    pub author: String,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ListKind {
    Responsibility,
    Rectification,
}

impl ListKind {
    pub const ALL: [ListKind; 2] = [Self::Responsibility, Self::Rectification];
    pub fn label(self) -> &'static str {
        match self {
            Self::Responsibility => "责任清单",
            Self::Rectification => "整改清单",
        }
    }
    fn code(self) -> &'static str {
        match self {
            Self::Responsibility => "responsibility",
            Self::Rectification => "rectification",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ListItem {
    #[ts(type = "number")]
    pub id: i64,
    pub list: ListKind,
    pub content: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
    /// Continued from the year before.
    pub carried: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct ListItemInput {
    pub content: String,
    pub owner: String,
    pub due: Option<String>,
    pub done: bool,
}

/// The report's title in the usual form: 中共××支部委员会书记2025年度抓基层党建工作述职报告.
pub fn report_title(figures: &Figures, year: i32) -> String {
    let branch = figures
        .get("支部名称")
        .map(String::as_str)
        .unwrap_or_default();
    format!(
        "中共{}书记{year}年度抓基层党建工作述职报告",
        branch.trim_start_matches("中共")
    )
}

/// A report as the editor and the printout see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Report {
    pub year: i32,
    pub title: String,
    pub is_final: bool,
    /// The day the report is dated (落款), as set by the secretary; none: the day it is printed.
    pub dated: Option<NaiveDate>,
    pub paragraphs: Vec<Paragraph>,
    /// The same paragraphs with the figures filled in.
    pub rendered: Vec<String>,
    pub figures: Vec<Figure>,
    /// 〔…〕 names in the text that are not figures (typos); shown to the secretary.
    pub unknown_figures: Vec<String>,
    pub revisions: Vec<Revision>,
    pub responsibility: Vec<ListItem>,
    pub rectification: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphEdit {
    pub key: String,
    pub text: String,
}

/// The editor's changes not yet saved, kept automatically (no revision is made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportDraft {
    pub saved_at: NaiveDateTime,
    pub edits: Vec<ParagraphEdit>,
}
