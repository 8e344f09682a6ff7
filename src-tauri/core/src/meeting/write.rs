//! Writing a meeting record: validating it against the roster as it stood on the meeting's
//! date, then storing the record with its attendance, grades and talk pairs in one transaction.
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::*;
use crate::check::Check;
use crate::dates;
use crate::error::{Error, ErrorKind, Result};
use crate::member::{in_branch_on, member_on, Member};
use crate::store::Store;

impl Store {
    pub fn add_meeting(&mut self, input: &MeetingInput, today: NaiveDate) -> Result<Meeting> {
        self.write_meeting(None, input, today)
    }

    pub fn update_meeting(
        &mut self,
        id: i64,
        input: &MeetingInput,
        today: NaiveDate,
    ) -> Result<Meeting> {
        self.meeting(id)?;
        self.write_meeting(Some(id), input, today)
    }

    pub fn delete_meeting(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM meeting WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::not_found("这条会议记录"));
        }
        Ok(())
    }

    fn write_meeting(
        &mut self,
        id: Option<i64>,
        input: &MeetingInput,
        today: NaiveDate,
    ) -> Result<Meeting> {
        let id = self.immediate(|s| s.store_meeting(id, input, today))?;
        self.meeting(id)
    }

    /// Checks a record against the data as it stands inside the write's transaction (no
    /// second program can add the same meeting in between) and stores it; returns its id.
    fn store_meeting(
        &mut self,
        id: Option<i64>,
        input: &MeetingInput,
        today: NaiveDate,
    ) -> Result<i64> {
        let mut c = Check::default();
        let kind = input.kind;
        if kind.is_none() {
            c.fail("kind", "请选择会议类型");
        }
        if input.date.trim().is_empty() {
            c.fail("date", "请填写会议日期");
        }
        let date = c.date("date", "会议日期", Some(&input.date), today);
        let branch = self.branch()?;
        if let Some(d) = date {
            match branch.founded {
                Some(f) if d < f => c.fail(
                    "date",
                    format!("会议日期早于支部成立日期（{}）", dates::format_cn(f)),
                ),
                // Without a founding date, the Party's own founding bounds a typo like 1900.
                None if d < PARTY_FOUNDED => c.fail(
                    "date",
                    format!(
                        "会议日期早于{}，请检查年份",
                        dates::format_cn(PARTY_FOUNDED)
                    ),
                ),
                _ => {}
            }
        }
        if let (Some(k), Some(a)) = (kind, input.also_kind) {
            if !k.combines_with(a) {
                c.fail(
                    "also_kind",
                    format!("{}不能同时算作{}", k.label(), a.label()),
                );
            }
        }
        let typed = c.text("time", "时间", &input.time, 20);
        // Kept as HH:MM whichever way it was typed (14：30 is the input method's default).
        let time = if typed.is_empty() {
            typed
        } else if let Some(t) = dates::parse_time(&typed) {
            t
        } else {
            c.fail("time", "时间请按 14:30 的格式填写");
            typed
        };
        let place = c.text("place", "地点", &input.place, 100);
        let host = c.text("host", "主持人", &input.host, 30);
        let recorder = c.text("recorder", "记录人", &input.recorder, 30);
        let topics = c.text("topics", "议题", &input.topics, 500);
        let content = c.text("content", "会议内容", &input.content, 20_000);
        let resolutions = c.text("resolutions", "决议", &input.resolutions, 5_000);

        if let (Some(k), Some(d)) = (kind, date) {
            let dup: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM meeting WHERE date = ?1 AND (kind = ?2 OR also_kind = ?2) AND id IS NOT ?3",
                    params![d.to_string(), k.code(), id],
                    |r| r.get(0),
                )
                .optional()?;
            if dup.is_some() {
                c.fail(
                    "date",
                    format!(
                        "{}已有一条{}记录，不要重复登记",
                        dates::format_cn(d),
                        k.label()
                    ),
                );
            }
        }

        // Attendance: members must have been in the branch that day; guests only observe.
        let all: HashMap<i64, Member> =
            self.all_members()?.into_iter().map(|m| (m.id, m)).collect();
        let timeline = self.membership_timeline()?;
        let mut seen = Vec::new();
        // Each line's guest name and reason as checked (trimmed, a pasted tab as spaces).
        let mut texts: Vec<(String, String)> = Vec::new();
        for a in &input.attendance {
            let mut guest = String::new();
            match a.member_id {
                Some(mid) => {
                    let Some(m) = all.get(&mid) else {
                        c.fail("attendance", "出席名单中有找不到的人员");
                        continue;
                    };
                    if seen.contains(&mid) {
                        c.fail("attendance", format!("{}在名单中出现了两次", m.name));
                    }
                    seen.push(mid);
                    if let Some(d) = date {
                        let here = timeline.get(&mid).is_some_and(|e| in_branch_on(e, d));
                        if a.status != AttendanceStatus::Observer && !(here && member_on(m, d)) {
                            c.fail(
                                "attendance",
                                format!(
                                    "{}在{}不是本支部党员，只能列席",
                                    m.name,
                                    dates::format_cn(d)
                                ),
                            );
                        }
                    }
                }
                None => {
                    let name = c.text("attendance", "列席人员姓名", &a.name, 30);
                    guest = name.clone();
                    if name.is_empty() {
                        c.fail("attendance", "列席人员请填写姓名（30字以内）");
                    } else if a.status != AttendanceStatus::Observer {
                        c.fail("attendance", format!("{name}不在名册中，只能列席"));
                    }
                }
            }
            let reason = c.text("attendance", "请假事由", &a.reason, 100);
            texts.push((guest, reason));
        }

        let reviewing = kind == Some(MeetingKind::MemberReview)
            || input.also_kind == Some(MeetingKind::MemberReview);
        if !input.grades.is_empty() {
            if !reviewing {
                c.fail("grades", "只有民主评议党员的记录才登记评议结果");
            }
            let mut graded = Vec::new();
            for g in &input.grades {
                match all.get(&g.member_id) {
                    None => c.fail("grades", "评议结果中有找不到的人员"),
                    Some(m) if graded.contains(&g.member_id) => {
                        c.fail("grades", format!("{}的评议结果重复", m.name))
                    }
                    Some(m) if date.is_some_and(|d| !m.full_on(d)) => c.fail(
                        "grades",
                        format!("{}不是正式党员，预备党员参加评议但不评定等次", m.name),
                    ),
                    Some(m) if !m.belongs_here() => c.fail(
                        "grades",
                        format!(
                            "{}的组织关系在{}，由组织关系所在党支部评定等次",
                            m.name, m.membership_org
                        ),
                    ),
                    Some(_) => graded.push(g.member_id),
                }
            }
        }
        let mut followups = Vec::new();
        for f in &input.followups {
            let graded_unqualified = input
                .grades
                .iter()
                .any(|g| g.member_id == f.member_id && g.grade == ReviewGrade::Unqualified);
            if !graded_unqualified {
                c.fail("followups", "只有评为不合格的党员才登记处置");
                continue;
            }
            let due = c.date("followups", "处置期限", f.due.as_deref(), NaiveDate::MAX);
            let done = c.date("followups", "办结日期", f.done_on.as_deref(), today);
            if let (Some(d), Some(date)) = (done, date) {
                if d < date {
                    c.fail("followups", "办结日期不能早于评议日期");
                }
            }
            let note = c.text("followups", "处置情况", &f.note, 300);
            followups.push((f.member_id, f.action, due, done, note));
        }
        let lecture = kind == Some(MeetingKind::PartyLecture)
            || input.also_kind == Some(MeetingKind::PartyLecture);
        let lecturer = c.text("lecturer", "授课人", &input.lecturer, 30);
        if !lecture && (input.lecturer_id.is_some() || !lecturer.is_empty()) {
            c.fail("lecturer", "只有党课记录才登记授课人");
        } else if input.lecturer_id.is_some_and(|l| !all.contains_key(&l)) {
            c.fail("lecturer", "授课人不在名册中");
        }
        let theme = c.text("theme", "主题教育", &input.theme, 60);
        if input.hours.is_some_and(|h| h == 0 || h > 80) {
            c.fail("hours", "学时应在1至80之间");
        }
        c.finish()?;
        let (kind, date) = match (kind, date) {
            (Some(k), Some(d)) => (k, d),
            _ => return Err(Error::new(ErrorKind::Internal, "会议类型或日期缺失")),
        };

        // Already inside the transaction `write_meeting` opened.
        let tx = &self.conn;
        // One list of columns and values for both inserting and updating.
        const FIELDS: [&str; 16] = [
            "kind",
            "also_kind",
            "date",
            "time",
            "place",
            "host",
            "recorder",
            "topics",
            "content",
            "resolutions",
            "group_id",
            "counts_as_life",
            "lecturer_id",
            "lecturer",
            "hours",
            "theme",
        ];
        let values: Vec<rusqlite::types::Value> = vec![
            kind.code().to_string().into(),
            input.also_kind.map(|k| k.code().to_string()).into(),
            date.to_string().into(),
            time.into(),
            place.into(),
            host.into(),
            recorder.into(),
            topics.into(),
            content.into(),
            resolutions.into(),
            input.group_id.into(),
            (kind == MeetingKind::Other && input.counts_as_life).into(),
            input.lecturer_id.filter(|_| lecture).into(),
            (if lecture { lecturer } else { String::new() }).into(),
            input.hours.map(i64::from).into(),
            theme.into(),
        ];
        let id = crate::store::write_row(tx, "meeting", &FIELDS, values, id)?;
        // An edit replaces the attendance, grades and follow-ups as a whole.
        for table in ["attendance", "review_grade", "review_followup"] {
            tx.execute(&format!("DELETE FROM {table} WHERE meeting_id = ?1"), [id])?;
        }
        {
            let mut ins = tx.prepare(
                "INSERT INTO attendance (meeting_id, member_id, guest_name, status, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (n, (a, (guest, reason))) in input.attendance.iter().zip(&texts).enumerate() {
                ins.execute(params![id, a.member_id, guest, a.status.code(), reason])?;
                if n == 0 {
                    // The meeting's row and one attendance row are written, the rest not yet.
                    crate::crash_point::pause("meeting-attendance");
                }
            }
            let mut ins = tx.prepare(
                "INSERT INTO review_grade (meeting_id, member_id, grade) VALUES (?1, ?2, ?3)",
            )?;
            for g in &input.grades {
                ins.execute(params![id, g.member_id, g.grade.code()])?;
            }
            let mut ins = tx.prepare(
                "INSERT INTO review_followup (meeting_id, member_id, action, due, done_on, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (member_id, action, due, done, note) in &followups {
                ins.execute(params![
                    id,
                    member_id,
                    action.code(),
                    due.map(|d| d.to_string()),
                    done.map(|d| d.to_string()),
                    note
                ])?;
            }
        }
        Ok(id)
    }
}

/// 1921-07-01: no branch held a meeting before the Party was founded.
const PARTY_FOUNDED: NaiveDate = match NaiveDate::from_ymd_opt(1921, 7, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
