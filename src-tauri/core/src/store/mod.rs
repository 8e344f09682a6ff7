//! The SQLite store: one file per branch, opened the same way by the app, the CLI and tests.
//! Owns connection settings and the schema ladder in `PRAGMA user_version`.
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

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
    include_str!("0007_social_organizations.sql"),
    include_str!("0008_first_week.sql"),
    include_str!("0009_report_date.sql"),
    include_str!("0010_report_review.sql"),
    include_str!("0011_document_edit.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct Store {
    pub(crate) conn: Connection,
    /// The data file (None in memory): outputs are refused on it, and private scratch files
    /// go beside it.
    pub(crate) path: Option<PathBuf>,
}

/// How long a write waits for another program's write to finish before giving up.
pub(crate) const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

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
        Self::init(conn, Some(path))
    }

    /// Opens a data file that must already exist and be ours, for a change: a mistyped path
    /// never creates an empty file, and another program's database is never touched.
    pub fn open_existing(path: &Path) -> Result<Store> {
        refuse_missing(path)?;
        refuse_foreign(path)?;
        Store::open(path)
    }

    /// Opens a data file for looking only: never created, never changed, never switched to
    /// WAL — another program's database is refused as it is, and a file in a read-only
    /// folder (a USB stick, a CD) still opens. A file of an older version is upgraded first,
    /// which needs the folder to be writable.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        refuse_missing(path)?;
        let conn = read_only_connection(path)?;
        let version = ours(&conn)?;
        if version > SCHEMA_VERSION {
            return Err(too_new(version));
        }
        if version < SCHEMA_VERSION {
            drop(conn);
            return Store::open(path);
        }
        conn.busy_timeout(BUSY_WAIT)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(conn: Connection, path: Option<&Path>) -> Result<Store> {
        conn.busy_timeout(BUSY_WAIT)?;
        // Reading user_version first also tells a non-database file apart (SQLITE_NOTADB).
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(too_new(version));
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let mut store = Store {
            conn,
            path: path.map(Path::to_path_buf),
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version >= SCHEMA_VERSION {
            // Up to date: opening takes no write lock, so it never waits for another writer.
            return Ok(());
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let target = i as i64 + 1;
            // One transaction per step: a failed upgrade leaves the file at the previous
            // version. The version is read inside the step's transaction, so a second program
            // opening the same old file waits, then finds the step done.
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now < target {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", target)?;
            }
            tx.commit()?;
        }
        Ok(())
    }

    /// Runs `write` as one transaction that takes the write lock before its first read:
    /// another program's write in progress is waited for (up to `BUSY_WAIT`), and the checks
    /// that decide the write (a duplicate, who was a member that day) see the data the write
    /// lands on — two programs can never both pass a check that only one write may pass.
    pub(crate) fn immediate<T>(
        &mut self,
        write: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        // A write cut short by a panic elsewhere must not leave its transaction open.
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match write(self) {
            Ok(v) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(v),
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(e.into())
                }
            },
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// A transaction for writes whose checks need no read first; it too takes the write lock
    /// at once, so `busy_timeout` applies instead of an immediate "file in use".
    pub(crate) fn write_tx(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// The data file this store has open, if it is a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Refuses an output (a printout, a spreadsheet, a backup) onto the open data file, its
    /// companions or the automatic-backup folder: a mistyped or mis-clicked path must never
    /// destroy the secretary's data.
    pub fn check_output(&self, out: &Path) -> Result<()> {
        match &self.path {
            Some(data) => crate::fsio::refuse_onto_data(out, data),
            None => Ok(()),
        }
    }

    /// Writes a file the secretary asked for, after `check_output`.
    pub fn write_output(&self, out: &Path, bytes: &[u8]) -> Result<()> {
        self.check_output(out)?;
        crate::fsio::write_file(out, bytes)
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

    pub fn remove_setting(&self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM setting WHERE key = ?1", [key])?;
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

fn too_new(version: i64) -> Error {
    Error::new(
        ErrorKind::FileTooNew,
        format!(
            "该数据文件由更新版本的支部工作台创建（数据格式第{version}版），\
             本程序只能打开第{SCHEMA_VERSION}版及以前的文件。请先升级程序，原文件未做任何改动。"
        ),
    )
}

fn refuse_missing(path: &Path) -> Result<()> {
    if path.is_file() {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::NotFound,
        format!(
            "找不到数据文件 {}。新建请用 zhibu init --branch 支部名称，试用请用 zhibu demo",
            path.display()
        ),
    ))
}

/// A connection that can neither change the file nor create its -wal/-shm.
fn read_only_connection(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_WAIT)?;
    match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(e) if is_not_a_database(&e) => Err(not_ours(path)),
        // A WAL file in a folder we may not write to cannot get its shared-memory index:
        // only then is SQLite told the file will not change under it (nothing can write
        // there). A busy or locked file is an error, never read past its -wal.
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
            ) =>
        {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?;
            conn.busy_timeout(BUSY_WAIT)?;
            Ok(conn)
        }
        Err(e) => Err(e.into()),
    }
}

fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for b in path.to_string_lossy().as_bytes() {
        match *b {
            b'%' | b'?' | b'#' | 0x80..=0xFF => out.push_str(&format!("%{b:02X}")),
            _ => out.push(*b as char),
        }
    }
    out
}

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase)
    )
}

fn not_ours(path: &Path) -> Error {
    Error::new(
        ErrorKind::Invalid,
        format!("{} 不是支部工作台的数据文件，未做任何改动", path.display()),
    )
}

/// The schema version of a database that is ours; anything else — another program's
/// database, an empty or foreign file — is refused before it is touched.
pub(crate) fn ours(conn: &Connection) -> Result<i64> {
    let path = PathBuf::from(conn.path().unwrap_or(""));
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| {
            if is_not_a_database(&e) {
                not_ours(&path)
            } else {
                e.into()
            }
        })?;
    let has_branch: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'branch')",
        [],
        |r| r.get(0),
    )?;
    if version < 1 || !has_branch {
        return Err(not_ours(&path));
    }
    Ok(version)
}

/// Refuses a file that exists but is not ours, looking without changing it.
fn refuse_foreign(path: &Path) -> Result<()> {
    let conn = read_only_connection(path)?;
    ours(&conn).map(|_| ())
}
