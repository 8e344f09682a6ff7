//! 述职报告: the duty report as an official document.
use chrono::NaiveDate;
use zhibu_typeset::{Block, Document, Orientation};

use crate::dates;

/// The duty report as an official document: the title, the sections with their numbered
/// headings, and at the end the reporter (once) and the date the secretary set, or else the
/// day it is printed — the day it is handed in, not the year's last day.
pub fn report_document(r: &crate::report::Report, today: NaiveDate) -> Document {
    use crate::report::ParagraphKind;
    let secretary = r
        .figures
        .iter()
        .find(|f| f.name == "书记")
        .map(|f| f.value.clone())
        .unwrap_or_default();
    let mut d = Document::new(Orientation::Portrait);
    d.push(Block::Title(marked_title(&r.title)));
    for (p, text) in r.paragraphs.iter().zip(&r.rendered) {
        d.push(match p.kind {
            ParagraphKind::Heading => Block::Heading {
                level: 1,
                text: text.clone(),
            },
            ParagraphKind::Subheading => Block::Heading {
                level: 2,
                text: text.clone(),
            },
            ParagraphKind::Text => Block::Paragraph(text.clone()),
        });
    }
    // The reporter once, centred over the date (GB/T 9704's 落款).
    d.push(Block::Signoff {
        name: if secretary.is_empty() {
            String::new()
        } else {
            format!("述职人：{secretary}")
        },
        date: dates::format_cn(r.dated.unwrap_or(today)),
    });
    d
}

/// The title with the places it may break marked, so that the branch's name is never split:
/// 中共××支部委员会 | 书记 | 2025年度 | 抓基层党建工作 | 述职报告.
fn marked_title(title: &str) -> String {
    let b = zhibu_typeset::linebreak::TITLE_BREAK;
    title
        .replacen("书记", &format!("{b}书记{b}"), 1)
        .replacen("年度", &format!("年度{b}"), 1)
        .replacen("述职报告", &format!("{b}述职报告"), 1)
}
