//! `zhibu`: the roster and branch from the command line, through the same core use-cases and
//! messages as the desktop app. Exit code 0 on success (also when the reader of the output
//! stops early, see `out`), 1 when the core refuses, 2 on wrong usage (told in Chinese, see
//! `parse_error`).
// First, so that its `println!` family replaces std's in every module below.
#[macro_use]
mod out;

mod backup;
mod branch;
mod check;
mod demo;
mod development;
mod dues;
mod excel;
mod meeting;
mod member;
mod org;
mod package;
mod parse_error;
mod print;
mod report;
mod talk;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::{CommandFactory, Parser, Subcommand};
use zhibu_core::branch::BranchInput;
use zhibu_core::{dates, paths, Error, ErrorKind, Store};

#[derive(Parser)]
#[command(name = "zhibu", version, about = "党支部工作台（命令行）")]
struct Cli {
    /// 数据文件路径（默认：程序数据目录中的 zhibu.db）
    #[arg(long, global = true, env = "ZHIBU_DB")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 新建数据文件并填写支部名称
    Init {
        #[arg(long)]
        branch: String,
        /// 建账日期：从这一天起的记录都会录入，此前不算未开会、未参加或欠缴（默认今天）
        #[arg(long)]
        records_from: Option<String>,
    },
    /// 生成演示支部（不指定 --db 时写入单独的演示数据文件，不碰真实数据）
    Demo(demo::DemoArgs),
    /// 党员名册
    #[command(subcommand)]
    Member(member::MemberCommand),
    /// 支部概况
    #[command(subcommand)]
    Branch(branch::BranchCommand),
    /// 组织生活记录
    #[command(subcommand)]
    Meeting(meeting::MeetingCommand),
    /// 支部覆盖的单位（联合党支部）
    #[command(subcommand)]
    Org(org::OrgCommand),
    /// 谈心谈话
    #[command(subcommand)]
    Talk(talk::TalkCommand),
    /// 述职报告
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// 备份：导出、校验、恢复、只读查看
    #[command(subcommand)]
    Backup(backup::BackupCommand),
    /// 打印为 PDF（公文格式）
    #[command(subcommand)]
    Print(print::PrintCommand),
    /// 党费：标准、收缴、台账
    #[command(subcommand)]
    Dues(dues::DuesCommand),
    /// 发展党员：25个步骤
    #[command(subcommand)]
    Development(development::DevelopmentCommand),
    /// 从Excel导入
    #[command(subcommand)]
    Import(excel::ImportCommand),
    /// 导出为Excel
    #[command(subcommand)]
    Export(excel::ExportCommand),
    /// 对照规定检查：会议日历、六个月提醒、待办
    Check(check::CheckArgs),
    /// 年度材料包：报送上级党组织的全部材料，一个 .zip（可加密）
    Package(package::PackageArgs),
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let code = match Cli::try_parse_from(&args) {
        Ok(cli) => match run(cli) {
            Ok(()) => 0,
            Err(e) => {
                print_error(&e);
                1
            }
        },
        Err(e) => match parse_error::refusal(&e, &Cli::command(), &args) {
            parse_error::Refusal::Shown => 0,
            parse_error::Refusal::Usage { error, command } => {
                print_error(&error);
                eprintln!("用 {command} --help 查看用法");
                2
            }
        },
    };
    ExitCode::from(out::finish(code))
}

fn print_error(e: &Error) {
    eprintln!("错误：{}", e.message);
    // A single field's message is already the headline.
    if e.fields.len() > 1 {
        for f in &e.fields {
            eprintln!("  - {}", f.message);
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    let today: NaiveDate = Local::now().date_naive();
    let db = cli.db;
    // Plaintext left by a zhibu that was killed mid-export or mid-verify goes first.
    if let Some(path) = db.clone().or_else(paths::default_db) {
        zhibu_core::private::clean_near(&path);
    }
    match cli.command {
        Command::Init {
            branch,
            records_from,
        } => {
            let path = db_path(db, paths::default_db())?;
            Store::create(
                &path,
                &BranchInput {
                    name: branch,
                    records_from,
                    ..Default::default()
                },
                today,
            )?;
            println!("已创建数据文件：{}", path.display());
            Ok(())
        }
        Command::Demo(args) => demo::run(args, db, today),
        Command::Member(cmd) => member::run(cmd, db, today),
        Command::Branch(cmd) => branch::run(cmd, db),
        Command::Meeting(cmd) => meeting::run(cmd, db, today),
        Command::Org(cmd) => org::run(cmd, db, today),
        Command::Talk(cmd) => talk::run(cmd, db, today),
        Command::Report(cmd) => report::run(cmd, db, today),
        Command::Backup(cmd) => backup::run(cmd, db, today),
        Command::Print(cmd) => print::run(cmd, db, today),
        Command::Dues(cmd) => dues::run(cmd, db, today),
        Command::Development(cmd) => development::run(cmd, db, today),
        Command::Import(cmd) => excel::import(cmd, db, today),
        Command::Export(cmd) => excel::export(cmd, db, today),
        Command::Check(args) => check::run(args, db, today),
        Command::Package(args) => package::run(args, db, today),
    }
}

fn usage(message: String) -> Error {
    Error::new(ErrorKind::Invalid, message)
}

fn db_path(explicit: Option<PathBuf>, fallback: Option<PathBuf>) -> Result<PathBuf, Error> {
    explicit
        .or(fallback)
        .ok_or_else(|| usage("找不到程序数据目录，请用 --db 指定数据文件".into()))
}

/// Changes go to the secretary's own file, never to the demo, and never create it by accident.
fn open_for_writing(db: Option<PathBuf>) -> Result<Store, Error> {
    Store::open_existing(&db_path(db, paths::default_db())?)
}

/// Without --db, reading shows the secretary's file, or the demo file before there is one.
/// Looking never changes the file: it is opened read-only (another program's database is
/// refused untouched, a file on a read-only stick still opens).
fn open_for_viewing(db: Option<PathBuf>) -> Result<Store, Error> {
    Store::open_read_only(&viewed_path(db)?)
}

/// The file `open_for_viewing` shows, for a command that writes while it shows (a year's
/// report is drafted and saved on first look).
fn open_viewed_for_change(db: Option<PathBuf>) -> Result<Store, Error> {
    Store::open_existing(&viewed_path(db)?)
}

fn viewed_path(db: Option<PathBuf>) -> Result<PathBuf, Error> {
    let explicit = db.is_some();
    let path = db_path(db, paths::for_viewing())?;
    if !explicit && Some(&path) == paths::demo_db().as_ref() && path.exists() {
        eprintln!("（尚无本支部数据，以下是演示数据）");
    }
    Ok(path)
}

fn parse_today(given: Option<String>, today: NaiveDate) -> Result<NaiveDate, Error> {
    match given {
        None => Ok(today),
        Some(s) => dates::parse(&s)
            .ok_or_else(|| usage(format!("日期“{s}”不正确，请按 2026-11-26 的格式填写"))),
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Error> {
    println!(
        "{}",
        serde_json::to_string_pretty(value)
            .map_err(|_| Error::new(ErrorKind::Internal, "无法输出结果（程序内部错误）"))?
    );
    Ok(())
}
