#![allow(dead_code)]
use chrono::NaiveDate;
use zhibu_core::member::{Category, MemberInput};
use zhibu_core::Store;

pub mod small;
pub mod sweep;

/// A small deterministic generator (xorshift), so a failing case can be named by its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// A day from the years `from` to `to` (day 1 to 28, so that every month has it).
    pub fn day(&mut self, from: i32, to: i32) -> NaiveDate {
        let y = from + self.below((to - from + 1) as u64) as i32;
        NaiveDate::from_ymd_opt(y, 1 + self.below(12) as u32, 1 + self.below(28) as u32)
            .expect("date")
    }
}

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
