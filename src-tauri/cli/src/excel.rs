//! `zhibu import` and `zhibu export`: the roster in from a spreadsheet, the roster, the dues
//! ledger and the year-end statistics out to .xlsx.
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use zhibu_core::Error;

use crate::{open_for_viewing, open_for_writing, print_json, usage};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// 从 .xlsx / .xls 导入党员名册（先逐行检查；重复的人和有问题的行跳过）
    Roster {
        file: PathBuf,
        /// 只检查、显示结果，不导入
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// 党员名册（.xlsx）
    Roster { out: PathBuf },
    /// 一年的党费台账（.xlsx）
    Dues {
        #[arg(long)]
        year: Option<i32>,
        out: PathBuf,
    },
    /// 年度党内统计表（.xlsx，截至该年12月31日；默认上一年）
    Statistics {
        #[arg(long)]
        year: Option<i32>,
        out: PathBuf,
    },
}

pub fn import(cmd: ImportCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    let ImportCommand::Roster {
        file,
        dry_run,
        json,
    } = cmd;
    let bytes =
        std::fs::read(&file).map_err(|_| usage(format!("无法读取文件 {}", file.display())))?;
    let mut store = open_for_writing(db)?;
    let report = if dry_run {
        store.preview_import(&bytes, today)?
    } else {
        store.import_roster(&bytes, today)?
    };
    if json {
        return print_json(&report);
    }
    println!("工作表“{}”，表头在第{}行", report.sheet, report.header_row);
    for r in report.rows.iter().filter(|r| !r.problems.is_empty()) {
        println!("第{}行 {}：{}", r.row, r.name, r.problems.join("；"));
    }
    if dry_run {
        println!(
            "可导入{}人，跳过{}行（未导入，去掉 --dry-run 后导入）",
            report.ready(),
            report.skipped
        );
    } else {
        println!("已导入{}人，跳过{}行", report.imported, report.skipped);
    }
    Ok(())
}

pub fn export(cmd: ExportCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    let store = open_for_viewing(db)?;
    match cmd {
        ExportCommand::Dues { year, out } => {
            let year = year.unwrap_or(today.year());
            store.write_output(&out, &store.dues_xlsx(year, today)?)?;
            println!("已导出{year}年党费台账：{}", out.display());
        }
        ExportCommand::Statistics { year, out } => {
            let year = year.unwrap_or(today.year() - 1);
            store.write_output(&out, &store.statistics_xlsx(year, today)?)?;
            println!("已导出{year}年度党内统计表：{}", out.display());
        }
        ExportCommand::Roster { out } => {
            store.write_output(&out, &store.roster_xlsx()?)?;
            println!("已导出党员名册：{}", out.display());
        }
    }
    Ok(())
}
