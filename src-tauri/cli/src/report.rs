//! `zhibu report`: the secretary's yearly duty report — its draft text, its PDF and Word file,
//! and the superior committee's review of it (述职评议).
use std::path::PathBuf;

use chrono::{Datelike, Local, NaiveDate};
use clap::Subcommand;
use zhibu_core::print::PrintRequest;
use zhibu_core::report::{ReportReviewInput, ReviewPointInput};
use zhibu_core::Error;

use crate::{
    open_for_viewing, open_viewed_for_change,
    print::{save_outputs, Outputs},
    print_json,
};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// 显示（首次则生成）一年的述职报告初稿及其数据
    Draft {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 记录上级对一年述职的评议：等次和点评意见（点评意见列入下一年度的整改清单）
    ReportReview {
        /// 被评议的述职年度（默认上一年）
        #[arg(long)]
        year: Option<i32>,
        /// 评议等次：好、较好、一般、差
        #[arg(long)]
        rating: Option<String>,
        /// 评议日期
        #[arg(long)]
        date: Option<String>,
        /// 一条点评意见（可重复）；给出时取代原有的点评意见
        #[arg(long = "point")]
        points: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// 将述职报告保存为 PDF 和/或 Word
    Print {
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: Outputs,
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
        ReportCommand::ReportReview {
            year,
            rating,
            date,
            points,
            json,
        } => {
            let mut store = open_viewed_for_change(db)?;
            let year = year.unwrap_or(today.year() - 1);
            let old = store.review(year)?;
            let points = if points.is_empty() {
                old.points
                    .iter()
                    .map(|p| ReviewPointInput {
                        id: Some(p.id),
                        content: p.content.clone(),
                    })
                    .collect()
            } else {
                points
                    .into_iter()
                    .map(|content| ReviewPointInput { id: None, content })
                    .collect()
            };
            let input = ReportReviewInput {
                rating: rating.or(old.rating),
                reviewed_on: date.or(old.reviewed_on.map(|d| d.to_string())),
                points,
            };
            let review = store.save_review(year, &input, today)?;
            if json {
                return print_json(&review);
            }
            println!(
                "已记录{year}年度述职评议：{}，点评意见{}条（已列入{}年度整改清单）",
                review.rating.as_deref().unwrap_or("未评定等次"),
                review.points.len(),
                year + 1
            );
        }
        ReportCommand::Print { year, out } => {
            let store = open_for_viewing(db)?;
            let req = PrintRequest::Report {
                year: year.unwrap_or(today.year()),
            };
            save_outputs(&store, &req, today, &out)?;
        }
    }
    Ok(())
}
