//! A generated large organization for benchmarks (`zhibu demo --scale N`): thousands of
//! members over ten years, with meetings, attendance, dues and development steps.
use chrono::{Datelike, Months, NaiveDate};

use super::*;

/// The size of a generated scale data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleSummary {
    pub members: usize,
    pub meetings: usize,
    pub attendance: usize,
    pub dues_payments: usize,
    pub development_steps: usize,
}

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国文斌辉鹏飞宇浩晨欣怡子涵雨轩博嘉琪佳颖堃喆";

/// Fills an empty database with a large organization for benchmarks: `members` people in
/// groups of 50, `years` years of meetings in every group (about 30 a year each), and
/// attendance for every member of the group — 5,000 members over 10 years make ~30,000
/// meetings and ~1.5 million attendance rows. Written straight to the tables in one
/// transaction: the records are valid by construction, and going through `add_meeting` one
/// by one would take minutes.
pub fn fill_scale(
    store: &mut Store,
    members: usize,
    years: u32,
    today: NaiveDate,
) -> Result<ScaleSummary> {
    if !store.all_members()?.is_empty() {
        return Err(Error::new(
            ErrorKind::Conflict,
            "该数据文件中已有数据，大规模演示数据只写入空白数据文件",
        ));
    }
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let first_year = today.year() - years as i32 + 1;
    let groups = members.div_ceil(50).max(1);
    let (mut n_meetings, mut n_attendance) = (0, 0);
    let tx = store.write_tx()?;
    {
        let mut group = tx.prepare("INSERT INTO party_group (id, name) VALUES (?1, ?2)")?;
        for g in 0..groups {
            group.execute(rusqlite::params![
                g as i64 + 1,
                format!("第{}党小组", g + 1)
            ])?;
        }
        let mut member = tx.prepare(
            "INSERT INTO member (id, name, id_number, sex, birth_date, category, joined, group_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut event = tx.prepare("INSERT INTO membership_event (member_id, kind, date, reason) VALUES (?1, 'in', ?2, 'new')")?;
        let base = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default();
        for i in 0..members {
            let birth = base + chrono::Days::new((i as u64 * 7) % 18_000);
            let female = i % 2 == 0;
            let first17 = format!(
                "110105{}{:03}",
                birth.format("%Y%m%d"),
                (i % 500) * 2 + usize::from(!female)
            );
            let id_number = format!("{first17}{}", idcard::check_char(&first17).unwrap_or('0'));
            let name: String = [
                surnames[i % surnames.len()],
                given[(i / 7) % given.len()],
                given[(i / 3 + 5) % given.len()],
            ]
            .iter()
            .collect();
            let probationary = i % 20 == 0;
            let joined = if probationary {
                today
                    .checked_sub_months(Months::new(1 + (i % 11) as u32))
                    .unwrap_or(today)
            } else {
                NaiveDate::from_ymd_opt(birth.year() + 25, birth.month(), 1).unwrap_or(birth)
            };
            let category = if probationary { "probationary" } else { "full" };
            member.execute(rusqlite::params![
                i as i64 + 1,
                name,
                id_number,
                if female { "female" } else { "male" },
                birth.to_string(),
                category,
                joined.to_string(),
                (i % groups) as i64 + 1
            ])?;
            event.execute(rusqlite::params![
                i as i64 + 1,
                joined
                    .min(NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(joined))
                    .to_string()
            ])?;
        }
        let mut meeting = tx.prepare(
            "INSERT INTO meeting (kind, date, time, topics, group_id) VALUES (?1, ?2, '14:30', ?3, ?4)",
        )?;
        let mut attend = tx.prepare(
            "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, ?3)",
        )?;
        // Per group and year: 12 group meetings, 12 theme days, 4 lectures, 2 general meetings.
        let plan: Vec<(MeetingKind, u32, u32)> = (1..=12)
            .flat_map(|m| {
                [
                    (MeetingKind::GroupMeeting, m, 8),
                    (MeetingKind::ThemeDay, m, 15),
                ]
            })
            .chain((0..4).map(|q| (MeetingKind::PartyLecture, 3 * q + 2, 20)))
            .chain([
                (MeetingKind::GeneralMeeting, 6, 25),
                (MeetingKind::GeneralMeeting, 12, 25),
            ])
            .collect();
        for year in first_year..=today.year() {
            for g in 0..groups {
                for (kind, month, day) in &plan {
                    let Some(date) =
                        NaiveDate::from_ymd_opt(year, *month, *day).filter(|d| *d <= today)
                    else {
                        continue;
                    };
                    meeting.execute(rusqlite::params![
                        kind.code(),
                        date.to_string(),
                        topic(*kind, g),
                        g as i64 + 1
                    ])?;
                    let meeting_id = tx.last_insert_rowid();
                    n_meetings += 1;
                    for i in (g..members).step_by(groups) {
                        let joined_by = i % 20 != 0
                            || today
                                .checked_sub_months(Months::new(1 + (i % 11) as u32))
                                .is_some_and(|j| j <= date);
                        if !joined_by {
                            continue;
                        }
                        let status = match (i + n_meetings) % 20 {
                            0 => "excused",
                            1 => "absent",
                            _ => "present",
                        };
                        attend.execute(rusqlite::params![meeting_id, i as i64 + 1, status])?;
                        n_attendance += 1;
                    }
                }
            }
        }
    }
    tx.commit()?;
    let (dues_payments, development_steps) = fill_scale_ledgers(store, members, today)?;
    store.set_setting("demo", "1")?;
    Ok(ScaleSummary {
        members,
        meetings: n_meetings,
        attendance: n_attendance,
        dues_payments,
        development_steps,
    })
}

/// This year's dues for everyone (every 37th person behind since spring) and the first 20
/// steps of each probationary member, written directly: the scale set is for timing, and the
/// rules' own paths would take minutes here.
fn fill_scale_ledgers(
    store: &mut Store,
    members: usize,
    today: NaiveDate,
) -> Result<(usize, usize)> {
    use crate::dues::{last_day, standard::current_standard, DuesCategory};
    let year = today.year();
    let standard = current_standard();
    let (mut payments, mut steps) = (0, 0);
    let tx = store.write_tx()?;
    {
        let mut basis = tx.prepare(
            "INSERT INTO dues_basis (member_id, year, category, income_fen, standard, computed_fen, rule)
             VALUES (?1, ?2, 'in_service', ?3, ?4, ?5, ?6)",
        )?;
        let mut pay = tx.prepare(
            "INSERT INTO dues_payment (member_id, year, month, amount_fen, paid_on) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut step = tx.prepare(
            "INSERT INTO development_step (member_id, step, date, detail) VALUES (?1, ?2, ?3, '')",
        )?;
        for i in 0..members {
            let id = i as i64 + 1;
            let joined: String =
                tx.query_row("SELECT joined FROM member WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            let joined = crate::dates::parse(&joined).unwrap_or(today);
            let income = 250_000 + (i as i64 * 97_331) % 1_200_000;
            let assessed = standard
                .assess(DuesCategory::InService, Some(income))
                .unwrap_or(crate::dues::Assessed {
                    monthly_fen: 0,
                    rule: String::new(),
                });
            basis.execute(rusqlite::params![
                id,
                year,
                income,
                standard.version,
                assessed.monthly_fen,
                assessed.rule
            ])?;
            let behind = if i % 37 == 0 { 4 } else { 0 };
            for month in 1..today.month().saturating_sub(behind) {
                if last_day(year, month) < joined {
                    continue;
                }
                let paid_on = NaiveDate::from_ymd_opt(year, month, 20).unwrap_or(today);
                pay.execute(rusqlite::params![
                    id,
                    year,
                    month,
                    assessed.monthly_fen,
                    paid_on.to_string()
                ])?;
                payments += 1;
            }
            if i % 20 == 0 {
                for n in 1..=20u8 {
                    let date = if n <= 15 {
                        joined - chrono::Days::new(u64::from(15 - n) * 40)
                    } else {
                        joined + chrono::Days::new(u64::from(n - 15) * 7)
                    };
                    if date <= today {
                        step.execute(rusqlite::params![id, n, date.to_string()])?;
                        steps += 1;
                    }
                }
            }
        }
    }
    tx.commit()?;
    Ok((payments, steps))
}
