//! `zhibu member`: adding people to the roster and listing it; also how the other commands find
//! a person by name.
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use zhibu_core::member::{Category, MemberInput, MemberStatus};
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
        /// active（在册，默认）| left | mobile | lost_contact | all
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
        } => {
            let mut store = open_for_writing(db)?;
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
                "all" => StatusFilter::All,
                other => {
                    return Err(usage(format!(
                        "状态“{other}”不正确，应为 active、left、mobile、lost_contact 或 all"
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
