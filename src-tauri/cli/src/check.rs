//! `zhibu check`: the year's record against the rules — meeting calendar, six-month reminders,
//! what is still to do.
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::Args;
use zhibu_core::{dates, Error};

use crate::{open_for_viewing, parse_today, print_json};

#[derive(Args)]
pub struct CheckArgs {
    #[arg(long)]
    year: Option<i32>,
    /// 以哪一天为“今天”（默认今天）
    #[arg(long)]
    today: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(args: CheckArgs, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    let today = parse_today(args.today, today)?;
    let store = open_for_viewing(db)?;
    let report = store.compliance(args.year.unwrap_or(today.year()), today)?;
    if args.json {
        return print_json(&report);
    }
    println!(
        "{}年 对照检查（截至{}）",
        report.year,
        dates::format_cn(today)
    );
    for r in &report.reminders {
        println!("- {}", r.message);
    }
    if report.reminders.is_empty() {
        println!("没有待办事项。");
    }
    Ok(())
}
