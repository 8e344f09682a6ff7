//! The reminders of the home page: what is due and overdue, who nears the six-month line,
//! dues in arrears, development deadlines, probation, the term, quorum, the structure, the
//! organizations of a joint branch, talks still missing and membership that should move.
use chrono::{Datelike, NaiveDate};

use super::*;
use crate::dates;
use crate::error::Result;
use crate::meeting::{FollowupAction, MeetingKind};
use crate::member::{Category, Member, MemberStatus};
use crate::store::Store;

impl Store {
    /// Everything the home page shows for `year` as of `today`.
    pub fn compliance(&self, year: i32, today: NaiveDate) -> Result<ComplianceReport> {
        let rules = self.rules()?;
        let records_from = self.records_from()?;
        // Every part below needs the roster; it is read once (5,000 members take ~11 ms).
        let members = self.all_members()?;
        let structure = self.structure_of(today, &members)?;
        let calendar = self.calendar_of(year, today, &structure)?;
        let six_month = if year == today.year() {
            self.six_month_scan_of(today, &members)?
        } else {
            Vec::new()
        };
        let mut reminders = Vec::new();
        let current = year == today.year();
        // Every reminder says where it is dealt with.
        let remind =
            |kind: &str, level: &str, group: ReminderGroup, message: String, link: ReminderLink| {
                Reminder {
                    kind: kind.into(),
                    message,
                    level: level.into(),
                    group,
                    link,
                }
            };

        // Due this period, and gaps of the periods past, runs of empty ones folded.
        let this_month = format!("{}-{:02}", today.year(), today.month());
        let this_quarter = format!("{}-Q{}", today.year(), (today.month() - 1) / 3 + 1);
        let this_year = today.year().to_string();
        for cell in calendar.iter().filter(|c| c.status == CellStatus::Due) {
            let when = if cell.period == this_month {
                "本月"
            } else if cell.period == this_quarter {
                "本季度"
            } else if cell.period == this_year {
                "今年"
            } else {
                continue;
            };
            reminders.push(remind(
                "due",
                "warning",
                ReminderGroup::Now,
                format!(
                    "{when}还需召开{}{}次（已开{}次）",
                    cell.kind.label(),
                    cell.required - cell.held,
                    cell.held
                ),
                ReminderLink::new_meeting(cell.kind, today),
            ));
        }
        for run in gap_runs(&calendar) {
            let (first, last) = (run[0], run[run.len() - 1]);
            let message = if run.len() == 1 {
                format!(
                    "{}的{}应开{}次，实开{}次",
                    period_cn(&first.period),
                    first.kind.label(),
                    first.required,
                    first.held
                )
            } else {
                format!(
                    "{}：{}无记录",
                    first.kind.label(),
                    period_span_cn(&first.period, &last.period)
                )
            };
            let date = period_start(&first.period).unwrap_or(today);
            reminders.push(remind(
                "overdue",
                "danger",
                ReminderGroup::Overdue,
                message,
                ReminderLink::new_meeting(first.kind, date),
            ));
        }
        for s in &six_month {
            let mut since = match (s.last_attended, records_from) {
                (Some(d), Some(r)) if d < r => format!(
                    "建账以来未参加，建账前最后一次参加是{}",
                    dates::format_cn(d)
                ),
                (Some(d), _) => format!("最后一次参加是{}", dates::format_cn(d)),
                (None, Some(_)) => "建账以来未参加".to_string(),
                (None, None) => "从未参加".to_string(),
            };
            if s.excused + s.unexcused > 0 {
                since.push_str(&format!("；其后请假{}次、缺席{}次", s.excused, s.unexcused));
            }
            let (level, group, what) = match s.level {
                // 党章第九条 applies to absence without good reason only; leave is a reason,
                // so then the branch follows up rather than cites the article.
                SixMonthLevel::Line if s.unexcused == 0 && s.excused > 0 => (
                    "warning",
                    ReminderGroup::Now,
                    format!(
                        "已连续{}个月未参加组织生活，均为请假，请了解情况、帮助其参加",
                        s.months
                    ),
                ),
                SixMonthLevel::Line => (
                    "danger",
                    ReminderGroup::Overdue,
                    format!(
                        "已连续{}个月未参加组织生活，达到六个月界线；没有正当理由的，按党章第九条处理，请及时了解情况",
                        s.months
                    ),
                ),
                SixMonthLevel::Alarm => (
                    "danger",
                    ReminderGroup::Now,
                    format!("已连续{}个月未参加组织生活，即将满六个月", s.months),
                ),
                SixMonthLevel::Warning => (
                    "warning",
                    ReminderGroup::Note,
                    format!("已连续{}个月未参加组织生活", s.months),
                ),
            };
            reminders.push(remind(
                "six_month",
                level,
                group,
                format!("{}{}（{}）", s.name, what, since),
                ReminderLink::member(LinkPage::Roster, "查看", s.member_id),
            ));
        }
        // Dues unpaid for months in a row fall under the same article 9 as absence.
        if current {
            for (id, name, months) in self.dues_arrears_of(today, rules.six_month_warn, &members)? {
                let (level, group, what) = if months >= rules.six_month_line {
                    (
                        "danger",
                        ReminderGroup::Overdue,
                        format!("已连续{months}个月未交纳党费，达到六个月界线（党章第九条），请及时了解情况"),
                    )
                } else if months >= rules.six_month_alarm {
                    (
                        "danger",
                        ReminderGroup::Now,
                        format!("已连续{months}个月未交纳党费，即将满六个月"),
                    )
                } else {
                    (
                        "warning",
                        ReminderGroup::Note,
                        format!("已连续{months}个月未交纳党费"),
                    )
                };
                reminders.push(remind(
                    "dues",
                    level,
                    group,
                    format!("{name}{what}"),
                    ReminderLink::member(LinkPage::Dues, "收缴党费", id),
                ));
            }
        }
        // Development: deadlines of the rules within a month, and steps that broke them.
        if current {
            for (level, message, id) in self.development_reminders_of(today, 30, &members)? {
                let group = if level == "danger" {
                    ReminderGroup::Overdue
                } else {
                    ReminderGroup::Now
                };
                reminders.push(remind(
                    "development",
                    &level,
                    group,
                    message,
                    ReminderLink::member(LinkPage::Development, "登记步骤", id),
                ));
            }
        }
        let horizon = today + chrono::Days::new(u64::from(rules.probation_notice_days));
        for m in &members {
            if m.status != MemberStatus::Active || m.category != Category::Probationary {
                continue;
            }
            let Some(joined) = m.joined else { continue };
            let due = dates::add_months(joined, 12 + u32::from(m.probation_extension_months));
            if due <= horizon {
                let (level, group, msg) = if due <= today {
                    (
                        "danger",
                        ReminderGroup::Overdue,
                        format!(
                            "{}的预备期已于{}期满，请及时讨论其转正",
                            m.name,
                            dates::format_cn(due)
                        ),
                    )
                } else {
                    (
                        "warning",
                        ReminderGroup::Now,
                        format!(
                            "{}的预备期将于{}期满，请准备转正",
                            m.name,
                            dates::format_cn(due)
                        ),
                    )
                };
                reminders.push(remind(
                    "probation",
                    level,
                    group,
                    msg,
                    ReminderLink::member(LinkPage::Development, "登记转正", m.id),
                ));
            }
        }
        if let Some(end) = self.branch()?.term_end {
            if end <= dates::add_months(today, rules.term_notice_months) {
                let holder = &structure.term_holder;
                let (level, group, msg) = if end <= today {
                    (
                        "danger",
                        ReminderGroup::Overdue,
                        format!(
                            "{holder}任期已于{}届满，请按程序换届",
                            dates::format_cn(end)
                        ),
                    )
                } else {
                    (
                        "warning",
                        ReminderGroup::Note,
                        format!(
                            "{holder}任期将于{}届满，请提前做好换届准备",
                            dates::format_cn(end)
                        ),
                    )
                };
                reminders.push(remind(
                    "term",
                    level,
                    group,
                    msg,
                    ReminderLink::to(LinkPage::Branch, "支部设置"),
                ));
            }
        }
        for m in self
            .meetings(year)?
            .iter()
            .filter(|m| m.quorum_ok == Some(false))
        {
            // 支部工作条例第十条: with no more than half present, no vote may be taken.
            let message = if m.kind == MeetingKind::CommitteeMeeting {
                format!(
                    "{}的支委会到会支委未超过半数，不得作出决定",
                    dates::format_cn(m.date)
                )
            } else {
                format!(
                    "{}的支部党员大会到会有表决权的党员不足半数，不得进行表决",
                    dates::format_cn(m.date)
                )
            };
            reminders.push(remind(
                "quorum",
                "danger",
                ReminderGroup::Note,
                message,
                ReminderLink {
                    meeting_id: Some(m.id),
                    ..ReminderLink::to(LinkPage::Meetings, "查看记录")
                },
            ));
        }
        if structure.structure == crate::structure::Structure::Committee
            && structure.committee_elected.is_none()
            && current
        {
            reminders.push(remind(
                    "structure",
                    "warning",
                    ReminderGroup::Note,
                    format!(
                        "本支部有正式党员{}名，应设立支部委员会；选举后请在支部概况中填写选举日期和支委",
                        structure.full_members
                    ), ReminderLink::to(LinkPage::Branch, "支部设置")));
        }
        if current {
            for (level, message, id) in self.transfer_reminders_of(today, &members)? {
                let group = if level == "warning" {
                    ReminderGroup::Overdue
                } else {
                    ReminderGroup::Note
                };
                reminders.push(remind(
                    "transfer",
                    level,
                    group,
                    message,
                    ReminderLink::member(LinkPage::Roster, "查看", id),
                ));
            }
        }
        let organizations = self.org_facts_of(today, &members)?;
        if organizations.len() > 1 {
            for o in organizations.iter().filter(|o| o.no_full_member) {
                reminders.push(remind(
                    "organization",
                    "info",
                    ReminderGroup::Note,
                    format!(
                        "{}没有正式党员，请通过党建工作指导员或联合支部的活动覆盖",
                        o.name
                    ),
                    ReminderLink::to(LinkPage::Branch, "覆盖的单位"),
                ));
            }
        }
        let talks = self.talk_coverage_of(year, today, &members, &structure)?;
        if current && !talks.missing.is_empty() && today.month() >= 10 {
            reminders.push(remind(
                "talk",
                "warning",
                ReminderGroup::Now,
                format!(
                    "今年的谈心谈话还缺{}对（共应{}对），请在年底前完成",
                    talks.missing.len(),
                    talks.required
                ),
                ReminderLink::to(LinkPage::Talks, "登记谈话"),
            ));
        }
        for (level, message, meeting_id) in self.followup_reminders(year, today)? {
            reminders.push(remind(
                "review",
                level,
                ReminderGroup::Overdue,
                message,
                ReminderLink {
                    meeting_id: Some(meeting_id),
                    ..ReminderLink::to(LinkPage::Meetings, "查看记录")
                },
            ));
        }
        let education = self.education_of(year, today, &members)?;
        // Judged from October on: earlier, most of the year's hours are still to come; and
        // only for a year the records cover whole — hours before the start are unknown.
        let whole_year = records_from.is_none_or(|r| r <= first_of_year(year));
        if current && today.month() >= 10 && whole_year {
            if education.any_hours && education.short > 0 {
                let names: Vec<String> = education
                    .rows
                    .iter()
                    .filter(|r| r.hours < r.required)
                    .map(|r| format!("{}{}学时", r.name, r.hours))
                    .collect();
                let shown = names.iter().take(5).cloned().collect::<Vec<_>>().join("、");
                let more = if names.len() > 5 { "等" } else { "" };
                reminders.push(remind(
                        "education",
                        "info",
                        ReminderGroup::Note,
                        format!(
                            "{}名党员今年学习培训学时不足（党员不少于{}学时，书记和支委不少于{}学时）：{shown}{more}",
                            names.len(),
                            crate::education::MEMBER_HOURS,
                            crate::education::COMMITTEE_HOURS
                        ), ReminderLink::to(LinkPage::Meetings, "查看学时")));
            }
            if education.secretary_lectures == Some(0) {
                reminders.push(remind(
                    "education",
                    "warning",
                    ReminderGroup::Now,
                    "书记今年还没有讲党课（党支部书记每年至少讲一次党课），登记党课时请填写授课人"
                        .into(),
                    ReminderLink::new_meeting(MeetingKind::PartyLecture, today),
                ));
            }
        }
        reminders.sort_by_key(|r| r.group);
        let elsewhere = members
            .iter()
            .filter(|m| {
                m.status == MemberStatus::Active && m.category.is_member() && !m.belongs_here()
            })
            .count() as u32;
        Ok(ComplianceReport {
            year,
            calendar,
            six_month,
            reminders,
            participation: self.participation_of(year, &members)?,
            structure,
            organizations,
            talks,
            elsewhere,
            education,
        })
    }

    /// A 不合格 grade asks for a decision (限期改正, 劝其退党 or 除名); a 限期改正 past its
    /// deadline and not settled is followed up.
    fn followup_reminders(
        &self,
        year: i32,
        today: NaiveDate,
    ) -> Result<Vec<(&'static str, String, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT m.name, mt.date, f.action, f.due, f.done_on, mt.id
             FROM review_grade g JOIN meeting mt ON mt.id = g.meeting_id
             JOIN member m ON m.id = g.member_id
             LEFT JOIN review_followup f ON f.meeting_id = g.meeting_id AND f.member_id = g.member_id
             WHERE g.grade = 'unqualified' AND mt.date BETWEEN ?1 AND ?2
             ORDER BY mt.date",
        )?;
        let rows = stmt.query_map(
            [format!("{}-01-01", year - 1), format!("{year}-12-31")],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (name, date, action, due, done, meeting_id) = row?;
            let Some(date) = dates::parse(&date) else {
                continue;
            };
            match (action, done) {
                (None, _) => out.push((
                    "warning",
                    format!(
                        "{name}在{}的民主评议中被评为不合格，请确定处置（限期改正、劝其退党或除名）",
                        dates::format_cn(date)
                    ),
                    meeting_id,
                )),
                (Some(a), None) if FollowupAction::from_code(&a) == FollowupAction::Correct => {
                    if let Some(due) = due.and_then(|d| dates::parse(&d)).filter(|d| *d < today) {
                        out.push((
                            "warning",
                            format!(
                                "{name}的限期改正已于{}到期，请支部讨论其改正情况",
                                dates::format_cn(due)
                            ),
                            meeting_id,
                        ));
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// Membership that should move: someone taking part here for six months with their
    /// 组织关系 elsewhere is reminded to transfer it in (a 流动党员 keeps it at home by
    /// design); a transfer out whose 回执 has not come back within a month is followed up.
    fn transfer_reminders_of(
        &self,
        today: NaiveDate,
        members: &[Member],
    ) -> Result<Vec<(&'static str, String, i64)>> {
        let mut out = Vec::new();
        for m in members.iter().filter(|m| {
            m.status == MemberStatus::Active
                && m.category.is_member()
                && m.membership_elsewhere
                && !m.is_mobile
        }) {
            if dates::add_months(m.since, 6) <= today {
                out.push((
                    "info",
                    format!(
                        "{}在本支部参加组织生活已满六个月，组织关系仍在{}，请提醒其转入本支部",
                        m.name, m.membership_org
                    ),
                    m.id,
                ));
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT m.name, e.date, e.letter_no, e.org, m.id FROM membership_event e
             JOIN member m ON m.id = e.member_id
             WHERE e.kind = 'out' AND e.reason = 'transfer' AND e.receipt_on IS NULL
             ORDER BY e.date",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        for row in rows {
            let (name, date, letter, org, id) = row?;
            let Some(date) = dates::parse(&date) else {
                continue;
            };
            // Older than a year: long settled, whatever the paper trail says.
            if dates::add_months(date, 1) <= today && dates::add_months(date, 12) > today {
                let letter = if letter.is_empty() {
                    String::new()
                } else {
                    format!("（介绍信{letter}）")
                };
                out.push((
                    "warning",
                    format!(
                        "{name}的组织关系于{}转往{org}{letter}，已满一个月仍未收到回执，请联系接收党组织",
                        dates::format_cn(date)
                    ),
                    id,
                ));
            }
        }
        Ok(out)
    }
}

/// Runs of gaps of one kind in consecutive periods with nothing held, in calendar order;
/// a gap with something held stands alone (its count says more than a fold would).
fn gap_runs(calendar: &[CalendarCell]) -> Vec<Vec<&CalendarCell>> {
    let mut runs: Vec<Vec<&CalendarCell>> = Vec::new();
    let mut prev: Option<&CalendarCell> = None;
    for c in calendar {
        let joins = c.status == CellStatus::Gap
            && c.held == 0
            && prev.is_some_and(|p| p.kind == c.kind && p.status == CellStatus::Gap && p.held == 0);
        if joins {
            if let Some(run) = runs.last_mut() {
                run.push(c);
            }
        } else if c.status == CellStatus::Gap {
            runs.push(vec![c]);
        }
        prev = Some(c);
    }
    runs
}

/// A run of periods of one year: 2026-01 … 2026-11 → 2026年1—11月; 2026-Q1 … 2026-Q3 →
/// 2026年第一至第三季度.
fn period_span_cn(first: &str, last: &str) -> String {
    match (parse_period(first), parse_period(last)) {
        (Some((y, PeriodOf::Month(a))), Some((_, PeriodOf::Month(b)))) => format!("{y}年{a}—{b}月"),
        (Some((y, PeriodOf::Quarter(a))), Some((_, PeriodOf::Quarter(b)))) => {
            format!("{y}年第{}至第{}季度", quarter_cn(a), quarter_cn(b))
        }
        _ => format!("{}至{}", period_cn(first), period_cn(last)),
    }
}

/// The first day of a period label (`2026-03`, `2026-Q2`, `2026`).
fn period_start(period: &str) -> Option<NaiveDate> {
    let (y, part) = parse_period(period)?;
    let month = match part {
        PeriodOf::Month(m) => m,
        PeriodOf::Quarter(q) => 3 * q - 2,
        PeriodOf::Year => 1,
    };
    NaiveDate::from_ymd_opt(y, month, 1)
}

fn first_of_year(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_periods_read_as_written() {
        assert_eq!(period_span_cn("2026-01", "2026-11"), "2026年1—11月");
        assert_eq!(period_span_cn("2026-Q1", "2026-Q3"), "2026年第一至第三季度");
        assert_eq!(period_start("2026-Q2"), NaiveDate::from_ymd_opt(2026, 4, 1));
        assert_eq!(period_start("2026"), NaiveDate::from_ymd_opt(2026, 1, 1));
    }
}
