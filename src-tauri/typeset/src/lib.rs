//! zhibu-typeset: a small document model (title, headings, paragraphs, tables, signature
//! lines) laid out on A4 per GB/T 9704-2012 with Chinese line breaking, written as PDF with
//! subset fonts or as a Word file. Knows nothing of the branch's domain or of Tauri.
mod columns;
pub mod docx;
pub mod fonts;
mod html;
mod info;
pub mod linebreak;
pub mod model;
mod pdf;

pub use docx::render_docx;
pub use fonts::{FontLibrary, Role};
pub use html::escape;
pub use info::{DocInfo, Stamp};
pub use model::{Align, Block, Column, Document, Orientation, Table};
pub use pdf::{layout, render_pdf, table_widths, Layout, Rendered};

#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error("找不到中文字体，无法打印。请安装仿宋、宋体或思源宋体（Noto Serif CJK）后再试")]
    NoChineseFont,
    #[error("无法生成Word文件：{0}")]
    Docx(String),
}
