//! Excel in and out: importing a roster kept in a workbook, and exporting the roster (and
//! later the dues ledger) as .xlsx.
mod export;
mod header;
mod import;
mod workbook;

pub use import::{ImportColumn, ImportReport, ImportRow, RowStatus};
