//! `zhibu backup`: exporting, verifying and restoring backup files, and viewing one read-only
//! without touching the live data.
use std::path::PathBuf;

use chrono::{Datelike, Local, NaiveDate};
use clap::Subcommand;
use zhibu_core::roster::RosterQuery;
use zhibu_core::{backup, paths, Error, ErrorKind, Store};

use crate::{db_path, open_for_viewing, print_json, usage};

#[derive(Subcommand)]
pub enum BackupCommand {
    /// 导出备份文件（.zhibu）
    Export {
        out: PathBuf,
        /// 从这个环境变量读取备份密码（加密备份）
        #[arg(long)]
        passphrase_env: Option<String>,
    },
    /// 校验备份文件：完整性、密码、数据自检，并显示说明
    Verify {
        file: PathBuf,
        #[arg(long)]
        passphrase_env: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 用备份替换当前数据（原数据保留在同一目录）；不加 --yes 时只显示将发生的变化
    Restore {
        file: PathBuf,
        #[arg(long)]
        passphrase_env: Option<String>,
        /// 确认替换（先不加它运行一次，看清将发生的变化）
        #[arg(long)]
        yes: bool,
    },
    /// 只读查看备份中的名册或会议，不导入、不改动备份
    Open {
        file: PathBuf,
        #[arg(long)]
        passphrase_env: Option<String>,
        #[command(subcommand)]
        what: OpenWhat,
    },
}

#[derive(Subcommand)]
pub enum OpenWhat {
    /// 名册
    #[command(subcommand)]
    Member(OpenMember),
    /// 会议记录
    #[command(subcommand)]
    Meeting(OpenMeeting),
}

#[derive(Subcommand)]
pub enum OpenMember {
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum OpenMeeting {
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: BackupCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    let now = Local::now().naive_local();
    // Verifying unpacks into the private folder that goes with the data file, never into a
    // world-readable temporary folder.
    let scratch = db_path(db.clone(), paths::default_db())?;
    match cmd {
        BackupCommand::Export {
            out,
            passphrase_env,
        } => {
            let store = open_for_viewing(db)?;
            let m = store.export_backup(
                &out,
                passphrase(&passphrase_env)?.as_deref(),
                env!("CARGO_PKG_VERSION"),
                now,
            )?;
            println!(
                "已导出备份 {}（{}，党员等{}人，会议{}次{}）",
                out.display(),
                m.branch,
                m.counts.members,
                m.counts.meetings,
                if m.encrypted { "，已加密" } else { "" }
            );
        }
        BackupCommand::Verify {
            file,
            passphrase_env,
            json,
        } => {
            let v = backup::verify(&file, passphrase(&passphrase_env)?.as_deref(), &scratch)?;
            if json {
                return print_json(&v.manifest);
            }
            let m = &v.manifest;
            println!("备份完好：{}", file.display());
            println!("支部：{}", m.branch);
            println!(
                "生成时间：{}（程序版本 {}，数据格式第{}版）",
                m.created_at, m.app_version, m.schema_version
            );
            println!(
                "人员{}人，会议{}次，到会记录{}条，述职报告{}份，活动阵地{}个",
                m.counts.members,
                m.counts.meetings,
                m.counts.attendance,
                m.counts.reports,
                m.counts.venues
            );
            println!("加密：{}", if m.encrypted { "是" } else { "否" });
        }
        BackupCommand::Restore {
            file,
            passphrase_env,
            yes,
        } => {
            let live = db_path(db, paths::default_db())?;
            let pass = passphrase(&passphrase_env)?;
            if !yes {
                // Replacing the secretary's data is said in full and confirmed first.
                let plan = backup::plan_restore(&live, &file, pass.as_deref())?;
                println!(
                    "将用备份 {} 替换 {} 中的数据：",
                    file.display(),
                    live.display()
                );
                for change in &plan.changes {
                    println!("  {change}");
                }
                return Err(Error::new(
                    ErrorKind::Invalid,
                    "尚未恢复，数据未做任何改动。确认无误后，加 --yes 再运行一次",
                ));
            }
            let kept = backup::restore(&live, &file, pass.as_deref(), now)?;
            println!("已用备份恢复数据：{}", live.display());
            match kept {
                Some(k) if k.damaged => {
                    println!("原数据文件已损坏，已原样移到：{}", k.path.display())
                }
                Some(k) => println!("原来的数据保留在：{}", k.path.display()),
                None => {}
            }
        }
        BackupCommand::Open {
            file,
            passphrase_env,
            what,
        } => {
            let v = backup::verify(&file, passphrase(&passphrase_env)?.as_deref(), &scratch)?;
            let store = Store::open(v.db_path())?;
            eprintln!("（只读查看备份：{}）", v.manifest.branch);
            match what {
                OpenWhat::Member(OpenMember::List { json }) => {
                    let list = store.roster(&RosterQuery::default())?;
                    if json {
                        return print_json(&list);
                    }
                    for m in &list {
                        println!("{}\t{}\t{}", m.name, m.sex.label(), m.category.label());
                    }
                    println!("共{}人", list.len());
                }
                OpenWhat::Meeting(OpenMeeting::List { year, json }) => {
                    let list = store.meetings(year.unwrap_or(today.year()))?;
                    if json {
                        return print_json(&list);
                    }
                    for m in &list {
                        println!("{}\t{}\t{}", m.date, m.kind.label(), m.topics);
                    }
                    println!("共{}次", list.len());
                }
            }
        }
    }
    Ok(())
}

/// The passphrase from the environment variable the user named (never from the command line,
/// where other users of the machine could see it).
fn passphrase(var: &Option<String>) -> Result<Option<String>, Error> {
    match var {
        None => Ok(None),
        Some(v) => std::env::var(v)
            .map(Some)
            .map_err(|_| usage(format!("环境变量 {v} 中没有备份密码"))),
    }
}
