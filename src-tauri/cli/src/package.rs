//! `zhibu package`: the yearly package for the superior committee, one .zip.
use std::path::PathBuf;

use chrono::{Datelike, Local, NaiveDate};
use clap::Args;
use zhibu_core::Error;
use zhibu_typeset::fonts::default_font_dirs;
use zhibu_typeset::FontLibrary;

use crate::{open_for_viewing, print_json, usage};

#[derive(Args)]
pub struct PackageArgs {
    /// 材料所属年度（默认上一年）
    #[arg(long)]
    year: Option<i32>,
    /// 保存为（.zip）
    out: PathBuf,
    /// 加密：从这个环境变量读取材料包密码（至少8个字符）
    #[arg(long)]
    passphrase_env: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(args: PackageArgs, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    let store = open_for_viewing(db)?;
    let year = args.year.unwrap_or(today.year() - 1);
    let passphrase = match &args.passphrase_env {
        None => None,
        Some(v) => {
            Some(std::env::var(v).map_err(|_| usage(format!("环境变量 {v} 中没有材料包密码")))?)
        }
    };
    let mut fonts = FontLibrary::discover(&default_font_dirs(&[]));
    let json = args.json;
    let package = store.write_package(
        &mut fonts,
        year,
        today,
        Local::now().naive_local(),
        env!("CARGO_PKG_VERSION"),
        &args.out,
        passphrase.as_deref(),
        &mut |step, total, what| {
            if !json {
                eprintln!("[{step}/{total}] {what}");
            }
        },
    )?;
    if json {
        return print_json(&package);
    }
    println!(
        "已生成{year}年度材料包 {}（{}个文件）",
        package.path,
        package.files.len() + 2
    );
    for f in &package.files {
        println!("  {}　{}", f.name, f.about);
    }
    for note in &package.notes {
        println!("注意：{note}");
    }
    Ok(())
}
