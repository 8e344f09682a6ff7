//! Organizational life (组织生活): meeting records of every kind with attendance per person,
//! member review grades and heart-to-heart talk pairs. Who was expected at a meeting comes
//! from the roster as it stood on the meeting's date.
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates;
use crate::error::{Error, Result};
use crate::member::{Category, Member};
use crate::store::Store;

mod attachments;
mod write;

pub use attachments::AttachmentInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeetingKind {
    GeneralMeeting,
    CommitteeMeeting,
    GroupMeeting,
    PartyLecture,
    ThemeDay,
    LifeMeeting,
    MemberReview,
    HeartTalk,
    Other,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 9] = [
        Self::GeneralMeeting,
        Self::CommitteeMeeting,
        Self::GroupMeeting,
        Self::PartyLecture,
        Self::ThemeDay,
        Self::LifeMeeting,
        Self::MemberReview,
        Self::HeartTalk,
        Self::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::GeneralMeeting => "general_meeting",
            Self::CommitteeMeeting => "committee_meeting",
            Self::GroupMeeting => "group_meeting",
            Self::PartyLecture => "party_lecture",
            Self::ThemeDay => "theme_day",
            Self::LifeMeeting => "life_meeting",
            Self::MemberReview => "member_review",
            Self::HeartTalk => "heart_talk",
            Self::Other => "other",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::GeneralMeeting => "支部党员大会",
            Self::CommitteeMeeting => "支委会",
            Self::GroupMeeting => "党小组会",
            Self::PartyLecture => "党课",
            Self::ThemeDay => "主题党日",
            Self::LifeMeeting => "组织生活会",
            Self::MemberReview => "民主评议党员",
            Self::HeartTalk => "谈心谈话",
            Self::Other => "其他",
        }
    }
    pub fn parse(s: &str) -> Option<MeetingKind> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s || k.label() == s)
    }
    /// Kinds one record may count for together, as the rules allow.
    pub fn combines_with(self, other: MeetingKind) -> bool {
        use MeetingKind::*;
        let pair = |a, b| (self == a && other == b) || (self == b && other == a);
        pair(ThemeDay, GeneralMeeting)
            || pair(ThemeDay, PartyLecture)
            || pair(LifeMeeting, MemberReview)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttendanceStatus {
    /// 出席
    Present,
    /// 请假
    Excused,
    /// 缺席
    Absent,
    /// 列席: present without being a member of the meeting (non-members too).
    Observer,
}

impl AttendanceStatus {
    pub const ALL: [AttendanceStatus; 4] =
        [Self::Present, Self::Excused, Self::Absent, Self::Observer];
    pub fn label(self) -> &'static str {
        match self {
            Self::Present => "出席",
            Self::Excused => "请假",
            Self::Absent => "缺席",
            Self::Observer => "列席",
        }
    }
    fn code(self) -> &'static str {
        match self {
            Self::Present => "present",
            Self::Excused => "excused",
            Self::Absent => "absent",
            Self::Observer => "observer",
        }
    }
    fn from_code(s: &str) -> Self {
        match s {
            "present" => Self::Present,
            "excused" => Self::Excused,
            "observer" => Self::Observer,
            _ => Self::Absent,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReviewGrade {
    Excellent,
    Qualified,
    BasicallyQualified,
    Unqualified,
}

impl ReviewGrade {
    pub const ALL: [ReviewGrade; 4] = [
        Self::Excellent,
        Self::Qualified,
        Self::BasicallyQualified,
        Self::Unqualified,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Excellent => "优秀",
            Self::Qualified => "合格",
            Self::BasicallyQualified => "基本合格",
            Self::Unqualified => "不合格",
        }
    }
    fn code(self) -> &'static str {
        match self {
            Self::Excellent => "excellent",
            Self::Qualified => "qualified",
            Self::BasicallyQualified => "basically_qualified",
            Self::Unqualified => "unqualified",
        }
    }
    fn from_code(s: &str) -> Self {
        match s {
            "excellent" => Self::Excellent,
            "basically_qualified" => Self::BasicallyQualified,
            "unqualified" => Self::Unqualified,
            _ => Self::Qualified,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceEntry {
    /// A person of the roster; none for a guest (a non-member observer).
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
    /// The roster name, or the guest's name.
    #[serde(default)]
    pub name: String,
    pub status: AttendanceStatus,
    /// Why someone was excused.
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GradeEntry {
    #[ts(type = "number")]
    pub member_id: i64,
    #[serde(default)]
    pub name: String,
    pub grade: ReviewGrade,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkPair {
    #[ts(type = "number")]
    pub a: i64,
    #[ts(type = "number")]
    pub b: i64,
    #[serde(default)]
    pub a_name: String,
    #[serde(default)]
    pub b_name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AttendanceCounts {
    /// People expected (present + excused + absent).
    pub expected: u32,
    pub present: u32,
    pub excused: u32,
    pub absent: u32,
    pub observers: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MeetingSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: MeetingKind,
    pub also_kind: Option<MeetingKind>,
    /// 第N次: its place among this year's records of the same kind.
    pub number: u32,
    pub date: NaiveDate,
    pub time: String,
    pub topics: String,
    pub counts: AttendanceCounts,
    /// For a 党员大会: false when no more than half of the voting (full) members attended.
    pub quorum_ok: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Meeting {
    pub summary: MeetingSummary,
    pub place: String,
    pub host: String,
    pub recorder: String,
    pub content: String,
    pub resolutions: String,
    #[ts(type = "number | null")]
    pub group_id: Option<i64>,
    pub attendance: Vec<AttendanceEntry>,
    pub grades: Vec<GradeEntry>,
    pub talks: Vec<TalkPair>,
    pub attachments: Vec<AttachmentInfo>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct MeetingInput {
    pub kind: Option<MeetingKind>,
    pub also_kind: Option<MeetingKind>,
    pub date: String,
    pub time: String,
    pub place: String,
    pub host: String,
    pub recorder: String,
    pub topics: String,
    pub content: String,
    pub resolutions: String,
    #[ts(type = "number | null")]
    pub group_id: Option<i64>,
    pub attendance: Vec<AttendanceEntry>,
    pub grades: Vec<GradeEntry>,
    pub talks: Vec<TalkPair>,
}

/// A full (voting) member on `date`.
fn full_member_on(m: &Member, date: NaiveDate) -> bool {
    m.category == Category::Full && m.full_date.is_some_and(|f| f <= date)
}

impl Store {
    /// Who a new record of `kind` on `date` lists, all marked present: the committee for a
    /// 支委会, the group's members for a 党小组会, every member otherwise.
    pub fn expected_attendance(
        &self,
        kind: MeetingKind,
        date: NaiveDate,
        group_id: Option<i64>,
    ) -> Result<Vec<AttendanceEntry>> {
        let members = self.members_on(date)?;
        let committee: Vec<i64> = self
            .branch()?
            .committee
            .iter()
            .map(|s| s.member_id)
            .collect();
        let groups = self.group_of_members()?;
        Ok(members
            .into_iter()
            .filter(|m| match kind {
                MeetingKind::CommitteeMeeting => committee.contains(&m.id),
                MeetingKind::GroupMeeting => {
                    group_id.is_none() || groups.get(&m.id) == group_id.as_ref()
                }
                _ => true,
            })
            .map(|m| AttendanceEntry {
                member_id: Some(m.id),
                name: m.name,
                status: AttendanceStatus::Present,
                reason: String::new(),
            })
            .collect())
    }

    fn group_of_members(&self) -> Result<HashMap<i64, i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, group_id FROM member WHERE group_id IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The records of one year, oldest first, each with its number within its kind.
    pub fn meetings(&self, year: i32) -> Result<Vec<MeetingSummary>> {
        let mut all = self.meeting_summaries(&format!("{year}-01-01"), &format!("{year}-12-31"))?;
        all.sort_by(|a, b| (a.date, &a.time, a.id).cmp(&(b.date, &b.time, b.id)));
        let mut seen: HashMap<MeetingKind, u32> = HashMap::new();
        for m in &mut all {
            let n = seen.entry(m.kind).or_default();
            *n += 1;
            m.number = *n;
        }
        Ok(all)
    }

    /// 第N次 of one record: how many of its kind came before it in its year, itself included.
    pub(crate) fn number_in_year(&self, s: &MeetingSummary) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM meeting WHERE date BETWEEN ?1 AND ?2 AND kind = ?3
                AND (date, time, id) <= (?2, ?4, ?5)",
            params![
                format!("{}-01-01", s.date.format("%Y")),
                s.date.to_string(),
                s.kind.code(),
                s.time,
                s.id
            ],
            |r| r.get(0),
        )?)
    }

    /// Kind, second kind and date of the records in a date range: all the calendar needs.
    pub(crate) fn meeting_dates(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(MeetingKind, Option<MeetingKind>, NaiveDate)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT kind, also_kind, date FROM meeting WHERE date BETWEEN ?1 AND ?2")?;
        let rows = stmt.query_map([from.to_string(), to.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut list = Vec::new();
        for row in rows {
            let (k, a, d) = row?;
            if let (Some(k), Some(d)) = (MeetingKind::parse(&k), dates::parse(&d)) {
                list.push((k, a.and_then(|a| MeetingKind::parse(&a)), d));
            }
        }
        Ok(list)
    }

    pub(crate) fn meeting_summaries(&self, from: &str, to: &str) -> Result<Vec<MeetingSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT m.id, m.kind, m.also_kind, m.date, m.time, m.topics, 0,
                SUM(a.status = 'present'), SUM(a.status = 'excused'), SUM(a.status = 'absent'),
                SUM(a.status = 'observer')
             FROM meeting m LEFT JOIN attendance a ON a.meeting_id = m.id
             WHERE m.date BETWEEN ?1 AND ?2
             GROUP BY m.id",
        )?;
        let rows = stmt.query_map([from, to], |r| {
            let n = |i: usize| -> rusqlite::Result<u32> {
                Ok(r.get::<_, Option<u32>>(i)?.unwrap_or(0))
            };
            let (present, excused, absent) = (n(7)?, n(8)?, n(9)?);
            Ok(MeetingSummary {
                id: r.get(0)?,
                kind: MeetingKind::parse(&r.get::<_, String>(1)?).unwrap_or(MeetingKind::Other),
                also_kind: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|s| MeetingKind::parse(&s)),
                date: dates::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
                time: r.get(4)?,
                topics: r.get(5)?,
                number: r.get(6)?,
                counts: AttendanceCounts {
                    expected: present + excused + absent,
                    present,
                    excused,
                    absent,
                    observers: n(10)?,
                },
                quorum_ok: None,
            })
        })?;
        let mut list = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        self.fill_quorum(&mut list)?;
        Ok(list)
    }

    /// A 党员大会 needs more than half of its voting (full) members present.
    fn fill_quorum(&self, list: &mut [MeetingSummary]) -> Result<()> {
        let general: Vec<i64> = list
            .iter()
            .filter(|m| {
                m.kind == MeetingKind::GeneralMeeting
                    || m.also_kind == Some(MeetingKind::GeneralMeeting)
            })
            .map(|m| m.id)
            .collect();
        if general.is_empty() {
            return Ok(());
        }
        let all: HashMap<i64, Member> =
            self.all_members()?.into_iter().map(|m| (m.id, m)).collect();
        let mut stmt = self.conn.prepare("SELECT member_id, status FROM attendance WHERE meeting_id = ?1 AND member_id IS NOT NULL")?;
        for m in list.iter_mut().filter(|m| general.contains(&m.id)) {
            let (mut voting, mut present) = (0u32, 0u32);
            let rows = stmt.query_map([m.id], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (mid, status) = row?;
                if status != "observer" && all.get(&mid).is_some_and(|p| full_member_on(p, m.date))
                {
                    voting += 1;
                    if status == "present" {
                        present += 1;
                    }
                }
            }
            m.quorum_ok = Some(present * 2 > voting);
        }
        Ok(())
    }

    pub fn meeting(&self, id: i64) -> Result<Meeting> {
        let row = self
            .conn
            .query_row(
                "SELECT date, place, host, recorder, content, resolutions, group_id FROM meeting WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<i64>>(6)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| Error::not_found("这条会议记录"))?;
        let (date, place, host, recorder, content, resolutions, group_id) = row;
        let mut summary = self
            .meeting_summaries(&date, &date)?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::not_found("这条会议记录"))?;
        summary.number = self.number_in_year(&summary)?;
        let mut stmt = self.conn.prepare(
            "SELECT a.member_id, COALESCE(m.name, a.guest_name), a.status, a.reason
             FROM attendance a LEFT JOIN member m ON m.id = a.member_id WHERE a.meeting_id = ?1 ORDER BY a.id",
        )?;
        let mut attendance = stmt
            .query_map([id], |r| {
                Ok(AttendanceEntry {
                    member_id: r.get(0)?,
                    name: r.get(1)?,
                    status: AttendanceStatus::from_code(&r.get::<_, String>(2)?),
                    reason: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        attendance.sort_by(|a, b| crate::strokes::compare_names(&a.name, &b.name));
        let mut stmt = self.conn.prepare(
            "SELECT g.member_id, m.name, g.grade FROM review_grade g JOIN member m ON m.id = g.member_id WHERE g.meeting_id = ?1",
        )?;
        let grades = stmt
            .query_map([id], |r| {
                Ok(GradeEntry {
                    member_id: r.get(0)?,
                    name: r.get(1)?,
                    grade: ReviewGrade::from_code(&r.get::<_, String>(2)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT t.a_member_id, t.b_member_id, a.name, b.name FROM talk_pair t
             JOIN member a ON a.id = t.a_member_id JOIN member b ON b.id = t.b_member_id WHERE t.meeting_id = ?1",
        )?;
        let talks = stmt
            .query_map([id], |r| {
                Ok(TalkPair {
                    a: r.get(0)?,
                    b: r.get(1)?,
                    a_name: r.get(2)?,
                    b_name: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Meeting {
            summary,
            place,
            host,
            recorder,
            content,
            resolutions,
            group_id,
            attendance,
            grades,
            talks,
            attachments: self.attachments(id)?,
        })
    }

    /// The years that have records, newest first (for the year picker).
    pub fn meeting_years(&self) -> Result<Vec<i32>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM meeting ORDER BY 1 DESC",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
