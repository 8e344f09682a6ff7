//! 述职评议表: the form the superior committee fills in at the review meeting — the parts of
//! the secretary's duty, each rated 好/较好/一般/差, an overall rating and the 点评意见. What was
//! recorded for the year (`Store::review`) is ticked and written in; the rest is left to fill
//! in by hand.
use zhibu_typeset::{Align, Block, Document, Orientation, Table};

use super::col;
use crate::error::Result;
use crate::report::RATINGS;
use crate::store::Store;

/// The parts a review rates, in the report's order.
const PARTS: [&str; 8] = [
    "政治建设和理论学习",
    "组织建设",
    "组织生活",
    "党员队伍建设",
    "党费收缴和经费保障",
    "阵地建设",
    "党建引领业务发展和服务群众",
    "落实责任清单和党风廉政建设",
];

impl Store {
    pub fn review_document(&self, year: i32) -> Result<Document> {
        let branch = self.branch()?;
        let review = self.review(year)?;
        let secretary = branch.secretary_name();
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Title(format!("{year}年度党支部书记述职评议表")));
        d.push(Block::Line {
            text: format!("党组织名称：{}", branch.name),
            align: Align::Left,
        });
        d.push(Block::Line {
            text: format!(
                "述职人：{}　　　　评议日期：{}",
                if secretary.is_empty() {
                    "　　　　".to_string()
                } else {
                    secretary
                },
                review
                    .reviewed_on
                    .map(crate::dates::format_cn)
                    .unwrap_or_else(|| "　　年　　月　　日".into())
            ),
            align: Align::Left,
        });
        let mut columns = vec![
            col("序号", 0.9, Align::Center),
            col("评议内容", 4.6, Align::Left),
        ];
        columns.extend(RATINGS.iter().map(|r| col(r, 1.0, Align::Center)));
        let mut rows: Vec<Vec<String>> = PARTS
            .iter()
            .enumerate()
            .map(|(i, part)| {
                let mut row = vec![(i + 1).to_string(), (*part).to_string()];
                row.extend(RATINGS.iter().map(|_| "□".to_string()));
                row
            })
            .collect();
        let mut overall = vec![String::new(), "总体评价".to_string()];
        overall.extend(RATINGS.iter().map(|r| {
            if review.rating.as_deref() == Some(*r) {
                "√".to_string()
            } else {
                "□".to_string()
            }
        }));
        rows.push(overall);
        d.push(Block::Table(Table { columns, rows }));
        d.push(Block::Line {
            text: "点评意见：".into(),
            align: Align::Left,
        });
        if review.points.is_empty() {
            // Lines to write on.
            for _ in 0..4 {
                d.push(Block::Space);
            }
        } else {
            for (i, p) in review.points.iter().enumerate() {
                d.push(Block::Paragraph(format!("{}. {}", i + 1, p.content)));
            }
        }
        d.push(Block::Signatures(vec![
            "评议人（签字）：".into(),
            "上级党组织（盖章）：".into(),
        ]));
        Ok(d)
    }
}
