//! `zhibu meeting`: recording a meeting with its attendance, and listing a year's meetings.
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use zhibu_core::meeting::{AttendanceEntry, AttendanceStatus, MeetingInput, MeetingKind};
use zhibu_core::{dates, Error};

use crate::{open_for_viewing, open_for_writing, print_json, usage};

// Parsed once per run, so the size of `Add` costs nothing worth boxing it for.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum MeetingCommand {
    /// 登记一次会议；名册上当天在本支部、未列为缺席或请假的党员都算出席
    Add {
        /// general_meeting | committee_meeting | group_meeting | party_lecture | theme_day |
        /// life_meeting | member_review | other（谈心谈话用 zhibu talk 登记）
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
        /// 其他类记录算作组织生活（如集中学习；文体活动、业务会议不算）
        #[arg(long)]
        life: bool,
        /// 党课授课人（名册中的姓名，或外请人员姓名）
        #[arg(long)]
        lecturer: Option<String>,
        /// 每名出席党员计入的学时
        #[arg(long)]
        hours: Option<u16>,
    },
    /// 列出一年的会议记录
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: MeetingCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
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
            life,
            lecturer,
            hours,
        } => {
            let mut store = open_for_writing(db)?;
            let parse_kind = |k: &str| {
                MeetingKind::parse(k).ok_or_else(|| {
                    usage(format!("会议类型“{k}”不正确，应为 general_meeting、committee_meeting、group_meeting、party_lecture、theme_day、life_meeting、member_review 或 other（谈心谈话请用 zhibu talk add 登记）"))
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
                    counts_as_life: life,
                    lecturer_id: lecturer
                        .as_deref()
                        .and_then(|l| roster.iter().find(|m| m.name == l.trim()))
                        .map(|m| m.id),
                    lecturer: lecturer.unwrap_or_default(),
                    hours,
                    ..Default::default()
                },
                today,
            )?;
            for w in &m.warnings {
                eprintln!("注意：{w}");
            }
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
                eprintln!("注意：到会有表决权的党员不足半数，不得进行表决");
            }
        }
        MeetingCommand::List { year, json } => {
            let store = open_for_viewing(db)?;
            let list = store.meetings(year.unwrap_or(today.year()))?;
            if json {
                return print_json(&list);
            }
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
