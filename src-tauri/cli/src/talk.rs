//! `zhibu talk`: 谈心谈话 by pairs — recording one, and the year's talks with the pairs the
//! rules still ask for.
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use zhibu_core::talk::TalkInput;
use zhibu_core::Error;

use crate::member::named;
use crate::{open_for_viewing, open_for_writing, print_json};

#[derive(Subcommand)]
pub enum TalkCommand {
    /// 登记一次谈心谈话（两个人）
    Add {
        /// 谈话人（通常是书记或支委）
        #[arg(long)]
        a: String,
        /// 谈话对象
        #[arg(long)]
        b: String,
        #[arg(long)]
        date: String,
        /// 谈话要点
        #[arg(long)]
        note: Option<String>,
    },
    /// 列出一年的谈心谈话，以及还缺哪些人
    List {
        #[arg(long)]
        year: Option<i32>,
        /// 以哪一天为“今天”（默认今天）
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: TalkCommand, db: Option<PathBuf>, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        TalkCommand::Add { a, b, date, note } => {
            let mut store = open_for_writing(db)?;
            let a = named(&store, &a)?;
            let b = named(&store, &b)?;
            let t = store.add_talk(
                &TalkInput {
                    date,
                    a: Some(a),
                    b: Some(b),
                    note: note.unwrap_or_default(),
                },
                today,
            )?;
            println!("已登记：{} {}与{}谈心谈话", t.date, t.a_name, t.b_name);
        }
        TalkCommand::List {
            year,
            today: on,
            json,
        } => {
            let today = crate::parse_today(on, today)?;
            let year = year.unwrap_or(today.year());
            let store = open_for_viewing(db)?;
            let talks = store.talks(year)?;
            let coverage = store.talk_coverage(year, today)?;
            if json {
                #[derive(serde::Serialize)]
                struct Out<'a> {
                    talks: &'a [zhibu_core::talk::Talk],
                    coverage: &'a zhibu_core::talk::TalkCoverage,
                }
                return print_json(&Out {
                    talks: &talks,
                    coverage: &coverage,
                });
            }
            println!(
                "{year}年谈心谈话{}次（{}人次）",
                talks.len(),
                talks.len() * 2
            );
            for t in &talks {
                println!("{}\t{}—{}\t{}", t.date, t.a_name, t.b_name, t.note);
            }
            if coverage.missing.is_empty() {
                println!("应谈的{}对都已谈过。", coverage.required);
            } else {
                println!(
                    "还缺{}对（共应{}对）：",
                    coverage.missing.len(),
                    coverage.required
                );
                for m in &coverage.missing {
                    println!("- {}与{}（{}）", m.a_name, m.b_name, m.why);
                }
            }
        }
    }
    Ok(())
}
