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
            Some(ErrorCode::DiskFull) => Error::new(
                ErrorKind::Io,
                "磁盘空间不足，本次操作未完成，已有数据未受影响",
            ),
            Some(ErrorCode::SystemIoFailure) => Error::new(
                ErrorKind::Io,
                "磁盘读写出错（可能是磁盘空间不足），本次操作未完成，已有数据未受影响",
            ),
            // Internal detail only; never contains the row values (no personal data).
            _ => Error::new(ErrorKind::Internal, format!("数据库操作失败：{e}")),
        }
    }
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
            _ => format!("文件读写失败：{e}"),
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
        }
    }
}

impl Error {
    /// Names the file a file-system failure was about (other errors are left as they are).
    pub fn about(mut self, path: &std::path::Path) -> Self {
        if self.kind == ErrorKind::Io {
            self.message = format!("无法写入 {}：{}", path.display(), self.message);
        }
        self
    }
}
