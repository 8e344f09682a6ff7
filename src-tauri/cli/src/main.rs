//! `zhibu`: the roster and branch from the command line, through the same core use-cases and
//! messages as the desktop app. Exit code 0 on success, 1 when the core refuses, 2 on usage.
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Datelike, Local, NaiveDate};
use clap::{Parser, Subcommand};
use zhibu_core::branch::BranchInput;
use zhibu_core::meeting::{AttendanceEntry, AttendanceStatus, MeetingInput, MeetingKind};
use zhibu_core::member::{Category, MemberInput, MemberStatus};
use zhibu_core::print::PrintRequest;
use zhibu_core::roster::{RosterOrder, RosterQuery, StatusFilter};
use zhibu_core::{backup, dates, demo, idcard, paths, print, Error, ErrorKind, Store};
use zhibu_typeset::fonts::default_font_dirs;
use zhibu_typeset::FontLibrary;

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
    },
    /// 生成演示支部（不指定 --db 时写入单独的演示数据文件，不碰真实数据）
    Demo {
        /// 演示数据以哪一天为“今天”（用于测试和截图）
        #[arg(long, hide = true)]
        today: Option<String>,
        /// 生成测试性能用的大规模数据：N名党员（写入空白数据文件）
        #[arg(long)]
        scale: Option<usize>,
        /// 大规模数据的年数
        #[arg(long, default_value_t = 10)]
        years: u32,
    },
    /// 党员名册
    #[command(subcommand)]
    Member(MemberCommand),
    /// 支部概况
    #[command(subcommand)]
    Branch(BranchCommand),
    /// 组织生活记录
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// 述职报告
    #[command(subcommand)]
    Report(ReportCommand),
    /// 备份：导出、校验、恢复、只读查看
    #[command(subcommand)]
    Backup(BackupCommand),
    /// 打印为 PDF（公文格式）
    #[command(subcommand)]
    Print(PrintCommand),
    /// 党费：标准、收缴、台账
    #[command(subcommand)]
    Dues(DuesCommand),
    /// 发展党员：25个步骤
    #[command(subcommand)]
    Pipeline(PipelineCommand),
    /// 从Excel导入
    #[command(subcommand)]
    Import(ImportCommand),
    /// 导出为Excel
    #[command(subcommand)]
    Export(ExportCommand),
    /// 对照规定检查：会议日历、六个月提醒、待办
    Check {
        #[arg(long)]
        year: Option<i32>,
        /// 以哪一天为“今天”（默认今天）
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
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
enum ExportCommand {
    /// 党员名册（.xlsx）
    Roster { out: PathBuf },
    /// 一年的党费台账（.xlsx）
    Dues {
        #[arg(long)]
        year: Option<i32>,
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum PipelineCommand {
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

#[derive(Subcommand)]
enum DuesCommand {
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
        /// in_service | retired | student | low_income | farmer | mobile_no_income
        #[arg(long)]
        category: String,
        /// 月工资收入（税后）或基本离退休费，元
        #[arg(long, default_value = "")]
        income: String,
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

#[derive(Subcommand)]
enum BackupCommand {
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
    /// 用备份替换当前数据（原数据保留在同一目录）
    Restore {
        file: PathBuf,
        #[arg(long)]
        passphrase_env: Option<String>,
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
enum OpenWhat {
    /// 名册
    #[command(subcommand)]
    Member(OpenMember),
    /// 会议记录
    #[command(subcommand)]
    Meeting(OpenMeeting),
}

#[derive(Subcommand)]
enum OpenMember {
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum OpenMeeting {
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ReportCommand {
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

#[derive(Subcommand)]
enum PrintCommand {
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
    Checklist {
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

#[derive(Subcommand)]
enum MeetingCommand {
    /// 登记一次会议；名册上当天在本支部、未列为缺席或请假的党员都算出席
    Add {
        /// general_meeting | committee_meeting | group_meeting | party_lecture | theme_day |
        /// life_meeting | member_review | heart_talk | other
        #[arg(long)]
        kind: String,
        /// 同时算作另一类会议（如主题党日同时是党员大会）
        #[arg(long)]
        also: Option<String>,
        #[arg(long)]
        date: String,
        #[arg(long)]
        time: Option<String>,
        #[arg(long)]
        topic: Option<String>,
        #[arg(long)]
        place: Option<String>,
        #[arg(long)]
        host: Option<String>,
        #[arg(long)]
        recorder: Option<String>,
        /// 缺席人员（可多次）
        #[arg(long)]
        absent: Vec<String>,
        /// 请假人员，可写成“姓名:事由”（可多次）
        #[arg(long)]
        excused: Vec<String>,
        /// 列席人员（可多次，可以不是党员）
        #[arg(long)]
        observer: Vec<String>,
    },
    /// 列出一年的会议记录
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum MemberCommand {
    /// 登记一名人员（性别和出生日期由身份证号得出）
    Add {
        #[arg(long)]
        name: String,
        #[arg(long = "id")]
        id_number: String,
        /// full | probationary | candidate | activist | applicant
        #[arg(long)]
        category: String,
        /// 入党日期 YYYY-MM-DD
        #[arg(long)]
        joined: Option<String>,
        /// 转正日期 YYYY-MM-DD（须为预备期满之日）
        #[arg(long)]
        full_date: Option<String>,
        /// 组织关系进入本支部的日期（默认入党日期，无则今天）
        #[arg(long)]
        since: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        ethnicity: Option<String>,
        #[arg(long)]
        education: Option<String>,
        #[arg(long)]
        position: Option<String>,
    },
    /// 列出名册
    List {
        #[arg(long)]
        json: bool,
        /// strokes（姓氏笔画，默认）| pinyin | joined
        #[arg(long, default_value = "strokes")]
        order: String,
        #[arg(long)]
        category: Option<String>,
        /// active（在册，默认）| left | mobile | lost_contact | all
        #[arg(long, default_value = "active")]
        status: String,
        /// 按姓名、拼音、首字母查找
        #[arg(long)]
        search: Option<String>,
    },
}

#[derive(Subcommand)]
enum BranchCommand {
    /// 显示支部概况
    Show {
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            // A single field's message is already the headline.
            if e.fields.len() > 1 {
                for f in &e.fields {
                    eprintln!("  - {}", f.message);
                }
            }
            ExitCode::from(1)
        }
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

fn run(cli: Cli) -> Result<(), Error> {
    let today: NaiveDate = Local::now().date_naive();
    match cli.command {
        Command::Init { branch } => {
            let path = db_path(cli.db, paths::default_db())?;
            Store::create(
                &path,
                &BranchInput {
                    name: branch,
                    ..Default::default()
                },
                today,
            )?;
            println!("已创建数据文件：{}", path.display());
        }
        Command::Demo {
            today: as_of,
            scale,
            years,
        } => {
            let today = parse_today(as_of, today)?;
            let path = db_path(cli.db, paths::demo_db())?;
            let mut store = Store::open(&path)?;
            match scale {
                None => {
                    let n = demo::fill(&mut store, today)?;
                    println!("已在 {} 生成演示支部，共{}人", path.display(), n);
                }
                Some(members) => {
                    if !(1..=100_000).contains(&members) || !(1..=30).contains(&years) {
                        return Err(usage("--scale 应为1至100000人，--years 应为1至30年".into()));
                    }
                    let started = std::time::Instant::now();
                    let s = demo::fill_scale(&mut store, members, years, today)?;
                    println!(
                        "已在 {} 生成{}名党员、{}年的数据：会议{}次，到会记录{}条，党费{}笔，发展步骤{}条（用时{:.1}秒）",
                        path.display(),
                        s.members,
                        years,
                        s.meetings,
                        s.attendance,
                        s.dues_payments,
                        s.pipeline_steps,
                        started.elapsed().as_secs_f64()
                    );
                }
            }
        }
        Command::Member(cmd) => member(cmd, cli.db, today)?,
        Command::Meeting(cmd) => meeting(cmd, cli.db, today)?,
        Command::Backup(cmd) => backup(cmd, cli.db, today)?,
        Command::Report(ReportCommand::Draft { year, json }) => {
            let mut store = open_for_viewing(cli.db)?;
            let now = Local::now().naive_local();
            let r = store.report(year.unwrap_or(today.year()), today, now)?;
            if json {
                print_json(&r)?;
            } else {
                println!("{}\n", r.title);
                for (p, text) in r.paragraphs.iter().zip(&r.rendered) {
                    println!("{text}\n");
                    let _ = p;
                }
                if !r.unknown_figures.is_empty() {
                    eprintln!(
                        "注意：文中这些〔〕里的名称不是数据项：{}",
                        r.unknown_figures.join("、")
                    );
                }
            }
        }
        Command::Report(ReportCommand::Print { year, pdf }) => {
            let store = open_for_viewing(cli.db)?;
            let req = PrintRequest::Report {
                year: year.unwrap_or(today.year()),
            };
            let mut fonts = FontLibrary::discover(&default_font_dirs(&[]));
            let saved = print::save(&store, &req, &mut fonts, today, &pdf)?;
            println!("已生成 {}（{}页）", saved.path, saved.pages);
            if !saved.missing_note.is_empty() {
                eprintln!("注意：{}", saved.missing_note);
            }
        }
        Command::Print(cmd) => {
            let store = open_for_viewing(cli.db)?;
            let (req, out) = match cmd {
                PrintCommand::Roster { pdf } => (PrintRequest::Roster, pdf),
                PrintCommand::Dues { year, pdf } => (
                    PrintRequest::Dues {
                        year: year.unwrap_or(today.year()),
                    },
                    pdf,
                ),
                PrintCommand::Checklist { venue, pdf } => {
                    (PrintRequest::Checklist { venue_id: venue }, pdf)
                }
                PrintCommand::Meeting { id, pdf } => (PrintRequest::Meeting { id }, pdf),
                PrintCommand::Meetings { year, pdf } => (
                    PrintRequest::Meetings {
                        year: year.unwrap_or(today.year()),
                    },
                    pdf,
                ),
            };
            let mut fonts = FontLibrary::discover(&default_font_dirs(&[]));
            let saved = print::save(&store, &req, &mut fonts, today, &out)?;
            println!("已生成 {}（{}页）", saved.path, saved.pages);
            if !saved.missing_note.is_empty() {
                eprintln!("注意：{}", saved.missing_note);
            }
        }
        Command::Import(ImportCommand::Roster {
            file,
            dry_run,
            json,
        }) => {
            let bytes = std::fs::read(&file)
                .map_err(|_| usage(format!("无法读取文件 {}", file.display())))?;
            let path = db_path(cli.db, paths::default_db())?;
            let report = if dry_run {
                Store::open_existing(&path)?.preview_import(&bytes, today)?
            } else {
                Store::open_existing(&path)?.import_roster(&bytes, today)?
            };
            if json {
                print_json(&report)?;
            } else {
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
            }
        }
        Command::Dues(cmd) => dues(cmd, cli.db, today)?,
        Command::Pipeline(PipelineCommand::List { json }) => {
            let store = open_for_viewing(cli.db)?;
            let list = store.pipeline(today)?;
            if json {
                print_json(&list)?;
            } else {
                for e in &list {
                    let next = e
                        .next_step
                        .and_then(zhibu_core::development::step_def)
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
        }
        Command::Pipeline(PipelineCommand::Record {
            member,
            step,
            date,
            detail,
        }) => {
            let mut store = Store::open_existing(&db_path(cli.db, paths::default_db())?)?;
            let id = member_named(&store, &member)?;
            let e = store.record_step(
                id,
                &zhibu_core::development::StepInput { step, date, detail },
                today,
            )?;
            println!("已记录{member}的第{step}步（现为{}）", e.category.label());
            for w in &e.warnings {
                eprintln!("提示：{w}");
            }
        }
        Command::Export(ExportCommand::Dues { year, out }) => {
            let store = open_for_viewing(cli.db)?;
            let year = year.unwrap_or(today.year());
            print::write_file(&out, &store.dues_xlsx(year, today)?)?;
            println!("已导出{year}年党费台账：{}", out.display());
        }
        Command::Export(ExportCommand::Roster { out }) => {
            let store = open_for_viewing(cli.db)?;
            print::write_file(&out, &store.roster_xlsx()?)?;
            println!("已导出党员名册：{}", out.display());
        }
        Command::Check {
            year,
            today: as_of,
            json,
        } => {
            let today = parse_today(as_of, today)?;
            let store = open_for_viewing(cli.db)?;
            let report = store.compliance(year.unwrap_or(today.year()), today)?;
            if json {
                print_json(&report)?;
            } else {
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
            }
        }
        Command::Branch(BranchCommand::Show { json }) => {
            let store = open_for_viewing(cli.db)?;
            let b = store.branch()?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&b).map_err(|e| usage(e.to_string()))?
                );
            } else {
                println!("支部名称：{}", b.name);
                println!("所在单位：{}（{}）", b.org_name, b.org_type.label());
                println!("上级党组织：{}", b.superior);
                if let (Some(s), Some(e)) = (b.term_start, b.term_end) {
                    println!(
                        "本届任期：{} 至 {}",
                        dates::format_cn(s),
                        dates::format_cn(e)
                    );
                }
                for seat in &b.committee {
                    println!("{}：{}", seat.role, seat.name);
                }
            }
        }
    }
    Ok(())
}

/// Without --db, reading shows the secretary's file, or the demo file before there is one.
fn open_for_viewing(db: Option<PathBuf>) -> Result<Store, Error> {
    let explicit = db.is_some();
    let path = db_path(db, paths::for_viewing())?;
    if !explicit && Some(&path) == paths::demo_db().as_ref() && path.exists() {
        eprintln!("（尚无本支部数据，以下是演示数据）");
    }
    Store::open_existing(&path)
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

fn backup(cmd: BackupCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    let now = Local::now().naive_local();
    let scratch = std::env::temp_dir().join("zhibu-backup-scratch");
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
                print_json(&v.manifest)?;
            } else {
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
        }
        BackupCommand::Restore {
            file,
            passphrase_env,
        } => {
            let live = db_path(db, paths::default_db())?;
            let kept = backup::restore(&live, &file, passphrase(&passphrase_env)?.as_deref(), now)?;
            println!("已用备份恢复数据：{}", live.display());
            if let Some(kept) = kept {
                println!("原来的数据保留在：{}", kept.display());
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
                        print_json(&list)?;
                    } else {
                        for m in &list {
                            println!("{}\t{}\t{}", m.name, m.sex.label(), m.category.label());
                        }
                        println!("共{}人", list.len());
                    }
                }
                OpenWhat::Meeting(OpenMeeting::List { year, json }) => {
                    let list = store.meetings(year.unwrap_or(today.year()))?;
                    if json {
                        print_json(&list)?;
                    } else {
                        for m in &list {
                            println!("{}\t{}\t{}", m.date, m.kind.label(), m.topics);
                        }
                        println!("共{}次", list.len());
                    }
                }
            }
        }
    }
    Ok(())
}

/// The one person on the roster called `name`.
fn member_named(store: &Store, name: &str) -> Result<i64, Error> {
    let found: Vec<_> = store
        .all_members()?
        .into_iter()
        .filter(|m| m.name == name)
        .collect();
    match found.as_slice() {
        [m] => Ok(m.id),
        [] => Err(usage(format!("名册中没有“{name}”"))),
        _ => Err(usage(format!(
            "名册中有{}位“{name}”，请在程序中操作",
            found.len()
        ))),
    }
}

fn dues(cmd: DuesCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    use zhibu_core::dues::{yuan, DuesBasisInput, DuesCategory, PaymentInput};
    match cmd {
        DuesCommand::Show { year, json } => {
            let store = open_for_viewing(db)?;
            let ledger = store.dues_year(year.unwrap_or(today.year()), today)?;
            if json {
                print_json(&ledger)?;
            } else {
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
        }
        DuesCommand::Set {
            member,
            year,
            category,
            income,
        } => {
            let mut store = Store::open_existing(&db_path(db, paths::default_db())?)?;
            let id = member_named(&store, &member)?;
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
            let mut store = Store::open_existing(&db_path(db, paths::default_db())?)?;
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
                    .map(|n| member_named(&store, n))
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
        serde_json::to_string_pretty(value).map_err(|e| usage(e.to_string()))?
    );
    Ok(())
}

/// Finds the people a meeting names among those it expects (or, for observers, anyone).
fn mark(
    attendance: &mut [AttendanceEntry],
    name: &str,
    status: AttendanceStatus,
    reason: &str,
    date: NaiveDate,
) -> Result<(), Error> {
    let matches: Vec<usize> = attendance
        .iter()
        .enumerate()
        .filter(|(_, a)| a.name == name)
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [i] => {
            attendance[*i].status = status;
            attendance[*i].reason = reason.to_string();
            Ok(())
        }
        [] => Err(usage(format!(
            "{}不在{}的应到名单中（当天不是本支部党员？）",
            name,
            dates::format_cn(date)
        ))),
        _ => Err(usage(format!(
            "名单中有{}位“{name}”，请在程序中逐一标记",
            matches.len()
        ))),
    }
}

fn meeting(cmd: MeetingCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        MeetingCommand::Add {
            kind,
            also,
            date,
            time,
            topic,
            place,
            host,
            recorder,
            absent,
            excused,
            observer,
        } => {
            let mut store = Store::open(&db_path(db, paths::default_db())?)?;
            let parse_kind = |k: &str| {
                MeetingKind::parse(k).ok_or_else(|| {
                    usage(format!("会议类型“{k}”不正确，应为 general_meeting、committee_meeting、group_meeting、party_lecture、theme_day、life_meeting、member_review、heart_talk 或 other"))
                })
            };
            let kind = parse_kind(&kind)?;
            let also_kind = also.as_deref().map(parse_kind).transpose()?;
            let day = dates::parse(&date).ok_or_else(|| {
                usage(format!(
                    "会议日期“{date}”不正确，请按 2026-11-26 的格式填写"
                ))
            })?;
            let mut attendance = store.expected_attendance(kind, day, None)?;
            for name in &absent {
                mark(
                    &mut attendance,
                    name.trim(),
                    AttendanceStatus::Absent,
                    "",
                    day,
                )?;
            }
            for entry in &excused {
                let (name, reason) = entry.split_once([':', '：']).unwrap_or((entry, ""));
                mark(
                    &mut attendance,
                    name.trim(),
                    AttendanceStatus::Excused,
                    reason.trim(),
                    day,
                )?;
            }
            let roster = store.all_members()?;
            for name in &observer {
                let name = name.trim();
                let member_id = roster.iter().find(|m| m.name == name).map(|m| m.id);
                if member_id.is_some_and(|id| attendance.iter().any(|a| a.member_id == Some(id))) {
                    return Err(usage(format!("{name}是应到人员，不能同时列为列席")));
                }
                attendance.push(AttendanceEntry {
                    member_id,
                    name: name.to_string(),
                    status: AttendanceStatus::Observer,
                    reason: String::new(),
                });
            }
            let m = store.add_meeting(
                &MeetingInput {
                    kind: Some(kind),
                    also_kind,
                    date,
                    time: time.unwrap_or_default(),
                    place: place.unwrap_or_default(),
                    host: host.unwrap_or_default(),
                    recorder: recorder.unwrap_or_default(),
                    topics: topic.unwrap_or_default(),
                    attendance,
                    ..Default::default()
                },
                today,
            )?;
            let c = &m.summary.counts;
            println!(
                "已登记：{} {}（第{}次），应到{}人，出席{}人，请假{}人，缺席{}人",
                dates::format_cn(m.summary.date),
                m.summary.kind.label(),
                m.summary.number,
                c.expected,
                c.present,
                c.excused,
                c.absent
            );
            if m.summary.quorum_ok == Some(false) {
                eprintln!("注意：到会正式党员未超过半数，党员大会所作决定无效");
            }
        }
        MeetingCommand::List { year, json } => {
            let store = open_for_viewing(db)?;
            let list = store.meetings(year.unwrap_or(today.year()))?;
            if json {
                print_json(&list)?;
            } else {
                println!("日期\t类型\t次序\t应到\t出席\t议题");
                for m in &list {
                    let kind = match m.also_kind {
                        Some(a) => format!("{}（兼{}）", m.kind.label(), a.label()),
                        None => m.kind.label().to_string(),
                    };
                    println!(
                        "{}\t{}\t第{}次\t{}\t{}\t{}",
                        m.date, kind, m.number, m.counts.expected, m.counts.present, m.topics
                    );
                }
                println!("共{}次", list.len());
            }
        }
    }
    Ok(())
}

fn member(cmd: MemberCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        MemberCommand::Add {
            name,
            id_number,
            category,
            joined,
            full_date,
            since,
            phone,
            ethnicity,
            education,
            position,
        } => {
            let mut store = Store::open(&db_path(db, paths::default_db())?)?;
            let category = Category::parse(&category).ok_or_else(|| {
                usage(format!(
                    "人员类别“{category}”不正确，应为 full（正式党员）、probationary（预备党员）、candidate（发展对象）、activist（入党积极分子）或 applicant（入党申请人）"
                ))
            })?;
            let m = store.add_member(
                &MemberInput {
                    name,
                    id_number,
                    category: Some(category),
                    joined,
                    full_date,
                    since,
                    phone: phone.unwrap_or_default(),
                    ethnicity: ethnicity.unwrap_or_default(),
                    education: education.unwrap_or_default(),
                    position: position.unwrap_or_default(),
                    ..Default::default()
                },
                today,
            )?;
            println!(
                "已登记：{}（{}，{}）",
                m.name,
                m.category.label(),
                m.sex.label()
            );
        }
        MemberCommand::List {
            json,
            order,
            category,
            status,
            search,
        } => {
            let order = RosterOrder::parse(&order).ok_or_else(|| {
                usage(format!(
                    "排序方式“{order}”不正确，应为 strokes、pinyin 或 joined"
                ))
            })?;
            let category = match category {
                None => None,
                Some(c) => {
                    Some(Category::parse(&c).ok_or_else(|| usage(format!("人员类别“{c}”不正确")))?)
                }
            };
            let status = match status.as_str() {
                "active" => StatusFilter::Active,
                "left" => StatusFilter::Left,
                "mobile" => StatusFilter::Mobile,
                "lost_contact" => StatusFilter::LostContact,
                "all" => StatusFilter::All,
                other => {
                    return Err(usage(format!(
                        "状态“{other}”不正确，应为 active、left、mobile、lost_contact 或 all"
                    )))
                }
            };
            let store = open_for_viewing(db)?;
            let list = store.roster(&RosterQuery {
                text: search.unwrap_or_default(),
                category,
                status,
                order,
            })?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).map_err(|e| usage(e.to_string()))?
                );
            } else {
                println!(
                    "序号\t姓名\t性别\t出生日期\t人员类别\t入党日期\t转正日期\t身份证号\t状态"
                );
                for (i, m) in list.iter().enumerate() {
                    let d = |d: Option<NaiveDate>| {
                        d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        i + 1,
                        m.name,
                        m.sex.label(),
                        m.birth_date,
                        m.category.label(),
                        d(m.joined),
                        d(m.full_date),
                        idcard::masked(&m.id_number),
                        if m.party_post.is_empty() {
                            "—"
                        } else {
                            &m.party_post
                        },
                        if m.status == MemberStatus::Active {
                            "在册"
                        } else {
                            "已离开"
                        }
                    );
                }
                println!("共{}人", list.len());
            }
        }
    }
    Ok(())
}
