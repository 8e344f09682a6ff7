//! 发展党员工作情况: who is in development and how far each has come, and every step the
//! branch recorded in the year — what the superior committee checks against its own 发展计划.
use chrono::NaiveDate;
use zhibu_typeset::{Align, Block, Document, Orientation, Table};

use super::col;
use crate::dates::format_cn;
use crate::error::Result;
use crate::store::Store;

impl Store {
    pub fn development_document(&self, year: i32, today: NaiveDate) -> Result<Document> {
        let branch = self.branch()?;
        let as_of = NaiveDate::from_ymd_opt(year, 12, 31)
            .unwrap_or(today)
            .min(today);
        let people = self.development(as_of)?;
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Title(format!("{year}年度发展党员工作情况")));
        d.push(Block::Line {
            text: format!("党组织名称：{}", branch.name),
            align: Align::Left,
        });
        // As the year ended: each person's steps up to then, where the last of them put them
        // (the 支部大会's vote, step 15, makes a 预备党员), and the step that came next.
        // Someone whose first step came later is not listed.
        let stage_label = |step: u8| match step {
            0..=2 => "入党申请人",
            3..=6 => "入党积极分子",
            7..=14 => "发展对象",
            15..=23 => "预备党员",
            _ => "正式党员",
        };
        let rows: Vec<Vec<String>> = people
            .iter()
            .filter_map(|p| {
                let done: Vec<_> = p.steps.iter().filter(|s| s.date <= as_of).collect();
                let last = done.last();
                if last.is_none() && !p.steps.is_empty() {
                    return None;
                }
                let stage = last
                    .map(|s| stage_label(s.step).to_string())
                    .unwrap_or_else(|| p.category.label().to_string());
                let next = last
                    .and_then(|s| {
                        crate::development::STEPS
                            .iter()
                            .find(|d| d.number == s.step + 1)
                    })
                    .map(|d| d.title.to_string())
                    .unwrap_or_default();
                Some(vec![
                    p.name.clone(),
                    stage,
                    last.map(|s| format!("{}（{}）", s.title, format_cn(s.date)))
                        .unwrap_or_else(|| "建账前已在此阶段".into()),
                    next,
                ])
            })
            .enumerate()
            .map(|(i, mut row)| {
                row.insert(0, (i + 1).to_string());
                row
            })
            .collect();
        d.push(Block::Line {
            text: format!(
                "截至{}，在培养发展中的共{}人。",
                format_cn(as_of),
                rows.len()
            ),
            align: Align::Left,
        });
        if !rows.is_empty() {
            d.push(Block::Table(Table {
                columns: vec![
                    col("序号", 0.8, Align::Center),
                    col("姓名", 1.2, Align::Center),
                    col("所处阶段", 1.4, Align::Center),
                    col("最近一步", 3.0, Align::Left),
                    col("下一步", 3.0, Align::Left),
                ],
                rows,
            }));
        }
        // Every step recorded in the year, also of those who have since become full members.
        let mut stmt = self.conn.prepare(
            "SELECT s.date, m.name, s.step FROM development_step s
             JOIN member m ON m.id = s.member_id
             WHERE s.date BETWEEN ?1 AND ?2",
        )?;
        let mut steps: Vec<(NaiveDate, String, String)> = Vec::new();
        let rows = stmt.query_map(
            rusqlite::params![format!("{year}-01-01"), as_of.to_string()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u8>(2)?,
                ))
            },
        )?;
        for row in rows {
            let (date, name, step) = row?;
            let title = crate::development::STEPS
                .iter()
                .find(|s| s.number == step)
                .map(|s| s.title.to_string())
                .unwrap_or_default();
            if let Some(date) = crate::dates::parse(&date) {
                steps.push((date, name, title));
            }
        }
        steps.sort();
        d.push(Block::Line {
            text: format!("{year}年记录的发展步骤共{}项。", steps.len()),
            align: Align::Left,
        });
        if !steps.is_empty() {
            d.push(Block::Table(Table {
                columns: vec![
                    col("日期", 1.6, Align::Center),
                    col("姓名", 1.2, Align::Center),
                    col("步骤", 4.0, Align::Left),
                ],
                rows: steps
                    .into_iter()
                    .map(|(date, name, title)| vec![format_cn(date), name, title])
                    .collect(),
            }));
        }
        d.push(Block::Signatures(vec![
            "填报人：".into(),
            "支部书记（签字）：".into(),
        ]));
        Ok(d)
    }
}
