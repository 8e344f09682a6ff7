//! `zhibu print`: the printed documents as PDF files in the official-document layout, and the
//! one way every command here saves a PDF.
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use zhibu_core::print::{self, PrintRequest};
use zhibu_core::{Error, Store};
use zhibu_typeset::fonts::default_font_dirs;
use zhibu_typeset::FontLibrary;

use crate::open_for_viewing;

#[derive(Subcommand)]
pub enum PrintCommand {
    /// 党员花名册
    Roster {
        #[arg(long)]
        pdf: PathBuf,
    },
    /// 一次会议的会议记录（ID 见 meeting list --json）
    Meeting {
        id: i64,
        #[arg(long)]
        pdf: PathBuf,
    },
    /// 党费收缴登记表
    Dues {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        pdf: PathBuf,
    },
    /// 六有阵地检查表（未检查过时打印空白表）
    Venue {
        /// 阵地编号（默认第一个阵地）
        #[arg(long)]
        venue: Option<i64>,
        #[arg(long)]
        pdf: PathBuf,
    },
    /// 一年的组织生活一览表
    Meetings {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        pdf: PathBuf,
    },
}

pub fn run(cmd: PrintCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    let store = open_for_viewing(db)?;
    let (req, out) = match cmd {
        PrintCommand::Roster { pdf } => (PrintRequest::Roster, pdf),
        PrintCommand::Dues { year, pdf } => (
            PrintRequest::Dues {
                year: year.unwrap_or(today.year()),
            },
            pdf,
        ),
        PrintCommand::Venue { venue, pdf } => (PrintRequest::Venue { venue_id: venue }, pdf),
        PrintCommand::Meeting { id, pdf } => (PrintRequest::Meeting { id }, pdf),
        PrintCommand::Meetings { year, pdf } => (
            PrintRequest::Meetings {
                year: year.unwrap_or(today.year()),
            },
            pdf,
        ),
    };
    save_pdf(&store, &req, today, &out)
}

/// Saves one document with the fonts installed on this machine. Characters no font has still
/// leave a usable file, so they are a note on stderr rather than a failure.
pub fn save_pdf(
    store: &Store,
    req: &PrintRequest,
    today: NaiveDate,
    out: &Path,
) -> Result<(), Error> {
    let mut fonts = FontLibrary::discover(&default_font_dirs(&[]));
    let saved = print::save(store, req, &mut fonts, today, out)?;
    println!("已生成 {}（{}页）", saved.path, saved.pages);
    if !saved.missing_note.is_empty() {
        eprintln!("注意：{}", saved.missing_note);
    }
    Ok(())
}
