//! The report's figures: every number a paragraph can cite, computed from the records for a
//! year as of its end (or today), by name.
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::params;

use super::*;
use crate::compliance::{period_cn, CellStatus};
use crate::dates;
use crate::error::Result;
use crate::meeting::MeetingKind;
use crate::member::{Category, Direction};
use crate::store::Store;
use crate::venue::ItemStatus;

/// The figures of a year, by name, computed from the records.
pub type Figures = BTreeMap<String, String>;

fn cn_list(items: &[String]) -> String {
    items.join("、")
}

/// A count as a figure, empty when there is none: the clause citing it is then left out
/// (render) instead of saying "0次".
fn count_or_empty(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        n.to_string()
    }
}

/// Every figure the report can show, for `year`, as of the end of the year (or today).
pub fn figures(store: &Store, year: i32, today: NaiveDate) -> Result<Figures> {
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    // The roster is read once: most figures start from it (5,000 members take ~10 ms a read).
    let span = Span {
        year,
        year_end,
        as_of: year_end.min(today),
        roster: store.all_members()?,
    };
    let mut f = Figures::new();
    profile(store, &span, &mut f)?;
    people(store, &span, &mut f)?;
    meetings(store, &span, &mut f)?;
    study(store, &span, &mut f)?;
    service(store, &span, &mut f)?;
    dues(store, &span, &mut f)?;
    venue(store, &span, &mut f)?;
    lists(store, &span, &mut f)?;
    Ok(f)
}

/// The year a report looks at, and the day its figures stand at.
struct Span {
    year: i32,
    year_end: NaiveDate,
    as_of: NaiveDate,
    roster: Vec<crate::member::Member>,
}

impl Span {
    /// The year's first day and the figures' day, as SQL bounds.
    fn bounds(&self) -> (String, String) {
        (format!("{}-01-01", self.year), self.as_of.to_string())
    }
}

fn putter(f: &mut Figures) -> impl FnMut(&str, String) + '_ {
    |k: &str, v: String| {
        f.insert(k.to_string(), v);
    }
}

/// The branch and the year: names, the superior committee, the date the figures stand at.
fn profile(store: &Store, span: &Span, f: &mut Figures) -> Result<()> {
    let (year, as_of) = (span.year, span.as_of);
    let branch = store.branch()?;
    let mut put = putter(f);
    put("年度", format!("{year}年"));
    put("支部名称", branch.name.clone());
    put("上级党组织", branch.superior_name());
    put("统计日期", dates::format_cn(as_of));
    // A year the records began in part way: what is counted is only since then. A report
    // drafted before the year is over counts up to the day it is drafted.
    let started = branch
        .records_from
        .filter(|r| r.year() == year && (r.month(), r.day()) != (1, 1));
    let until = (as_of < span.year_end).then(|| format!("{}月{}日", as_of.month(), as_of.day()));
    put(
        "记录期间",
        match (started, until) {
            (Some(r), Some(u)) if r < as_of => format!("自{}月{}日建账至{u}", r.month(), r.day()),
            (Some(r), _) => format!("自{}月{}日建账以来", r.month(), r.day()),
            (None, Some(u)) => format!("截至{u}"),
            (None, None) => "全年".into(),
        },
    );
    put("书记", branch.secretary_name());
    // The branch's setup in a sentence: a committee with its members, or a secretary alone.
    let st = store.structure_of(as_of, &span.roster)?;
    let seats = branch.committee.len();
    put(
        "支部结构",
        match (st.structure, seats) {
            (_, 0) => String::new(),
            (crate::structure::Structure::Committee, n) => {
                format!("支部设立支部委员会，支委{n}名。")
            }
            (crate::structure::Structure::Secretary, 1) => "支部不设支部委员会，设书记1名。".into(),
            (crate::structure::Structure::Secretary, _) => {
                "支部不设支部委员会，设书记、副书记各1名。".into()
            }
        },
    );
    let month = |d: NaiveDate| format!("{}年{}月", d.year(), d.month());
    put(
        "本届任期",
        match (branch.term_start, branch.term_end) {
            // Elected in the year reported on: the election is the news.
            (Some(s), Some(e)) if s.year() == span.year && s <= span.as_of => format!(
                "{}于{}完成换届选举，本届任期至{}届满。",
                st.term_holder,
                month(s),
                month(e)
            ),
            (Some(s), Some(e)) => format!(
                "{}本届任期自{}起，至{}届满。",
                st.term_holder,
                month(s),
                month(e)
            ),
            _ => String::new(),
        },
    );
    Ok(())
}

/// Members and the people in development as of the date, and the year's moves.
fn people(store: &Store, span: &Span, f: &mut Figures) -> Result<()> {
    let (year, as_of) = (span.year, span.as_of);
    let in_year = |d: NaiveDate| d.year() == year && d <= as_of;
    let mut put = putter(f);
    // 党员总数 counts those whose 组织关系 is here; those taking part here with their
    // membership elsewhere are in their own branch's count, and named apart.
    let (members, elsewhere): (Vec<_>, Vec<_>) = store
        .members_on_of(as_of, &span.roster)?
        .into_iter()
        .partition(|m| m.belongs_here());
    let full = members
        .iter()
        .filter(|m| m.category == Category::Full && m.full_date.is_some_and(|d| d <= as_of))
        .count();
    put("党员总数", members.len().to_string());
    // A joint branch names its organizations and what each has (党建入章, a head who is a
    // member); one without a full member is named. Empty for a branch of one organization.
    let orgs = store.org_facts_of(as_of, &span.roster)?;
    let all_orgs = store.organizations()?;
    put(
        "覆盖单位",
        if orgs.len() < 2 {
            String::new()
        } else {
            let names: Vec<&str> = orgs.iter().map(|o| o.name.as_str()).collect();
            let charter = orgs.iter().filter(|o| o.charter).count();
            let heads = orgs.iter().filter(|o| o.head_is_member).count();
            let mut text = format!(
                "支部覆盖{}等{}个单位，其中{charter}个已将党建工作写入章程，{heads}个单位负责人是党员",
                names.join("、"),
                orgs.len()
            );
            let without: Vec<&str> = orgs
                .iter()
                .filter(|o| o.no_full_member)
                .map(|o| o.name.as_str())
                .collect();
            if !without.is_empty() {
                text.push_str(&format!("；{}尚无正式党员", without.join("、")));
            }
            let cross = all_orgs
                .iter()
                .filter(|o| o.secretary_in_management)
                .count();
            if cross > 0 {
                text.push_str(&format!("；书记参加或列席{cross}个单位的管理层会议"));
            }
            text.push('。');
            text
        },
    );
    put(
        "在本支部参加组织生活的其他党员数",
        elsewhere.len().to_string(),
    );
    put(
        "另有党员",
        if elsewhere.is_empty() {
            String::new()
        } else {
            format!(
                "另有组织关系在其他党组织、在本支部参加组织生活的党员{}名。",
                elsewhere.len()
            )
        },
    );
    put("正式党员数", full.to_string());
    let mobile = members.iter().filter(|m| m.is_mobile).count();
    put(
        "流动党员",
        if mobile == 0 {
            String::new()
        } else {
            format!("党员中有流动党员{mobile}名。")
        },
    );
    put("预备党员数", (members.len() - full).to_string());
    let all = &span.roster;
    let timeline = store.membership_timeline()?;
    let here_on = |id: i64| {
        timeline
            .get(&id)
            .and_then(|e| e.iter().rfind(|(_, d)| *d <= as_of))
            .is_some_and(|(dir, _)| *dir == Direction::In)
    };
    for (name, cat) in [
        ("发展对象数", Category::Candidate),
        ("入党积极分子数", Category::Activist),
        ("入党申请人数", Category::Applicant),
    ] {
        put(
            name,
            all.iter()
                .filter(|m| m.category == cat && here_on(m.id))
                .count()
                .to_string(),
        );
    }
    put(
        "新发展党员数",
        all.iter()
            .filter(|m| m.joined.is_some_and(in_year) && here_on(m.id))
            .count()
            .to_string(),
    );
    put(
        "转正人数",
        all.iter()
            .filter(|m| m.category == Category::Full && m.full_date.is_some_and(in_year))
            .count()
            .to_string(),
    );
    // Whole-branch counts are single queries: a large organization has thousands of people.
    let (from, to) = span.bounds();
    let count = |sql: &str| -> Result<u32> {
        Ok(store.conn.query_row(sql, params![from, to], |r| r.get(0))?)
    };
    put(
        "转入人数",
        count("SELECT COUNT(*) FROM membership_event WHERE kind = 'in' AND reason = 'transfer' AND date BETWEEN ?1 AND ?2")?.to_string(),
    );
    put(
        "转出人数",
        count("SELECT COUNT(*) FROM membership_event WHERE kind = 'out' AND reason = 'transfer' AND date BETWEEN ?1 AND ?2")?.to_string(),
    );
    Ok(())
}

/// Organizational life: meetings of each kind, attendance, review grades, and which kinds were held as required.
fn meetings(store: &Store, span: &Span, f: &mut Figures) -> Result<()> {
    let (year, as_of) = (span.year, span.as_of);
    let (from, to) = span.bounds();
    let mut put = putter(f);
    let meetings =
        store.meeting_dates(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of), as_of)?;
    let held = |k: MeetingKind| {
        meetings
            .iter()
            .filter(|(kind, also, _)| *kind == k || *also == Some(k))
            .count()
    };
    for (name, k) in [
        ("支部党员大会次数", MeetingKind::GeneralMeeting),
        ("支委会次数", MeetingKind::CommitteeMeeting),
        ("党小组会次数", MeetingKind::GroupMeeting),
        ("党课次数", MeetingKind::PartyLecture),
        ("主题党日次数", MeetingKind::ThemeDay),
        ("组织生活会次数", MeetingKind::LifeMeeting),
        ("民主评议党员次数", MeetingKind::MemberReview),
    ] {
        put(name, held(k).to_string());
    }
    // The kinds held, in one phrase; a kind required but not held is a problem (未按要求召开的
    // 会议) or not due yet (a yearly 组织生活会 in November), never "召开…0次". (verb, kind):
    // items with the same verb in a row share it — "召开支部党员大会3次、支委会11次".
    let mut held_phrase: Vec<(&str, String)> = Vec::new();
    for (verb, k) in [
        ("召开", MeetingKind::GeneralMeeting),
        ("召开", MeetingKind::CommitteeMeeting),
        ("召开", MeetingKind::GroupMeeting),
        ("讲", MeetingKind::PartyLecture),
        ("开展", MeetingKind::ThemeDay),
        ("召开", MeetingKind::LifeMeeting),
    ] {
        let n = held(k);
        if n > 0 {
            let item = format!("{}{n}次", k.label());
            match held_phrase.last_mut() {
                Some((v, text)) if *v == verb => {
                    text.push('、');
                    text.push_str(&item);
                }
                _ => held_phrase.push((verb, format!("{verb}{item}"))),
            }
        }
    }
    let held_phrase: Vec<String> = held_phrase.into_iter().map(|(_, t)| t).collect();
    put("召开的会议", held_phrase.join("，"));
    // 谈心谈话 are counted in 人次: each talk is two people.
    let talks = store
        .talks(year)?
        .into_iter()
        .filter(|t| t.date <= as_of)
        .count();
    // None held: the clause citing them is left out (the missing talks are a reminder).
    put("谈心谈话人次", count_or_empty(talks * 2));
    put("谈心谈话次数", count_or_empty(talks));
    let (present, expected): (u32, u32) = store.conn.query_row(
        "SELECT COALESCE(SUM(a.status = 'present'), 0), COALESCE(SUM(a.status <> 'observer'), 0)
         FROM meeting m JOIN attendance a ON a.meeting_id = m.id
         WHERE m.date BETWEEN ?1 AND ?2 AND a.member_id IS NOT NULL",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    put(
        "平均参会率",
        if expected == 0 {
            String::new()
        } else {
            format!("{:.1}%", f64::from(present) * 100.0 / f64::from(expected))
        },
    );
    let mut grades: BTreeMap<&str, u32> = BTreeMap::new();
    let mut stmt = store.conn.prepare(
        "SELECT g.grade, COUNT(*) FROM review_grade g JOIN meeting m ON m.id = g.meeting_id
         WHERE m.date BETWEEN ?1 AND ?2 GROUP BY g.grade",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
    })?;
    for row in rows {
        let (grade, n) = row?;
        let k = match grade.as_str() {
            "excellent" => "评议优秀人数",
            "basically_qualified" => "评议基本合格人数",
            "unqualified" => "评议不合格人数",
            _ => "评议合格人数",
        };
        *grades.entry(k).or_default() += n;
    }
    for k in [
        "评议优秀人数",
        "评议合格人数",
        "评议基本合格人数",
        "评议不合格人数",
    ] {
        put(k, grades.get(k).copied().unwrap_or(0).to_string());
    }
    let calendar = store.calendar_with(year, as_of.succ_opt().unwrap_or(as_of), &span.roster)?;
    let mut gaps: BTreeMap<MeetingKind, Vec<String>> = BTreeMap::new();
    for c in calendar.iter().filter(|c| c.status == CellStatus::Gap) {
        gaps.entry(c.kind)
            .or_default()
            .push(period_cn(&c.period).replace(&format!("{year}年"), ""));
    }
    // Kinds whose every period so far was held as required.
    let mut kinds_met: Vec<String> = Vec::new();
    for c in &calendar {
        let label = c.kind.label().to_string();
        let so_far = || {
            calendar.iter().filter(|x| {
                x.kind == c.kind && !matches!(x.status, CellStatus::Upcoming | CellStatus::Before)
            })
        };
        let all_met = so_far().all(|x| x.status == CellStatus::Met) && so_far().next().is_some();
        if all_met && !kinds_met.contains(&label) {
            kinds_met.push(label);
        }
    }
    // Empty when none: the sentence citing it is left out rather than say "无均按要求完成".
    put("按要求完成的会议", cn_list(&kinds_met));
    // A yearly kind's period is the year itself: named without an empty bracket.
    let gap_text: Vec<String> = gaps
        .iter()
        .map(|(k, p)| {
            let periods: Vec<&str> = p
                .iter()
                .map(String::as_str)
                .filter(|x| !x.is_empty())
                .collect();
            if periods.is_empty() {
                k.label().to_string()
            } else {
                format!("{}（{}）", k.label(), periods.join("、"))
            }
        })
        .collect();
    put(
        "未按要求召开的会议",
        if gap_text.is_empty() {
            "无".into()
        } else {
            cn_list(&gap_text)
        },
    );
    Ok(())
}

/// Political study (政治建设和理论学习): the year's 主题教育 named on meeting records, records
/// with study hours, the secretary's own 党课, and the hours per member. Each is empty when the
/// records have none, and the sentence citing it is left out.
fn study(store: &Store, span: &Span, f: &mut Figures) -> Result<()> {
    let (from, to) = span.bounds();
    let mut put = putter(f);
    let mut stmt = store.conn.prepare(
        "SELECT DISTINCT trim(theme) FROM meeting WHERE date BETWEEN ?1 AND ?2 AND trim(theme) <> ''
         ORDER BY date",
    )?;
    let themes: Vec<String> = stmt
        .query_map(params![from, to], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    put(
        "主题教育",
        themes
            .iter()
            .map(|t| format!("“{}”", t.trim_matches(['“', '”', '"'])))
            .collect::<String>(),
    );
    let sessions: u32 = store.conn.query_row(
        "SELECT COUNT(*) FROM meeting WHERE date BETWEEN ?1 AND ?2 AND hours > 0",
        params![from, to],
        |r| r.get(0),
    )?;
    put("集中学习次数", count_or_empty(sessions as usize));
    let education = store.education_of(span.year, span.as_of, &span.roster)?;
    put(
        "本人讲党课次数",
        count_or_empty(education.secretary_lectures.unwrap_or(0) as usize),
    );
    let members = education.rows.len() as u32;
    let hours: u32 = education.rows.iter().map(|r| r.hours).sum();
    put(
        "人均学时",
        if education.any_hours && members > 0 {
            format!("{:.1}", f64::from(hours) / f64::from(members))
                .trim_end_matches(".0")
                .to_string()
        } else {
            String::new()
        },
    );
    Ok(())
}

/// What the records show of 党建引领业务 and 服务群众 (organizations whose Party and
/// management posts are held crosswise, service activities) and of 党风廉政 (integrity
/// education), each empty when there is none. Activities are told by the words of their
/// topics, content or theme, since they are recorded as theme days or meetings.
fn service(store: &Store, span: &Span, f: &mut Figures) -> Result<()> {
    let (from, to) = span.bounds();
    let mut put = putter(f);
    let cross = store
        .organizations()?
        .iter()
        .filter(|o| !o.cross_posts.trim().is_empty())
        .count();
    put("双向进入单位数", count_or_empty(cross));
    // The year's records read once, for both counts.
    let mut stmt = store.conn.prepare(
        "SELECT topics || ' ' || content || ' ' || theme FROM meeting WHERE date BETWEEN ?1 AND ?2",
    )?;
    let texts: Vec<String> = stmt
        .query_map(params![from, to], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let count_about = |words: &[&str]| {
        texts
            .iter()
            .filter(|t| words.iter().any(|w| t.contains(w)))
            .count()
    };
    put(
        "服务活动次数",
        count_or_empty(count_about(&[
            "志愿",
            "服务群众",
            "公益",
            "义诊",
            "帮扶",
            "便民",
            "慰问",
        ])),
    );
    put(
        "廉政教育次数",
        count_or_empty(count_about(&["廉政", "廉洁", "警示教育", "作风建设"])),
    );
    Ok(())
}

/// Dues, from the ledger: what the months ended by the year's end (or today) asked for, and what was collected in the year.
fn dues(store: &Store, span: &Span, f: &mut Figures) -> Result<()> {
    let (year, as_of) = (span.year, span.as_of);
    let mut put = putter(f);
    let dues = store.dues_ledger(year, as_of, false, &span.roster)?;
    let due_so_far: i64 = dues
        .rows
        .iter()
        .filter_map(|r| {
            let monthly = r.basis.as_ref()?.monthly_fen();
            let months = r
                .months
                .iter()
                .filter(|m| m.due && crate::dues::last_day(year, m.month) <= as_of)
                .count() as i64;
            Some(monthly * months)
        })
        .sum();
    put("应缴党费", crate::dues::yuan(due_so_far));
    put("实缴党费", crate::dues::yuan(dues.paid_fen));
    put(
        "党费收缴率",
        if due_so_far > 0 {
            // Paying ahead can pass 100%; the rate says whether what was due came in.
            format!(
                "{:.1}%",
                (dues.paid_fen as f64 * 100.0 / due_so_far as f64).min(100.0)
            )
        } else {
            String::new()
        },
    );
    put(
        "按月交清人数",
        dues.rows
            .iter()
            // Every month due and ended by the day of the figures paid — not only the latest
            // run (unpaid_months counts back from the last month, for reminders).
            .filter(|r| {
                r.basis.is_some()
                    && r.months.iter().all(|m| {
                        !m.due
                            || m.paid_fen.is_some()
                            || crate::dues::last_day(year, m.month) > as_of
                    })
            })
            .count()
            .to_string(),
    );
    put("党费台账人数", dues.rows.len().to_string());
    Ok(())
}

/// The venue's latest check of the year.
fn venue(store: &Store, span: &Span, f: &mut Figures) -> Result<()> {
    let year_end = span.year_end;
    let mut put = putter(f);
    let venue = store.venues()?.into_iter().next();
    let check = venue
        .as_ref()
        .and_then(|v| v.checks.iter().find(|c| c.date <= year_end).cloned());
    put(
        "阵地名称",
        venue
            .as_ref()
            .map_or("党员活动室".into(), |v| v.name.clone()),
    );
    // No check this year: empty, and the paragraph is not drafted (nothing to report).
    put(
        "六有达标项数",
        check.as_ref().map_or(String::new(), |c| c.met.to_string()),
    );
    put(
        "六有项数",
        check
            .as_ref()
            .map_or(String::new(), |c| c.items.len().to_string()),
    );
    let short: Vec<String> = check
        .as_ref()
        .map(|c| {
            c.items
                .iter()
                .filter(|i| i.status != ItemStatus::Yes)
                .map(|i| format!("“{}”", i.title))
                .collect()
        })
        .unwrap_or_default();
    put(
        "六有未达标项目",
        if short.is_empty() {
            "无".into()
        } else {
            short.join("")
        },
    );
    Ok(())
}

/// The responsibility and rectification lists.
fn lists(store: &Store, span: &Span, f: &mut Figures) -> Result<()> {
    let year = span.year;
    let mut put = putter(f);
    let resp = store.list_items(year, ListKind::Responsibility)?;
    put("责任清单项数", resp.len().to_string());
    put(
        "责任清单完成数",
        resp.iter().filter(|i| i.done).count().to_string(),
    );
    let rect = store.list_items(year, ListKind::Rectification)?;
    put("上年整改项数", rect.len().to_string());
    put(
        "上年整改完成数",
        rect.iter().filter(|i| i.done).count().to_string(),
    );
    // The superior's review of last year's report (述职评议), empty until one is recorded.
    let review = store.review(year - 1)?;
    put("上年度评议等次", review.rating.unwrap_or_default());
    put("上年度点评意见数", count_or_empty(review.points.len()));
    Ok(())
}
