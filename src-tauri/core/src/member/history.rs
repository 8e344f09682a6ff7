//! Membership over time: who was in the branch, and a Party member, on a given date — from
//! each person's moves in and out. Meetings, dues and the report all ask this.
use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Category, Direction, Member};
use crate::dates;
use crate::error::Result;
use crate::store::Store;
use crate::strokes;

/// Whether a person's membership was in the branch on `date`, from their moves in and out.
pub fn in_branch_on(events: &[(Direction, NaiveDate)], date: NaiveDate) -> bool {
    events
        .iter()
        .rfind(|(_, d)| *d <= date)
        .is_some_and(|(dir, _)| *dir == Direction::In)
}

/// A Party member on `date`: admitted by then (probationary or full now).
pub fn member_on(m: &Member, date: NaiveDate) -> bool {
    matches!(m.category, Category::Full | Category::Probationary)
        && m.joined.is_some_and(|j| j <= date)
}

impl Store {
    /// Every person's moves in and out of the branch, oldest first.
    pub(crate) fn membership_timeline(&self) -> Result<HashMap<i64, Vec<(Direction, NaiveDate)>>> {
        let mut stmt = self
            .conn
            .prepare("SELECT member_id, kind, date FROM membership_event ORDER BY date, id")?;
        let mut map: HashMap<i64, Vec<(Direction, NaiveDate)>> = HashMap::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (id, kind, date) = row?;
            let dir = if kind == "out" {
                Direction::Out
            } else {
                Direction::In
            };
            if let Some(d) = dates::parse(&date) {
                map.entry(id).or_default().push((dir, d));
            }
        }
        Ok(map)
    }

    /// The Party members whose membership was in the branch on `date`, in stroke order: who a
    /// meeting on that day expects.
    pub fn members_on(&self, date: NaiveDate) -> Result<Vec<Member>> {
        self.members_on_of(date, &self.all_members()?)
    }

    /// [`Self::members_on`] over a roster already read (the home page reads it once).
    pub(crate) fn members_on_of(&self, date: NaiveDate, members: &[Member]) -> Result<Vec<Member>> {
        let timeline = self.membership_timeline()?;
        let mut list: Vec<Member> = members
            .iter()
            .filter(|m| {
                member_on(m, date) && timeline.get(&m.id).is_some_and(|e| in_branch_on(e, date))
            })
            .cloned()
            .collect();
        list.sort_by(|a, b| strokes::compare_names(&a.name, &b.name));
        Ok(list)
    }
}
