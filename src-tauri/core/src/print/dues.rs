//! 党费收缴登记表: the dues ledger of a year as printed.
use chrono::NaiveDate;
use zhibu_typeset::{Align, Block, Document, Orientation, Table};

use super::col;
use crate::dates;
use crate::error::Result;
use crate::store::Store;

impl Store {
    /// 党费收缴登记表: one line per member (序号, 姓名, 月工资收入, 执行标准, 月应缴, 全年应缴,
    /// 全年实缴, 备注) and the totals, as the yearly published summary.
    pub fn dues_document(&self, year: i32, today: NaiveDate) -> Result<Document> {
        // Ledgers show money with two decimals.
        let yuan = |fen: i64| format!("{:.2}", fen as f64 / 100.0);
        let branch = self.branch()?;
        let ledger = self.dues_year(year, today)?;
        let mut d = Document::new(Orientation::Landscape);
        d.push(Block::Title(format!("{year}年度党费收缴登记表")));
        d.push(Block::Line {
            text: format!("党组织名称：{}　　　　（单位：元）", branch.name),
            align: Align::Left,
        });
        let columns = vec![
            col("序号", 0.7, Align::Center),
            col("姓名", 1.4, Align::Center),
            col("月工资收入", 1.6, Align::Right),
            col("执行标准", 1.3, Align::Center),
            col("月应缴", 1.2, Align::Right),
            col("全年应缴", 1.4, Align::Right),
            col("全年实缴", 1.4, Align::Right),
            col("备注", 2.4, Align::Left),
        ];
        let rows = ledger
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let b = r.basis.as_ref();
                let mut notes = Vec::new();
                if let Some(b) = b.filter(|b| b.override_fen.is_some()) {
                    notes.push(b.override_reason.clone());
                }
                let due_months = r.months.iter().filter(|m| m.due).count();
                if due_months < 12 {
                    notes.push(format!("应缴{due_months}个月"));
                }
                if r.unpaid_months > 0 {
                    notes.push(format!("欠缴{}个月", r.unpaid_months));
                }
                if b.is_none() {
                    notes.push("未定标准".into());
                }
                vec![
                    (i + 1).to_string(),
                    r.name.clone(),
                    b.and_then(|b| b.income_fen).map(yuan).unwrap_or_default(),
                    b.map(|b| {
                        if b.override_fen.is_some() {
                            "支部确定".to_string()
                        } else {
                            b.rule.clone()
                        }
                    })
                    .unwrap_or_default(),
                    b.map(|b| yuan(b.monthly_fen())).unwrap_or_default(),
                    yuan(r.due_fen),
                    yuan(r.paid_fen),
                    notes.join("；"),
                ]
            })
            .collect();
        d.push(Block::Table(Table { columns, rows }));
        let fully_paid = ledger
            .rows
            .iter()
            .filter(|r| r.basis.is_some() && r.paid_fen >= r.due_fen)
            .count();
        d.push(Block::Paragraph(format!(
            "全年应缴党费{}元，实缴{}元；{}名党员中{}人已交清全年党费。",
            yuan(ledger.due_fen),
            yuan(ledger.paid_fen),
            ledger.rows.len(),
            fully_paid
        )));
        d.push(Block::Line {
            text: format!(
                "填表人：　　　　　　　　填表日期：{}",
                dates::format_cn(today)
            ),
            align: Align::Right,
        });
        Ok(d)
    }
}
