//! The demo as a joint branch: its three organizations and the year's talks by pairs.
use chrono::{Datelike, NaiveDate};

use crate::branch::OrgType;
use crate::error::Result;
use crate::store::Store;

/// The joint branch's three organizations: the service centre the branch grew in (its head is
/// the secretary), a workers' association whose head is a member, and a small foundation
/// with no Party member on its staff — reached only through the joint branch.
pub(super) fn fill_organizations(store: &mut Store, today: NaiveDate) -> Result<()> {
    use crate::organization::{OrganizationInput, VisitInput};
    let year = today.year();
    // The branch profile named the centre, which made it the first organization.
    let first = store.organizations()?.first().map(|o| o.id);
    let centre = store.save_organization(
        first,
        &OrganizationInput {
            name: "北京阳光社会工作服务中心".into(),
            credit_code: "52110105MJ0000001K".into(),
            org_type: OrgType::SocialService,
            registrar: "北京市朝阳区民政局".into(),
            head: "王建国".into(),
            head_is_member: true,
            staff: Some(24),
            charter: true,
            charter_date: Some("2018-05-20".into()),
            cross_posts: "书记王建国任中心主任，组织委员李秀英任副主任".into(),
            secretary_in_management: true,
            instructor: "陈立新".into(),
            instructor_unit: "朝阳区社会组织综合党委".into(),
            visits: vec![VisitInput {
                date: format!("{year}-04-16"),
                note: "指导主题党日，检查党建入章落实".into(),
            }],
            ..Default::default()
        },
        today,
    )?;
    let association = store.save_organization(
        None,
        &OrganizationInput {
            name: "北京市朝阳区社会工作者协会".into(),
            credit_code: "51110105MJ0000002R".into(),
            org_type: OrgType::SocialGroup,
            registrar: "北京市朝阳区民政局".into(),
            supervisor: "北京市朝阳区社会工作委员会".into(),
            head: "黄志强".into(),
            head_is_member: true,
            staff: Some(9),
            charter: true,
            charter_date: Some("2019-03-01".into()),
            ..Default::default()
        },
        today,
    )?;
    let foundation = store.save_organization(
        None,
        &OrganizationInput {
            name: "北京暖心公益基金会".into(),
            org_type: OrgType::Foundation,
            registrar: "北京市民政局".into(),
            head: "钱慧".into(),
            staff: Some(5),
            ..Default::default()
        },
        today,
    )?;
    for m in store.all_members()? {
        let org = match m.name.as_str() {
            "黄志强" | "周晓梅" | "吴喆" | "马莉" | "林雪" => association.id,
            "梁宇" | "宋佳琪" => foundation.id,
            _ => centre.id,
        };
        let mut input = m.to_input();
        input.org_id = Some(org);
        input.since = Some(m.since.to_string());
        store.update_member(m.id, &input, today)?;
    }
    Ok(())
}

/// The year's 谈心谈话: the committee among themselves, and most members with one of them —
/// a few pairs still open, so the talk page has something to show.
pub(super) fn fill_talks(store: &mut Store, year: i32, today: NaiveDate) -> Result<()> {
    use crate::talk::TalkInput;
    let committee: Vec<i64> = store
        .branch()?
        .committee
        .iter()
        .map(|s| s.member_id)
        .collect();
    if committee.is_empty() {
        return Ok(());
    }
    let date = |month: u32, day: u32| {
        NaiveDate::from_ymd_opt(year, month, day)
            .filter(|d| *d <= today)
            .unwrap_or(today)
    };
    let as_of = NaiveDate::from_ymd_opt(year, 12, 31)
        .filter(|d| *d <= today)
        .unwrap_or(today);
    for (i, a) in committee.iter().enumerate() {
        for b in &committee[i + 1..] {
            store.add_talk(
                &TalkInput {
                    date: date(3, 10).to_string(),
                    a: Some(*a),
                    b: Some(*b),
                    note: "交流班子分工和年度工作打算".into(),
                },
                today,
            )?;
        }
    }
    let members = store.members_on(as_of)?;
    let others: Vec<_> = members
        .iter()
        .filter(|m| !committee.contains(&m.id))
        .collect();
    // The last three have not yet had their talk.
    for (i, m) in others
        .iter()
        .enumerate()
        .take(others.len().saturating_sub(3))
    {
        let talker = committee[i % committee.len()];
        store.add_talk(
            &TalkInput {
                date: date(4 + (i % 6) as u32, 8 + (i % 15) as u32).to_string(),
                a: Some(talker),
                b: Some(m.id),
                note: "了解思想和工作情况，听取对支部工作的意见".into(),
            },
            today,
        )?;
    }
    Ok(())
}
