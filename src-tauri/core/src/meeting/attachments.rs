//! Photos kept with a meeting record, inside the data file so a backup carries them.
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::Store;

/// A photo kept with a meeting record (the bytes are fetched separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AttachmentInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub size: u32,
}

/// Photo types a meeting record keeps: what a phone or a scanner produces.
const PHOTO_TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/webp", "image/gif"];

impl Store {
    /// Keeps a photo inside the data file, so a backup carries it. Refused over the size in
    /// the rules, or when it is not a photo.
    pub fn add_attachment(
        &mut self,
        meeting_id: i64,
        name: &str,
        mime: &str,
        bytes: &[u8],
    ) -> Result<AttachmentInfo> {
        self.meeting(meeting_id)?;
        let limit = self.rules()?.attachment_max_bytes;
        if bytes.len() > limit as usize {
            return Err(Error::field(
                "attachment",
                format!(
                    "照片“{}”有{:.1}MB，超过了{:.0}MB的上限，请压缩后再添加",
                    name,
                    bytes.len() as f64 / 1_048_576.0,
                    f64::from(limit) / 1_048_576.0
                ),
            ));
        }
        if !PHOTO_TYPES.contains(&mime) || bytes.is_empty() {
            return Err(Error::field(
                "attachment",
                format!("“{name}”不是照片（支持 JPG、PNG、WebP、GIF）"),
            ));
        }
        let name: String = name.trim().chars().take(100).collect();
        self.conn.execute(
            "INSERT INTO attachment (meeting_id, name, mime, bytes) VALUES (?1, ?2, ?3, ?4)",
            params![meeting_id, name, mime, bytes],
        )?;
        Ok(AttachmentInfo {
            id: self.conn.last_insert_rowid(),
            name,
            mime: mime.into(),
            size: bytes.len() as u32,
        })
    }

    pub fn attachments(&self, meeting_id: i64) -> Result<Vec<AttachmentInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, mime, length(bytes) FROM attachment WHERE meeting_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([meeting_id], |r| {
            Ok(AttachmentInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                mime: r.get(2)?,
                size: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The photo's type and bytes.
    pub fn attachment(&self, id: i64) -> Result<(String, Vec<u8>)> {
        self.conn
            .query_row(
                "SELECT mime, bytes FROM attachment WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("这张照片"))
    }

    pub fn delete_attachment(&mut self, id: i64) -> Result<()> {
        if self
            .conn
            .execute("DELETE FROM attachment WHERE id = ?1", [id])?
            == 0
        {
            return Err(Error::not_found("这张照片"));
        }
        Ok(())
    }
}
