//! zhibu-core: the domain of 党支部工作台 and its SQLite store. No Tauri, no UI, no clock:
//! every rule takes `today` and paths from its caller.
pub mod app;
pub mod backup;
pub mod branch;
mod check;
pub mod compliance;
mod crash_point;
pub mod dates;
pub mod demo;
pub mod development;
pub mod drafts;
pub mod dues;
pub mod education;
pub mod error;
pub mod excel;
pub mod fsio;
pub mod idcard;
pub mod labels;
pub mod meeting;
pub mod member;
pub mod organization;
pub mod package;
pub mod package_parts;
pub mod paths;
pub mod print;
pub mod private;
pub mod report;
pub mod roster;
pub mod rules;
pub mod statistics;
pub mod store;
pub mod strokes;
pub mod structure;
pub mod talk;
pub mod venue;

pub use error::{Error, ErrorKind, FieldError, Result};
pub use store::Store;
