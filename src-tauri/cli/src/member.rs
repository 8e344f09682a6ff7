//! `zhibu member`: adding people to the roster and listing it; also how the other commands find
//! a person by name.
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use zhibu_core::member::{Category, MemberInput, MemberStatus, MembershipReason, TransferInput};
use zhibu_core::roster::{RosterOrder, RosterQuery, StatusFilter};
use zhibu_core::{idcard, Error, Store};

use crate::{open_for_viewing, open_for_writing, print_json, usage};

#[derive(Subcommand)]
pub enum MemberCommand {
    /// 登记一名人员（性别和出生日期由身份证号得出）
    Add {
        #[arg(long)]
        name: String,
        #[arg(long = "id")]
        id_number: String,
        /// full | probationary | candidate | activist | applicant
        #[arg(long)]
        category: String,
        /// 入党日期 YYYY-MM-DD
        #[arg(long)]
        joined: Option<String>,
        /// 转正日期 YYYY-MM-DD（须为预备期满之日）
        #[arg(long)]
        full_date: Option<String>,
        /// 组织关系进入本支部的日期（默认入党日期，无则今天）
        #[arg(long)]
        since: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        ethnicity: Option<String>,
        #[arg(long)]
        education: Option<String>,
        #[arg(long)]
        position: Option<String>,
        /// 所在单位（联合党支部中登记的单位名称）
        #[arg(long)]
        org: Option<String>,
        /// 组织关系不在本支部：组织关系所在党组织
        #[arg(long)]
        elsewhere: Option<String>,
        /// 组织关系在外，但党费在本支部交纳（如流动党员活动证上注明）
        #[arg(long)]
        dues_here: bool,
        /// 流动党员
        #[arg(long)]
        mobile: bool,
        /// 离退休
        #[arg(long)]
        retired: bool,
    },
    /// 组织关系转出或转入，带介绍信编号
    Transfer {
        /// 姓名
        name: String,
        /// out（转出）| in（转入）
        #[arg(long)]
        direction: String,
        #[arg(long)]
        date: String,
        /// 转往或转自的党组织
        #[arg(long)]
        org: String,
        /// 介绍信编号
        #[arg(long)]
        letter: Option<String>,
    },
    /// 登记组织关系转出介绍信的回执
    Receipt {
        /// 姓名
        name: String,
        /// 收到回执的日期
        #[arg(long)]
        date: String,
    },
    /// 列出名册
    List {
        #[arg(long)]
        json: bool,
        /// strokes（姓氏笔画，默认）| pinyin | joined
        #[arg(long, default_value = "strokes")]
        order: String,
        #[arg(long)]
        category: Option<String>,
        /// active（在册，默认）| left | mobile | lost_contact | retired（离退休）| all
        #[arg(long, default_value = "active")]
        status: String,
        /// 按姓名、拼音、首字母查找
        #[arg(long)]
        search: Option<String>,
    },
}

pub fn run(cmd: MemberCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        MemberCommand::Add {
            name,
            id_number,
            category,
            joined,
            full_date,
            since,
            phone,
            ethnicity,
            education,
            position,
            org,
            elsewhere,
            dues_here,
            mobile,
            retired,
        } => {
            let mut store = open_for_writing(db)?;
            let org_id = match org {
                None => None,
                Some(o) => Some(
                    store
                        .organizations()?
                        .into_iter()
                        .find(|x| x.name == o)
                        .map(|x| x.id)
                        .ok_or_else(|| {
                            usage(format!(
                                "没有登记名为“{o}”的单位，请先用 zhibu org add 登记"
                            ))
                        })?,
                ),
            };
            let category = Category::parse(&category).ok_or_else(|| {
                usage(format!(
                    "人员类别“{category}”不正确，应为 full（正式党员）、probationary（预备党员）、candidate（发展对象）、activist（入党积极分子）或 applicant（入党申请人）"
                ))
            })?;
            let m = store.add_member(
                &MemberInput {
                    name,
                    id_number,
                    category: Some(category),
                    joined,
                    full_date,
                    since,
                    phone: phone.unwrap_or_default(),
                    ethnicity: ethnicity.unwrap_or_default(),
                    education: education.unwrap_or_default(),
                    position: position.unwrap_or_default(),
                    org_id,
                    membership_elsewhere: elsewhere.is_some(),
                    membership_org: elsewhere.unwrap_or_default(),
                    dues_here,
                    is_mobile: mobile,
                    retired,
                    ..Default::default()
                },
                today,
            )?;
            println!(
                "已登记：{}（{}，{}）",
                m.name,
                m.category.label(),
                m.sex.label()
            );
        }
        MemberCommand::Transfer {
            name,
            direction,
            date,
            org,
            letter,
        } => {
            let mut store = open_for_writing(db)?;
            let id = named(&store, &name)?;
            let input = TransferInput {
                date,
                reason: Some(MembershipReason::Transfer),
                org,
                letter_no: letter.unwrap_or_default(),
            };
            let m = match direction.as_str() {
                "out" => store.transfer_out(id, &input, today)?,
                "in" => store.transfer_in(id, &input, today)?,
                other => {
                    return Err(usage(format!(
                        "方向“{other}”不正确，应为 out（转出）或 in（转入）"
                    )))
                }
            };
            println!(
                "已登记：{}的组织关系{}{}",
                m.name,
                if direction == "out" {
                    "转往"
                } else {
                    "转自"
                },
                input.org
            );
        }
        MemberCommand::Receipt { name, date } => {
            let mut store = open_for_writing(db)?;
            let id = named(&store, &name)?;
            store.record_receipt(id, &date, today)?;
            println!("已登记{name}组织关系介绍信的回执（{date}）");
        }
        MemberCommand::List {
            json,
            order,
            category,
            status,
            search,
        } => {
            let order = RosterOrder::parse(&order).ok_or_else(|| {
                usage(format!(
                    "排序方式“{order}”不正确，应为 strokes、pinyin 或 joined"
                ))
            })?;
            let category = match category {
                None => None,
                Some(c) => {
                    Some(Category::parse(&c).ok_or_else(|| usage(format!("人员类别“{c}”不正确")))?)
                }
            };
            let status = match status.as_str() {
                "active" => StatusFilter::Active,
                "left" => StatusFilter::Left,
                "mobile" => StatusFilter::Mobile,
                "lost_contact" => StatusFilter::LostContact,
                "retired" => StatusFilter::Retired,
                "all" => StatusFilter::All,
                other => {
                    return Err(usage(format!(
                    "状态“{other}”不正确，应为 active、left、mobile、lost_contact、retired 或 all"
                )))
                }
            };
            let store = open_for_viewing(db)?;
            let list = store.roster(&RosterQuery {
                text: search.unwrap_or_default(),
                category,
                status,
                order,
            })?;
            if json {
                return print_json(&list);
            }
            println!("序号\t姓名\t性别\t出生日期\t人员类别\t入党日期\t转正日期\t身份证号\t状态");
            for (i, m) in list.iter().enumerate() {
                let d =
                    |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    i + 1,
                    m.name,
                    m.sex.label(),
                    m.birth_date,
                    m.category.label(),
                    d(m.joined),
                    d(m.full_date),
                    idcard::masked(&m.id_number),
                    if m.party_post.is_empty() {
                        "—"
                    } else {
                        &m.party_post
                    },
                    if m.status == MemberStatus::Active {
                        "在册"
                    } else {
                        "已离开"
                    }
                );
            }
            println!("共{}人", list.len());
        }
    }
    Ok(())
}

/// The one person on the roster called `name`; a namesake is refused rather than guessed.
pub fn named(store: &Store, name: &str) -> Result<i64, Error> {
    let found: Vec<_> = store
        .all_members()?
        .into_iter()
        .filter(|m| m.name == name)
        .collect();
    match found.as_slice() {
        [m] => Ok(m.id),
        [] => Err(usage(format!("名册中没有“{name}”"))),
        _ => Err(usage(format!(
            "名册中有{}位“{name}”，请在程序中操作",
            found.len()
        ))),
    }
}
