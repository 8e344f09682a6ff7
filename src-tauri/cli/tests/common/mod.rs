#![allow(dead_code)]
use std::path::Path;
use std::process::{Command, Output};

/// `zhibu --db DB ARGS...`, never picking up a data file from the environment.
pub fn zhibu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ZHIBU_DB")
        .output()
        .expect("run zhibu")
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
