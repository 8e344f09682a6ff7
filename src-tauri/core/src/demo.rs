//! A realistic demo branch (~27 people of every category, rare-character names, a transfer in
//! and out, a mobile member) for trying the program without touching real data. Written only
//! into an empty database, which is then marked as a demo.
use chrono::{Datelike, Months, NaiveDate};

use crate::branch::{BranchInput, CommitteeSeat, OrgType};
use crate::error::{Error, ErrorKind, Result};
use crate::idcard;
use crate::member::{Category, MemberInput, MembershipReason, TransferInput};
use crate::store::Store;

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

/// Fills an empty database with the demo branch as of `today`.
pub fn fill(store: &mut Store, today: NaiveDate) -> Result<usize> {
    if !store.all_members()?.is_empty() || !store.branch()?.name.is_empty() {
        return Err(Error::new(
            ErrorKind::Conflict,
            "该数据文件中已有数据。演示数据只写入新的空白数据文件，以免与真实数据混在一起。",
        ));
    }
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
        },
        today,
    )?;
    store.set_setting("demo", "1")?;
    Ok(PEOPLE.len())
}
