//! `zhibu print`: the printed documents as PDF and Word files in the official-document layout,
//! and the one way every command here saves them.
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use zhibu_core::print::{self, FileFormat, PrintRequest};
use zhibu_core::{Error, Store};
use zhibu_typeset::fonts::default_font_dirs;
use zhibu_typeset::FontLibrary;

use crate::open_for_viewing;

/// Where to save a printout: a PDF, a Word file, or both (at least one).
#[derive(Args)]
#[group(required = true, multiple = true)]
pub struct Outputs {
    /// 保存为 PDF 的路径
    #[arg(long)]
    pub pdf: Option<PathBuf>,
    /// 保存为 Word（.docx）的路径
    #[arg(long)]
    pub docx: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum PrintCommand {
    /// 党员花名册
    Roster {
        #[command(flatten)]
        out: Outputs,
    },
    /// 一次会议的会议记录（ID 见 meeting list --json）
    Meeting {
        id: i64,
        #[command(flatten)]
        out: Outputs,
    },
    /// 党费收缴登记表
    Dues {
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: Outputs,
    },
    /// 六有阵地检查表（未检查过时打印空白表）
    Venue {
        /// 阵地编号（默认第一个阵地）
        #[arg(long)]
        venue: Option<i64>,
        #[command(flatten)]
        out: Outputs,
    },
    /// 述职评议表（已记录的评议结果会填入；未记录时打印空白表）
    Review {
        /// 被评议的述职年度（默认上一年）
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: Outputs,
    },
    /// 关于召开组织生活会情况的报告（按记录起草）
    LifeMeetingReport {
        /// 年度（默认上一年）
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: Outputs,
    },
    /// 民主评议党员情况（含结果汇总表）
    MemberReviewReport {
        /// 年度（默认上一年）
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: Outputs,
    },
    /// 发展党员工作情况
    Development {
        /// 年度（默认上一年）
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: Outputs,
    },
    /// 年度党内统计表（截至该年12月31日）
    Statistics {
        /// 统计年度（默认上一年）
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: Outputs,
    },
    /// 一年的组织生活一览表
    Meetings {
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: Outputs,
    },
}

pub fn run(cmd: PrintCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    let store = open_for_viewing(db)?;
    let (req, out) = match cmd {
        PrintCommand::Roster { out } => (PrintRequest::Roster, out),
        PrintCommand::Dues { year, out } => (
            PrintRequest::Dues {
                year: year.unwrap_or(today.year()),
            },
            out,
        ),
        PrintCommand::Venue { venue, out } => (PrintRequest::Venue { venue_id: venue }, out),
        PrintCommand::Meeting { id, out } => (PrintRequest::Meeting { id }, out),
        PrintCommand::Review { year, out } => (
            PrintRequest::Review {
                year: year.unwrap_or(today.year() - 1),
            },
            out,
        ),
        PrintCommand::LifeMeetingReport { year, out } => (
            PrintRequest::LifeMeetingReport {
                year: year.unwrap_or(today.year() - 1),
            },
            out,
        ),
        PrintCommand::MemberReviewReport { year, out } => (
            PrintRequest::MemberReviewReport {
                year: year.unwrap_or(today.year() - 1),
            },
            out,
        ),
        PrintCommand::Development { year, out } => (
            PrintRequest::Development {
                year: year.unwrap_or(today.year() - 1),
            },
            out,
        ),
        PrintCommand::Statistics { year, out } => (
            PrintRequest::Statistics {
                year: year.unwrap_or(today.year() - 1),
            },
            out,
        ),
        PrintCommand::Meetings { year, out } => (
            PrintRequest::Meetings {
                year: year.unwrap_or(today.year()),
            },
            out,
        ),
    };
    save_outputs(&store, &req, today, &out)
}

/// Saves one document as each file asked for, with the fonts installed on this machine.
/// Characters no font has still leave a usable file, so they are a note on stderr rather
/// than a failure.
pub fn save_outputs(
    store: &Store,
    req: &PrintRequest,
    today: NaiveDate,
    out: &Outputs,
) -> Result<(), Error> {
    let mut fonts = FontLibrary::discover(&default_font_dirs(&[]));
    let files = [(&out.pdf, FileFormat::Pdf), (&out.docx, FileFormat::Docx)];
    for (path, format) in files {
        let Some(path) = path.as_deref() else {
            continue;
        };
        let saved = print::save(store, req, &mut fonts, today, path, format)?;
        match saved.pages {
            Some(pages) => println!("已生成 {}（{pages}页）", saved.path),
            None => println!("已生成 {}", saved.path),
        }
        for note in [&saved.missing_note, &saved.face_note] {
            if !note.is_empty() {
                eprintln!("注意：{note}");
            }
        }
    }
    Ok(())
}
