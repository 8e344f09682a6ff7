//! Lays a `Document` out on A4 pages per GB/T 9704-2012 and writes the PDF: body 16 pt on a
//! grid of 22 lines × 28 characters in a 156 × 225 mm block (top margin 37 mm, left 28 mm),
//! page numbers "— N —" 14 pt 7 mm under the block, odd pages right, even pages left.
use std::collections::{BTreeSet, HashMap};

use printpdf::{FontId, Mm, ParsedFont, PdfDocument, PdfPage, PdfSaveOptions};

use crate::fonts::{FaceId, FontLibrary, Role};
use crate::info::DocInfo;
use crate::linebreak::{balance_title, break_lines, TITLE_BREAK};
use crate::model::{heading_number, Align, Block, Document, Orientation};
use crate::TypesetError;

mod cff;
mod compact;
mod ops;
mod table;
mod truetype;

pub use table::table_widths;

const PT_PER_MM: f32 = 72.0 / 25.4;
const BODY_PT: f32 = 16.0;
const TITLE_PT: f32 = 22.0;
const PAGE_NUMBER_PT: f32 = 14.0;
const TABLE_PT: f32 = 12.0;
const GRID_LINES: f32 = 22.0;
const GRID_CHARS: f32 = 28.0;

fn pt(mm: f32) -> f32 {
    mm * PT_PER_MM
}

pub(crate) fn mm(pt: f32) -> f32 {
    pt / PT_PER_MM
}

/// The text block of a page, in mm from the bottom-left corner.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub(crate) page_w: f32,
    pub(crate) page_h: f32,
    pub(crate) left: f32,
    pub(crate) top: f32,
    pub(crate) width: f32,
    pub(crate) height: f32,
}

impl Geometry {
    pub(crate) fn of(o: Orientation) -> Geometry {
        match o {
            // GB/T 9704: top 37 mm, binding side 28 mm, block 156 × 225 mm.
            Orientation::Portrait => Geometry {
                page_w: 210.0,
                page_h: 297.0,
                left: 28.0,
                top: 297.0 - 37.0,
                width: 156.0,
                height: 225.0,
            },
            // Landscape tables keep the same proportions turned: 25 mm margins.
            Orientation::Landscape => Geometry {
                page_w: 297.0,
                page_h: 210.0,
                left: 25.0,
                top: 210.0 - 25.0,
                width: 247.0,
                height: 160.0,
            },
        }
    }
    pub(crate) fn bottom(&self) -> f32 {
        self.top - self.height
    }
    /// The body grid: 22 lines in the block's height (portrait).
    fn pitch(&self) -> f32 {
        225.0 / GRID_LINES
    }
    /// One grid character: 28 in the block's width (portrait).
    pub(crate) fn cell(&self) -> f32 {
        156.0 / GRID_CHARS
    }
}

/// What came out of typesetting.
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Characters no installed font can draw (shown as empty boxes in the PDF).
    pub missing: Vec<char>,
}

/// One thing placed on a page, in mm from the bottom-left corner. Both the PDF and the HTML
/// preview are drawn from these, so what the preview shows is what prints.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        role: Role,
        tc: f32,
        runs: Vec<(FaceId, String)>,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
    },
}

struct Writer<'a> {
    lib: &'a mut FontLibrary,
    geo: Geometry,
    pages: Vec<Vec<Item>>,
    /// Top of the free space on the current page, mm from the bottom.
    y: f32,
    missing: BTreeSet<char>,
    heading_counters: [usize; 4],
    /// Spacing tightened (blank lines, table rows, the gaps after a title and a table) to keep
    /// a closing block on its page; body lines keep their grid.
    tight: bool,
    /// Room the next table leaves under its last row for what closes the document, so that its
    /// last rows go along to a new page rather than a signature going there alone.
    reserve: f32,
    /// A closing block had to start a page without the lines before it.
    stranded: bool,
}

impl<'a> Writer<'a> {
    fn new(lib: &'a mut FontLibrary, geo: Geometry, tight: bool) -> Self {
        Writer {
            lib,
            geo,
            pages: vec![Vec::new()],
            y: geo.top,
            missing: BTreeSet::new(),
            heading_counters: [0; 4],
            tight,
            reserve: 0.0,
            stranded: false,
        }
    }

    fn ops(&mut self) -> &mut Vec<Item> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let n = self.pages.len();
        &mut self.pages[n - 1]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.geo.top;
    }

    /// Makes room for `h` mm, starting a new page when the current one is full.
    fn need(&mut self, h: f32) {
        if self.y - h < self.geo.bottom() - 0.01 && self.y < self.geo.top {
            self.new_page();
        }
    }

    fn face(&mut self, role: Role, ch: char) -> FaceId {
        match self.lib.face_for(role, ch) {
            Some(f) => f,
            None => {
                if !ch.is_whitespace() {
                    self.missing.insert(ch);
                }
                self.lib
                    .primary(role)
                    .or_else(|| self.lib.primary(Role::Body))
                    .unwrap_or(0)
            }
        }
    }

    fn advance(&mut self, role: Role, ch: char, size: f32) -> f32 {
        let f = self.face(role, ch);
        mm(self.lib.advance(f, ch, size))
    }

    /// Draws one line of text with its baseline at `baseline` (mm), starting at `x` (mm),
    /// with `tc` pt of extra space after every character. Runs of characters that need
    /// another face are drawn with it.
    fn text_line(&mut self, text: &str, x: f32, baseline: f32, size: f32, role: Role, tc: f32) {
        if text.is_empty() {
            return;
        }
        let runs = self.runs(text, role);
        self.ops().push(Item::Text {
            x,
            baseline,
            size,
            role,
            tc,
            runs,
        });
    }

    /// Splits text into runs drawn with one face each (per-character fallback).
    fn runs(&mut self, text: &str, role: Role) -> Vec<(FaceId, String)> {
        let mut runs: Vec<(FaceId, String)> = Vec::new();
        for ch in text.chars() {
            let f = self.face(role, ch);
            match runs.last_mut() {
                Some((lf, s)) if *lf == f => s.push(ch),
                _ => runs.push((f, ch.to_string())),
            }
        }
        runs
    }

    fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32) {
        self.ops().push(Item::Rule {
            x1,
            y1,
            x2,
            y2,
            thickness,
        });
    }

    /// Breaks and draws a run of text in the grid: `indent` cells on the first line,
    /// justified (all lines but the last) or aligned.
    fn flow(
        &mut self,
        text: &str,
        role: Role,
        size: f32,
        indent_cells: f32,
        align: Option<Align>,
        pitch: f32,
    ) {
        let cell = self.geo.cell();
        // Characters sit on the grid: each advance is stretched or squeezed so that 28 body
        // characters fill a line exactly.
        let grid_tc = pt(cell) - size;
        let width = self.geo.width;
        let first_width = width - indent_cells * cell;
        let mut adv: HashMap<char, f32> = HashMap::new();
        for ch in text.chars() {
            if let std::collections::hash_map::Entry::Vacant(e) = adv.entry(ch) {
                e.insert(self.advance(role, ch, size) + mm(grid_tc));
            }
        }
        let lines = break_lines(text, first_width, width, &|c| {
            adv.get(&c).copied().unwrap_or(0.0)
        });
        for (i, line) in lines.iter().enumerate() {
            self.need(pitch);
            let avail = if i == 0 { first_width } else { width };
            let n = line.text.chars().count().max(1) as f32;
            let (x, tc) = match align {
                None if !line.last && n > 1.0 => (
                    self.geo.left + if i == 0 { indent_cells * cell } else { 0.0 },
                    grid_tc + pt(avail - line.width) / (n - 1.0),
                ),
                None | Some(Align::Left) => (
                    self.geo.left + if i == 0 { indent_cells * cell } else { 0.0 },
                    grid_tc,
                ),
                Some(Align::Center) => (self.geo.left + (width - line.width) / 2.0, grid_tc),
                Some(Align::Right) => (self.geo.left + width - line.width, grid_tc),
            };
            let baseline = self.y - (pitch + mm(size) * 0.76) / 2.0;
            self.text_line(&line.text, x, baseline, size, role, tc);
            self.y -= pitch;
        }
    }

    fn title(&mut self, text: &str) {
        let width = self.geo.width;
        let size = TITLE_PT;
        let mut adv: HashMap<char, f32> = HashMap::new();
        for ch in text.chars().filter(|c| *c != TITLE_BREAK) {
            let a = self.advance(Role::Title, ch, size);
            adv.insert(ch, a);
        }
        let lines = balance_title(text, width, &|c| adv.get(&c).copied().unwrap_or(0.0));
        let pitch = mm(size) * 1.6;
        for line in lines {
            self.need(pitch);
            let baseline = self.y - (pitch + mm(size) * 0.76) / 2.0;
            let line_w: f32 = line
                .chars()
                .map(|c| adv.get(&c).copied().unwrap_or(0.0))
                .sum();
            let x = self.geo.left + (width - line_w) / 2.0;
            self.text_line(&line, x, baseline, size, Role::Title, 0.0);
            self.y -= pitch;
        }
        // A blank line between the title and what follows, as in official documents.
        self.y -= self.geo.pitch() * if self.tight { 0.3 } else { 0.6 };
    }

    fn block(&mut self, b: &Block) {
        let pitch = self.geo.pitch();
        match b {
            Block::Title(t) => self.title(t),
            Block::Subtitle(t) => self.flow(t, Role::Kai, BODY_PT, 0.0, Some(Align::Center), pitch),
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 4);
                let i = usize::from(level - 1);
                self.heading_counters[i] += 1;
                for c in self.heading_counters.iter_mut().skip(i + 1) {
                    *c = 0;
                }
                let numbered = format!(
                    "{}{}",
                    heading_number(level, self.heading_counters[i]),
                    text
                );
                let role = match level {
                    1 => Role::Hei,
                    2 => Role::Kai,
                    _ => Role::Body,
                };
                self.flow(&numbered, role, BODY_PT, 2.0, Some(Align::Left), pitch);
            }
            Block::Paragraph(t) => self.flow(t, Role::Body, BODY_PT, 2.0, None, pitch),
            Block::Line { text, align } => {
                self.flow(text, Role::Body, BODY_PT, 0.0, Some(*align), pitch)
            }
            Block::Table(t) => self.table(t),
            Block::Signatures(lines) => {
                let texts: Vec<String> = lines.iter().map(|l| signature_line(l)).collect();
                let widths: Vec<f32> = texts.iter().map(|t| self.grid_width(t)).collect();
                let block = widths.iter().copied().fold(0.0, f32::max);
                let gap = self.gap();
                self.keep_with_previous(gap + pitch * texts.len() as f32);
                self.y -= gap;
                // One left edge for all, the longest line ending at the right margin.
                let x = self.geo.left + (self.geo.width - block).max(0.0);
                for t in &texts {
                    self.grid_line(t, x, pitch);
                }
            }
            Block::Signoff { name, date } => {
                let lines = if name.is_empty() { 1 } else { 2 };
                let gap = self.gap();
                self.keep_with_previous(gap + pitch * lines as f32);
                self.y -= gap;
                let cell = self.geo.cell();
                let date_w = self.grid_width(date);
                let date_x = self.geo.left + self.geo.width - 4.0 * cell - date_w;
                if !name.is_empty() {
                    let name_w = self.grid_width(name);
                    let x = (date_x + (date_w - name_w) / 2.0)
                        .min(self.geo.left + self.geo.width - name_w)
                        .max(self.geo.left);
                    self.grid_line(name, x, pitch);
                }
                self.grid_line(date, date_x.max(self.geo.left), pitch);
            }
            Block::Space => {
                self.y -= self.gap();
            }
            Block::PageBreak => self.new_page(),
        }
    }

    /// A blank line, or half of one where spacing is tightened.
    fn gap(&self) -> f32 {
        self.geo.pitch() * if self.tight { 0.5 } else { 1.0 }
    }

    /// A body line's width on the grid (each character's advance stretched to its cell).
    fn grid_width(&mut self, text: &str) -> f32 {
        let grid = self.geo.cell() - mm(BODY_PT);
        text.chars()
            .map(|c| self.advance(Role::Body, c, BODY_PT) + grid)
            .sum()
    }

    /// One body line at `x`, on the grid, unbroken.
    fn grid_line(&mut self, text: &str, x: f32, pitch: f32) {
        self.need(pitch);
        let grid_tc = pt(self.geo.cell()) - BODY_PT;
        let baseline = self.y - (pitch + mm(BODY_PT) * 0.76) / 2.0;
        self.text_line(text, x, baseline, BODY_PT, Role::Body, grid_tc);
        self.y -= pitch;
    }

    /// Makes room for a closing block `h` mm high; when the page has not that room, the page
    /// breaks before the last two lines of text, which go along (a signature never stands
    /// alone on a page). Lines of a table stay: its rules would be left behind.
    fn keep_with_previous(&mut self, h: f32) {
        if self.y - h >= self.geo.bottom() - 0.01 || self.y >= self.geo.top {
            return;
        }
        let pitch = self.geo.pitch();
        let Some(page) = self.pages.last_mut() else {
            {
                self.stranded = true;
                return self.new_page();
            }
        };
        let mut rows: Vec<f32> = page
            .iter()
            .filter_map(|i| match i {
                Item::Text { baseline, .. } => Some(*baseline),
                Item::Rule { .. } => None,
            })
            .collect();
        rows.sort_by(|a, b| b.total_cmp(a));
        rows.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        if rows.len() <= 2 {
            {
                self.stranded = true;
                return self.new_page();
            }
        }
        let cut = rows[rows.len() - 2];
        let ruled_below = page.iter().any(|i| match i {
            Item::Rule { y1, y2, .. } => y1.min(*y2) < cut + pitch,
            Item::Text { .. } => false,
        });
        if ruled_below {
            {
                self.stranded = true;
                return self.new_page();
            }
        }
        let (moved, kept): (Vec<Item>, Vec<Item>) = std::mem::take(page)
            .into_iter()
            .partition(|i| matches!(i, Item::Text { baseline, .. } if *baseline <= cut + 0.01));
        *page = kept;
        // The first moved line's top goes to the top of the new page.
        let top = cut + (pitch + mm(BODY_PT) * 0.76) / 2.0;
        let shift = self.geo.top - top;
        let y = self.y + shift;
        self.new_page();
        for mut item in moved {
            if let Item::Text { baseline, .. } = &mut item {
                *baseline += shift;
            }
            self.ops().push(item);
        }
        self.y = y;
    }

    fn page_numbers(&mut self) {
        let n = self.pages.len();
        for i in 0..n {
            let label = format!("— {} —", i + 1);
            let w: f32 = label
                .chars()
                .map(|c| self.advance(Role::Song, c, PAGE_NUMBER_PT))
                .sum();
            let one = mm(PAGE_NUMBER_PT);
            // Odd pages at the right, even at the left, one character in from the block edge.
            let x = if i % 2 == 0 {
                self.geo.left + self.geo.width - one - w
            } else {
                self.geo.left + one
            };
            let baseline = self.geo.bottom() - 7.0 - mm(PAGE_NUMBER_PT) * 0.76;
            let runs = self.runs(&label, Role::Song);
            self.pages[i].push(Item::Text {
                x,
                baseline,
                size: PAGE_NUMBER_PT,
                role: Role::Song,
                tc: 0.0,
                runs,
            });
        }
    }
}

/// A document laid out on pages, ready to be written as PDF or shown as HTML.
pub struct Layout {
    pub(crate) geo: Geometry,
    pub(crate) pages: Vec<Vec<Item>>,
    /// Characters no installed font can draw (they print as empty boxes).
    pub missing: Vec<char>,
}

/// Lays `doc` out on pages with the fonts of `lib`.
pub fn layout(doc: &Document, lib: &mut FontLibrary) -> Result<Layout, TypesetError> {
    if !lib.has_chinese() {
        return Err(TypesetError::NoChineseFont);
    }
    // A closing block (signatures, 落款) that would start a page alone is kept on the page
    // before by tightening the spacing first; failing that, a table before it sends its last
    // rows along under its repeated header.
    let mut out = pass(doc, lib, false, false);
    if out.stranded {
        let tight = pass(doc, lib, true, false);
        out = if tight.stranded {
            pass(doc, lib, false, true)
        } else {
            tight
        };
    }
    Ok(out.layout)
}

struct Pass {
    layout: Layout,
    stranded: bool,
}

fn pass(doc: &Document, lib: &mut FontLibrary, tight: bool, carry_rows: bool) -> Pass {
    let geo = Geometry::of(doc.orientation);
    let mut w = Writer::new(lib, geo, tight);
    for (i, b) in doc.blocks.iter().enumerate() {
        if carry_rows && matches!(b, Block::Table(_)) {
            w.reserve = closing_height(&doc.blocks[i + 1..], geo.pitch());
        }
        w.block(b);
        w.reserve = 0.0;
    }
    w.page_numbers();
    Pass {
        stranded: w.stranded,
        layout: Layout {
            geo,
            pages: w.pages,
            missing: w.missing.into_iter().collect(),
        },
    }
}

/// The height of what follows a table up to and including a closing block: one line for each
/// line or blank, the closing block with its blank line; nothing when other content comes
/// first (the closing block then keeps with that).
fn closing_height(rest: &[Block], pitch: f32) -> f32 {
    let mut h = 0.0;
    for b in rest {
        match b {
            Block::Line { .. } | Block::Space => h += pitch,
            Block::Signatures(lines) => return h + pitch * (lines.len() + 1) as f32,
            Block::Signoff { name, .. } => {
                return h + pitch * if name.is_empty() { 2.0 } else { 3.0 };
            }
            _ => return 0.0,
        }
    }
    0.0
}

impl Layout {
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The PDF, every font subset to the glyphs used and embedded only if it draws something.
    pub fn to_pdf(&self, lib: &FontLibrary, info: &DocInfo) -> Vec<u8> {
        let mut pdf = PdfDocument::new(&info.title);
        let meta = &mut pdf.metadata.info;
        meta.author = info.author.clone();
        meta.subject = info.subject.clone();
        meta.creator = "党支部工作台".into();
        meta.producer = format!("zhibu-typeset {}", env!("CARGO_PKG_VERSION"));
        let created = info.created.to_pdf();
        meta.creation_date = created;
        meta.modification_date = created;
        meta.metadata_date = created;
        // The glyphs each font draws, numbered as printpdf finds them (its subset's order):
        // the characters first, each looked up once.
        let mut chars: HashMap<FaceId, BTreeSet<char>> = HashMap::new();
        for item in self.pages.iter().flatten() {
            if let Item::Text { runs, .. } = item {
                for (f, text) in runs {
                    chars.entry(*f).or_default().extend(text.chars());
                }
            }
        }
        let mut glyphs: HashMap<FaceId, BTreeSet<u16>> = chars
            .into_iter()
            .map(|(f, chars)| {
                let parsed = &lib.face(f).parsed;
                let ids = chars
                    .into_iter()
                    .filter_map(|c| parsed.lookup_glyph_index(c as u32))
                    .filter(|g| *g != 0)
                    .collect();
                (f, ids)
            })
            .collect();
        let mut font_ids: HashMap<FaceId, FontId> = HashMap::new();
        let mut pages = Vec::new();
        for items in &self.pages {
            let ops = ops::page_ops(items, &mut |f| {
                font_ids
                    .entry(f)
                    .or_insert_with(|| {
                        // A TrueType face goes to printpdf cut down to the glyphs drawn.
                        let face = lib.face(f);
                        let small = glyphs
                            .get(&f)
                            .and_then(|g| truetype::with_only(face.bytes.as_slice(), face.index, g))
                            .and_then(|b| ParsedFont::from_bytes(&b, 0, &mut Vec::new()));
                        pdf.add_font(small.as_ref().unwrap_or(&face.parsed))
                    })
                    .clone()
            });
            pages.push(PdfPage::new(Mm(self.geo.page_w), Mm(self.geo.page_h), ops));
        }
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..Default::default()
        };
        let mut doc = pdf
            .with_pages(pages)
            .to_lopdf_document(&options, &mut Vec::new());
        let programs = font_ids
            .iter()
            .map(|(f, id)| {
                let face = lib.face(*f);
                let program = compact::Program {
                    bytes: face.bytes.as_slice(),
                    index: face.index,
                    glyphs: glyphs.remove(f).unwrap_or_default().into_iter().collect(),
                };
                (id.0.clone(), program)
            })
            .collect();
        compact::compact(&mut doc, &programs);
        compact::save(doc)
    }
}

/// Typesets `doc` into a PDF with every font subset to the glyphs used.
pub fn render_pdf(
    doc: &Document,
    lib: &mut FontLibrary,
    info: &DocInfo,
) -> Result<Rendered, TypesetError> {
    let l = layout(doc, lib)?;
    Ok(Rendered {
        pdf: l.to_pdf(lib, info),
        pages: l.page_count(),
        missing: l.missing,
    })
}

/// A signature line as printed: a label ending in "：" gets six characters of room to sign.
pub(crate) fn signature_line(label: &str) -> String {
    if label.ends_with('：') {
        format!("{label}{}", "　".repeat(6))
    } else {
        label.to_string()
    }
}
