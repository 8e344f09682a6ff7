//! 述职报告: the duty report as an official document.
use chrono::NaiveDate;
use zhibu_typeset::{Align, Block, Document, Orientation};

use crate::dates;

/// The duty report as an official document: the title, the reporter, the sections with
/// their numbered headings, and the reporter's name and the date at the end.
pub fn report_document(r: &crate::report::Report, today: NaiveDate) -> Document {
    use crate::report::ParagraphKind;
    let secretary = r
        .figures
        .iter()
        .find(|f| f.name == "书记")
        .map(|f| f.value.clone())
        .unwrap_or_default();
    let mut d = Document::new(Orientation::Portrait);
    d.push(Block::Title(r.title.clone()));
    if !secretary.is_empty() {
        d.push(Block::Subtitle(format!("述职人：{secretary}")));
    }
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
    d.push(Block::Signatures(vec![format!("述职人：{secretary}")]));
    let date = NaiveDate::from_ymd_opt(r.year, 12, 31).map_or(today, |end| end.min(today));
    d.push(Block::Line {
        text: dates::format_cn(date),
        align: Align::Right,
    });
    d
}
