//! The report's two lists: the 责任清单 (responsibilities of the year) and the 整改清单
//! (last year's problems to rectify), carried from one year into the next.
use chrono::NaiveDate;
use rusqlite::params;

use super::*;
use crate::check::Check;
use crate::dates;
use crate::error::{Error, ErrorKind, Result};
use crate::store::Store;

impl Store {
    /// On drafting year Y: last year's problems become this year's rectification list, and
    /// last year's unfinished responsibilities carry on.
    pub(super) fn carry_over(&mut self, year: i32) -> Result<()> {
        let has_rect: bool = self.conn.query_row(
            // The superior's points are carried as they are recorded (`save_review`); only
            // the program's own problem lines decide whether last year was carried yet.
            "SELECT EXISTS (SELECT 1 FROM report_item WHERE year = ?1 AND list = 'rectification' AND from_review IS NULL)",
            [year],
            |r| r.get(0),
        )?;
        // Each problem with the owner and deadline its measure names in last year's report,
        // as the secretary left them there.
        let last_year_problems: Vec<(String, Option<String>, Option<NaiveDate>)> =
            match self.current_paragraphs(year - 1) {
                Ok(ps) => {
                    let figures = figures(
                        self,
                        year - 1,
                        NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or_default(),
                    )?;
                    ps.iter()
                        .filter(|p| {
                            // The causes (s3.*) stand under the problems' heading since 2026.
                            p.section == "s2"
                                && p.kind == ParagraphKind::Text
                                && p.key != "problem.none"
                                && !p.key.starts_with("s3.")
                        })
                        .map(|p| {
                            let plan = p
                                .key
                                .strip_prefix("problem.")
                                .and_then(|k| ps.iter().find(|q| q.key == format!("plan.{k}")));
                            let (owner, due) = plan
                                .map(|q| measure_terms(&render(&q.text, &figures).0))
                                .unwrap_or_default();
                            (render(&p.text, &figures).0, owner, due)
                        })
                        .collect()
                }
                Err(e) if e.kind == ErrorKind::NotFound => Vec::new(),
                Err(e) => return Err(e),
            };
        let secretary = self.branch()?.secretary_name();
        // Inside the draft's transaction (see `report`).
        let tx = &self.conn;
        if !has_rect {
            for (problem, owner, due) in &last_year_problems {
                // "一是……" → the problem itself.
                let content = problem
                    .split_once('是')
                    .filter(|(n, _)| n.chars().count() <= 2)
                    .map_or(problem.as_str(), |(_, rest)| rest);
                let owner = owner.as_deref().unwrap_or(&secretary);
                let due = due
                    .or_else(|| NaiveDate::from_ymd_opt(year, 6, 30))
                    .map(|d| d.to_string());
                tx.execute(
                    "INSERT INTO report_item (year, list, content, owner, due) VALUES (?1, 'rectification', ?2, ?3, ?4)",
                    params![year, content, owner, due],
                )?;
            }
        }
        tx.execute(
            "INSERT INTO report_item (year, list, content, owner, due, carried_from)
             SELECT ?1, list, content, owner, NULL, id FROM report_item
             WHERE year = ?2 AND list = 'responsibility' AND done = 0
               AND id NOT IN (SELECT carried_from FROM report_item WHERE year = ?1 AND carried_from IS NOT NULL)",
            params![year, year - 1],
        )?;
        Ok(())
    }

    pub fn list_items(&self, year: i32, list: ListKind) -> Result<Vec<ListItem>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, content, owner, due, done, carried_from IS NOT NULL FROM report_item WHERE year = ?1 AND list = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![year, list.code()], |r| {
            Ok(ListItem {
                id: r.get(0)?,
                list,
                content: r.get(1)?,
                owner: r.get(2)?,
                due: r
                    .get::<_, Option<String>>(3)?
                    .and_then(|d| dates::parse(&d)),
                done: r.get(4)?,
                carried: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (id none) or changes an item of a year's responsibility or rectification list.
    pub fn save_list_item(
        &mut self,
        year: i32,
        list: ListKind,
        id: Option<i64>,
        input: &ListItemInput,
    ) -> Result<ListItem> {
        let mut c = Check::default();
        let content = c.text("content", "内容", &input.content, 300);
        if content.is_empty() {
            c.fail("content", "请填写内容");
        }
        let owner = c.text("owner", "责任人", &input.owner, 30);
        let due = match input
            .due
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => match dates::parse(s) {
                Some(d) => Some(d),
                None => {
                    c.fail("due", format!("完成时限“{s}”不是有效日期"));
                    None
                }
            },
        };
        c.finish()?;
        let id = match id {
            Some(id) => {
                let n = self.conn.execute(
                    "UPDATE report_item SET content = ?2, owner = ?3, due = ?4, done = ?5 WHERE id = ?1",
                    params![id, content, owner, due.map(|d| d.to_string()), input.done],
                )?;
                if n == 0 {
                    return Err(Error::not_found("这一项"));
                }
                id
            }
            None => {
                self.conn.execute(
                    "INSERT INTO report_item (year, list, content, owner, due, done) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![year, list.code(), content, owner, due.map(|d| d.to_string()), input.done],
                )?;
                self.conn.last_insert_rowid()
            }
        };
        self.list_items(year, list)?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| Error::not_found("这一项"))
    }

    pub fn delete_list_item(&mut self, id: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE report_item SET carried_from = NULL WHERE carried_from = ?1",
            [id],
        )?;
        if self
            .conn
            .execute("DELETE FROM report_item WHERE id = ?1", [id])?
            == 0
        {
            return Err(Error::not_found("这一项"));
        }
        Ok(())
    }
}

/// The owner and deadline a measure's line names: "……责任人：王建国同志；完成时限：2026年3月31日前。"
/// → (王建国, 2026-03-31). A measure running "from January, monthly" is due at that year's end.
fn measure_terms(line: &str) -> (Option<String>, Option<NaiveDate>) {
    let after = |label: &str| {
        line.split_once(label).map(|(_, rest)| {
            rest.split(['；', '。', '，', ';'])
                .next()
                .unwrap_or_default()
                .trim()
        })
    };
    let owner = after("责任人：")
        .map(|o| o.trim_end_matches("同志").trim().to_string())
        .filter(|o| !o.is_empty());
    let due = after("完成时限：").and_then(|t| {
        if let Some(from) = t.strip_suffix('起') {
            dates::parse_loose(from)
                .and_then(|d| NaiveDate::from_ymd_opt(chrono::Datelike::year(&d), 12, 31))
        } else {
            dates::parse(t.trim_end_matches(['前', '底']))
        }
    });
    (owner, due)
}

#[cfg(test)]
mod tests {
    use super::measure_terms;
    use chrono::NaiveDate;

    #[test]
    fn a_measures_owner_and_deadline_are_read_from_its_line() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            measure_terms("二是补齐阵地短板。责任人：李四同志；完成时限：2026年3月31日前。"),
            (Some("李四".into()), d(2026, 3, 31))
        );
        assert_eq!(
            measure_terms("一是按月召开。责任人：王建国同志；完成时限：2026年1月起，按月落实。"),
            (Some("王建国".into()), d(2026, 12, 31))
        );
        assert_eq!(measure_terms("一是按月召开。"), (None, None));
        assert_eq!(
            measure_terms("责任人：；完成时限：年底前。"),
            (None, None),
            "nothing usable: the defaults apply"
        );
    }
}
