//! Tauri commands, one file per area of the UI: each is a one-line adapter from the UI's
//! call (through ui/src/api only) to a core use-case. They share `session` and `dialogs`,
//! never each other.
pub mod app;
pub mod backup;
pub mod branch;
pub mod compliance;
pub mod development;
pub mod drafts;
pub mod dues;
pub mod excel;
pub mod meetings;
pub mod members;
pub mod package;
pub mod print;
pub mod report;
pub mod social;
pub mod venue;
