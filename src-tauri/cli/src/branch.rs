//! `zhibu branch`: the branch's own particulars (name, unit, superior, term, committee).
use std::path::PathBuf;

use clap::Subcommand;
use zhibu_core::{dates, Error};

use crate::{open_for_viewing, print_json};

#[derive(Subcommand)]
pub enum BranchCommand {
    /// 显示支部概况
    Show {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: BranchCommand, db: Option<PathBuf>) -> Result<(), Error> {
    let BranchCommand::Show { json } = cmd;
    let store = open_for_viewing(db)?;
    let b = store.branch()?;
    if json {
        return print_json(&b);
    }
    println!("支部名称：{}", b.name);
    println!("所在单位：{}（{}）", b.org_name, b.org_type.label());
    println!("上级党组织：{}", b.superior);
    if let (Some(s), Some(e)) = (b.term_start, b.term_end) {
        println!(
            "本届任期：{} 至 {}",
            dates::format_cn(s),
            dates::format_cn(e)
        );
    }
    if let Some(r) = b.records_from {
        println!("建账日期：{}", dates::format_cn(r));
    }
    for seat in &b.committee {
        println!("{}：{}", seat.role, seat.name);
    }
    Ok(())
}
