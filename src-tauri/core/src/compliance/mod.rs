//! What the rules still ask for: the yearly calendar of required meetings (held against
//! required per month, quarter or year), the six-month rule per member, and the reminders of
//! the home page. Everything is computed from the records and a `today` passed in.
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::dates;
use crate::error::Result;
use crate::meeting::{MeetingKind, MeetingSummary, IS_LIFE};
use crate::member::{Member, MemberStatus};
use crate::rules::{Period, Rules};
use crate::store::Store;
use crate::structure::BranchStructure;

mod reminders;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CellStatus {
    /// Held as often as required.
    Met,
    /// A period that is over with fewer held than required.
    Gap,
    /// The current period, not yet met.
    Due,
    /// A period still to come.
    Upcoming,
    /// A past period before the records start (建账前), with fewer held than required on
    /// record: nothing is known of it, so nothing is asked.
    Before,
}

impl CellStatus {
    pub const ALL: [CellStatus; 5] = [
        Self::Met,
        Self::Gap,
        Self::Due,
        Self::Upcoming,
        Self::Before,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "已完成",
            Self::Gap => "未完成",
            Self::Due => "待召开",
            Self::Upcoming => "未到期",
            Self::Before => "建账前",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarCell {
    pub kind: MeetingKind,
    /// `2025-03`, `2025-Q2` or `2025`.
    pub period: String,
    pub held: u32,
    pub required: u32,
    pub status: CellStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SixMonthLevel {
    Warning,
    Alarm,
    /// At or past the line of six months.
    Line,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SixMonthEntry {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    /// Whole months since they last attended (or since they came into the branch).
    pub months: u32,
    pub last_attended: Option<NaiveDate>,
    pub level: SixMonthLevel,
    /// Since they last attended: absences with leave (请假, a good reason) and without.
    pub excused: u32,
    pub unexcused: u32,
    /// The secretary confirmed naming them in this year's duty report (nothing names a
    /// member's problem there unconfirmed).
    pub in_report: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reminder {
    /// `due`, `overdue`, `six_month`, `dues`, `development`, `probation`, `term`, `quorum`,
    /// `structure`, `transfer`, `organization`, `talk`, `review`, `education`.
    pub kind: String,
    pub message: String,
    /// `info`, `warning` or `danger`.
    pub level: String,
    pub group: ReminderGroup,
    /// Where it is dealt with.
    pub link: ReminderLink,
}

/// The home page's groups, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReminderGroup {
    /// To do this month (or this quarter, or before the year ends).
    Now,
    /// A deadline or a period that has passed.
    Overdue,
    /// Worth knowing; nothing is late.
    Note,
}

impl ReminderGroup {
    pub const ALL: [ReminderGroup; 3] = [Self::Now, Self::Overdue, Self::Note];
    pub fn label(self) -> &'static str {
        match self {
            Self::Now => "本月要做",
            Self::Overdue => "已逾期",
            Self::Note => "提醒",
        }
    }
}

/// The page a reminder is dealt with on, and what to open there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LinkPage {
    Meetings,
    Roster,
    Dues,
    Development,
    Branch,
    Talks,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReminderLink {
    pub page: LinkPage,
    /// What the button says (登记组织生活, 查看党员, …).
    pub label: String,
    /// A new record of this kind on this day (登记组织生活 with both filled in).
    pub kind: Option<MeetingKind>,
    pub date: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
}

impl ReminderLink {
    pub fn to(page: LinkPage, label: &str) -> ReminderLink {
        ReminderLink {
            page,
            label: label.into(),
            kind: None,
            date: None,
            member_id: None,
            meeting_id: None,
        }
    }
    pub fn member(page: LinkPage, label: &str, member_id: i64) -> ReminderLink {
        ReminderLink {
            member_id: Some(member_id),
            ..Self::to(page, label)
        }
    }
    /// 登记组织生活 with the kind and the day filled in.
    pub fn new_meeting(kind: MeetingKind, date: NaiveDate) -> ReminderLink {
        ReminderLink {
            kind: Some(kind),
            date: Some(date),
            ..Self::to(LinkPage::Meetings, "登记")
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ComplianceReport {
    pub year: i32,
    pub calendar: Vec<CalendarCell>,
    pub six_month: Vec<SixMonthEntry>,
    pub reminders: Vec<Reminder>,
    /// Attendance rate of each member this year, for the participation table.
    pub participation: Vec<Participation>,
    /// The branch's structure on the day: whether 支委会 are required at all.
    pub structure: crate::structure::BranchStructure,
    /// Per organization (a joint branch has several): members, 党建入章, 负责人是否党员.
    pub organizations: Vec<crate::organization::OrgFacts>,
    /// 谈心谈话 of the year: the pairs still missing.
    pub talks: crate::talk::TalkCoverage,
    /// Party members taking part here whose 组织关系 is elsewhere (not in 党员总数).
    pub elsewhere: u32,
    /// Learning hours per member, and the secretary's lectures.
    pub education: crate::education::EducationYear,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Participation {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    /// Meetings they were expected at this year.
    pub expected: u32,
    pub present: u32,
    /// Absences with leave (a good reason) and without, told apart.
    pub excused: u32,
    pub absent: u32,
    /// present / expected, 0..1; none when nothing was expected.
    pub rate: Option<f64>,
}

/// A kind the rules require of this branch, how often, and from which day (a committee's
/// 支委会 from its election).
struct Required {
    kind: MeetingKind,
    period: Period,
    count: u32,
    from: Option<NaiveDate>,
}

/// The periods of a year for a requirement: (label, first day, last day).
fn periods(year: i32, period: Period) -> Vec<(String, NaiveDate, NaiveDate)> {
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(year, m, day).unwrap_or_default();
    let last_of = |m: u32| dates::add_months(d(m, 1), 1).pred_opt().unwrap_or_default();
    match period {
        Period::Month => (1..=12)
            .map(|m| (format!("{year}-{m:02}"), d(m, 1), last_of(m)))
            .collect(),
        Period::Quarter => (1..=4)
            .map(|q| (format!("{year}-Q{q}"), d(3 * q - 2, 1), last_of(3 * q)))
            .collect(),
        Period::Year => vec![(format!("{year}"), d(1, 1), d(12, 31))],
    }
}

/// Whole months from `from` to `to` (the six-month count).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() && dates::add_months(from, months as u32) > to {
        months -= 1;
    }
    months.max(0) as u32
}

impl Store {
    /// The kinds the rules require of this branch, each from the day it applies: 支委会 only
    /// where the structure is a committee, from the day it was elected (a secretary-only
    /// branch never holds one); 党小组会 only where groups exist.
    fn applicable(&self, rules: &Rules, structure: &BranchStructure) -> Result<Vec<Required>> {
        let committee_from = structure
            .committee_elected
            .filter(|_| structure.structure == crate::structure::Structure::Committee);
        let has_groups: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM party_group)", [], |r| {
                    r.get(0)
                })?;
        Ok(rules
            .requirements
            .iter()
            .filter(|r| r.count > 0)
            .filter(|r| match r.kind {
                MeetingKind::CommitteeMeeting => committee_from.is_some(),
                MeetingKind::GroupMeeting => has_groups,
                MeetingKind::Other => false,
                _ => true,
            })
            .map(|r| {
                let from = (r.kind == MeetingKind::CommitteeMeeting)
                    .then_some(committee_from)
                    .flatten();
                Required {
                    kind: r.kind,
                    period: r.period,
                    count: r.count,
                    from,
                }
            })
            .collect())
    }

    pub fn calendar(&self, year: i32, today: NaiveDate) -> Result<Vec<CalendarCell>> {
        let structure = self.structure(today)?;
        self.calendar_of(year, today, &structure)
    }

    /// [`Self::calendar`] over a roster already read (the report's figures read it once).
    pub(crate) fn calendar_with(
        &self,
        year: i32,
        today: NaiveDate,
        members: &[crate::member::Member],
    ) -> Result<Vec<CalendarCell>> {
        let structure = self.structure_of(today, members)?;
        self.calendar_of(year, today, &structure)
    }

    fn calendar_of(
        &self,
        year: i32,
        today: NaiveDate,
        structure: &BranchStructure,
    ) -> Result<Vec<CalendarCell>> {
        let rules = self.rules()?;
        let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let meetings = self.meeting_dates(year_start, year_end)?;
        let branch = self.branch()?;
        let (founded, records_from) = (branch.founded, branch.records_from);
        let mut cells = Vec::new();
        for Required {
            kind,
            period,
            count: required,
            from,
        } in self.applicable(&rules, structure)?
        {
            for (label, start, end) in periods(year, period) {
                if founded.is_some_and(|f| end < f) || from.is_some_and(|f| end < f) {
                    continue;
                }
                let held = meetings
                    .iter()
                    .filter(|(k, also, d)| {
                        (*k == kind || *also == Some(kind)) && *d >= start && *d <= end
                    })
                    .count() as u32;
                let status = if held >= required {
                    CellStatus::Met
                } else if end < today && records_from.is_some_and(|r| start < r) {
                    // Over, and begun before the records: what was held then is unknown.
                    CellStatus::Before
                } else if end < today {
                    CellStatus::Gap
                } else if start <= today {
                    CellStatus::Due
                } else {
                    CellStatus::Upcoming
                };
                cells.push(CalendarCell {
                    kind,
                    period: label,
                    held,
                    required,
                    status,
                });
            }
        }
        Ok(cells)
    }

    /// Members who have not attended organizational life for `six_month_warn` months or more,
    /// longest first. Only attendance (出席) at organizational life counts: every kind but
    /// `other`, and an `other` record marked as organizational life — a 文体活动 or a
    /// business meeting does not. An excused absence does not reset the clock, but it is
    /// counted apart: 党章第九条 speaks of absence 没有正当理由.
    pub fn six_month_scan(&self, today: NaiveDate) -> Result<Vec<SixMonthEntry>> {
        self.six_month_scan_of(today, &self.all_members()?)
    }

    fn six_month_scan_of(
        &self,
        today: NaiveDate,
        members: &[Member],
    ) -> Result<Vec<SixMonthEntry>> {
        let rules = self.rules()?;
        let members: Vec<_> = members
            .iter()
            .filter(|m| {
                m.status == MemberStatus::Active
                    && m.category.is_member()
                    && m.joined.is_some_and(|j| j <= today)
            })
            .collect();
        let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
        let window_from = today
            .checked_sub_months(chrono::Months::new(rules.six_month_warn))
            .unwrap_or(today);
        let last = self.last_attended(&ids, window_from, today)?;
        // Before the records start nothing is known: the clock starts there at the earliest.
        let records_from = self.records_from()?;
        let mut list: Vec<SixMonthEntry> = members
            .into_iter()
            .filter_map(|m| {
                let last_attended = last.get(&m.id).copied();
                // Never attended: count from the day they became a member here.
                let from =
                    last_attended.unwrap_or_else(|| m.joined.map_or(m.since, |j| j.max(m.since)));
                let from = records_from.map_or(from, |r| from.max(r));
                let months = months_between(from, today);
                let level = if months >= rules.six_month_line {
                    SixMonthLevel::Line
                } else if months >= rules.six_month_alarm {
                    SixMonthLevel::Alarm
                } else if months >= rules.six_month_warn {
                    SixMonthLevel::Warning
                } else {
                    return None;
                };
                Some(SixMonthEntry {
                    member_id: m.id,
                    name: m.name.clone(),
                    months,
                    last_attended,
                    level,
                    excused: 0,
                    unexcused: 0,
                    in_report: false,
                })
            })
            .collect();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT SUM(a.status = 'excused'), SUM(a.status = 'absent')
             FROM attendance a JOIN meeting m ON m.id = a.meeting_id
             WHERE a.member_id = ?1 AND m.date > ?2 AND m.date <= ?3 AND {IS_LIFE}"
        ))?;
        for e in &mut list {
            let from = e.last_attended.map_or(String::new(), |d| d.to_string());
            let (excused, unexcused) =
                stmt.query_row(params![e.member_id, from, today.to_string()], |r| {
                    Ok((
                        r.get::<_, Option<u32>>(0)?.unwrap_or(0),
                        r.get::<_, Option<u32>>(1)?.unwrap_or(0),
                    ))
                })?;
            e.excused = excused;
            e.unexcused = unexcused;
        }
        let named = self.named_in_report(today.year(), ATTENDANCE)?;
        for e in &mut list {
            e.in_report = named.contains(&e.member_id);
        }
        list.sort_by(|a, b| {
            b.months
                .cmp(&a.months)
                .then_with(|| crate::strokes::compare_names(&a.name, &b.name))
        });
        Ok(list)
    }

    /// The latest attended meeting (on or before `today`) of each of `ids`. Most people
    /// attended recently, so one pass over the last `window_from`..`today` finds them; only
    /// the rest are looked up one by one through the attendance index. This keeps the scan
    /// fast over a decade of records of a large organization.
    fn last_attended(
        &self,
        ids: &[i64],
        window_from: NaiveDate,
        today: NaiveDate,
    ) -> Result<HashMap<i64, NaiveDate>> {
        let mut found = HashMap::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.member_id, MAX(m.date) FROM meeting m JOIN attendance a ON a.meeting_id = m.id
             WHERE m.date BETWEEN ?1 AND ?2 AND a.status = 'present' AND a.member_id IS NOT NULL
                AND {IS_LIFE}
             GROUP BY a.member_id"
        ))?;
        let rows = stmt.query_map([window_from.to_string(), today.to_string()], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, d) = row?;
            if let Some(d) = dates::parse(&d) {
                found.insert(id, d);
            }
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT MAX(m.date) FROM attendance a JOIN meeting m ON m.id = a.meeting_id
             WHERE a.member_id = ?1 AND a.status = 'present' AND m.date <= ?2
                AND {IS_LIFE}"
        ))?;
        let missing: Vec<i64> = ids
            .iter()
            .filter(|id| !found.contains_key(id))
            .copied()
            .collect();
        for id in missing {
            let d: Option<String> = stmt.query_row(params![id, today.to_string()], |r| r.get(0))?;
            if let Some(d) = d.and_then(|d| dates::parse(&d)) {
                found.insert(id, d);
            }
        }
        Ok(found)
    }

    /// Each member's attendance of the year: meetings expected at (all but observing) and
    /// attended.
    pub fn participation(&self, year: i32) -> Result<Vec<Participation>> {
        self.participation_of(year, &self.all_members()?)
    }

    /// Counted here rather than by SQL `GROUP BY`: over a big year (130,000 attendance rows)
    /// SQLite's temporary B-tree and the join for names took 70 ms, this takes a third.
    fn participation_of(&self, year: i32, members: &[Member]) -> Result<Vec<Participation>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.member_id, a.status <> 'observer', a.status = 'present', a.status = 'excused',
                a.status = 'absent'
             FROM meeting m JOIN attendance a ON a.meeting_id = m.id
             WHERE m.date BETWEEN ?1 AND ?2 AND a.member_id IS NOT NULL
                AND {IS_LIFE}"
        ))?;
        let mut counts: HashMap<i64, (u32, u32, u32, u32)> = HashMap::new();
        let mut rows = stmt.query([format!("{year}-01-01"), format!("{year}-12-31")])?;
        while let Some(r) = rows.next()? {
            let c = counts.entry(r.get(0)?).or_default();
            c.0 += u32::from(r.get::<_, bool>(1)?);
            c.1 += u32::from(r.get::<_, bool>(2)?);
            c.2 += u32::from(r.get::<_, bool>(3)?);
            c.3 += u32::from(r.get::<_, bool>(4)?);
        }
        let mut list: Vec<Participation> = members
            .iter()
            .filter_map(|m| {
                let &(expected, present, excused, absent) = counts.get(&m.id)?;
                (expected > 0).then(|| Participation {
                    member_id: m.id,
                    name: m.name.clone(),
                    expected,
                    present,
                    excused,
                    absent,
                    rate: Some(f64::from(present) / f64::from(expected)),
                })
            })
            .collect();
        list.sort_by(|a, b| crate::strokes::compare_names(&a.name, &b.name));
        Ok(list)
    }

    /// The latest records, for the home page.
    pub fn recent_meetings(&self, today: NaiveDate, limit: usize) -> Result<Vec<MeetingSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, date FROM meeting WHERE date <= ?1 ORDER BY date DESC, time DESC, id DESC LIMIT ?2",
        )?;
        let latest: Vec<(i64, String)> = stmt
            .query_map(params![today.to_string(), limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let (Some((_, newest)), Some((_, oldest))) = (latest.first(), latest.last()) else {
            return Ok(Vec::new());
        };
        let mut list = self.meeting_summaries(oldest, newest)?;
        list.retain(|m| latest.iter().any(|(id, _)| *id == m.id));
        for m in &mut list {
            m.number = self.number_in_year(m)?;
        }
        list.sort_by(|a, b| (b.date, &b.time, b.id).cmp(&(a.date, &a.time, a.id)));
        Ok(list)
    }
}

/// The report problem that names members: 较长时间未参加组织生活.
pub const ATTENDANCE: &str = "attendance";

impl Store {
    /// Confirms (or takes back) naming a member under a problem of the year's duty report.
    pub fn name_in_report(
        &mut self,
        year: i32,
        problem: &str,
        member_id: i64,
        named: bool,
    ) -> Result<()> {
        self.member(member_id)?;
        let tx = self.write_tx()?;
        if named {
            tx.execute(
                "INSERT OR IGNORE INTO report_named (year, problem, member_id) VALUES (?1, ?2, ?3)",
                params![year, problem, member_id],
            )?;
        } else {
            tx.execute(
                "DELETE FROM report_named WHERE year = ?1 AND problem = ?2 AND member_id = ?3",
                params![year, problem, member_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The members the secretary confirmed for a problem of the year's report.
    pub fn named_in_report(&self, year: i32, problem: &str) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT member_id FROM report_named WHERE year = ?1 AND problem = ?2")?;
        let ids = stmt
            .query_map(params![year, problem], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }
}

/// What the home page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HomeView {
    pub today: NaiveDate,
    pub report: ComplianceReport,
    pub recent: Vec<MeetingSummary>,
}

impl Store {
    pub fn home(&self, today: NaiveDate) -> Result<HomeView> {
        Ok(HomeView {
            today,
            report: self.compliance(today.year(), today)?,
            recent: self.recent_meetings(today, 5)?,
        })
    }
}

/// A calendar period label taken apart: `2025-03`, `2025-Q2` or `2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PeriodOf {
    Month(u32),
    Quarter(u32),
    Year,
}

pub(crate) fn parse_period(label: &str) -> Option<(i32, PeriodOf)> {
    let (y, rest) = label.split_once('-').unwrap_or((label, ""));
    let part = match rest {
        "" => PeriodOf::Year,
        q if q.starts_with('Q') => {
            PeriodOf::Quarter(q[1..].parse().ok().filter(|q| (1..=4).contains(q))?)
        }
        m => PeriodOf::Month(m.parse().ok().filter(|m| (1..=12).contains(m))?),
    };
    Some((y.parse().ok()?, part))
}

const QUARTERS_CN: [&str; 4] = ["一", "二", "三", "四"];

fn quarter_cn(q: u32) -> &'static str {
    QUARTERS_CN[(q.clamp(1, 4) - 1) as usize]
}

/// 2025-03 → 2025年3月; 2025-Q2 → 2025年第二季度; 2025 → 2025年.
pub fn period_cn(period: &str) -> String {
    match parse_period(period) {
        Some((y, PeriodOf::Month(m))) => format!("{y}年{m}月"),
        Some((y, PeriodOf::Quarter(q))) => format!("{y}年第{}季度", quarter_cn(q)),
        Some((y, PeriodOf::Year)) => format!("{y}年"),
        None => period.to_string(),
    }
}
