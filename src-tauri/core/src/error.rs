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

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
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
        Self::invalid(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorKind::NotFound, format!("找不到{what}，可能已被删除"))
    }
}

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
            Some(ErrorCode::DiskFull) => Error::new(ErrorKind::Io, "磁盘空间不足，数据未保存"),
            // Internal detail only; never contains the row values (no personal data).
            _ => Error::new(ErrorKind::Internal, format!("数据库操作失败：{e}")),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(ErrorKind::Io, format!("文件读写失败：{e}"))
    }
}
