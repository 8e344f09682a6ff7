//! 党内统计表: the year-end tables of [`crate::statistics`], each with its share of the members
//! where it describes their make-up, and a line for who compiled it.
use zhibu_typeset::{Align, Block, Document, Orientation, Table};

use super::col;
use crate::error::Result;
use crate::statistics::Statistics;
use crate::store::Store;

/// "12.5%" of `total`, or empty when there is no one to share among.
pub(crate) fn share(count: u32, total: u32) -> String {
    if total == 0 {
        String::new()
    } else {
        format!("{:.1}%", f64::from(count) * 100.0 / f64::from(total))
    }
}

pub(crate) fn statistics_document(stats: &Statistics) -> Document {
    let mut d = Document::new(Orientation::Portrait);
    d.push(Block::Title(format!("{}年度党内统计表", stats.year)));
    d.push(Block::Line {
        text: format!("党组织名称：{}", stats.branch),
        align: Align::Left,
    });
    d.push(Block::Line {
        text: format!("统计截止日期：{}", crate::dates::format_cn(stats.as_of)),
        align: Align::Left,
    });
    // Each table's title heads its first column, so no title is left at a page's foot
    // without its table.
    for (i, t) in stats.tables.iter().enumerate() {
        let title = format!(
            "{}、{}",
            zhibu_typeset::model::chinese_number(i + 1),
            t.title
        );
        let mut columns = vec![
            col(&title, 4.0, Align::Left),
            col("人数", 1.2, Align::Right),
        ];
        if t.shares {
            columns.push(col("占党员总数", 1.6, Align::Right));
        }
        let rows = t
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![r.label.clone(), r.count.to_string()];
                if t.shares {
                    row.push(share(r.count, stats.members));
                }
                row
            })
            .collect();
        d.push(Block::Table(Table { columns, rows }));
    }
    d.push(Block::Signatures(vec![
        "填报人：".into(),
        "审核人（支部书记）：".into(),
        "填报日期：".into(),
    ]));
    d
}

impl Store {
    pub fn statistics_document(&self, year: i32, today: chrono::NaiveDate) -> Result<Document> {
        Ok(statistics_document(&self.statistics(year, today)?))
    }
}
