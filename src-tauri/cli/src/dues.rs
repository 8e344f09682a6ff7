//! `zhibu dues`: party dues — each member's yearly standard, recording payments, the ledger.
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use zhibu_core::dues::{yuan, DuesBasisInput, DuesCategory, PaymentInput};
use zhibu_core::Error;

use crate::{member, open_for_viewing, open_for_writing, print_json, usage};

#[derive(Subcommand)]
pub enum DuesCommand {
    /// 一年的党费台账
    Show {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 定一名党员一年的党费标准
    Set {
        #[arg(long)]
        member: String,
        #[arg(long)]
        year: Option<i32>,
        /// in_service | retired | student | low_income | farmer | mobile_no_income（地方规定，须先 dues local on）
        #[arg(long)]
        category: String,
        /// 月工资收入（税后）或实际领取的离退休费（养老金）总额，元
        #[arg(long, default_value = "")]
        income: String,
    },
    /// 启用或停用地方规定的“无固定收入的流动党员每月0.5元”（2008年规定中没有这一档）
    Local {
        /// on | off
        state: String,
    },
    /// 登记交纳：一个月全体（--all），或某人的若干月
    Pay {
        #[arg(long)]
        year: Option<i32>,
        /// 月份（可多次，如 --month 10 --month 11 --month 12）
        #[arg(long, required = true)]
        month: Vec<u32>,
        #[arg(long)]
        member: Vec<String>,
        /// 本月全体应缴党员
        #[arg(long)]
        all: bool,
        /// 交纳日期（默认今天）
        #[arg(long)]
        date: Option<String>,
        /// 代交人
        #[arg(long, default_value = "")]
        proxy: String,
    },
}

pub fn run(cmd: DuesCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        DuesCommand::Show { year, json } => {
            let store = open_for_viewing(db)?;
            let ledger = store.dues_year(year.unwrap_or(today.year()), today)?;
            if json {
                return print_json(&ledger);
            }
            for r in &ledger.rows {
                let paid: String = r
                    .months
                    .iter()
                    .map(|m| match (m.due, m.paid_fen.is_some()) {
                        (_, true) => '✓',
                        (true, false) => '·',
                        (false, false) => '-',
                    })
                    .collect();
                println!(
                    "{}\t{}\t月应缴{}\t{}\t全年应缴{}\t实缴{}",
                    r.name,
                    r.basis
                        .as_ref()
                        .map(|b| b.rule.as_str())
                        .unwrap_or("未定标准"),
                    r.basis
                        .as_ref()
                        .map(|b| yuan(b.monthly_fen()))
                        .unwrap_or_default(),
                    paid,
                    yuan(r.due_fen),
                    yuan(r.paid_fen)
                );
            }
            println!(
                "合计：应缴{}元，实缴{}元",
                yuan(ledger.due_fen),
                yuan(ledger.paid_fen)
            );
        }
        DuesCommand::Local { state } => {
            let on = match state.as_str() {
                "on" => true,
                "off" => false,
                other => {
                    return Err(usage(format!(
                        "“{other}”不正确，应为 on（启用）或 off（停用）"
                    )))
                }
            };
            let mut store = open_for_writing(db)?;
            store.set_dues_local_mobile(on)?;
            println!(
                "已{}地方规定：无固定收入的流动党员每月0.5元",
                if on { "启用" } else { "停用" }
            );
        }
        DuesCommand::Set {
            member,
            year,
            category,
            income,
        } => {
            let mut store = open_for_writing(db)?;
            let id = member::named(&store, &member)?;
            let category = DuesCategory::parse(&category).ok_or_else(|| {
                usage(format!("收入类别“{category}”不正确，应为 in_service、retired、student、low_income、farmer 或 mobile_no_income"))
            })?;
            let b = store.set_dues_basis(
                id,
                year.unwrap_or(today.year()),
                &DuesBasisInput {
                    category: Some(category),
                    income,
                    ..Default::default()
                },
            )?;
            println!(
                "{member}：执行标准{}，月应缴{}元",
                b.rule,
                yuan(b.monthly_fen())
            );
        }
        DuesCommand::Pay {
            year,
            month,
            member,
            all,
            date,
            proxy,
        } => {
            let mut store = open_for_writing(db)?;
            let year = year.unwrap_or(today.year());
            let member_ids = if all {
                store
                    .dues_year(year, today)?
                    .rows
                    .iter()
                    .map(|r| r.member_id)
                    .collect()
            } else {
                member
                    .iter()
                    .map(|n| member::named(&store, n))
                    .collect::<Result<Vec<_>, _>>()?
            };
            let r = store.record_dues(
                &PaymentInput {
                    member_ids,
                    year,
                    months: month,
                    paid_on: date.unwrap_or_else(|| today.format("%Y-%m-%d").to_string()),
                    proxy,
                },
                today,
            )?;
            for w in &r.warnings {
                eprintln!("提示：{w}");
            }
            println!("已登记{}笔", r.recorded);
        }
    }
    Ok(())
}
