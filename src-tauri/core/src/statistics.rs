//! 党内统计: the year-end tables a branch reports to its superior committee, derived from the
//! roster and its moves — members by category, sex, ethnicity, age, education and 党龄 on
//! 31 December; the year's gains and losses; the people in development; and for a joint branch
//! the organizations it covers. Nothing here is entered: every figure is counted from records
//! the secretary keeps anyway.
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::member::{Category, Direction, Member, Sex};
use crate::store::Store;

/// One line of a table: what is counted and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatRow {
    pub label: String,
    pub count: u32,
}

/// One of the year-end tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatTable {
    pub title: String,
    /// Whether each row is a share of the members (a composition) rather than a count of its own.
    pub shares: bool,
    pub rows: Vec<StatRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Statistics {
    pub year: i32,
    /// 31 December of the year, or today while the year is not over.
    pub as_of: NaiveDate,
    pub branch: String,
    /// 党员总数: members whose 组织关系 is in the branch on `as_of`.
    pub members: u32,
    pub tables: Vec<StatTable>,
}

/// Age bands of the 党内统计 tables, by the upper age of each (inclusive).
pub const AGE_BANDS: [(&str, u32); 9] = [
    ("30岁及以下", 30),
    ("31岁至35岁", 35),
    ("36岁至40岁", 40),
    ("41岁至45岁", 45),
    ("46岁至50岁", 50),
    ("51岁至55岁", 55),
    ("56岁至60岁", 60),
    ("61岁至70岁", 70),
    ("71岁及以上", u32::MAX),
];

/// 党龄 bands (full years since 转正), by the upper bound of each (inclusive).
pub const STANDING_BANDS: [(&str, u32); 7] = [
    ("5年及以下", 5),
    ("6年至10年", 10),
    ("11年至20年", 20),
    ("21年至30年", 30),
    ("31年至40年", 40),
    ("41年至50年", 50),
    ("51年及以上", u32::MAX),
];

/// The education groups of the tables; a 学历 as typed is read into one of them.
pub const EDUCATION_GROUPS: [&str; 7] = [
    "研究生",
    "大学本科",
    "大学专科",
    "中专",
    "高中、中技",
    "初中及以下",
    "未填写",
];

/// The group of a 学历 as typed ("硕士研究生", "本科", "大专", ...).
pub fn education_group(text: &str) -> &'static str {
    let t = text.trim();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if t.is_empty() {
        "未填写"
    } else if has(&["博士", "硕士", "研究生"]) {
        "研究生"
    } else if has(&["本科", "学士"]) {
        "大学本科"
    } else if has(&["大专", "专科", "高职"]) && !has(&["中等专科"]) {
        "大学专科"
    } else if has(&["中专", "中等专科", "职高"]) {
        "中专"
    } else if has(&["高中", "中技", "技校"]) {
        "高中、中技"
    } else {
        "初中及以下"
    }
}

/// Full years from `from` to `to` (a birthday or anniversary on `to` counts).
pub fn full_years(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut y = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        y -= 1;
    }
    y.max(0) as u32
}

fn band(bands: &[(&'static str, u32)], value: u32) -> &'static str {
    bands
        .iter()
        .find(|(_, upper)| value <= *upper)
        .map(|(label, _)| *label)
        .unwrap_or_default()
}

fn table(title: &str, shares: bool, rows: Vec<(&str, usize)>) -> StatTable {
    StatTable {
        title: title.into(),
        shares,
        rows: rows
            .into_iter()
            .map(|(label, n)| StatRow {
                label: label.into(),
                count: n as u32,
            })
            .collect(),
    }
}

/// Counts by the labels of `order`, every label present even at 0.
fn tally<'a>(order: &[&'a str], keys: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut n: HashMap<&str, usize> = HashMap::new();
    for k in keys {
        *n.entry(k).or_default() += 1;
    }
    order
        .iter()
        .map(|l| (*l, n.get(l).copied().unwrap_or(0)))
        .collect()
}

impl Store {
    /// The year-end 党内统计 of `year`, standing at 31 December (or `today` before then).
    pub fn statistics(&self, year: i32, today: NaiveDate) -> Result<Statistics> {
        let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
        let as_of = year_end.min(today);
        let roster = self.all_members()?;
        let (members, elsewhere): (Vec<Member>, Vec<Member>) = self
            .members_on_of(as_of, &roster)?
            .into_iter()
            .partition(|m| m.belongs_here());
        let full: Vec<&Member> = members.iter().filter(|m| m.full_on(as_of)).collect();
        let mut tables = Vec::new();
        tables.push(table(
            "党员总数及构成",
            true,
            vec![
                ("党员总数", members.len()),
                ("正式党员", full.len()),
                ("预备党员", members.len() - full.len()),
                (
                    "女党员",
                    members.iter().filter(|m| m.sex == Sex::Female).count(),
                ),
                (
                    "少数民族党员",
                    members
                        .iter()
                        .filter(|m| !m.ethnicity.is_empty() && m.ethnicity != "汉族")
                        .count(),
                ),
                ("流动党员", members.iter().filter(|m| m.is_mobile).count()),
                ("离退休党员", members.iter().filter(|m| m.retired).count()),
                (
                    "失去联系的党员",
                    members.iter().filter(|m| m.lost_contact).count(),
                ),
            ],
        ));
        tables.push(table(
            "按年龄",
            true,
            tally(
                &AGE_BANDS.map(|(l, _)| l),
                members
                    .iter()
                    .map(|m| band(&AGE_BANDS, full_years(m.birth_date, as_of))),
            ),
        ));
        tables.push(table(
            "按学历",
            true,
            tally(
                &EDUCATION_GROUPS,
                members.iter().map(|m| education_group(&m.education)),
            ),
        ));
        let mut standing = tally(
            &STANDING_BANDS.map(|(l, _)| l),
            full.iter().filter_map(|m| {
                m.full_date
                    .map(|f| band(&STANDING_BANDS, full_years(f, as_of)))
            }),
        );
        standing.push(("预备党员（未计党龄）", members.len() - full.len()));
        tables.push(table("按党龄", true, standing));
        tables.push(self.moves_table(year, as_of, &roster)?);
        let timeline = self.membership_timeline()?;
        let here = |m: &&Member| {
            timeline
                .get(&m.id)
                .is_some_and(|e| crate::member::in_branch_on(e, as_of))
        };
        let count = |c: Category| {
            roster
                .iter()
                .filter(|m| m.category == c)
                .filter(here)
                .count()
        };
        tables.push(table(
            "发展党员工作",
            false,
            vec![
                ("发展对象", count(Category::Candidate)),
                ("入党积极分子", count(Category::Activist)),
                ("入党申请人", count(Category::Applicant)),
            ],
        ));
        tables.push(table(
            "在本支部参加组织生活的其他党员",
            false,
            vec![
                ("组织关系在其他党组织的党员", elsewhere.len()),
                (
                    "其中流动党员",
                    elsewhere.iter().filter(|m| m.is_mobile).count(),
                ),
            ],
        ));
        let orgs = self.organizations()?;
        if orgs.len() >= 2 {
            let names: Vec<&str> = orgs.iter().map(|o| o.name.as_str()).collect();
            let mut rows = tally(
                &names,
                members.iter().filter_map(|m| {
                    orgs.iter()
                        .find(|o| Some(o.id) == m.org_id)
                        .map(|o| o.name.as_str())
                }),
            );
            rows.push((
                "未注明单位",
                members
                    .iter()
                    .filter(|m| !orgs.iter().any(|o| Some(o.id) == m.org_id))
                    .count(),
            ));
            tables.push(table("联合支部覆盖单位的党员", true, rows));
        }
        Ok(Statistics {
            year,
            as_of,
            branch: self.branch()?.name,
            members: members.len() as u32,
            tables,
        })
    }

    /// The year's gains and losses up to `as_of`: members admitted and made full, and the moves
    /// in and out by their reason.
    fn moves_table(&self, year: i32, as_of: NaiveDate, roster: &[Member]) -> Result<StatTable> {
        let in_year = |d: NaiveDate| d.year() == year && d <= as_of;
        let mut stmt = self.conn.prepare(
            "SELECT kind, reason, COUNT(*) FROM membership_event e
             JOIN member m ON m.id = e.member_id
             WHERE e.date BETWEEN ?1 AND ?2 AND m.category IN ('full', 'probationary')
               AND m.membership_elsewhere = 0
             GROUP BY kind, reason",
        )?;
        let mut moves: HashMap<(String, String), usize> = HashMap::new();
        let rows = stmt.query_map(params![format!("{year}-01-01"), as_of.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (kind, reason, n) = row?;
            moves.insert((kind, reason), n as usize);
        }
        let moved = |kind: Direction, reason: &str| {
            let kind = if kind == Direction::In { "in" } else { "out" };
            moves
                .get(&(kind.to_string(), reason.to_string()))
                .copied()
                .unwrap_or(0)
        };
        let admitted = roster
            .iter()
            .filter(|m| m.belongs_here() && m.joined.is_some_and(in_year))
            .filter(|m| matches!(m.category, Category::Full | Category::Probationary))
            .count();
        let made_full = roster
            .iter()
            .filter(|m| m.belongs_here() && m.category == Category::Full)
            .filter(|m| m.full_date.is_some_and(in_year))
            .count();
        Ok(table(
            "本年党员变动",
            false,
            vec![
                ("发展党员（接收预备党员）", admitted),
                ("预备党员转正", made_full),
                ("组织关系转入", moved(Direction::In, "transfer")),
                ("组织关系转出", moved(Direction::Out, "transfer")),
                ("去世", moved(Direction::Out, "deceased")),
                ("出党、除名", moved(Direction::Out, "removed")),
                ("其他原因离开", moved(Direction::Out, "other")),
            ],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn education_as_typed_falls_into_its_group() {
        for (typed, group) in [
            ("硕士研究生", "研究生"),
            ("博士", "研究生"),
            ("大学本科", "大学本科"),
            ("本科", "大学本科"),
            ("大专", "大学专科"),
            ("大学专科", "大学专科"),
            ("中等专科", "中专"),
            ("中专", "中专"),
            ("高中", "高中、中技"),
            ("初中", "初中及以下"),
            ("小学", "初中及以下"),
            ("", "未填写"),
        ] {
            assert_eq!(education_group(typed), group, "{typed}");
        }
    }

    #[test]
    fn years_count_whole_and_bands_include_their_upper_age() {
        assert_eq!(full_years(d("1995-12-31"), d("2025-12-31")), 30);
        assert_eq!(full_years(d("1996-01-01"), d("2025-12-31")), 29);
        assert_eq!(band(&AGE_BANDS, 30), "30岁及以下");
        assert_eq!(band(&AGE_BANDS, 31), "31岁至35岁");
        assert_eq!(band(&AGE_BANDS, 95), "71岁及以上");
        assert_eq!(band(&STANDING_BANDS, 5), "5年及以下");
        assert_eq!(band(&STANDING_BANDS, 51), "51年及以上");
    }
}
