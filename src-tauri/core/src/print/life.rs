//! The two reports on the year's 组织生活会 and 民主评议党员 the superior committee collects,
//! drafted from the records like the duty report: who was there, what was discussed and
//! decided, the talks before, and each member's grade with what was done about it. A sentence
//! whose fact is not on record is left out rather than left blank.
use std::collections::HashMap;

use chrono::NaiveDate;
use zhibu_typeset::{Align, Block, Document, Orientation, Table};

use super::col;
use crate::dates::format_cn;
use crate::drafts::Drafting;
use crate::error::Result;
use crate::meeting::{AttendanceStatus, Meeting, MeetingKind, ReviewGrade};
use crate::store::Store;

/// A title that begins with the branch's name, marked where it may break so that the name is
/// never split: 中共××支部委员会 | 关于召开2025年度 | 组织生活会情况的报告.
fn branch_title(branch: &str, rest: &str) -> String {
    let b = zhibu_typeset::linebreak::TITLE_BREAK;
    format!(
        "{branch}{b}{}",
        rest.replacen("年度", &format!("年度{b}"), 1)
    )
}

/// The non-empty lines of a record's text, each a paragraph of its own.
fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
}

/// "应到党员12名，实到11名，请假1名（王某：出差）" for a record's attendance.
fn attendance_sentence(m: &Meeting) -> String {
    let c = &m.summary.counts;
    let mut s = format!("应到党员{}名，实到{}名", c.expected, c.present);
    let excused: Vec<String> = m
        .attendance
        .iter()
        .filter(|a| a.status == AttendanceStatus::Excused)
        .map(|a| {
            if a.reason.trim().is_empty() {
                a.name.clone()
            } else {
                format!("{}：{}", a.name, a.reason.trim())
            }
        })
        .collect();
    if !excused.is_empty() {
        s.push_str(&format!(
            "，请假{}名（{}）",
            excused.len(),
            excused.join("；")
        ));
    }
    if c.absent > 0 {
        s.push_str(&format!("，缺席{}名", c.absent));
    }
    if c.observers > 0 {
        s.push_str(&format!("，列席{}名", c.observers));
    }
    s
}

impl Store {
    /// The year's records of one kind (or held together with it), in full, oldest first.
    fn records_of(&self, year: i32, kind: MeetingKind) -> Result<Vec<Meeting>> {
        let mut list: Vec<_> = self
            .meetings(year)?
            .into_iter()
            .filter(|m| m.kind == kind || m.also_kind == Some(kind))
            .collect();
        list.sort_by_key(|m| (m.date, m.time.clone()));
        list.iter().map(|m| self.meeting(m.id)).collect()
    }

    /// 关于召开组织生活会情况的报告.
    pub(crate) fn life_meeting_drafting<'a>(
        &self,
        year: i32,
        today: NaiveDate,
        edits: &'a HashMap<String, String>,
    ) -> Result<Drafting<'a>> {
        let branch = self.branch()?;
        let mut d = Drafting::new(Document::new(Orientation::Portrait), edits);
        d.doc.push(Block::Title(branch_title(
            &branch.name,
            &format!("关于召开{year}年度组织生活会情况的报告"),
        )));
        d.doc.push(Block::Line {
            text: format!("{}：", branch.superior_name()),
            align: Align::Left,
        });
        let meetings = self.records_of(year, MeetingKind::LifeMeeting)?;
        if meetings.is_empty() {
            d.para(
                "none".into(),
                format!("{year}年，本支部尚未召开组织生活会。"),
            );
        }
        let talks = self.talks(year)?;
        for m in &meetings {
            let date = m.summary.date;
            let mut open = format!("{}，本支部召开{year}年度组织生活会", format_cn(date));
            if !m.host.trim().is_empty() {
                open.push_str(&format!("，会议由{}主持", m.host.trim()));
            }
            open.push_str(&format!("。{}。", attendance_sentence(m)));
            if !m.summary.topics.trim().is_empty() {
                open.push_str(&format!(
                    "会议主题：{}。",
                    m.summary.topics.trim().trim_end_matches('。')
                ));
            }
            let id = m.summary.id;
            d.para(format!("open-{id}"), open);
            // The talks of the month before: 会前谈心谈话.
            let before = talks
                .iter()
                .filter(|t| t.date <= date && (date - t.date).num_days() <= 31)
                .count();
            if before > 0 {
                d.doc.push(Block::Heading {
                    level: 1,
                    text: "会前准备".into(),
                });
                d.para(
                    format!("prep-{id}"),
                    format!("会前一个月内，支部委员之间、支部委员和党员之间、党员和党员之间开展谈心谈话{before}人次，交流思想，查找问题。"),
                );
            }
            if !m.content.trim().is_empty() {
                d.doc.push(Block::Heading {
                    level: 1,
                    text: "会议情况".into(),
                });
                for (i, t) in lines(&m.content).enumerate() {
                    d.para(format!("content-{id}-{i}"), t);
                }
            }
            if !m.resolutions.trim().is_empty() {
                d.doc.push(Block::Heading {
                    level: 1,
                    text: "会议决定和整改措施".into(),
                });
                for (i, t) in lines(&m.resolutions).enumerate() {
                    d.para(format!("decision-{id}-{i}"), t);
                }
            }
            if !m.grades.is_empty() {
                d.para(
                    format!("grades-{id}"),
                    format!(
                        "会上开展了民主评议党员，{}。具体情况另行报告。",
                        grade_counts(m)
                    ),
                );
            }
        }
        d.doc.push(Block::Signoff {
            name: branch.name.clone(),
            date: format_cn(today),
        });
        Ok(d)
    }

    /// 民主评议党员情况, with the 结果汇总表.
    pub(crate) fn member_review_drafting<'a>(
        &self,
        year: i32,
        today: NaiveDate,
        edits: &'a HashMap<String, String>,
    ) -> Result<Drafting<'a>> {
        let branch = self.branch()?;
        let mut d = Drafting::new(Document::new(Orientation::Portrait), edits);
        d.doc.push(Block::Title(branch_title(
            &branch.name,
            &format!("{year}年度民主评议党员情况"),
        )));
        let meetings: Vec<Meeting> = self
            .records_of(year, MeetingKind::MemberReview)?
            .into_iter()
            .chain(
                // A 组织生活会 that graded members was a review too.
                self.records_of(year, MeetingKind::LifeMeeting)?
                    .into_iter()
                    .filter(|m| {
                        !m.grades.is_empty()
                            && m.summary.kind != MeetingKind::MemberReview
                            && m.summary.also_kind != Some(MeetingKind::MemberReview)
                    }),
            )
            .collect();
        if meetings.is_empty() {
            d.para(
                "none".into(),
                format!("{year}年，本支部尚未开展民主评议党员。"),
            );
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        for m in &meetings {
            let mut p = format!(
                "{}，支部召开会议开展民主评议党员，{}。",
                format_cn(m.summary.date),
                attendance_sentence(m)
            );
            if m.grades.is_empty() {
                p.push_str("评议结果尚未录入。");
            } else {
                p.push_str(&format!(
                    "经个人自评、党员互评和民主测评，参加评议的党员{}名，{}。",
                    m.grades.len(),
                    grade_counts(m)
                ));
            }
            let id = m.summary.id;
            d.para(format!("review-{id}"), p);
            for f in &m.followups {
                let mut s = format!("对{}，支部决定{}", f.name, f.action.label());
                if let Some(due) = f.due.as_deref().and_then(crate::dates::parse) {
                    s.push_str(&format!("（{}）", format_cn(due)));
                }
                match f.done_on.as_deref().and_then(crate::dates::parse) {
                    Some(done) => s.push_str(&format!("，已于{}办结。", format_cn(done))),
                    None => s.push('。'),
                }
                d.para(format!("followup-{id}-{}", f.member_id), s);
            }
            for g in &m.grades {
                let action = m
                    .followups
                    .iter()
                    .find(|f| f.member_id == g.member_id)
                    .map(|f| f.action.label().to_string())
                    .unwrap_or_default();
                rows.push(vec![
                    (rows.len() + 1).to_string(),
                    g.name.clone(),
                    g.grade.label().to_string(),
                    action,
                ]);
            }
        }
        if !rows.is_empty() {
            d.doc.push(Block::Line {
                text: "民主评议党员结果汇总表".into(),
                align: Align::Center,
            });
            d.doc.push(Block::Table(Table {
                columns: vec![
                    col("序号", 0.8, Align::Center),
                    col("姓名", 1.6, Align::Center),
                    col("评议等次", 1.6, Align::Center),
                    col("处理情况", 2.4, Align::Left),
                ],
                rows,
            }));
        }
        d.doc.push(Block::Signoff {
            name: branch.name.clone(),
            date: format_cn(today),
        });
        Ok(d)
    }
}

/// "评为优秀2名、合格9名" — grades with their counts, those with none left out.
fn grade_counts(m: &Meeting) -> String {
    let parts: Vec<String> = ReviewGrade::ALL
        .iter()
        .filter_map(|g| {
            let n = m.grades.iter().filter(|x| x.grade == *g).count();
            (n > 0).then(|| format!("{}{n}名", g.label()))
        })
        .collect();
    format!("评为{}", parts.join("、"))
}
