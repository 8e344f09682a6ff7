//! 谈心谈话 by pairs. A talk names two people, a day and a note; it is not a meeting, so it
//! counts toward nobody's attendance or six-month clock. The year's coverage follows
//! 《中国共产党支部工作条例（试行）》第十三条 and the rule for 组织生活会: “支部委员之间、支部委员和
//! 党员之间、党员和党员之间，每年至少开展一次谈心谈话” — every pair of the committee talks, and
//! every member talks with at least one of the committee (in a branch without a committee,
//! with the secretary or deputy).
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::dates;
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Talk {
    #[ts(type = "number")]
    pub id: i64,
    pub date: NaiveDate,
    #[ts(type = "number")]
    pub a: i64,
    pub a_name: String,
    #[ts(type = "number")]
    pub b: i64,
    pub b_name: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct TalkInput {
    pub date: String,
    #[ts(type = "number | null")]
    pub a: Option<i64>,
    #[ts(type = "number | null")]
    pub b: Option<i64>,
    pub note: String,
}

/// A pair the rules ask to talk this year and who has not yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MissingTalk {
    #[ts(type = "number")]
    pub a: i64,
    pub a_name: String,
    /// None for "any of the committee": a member who has talked with none of them.
    #[ts(type = "number | null")]
    pub b: Option<i64>,
    pub b_name: String,
    /// 支委之间 / 支委与党员 / 书记与党员.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TalkCoverage {
    pub year: i32,
    /// Talks held this year; each is two 人次.
    pub talks: u32,
    /// People of the branch who took part in at least one talk.
    pub people: u32,
    /// Pairs required this year, and those still missing.
    pub required: u32,
    pub missing: Vec<MissingTalk>,
}

impl Store {
    pub fn talks(&self, year: i32) -> Result<Vec<Talk>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.date, t.a_member_id, a.name, t.b_member_id, b.name, t.note
             FROM talk t JOIN member a ON a.id = t.a_member_id JOIN member b ON b.id = t.b_member_id
             WHERE t.date BETWEEN ?1 AND ?2 ORDER BY t.date, t.id",
        )?;
        let rows = stmt.query_map([format!("{year}-01-01"), format!("{year}-12-31")], |r| {
            Ok(Talk {
                id: r.get(0)?,
                date: dates::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
                a: r.get(2)?,
                a_name: r.get(3)?,
                b: r.get(4)?,
                b_name: r.get(5)?,
                note: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_talk(&mut self, input: &TalkInput, today: NaiveDate) -> Result<Talk> {
        self.immediate(|s| {
            let mut c = Check::default();
            let date = c.date("date", "谈话日期", Some(&input.date), today);
            if input.date.trim().is_empty() {
                c.fail("date", "请填写谈话日期");
            }
            let note = c.text("note", "谈话要点", &input.note, 500);
            let name = |id: Option<i64>| -> Result<Option<String>> {
                match id {
                    None => Ok(None),
                    Some(id) => Ok(s
                        .conn
                        .query_row("SELECT name FROM member WHERE id = ?1", [id], |r| r.get(0))
                        .optional()?),
                }
            };
            let (a, b) = (name(input.a)?, name(input.b)?);
            if input.a.is_none() || input.b.is_none() {
                c.fail("b", "请选择谈话的两个人");
            } else if a.is_none() || b.is_none() {
                c.fail("b", "谈话人不在名册中");
            } else if input.a == input.b {
                c.fail("b", "谈心谈话是两个人之间的，请选择另一人");
            }
            c.finish()?;
            let (Some(a), Some(b), Some(date)) = (input.a, input.b, date) else {
                return Err(Error::field("b", "请选择谈话的两个人"));
            };
            s.conn.execute(
                "INSERT INTO talk (date, a_member_id, b_member_id, note) VALUES (?1, ?2, ?3, ?4)",
                params![date.to_string(), a, b, note],
            )?;
            let id = s.conn.last_insert_rowid();
            s.talks(chrono::Datelike::year(&date))?
                .into_iter()
                .find(|t| t.id == id)
                .ok_or_else(|| Error::not_found("这次谈话"))
        })
    }

    pub fn delete_talk(&mut self, id: i64) -> Result<()> {
        let tx = self.write_tx()?;
        let n = tx.execute("DELETE FROM talk WHERE id = ?1", [id])?;
        tx.commit()?;
        if n == 0 {
            return Err(Error::not_found("这次谈话"));
        }
        Ok(())
    }

    /// Who still has to talk with whom this year, as of `today`: the committee pairwise, and
    /// every other member with at least one of the committee (the secretary and deputy in a
    /// branch without one).
    pub fn talk_coverage(&self, year: i32, today: NaiveDate) -> Result<TalkCoverage> {
        let roster = self.all_members()?;
        let structure = self.structure_of(today, &roster)?;
        self.talk_coverage_of(year, today, &roster, &structure)
    }

    /// [`Self::talk_coverage`] over a roster and structure already known (the home page).
    pub(crate) fn talk_coverage_of(
        &self,
        year: i32,
        today: NaiveDate,
        roster: &[crate::member::Member],
        structure: &crate::structure::BranchStructure,
    ) -> Result<TalkCoverage> {
        let as_of = today.min(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today));
        let members = self.members_on_of(as_of, roster)?;
        let committee: Vec<(i64, String, String)> = self
            .branch()?
            .committee
            .into_iter()
            .filter(|s| members.iter().any(|m| m.id == s.member_id))
            .map(|s| (s.member_id, s.name, s.role))
            .collect();
        let secretary_only = structure.structure == crate::structure::Structure::Secretary;
        let held = self.talks(year)?;
        let talked = |x: i64, y: i64| {
            held.iter()
                .any(|t| (t.a == x && t.b == y) || (t.a == y && t.b == x))
        };
        let mut missing = Vec::new();
        let mut required = 0;
        for (i, (a, a_name, _)) in committee.iter().enumerate() {
            for (b, b_name, _) in &committee[i + 1..] {
                required += 1;
                if !talked(*a, *b) {
                    missing.push(MissingTalk {
                        a: *a,
                        a_name: a_name.clone(),
                        b: Some(*b),
                        b_name: b_name.clone(),
                        why: "支委之间".into(),
                    });
                }
            }
        }
        let (who, why) = if secretary_only {
            ("书记", "书记与党员")
        } else {
            ("支委", "支委与党员")
        };
        if !committee.is_empty() {
            for m in members
                .iter()
                .filter(|m| !committee.iter().any(|c| c.0 == m.id))
            {
                required += 1;
                if !committee.iter().any(|c| talked(c.0, m.id)) {
                    missing.push(MissingTalk {
                        a: m.id,
                        a_name: m.name.clone(),
                        b: None,
                        b_name: format!("任一{who}"),
                        why: why.into(),
                    });
                }
            }
        }
        let mut people: Vec<i64> = held.iter().flat_map(|t| [t.a, t.b]).collect();
        people.sort_unstable();
        people.dedup();
        Ok(TalkCoverage {
            year,
            talks: held.len() as u32,
            people: people.len() as u32,
            required,
            missing,
        })
    }
}
