//! `zhibu report`: the secretary's yearly duty report — its draft text and its PDF.
use std::path::PathBuf;

use chrono::{Datelike, Local, NaiveDate};
use clap::Subcommand;
use zhibu_core::print::PrintRequest;
use zhibu_core::Error;

use crate::{open_for_viewing, open_viewed_for_change, print::save_pdf, print_json};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// 显示（首次则生成）一年的述职报告初稿及其数据
    Draft {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 将述职报告打印为 PDF
    Print {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        pdf: PathBuf,
    },
}

pub fn run(cmd: ReportCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        ReportCommand::Draft { year, json } => {
            let mut store = open_viewed_for_change(db)?;
            // The first draft of a year is saved, stamped with when it was made.
            let now = Local::now().naive_local();
            let r = store.report(year.unwrap_or(today.year()), today, now)?;
            if json {
                return print_json(&r);
            }
            println!("{}\n", r.title);
            for text in &r.rendered {
                println!("{text}\n");
            }
            if !r.unknown_figures.is_empty() {
                eprintln!(
                    "注意：文中这些〔〕里的名称不是数据项：{}",
                    r.unknown_figures.join("、")
                );
            }
        }
        ReportCommand::Print { year, pdf } => {
            let store = open_for_viewing(db)?;
            let req = PrintRequest::Report {
                year: year.unwrap_or(today.year()),
            };
            save_pdf(&store, &req, today, &pdf)?;
        }
    }
    Ok(())
}
