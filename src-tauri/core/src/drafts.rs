//! Documents drafted from the records that the secretary may reword before they go to the
//! superior committee: the 组织生活会 report and the 民主评议 report. Each paragraph has a key
//! (which record and which part of it); an edit is stored against the key and replaces the
//! drafted wording until it is taken back, while the draft itself keeps following the records.
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhibu_typeset::{Block, Document};

use crate::check::Check;
use crate::error::{Error, ErrorKind, Result};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DraftKind {
    /// 关于召开组织生活会情况的报告.
    LifeMeeting,
    /// 民主评议党员情况.
    MemberReview,
}

impl DraftKind {
    fn code(self) -> &'static str {
        match self {
            DraftKind::LifeMeeting => "life_meeting",
            DraftKind::MemberReview => "member_review",
        }
    }
}

/// One paragraph as the records draft it and as it will print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DraftParagraph {
    pub key: String,
    pub drafted: String,
    pub text: String,
    pub edited: bool,
}

/// A document being drafted: its blocks, and each paragraph's key and drafted wording.
pub(crate) struct Drafting<'a> {
    pub doc: Document,
    pub paragraphs: Vec<(String, String)>,
    edits: &'a HashMap<String, String>,
}

impl<'a> Drafting<'a> {
    pub fn new(doc: Document, edits: &'a HashMap<String, String>) -> Self {
        Drafting {
            doc,
            paragraphs: Vec::new(),
            edits,
        }
    }

    /// A paragraph under `key`: the secretary's wording if there is one, else the draft.
    pub fn para(&mut self, key: String, drafted: String) {
        let text = self
            .edits
            .get(&key)
            .cloned()
            .unwrap_or_else(|| drafted.clone());
        self.doc.push(Block::Paragraph(text));
        self.paragraphs.push((key, drafted));
    }
}

impl Store {
    pub(crate) fn draft_edits(
        &self,
        kind: DraftKind,
        year: i32,
    ) -> Result<HashMap<String, String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, text FROM document_edit WHERE kind = ?1 AND year = ?2")?;
        let rows = stmt.query_map(rusqlite::params![kind.code(), year], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn drafting<'a>(
        &self,
        kind: DraftKind,
        year: i32,
        today: NaiveDate,
        edits: &'a HashMap<String, String>,
    ) -> Result<Drafting<'a>> {
        match kind {
            DraftKind::LifeMeeting => self.life_meeting_drafting(year, today, edits),
            DraftKind::MemberReview => self.member_review_drafting(year, today, edits),
        }
    }

    /// The document as it prints: drafted from the records, with the secretary's rewording.
    pub fn drafted_document(
        &self,
        kind: DraftKind,
        year: i32,
        today: NaiveDate,
    ) -> Result<Document> {
        let edits = self.draft_edits(kind, year)?;
        Ok(self.drafting(kind, year, today, &edits)?.doc)
    }

    /// Each paragraph's key and drafted wording, without any rewording.
    fn drafting_of(
        &self,
        kind: DraftKind,
        year: i32,
        today: NaiveDate,
    ) -> Result<Vec<(String, String)>> {
        Ok(self
            .drafting(kind, year, today, &HashMap::new())?
            .paragraphs)
    }

    /// The paragraphs of a drafted document, each with its drafted and its printed wording.
    pub fn draft_paragraphs(
        &self,
        kind: DraftKind,
        year: i32,
        today: NaiveDate,
    ) -> Result<Vec<DraftParagraph>> {
        let edits = self.draft_edits(kind, year)?;
        Ok(self
            .drafting_of(kind, year, today)?
            .into_iter()
            .map(|(key, drafted)| {
                let edited = edits.get(&key).filter(|t| **t != drafted).cloned();
                DraftParagraph {
                    text: edited.clone().unwrap_or_else(|| drafted.clone()),
                    edited: edited.is_some(),
                    key,
                    drafted,
                }
            })
            .collect())
    }

    /// Rewords one paragraph; an empty text, or the drafted wording itself, takes the edit back.
    pub fn save_draft_paragraph(
        &mut self,
        kind: DraftKind,
        year: i32,
        key: &str,
        text: &str,
        today: NaiveDate,
    ) -> Result<Vec<DraftParagraph>> {
        let mut c = Check::default();
        let text = c.text("text", "这一段", text, 2000);
        c.finish()?;
        let drafted = self
            .drafting_of(kind, year, today)?
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, d)| d)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Conflict,
                    "这一段已不在草稿中（记录有了变化），请重新打开后再修改",
                )
            })?;
        if text.is_empty() || text == drafted {
            self.conn.execute(
                "DELETE FROM document_edit WHERE kind = ?1 AND year = ?2 AND key = ?3",
                rusqlite::params![kind.code(), year, key],
            )?;
        } else {
            self.conn.execute(
                "INSERT INTO document_edit (kind, year, key, text) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (kind, year, key) DO UPDATE SET text = excluded.text",
                rusqlite::params![kind.code(), year, key, text],
            )?;
        }
        self.draft_paragraphs(kind, year, today)
    }
}
