//! The document model: what a printed page is made of, independent of how it is laid out.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub title: String,
    /// Relative width; columns share the text block's width in these proportions.
    pub weight: f32,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// The document title: 22 pt, centered, lines balanced.
    Title(String),
    /// A line under the title (issuer, branch name): centered, 16 pt 楷体.
    Subtitle(String),
    /// Heading levels 1–4 print as 一、 / （一） / 1. / （1）, numbered automatically.
    Heading {
        level: u8,
        text: String,
    },
    /// Body text: 16 pt 仿宋, first line indented two characters, justified to the grid.
    Paragraph(String),
    /// A line without indent (a label and value, a note).
    Line {
        text: String,
        align: Align,
    },
    Table(Table),
    /// Signature lines at the right, e.g. "主持人（签字）：", their left edges aligned; a
    /// label ending in "：" gets room to sign after it. Kept with the two lines before them.
    Signatures(Vec<String>),
    /// The 落款 per GB/T 9704: the date four characters in from the right margin, the name
    /// ("述职人：王建国") centred above it. Kept with the two lines before it.
    Signoff {
        name: String,
        date: String,
    },
    /// A blank line of the grid.
    Space,
    PageBreak,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub orientation: Orientation,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(orientation: Orientation) -> Self {
        Document {
            orientation,
            blocks: Vec::new(),
        }
    }
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }
}

/// The Chinese numbering of headings: 一、 （一） 1. （1）.
pub fn heading_number(level: u8, n: usize) -> String {
    match level {
        1 => format!("{}、", chinese_number(n)),
        2 => format!("（{}）", chinese_number(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九.
pub fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_numbered_the_chinese_way() {
        assert_eq!(heading_number(1, 1), "一、");
        assert_eq!(heading_number(2, 3), "（三）");
        assert_eq!(heading_number(3, 2), "2.");
        assert_eq!(heading_number(4, 5), "（5）");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(40), "四十");
        assert_eq!(chinese_number(99), "九十九");
    }
}
