//! The one error type of the core: a kind the UI and CLI branch on, a Chinese message for
//! the secretary, and per-field messages when a form is refused.
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    /// Input refused by validation; `fields` says which and why.
    Invalid,
    NotFound,
    /// The operation conflicts with data already stored (duplicate ID number, ...).
    Conflict,
    /// The data file was written by a newer version of the program.
    FileTooNew,
    /// The file is not a database of this program, or is damaged.
    Corrupt,
    /// Reading or writing a file failed.
    Io,
    /// No Chinese font to print with.
    MissingFont,
    /// A failure that is not the user's doing.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldError {
    /// The field's code name as in the input type (`id_number`, `joined`, ...).
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message}")]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Vec<FieldError>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: escape_invisible(message.into()),
        }
    }
}

impl Error {
    /// Every message passes through here (or `invalid`, `about`): whatever user input it
    /// echoes shows its invisible characters escaped, in the terminal and the window alike.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: escape_invisible(message.into()),
            fields: Vec::new(),
        }
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let fields: Vec<FieldError> = fields
            .into_iter()
            .map(|f| FieldError::new(&f.field, f.message))
            .collect();
        let message = match fields.as_slice() {
            [only] => only.message.clone(),
            _ => format!("有{}处填写不正确，请按提示修改", fields.len()),
        };
        Error {
            kind: ErrorKind::Invalid,
            message,
            fields,
        }
    }

    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::invalid(vec![FieldError::new(field, message)])
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorKind::NotFound, format!("找不到{what}，可能已被删除"))
    }
}

/// Shows control characters (line breaks included: a message is one line), bidirectional
/// overrides and isolates, zero-width and other invisible formatting characters as `\u{202E}`,
/// so that text echoed from user input can neither reorder nor hide what the terminal or the
/// window shows. Chinese, Latin, spaces and the middle dot stay as they are. Escaping twice
/// changes nothing.
pub fn escape_invisible(text: String) -> String {
    if !text.chars().any(is_invisible) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters (Unicode Cc), format characters (Cf: bidirectional marks, embeddings,
/// overrides and isolates, zero-width spaces and joiners, the byte-order mark, tags, ...) and
/// the line and paragraph separators.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            u32::from(c),
            0x00AD
                | 0x0600..=0x0605
                | 0x061C
                | 0x06DD
                | 0x070F
                | 0x0890..=0x0891
                | 0x08E2
                | 0x180E
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0001
                | 0xE0020..=0xE007F
        )
}

/// Nothing of SQLite's own (English) text reaches the secretary, and no row values either:
/// each failure becomes a sentence saying what happened and that nothing was changed (a
/// failed statement rolls its transaction back).
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::new(
                ErrorKind::Corrupt,
                "数据文件已损坏，或不是支部工作台的数据文件",
            ),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::new(
                ErrorKind::Io,
                "数据文件正被另一个程序使用，请关闭其他支部工作台窗口后重试",
            ),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                Error::new(ErrorKind::Io, "无法读写数据文件，请检查文件位置和权限")
            }
            Some(ErrorCode::DiskFull) => Error::new(
                ErrorKind::Io,
                "磁盘空间不足，本次操作未完成，已有数据未受影响",
            ),
            Some(ErrorCode::SystemIoFailure) => Error::new(
                ErrorKind::Io,
                "磁盘读写出错（可能是磁盘空间不足），本次操作未完成，已有数据未受影响",
            ),
            Some(ErrorCode::ConstraintViolation) => constraint_violation(extended_code(&e)),
            Some(ErrorCode::TooBig) => Error::new(
                ErrorKind::Invalid,
                "内容太大，无法保存，本次操作未完成，已有数据未受影响",
            ),
            Some(ErrorCode::OutOfMemory) => Error::new(
                ErrorKind::Internal,
                "内存不足，本次操作未完成，已有数据未受影响",
            ),
            // The code number helps whoever maintains the program; it holds no personal data.
            Some(_) => Error::new(
                ErrorKind::Internal,
                format!(
                    "数据库操作失败（错误代码{}），本次操作未完成，已有数据未受影响",
                    extended_code(&e)
                ),
            ),
            // Not SQLite's failure but the program's (a value of an unexpected type, ...).
            None => Error::new(
                ErrorKind::Internal,
                "读取或保存数据时出错（程序内部错误），本次操作未完成，已有数据未受影响",
            ),
        }
    }
}

fn extended_code(e: &rusqlite::Error) -> i32 {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => f.extended_code,
        _ => 0,
    }
}

/// The checks of the forms come first; a constraint of the file itself refusing a row means
/// a duplicate or a dangling reference slipped past them (or another window got there first).
fn constraint_violation(extended_code: i32) -> Error {
    use rusqlite::ffi;
    let (kind, what) = match extended_code {
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            (ErrorKind::Conflict, "要保存的内容与已有的记录重复")
        }
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => (
            ErrorKind::Conflict,
            "要保存的内容所关联的记录不存在，或要删除的记录仍被其他记录使用",
        ),
        ffi::SQLITE_CONSTRAINT_NOTNULL => (ErrorKind::Internal, "有必须填写的内容是空的"),
        ffi::SQLITE_CONSTRAINT_CHECK => (ErrorKind::Internal, "有内容不在允许的范围内"),
        _ => (ErrorKind::Internal, "要保存的内容不符合数据文件的要求"),
    };
    Error::new(kind, format!("{what}，本次没有保存任何改动"))
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        // ENOSPC, EFBIG (a file-size limit), EDQUOT: to the secretary all are "the disk is full".
        let message = match (e.kind(), e.raw_os_error()) {
            (_, Some(28 | 27 | 122)) => "磁盘空间不足，文件没有写完（未完成的文件已删除）".into(),
            (K::PermissionDenied, _) => "没有写入权限，请换一个位置".into(),
            (K::NotFound, _) => "找不到文件或文件夹".into(),
            (K::ReadOnlyFilesystem, _) => "这个位置是只读的，请换一个位置".into(),
            (K::IsADirectory, _) => "这是一个文件夹，不是文件".into(),
            (K::NotADirectory, _) => "路径中有一段不是文件夹".into(),
            (K::AlreadyExists, _) => "文件已存在".into(),
            (K::InvalidFilename, _) => "文件名太长，或含有不允许的字符".into(),
            (K::InvalidData | K::UnexpectedEof, _) => "文件内容无法识别，可能不完整或已损坏".into(),
            // The system's own text is English; its number is enough to look the cause up.
            (_, Some(code)) => format!("文件读写失败（系统错误代码{code}）"),
            _ => "文件读写失败".into(),
        };
        Error::new(ErrorKind::Io, message)
    }
}

impl From<zhibu_typeset::TypesetError> for Error {
    fn from(e: zhibu_typeset::TypesetError) -> Self {
        match e {
            zhibu_typeset::TypesetError::NoChineseFont => {
                Error::new(ErrorKind::MissingFont, e.to_string())
            }
            zhibu_typeset::TypesetError::Docx(_) => Error::new(ErrorKind::Io, e.to_string()),
        }
    }
}

impl Error {
    /// Names the file a file-system failure was about (other errors are left as they are).
    pub fn about(mut self, path: &std::path::Path) -> Self {
        if self.kind == ErrorKind::Io {
            self.message =
                escape_invisible(format!("无法写入 {}：{}", path.display(), self.message));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_english(message: &str) -> bool {
        !message.chars().any(|c| c.is_ascii_alphabetic())
    }

    /// Each constraint of the file, refused by a real SQLite on an in-memory database.
    #[test]
    fn constraint_violations_are_plain_chinese_without_the_row_values() {
        let db = rusqlite::Connection::open_in_memory().expect("db");
        db.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE member (id INTEGER PRIMARY KEY, id_number TEXT NOT NULL UNIQUE,
                                  sex TEXT CHECK (sex IN ('male', 'female')));
             CREATE TABLE dues (member_id INTEGER NOT NULL REFERENCES member(id));
             INSERT INTO member (id, id_number, sex) VALUES (1, '11010519491231002X', 'female');",
        )
        .expect("schema");
        let refused = |sql: &str| -> Error {
            db.execute(sql, [])
                .expect_err("the file refuses the row")
                .into()
        };
        let cases = [
            (
                "INSERT INTO member (id_number) VALUES ('11010519491231002X')",
                ErrorKind::Conflict,
                "重复",
            ),
            (
                "INSERT INTO member (id, id_number) VALUES (1, '110105198001010016')",
                ErrorKind::Conflict,
                "重复",
            ),
            (
                "INSERT INTO dues (member_id) VALUES (42)",
                ErrorKind::Conflict,
                "关联的记录不存在",
            ),
            (
                "INSERT INTO member (id_number) VALUES (NULL)",
                ErrorKind::Internal,
                "必须填写",
            ),
            (
                "INSERT INTO member (id_number, sex) VALUES ('110105198001010016', 'boss')",
                ErrorKind::Internal,
                "允许的范围",
            ),
        ];
        for (sql, kind, what) in cases {
            let e = refused(sql);
            assert_eq!(e.kind, kind, "{sql}: {e:?}");
            assert!(e.message.contains(what), "{sql}: {}", e.message);
            assert!(e.message.ends_with("本次没有保存任何改动"), "{}", e.message);
            assert!(no_english(&e.message), "{sql}: {}", e.message);
            assert!(!e.message.contains("1101"), "no row values: {}", e.message);
        }
        // Any other failure of SQLite: Chinese, with only its code number.
        let e: Error = db
            .execute("INSERT INTO nowhere VALUES (1)", [])
            .expect_err("no such table")
            .into();
        assert_eq!(e.kind, ErrorKind::Internal);
        assert!(no_english(&e.message), "{}", e.message);
        assert!(e.message.contains("已有数据未受影响"), "{}", e.message);
        let e: Error = rusqlite::Error::QueryReturnedNoRows.into();
        assert!(no_english(&e.message), "{}", e.message);
    }

    #[test]
    fn invisible_characters_in_messages_are_escaped_wherever_they_are_made() {
        let spoofed = "张\u{202E}三\u{200B}\u{1B}[2J";
        let escaped = "张\\u{202E}三\\u{200B}\\u{1B}[2J";
        assert_eq!(Error::new(ErrorKind::Conflict, spoofed).message, escaped);
        let e = Error::field("name", format!("{spoofed}已在本支部"));
        assert_eq!(e.message, format!("{escaped}已在本支部"));
        assert_eq!(e.fields[0].message, e.message);
        // Field errors built by hand are escaped too when the error is made of them.
        let e = Error::invalid(vec![
            FieldError {
                field: "a".into(),
                message: "第一\u{2066}".into(),
            },
            FieldError::new("b", "第二\n行"),
        ]);
        assert_eq!(e.fields[0].message, "第一\\u{2066}");
        assert_eq!(e.fields[1].message, "第二\\u{A}行");
        let e = Error::from(std::io::Error::from(std::io::ErrorKind::NotFound))
            .about(std::path::Path::new("/tmp/名册\u{202E}xslx.pdf"));
        assert!(e.message.contains("名册\\u{202E}xslx.pdf"), "{}", e.message);
        // What is ordinary stays as it is, and escaping twice changes nothing.
        let plain = "阿依古丽·买买提 Anna-Maria 第3条（试行）";
        assert_eq!(Error::new(ErrorKind::Invalid, plain).message, plain);
        assert_eq!(escape_invisible(escaped.to_string()), escaped);
    }

    #[test]
    fn file_system_failures_the_system_describes_in_english_are_told_in_chinese() {
        for code in [21, 5, 9999] {
            let e = Error::from(std::io::Error::from_raw_os_error(code));
            assert!(no_english(&e.message), "{code}: {}", e.message);
        }
    }
}
