//! Writes a `Document` as a Word file (.docx) laid out like the PDF, so that the secretary
//! and the superior committee can edit it in WPS or Word and compile several into one: the
//! GB/T 9704 block and margins, 22 lines × 28 characters held by the document grid, heading
//! levels as Word's own heading styles, tables whose header row repeats on every page, page
//! numbers "— N —" at the right on odd pages and at the left on even ones. Fonts are named
//! as Windows and WPS name them, each with the name a machine without it falls back to, so
//! the secretary's own 仿宋_GB2312 is used where it is installed.
//!
//! Written by hand rather than with docx-rs: that crate (0.4) cannot mark a table row as a
//! repeated header (`w:tblHeader`) or switch on odd/even footers, both of which an official
//! document needs, and the package is eight small XML parts.
use std::fmt::Write as _;
use std::io::{Cursor, Write};

use crate::columns::column_widths;
use crate::info::DocInfo;
use crate::linebreak::balance_title;
use crate::model::{heading_number, Align, Block, Document, Orientation, Table};
use crate::pdf::{signature_line, Geometry};
use crate::TypesetError;

/// Twentieths of a point per mm.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;
/// One body line: the 225 mm block holds exactly 22 (rounded down so the 22nd still fits).
const LINE_TWIPS: u32 = 579;

fn twips(mm: f32) -> u32 {
    (mm * TWIPS_PER_MM).round() as u32
}

/// A font as Word names it, and the name to use where it is not installed.
struct Face {
    name: &'static str,
    alt: &'static str,
}

const FANGSONG: Face = Face {
    name: "仿宋_GB2312",
    alt: "仿宋",
};
const HEI: Face = Face {
    name: "黑体",
    alt: "SimHei",
};
const KAI: Face = Face {
    name: "楷体_GB2312",
    alt: "楷体",
};
const XBS: Face = Face {
    name: "方正小标宋简体",
    alt: "华文中宋",
};
const SONG: Face = Face {
    name: "宋体",
    alt: "SimSun",
};

/// Text safe inside an XML element: markup escaped, and the control characters XML 1.0
/// forbids dropped (a pasted record may carry them; Word refuses a file that has one).
fn xml(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .collect();
    crate::html::escape(&cleaned)
}

/// Body-size text is drawn 0.25 pt narrower per character so that 28 characters of 16 pt
/// fill the 156 mm line as on the PDF's grid (442 pt for 448 pt of characters). Word's own
/// character grid (`linesAndChars`) would do the same, but LibreOffice spreads it out.
const BODY_SQUEEZE: &str = r#"<w:spacing w:val="-5"/>"#;

fn run_props(face: &Face, half_points: u32) -> String {
    let squeeze = if half_points == 32 { BODY_SQUEEZE } else { "" };
    format!(
        r#"<w:rPr><w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}" w:hint="eastAsia"/>{squeeze}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>"#,
        n = face.name
    )
}

/// A run of text; line breaks inside (a table cell's several lines) become `w:br`.
fn run(text: &str, props: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = write!(out, "<w:r>{props}<w:br/></w:r>");
        }
        if !part.is_empty() {
            let _ = write!(
                out,
                r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
                xml(part)
            );
        }
    }
    out
}

fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// Paragraph properties beyond the style: alignment, a first-line indent in characters,
/// and a page break before.
struct Para<'a> {
    style: &'a str,
    align: Option<&'a str>,
    indent_chars: u32,
    break_before: bool,
    /// Indents of the whole paragraph from the left and right margins.
    left: u32,
    right: u32,
}

impl Para<'_> {
    fn write(&self, out: &mut String, runs: &str) {
        let _ = write!(out, r#"<w:p><w:pPr><w:pStyle w:val="{}"/>"#, self.style);
        if self.break_before {
            out.push_str("<w:pageBreakBefore/>");
        }
        if self.indent_chars > 0 {
            let _ = write!(
                out,
                r#"<w:ind w:firstLineChars="{}" w:firstLine="{}"/>"#,
                self.indent_chars * 100,
                self.indent_chars * 320
            );
        } else if self.left > 0 || self.right > 0 {
            let _ = write!(
                out,
                r#"<w:ind w:left="{}" w:right="{}"/>"#,
                self.left, self.right
            );
        }
        if let Some(a) = self.align {
            let _ = write!(out, r#"<w:jc w:val="{a}"/>"#);
        }
        let _ = write!(out, "</w:pPr>{runs}</w:p>");
    }
}

struct Body {
    xml: String,
    geo: Geometry,
    heading_counters: [usize; 4],
    break_before: bool,
}

impl Body {
    fn para(&mut self, style: &str, align: Option<&str>, indent_chars: u32, runs: &str) {
        Para {
            style,
            align,
            indent_chars,
            break_before: std::mem::take(&mut self.break_before),
            left: 0,
            right: 0,
        }
        .write(&mut self.xml, runs);
    }

    fn block(&mut self, b: &Block) {
        let body = run_props(&FANGSONG, 32);
        match b {
            Block::Title(t) => {
                // The PDF's lines, held by line breaks: Word would break the branch's name.
                // Measured without fonts: 22 pt characters, a Latin one about half.
                let per_line = self.geo.width / (22.0 * 25.4 / 72.0);
                let lines = balance_title(t, per_line, &|c| if c.is_ascii() { 0.55 } else { 1.0 });
                self.para(
                    "ZhibuTitle",
                    None,
                    0,
                    &run(&lines.join("\n"), &run_props(&XBS, 44)),
                )
            }
            Block::Subtitle(t) => {
                self.para("ZhibuSubtitle", None, 0, &run(t, &run_props(&KAI, 32)))
            }
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 4);
                let i = usize::from(level - 1);
                self.heading_counters[i] += 1;
                for c in self.heading_counters.iter_mut().skip(i + 1) {
                    *c = 0;
                }
                let numbered = format!("{}{text}", heading_number(level, self.heading_counters[i]));
                let face = match level {
                    1 => &HEI,
                    2 => &KAI,
                    _ => &FANGSONG,
                };
                let style = format!("Heading{level}");
                self.para(&style, None, 2, &run(&numbered, &run_props(face, 32)));
            }
            Block::Paragraph(t) => self.para("Normal", Some("both"), 2, &run(t, &body)),
            Block::Line { text, align } => {
                self.para("Normal", Some(jc(*align)), 0, &run(text, &body))
            }
            Block::Table(t) => self.table(t),
            Block::Signatures(lines) => {
                // As in the PDF: one left edge, the longest line ending at the margin, and
                // kept with the lines before.
                self.keep_last_with_next();
                let texts: Vec<String> = lines.iter().map(|l| signature_line(l)).collect();
                let block = texts.iter().map(|t| self.cells(t)).max().unwrap_or(0);
                let left = twips(self.geo.width).saturating_sub(block);
                self.para_at("", 0, 0, "");
                for t in &texts {
                    self.keep_last_with_next();
                    self.para_at(&run(t, &body), left, 0, "left");
                }
            }
            Block::Signoff { name, date } => {
                // The date four characters in from the right, the name centred above it.
                self.keep_last_with_next();
                let four = 4 * self.cell();
                self.para_at("", 0, 0, "");
                if !name.is_empty() {
                    let (n, d) = (self.cells(name), self.cells(date));
                    let right = (four + d / 2).saturating_sub(n / 2);
                    self.keep_last_with_next();
                    self.para_at(&run(name, &body), 0, right, "right");
                }
                self.keep_last_with_next();
                self.para_at(&run(date, &body), 0, four, "right");
            }
            Block::Space => self.para("Normal", None, 0, ""),
            Block::PageBreak => self.break_before = true,
        }
    }

    /// A body character's cell in twips (28 to the line).
    fn cell(&self) -> u32 {
        twips(self.geo.cell())
    }

    /// A line's width on the grid, in twips: a Latin character half a cell.
    fn cells(&self, text: &str) -> u32 {
        let halves: u32 = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        halves * self.cell() / 2
    }

    fn para_at(&mut self, runs: &str, left: u32, right: u32, align: &str) {
        Para {
            style: "Normal",
            align: (!align.is_empty()).then_some(align),
            indent_chars: 0,
            break_before: std::mem::take(&mut self.break_before),
            left,
            right,
        }
        .write(&mut self.xml, runs);
    }

    /// Keeps the paragraph written last on the page of the next (Word's widow control then
    /// takes at least its last two lines along).
    fn keep_last_with_next(&mut self) {
        let Some(start) = self.xml.rfind("<w:p><w:pPr><w:pStyle ") else {
            return;
        };
        if let Some(end) = self.xml[start..].find("/>") {
            self.xml.insert_str(start + end + 2, "<w:keepNext/>");
        }
    }

    fn table(&mut self, t: &Table) {
        if std::mem::take(&mut self.break_before) {
            // A table cannot start a page itself; an empty line that does carries it there.
            self.break_before = true;
            self.para("TableText", None, 0, "");
        }
        let width = twips(self.geo.width);
        // As in the PDF, from what the columns hold; measured here without fonts: a Chinese
        // character is 12 pt, a Latin one about half, plus the cell's margins (85 twips each).
        let widths: Vec<u32> = column_widths(t, width as f32, &mut |text: &str, _| {
            let em: f32 = text
                .chars()
                .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
                .sum();
            em * 240.0 + 2.0 * 85.0 + 20.0
        })
        .into_iter()
        .map(|w| w.round() as u32)
        .collect();
        let x = &mut self.xml;
        let _ = write!(
            x,
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="ZhibuTable"/><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
        );
        for w in &widths {
            let _ = write!(x, r#"<w:gridCol w:w="{w}"/>"#);
        }
        x.push_str("</w:tblGrid>");
        let head_props = run_props(&HEI, 24);
        let cell_props = run_props(&SONG, 24);
        let row = |x: &mut String, cells: &[String], header: bool| {
            // The header row repeats on every page; no row is split across two.
            x.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if header {
                x.push_str("<w:tblHeader/>");
            }
            x.push_str("</w:trPr>");
            for (i, w) in widths.iter().enumerate() {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                let align = if header {
                    Align::Center
                } else {
                    t.columns[i].align
                };
                let props = if header { &head_props } else { &cell_props };
                let _ = write!(
                    x,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#
                );
                Para {
                    style: "TableText",
                    align: Some(jc(align)),
                    indent_chars: 0,
                    break_before: false,
                    left: 0,
                    right: 0,
                }
                .write(x, &run(text, props));
                x.push_str("</w:tc>");
            }
            x.push_str("</w:tr>");
        };
        let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
        row(x, &header, true);
        for r in &t.rows {
            row(x, r, false);
        }
        x.push_str("</w:tbl>");
        // Word needs a paragraph between two tables and after the last; it is the half line
        // the PDF leaves under a table.
        self.para("TableGap", None, 0, "");
    }
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn document_xml(doc: &Document) -> String {
    let geo = Geometry::of(doc.orientation);
    let mut body = Body {
        xml: String::new(),
        geo,
        heading_counters: [0; 4],
        break_before: false,
    };
    for b in &doc.blocks {
        body.block(b);
    }
    let (w, h) = (twips(geo.page_w), twips(geo.page_h));
    let top = twips(geo.page_h - geo.top);
    let bottom = twips(geo.bottom());
    let left = twips(geo.left);
    let right = twips(geo.page_w - geo.left - geo.width);
    // The page number sits 7 mm under the block, its 14 pt line measured from the edge.
    let footer = twips((geo.bottom() - 7.0 - 14.0 / 72.0 * 25.4).max(5.0));
    let orient = match doc.orientation {
        Orientation::Portrait => "",
        Orientation::Landscape => r#" w:orient="landscape""#,
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{}<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="{footer}" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="{LINE_TWIPS}"/></w:sectPr></w:body></w:document>"#,
        body.xml
    )
}

fn footer_xml(odd: bool) -> String {
    let props = run_props(&SONG, 28);
    // One character (14 pt) in from the block's edge, right on odd pages, left on even.
    let (align, ind) = if odd {
        ("right", r#"<w:ind w:right="280"/>"#)
    } else {
        ("left", r#"<w:ind w:left="280"/>"#)
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="Footer"/>{ind}<w:jc w:val="{align}"/></w:pPr>{dash}<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{props}<w:t>1</w:t></w:r><w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>{dash_after}</w:p></w:ftr>"#,
        dash = run("— ", &props),
        dash_after = run(" —", &props),
    )
}

fn style(id: &str, name: &str, ppr: &str, rpr: &str, extra: &str) -> String {
    format!(
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style>"#
    )
}

fn styles_xml() -> String {
    let exact = |line: u32| {
        format!(r#"<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>"#)
    };
    let body_spacing = exact(LINE_TWIPS);
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}><w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr>{body_spacing}</w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>{body_spacing}<w:jc w:val="both"/></w:pPr>{}</w:style>"#,
        run_props(&FANGSONG, 32),
        run_props(&FANGSONG, 32)
    );
    // The title: 22 pt 小标宋 on lines 1.6 times its size, then the PDF's 0.6 line of space.
    s += &style(
        "ZhibuTitle",
        "文件标题",
        &format!(
            r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="{}" w:line="704" w:lineRule="exact"/><w:jc w:val="center"/>"#,
            LINE_TWIPS * 6 / 10
        ),
        &run_props(&XBS, 44),
        "",
    );
    s += &style(
        "ZhibuSubtitle",
        "副标题",
        r#"<w:jc w:val="center"/>"#,
        &run_props(&KAI, 32),
        "",
    );
    for (level, face) in [(1u8, &HEI), (2, &KAI), (3, &FANGSONG), (4, &FANGSONG)] {
        s += &style(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            &format!(
                r#"<w:keepNext/><w:jc w:val="left"/><w:outlineLvl w:val="{}"/>"#,
                level - 1
            ),
            &run_props(face, 32),
            "",
        );
    }
    // Table text: 12 pt on lines 1.45 times its size, off the body grid.
    s += &style(
        "TableText",
        "表格文字",
        r#"<w:snapToGrid w:val="0"/><w:spacing w:before="28" w:after="28" w:line="348" w:lineRule="exact"/>"#,
        &run_props(&SONG, 24),
        "",
    );
    s += &style(
        "TableGap",
        "表后空行",
        &format!(
            r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/>"#,
            LINE_TWIPS / 2
        ),
        &run_props(&FANGSONG, 16),
        "",
    );
    s += &style(
        "Footer",
        "footer",
        r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#,
        &run_props(&SONG, 28),
        "",
    );
    s += r#"<w:style w:type="table" w:styleId="ZhibuTable"><w:name w:val="表格（网格）"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#;
    s += "</w:styles>";
    s
}

fn font_table_xml() -> String {
    let mut s = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts {NS}>"#);
    for f in [&FANGSONG, &HEI, &KAI, &XBS, &SONG] {
        let _ = write!(
            s,
            r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
            f.name, f.alt
        );
    }
    s + "</w:fonts>"
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>"#;

/// Odd and even pages have their own footers; Chinese punctuation is compressed as WPS does.
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

fn core_xml(info: &DocInfo) -> String {
    let c = info.created;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z</dcterms:created></cp:coreProperties>"#,
        xml(&info.title),
        xml(&info.subject),
        xml(&info.author),
        c.year,
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second
    )
}

/// The document as the bytes of a .docx file, with its title, author (the branch), subject
/// and time as the file's properties.
pub fn render_docx(doc: &Document, info: &DocInfo) -> Result<Vec<u8>, TypesetError> {
    let parts: [(&str, String); 10] = [
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", ROOT_RELS.into()),
        ("docProps/core.xml", core_xml(info)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.into()),
        ("word/document.xml", document_xml(doc)),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", SETTINGS.into()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/footer1.xml", footer_xml(true)),
        ("word/footer2.xml", footer_xml(false)),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let fail = |e: &dyn std::fmt::Display| TypesetError::Docx(e.to_string());
    for (name, content) in &parts {
        zip.start_file(*name, options).map_err(|e| fail(&e))?;
        zip.write_all(content.as_bytes()).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::model::Column;

    fn part(docx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip package");
        let mut s = String::new();
        zip.by_name(name)
            .expect(name)
            .read_to_string(&mut s)
            .expect("utf-8");
        s
    }

    #[test]
    fn a_table_repeats_its_header_and_text_is_escaped_and_cleaned() {
        let mut doc = Document::new(Orientation::Landscape);
        doc.push(Block::Title("花名册".into()))
            .push(Block::Heading {
                level: 2,
                text: "组织建设".into(),
            })
            .push(Block::Paragraph("A<B & C\u{1}D".into()))
            .push(Block::Table(Table {
                columns: vec![
                    Column {
                        title: "姓名".into(),
                        weight: 1.0,
                        align: Align::Left,
                    },
                    Column {
                        title: "备注".into(),
                        weight: 3.0,
                        align: Align::Left,
                    },
                ],
                rows: vec![vec!["张三".into(), "第一行\n第二行".into()]; 3],
            }));
        let bytes = render_docx(&doc, &DocInfo::titled("花名册")).expect("docx");
        let body = part(&bytes, "word/document.xml");
        // Only the header row repeats; every row stays whole.
        assert_eq!(body.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(body.matches("<w:cantSplit/>").count(), 4);
        assert!(body.contains("（一）组织建设"), "numbered like the PDF");
        assert!(
            body.contains("A&lt;B &amp; CD"),
            "escaped, control character dropped"
        );
        assert!(
            body.contains("第一行</w:t></w:r><w:r>"),
            "a cell's lines break"
        );
        // Landscape A4 turned, with its margins.
        assert!(body.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
        assert!(part(&bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
        let fonts = part(&bytes, "word/fontTable.xml");
        assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
        assert!(part(&bytes, "word/footer2.xml").contains(r#"<w:jc w:val="left"/>"#));
        assert!(part(&bytes, "docProps/core.xml").contains("<dc:title>花名册</dc:title>"));
    }

    #[test]
    fn the_portrait_block_is_gb_9704s_and_holds_22_lines() {
        let bytes = render_docx(
            &Document::new(Orientation::Portrait),
            &DocInfo::titled("空"),
        )
        .expect("docx");
        let body = part(&bytes, "word/document.xml");
        // Top 37 mm, left 28 mm, right 26 mm, bottom 35 mm.
        assert!(
            body.contains(r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#),
            "{body}"
        );
        assert!(LINE_TWIPS * 22 <= twips(225.0) && LINE_TWIPS * 22 + 22 > twips(225.0));
    }
}
