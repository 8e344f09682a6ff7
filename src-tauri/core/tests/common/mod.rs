#![allow(dead_code)]
use chrono::NaiveDate;
use zhibu_core::member::{Category, MemberInput};
use zhibu_core::Store;

pub mod small;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

/// A valid 18-digit ID for a birth date; `seq` odd for a man, even for a woman.
pub fn id_for(birth: &str, seq: u32) -> String {
    let first17 = format!("110105{}{:03}", birth.replace('-', ""), seq);
    let check = zhibu_core::idcard::check_char(&first17).expect("17 digits");
    format!("{first17}{check}")
}

pub fn full_member(name: &str, birth: &str, seq: u32, joined: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        id_number: id_for(birth, seq),
        category: Some(Category::Full),
        joined: Some(joined.into()),
        ..Default::default()
    }
}

pub fn store() -> Store {
    Store::open_in_memory().expect("in-memory store")
}

/// The released schema migrations, in order (the ladder in `src/store/mod.rs`).
const MIGRATIONS: [&str; 9] = [
    include_str!("../../src/store/0001_init.sql"),
    include_str!("../../src/store/0002_meetings.sql"),
    include_str!("../../src/store/0003_venue.sql"),
    include_str!("../../src/store/0004_report.sql"),
    include_str!("../../src/store/0005_dues.sql"),
    include_str!("../../src/store/0006_development.sql"),
    include_str!("../../src/store/0007_social_organizations.sql"),
    include_str!("../../src/store/0008_first_week.sql"),
    include_str!("../../src/store/0009_report_date.sql"),
];

/// A raw database file at schema `version`, as that release left it, for upgrade tests.
pub fn old_file(path: &std::path::Path, version: usize) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("raw");
    for sql in &MIGRATIONS[..version] {
        conn.execute_batch(sql).expect("old schema");
    }
    conn
}
