//! Education and training (党员教育培训): learning hours per member per year, from the
//! records that carry hours (党课, 集中学习, 主题党日 with a study part), each credited to those
//! present. 《中国共产党党员教育管理工作条例》(2019) 第二十条: 党员每年集中学习培训一般不少于32
//! 学时; 基层党组织书记和班子成员每年不少于56学时. And 支部工作条例: 书记每年至少讲一次党课.
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::store::Store;

/// Hours a member needs a year; the secretary and committee need more.
pub const MEMBER_HOURS: u32 = 32;
pub const COMMITTEE_HOURS: u32 = 56;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EducationRow {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    /// 书记 / 副书记 / 支委 role, or empty for a member.
    pub post: String,
    pub hours: u32,
    pub required: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EducationYear {
    pub year: i32,
    /// Every Party member of the branch, in stroke order.
    pub rows: Vec<EducationRow>,
    /// How many are below their hours.
    pub short: u32,
    /// 党课 given by the secretary this year; none when no secretary is recorded.
    pub secretary_lectures: Option<u32>,
    /// Whether any record of the year carries hours at all (before that, nothing is judged).
    pub any_hours: bool,
}

impl Store {
    /// Each member's learning hours in `year`, as of `today` (or the year's end).
    pub fn education(&self, year: i32, today: NaiveDate) -> Result<EducationYear> {
        self.education_of(year, today, &self.all_members()?)
    }

    /// [`Self::education`] over a roster already read (the home page reads it once).
    pub(crate) fn education_of(
        &self,
        year: i32,
        today: NaiveDate,
        roster: &[crate::member::Member],
    ) -> Result<EducationYear> {
        let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
        let as_of = year_end.min(today);
        let (from, to) = (format!("{year}-01-01"), as_of.to_string());
        let mut stmt = self.conn.prepare(
            "SELECT a.member_id, SUM(m.hours) FROM meeting m JOIN attendance a ON a.meeting_id = m.id
             WHERE m.date BETWEEN ?1 AND ?2 AND a.status = 'present' AND a.member_id IS NOT NULL
                AND m.hours IS NOT NULL
             GROUP BY a.member_id",
        )?;
        let hours: std::collections::HashMap<i64, f64> = stmt
            .query_map([&from, &to], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let any_hours: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM meeting WHERE date BETWEEN ?1 AND ?2 AND hours IS NOT NULL)",
            [&from, &to],
            |r| r.get(0),
        )?;
        let branch = self.branch()?;
        let rows: Vec<EducationRow> = self
            .members_on_of(as_of, roster)?
            .into_iter()
            .map(|m| {
                let post = branch
                    .committee
                    .iter()
                    .find(|s| s.member_id == m.id)
                    .map(|s| s.role.clone())
                    .unwrap_or_default();
                EducationRow {
                    member_id: m.id,
                    hours: hours.get(&m.id).copied().unwrap_or(0.0).round() as u32,
                    required: if post.is_empty() {
                        MEMBER_HOURS
                    } else {
                        COMMITTEE_HOURS
                    },
                    name: m.name,
                    post,
                }
            })
            .collect();
        let secretary = branch.committee.iter().find(|s| s.role == "书记");
        let secretary_lectures = match secretary {
            None => None,
            Some(s) => Some(self.conn.query_row(
                "SELECT COUNT(*) FROM meeting WHERE date BETWEEN ?1 AND ?2 AND lecturer_id = ?3
                    AND (kind = 'party_lecture' OR also_kind = 'party_lecture')",
                rusqlite::params![from, to, s.member_id],
                |r| r.get(0),
            )?),
        };
        Ok(EducationYear {
            year,
            short: rows.iter().filter(|r| r.hours < r.required).count() as u32,
            rows,
            secretary_lectures,
            any_hours,
        })
    }
}
