//! 六有阵地检查表: a venue's check form as printed, filled in or blank.
use zhibu_typeset::{Align, Block, Document, Orientation, Table};

use super::col;
use crate::dates;
use crate::error::Result;
use crate::store::Store;

impl Store {
    /// The 六有 check form of a venue as printed: the latest check, or — with none recorded yet —
    /// the blank form of its standard to fill in by hand. Without any venue, the blank form
    /// of the default standard.
    pub fn venue_document(&self, venue_id: Option<i64>) -> Result<Document> {
        use crate::venue::VenueStandard;
        let branch = self.branch()?;
        let venue = match venue_id {
            Some(id) => Some(self.venue(id)?),
            None => self.venues()?.into_iter().next(),
        };
        let check = venue.as_ref().and_then(|v| v.checks.first().cloned());
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Title("党组织活动阵地“六有”建设情况检查表".into()));
        let place = venue.as_ref().map(|v| {
            format!(
                "{}{}",
                v.name,
                if v.address.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", v.address)
                }
            )
        });
        d.push(Block::Line {
            text: format!("党组织名称：{}", branch.name),
            align: Align::Left,
        });
        d.push(Block::Line {
            text: format!("活动阵地：{}", place.unwrap_or_default()),
            align: Align::Left,
        });
        let columns = vec![
            col("序号", 0.95, Align::Center),
            col("项目", 1.6, Align::Center),
            col("标准", 3.85, Align::Left),
            col("情况", 1.1, Align::Center),
            col("说明", 2.6, Align::Left),
            col("备注", 1.2, Align::Left),
        ];
        // (项目, 标准, 情况, 说明, 备注): the latest check, or the blank form of the standard.
        const BLANK: &str = "有□ 部分□ 无□";
        let items: Vec<[String; 5]> = match (&venue, &check) {
            (_, Some(c)) => c
                .items
                .iter()
                .map(|it| {
                    [
                        it.title.clone(),
                        it.requirement.clone(),
                        it.status.label().into(),
                        it.explanation.clone(),
                        it.remark.clone(),
                    ]
                })
                .collect(),
            (Some(v), None) => v
                .items
                .iter()
                .map(|it| {
                    [
                        it.title.clone(),
                        it.requirement.clone(),
                        BLANK.into(),
                        String::new(),
                        String::new(),
                    ]
                })
                .collect(),
            (None, None) => VenueStandard::Basic
                .items()
                .iter()
                .map(|(t, r)| {
                    [
                        t.to_string(),
                        r.to_string(),
                        BLANK.into(),
                        String::new(),
                        String::new(),
                    ]
                })
                .collect(),
        };
        let rows = items
            .into_iter()
            .enumerate()
            .map(|(i, row)| std::iter::once((i + 1).to_string()).chain(row).collect())
            .collect();
        d.push(Block::Table(Table { columns, rows }));
        match &check {
            Some(c) => {
                d.push(Block::Line {
                    text: format!("达标{}项，共{}项。{}", c.met, c.items.len(), c.note),
                    align: Align::Left,
                });
                // One block with one left edge, the date's line included.
                d.push(Block::Signatures(vec![
                    format!("检查人：{}", c.checked_by),
                    "支部书记（签字）：".into(),
                    format!("检查日期：{}", dates::format_cn(c.date)),
                ]));
            }
            None => {
                d.push(Block::Signatures(vec![
                    "检查人（签字）：".into(),
                    "支部书记（签字）：".into(),
                    "检查日期：　　　　年　　月　　日".into(),
                ]));
            }
        }
        Ok(d)
    }
}
