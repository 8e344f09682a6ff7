//! What goes into the yearly package, as the page 报送上级 lists it before writing: each part
//! with what it holds and what the committee will notice missing (the report not final, no
//! 组织生活会 in the year, the 六有 never checked, dues in arrears), and the printout to look
//! at first.
use chrono::{Datelike, NaiveDate};
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use crate::drafts::DraftKind;
use crate::error::Result;
use crate::meeting::MeetingKind;
use crate::print::PrintRequest;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PackagePart {
    pub label: String,
    /// What it holds: "4次组织生活会…", "共26人".
    pub detail: String,
    /// What the committee would notice; empty when nothing.
    pub warning: String,
    /// The printout to preview, for the parts that are one.
    pub print: Option<PrintRequest>,
    /// A report drafted from the records that may be reworded first.
    pub draft: Option<DraftKind>,
}

fn part(label: &str, detail: String, warning: String, print: Option<PrintRequest>) -> PackagePart {
    PackagePart {
        label: label.into(),
        detail,
        warning,
        print,
        draft: None,
    }
}

impl Store {
    /// Whether any record of the year graded members (民主评议 held at a 组织生活会).
    fn has_grades_in(&self, year: i32) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM review_grade g JOIN meeting m ON m.id = g.meeting_id
             WHERE m.date BETWEEN ?1 AND ?2)",
            [format!("{year}-01-01"), format!("{year}-12-31")],
            |r| r.get(0),
        )?)
    }

    /// The parts of the year's package, in the package's order.
    pub fn package_parts(&self, year: i32, today: NaiveDate) -> Result<Vec<PackagePart>> {
        let mut parts = Vec::new();
        let report: Option<bool> = self
            .conn
            .query_row("SELECT final FROM report WHERE year = ?1", [year], |r| {
                r.get(0)
            })
            .optional()?;
        parts.push(part(
            "述职报告（PDF和Word）",
            format!("{year}年度书记抓基层党建工作述职报告"),
            match report {
                Some(true) => String::new(),
                Some(false) => "述职报告尚未定稿：请在“述职报告”页核对后定稿".into(),
                None => "还没有打开过本年度的述职报告：材料包里是按记录自动起草的稿子，请先在“述职报告”页核对".into(),
            },
            Some(PrintRequest::Report { year }),
        ));
        let roster = self.all_members()?;
        let active = roster
            .iter()
            .filter(|m| m.status == crate::member::MemberStatus::Active)
            .count();
        parts.push(part(
            "党员花名册（Excel和PDF）",
            format!("共{active}人"),
            if active == 0 {
                "名册里还没有人".into()
            } else {
                String::new()
            },
            Some(PrintRequest::Roster),
        ));
        parts.push(part(
            "发展党员工作情况",
            "在培养发展中的人和本年记录的发展步骤".into(),
            String::new(),
            Some(PrintRequest::Development { year }),
        ));
        let dues = self.dues_year(year, today)?;
        let owing = dues.rows.iter().filter(|r| r.unpaid_months > 0).count();
        parts.push(part(
            "党费收缴登记表（Excel和PDF）",
            format!(
                "应缴{:.2}元，实缴{:.2}元",
                dues.due_fen as f64 / 100.0,
                dues.paid_fen as f64 / 100.0
            ),
            if owing > 0 {
                format!("有{owing}人欠缴党费")
            } else {
                String::new()
            },
            Some(PrintRequest::Dues { year }),
        ));
        let meetings = self.meetings(year)?;
        let held = |k: MeetingKind| {
            meetings
                .iter()
                .filter(|m| m.kind == k || m.also_kind == Some(k))
                .count()
        };
        let life = held(MeetingKind::LifeMeeting);
        parts.push(part(
            "组织生活记录（一览表和每次的记录）",
            format!(
                "共{}次：支部党员大会{}次、党课{}次、主题党日{}次、组织生活会{}次",
                meetings.len(),
                held(MeetingKind::GeneralMeeting),
                held(MeetingKind::PartyLecture),
                held(MeetingKind::ThemeDay),
                life
            ),
            if life == 0 {
                format!("{year}年还没有召开组织生活会")
            } else {
                String::new()
            },
            Some(PrintRequest::Meetings { year }),
        ));
        parts.push(part(
            "组织生活会情况报告",
            format!("按{year}年组织生活会的记录起草"),
            String::new(),
            Some(PrintRequest::LifeMeetingReport { year }),
        ));
        if let Some(p) = parts.last_mut() {
            p.draft = Some(DraftKind::LifeMeeting);
        }
        let reviewed = held(MeetingKind::MemberReview) > 0 || self.has_grades_in(year)?;
        parts.push(part(
            "民主评议党员情况（含结果汇总表）",
            "按评议记录起草，附每名党员的评议等次".into(),
            if reviewed {
                String::new()
            } else {
                format!("{year}年还没有开展民主评议党员")
            },
            Some(PrintRequest::MemberReviewReport { year }),
        ));
        if let Some(p) = parts.last_mut() {
            p.draft = Some(DraftKind::MemberReview);
        }
        let last_check = self
            .venues()?
            .iter()
            .flat_map(|v| v.checks.iter().map(|c| c.date))
            .max();
        parts.push(part(
            "六有阵地检查表",
            match last_check {
                Some(d) => format!("最近一次检查：{}", crate::dates::format_cn(d)),
                None => "空白检查表".into(),
            },
            match last_check {
                None => "还没有检查过六有阵地：将附空白检查表".into(),
                Some(d) if d.year() < year => format!("{year}年没有检查六有阵地"),
                Some(_) => String::new(),
            },
            Some(PrintRequest::Venue { venue_id: None }),
        ));
        let stats = self.statistics(year, today)?;
        parts.push(part(
            "党内统计表（Excel和PDF）",
            format!(
                "截至{}，党员总数{}名",
                crate::dates::format_cn(stats.as_of),
                stats.members
            ),
            String::new(),
            Some(PrintRequest::Statistics { year }),
        ));
        parts.push(part(
            "数据备份",
            "全部记录，上级党组织可用本程序恢复查看".into(),
            String::new(),
            None,
        ));
        Ok(parts)
    }
}
