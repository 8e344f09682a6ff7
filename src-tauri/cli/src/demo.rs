//! `zhibu demo`: the demo branch, or a large generated one for timing, in its own file unless
//! `--db` says otherwise.
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use zhibu_core::{demo, paths, Error, Store};

use crate::{db_path, parse_today, usage};

#[derive(Args)]
pub struct DemoArgs {
    /// 演示数据以哪一天为“今天”（用于测试和截图）
    #[arg(long, hide = true)]
    today: Option<String>,
    /// 生成测试性能用的大规模数据：N名党员（写入空白数据文件）
    #[arg(long)]
    scale: Option<usize>,
    /// 大规模数据的年数
    #[arg(long, default_value_t = 10)]
    years: u32,
    /// 小支部：5名正式党员、只设书记、一个单位（多数社会组织党支部的样子）
    #[arg(long, conflicts_with = "scale")]
    small: bool,
}

pub fn run(args: DemoArgs, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    let DemoArgs {
        today: as_of,
        scale,
        years,
        small,
    } = args;
    let today = parse_today(as_of, today)?;
    let path = db_path(db, paths::demo_db())?;
    // An existing file must be ours (and empty, which the demo checks): another program's
    // database is never touched.
    let mut store = if path.exists() {
        Store::open_existing(&path)?
    } else {
        Store::open(&path)?
    };
    match scale {
        None if small => {
            let n = demo::fill_small(&mut store, today)?;
            println!(
                "已在 {} 生成演示小支部（只设书记），共{}人",
                path.display(),
                n
            );
        }
        None => {
            let n = demo::fill(&mut store, today)?;
            println!("已在 {} 生成演示支部，共{}人", path.display(), n);
        }
        Some(members) => {
            if !(1..=100_000).contains(&members) || !(1..=30).contains(&years) {
                return Err(usage("--scale 应为1至100000人，--years 应为1至30年".into()));
            }
            let started = std::time::Instant::now();
            let s = demo::fill_scale(&mut store, members, years, today)?;
            println!(
                "已在 {} 生成{}名党员、{}年的数据：会议{}次，到会记录{}条，党费{}笔，发展步骤{}条（用时{:.1}秒）",
                path.display(),
                s.members,
                years,
                s.meetings,
                s.attendance,
                s.dues_payments,
                s.development_steps,
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}
