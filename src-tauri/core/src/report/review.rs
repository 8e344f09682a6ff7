//! 述职评议: the superior committee's rating of a year's duty report (好/较好/一般/差) and its
//! 点评意见. Each point becomes an item of the next year's rectification list as it is saved,
//! beside the problems the program found itself, so that next year's report answers it under
//! 上年度述职评议指出问题整改情况. The blank 述职评议表 for the review meeting is printed from
//! `print::review`.
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::dates;
use crate::error::{Error, Result};
use crate::store::Store;

/// The ratings a superior gives, best first.
pub const RATINGS: [&str; 4] = ["好", "较好", "一般", "差"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewPoint {
    #[ts(type = "number")]
    pub id: i64,
    pub content: String,
}

/// The review of one year's report; empty (no rating, no points) until one is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportReview {
    pub year: i32,
    pub rating: Option<String>,
    pub reviewed_on: Option<NaiveDate>,
    pub points: Vec<ReviewPoint>,
}

impl ReportReview {
    pub fn is_empty(&self) -> bool {
        self.rating.is_none() && self.points.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct ReviewPointInput {
    /// None: a new point.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub content: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct ReportReviewInput {
    pub rating: Option<String>,
    pub reviewed_on: Option<String>,
    /// The whole list as it should be: points left out are removed.
    pub points: Vec<ReviewPointInput>,
}

impl Store {
    pub fn review(&self, year: i32) -> Result<ReportReview> {
        let head: Option<(Option<String>, Option<String>)> = self
            .conn
            .query_row(
                "SELECT rating, reviewed_on FROM report_review WHERE year = ?1",
                [year],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (rating, reviewed_on) = head.unwrap_or_default();
        let mut stmt = self
            .conn
            .prepare("SELECT id, content FROM report_review_point WHERE year = ?1 ORDER BY id")?;
        let points = stmt
            .query_map([year], |r| {
                Ok(ReviewPoint {
                    id: r.get(0)?,
                    content: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ReportReview {
            year,
            rating,
            reviewed_on: reviewed_on.and_then(|d| dates::parse(&d)),
            points,
        })
    }

    /// Records the review of `year`'s report. In the same write, each new point is added to
    /// the next year's rectification list (the secretary's, due by the end of June), a changed
    /// point changes its item there, and a removed point takes its item along unless that
    /// was already marked done.
    pub fn save_review(
        &mut self,
        year: i32,
        input: &ReportReviewInput,
        today: NaiveDate,
    ) -> Result<ReportReview> {
        let mut c = Check::default();
        let rating = input
            .rating
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        if let Some(r) = rating {
            if !RATINGS.contains(&r) {
                c.fail(
                    "rating",
                    format!("评议等次“{r}”不对，请选好、较好、一般或差"),
                );
            }
        }
        let reviewed_on = c.date(
            "reviewed_on",
            "评议日期",
            input.reviewed_on.as_deref(),
            today,
        );
        let mut points = Vec::new();
        for (i, p) in input.points.iter().enumerate() {
            let content = c.text(&format!("points.{i}"), "点评意见", &p.content, 300);
            if !content.is_empty() {
                points.push((p.id, content));
            }
        }
        c.finish()?;
        self.immediate(|s| {
            let known = s.review(year)?.points;
            for (id, _) in &points {
                if let Some(id) = id {
                    if !known.iter().any(|k| k.id == *id) {
                        return Err(Error::not_found("这条点评意见"));
                    }
                }
            }
            let secretary = s.branch()?.secretary_name();
            let next = year + 1;
            for gone in known
                .iter()
                .filter(|k| !points.iter().any(|(id, _)| *id == Some(k.id)))
            {
                s.conn.execute(
                    "DELETE FROM report_item WHERE from_review = ?1 AND done = 0",
                    [gone.id],
                )?;
                s.conn.execute(
                    "UPDATE report_item SET from_review = NULL WHERE from_review = ?1",
                    [gone.id],
                )?;
                s.conn
                    .execute("DELETE FROM report_review_point WHERE id = ?1", [gone.id])?;
            }
            for (id, content) in &points {
                match id {
                    Some(id) => {
                        s.conn.execute(
                            "UPDATE report_review_point SET content = ?2 WHERE id = ?1",
                            params![id, content],
                        )?;
                        s.conn.execute(
                            "UPDATE report_item SET content = ?2 WHERE from_review = ?1",
                            params![id, content],
                        )?;
                    }
                    None => {
                        s.conn.execute(
                            "INSERT INTO report_review_point (year, content) VALUES (?1, ?2)",
                            params![year, content],
                        )?;
                        let point = s.conn.last_insert_rowid();
                        s.conn.execute(
                            "INSERT INTO report_item (year, list, content, owner, due, from_review)
                             VALUES (?1, 'rectification', ?2, ?3, ?4, ?5)",
                            params![next, content, secretary, format!("{next}-06-30"), point],
                        )?;
                    }
                }
            }
            s.conn.execute(
                "INSERT INTO report_review (year, rating, reviewed_on) VALUES (?1, ?2, ?3)
                 ON CONFLICT (year) DO UPDATE SET rating = ?2, reviewed_on = ?3",
                params![year, rating, reviewed_on.map(|d| d.to_string())],
            )?;
            Ok(())
        })?;
        self.review(year)
    }
}
