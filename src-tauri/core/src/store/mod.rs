//! The SQLite store: one file per branch, opened the same way by the app, the CLI and tests.
//! Owns connection settings and the schema ladder in `PRAGMA user_version`.
use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, ErrorKind, Result};

/// Each entry upgrades the schema by one version; index + 1 is the version it produces.
/// Never edit a released entry: add a new one, and a fixture test from the version before.
const MIGRATIONS: &[&str] = &[
    include_str!("0001_init.sql"),
    include_str!("0002_meetings.sql"),
    include_str!("0003_venue.sql"),
    include_str!("0004_report.sql"),
    include_str!("0005_dues.sql"),
    include_str!("0006_development.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct Store {
    pub(crate) conn: Connection,
}

/// Writes one row of `table` from `fields` and their `values`: a new row when `id` is None
/// (its id returned), else the row with that id. Insert and update share the one column
/// list, so they cannot drift apart.
pub(crate) fn write_row(
    conn: &Connection,
    table: &str,
    fields: &[&str],
    mut values: Vec<rusqlite::types::Value>,
    id: Option<i64>,
) -> Result<i64> {
    match id {
        None => {
            let holes: Vec<String> = (1..=fields.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                fields.join(", "),
                holes.join(", ")
            );
            conn.execute(&sql, rusqlite::params_from_iter(values))?;
            Ok(conn.last_insert_rowid())
        }
        Some(id) => {
            let set: Vec<String> = fields
                .iter()
                .enumerate()
                .map(|(i, f)| format!("{f} = ?{}", i + 1))
                .collect();
            let sql = format!(
                "UPDATE {table} SET {} WHERE id = ?{}",
                set.join(", "),
                fields.len() + 1
            );
            values.push(id.into());
            conn.execute(&sql, rusqlite::params_from_iter(values))?;
            Ok(id)
        }
    }
}

impl Store {
    /// Opens (creating if needed) the data file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(path)?;
        Self::init(conn)
    }

    /// Opens a file that must already exist: looking at data never creates an empty file.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!(
                    "找不到数据文件 {}。新建请用 zhibu init --branch 支部名称，试用请用 zhibu demo",
                    path.display()
                ),
            ));
        }
        Store::open(path)
    }

    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Reading user_version first also tells a non-database file apart (SQLITE_NOTADB).
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(Error::new(
                ErrorKind::FileTooNew,
                format!(
                    "该数据文件由更新版本的支部工作台创建（数据格式第{version}版），\
                     本程序只能打开第{SCHEMA_VERSION}版及以前的文件。请先升级程序，原文件未做任何改动。"
                ),
            ));
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let mut store = Store { conn };
        store.migrate(version)?;
        Ok(store)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            // One transaction per step: a failed upgrade leaves the file at the previous version.
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )?;
        Ok(())
    }

    /// A file nobody has entered anything into yet: no branch name, no people.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM member) AND (SELECT name FROM branch WHERE id = 1) = ''",
            [],
            |r| r.get(0),
        )?)
    }

    /// SQLite's own check of the whole file (pages, indexes, free list).
    pub fn check_integrity(&self) -> Result<()> {
        let report: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if report == "ok" {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::Corrupt, "数据文件自检未通过"))
        }
    }

    /// A demo database is marked so the app can say so and real data never mixes with it.
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.setting("demo")?.as_deref() == Some("1"))
    }
}
