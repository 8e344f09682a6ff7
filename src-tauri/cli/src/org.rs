//! `zhibu org`: the organizations a (joint) branch covers — adding one and listing them with
//! their facts (members, 党建入章, whether the head is a Party member).
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use zhibu_core::branch::OrgType;
use zhibu_core::organization::OrganizationInput;
use zhibu_core::Error;

use crate::{open_for_viewing, open_for_writing, print_json, usage};

#[derive(Subcommand)]
pub enum OrgCommand {
    /// 登记支部覆盖的一个单位（联合党支部至多5个）
    Add {
        /// 单位名称
        #[arg(long)]
        name: String,
        /// 统一社会信用代码（18位）
        #[arg(long)]
        code: Option<String>,
        /// social_group（社会团体）| social_service（社会服务机构）| foundation（基金会）
        #[arg(long = "type", default_value = "social_group")]
        org_type: String,
        /// 登记管理机关
        #[arg(long)]
        registrar: Option<String>,
        /// 业务主管单位
        #[arg(long)]
        supervisor: Option<String>,
        /// 负责人
        #[arg(long)]
        head: Option<String>,
        /// 负责人是党员
        #[arg(long)]
        head_is_member: bool,
        /// 从业人员数
        #[arg(long)]
        staff: Option<u32>,
        /// 党建工作已写入章程，写入日期 YYYY-MM-DD
        #[arg(long)]
        charter: Option<String>,
    },
    /// 列出支部覆盖的单位
    List {
        /// 以哪一天为“今天”（默认今天）
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: OrgCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        OrgCommand::Add {
            name,
            code,
            org_type,
            registrar,
            supervisor,
            head,
            head_is_member,
            staff,
            charter,
        } => {
            let org_type = OrgType::parse(&org_type).ok_or_else(|| {
                usage(format!(
                    "单位类型“{org_type}”不正确，应为 social_group（社会团体）、social_service（社会服务机构）或 foundation（基金会）"
                ))
            })?;
            let mut store = open_for_writing(db)?;
            let o = store.save_organization(
                None,
                &OrganizationInput {
                    name,
                    credit_code: code.unwrap_or_default(),
                    org_type,
                    registrar: registrar.unwrap_or_default(),
                    supervisor: supervisor.unwrap_or_default(),
                    head: head.unwrap_or_default(),
                    head_is_member,
                    staff,
                    charter: charter.is_some(),
                    charter_date: charter,
                    ..Default::default()
                },
                today,
            )?;
            println!("已登记单位：{}（{}）", o.name, o.org_type.label());
        }
        OrgCommand::List { today: on, json } => {
            let today = crate::parse_today(on, today)?;
            let store = open_for_viewing(db)?;
            let orgs = store.organizations()?;
            let facts = store.org_facts(today)?;
            if json {
                #[derive(serde::Serialize)]
                struct Row<'a> {
                    organization: &'a zhibu_core::organization::Organization,
                    facts: Option<&'a zhibu_core::organization::OrgFacts>,
                }
                let rows: Vec<Row> = orgs
                    .iter()
                    .map(|o| Row {
                        organization: o,
                        facts: facts.iter().find(|f| f.id == o.id),
                    })
                    .collect();
                return print_json(&rows);
            }
            println!(
                "序号\t单位名称\t类型\t统一社会信用代码\t党员\t正式党员\t党建入章\t负责人是党员"
            );
            for (i, o) in orgs.iter().enumerate() {
                let f = facts.iter().find(|f| f.id == o.id);
                let yes = |b: bool| if b { "是" } else { "否" };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    i + 1,
                    o.name,
                    o.org_type.label(),
                    if o.credit_code.is_empty() {
                        "—"
                    } else {
                        &o.credit_code
                    },
                    f.map_or(0, |f| f.members),
                    f.map_or(0, |f| f.full_members),
                    yes(o.charter),
                    yes(o.head_is_member),
                );
            }
            if orgs.is_empty() {
                println!("尚未登记单位。用 zhibu org add --name 单位名称 登记。");
            }
        }
    }
    Ok(())
}
