//! A year's report as saved: drafted on first use, edited, refreshed, kept in revisions that
//! can be restored, and marked final.
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};

use super::*;
use crate::check::Check;
use crate::dates;
use crate::error::{Error, ErrorKind, Result};
use crate::store::Store;

impl Store {
    /// The newest date in the records (so a past year's report looks at its own end).
    pub(super) fn latest_date(&self) -> Result<NaiveDate> {
        let d: Option<String> = self
            .conn
            .query_row("SELECT MAX(date) FROM meeting", [], |r| r.get(0))?;
        Ok(d.and_then(|d| dates::parse(&d)).unwrap_or(NaiveDate::MAX))
    }

    /// The report of `year`, drafted on first use.
    pub fn report(&mut self, year: i32, today: NaiveDate, now: NaiveDateTime) -> Result<Report> {
        if !(2000..=today.year() + 1).contains(&year) {
            return Err(Error::field("year", format!("{year}年不是可以述职的年度")));
        }
        let exists = |s: &Store| -> Result<bool> {
            Ok(s.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM report WHERE year = ?1)",
                [year],
                |r| r.get(0),
            )?)
        };
        if !exists(self)? {
            // The first draft is one write: the carried-over lists, the report and its first
            // revision together — a crash leaves no report without a revision, and a second
            // program drafting the same year at once finds it drafted.
            self.immediate(|s| {
                if exists(s)? {
                    return Ok(());
                }
                s.carry_over(year)?;
                let figures = figures(s, year, today)?;
                let paragraphs = s.generate(year, &figures)?;
                s.conn
                    .execute("INSERT INTO report (year) VALUES (?1)", [year])?;
                s.save_revision(year, &paragraphs, now, "", "生成初稿")
            })?;
        }
        self.load_report(year, today)
    }

    /// The report for printing: the saved draft, or a fresh one when none was saved yet
    /// (without saving it: printing only looks).
    pub fn printed_report(&self, year: i32, today: NaiveDate) -> Result<Report> {
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM report WHERE year = ?1)",
            [year],
            |r| r.get(0),
        )?;
        if exists {
            return self.load_report(year, today);
        }
        let figures = figures(self, year, today)?;
        let paragraphs = self.generate(year, &figures)?;
        let rendered = paragraphs
            .iter()
            .map(|p| render(&p.text, &figures).0)
            .collect();
        Ok(Report {
            year,
            title: report_title(&figures, year),
            is_final: false,
            dated: None,
            paragraphs,
            rendered,
            figures: figures
                .into_iter()
                .map(|(name, value)| Figure { name, value })
                .collect(),
            unknown_figures: Vec::new(),
            revisions: Vec::new(),
            responsibility: Vec::new(),
            rectification: Vec::new(),
        })
    }

    fn save_revision(
        &self,
        year: i32,
        paragraphs: &[Paragraph],
        now: NaiveDateTime,
        author: &str,
        note: &str,
    ) -> Result<()> {
        let content = serde_json::to_string(paragraphs)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        self.conn.execute(
            "INSERT INTO report_revision (year, saved_at, author, note, content) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![year, now.format("%Y-%m-%d %H:%M:%S").to_string(), author, note, content],
        )?;
        Ok(())
    }

    pub(super) fn current_paragraphs(&self, year: i32) -> Result<Vec<Paragraph>> {
        let content: Option<String> = self
            .conn
            .query_row(
                "SELECT content FROM report_revision WHERE year = ?1 ORDER BY id DESC LIMIT 1",
                [year],
                |r| r.get(0),
            )
            .optional()?;
        let content = content.ok_or_else(|| Error::not_found("这一年的述职报告"))?;
        serde_json::from_str(&content)
            .map_err(|_| Error::new(ErrorKind::Corrupt, "述职报告的内容已损坏，请恢复较早的版本"))
    }

    fn load_report(&self, year: i32, today: NaiveDate) -> Result<Report> {
        let paragraphs = self.current_paragraphs(year)?;
        let figures = figures(self, year, today)?;
        let mut unknown = Vec::new();
        let rendered = paragraphs
            .iter()
            .map(|p| {
                let (text, mut u) = render(&p.text, &figures);
                unknown.append(&mut u);
                text
            })
            .collect();
        unknown.sort();
        unknown.dedup();
        let (is_final, dated): (bool, Option<String>) = self.conn.query_row(
            "SELECT final, dated FROM report WHERE year = ?1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let revisions = self
            .conn
            .prepare("SELECT id, saved_at, author, note FROM report_revision WHERE year = ?1 ORDER BY id DESC")?
            .query_map([year], |r| Ok(Revision { id: r.get(0)?, saved_at: r.get(1)?, author: r.get(2)?, note: r.get(3)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Report {
            year,
            title: report_title(&figures, year),
            is_final,
            dated: dated.as_deref().and_then(dates::parse),
            paragraphs,
            rendered,
            figures: figures
                .into_iter()
                .map(|(name, value)| Figure { name, value })
                .collect(),
            unknown_figures: unknown,
            revisions,
            responsibility: self.list_items(year, ListKind::Responsibility)?,
            rectification: self.list_items(year, ListKind::Rectification)?,
        })
    }

    fn refuse_final(&self, year: i32) -> Result<()> {
        let is_final: Option<bool> = self
            .conn
            .query_row("SELECT final FROM report WHERE year = ?1", [year], |r| {
                r.get(0)
            })
            .optional()?;
        match is_final {
            None => Err(Error::not_found("这一年的述职报告")),
            Some(true) => Err(Error::new(
                ErrorKind::Conflict,
                format!("{year}年度述职报告已定稿，如需修改请先“重新打开”"),
            )),
            Some(false) => Ok(()),
        }
    }

    /// Saves the secretary's text: paragraphs whose text changed become theirs; a new
    /// paragraph (key starting `custom.`) is added at the end of its section.
    pub fn save_report(
        &mut self,
        year: i32,
        edits: &[ParagraphEdit],
        author: &str,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Report> {
        self.refuse_final(year)?;
        let mut paragraphs = self.current_paragraphs(year)?;
        let mut c = Check::default();
        for e in edits {
            let text = c.text("paragraphs", "段落", &e.text, 5_000);
            if c.errors.is_empty() {
                match paragraphs.iter_mut().find(|p| p.key == e.key) {
                    Some(p) if p.text != text => {
                        p.text = text;
                        p.edited = true;
                    }
                    Some(_) => {}
                    None if e.key.starts_with("custom.") => {
                        let section = e.key.split('.').nth(1).unwrap_or("s1").to_string();
                        let at = paragraphs
                            .iter()
                            .rposition(|p| p.section == section)
                            .map_or(paragraphs.len(), |i| i + 1);
                        paragraphs.insert(
                            at,
                            Paragraph {
                                key: e.key.clone(),
                                section,
                                kind: ParagraphKind::Text,
                                text,
                                edited: true,
                            },
                        );
                    }
                    None => c.fail("paragraphs", "报告中没有这个段落，请刷新后重试"),
                }
            }
        }
        c.finish()?;
        // An emptied paragraph the secretary wrote is removed; generated ones are kept empty.
        paragraphs.retain(|p| !(p.key.starts_with("custom.") && p.text.trim().is_empty()));
        self.save_revision(year, &paragraphs, now, author, "修改")?;
        // What the draft kept is saved now.
        self.clear_report_draft(year)?;
        self.load_report(year, today)
    }

    /// Keeps the editor's unsaved changes between explicit saves (typed, not yet 保存): they
    /// survive leaving the page or closing the program, and make no revision.
    pub fn save_report_draft(
        &mut self,
        year: i32,
        edits: &[ParagraphEdit],
        now: NaiveDateTime,
    ) -> Result<()> {
        self.refuse_final(year)?;
        if edits.is_empty() {
            return self.clear_report_draft(year);
        }
        let mut c = Check::default();
        for e in edits {
            c.text("paragraphs", "段落", &e.text, 5_000);
        }
        c.finish()?;
        let draft = ReportDraft {
            saved_at: now,
            edits: edits.to_vec(),
        };
        let json = serde_json::to_string(&draft)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        self.set_setting(&draft_key(year), &json)
    }

    /// The unsaved changes kept for the year's report, if any.
    pub fn report_draft(&self, year: i32) -> Result<Option<ReportDraft>> {
        // A draft that no longer reads (a newer program's, say) is left as if there were none.
        Ok(self
            .setting(&draft_key(year))?
            .and_then(|json| serde_json::from_str(&json).ok()))
    }

    pub fn clear_report_draft(&mut self, year: i32) -> Result<()> {
        self.remove_setting(&draft_key(year))
    }

    /// Brings the draft up to date with the records: untouched paragraphs are regenerated
    /// (the problems found may change); everything the secretary wrote stays as written.
    pub fn refresh_report(
        &mut self,
        year: i32,
        author: &str,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Report> {
        self.refuse_final(year)?;
        let old = self.current_paragraphs(year)?;
        let figures = figures(self, year, today)?;
        let fresh = self.generate(year, &figures)?;
        let mut merged: Vec<Paragraph> = Vec::new();
        let sections: Vec<String> =
            fresh
                .iter()
                .map(|p| p.section.clone())
                .fold(Vec::new(), |mut v, s| {
                    if !v.contains(&s) {
                        v.push(s);
                    }
                    v
                });
        for section in &sections {
            for p in fresh.iter().filter(|p| &p.section == section) {
                match old.iter().find(|o| o.key == p.key && o.edited) {
                    Some(o) => merged.push(o.clone()),
                    None => merged.push(p.clone()),
                }
            }
            // The secretary's own paragraphs, and edited ones whose fact went away, stay.
            for o in old.iter().filter(|o| {
                &o.section == section && o.edited && !fresh.iter().any(|p| p.key == o.key)
            }) {
                merged.push(o.clone());
            }
        }
        self.save_revision(year, &merged, now, author, "刷新数据")?;
        self.load_report(year, today)
    }

    /// Makes an earlier revision the current one (as a new revision; nothing is lost).
    pub fn restore_report(
        &mut self,
        year: i32,
        revision_id: i64,
        author: &str,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Report> {
        self.refuse_final(year)?;
        let (content, saved_at): (String, String) = self
            .conn
            .query_row(
                "SELECT content, saved_at FROM report_revision WHERE id = ?1 AND year = ?2",
                params![revision_id, year],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("这个版本"))?;
        let paragraphs: Vec<Paragraph> = serde_json::from_str(&content)
            .map_err(|_| Error::new(ErrorKind::Corrupt, "这个版本的内容已损坏"))?;
        self.save_revision(
            year,
            &paragraphs,
            now,
            author,
            &format!("恢复到{saved_at}的版本"),
        )?;
        self.load_report(year, today)
    }

    /// Dates the report (its 落款日期), or leaves it to the day of printing (empty). A report
    /// is dated in its year or the next (most are handed in between December and March).
    pub fn set_report_date(&mut self, year: i32, date: &str, today: NaiveDate) -> Result<Report> {
        self.refuse_final(year)?;
        let date = date.trim();
        let dated = if date.is_empty() {
            None
        } else {
            let d = dates::parse(date).ok_or_else(|| {
                Error::field(
                    "dated",
                    format!("“{date}”不是有效的日期，应写成2026-01-15这样的形式"),
                )
            })?;
            if d.year() != year && d.year() != year + 1 {
                return Err(Error::field(
                    "dated",
                    format!("{year}年度的述职报告应落款在{year}年或{}年", year + 1),
                ));
            }
            Some(d.to_string())
        };
        // refuse_final has found the report (or said it is not there).
        self.conn.execute(
            "UPDATE report SET dated = ?2 WHERE year = ?1",
            params![year, dated],
        )?;
        self.load_report(year, today)
    }

    /// Marks the report final (read-only) or reopens it. Finalizing sends this year's
    /// problems to next year's rectification list.
    pub fn set_report_final(
        &mut self,
        year: i32,
        is_final: bool,
        today: NaiveDate,
    ) -> Result<Report> {
        let n = self.conn.execute(
            "UPDATE report SET final = ?2 WHERE year = ?1",
            params![year, is_final],
        )?;
        if n == 0 {
            return Err(Error::not_found("这一年的述职报告"));
        }
        self.load_report(year, today)
    }
}

fn draft_key(year: i32) -> String {
    format!("report_draft.{year}")
}
