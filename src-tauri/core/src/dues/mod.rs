//! The dues ledger (党费): each member's standard for the year (fixed at the start of the year
//! from the versioned rules, or overridden with a reason), monthly collection entered a whole
//! month at a time, arrears counted toward the six-month rule, and the yearly ledger.
pub mod standard;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::error::{Error, Result};
use crate::member::Member;
use crate::member::{in_branch_on, member_on};
use crate::store::Store;
pub use standard::{yuan, Assessed, DuesCategory};

/// A member's standard for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DuesBasis {
    pub category: DuesCategory,
    /// Monthly after-tax pay or pension, in fen.
    #[ts(type = "number | null")]
    pub income_fen: Option<i64>,
    /// The version of the rules the amount was computed with ("2008").
    pub standard: String,
    #[ts(type = "number")]
    pub computed_fen: i64,
    /// 执行标准: "1%", "0.2元/月".
    pub rule: String,
    #[ts(type = "number | null")]
    pub override_fen: Option<i64>,
    pub override_reason: String,
    /// 月应缴: the branch's own amount where set, else the computed one.
    #[ts(type = "number")]
    pub monthly_fen: i64,
}

impl DuesBasis {
    pub fn monthly_fen(&self) -> i64 {
        self.monthly_fen
    }
}

/// What the secretary enters for a member's year. Amounts in yuan as typed ("4,800.50").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct DuesBasisInput {
    pub category: Option<DuesCategory>,
    pub income: String,
    /// A monthly amount set by the branch instead of the computed one.
    pub override_amount: String,
    pub override_reason: String,
}

/// One month of one member's year in the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DuesMonth {
    pub month: u32,
    /// A member of the branch that month (probationary members from the admission month).
    pub due: bool,
    #[ts(type = "number | null")]
    pub paid_fen: Option<i64>,
    pub paid_on: Option<NaiveDate>,
    /// Paid by someone else for the member.
    pub proxy: String,
    /// Due, unpaid, and the month has ended (this month's dues are collected during it).
    pub overdue: bool,
    /// A member here that month, but the month ended before the records start (建账前):
    /// not asked for, shown as —, and an older payment can still be recorded.
    pub before_records: bool,
}

/// A member's line of the yearly ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DuesRow {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub basis: Option<DuesBasis>,
    /// The category a new standard starts from: 离退休 for a member marked retired in the
    /// roster, 在职 otherwise (entered once there, not chosen again here).
    pub usual_category: DuesCategory,
    pub months: Vec<DuesMonth>,
    /// 全年应缴: the monthly amount times the months due.
    #[ts(type = "number")]
    pub due_fen: i64,
    /// 全年实缴.
    #[ts(type = "number")]
    pub paid_fen: i64,
    /// Months due up to today, unpaid, counted back from the latest due month.
    pub unpaid_months: u32,
}

/// The ledger of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DuesYear {
    pub year: i32,
    pub rows: Vec<DuesRow>,
    #[ts(type = "number")]
    pub due_fen: i64,
    #[ts(type = "number")]
    pub paid_fen: i64,
    /// Collected per month, January first.
    #[ts(type = "number[]")]
    pub month_paid_fen: Vec<i64>,
    /// Members without a standard for the year yet.
    pub without_basis: u32,
    /// Whether the local row “无固定收入的流动党员” is in use (a setting; not in the 2008 text).
    pub local_mobile: bool,
}

/// Recording payments: who, which months, when, and by whom.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct PaymentInput {
    #[ts(type = "number[]")]
    pub member_ids: Vec<i64>,
    pub year: i32,
    pub months: Vec<u32>,
    pub paid_on: String,
    /// Who paid for the member, when not the member.
    pub proxy: String,
}

/// The outcome of recording payments, with the rules it touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PaymentResult {
    pub recorded: u32,
    /// E.g. back payment of more than six months.
    pub warnings: Vec<String>,
    pub ledger: DuesYear,
}

/// Back payment (补缴) is limited to six months by the rules.
pub const BACK_PAYMENT_MONTHS: u32 = 6;

/// "4800", "4,800.50", "4800元", "￥4800" → fen.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let t: String = text
        .trim()
        .trim_start_matches(['￥', '¥'])
        .trim_end_matches('元')
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    if t.is_empty() {
        return None;
    }
    let (whole, part) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || part.len() > 2
        || !part.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 9
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let part: i64 = format!("{part:0<2}").parse().ok()?;
    Some(whole * 100 + part)
}

/// The last day of a month.
pub fn last_day(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MIN)
}

impl Store {
    fn dues_basis(&self, member_id: i64, year: i32) -> Result<Option<DuesBasis>> {
        Ok(self
            .conn
            .query_row(
                "SELECT category, income_fen, standard, computed_fen, rule, override_fen, override_reason
                 FROM dues_basis WHERE member_id = ?1 AND year = ?2",
                params![member_id, year],
                read_basis,
            )
            .optional()?)
    }

    /// Sets a member's standard for a year: computed from the category and income with the
    /// current rules, or the branch's own amount with a reason.
    /// Whether the branch uses the local row for mobile members without fixed income.
    pub fn dues_local_mobile(&self) -> Result<bool> {
        Ok(self.setting("dues_local_mobile")?.as_deref() == Some("1"))
    }

    /// Turns the local row on or off; standards already set with it stay as they are.
    pub fn set_dues_local_mobile(&mut self, on: bool) -> Result<()> {
        self.immediate(|s| s.set_setting("dues_local_mobile", if on { "1" } else { "0" }))
    }

    pub fn set_dues_basis(
        &mut self,
        member_id: i64,
        year: i32,
        input: &DuesBasisInput,
    ) -> Result<DuesBasis> {
        self.member(member_id)?;
        let mut c = Check::default();
        let standard = standard::current_standard();
        let category = input.category;
        if category.is_none() {
            c.fail("category", "请选择收入类别");
        }
        let income = parse_yuan(&input.income);
        if !input.income.trim().is_empty() && income.is_none() {
            c.fail("income", "月收入应为金额，如 4800 或 4800.50");
        }
        if category == Some(DuesCategory::MobileNoIncome) && !self.dues_local_mobile()? {
            c.fail(
                "category",
                "“无固定收入的流动党员每月0.5元”是部分地方的规定，2008年中组部党费规定中没有这一档；上级有此规定的，请先在党费页面启用",
            );
        }
        if category.is_some_and(|k| k.needs_income()) && input.income.trim().is_empty() {
            c.fail(
                "income",
                "请填写月工资收入（税后）或实际领取的离退休费（养老金）总额，按它计算月应缴党费",
            );
        }
        let override_reason = c.text("override_reason", "原因", &input.override_reason, 200);
        let override_fen = if input.override_amount.trim().is_empty() {
            None
        } else {
            let v = parse_yuan(&input.override_amount);
            if v.is_none() {
                c.fail("override_amount", "金额应为数字，如 50 或 0.5");
            }
            if override_reason.is_empty() {
                c.fail(
                    "override_reason",
                    "不按标准计算时，请写明原因（如经支部研究自愿多交）",
                );
            }
            v
        };
        c.finish()?;
        let category = category.ok_or_else(|| Error::field("category", "请选择收入类别"))?;
        let income_fen = if category.needs_income() {
            income
        } else {
            None
        };
        let assessed = standard
            .assess(category, income_fen)
            .ok_or_else(|| Error::field("income", "请填写月收入"))?;
        self.conn.execute(
            "INSERT INTO dues_basis (member_id, year, category, income_fen, standard, computed_fen, rule, override_fen, override_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (member_id, year) DO UPDATE SET category = excluded.category,
               income_fen = excluded.income_fen, standard = excluded.standard,
               computed_fen = excluded.computed_fen, rule = excluded.rule,
               override_fen = excluded.override_fen, override_reason = excluded.override_reason",
            params![
                member_id,
                year,
                category.code(),
                income_fen,
                standard.version,
                assessed.monthly_fen,
                assessed.rule,
                override_fen,
                override_reason,
            ],
        )?;
        self.dues_basis(member_id, year)?
            .ok_or_else(|| Error::not_found("党费标准"))
    }

    /// The ledger of a year as of `today`: everyone who was a member of the branch in any month
    /// of it, in surname-stroke order.
    pub fn dues_year(&self, year: i32, today: NaiveDate) -> Result<DuesYear> {
        self.dues_ledger(year, today, true, &self.all_members()?)
    }

    /// The ledger; unsorted when only counted (stroke order costs a third of the time).
    pub(crate) fn dues_ledger(
        &self,
        year: i32,
        today: NaiveDate,
        in_stroke_order: bool,
        members: &[Member],
    ) -> Result<DuesYear> {
        let timeline = self.membership_timeline()?;
        // Months that ended before the records start are not asked for (shown as —); a
        // payment recorded for one still shows.
        let records_from = self.records_from()?;
        // Dues are paid to the branch that holds the membership (2008年规定第十条); a member
        // whose 组织关系 is elsewhere is in this ledger only when paying here was arranged.
        let mut people: Vec<_> = members
            .iter()
            .filter(|m| m.pays_dues_here())
            .map(|m| {
                // (a member here that month, the month within the records)
                let due: Vec<(bool, bool)> = (1..=12)
                    .map(|month| {
                        let end = last_day(year, month);
                        (
                            member_on(m, end)
                                && timeline.get(&m.id).is_some_and(|e| in_branch_on(e, end)),
                            records_from.is_none_or(|r| end >= r),
                        )
                    })
                    .collect();
                (m, due)
            })
            .filter(|(_, due)| due.iter().any(|d| d.0))
            .collect();
        if in_stroke_order {
            people.sort_by(|a, b| crate::strokes::compare_names(&a.0.name, &b.0.name));
        }

        let mut bases: HashMap<i64, DuesBasis> = HashMap::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT member_id, category, income_fen, standard, computed_fen, rule, override_fen, override_reason
                 FROM dues_basis WHERE year = ?1",
            )?;
            let rows =
                stmt.query_map([year], |r| Ok((r.get::<_, i64>(0)?, read_basis_at(r, 1)?)))?;
            for row in rows {
                let (id, b) = row?;
                bases.insert(id, b);
            }
        }
        let mut paid: HashMap<(i64, u32), (i64, NaiveDate, String)> = HashMap::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT member_id, month, amount_fen, paid_on, proxy FROM dues_payment WHERE year = ?1",
            )?;
            let rows = stmt.query_map([year], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            for row in rows {
                let (id, month, fen, on, proxy) = row?;
                let on = crate::dates::parse(&on).unwrap_or(NaiveDate::MIN);
                paid.insert((id, month), (fen, on, proxy));
            }
        }

        let mut month_paid_fen = vec![0; 12];
        let mut rows = Vec::new();
        for (m, due) in people {
            let basis = bases.remove(&m.id);
            let monthly = basis.as_ref().map(DuesBasis::monthly_fen).unwrap_or(0);
            let months: Vec<DuesMonth> = (1..=12u32)
                .map(|month| {
                    let p = paid.get(&(m.id, month));
                    if let Some((fen, _, _)) = p {
                        month_paid_fen[month as usize - 1] += fen;
                    }
                    let (here, recorded) = due[month as usize - 1];
                    let is_due = here && recorded;
                    DuesMonth {
                        month,
                        due: is_due,
                        before_records: here && !recorded,
                        paid_fen: p.map(|x| x.0),
                        paid_on: p.map(|x| x.1),
                        proxy: p.map(|x| x.2.clone()).unwrap_or_default(),
                        overdue: is_due && p.is_none() && last_day(year, month) < today,
                    }
                })
                .collect();
            let due_count = months.iter().filter(|x| x.due).count() as i64;
            // Counted back from the last due month that has ended, unpaid ones in a row.
            let unpaid_months = months
                .iter()
                .rev()
                .filter(|x| x.due && last_day(year, x.month) < today)
                .take_while(|x| x.overdue)
                .count() as u32;
            rows.push(DuesRow {
                member_id: m.id,
                name: m.name.clone(),
                due_fen: monthly * due_count,
                paid_fen: months.iter().filter_map(|x| x.paid_fen).sum(),
                basis,
                usual_category: if m.retired {
                    DuesCategory::Retired
                } else {
                    DuesCategory::InService
                },
                months,
                unpaid_months,
            });
        }
        Ok(DuesYear {
            year,
            due_fen: rows.iter().map(|r| r.due_fen).sum(),
            paid_fen: rows.iter().map(|r| r.paid_fen).sum(),
            without_basis: rows.iter().filter(|r| r.basis.is_none()).count() as u32,
            rows,
            month_paid_fen,
            local_mobile: self.dues_local_mobile()?,
        })
    }

    /// Records payments at each member's monthly amount for the months given: a whole month
    /// for everyone at once, a quarter for one member, or a payment by proxy. Months not due
    /// or already paid are left as they are; all of it is one transaction.
    pub fn record_dues(&mut self, input: &PaymentInput, today: NaiveDate) -> Result<PaymentResult> {
        self.immediate(|s| s.record_dues_checked(input, today))
    }

    fn record_dues_checked(
        &mut self,
        input: &PaymentInput,
        today: NaiveDate,
    ) -> Result<PaymentResult> {
        let mut c = Check::default();
        let paid_on = c.date("paid_on", "交纳日期", Some(&input.paid_on), today);
        if input.paid_on.trim().is_empty() {
            c.fail("paid_on", "请填写交纳日期");
        }
        if input.member_ids.is_empty() {
            c.fail("member_ids", "请选择交纳党费的党员");
        }
        if input.months.is_empty() || input.months.iter().any(|m| !(1..=12).contains(m)) {
            c.fail("months", "请选择月份");
        }
        c.finish()?;
        let paid_on = paid_on.unwrap_or(today);
        let ledger = self.dues_year(input.year, today)?;
        let mut warnings = Vec::new();
        // Inside the transaction the caller opened: the checks above saw what this writes on.
        let tx = &self.conn;
        let mut recorded = 0;
        let mut no_basis = Vec::new();
        for id in &input.member_ids {
            let Some(row) = ledger.rows.iter().find(|r| r.member_id == *id) else {
                continue;
            };
            let Some(basis) = &row.basis else {
                no_basis.push(row.name.clone());
                continue;
            };
            for month in &input.months {
                let cell = &row.months[*month as usize - 1];
                if !(cell.due || cell.before_records) || cell.paid_fen.is_some() {
                    continue;
                }
                let owed_from = NaiveDate::from_ymd_opt(input.year, *month, 1).unwrap_or(paid_on);
                let months_late = (paid_on.year() - owed_from.year()) * 12 + paid_on.month() as i32
                    - owed_from.month() as i32;
                if months_late > BACK_PAYMENT_MONTHS as i32 {
                    warnings.push(format!(
                        "{}补缴{}年{}月的党费，已相隔{}个月，超过了补缴一般不超过6个月的规定",
                        row.name, input.year, month, months_late
                    ));
                }
                tx.execute(
                    "INSERT INTO dues_payment (member_id, year, month, amount_fen, paid_on, method, proxy)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        id,
                        input.year,
                        month,
                        basis.monthly_fen(),
                        paid_on.format("%Y-%m-%d").to_string(),
                        if input.proxy.trim().is_empty() { "self" } else { "proxy" },
                        input.proxy.trim()
                    ],
                )?;
                recorded += 1;
            }
        }
        if !no_basis.is_empty() {
            return Err(Error::field(
                "member_ids",
                format!(
                    "{}还没有{}年的党费标准，请先填写收入类别和月收入",
                    no_basis.join("、"),
                    input.year
                ),
            ));
        }
        Ok(PaymentResult {
            recorded,
            warnings,
            ledger: self.dues_year(input.year, today)?,
        })
    }

    /// Members whose dues are unpaid for `min_months` or more months in a row up to
    /// `today` (crossing into last year), longest first; empty while the branch keeps no
    /// dues ledger in the program.
    pub fn dues_arrears(&self, today: NaiveDate, min_months: u32) -> Result<Vec<(String, u32)>> {
        Ok(self
            .dues_arrears_of(today, min_months, &self.all_members()?)?
            .into_iter()
            .map(|(_, name, months)| (name, months))
            .collect())
    }

    /// [`Self::dues_arrears`] over a roster already read (the home page reads it once).
    pub(crate) fn dues_arrears_of(
        &self,
        today: NaiveDate,
        min_months: u32,
        members: &[Member],
    ) -> Result<Vec<(i64, String, u32)>> {
        let keeps_ledger: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM dues_basis WHERE year >= ?1)",
            [today.year() - 1],
            |r| r.get(0),
        )?;
        if !keeps_ledger {
            return Ok(Vec::new());
        }
        let this = self.dues_ledger(today.year(), today, false, members)?;
        // Last year's ledger only matters for runs that reach back to January.
        let mut last: Option<DuesYear> = None;
        let mut list = Vec::new();
        for row in &this.rows {
            let mut months = row.unpaid_months;
            // A run reaching back to January continues from December.
            let first_due_unpaid = row
                .months
                .iter()
                .find(|m| m.due)
                .is_some_and(|m| m.month == 1 && m.paid_fen.is_none());
            let due_so_far = row
                .months
                .iter()
                .filter(|m| m.due && last_day(today.year(), m.month) < today)
                .count() as u32;
            if first_due_unpaid && months == due_so_far {
                if last.is_none() {
                    last = Some(self.dues_ledger(today.year() - 1, today, false, members)?);
                }
                if let Some(prev) = last
                    .as_ref()
                    .and_then(|l| l.rows.iter().find(|r| r.member_id == row.member_id))
                {
                    months += prev.unpaid_months;
                }
            }
            if months >= min_months {
                list.push((row.member_id, row.name.clone(), months));
            }
        }
        list.sort_by_key(|e| std::cmp::Reverse(e.2));
        Ok(list)
    }

    /// Takes back a payment entered by mistake.
    pub fn delete_dues_payment(&mut self, member_id: i64, year: i32, month: u32) -> Result<()> {
        let n = self.conn.execute(
            "DELETE FROM dues_payment WHERE member_id = ?1 AND year = ?2 AND month = ?3",
            params![member_id, year, month],
        )?;
        if n == 0 {
            return Err(Error::not_found("这笔党费记录"));
        }
        Ok(())
    }
}

fn read_basis(r: &rusqlite::Row) -> rusqlite::Result<DuesBasis> {
    read_basis_at(r, 0)
}

fn read_basis_at(r: &rusqlite::Row, i: usize) -> rusqlite::Result<DuesBasis> {
    let category: String = r.get(i)?;
    let computed_fen = r.get(i + 3)?;
    let override_fen: Option<i64> = r.get(i + 5)?;
    Ok(DuesBasis {
        category: DuesCategory::parse(&category).unwrap_or(DuesCategory::InService),
        income_fen: r.get(i + 1)?,
        standard: r.get(i + 2)?,
        computed_fen,
        rule: r.get(i + 4)?,
        override_fen,
        override_reason: r.get(i + 6)?,
        monthly_fen: override_fen.unwrap_or(computed_fen),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_yuan("4800"), Some(480_000));
        assert_eq!(parse_yuan("4,800.5"), Some(480_050));
        assert_eq!(parse_yuan("￥4800元"), Some(480_000));
        assert_eq!(parse_yuan("0.2"), Some(20));
        for bad in ["", "abc", "1.234", "-5", "1e5", "四千"] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
    }
}
