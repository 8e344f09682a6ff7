//! `zhibu development`: the 25 steps of admitting a new member — who is where, what is due, and
//! recording a step.
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use zhibu_core::development::{step_def, StepInput};
use zhibu_core::{dates, Error};

use crate::{member, open_for_viewing, open_for_writing, print_json};

#[derive(Subcommand)]
pub enum DevelopmentCommand {
    /// 列出发展中的人员、已记录的步骤、规则提醒和期限
    List {
        #[arg(long)]
        json: bool,
    },
    /// 记录一个步骤（第1至25步）
    Record {
        #[arg(long)]
        member: String,
        #[arg(long)]
        step: u8,
        #[arg(long)]
        date: String,
        /// 谈话人、培养联系人、入党介绍人、培训学时等
        #[arg(long, default_value = "")]
        detail: String,
    },
}

pub fn run(cmd: DevelopmentCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        DevelopmentCommand::List { json } => {
            let store = open_for_viewing(db)?;
            let list = store.development(today)?;
            if json {
                return print_json(&list);
            }
            for e in &list {
                let next = e
                    .next_step
                    .and_then(step_def)
                    .map(|d| format!("下一步：第{}步{}", d.number, d.title))
                    .unwrap_or_default();
                println!(
                    "{}\t{}\t已记录{}步\t{}",
                    e.name,
                    e.category.label(),
                    e.steps.len(),
                    next
                );
                for w in &e.warnings {
                    println!("  ! {w}");
                }
                for d in &e.deadlines {
                    if let Some(by) = d.by {
                        println!(
                            "  期限：第{}步{}，{}前（{}）",
                            d.step,
                            d.title,
                            dates::format_cn(by),
                            d.rule
                        );
                    }
                }
            }
        }
        DevelopmentCommand::Record {
            member,
            step,
            date,
            detail,
        } => {
            let mut store = open_for_writing(db)?;
            let id = member::named(&store, &member)?;
            let e = store.record_step(id, &StepInput { step, date, detail }, today)?;
            println!("已记录{member}的第{step}步（现为{}）", e.category.label());
            for w in &e.warnings {
                eprintln!("提示：{w}");
            }
        }
    }
    Ok(())
}
