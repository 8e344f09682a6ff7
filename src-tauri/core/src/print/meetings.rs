//! 会议记录: one meeting's record, and the year's meetings as one table.
use zhibu_typeset::{Align, Block, Document, Orientation, Table};

use super::{col, kind_label, record_title};
use crate::dates;
use crate::error::Result;
use crate::meeting::AttendanceStatus;
use crate::store::Store;

impl Store {
    /// 会议记录 of one meeting, with its attendance and the signature lines.
    pub fn meeting_document(&self, id: i64) -> Result<Document> {
        let m = self.meeting(id)?;
        let branch = self.branch()?;
        let s = &m.summary;
        let names = |status: AttendanceStatus| -> String {
            let list: Vec<String> = m
                .attendance
                .iter()
                .filter(|a| a.status == status)
                .map(|a| {
                    if a.reason.is_empty() {
                        a.name.clone()
                    } else {
                        format!("{}（{}）", a.name, a.reason)
                    }
                })
                .collect();
            if list.is_empty() {
                "无".into()
            } else {
                list.join("、")
            }
        };
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Title(record_title(s.kind, s.also_kind)));
        d.push(Block::Subtitle(format!(
            "{}　{}年第{}次",
            branch.name,
            s.date.format("%Y"),
            s.number
        )));
        let field = |label: &str, value: &str| Block::Line {
            text: format!("{label}：{value}"),
            align: Align::Left,
        };
        let time = if s.time.is_empty() {
            dates::format_cn(s.date)
        } else {
            format!("{} {}", dates::format_cn(s.date), s.time)
        };
        d.push(field("时　　间", &time));
        d.push(field("地　　点", &m.place));
        // Three-character labels take the four cells of "时　　间" with two half-width (en)
        // spaces, so every value starts at the same place.
        d.push(field("主\u{2002}持\u{2002}人", &m.host));
        d.push(field("记\u{2002}录\u{2002}人", &m.recorder));
        let c = &s.counts;
        d.push(field(
            "到会情况",
            &format!(
                "应到{}人，实到{}人，请假{}人，缺席{}人",
                c.expected, c.present, c.excused, c.absent
            ),
        ));
        d.push(field("出席人员", &names(AttendanceStatus::Present)));
        d.push(field("请假人员", &names(AttendanceStatus::Excused)));
        d.push(field("缺席人员", &names(AttendanceStatus::Absent)));
        d.push(field("列席人员", &names(AttendanceStatus::Observer)));
        if s.quorum_ok == Some(false) {
            // 支部工作条例第十条: the meeting may be held, but no vote taken.
            d.push(field(
                "说　　明",
                if s.kind == crate::meeting::MeetingKind::CommitteeMeeting {
                    "到会支委未超过半数，不得作出决定"
                } else {
                    "到会有表决权的党员不足应到会人数的半数，不得进行表决"
                },
            ));
        }
        if !m.lecturer.is_empty() {
            d.push(field("授\u{2002}课\u{2002}人", &m.lecturer));
        }
        if let Some(h) = s.hours {
            d.push(field("学　　时", &format!("{h}学时")));
        }
        d.push(field("议　　题", &s.topics));
        // A labelled block of free text, one paragraph per line typed.
        let mut text_block = |label: &str, text: &str| {
            d.push(Block::Line {
                text: format!("{label}："),
                align: Align::Left,
            });
            for para in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
                d.push(Block::Paragraph(para.into()));
            }
        };
        text_block("会议内容", &m.content);
        if !m.resolutions.is_empty() {
            text_block("决　　议", &m.resolutions);
        }
        if !m.grades.is_empty() {
            let by = |g: crate::meeting::ReviewGrade| {
                m.grades
                    .iter()
                    .filter(|x| x.grade == g)
                    .map(|x| x.name.clone())
                    .collect::<Vec<_>>()
                    .join("、")
            };
            use crate::meeting::ReviewGrade::*;
            d.push(field(
                "评议结果",
                &format!("优秀：{}；合格：{}", by(Excellent), by(Qualified)),
            ));
            for (label, g) in [
                ("基本合格", BasicallyQualified),
                ("不\u{2002}合\u{2002}格", Unqualified),
            ] {
                let who = by(g);
                if !who.is_empty() {
                    d.push(field(label, &who));
                }
            }
        }
        d.push(Block::Signatures(vec![
            "主持人（签字）：".into(),
            "记录人（签字）：".into(),
        ]));
        Ok(d)
    }

    /// The year's organizational life as one table.
    pub fn meetings_document(&self, year: i32) -> Result<Document> {
        let branch = self.branch()?;
        let list = self.meetings(year)?;
        let mut d = Document::new(Orientation::Landscape);
        d.push(Block::Title(format!("{year}年度组织生活开展情况一览表")));
        d.push(Block::Line {
            text: format!("党组织名称：{}　　　　共{}次", branch.name, list.len()),
            align: Align::Left,
        });
        let columns = vec![
            col("序号", 0.7, Align::Center),
            col("日期", 1.5, Align::Center),
            col("类型", 2.4, Align::Center),
            col("议题", 4.5, Align::Left),
            col("应到", 0.8, Align::Center),
            col("出席", 0.8, Align::Center),
            col("请假", 0.8, Align::Center),
            col("缺席", 0.8, Align::Center),
            col("备注", 1.6, Align::Left),
        ];
        let rows = list
            .iter()
            .enumerate()
            .map(|(i, m)| {
                vec![
                    (i + 1).to_string(),
                    dates::format_cn(m.date),
                    format!("{}（第{}次）", kind_label(m.kind, m.also_kind), m.number),
                    m.topics.clone(),
                    m.counts.expected.to_string(),
                    m.counts.present.to_string(),
                    m.counts.excused.to_string(),
                    m.counts.absent.to_string(),
                    if m.quorum_ok == Some(false) {
                        "未过半数".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        d.push(Block::Table(Table { columns, rows }));
        Ok(d)
    }
}
