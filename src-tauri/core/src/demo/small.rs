//! The small-branch demo (`zhibu demo --small`): what most social-organization branches are —
//! five full members in one foundation, a secretary and no committee, a member whose
//! 组织关系 is elsewhere, this year's meetings and talks.
use chrono::{Datelike, NaiveDate};

use super::demo_id;
use crate::branch::{BranchInput, CommitteeSeat, OrgType};
use crate::error::Result;
use crate::meeting::{MeetingInput, MeetingKind};
use crate::member::{Category, MemberInput};
use crate::organization::OrganizationInput;
use crate::store::Store;
use crate::talk::TalkInput;

/// Year, month, day.
type Ymd = (i32, u32, u32);

/// Name, female, birth, joined.
const PEOPLE: &[(&str, bool, Ymd, Ymd)] = &[
    ("陈晓燕", true, (1975, 5, 12), (2001, 7, 1)),
    ("刘建华", false, (1968, 9, 3), (1994, 6, 20)),
    ("周䶮", false, (1986, 2, 18), (2010, 5, 4)),
    ("吴敏", true, (1990, 11, 8), (2015, 6, 28)),
    ("郑立平", false, (1979, 4, 26), (2006, 12, 1)),
    ("钱思远", false, (1984, 7, 7), (2008, 7, 1)),
];

pub fn fill_small(store: &mut Store, today: NaiveDate) -> Result<usize> {
    super::refuse_unless_empty(store)?;
    let year = today.year();
    let ymd = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(today);
    store.save_organization(
        None,
        &OrganizationInput {
            name: "北京春晖助学基金会".into(),
            org_type: OrgType::Foundation,
            registrar: "北京市民政局".into(),
            head: "刘建华".into(),
            head_is_member: true,
            staff: Some(7),
            charter: true,
            charter_date: Some("2020-09-01".into()),
            ..Default::default()
        },
        today,
    )?;
    let mut ids = Vec::new();
    for (i, (name, female, birth, joined)) in PEOPLE.iter().enumerate() {
        let birth = ymd(*birth);
        let mut input = MemberInput {
            name: (*name).into(),
            id_number: demo_id(100 + i, birth, *female),
            ethnicity: "汉族".into(),
            category: Some(Category::Full),
            joined: Some(ymd(*joined).to_string()),
            since: Some(format!("{}-03-01", year - 3)),
            position: ["秘书长", "理事长", "项目主管", "项目专员", "财务", "顾问"][i].into(),
            ..Default::default()
        };
        if *name == "钱思远" {
            // A university lecturer advising the foundation; his membership stays there.
            input.membership_elsewhere = true;
            input.membership_org = "中共北京某大学公共管理学院委员会".into();
        }
        ids.push(store.add_member(&input, today)?.id);
    }
    store.save_branch(
        &BranchInput {
            name: "中共北京春晖助学基金会支部".into(),
            org_name: "北京春晖助学基金会".into(),
            org_type: OrgType::Foundation,
            superior: "中共北京市社会组织综合委员会".into(),
            founded: Some(format!("{}-03-01", year - 3)),
            term_start: Some(format!("{}-03-01", year - 1)),
            term_years: 3,
            committee: vec![CommitteeSeat {
                member_id: ids[0],
                name: String::new(),
                role: "书记".into(),
            }],
            ..Default::default()
        },
        today,
    )?;
    for month in 1..=today.month() {
        let Some(date) = NaiveDate::from_ymd_opt(year, month, 15).filter(|d| *d <= today) else {
            continue;
        };
        let (kind, also) = if month % 3 == 0 {
            (MeetingKind::ThemeDay, Some(MeetingKind::GeneralMeeting))
        } else {
            (MeetingKind::ThemeDay, None)
        };
        store.add_meeting(
            &MeetingInput {
                kind: Some(kind),
                also_kind: also,
                date: date.to_string(),
                place: "基金会会议室".into(),
                host: "陈晓燕".into(),
                recorder: "吴敏".into(),
                topics: "学习党的创新理论，交流助学项目中的党员作用".into(),
                attendance: store.expected_attendance(kind, date, None)?,
                hours: Some(2),
                ..Default::default()
            },
            today,
        )?;
    }
    if let Some(date) = NaiveDate::from_ymd_opt(year, 5, 20).filter(|d| *d <= today) {
        store.add_meeting(
            &MeetingInput {
                kind: Some(MeetingKind::PartyLecture),
                date: date.to_string(),
                place: "基金会会议室".into(),
                host: "陈晓燕".into(),
                recorder: "吴敏".into(),
                topics: "书记讲党课：公益组织的初心".into(),
                attendance: store.expected_attendance(MeetingKind::PartyLecture, date, None)?,
                lecturer_id: Some(ids[0]),
                hours: Some(4),
                ..Default::default()
            },
            today,
        )?;
    }
    // The secretary has talked with two of the four; two talks are still to come.
    for (i, id) in ids.iter().enumerate().skip(1).take(2) {
        if let Some(date) = NaiveDate::from_ymd_opt(year, 4, 10 + i as u32).filter(|d| *d <= today)
        {
            store.add_talk(
                &TalkInput {
                    date: date.to_string(),
                    a: Some(ids[0]),
                    b: Some(*id),
                    note: "了解工作和思想情况".into(),
                },
                today,
            )?;
        }
    }
    store.set_setting("demo", "1")?;
    Ok(PEOPLE.len())
}
