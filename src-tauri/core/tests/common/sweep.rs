//! The odd-input sweep: every free-text field of a form given what people (and accidents)
//! put in them. What each value must come to is decided here from the field's own rules —
//! required or not, its length limit, its format — never from what the program answered:
//! kept exactly as typed (less surrounding spaces, a tab as four spaces) and read back from a
//! freshly opened store, or refused with a message on that very field giving that reason, and
//! then not one byte of the database file changed.
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};
use rusqlite::types::ValueRef;
use zhibu_core::member::MemberInput;
use zhibu_core::{Error, Store};

use super::{full_member, today};

pub fn nasty() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("spaces", "   ".into()),
        ("10,000 characters", "党".repeat(10_000)),
        ("emoji", "😀👨‍👩‍👧 党员之家".into()),
        ("rare CJK", "𠀀𪚥䶮堃喆".into()),
        ("SQL", "'); DROP TABLE member; --".into()),
        ("HTML", "<script>alert(1)</script><b>x</b>&amp;".into()),
        ("control characters", "a\u{0}b\u{7}c\r\nd".into()),
        ("pasted from Word", "\t一、学习\t党章\n二、讨论\t ".into()),
    ]
}

/// A field's rules, as the form states them to the secretary.
pub struct Field {
    /// The key the refusal must name (`FieldError::field`).
    pub key: &'static str,
    pub max: usize,
    pub required: bool,
    /// A format the value must have, and the words of the refusal when it has not.
    pub format: Option<(fn(&str) -> bool, &'static str)>,
}

impl Field {
    pub const fn text(key: &'static str, max: usize) -> Field {
        Field {
            key,
            max,
            required: false,
            format: None,
        }
    }
    pub const fn required(key: &'static str, max: usize) -> Field {
        Field {
            required: true,
            ..Field::text(key, max)
        }
    }
}

#[derive(Debug, PartialEq)]
pub enum Expect {
    Stored(String),
    /// Refused on the field, the message containing these words.
    Refused(&'static str),
}

pub fn expect(field: &Field, typed: &str) -> Expect {
    let value = typed.replace('\t', "    ");
    let value = value.trim();
    if value.is_empty() {
        return if field.required {
            Expect::Refused("请")
        } else {
            Expect::Stored(String::new())
        };
    }
    if value.chars().count() > field.max {
        return Expect::Refused("不能超过");
    }
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Expect::Refused("控制字符");
    }
    if let Some((ok, reason)) = field.format {
        if !ok(value) {
            return Expect::Refused(reason);
        }
    }
    Expect::Stored(value.to_string())
}

/// Every row of every table of the file, as text: equal before and after means nothing was
/// written.
pub fn fingerprint(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("read the file");
    let mut tables = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("tables");
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    let mut out = String::new();
    for name in names {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY rowid"))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{name}\"")))
            .expect("rows");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        out.push_str(&name);
        while let Some(row) = rows.next().expect("row") {
            out.push('\n');
            for i in 0..n {
                let cell = match row.get_ref(i).expect("cell") {
                    ValueRef::Null => "∅".to_string(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                    ValueRef::Blob(b) => format!("blob{}:{:?}", b.len(), &b[..b.len().min(16)]),
                };
                out.push_str(&cell);
                out.push('|');
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// A store in a real file, so that what was written can be read by another connection.
pub struct Sweep {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub store: Store,
    /// Counts the values tried, so that each gets its own record (its own date, its own ID).
    pub n: u32,
    pub refused: usize,
    pub stored: usize,
}

impl Sweep {
    pub fn new() -> Sweep {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("支部 数据.db");
        let store = Store::open(&db).expect("store");
        Sweep {
            _dir: dir,
            db,
            store,
            n: 0,
            refused: 0,
            stored: 0,
        }
    }

    /// A second, read-only store on the same file: what was really written.
    pub fn fresh(&self) -> Store {
        Store::open_read_only(&self.db).expect("reopen")
    }

    /// Puts every odd value into `field` through `submit`, which makes a record of its own
    /// (it gets a fresh number each time) and returns its id; `read` reads the field back
    /// from a freshly opened store.
    pub fn field(
        &mut self,
        form: &str,
        field: Field,
        submit: impl FnMut(&mut Store, &str, u32) -> Result<i64, Error>,
        read: impl Fn(&Store, i64) -> String,
    ) {
        self.field_prepared(form, field, |_| {}, submit, read)
    }

    /// As `field`, with `prepare` run before each value (and before the file is looked at).
    pub fn field_prepared(
        &mut self,
        form: &str,
        field: Field,
        mut prepare: impl FnMut(&mut Store),
        mut submit: impl FnMut(&mut Store, &str, u32) -> Result<i64, Error>,
        read: impl Fn(&Store, i64) -> String,
    ) {
        for (label, value) in nasty() {
            self.n += 1;
            prepare(&mut self.store);
            let before = fingerprint(&self.db);
            let result = submit(&mut self.store, &value, self.n);
            let what = format!("{form} · {} with {label}", field.key);
            match (expect(&field, &value), result) {
                (Expect::Stored(text), Ok(id)) => {
                    assert_eq!(read(&self.fresh(), id), text, "{what}: stored differently");
                    self.stored += 1;
                }
                (Expect::Refused(reason), Err(e)) => {
                    refused_on(&e, field.key, reason, &what);
                    assert!(
                        fingerprint(&self.db) == before,
                        "{what}: refused, yet the file changed"
                    );
                    self.refused += 1;
                }
                (Expect::Stored(text), Err(e)) => {
                    panic!("{what}: refused {e:?}, but should be kept as {text:?}")
                }
                (Expect::Refused(reason), Ok(_)) => {
                    panic!("{what}: stored, but should be refused (“{reason}”)")
                }
            }
        }
    }
}

/// The refusal names the field and gives the reason, in Chinese; it is not some other
/// complaint about the record (a duplicate, a date).
pub fn refused_on(e: &Error, key: &str, reason: &str, what: &str) {
    let on_field: Vec<&str> = e
        .fields
        .iter()
        .filter(|f| f.field == key)
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        on_field.iter().any(|m| m.contains(reason)),
        "{what}: the refusal does not say “{reason}” on {key}: {e:?}"
    );
    for m in &on_field {
        assert!(
            m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{what}: not Chinese: {m}"
        );
    }
    assert!(
        e.fields.iter().all(|f| f.field == key),
        "{what}: refused for another field too: {e:?}"
    );
    assert!(
        !e.message.contains("重复"),
        "{what}: refused as a duplicate: {e:?}"
    );
}

/// A member of its own for each value (`n` makes the ID number), edited by `edit`.
pub fn add_member(
    s: &mut Store,
    n: u32,
    edit: impl FnOnce(&mut MemberInput),
) -> zhibu_core::Result<i64> {
    let mut input = full_member("王建国", "1968-03-15", n, "1995-07-01");
    edit(&mut input);
    s.add_member(&input, today()).map(|m| m.id)
}

/// A day of its own for each value, so that no record is refused as a second one that day.
pub fn day(n: u32) -> String {
    (NaiveDate::from_ymd_opt(2019, 1, 1).expect("date") + Duration::days(i64::from(n))).to_string()
}
