//! Organizational life (组织生活): meeting records of every kind with attendance per person
//! and member review grades (谈心谈话 are talks by pairs, in `talk`). Who was expected at a meeting comes
//! from the roster as it stood on the meeting's date.
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates;
use crate::error::{Error, Result};
use crate::member::Member;
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
    Other,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 8] = [
        Self::GeneralMeeting,
        Self::CommitteeMeeting,
        Self::GroupMeeting,
        Self::PartyLecture,
        Self::ThemeDay,
        Self::LifeMeeting,
        Self::MemberReview,
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

/// What follows a 不合格 grade (《关于建立民主评议党员制度的意见》): 限期改正, 劝其退党, 除名.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FollowupAction {
    Correct,
    Persuade,
    Remove,
}

impl FollowupAction {
    pub const ALL: [FollowupAction; 3] = [Self::Correct, Self::Persuade, Self::Remove];
    pub fn label(self) -> &'static str {
        match self {
            Self::Correct => "限期改正",
            Self::Persuade => "劝其退党",
            Self::Remove => "除名",
        }
    }
    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::Correct => "correct",
            Self::Persuade => "persuade",
            Self::Remove => "remove",
        }
    }
    pub(crate) fn from_code(s: &str) -> Self {
        match s {
            "persuade" => Self::Persuade,
            "remove" => Self::Remove,
            _ => Self::Correct,
        }
    }
}

/// The follow-up of one member graded 不合格, as stored and as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct Followup {
    #[ts(type = "number")]
    pub member_id: i64,
    #[serde(default)]
    pub name: String,
    pub action: FollowupAction,
    /// The deadline of 限期改正, or the day of the decision.
    #[serde(default)]
    pub due: Option<String>,
    /// The day it was settled (corrected, left, removed).
    #[serde(default)]
    pub done_on: Option<String>,
    #[serde(default)]
    pub note: String,
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
    /// For a 党员大会: false when no more than half of the voting (full) members whose
    /// 组织关系 is here attended; for a 支委会, no more than half of the committee.
    pub quorum_ok: Option<bool>,
    /// Whether the record is organizational life: every kind but `other`, and an `other`
    /// record marked so. Only these count for the six-month rule.
    pub counts_as_life: bool,
    /// 学时 credited to each member present.
    pub hours: Option<u16>,
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
    /// What follows each 不合格 grade.
    pub followups: Vec<Followup>,
    pub attachments: Vec<AttachmentInfo>,
    /// Who gave the 党课: a person of the roster, or a guest by name.
    #[ts(type = "number | null")]
    pub lecturer_id: Option<i64>,
    pub lecturer: String,
    /// The year's 主题教育 / 学习教育 the record belongs to.
    pub theme: String,
    /// What the secretary should know but may keep (a local rule exceeded).
    pub warnings: Vec<String>,
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
    pub followups: Vec<Followup>,
    /// For an `other` record: it was organizational life (a study session), not a 文体活动
    /// or a business meeting.
    pub counts_as_life: bool,
    #[ts(type = "number | null")]
    pub lecturer_id: Option<i64>,
    pub lecturer: String,
    pub hours: Option<u16>,
    pub theme: String,
}

/// SQL over a `meeting m`: the record is organizational life — every kind but `other`, and an
/// `other` record marked so. The six-month rule, participation and the calendar's counts use it.
pub(crate) const IS_LIFE: &str = "(m.kind <> 'other' OR m.counts_as_life)";

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
        self.summaries_where("m.date BETWEEN ?1 AND ?2", &[&from, &to])
    }

    /// The summary of one record, without its day's other records (a large organization's
    /// groups meet on the same days: reading a whole day per record made printing a year's
    /// records quadratic).
    fn meeting_summary(&self, id: i64) -> Result<MeetingSummary> {
        self.summaries_where("m.id = ?1", &[&id])?
            .into_iter()
            .next()
            .ok_or_else(|| Error::not_found("这条会议记录"))
    }

    fn summaries_where(
        &self,
        condition: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<MeetingSummary>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT m.id, m.kind, m.also_kind, m.date, m.time, m.topics, 0,
                SUM(a.status = 'present'), SUM(a.status = 'excused'), SUM(a.status = 'absent'),
                SUM(a.status = 'observer'), {IS_LIFE}, m.hours
             FROM meeting m LEFT JOIN attendance a ON a.meeting_id = m.id
             WHERE {condition}
             GROUP BY m.id"
        ))?;
        let rows = stmt.query_map(args, |r| {
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
                counts_as_life: r.get(11)?,
                hours: r.get::<_, Option<f64>>(12)?.map(|h| h as u16),
            })
        })?;
        let mut list = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        self.fill_quorum(&mut list)?;
        Ok(list)
    }

    /// A 党员大会 needs more than half of its voting members present: full members whose
    /// 组织关系 is here (支部工作条例第十条：“有表决权的到会人数必须超过应到会人数的半数”). A
    /// 支委会 needs more than half of the committee (those it lists).
    fn fill_quorum(&self, list: &mut [MeetingSummary]) -> Result<()> {
        for m in list
            .iter_mut()
            .filter(|m| m.kind == MeetingKind::CommitteeMeeting)
        {
            m.quorum_ok = Some(m.counts.present * 2 > m.counts.expected);
        }
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
                if status != "observer" && all.get(&mid).is_some_and(|p| p.votes_here_on(m.date)) {
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
                "SELECT place, host, recorder, content, resolutions, group_id, lecturer_id,
                    lecturer, theme FROM meeting WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        (
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, Option<i64>>(5)?,
                        ),
                        (
                            r.get::<_, Option<i64>>(6)?,
                            r.get::<_, String>(7)?,
                            r.get::<_, String>(8)?,
                        ),
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| Error::not_found("这条会议记录"))?;
        let (
            (place, host, recorder, content, resolutions, group_id),
            (lecturer_id, mut lecturer, theme),
        ) = row;
        // A lecturer of the roster is shown by their current name.
        if let Some(l) = lecturer_id {
            lecturer = self.member(l).map(|m| m.name).unwrap_or(lecturer);
        }
        let mut summary = self.meeting_summary(id)?;
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
            "SELECT f.member_id, m.name, f.action, f.due, f.done_on, f.note FROM review_followup f
             JOIN member m ON m.id = f.member_id WHERE f.meeting_id = ?1",
        )?;
        let followups = stmt
            .query_map([id], |r| {
                Ok(Followup {
                    member_id: r.get(0)?,
                    name: r.get(1)?,
                    action: FollowupAction::from_code(&r.get::<_, String>(2)?),
                    due: r.get(3)?,
                    done_on: r.get(4)?,
                    note: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut warnings = Vec::new();
        // 优秀 share: local practice (often one third), never a national rule, so a warning.
        if let Some(max) = self.rules()?.excellent_max_percent {
            let excellent = grades
                .iter()
                .filter(|g| g.grade == ReviewGrade::Excellent)
                .count();
            if !grades.is_empty() && excellent * 100 > grades.len() * max as usize {
                warnings.push(format!(
                    "评为优秀的{excellent}人，占参评人数的{}%，超过本支部设定的{max}%",
                    excellent * 100 / grades.len()
                ));
            }
        }
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
            followups,
            attachments: self.attachments(id)?,
            lecturer_id,
            lecturer,
            theme,
            warnings,
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
