//! A realistic demo branch (~27 people of every category, rare-character names, a transfer in
//! and out, a mobile member) for trying the program without touching real data. Written only
//! into an empty database, which is then marked as a demo.
use chrono::{Datelike, Months, NaiveDate};

use crate::branch::{BranchInput, CommitteeSeat, OrgType};
use crate::error::{Error, ErrorKind, Result};
use crate::idcard;
use crate::meeting::{
    AttendanceEntry, AttendanceStatus, GradeEntry, MeetingInput, MeetingKind, ReviewGrade,
};
use crate::member::{Category, MemberInput, MembershipReason, TransferInput};
use crate::store::Store;

mod joint;
mod scale;
mod small;

pub use scale::{fill_scale, ScaleSummary};
pub use small::fill_small;

struct Person {
    name: &'static str,
    female: bool,
    birth: (i32, u32, u32),
    category: Category,
    /// Absolute date for long-standing members; probationary members join relative to today.
    joined: Joined,
    education: &'static str,
    position: &'static str,
}

enum Joined {
    None,
    On(i32, u32, u32),
    MonthsAgo(u32),
}

use Category::*;
use Joined::{MonthsAgo, On};

#[rustfmt::skip]
const PEOPLE: &[Person] = &[
    Person { name: "王建国", female: false, birth: (1968, 3, 12), category: Full, joined: On(1995, 6, 20), education: "大学本科", position: "理事长" },
    Person { name: "李秀英", female: true, birth: (1972, 8, 5), category: Full, joined: On(1998, 7, 1), education: "大学本科", position: "副理事长" },
    Person { name: "张伟", female: false, birth: (1980, 11, 23), category: Full, joined: On(2003, 5, 18), education: "硕士研究生", position: "项目部主任" },
    Person { name: "刘洋", female: false, birth: (1985, 2, 14), category: Full, joined: On(2008, 6, 30), education: "大学本科", position: "社工督导" },
    Person { name: "陈静", female: true, birth: (1988, 9, 9), category: Full, joined: On(2010, 12, 1), education: "大学本科", position: "财务主管" },
    Person { name: "杨帆", female: false, birth: (1990, 4, 27), category: Full, joined: On(2013, 4, 20), education: "大学本科", position: "社工" },
    Person { name: "赵敏", female: true, birth: (1983, 1, 30), category: Full, joined: On(2006, 11, 11), education: "大学专科", position: "行政主管" },
    Person { name: "黄志强", female: false, birth: (1975, 6, 16), category: Full, joined: On(2001, 7, 1), education: "大学本科", position: "秘书长" },
    Person { name: "周晓梅", female: true, birth: (1979, 10, 2), category: Full, joined: On(2004, 3, 8), education: "大学本科", position: "培训部主任" },
    Person { name: "吴喆", female: false, birth: (1987, 12, 12), category: Full, joined: On(2011, 6, 25), education: "硕士研究生", position: "研究员" },
    Person { name: "徐丽娟", female: true, birth: (1991, 5, 21), category: Full, joined: On(2015, 9, 10), education: "大学本科", position: "社工" },
    Person { name: "孙涛", female: false, birth: (1986, 7, 7), category: Full, joined: On(2012, 5, 4), education: "大学本科", position: "外派项目社工" },
    Person { name: "马莉", female: true, birth: (1977, 3, 3), category: Full, joined: On(2002, 12, 20), education: "大学专科", position: "会员联络" },
    Person { name: "朱红", female: true, birth: (1958, 8, 15), category: Full, joined: On(1985, 10, 1), education: "高中", position: "退休返聘顾问" },
    Person { name: "陈堃", female: false, birth: (1989, 8, 18), category: Full, joined: On(2014, 6, 1), education: "大学本科", position: "信息化专员" },
    Person { name: "欧阳晓明", female: false, birth: (1982, 4, 4), category: Full, joined: On(2009, 7, 1), education: "博士研究生", position: "专家委员" },
    Person { name: "谢东", female: false, birth: (1984, 10, 28), category: Full, joined: On(2007, 6, 15), education: "大学本科", position: "原项目主管" },
    Person { name: "郭晓燕", female: true, birth: (1995, 2, 8), category: Probationary, joined: MonthsAgo(11), education: "大学本科", position: "社工" },
    Person { name: "胡䶮", female: false, birth: (1996, 12, 1), category: Probationary, joined: MonthsAgo(5), education: "硕士研究生", position: "项目专员" },
    Person { name: "何佳", female: true, birth: (1998, 6, 6), category: Probationary, joined: MonthsAgo(2), education: "大学本科", position: "社工" },
    Person { name: "高鹏", female: false, birth: (1994, 9, 19), category: Candidate, joined: Joined::None, education: "大学本科", position: "社工" },
    Person { name: "林雪", female: true, birth: (1997, 1, 25), category: Candidate, joined: Joined::None, education: "大学本科", position: "宣传专员" },
    Person { name: "罗文", female: false, birth: (1999, 3, 17), category: Activist, joined: Joined::None, education: "大学本科", position: "社工助理" },
    Person { name: "郑洁", female: true, birth: (2000, 7, 29), category: Activist, joined: Joined::None, education: "大学本科", position: "社工助理" },
    Person { name: "林𠇔", female: false, birth: (1993, 11, 3), category: Activist, joined: Joined::None, education: "大学专科", position: "后勤" },
    Person { name: "梁宇", female: false, birth: (2001, 5, 5), category: Applicant, joined: Joined::None, education: "大学本科", position: "实习社工" },
    Person { name: "宋佳琪", female: true, birth: (2002, 2, 22), category: Applicant, joined: Joined::None, education: "大学本科", position: "实习社工" },
];

/// A valid ID number for the demo: Beijing Chaoyang region, the birth date, a sequence whose
/// parity gives the sex, and the check digit.
fn demo_id(index: usize, birth: NaiveDate, female: bool) -> String {
    let seq = 100 + 2 * index as u32 + u32::from(!female);
    let first17 = format!("110105{}{:03}", birth.format("%Y%m%d"), seq % 1000);
    let check = idcard::check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Demo data goes only into an empty file, never among real data.
fn refuse_unless_empty(store: &Store) -> Result<()> {
    if !store.is_empty()? {
        return Err(Error::new(
            ErrorKind::Conflict,
            "该数据文件中已有数据。演示数据只写入新的空白数据文件，以免与真实数据混在一起。",
        ));
    }
    Ok(())
}

/// Fills an empty database with the demo branch as of `today`.
pub fn fill(store: &mut Store, today: NaiveDate) -> Result<usize> {
    refuse_unless_empty(store)?;
    let mut ids = Vec::new();
    for (i, p) in PEOPLE.iter().enumerate() {
        let birth = ymd(p.birth);
        let joined = match p.joined {
            Joined::None => None,
            On(y, m, d) => Some(ymd((y, m, d))),
            MonthsAgo(n) => today.checked_sub_months(Months::new(n)),
        };
        let mut input = MemberInput {
            name: p.name.into(),
            id_number: demo_id(i, birth, p.female),
            ethnicity: if p.name == "胡䶮" {
                "回族".into()
            } else {
                "汉族".into()
            },
            native_place: "北京市".into(),
            education: p.education.into(),
            work_started: Some(format!("{}-07-01", birth.year() + 22)),
            category: Some(p.category),
            joined: joined.map(|d| d.to_string()),
            position: p.position.into(),
            phone: format!("139{:08}", 10_012_345 + i * 7_919),
            address: format!("北京市朝阳区阳光里{}号楼{}单元", 1 + i % 9, 1 + i % 4),
            is_mobile: p.name == "孙涛",
            ..Default::default()
        };
        if p.name == "刘洋" {
            input.since = Some("2019-04-10".into());
            input.since_reason = Some(MembershipReason::Transfer);
            input.since_org = "中共朝阳区望京街道社区委员会".into();
        }
        if p.name == "欧阳晓明" {
            // An expert whose membership stays with his university (一方隶属、参加多重组织生活).
            input.membership_elsewhere = true;
            input.membership_org = "中共北京某大学社会学院委员会".into();
        }
        if p.name == "马莉" {
            // Probation extended by six months, as recorded on her 转正 approval.
            input.probation_extension_months = Some(6);
            input.note = "预备期延长6个月".into();
        }
        if p.category.is_member() {
            input
                .since
                .get_or_insert_with(|| joined.unwrap_or(today).to_string());
        } else {
            input.since = Some(format!("{}-03-01", today.year() - 1));
        }
        ids.push(store.add_member(&input, today)?.id);
    }
    let xie = PEOPLE.iter().position(|p| p.name == "谢东").map(|i| ids[i]);
    if let Some(id) = xie {
        store.transfer_out(
            id,
            &TransferInput {
                date: format!("{}-09-30", today.year() - 1),
                reason: Some(MembershipReason::Transfer),
                org: "中共上海浦东新区社会组织综合党委".into(),
                letter_no: String::new(),
            },
            today,
        )?;
    }
    let seat = |i: usize, role: &str| CommitteeSeat {
        member_id: ids[i],
        name: String::new(),
        role: role.into(),
    };
    store.save_branch(
        &BranchInput {
            name: "中共北京阳光社会工作服务中心支部委员会".into(),
            org_name: "北京阳光社会工作服务中心".into(),
            org_type: OrgType::SocialService,
            org_type_other: String::new(),
            superior: "中共北京市朝阳区社会组织综合委员会".into(),
            founded: Some("2016-07-01".into()),
            term_start: Some(format!("{}-03-15", today.year() - 2)),
            term_years: 3,
            committee: vec![seat(0, "书记"), seat(1, "组织委员"), seat(2, "宣传委员")],
            structure: None,
            structure_reason: String::new(),
            committee_elected: Some(format!("{}-03-15", today.year() - 2)),
            // The demo's records are complete since the branch was founded.
            records_from: None,
        },
        today,
    )?;
    joint::fill_organizations(store, today)?;
    fill_meetings(store, today)?;
    joint::fill_talks(store, today.year() - 1, today)?;
    joint::fill_talks(store, today.year(), today)?;
    fill_venue(store, today)?;
    fill_dues(store, today.year() - 1, today)?;
    fill_dues(store, today.year(), today)?;
    fill_report_history(store, today)?;
    fill_development(store, today)?;
    store.set_setting("demo", "1")?;
    Ok(PEOPLE.len())
}

/// The people on their way in, each with the steps their category implies: applicants
/// (梁宇's talk due within days), activists (罗文's half-yearly review overdue), candidates
/// (林雪 trained only 16 hours), probationary members up to their oath.
fn fill_development(store: &mut Store, today: NaiveDate) -> Result<()> {
    use crate::development::StepInput;
    let ago = |days: u64| today - chrono::Days::new(days);
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let members = store.all_members()?;
    for m in members {
        let mut steps: Vec<(u8, NaiveDate, &str)> = Vec::new();
        match m.name.as_str() {
            "梁宇" => steps.push((1, ago(20), "")),
            "宋佳琪" => steps.extend([(1, ago(90), ""), (2, ago(80), "李秀英")]),
            "罗文" | "郑洁" | "林𠇔" => {
                let review = if m.name == "罗文" {
                    ago(240)
                } else {
                    ago(60)
                };
                steps.extend([
                    (1, ago(600), ""),
                    (2, ago(585), "李秀英"),
                    (3, ago(420), ""),
                    (4, ago(410), ""),
                    (5, ago(410), "李秀英、张伟"),
                    (6, review, "表现良好"),
                ]);
            }
            "高鹏" | "林雪" => {
                let hours = if m.name == "林雪" {
                    "16学时"
                } else {
                    "24学时"
                };
                steps.extend([
                    (1, ago(1100), ""),
                    (2, ago(1090), "王建国"),
                    (3, ago(900), ""),
                    (4, ago(890), ""),
                    (5, ago(890), "李秀英、张伟"),
                    (6, ago(720), "表现良好"),
                    (7, ago(400), ""),
                    (8, ago(395), ""),
                    (9, ago(390), "王建国、李秀英"),
                    (10, ago(300), "合格"),
                    (11, ago(200), hours),
                ]);
            }
            _ if m.category == Category::Probationary => {
                let Some(vote) = m.joined else { continue };
                let before = |days: u64| vote - chrono::Days::new(days);
                let after = |days: u64| vote + chrono::Days::new(days);
                steps.extend([
                    (1, before(900), ""),
                    (2, before(890), "王建国"),
                    (3, before(800), ""),
                    (4, before(790), ""),
                    (5, before(790), "李秀英、张伟"),
                    (6, before(600), "表现良好"),
                    (7, before(300), ""),
                    (8, before(295), ""),
                    (9, before(290), "王建国、李秀英"),
                    (10, before(200), "合格"),
                    (11, before(120), "24学时"),
                    (12, before(40), ""),
                    (13, before(30), ""),
                    (14, before(20), ""),
                    (15, vote, "全票通过"),
                    (16, after(7), "王建国"),
                    (17, after(20), ""),
                    (18, after(25), ""),
                    (19, after(30), ""),
                    (20, after(30), ""),
                ]);
            }
            _ => {}
        }
        for (step, date, detail) in steps.into_iter().filter(|s| s.1 <= today) {
            store.record_step(
                m.id,
                &StepInput {
                    step,
                    date: iso(date),
                    detail: detail.into(),
                },
                today,
            )?;
        }
    }
    Ok(())
}

/// A year's dues: standards from varied pay, a retiree's pension. Last year was paid in full;
/// this year every month is paid up to last month, except 孙涛 (working away, nothing since
/// spring: at the six-month line) and 马莉 (three months behind).
fn fill_dues(store: &mut Store, year: i32, today: NaiveDate) -> Result<()> {
    use crate::dues::{DuesBasisInput, DuesCategory, PaymentInput};
    use chrono::Datelike;
    let this_year = year == today.year();
    // Months before `end` are due.
    let end = if this_year { today.month() } else { 13 };
    let ledger = store.dues_year(year, today)?;
    for (i, row) in ledger.rows.iter().enumerate() {
        let retired = row.name == "朱红";
        let income = if retired {
            5200
        } else {
            3800 + (i as i64 * 977) % 9000
        };
        store.set_dues_basis(
            row.member_id,
            year,
            &DuesBasisInput {
                category: Some(if retired {
                    DuesCategory::Retired
                } else {
                    DuesCategory::InService
                }),
                income: income.to_string(),
                ..Default::default()
            },
        )?;
    }
    let behind = |name: &str| match name {
        "孙涛" if this_year => 6,
        "马莉" if this_year => 3,
        _ => 0,
    };
    for month in 1..end {
        let ids: Vec<i64> = ledger
            .rows
            .iter()
            .filter(|r| month + behind(&r.name) < end)
            .map(|r| r.member_id)
            .collect();
        // Collected at the monthly theme day, around the 20th.
        let paid_on = NaiveDate::from_ymd_opt(year, month, 20).unwrap_or(today);
        store.record_dues(
            &PaymentInput {
                member_ids: ids,
                year,
                months: vec![month],
                paid_on: paid_on.format("%Y-%m-%d").to_string(),
                proxy: String::new(),
            },
            today,
        )?;
    }
    Ok(())
}

/// The report's lists as a branch a year into the program has them: the superior's review of
/// the year before last (rated 较好, with two points that became last year's rectification
/// list, one of them done) and last year's responsibility list, mostly done.
fn fill_report_history(store: &mut Store, today: NaiveDate) -> Result<()> {
    use crate::report::{ListItemInput, ListKind, ReportReviewInput, ReviewPointInput};
    let last = today.year() - 1;
    let point = |content: &str| ReviewPointInput {
        id: None,
        content: content.into(),
    };
    store.save_review(
        last - 1,
        &ReportReviewInput {
            rating: Some("较好".into()),
            reviewed_on: Some(format!("{last}-01-18")),
            points: vec![
                point("组织生活会查摆问题不够深入，批评和自我批评辣味不足"),
                point("党建工作与业务工作结合不够紧密"),
            ],
        },
        today,
    )?;
    if let Some(first) = store.list_items(last, ListKind::Rectification)?.first() {
        store.save_list_item(
            last,
            ListKind::Rectification,
            Some(first.id),
            &ListItemInput {
                content: first.content.clone(),
                owner: first.owner.clone(),
                due: first.due.map(|d| d.to_string()),
                done: true,
            },
        )?;
    }
    let secretary = &PEOPLE[0].name;
    for (content, due, done) in [
        ("制定年度党建工作计划并报上级党组织备案", "03-31", true),
        ("按月开展主题党日活动", "12-31", true),
        ("完成党费收缴标准年度核定", "03-31", true),
        ("推动北京暖心公益基金会发展党员", "12-31", false),
    ] {
        store.save_list_item(
            last,
            ListKind::Responsibility,
            None,
            &ListItemInput {
                content: content.into(),
                owner: (*secretary).into(),
                due: Some(format!("{last}-{due}")),
                done,
            },
        )?;
    }
    Ok(())
}

/// The branch's activity room, checked last November with two items short of the standard.
fn fill_venue(store: &mut Store, today: NaiveDate) -> Result<()> {
    use crate::venue::{CheckInput, CheckItemInput, ItemStatus, VenueInput};
    let v = store.add_venue(&VenueInput {
        name: "党员活动室".into(),
        address: "中心二楼201室".into(),
        standard: None,
    })?;
    let items = v
        .items
        .iter()
        .map(|i| {
            let (status, explanation) = match i.title.as_str() {
                "有场所" => (ItemStatus::Yes, "与中心会议室综合使用，约40平方米"),
                "有标志" => (ItemStatus::Partial, "已挂党员活动室标识，支部牌子待制作"),
                "有书报" => (ItemStatus::Partial, "订阅《人民日报》，书柜尚未配齐"),
                _ => (ItemStatus::Yes, ""),
            };
            CheckItemInput {
                item_id: i.id,
                status: Some(status),
                explanation: explanation.into(),
                remark: String::new(),
            }
        })
        .collect();
    let date = NaiveDate::from_ymd_opt(today.year() - 1, 11, 20).unwrap_or(today);
    store.record_venue_check(
        v.id,
        &CheckInput {
            date: date.to_string(),
            checked_by: "王建国".into(),
            note: "书柜和支部牌子列入整改".into(),
            items,
        },
        today,
    )?;
    Ok(())
}

const TOPICS: &[(MeetingKind, &[&str])] = &[
    (
        MeetingKind::ThemeDay,
        &[
            "学习党章和党内法规",
            "重温入党誓词",
            "志愿服务进社区",
            "参观党史教育基地",
            "学习贯彻上级会议精神",
            "开展“党员示范岗”活动",
        ],
    ),
    (
        MeetingKind::GeneralMeeting,
        &[
            "通报支部工作，讨论季度工作计划",
            "讨论发展对象，听取入党积极分子思想汇报",
            "审议支部半年工作总结",
            "讨论年度党费收缴情况",
        ],
    ),
    (
        MeetingKind::CommitteeMeeting,
        &[
            "研究本月支部工作安排",
            "研究发展党员工作",
            "研究主题党日活动方案",
            "研究党员教育管理工作",
        ],
    ),
    (
        MeetingKind::PartyLecture,
        &[
            "书记讲党课：社会组织党建的使命担当",
            "学习党的创新理论",
            "党史专题党课",
            "廉洁自律专题党课",
        ],
    ),
    (MeetingKind::LifeMeeting, &["年度组织生活会暨民主评议党员"]),
];

fn topic(kind: MeetingKind, n: usize) -> String {
    TOPICS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(String::new(), |(_, t)| t[n % t.len()].to_string())
}

/// Two years of organizational life, as a well-kept branch records it — with a few gaps on
/// purpose, and one member (孙涛, working away) drifting toward the six-month line.
fn fill_meetings(store: &mut Store, today: NaiveDate) -> Result<()> {
    let drifting = store
        .all_members()?
        .into_iter()
        .find(|m| m.name == "孙涛")
        .map(|m| m.id);
    let drift_from =
        today.checked_sub_months(Months::new(5)).unwrap_or(today) + chrono::Days::new(10);
    let this_year = today.year();
    let mut planned: Vec<(MeetingKind, Option<MeetingKind>, NaiveDate, &str)> = Vec::new();
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    for year in [this_year - 1, this_year] {
        for month in 1..=12u32 {
            let quarter_end = month % 3 == 0;
            // Deliberate gaps: last August's 主题党日, this year's second-quarter 党员大会
            // (June's 主题党日 was held alone), and last month's 支委会.
            let skip_theme = year == this_year - 1 && month == 8;
            let general_too = quarter_end && !(year == this_year && month == 6);
            if !skip_theme {
                let also = general_too.then_some(MeetingKind::GeneralMeeting);
                planned.extend(
                    day(year, month, 12).map(|d| (MeetingKind::ThemeDay, also, d, "09:00")),
                );
            }
            let last_month = today.checked_sub_months(Months::new(1));
            let skip_committee = last_month.is_some_and(|l| l.year() == year && l.month() == month);
            if !skip_committee {
                planned.extend(
                    day(year, month, 5).map(|d| (MeetingKind::CommitteeMeeting, None, d, "15:00")),
                );
            }
            // 党课 in the middle month of each quarter, except this year's first quarter.
            if month % 3 == 2 && !(year == this_year && month == 2) {
                planned.extend(
                    day(year, month, 20).map(|d| (MeetingKind::PartyLecture, None, d, "14:30")),
                );
            }
        }
        planned.extend(day(year, 12, 18).map(|d| {
            (
                MeetingKind::LifeMeeting,
                Some(MeetingKind::MemberReview),
                d,
                "14:00",
            )
        }));
    }
    planned.retain(|(_, _, d, _)| *d <= today);
    planned.sort_by_key(|(_, _, d, t)| (*d, *t));

    for (n, (kind, also, date, time)) in planned.into_iter().enumerate() {
        let mut attendance = store.expected_attendance(kind, date, None)?;
        for (i, a) in attendance.iter_mut().enumerate() {
            if a.member_id.is_some() && a.member_id == drifting && date >= drift_from {
                a.status = AttendanceStatus::Absent;
            } else if (n + i) % 17 == 0 {
                a.status = AttendanceStatus::Excused;
                a.reason = "外出开展项目".into();
            } else if (n + i) % 23 == 0 {
                a.status = AttendanceStatus::Absent;
            }
        }
        if kind == MeetingKind::GeneralMeeting || also == Some(MeetingKind::GeneralMeeting) {
            // 入党积极分子 are invited to sit in on the branch meeting.
            attendance.push(AttendanceEntry {
                member_id: None,
                name: "区社会组织党委联络员".into(),
                status: AttendanceStatus::Observer,
                reason: String::new(),
            });
        }
        let grades = if also == Some(MeetingKind::MemberReview) {
            let full: Vec<i64> = store
                .members_on(date)?
                .into_iter()
                .filter(|m| m.votes_here_on(date))
                .map(|m| m.id)
                .collect();
            let excellent = full.len() / 4;
            full.iter()
                .enumerate()
                .map(|(i, id)| GradeEntry {
                    member_id: *id,
                    name: String::new(),
                    grade: if i < excellent {
                        ReviewGrade::Excellent
                    } else {
                        ReviewGrade::Qualified
                    },
                })
                .collect()
        } else {
            Vec::new()
        };
        let lecture = kind == MeetingKind::PartyLecture;
        let secretary = store.branch()?.committee.first().map(|s| s.member_id);
        store.add_meeting(
            &MeetingInput {
                kind: Some(kind),
                also_kind: also,
                date: date.to_string(),
                time: time.into(),
                place: "中心二楼党员活动室".into(),
                host: "王建国".into(),
                recorder: "李秀英".into(),
                topics: topic(
                    also.filter(|a| *a == MeetingKind::GeneralMeeting)
                        .unwrap_or(kind),
                    n,
                ),
                content: format!(
                    "{}。与会同志围绕议题交流了认识，提出了改进工作的意见建议。",
                    topic(kind, n)
                ),
                resolutions: String::new(),
                group_id: None,
                attendance,
                grades,
                followups: Vec::new(),
                // The secretary gives the year's first lecture; the others are given by
                // committee members or invited speakers. Lectures carry 学时.
                lecturer_id: if lecture && n % 2 == 0 {
                    secretary
                } else {
                    None
                },
                lecturer: if lecture && n % 2 == 1 {
                    "区社会组织党委宣讲员".into()
                } else {
                    String::new()
                },
                hours: match kind {
                    MeetingKind::PartyLecture => Some(4),
                    MeetingKind::ThemeDay => Some(2),
                    _ => None,
                },
                theme: String::new(),
                counts_as_life: false,
            },
            today,
        )?;
    }
    Ok(())
}
