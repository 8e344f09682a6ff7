//! 党员花名册: the roster as printed.
use chrono::NaiveDate;
use zhibu_typeset::{Align, Block, Document, Orientation, Table};

use super::{col, ym};
use crate::dates;
use crate::error::Result;
use crate::roster::{RosterOrder, RosterQuery, StatusFilter};
use crate::store::Store;

impl Store {
    /// 党员花名册: the branch's members (full and probationary) in surname-stroke order; in a
    /// joint branch, one table per organization, in the branch's order of organizations.
    pub fn roster_document(&self, today: NaiveDate) -> Result<Document> {
        let branch = self.branch()?;
        let members: Vec<_> = self
            .roster(&RosterQuery {
                status: StatusFilter::Active,
                order: RosterOrder::Strokes,
                ..Default::default()
            })?
            .into_iter()
            .filter(|m| m.category.is_member())
            .collect();
        let mut d = Document::new(Orientation::Landscape);
        d.push(Block::Title("党员花名册".into()));
        d.push(Block::Line {
            text: format!(
                "党组织名称：{}　　　　截至{}　　共{}人",
                branch.name,
                dates::format_cn(today),
                members.len()
            ),
            align: Align::Left,
        });
        let columns = vec![
            col("序号", 0.8, Align::Center),
            col("姓名", 1.3, Align::Center),
            col("性别", 0.8, Align::Center),
            col("民族", 0.9, Align::Center),
            col("出生年月", 1.4, Align::Center),
            col("学历", 1.6, Align::Center),
            col("人员类别", 1.6, Align::Center),
            col("入党时间", 1.4, Align::Center),
            col("转正时间", 1.4, Align::Center),
            col("工作岗位", 2.0, Align::Left),
            col("党内职务", 1.5, Align::Center),
            col("备注", 1.8, Align::Left),
        ];
        let row = |i: usize, m: &crate::member::Member| {
            let mut notes = Vec::new();
            if m.is_mobile {
                notes.push("流动党员".to_string());
            }
            if m.lost_contact {
                notes.push("失联".to_string());
            }
            if m.membership_elsewhere {
                notes.push(format!("组织关系在{}", m.membership_org));
            }
            if m.probation_extension_months > 0 {
                notes.push(format!("预备期延长{}个月", m.probation_extension_months));
            }
            vec![
                (i + 1).to_string(),
                m.name.clone(),
                m.sex.label().into(),
                m.ethnicity.clone(),
                ym(Some(m.birth_date)),
                m.education.clone(),
                m.category.label().into(),
                ym(m.joined),
                ym(m.full_date),
                m.position_shown(),
                m.party_post.clone(),
                notes.join("；"),
            ]
        };
        let orgs = self.organizations()?;
        if orgs.len() > 1 {
            let mut groups: Vec<(String, Vec<&crate::member::Member>)> = orgs
                .iter()
                .map(|o| {
                    (
                        o.name.clone(),
                        members.iter().filter(|m| m.org_id == Some(o.id)).collect(),
                    )
                })
                .collect();
            let unplaced: Vec<_> = members.iter().filter(|m| m.org_id.is_none()).collect();
            if !unplaced.is_empty() {
                groups.push(("未填写工作单位".into(), unplaced));
            }
            for (name, list) in groups {
                if list.is_empty() {
                    // Named all the same: the superior wants to see which organization the
                    // joint branch reaches without members of its own.
                    d.push(Block::Line {
                        text: format!("{name}（无党员）"),
                        align: Align::Left,
                    });
                    continue;
                }
                d.push(Block::Line {
                    text: format!("{name}（{}人）", list.len()),
                    align: Align::Left,
                });
                let rows = list.iter().enumerate().map(|(i, m)| row(i, m)).collect();
                d.push(Block::Table(Table {
                    columns: columns.clone(),
                    rows,
                }));
            }
        } else {
            let rows = members.iter().enumerate().map(|(i, m)| row(i, m)).collect();
            d.push(Block::Table(Table { columns, rows }));
        }
        d.push(Block::Line {
            text: format!(
                "制表：{}　　　　填报日期：{}",
                branch.name,
                dates::format_cn(today)
            ),
            align: Align::Right,
        });
        Ok(d)
    }
}
