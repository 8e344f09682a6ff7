//! The same printout written as Typst markup, so that Typst can be timed on exactly the content
//! our typesetter prints (bench/typst_vs.sh). The page follows the same GB/T 9704 geometry —
//! A4, 37/28/26/35 mm margins, 16 pt body on a 28.99 pt pitch, 28 characters a line, "— N —"
//! page numbers alternating — and the same faces by role, named by family so that Typst finds
//! them in the font folder the script gives it. Only for the benchmark: the program never
//! writes Typst.
use zhibu_typeset::model::heading_number;
use zhibu_typeset::{Align, Block, Document, Orientation, Table};

/// The families of the Noto CJK and LXGW faces our typesetter falls back to on this machine.
pub struct Faces {
    pub body: &'static str,
    pub hei: &'static str,
    pub kai: &'static str,
}

pub const NOTO: Faces = Faces {
    body: "Noto Serif CJK SC",
    hei: "Noto Sans CJK SC",
    kai: "LXGW WenKai",
};

/// A string literal of Typst's code mode: only `\` and `"` need escaping, so no text of a
/// record can turn into markup.
fn lit(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            // The title's break marks are our typesetter's; Typst balances on its own.
            '\u{200B}' => {}
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// The whole document as a Typst source file.
/// `widths` gives each table's column widths in mm, as our typesetter sets them, so that both
/// break the same cells into the same lines.
pub fn source(
    doc: &Document,
    title: &str,
    author: &str,
    faces: &Faces,
    widths: &mut dyn FnMut(&Table) -> Vec<f32>,
) -> String {
    let (w, h, top, left, right, bottom) = match doc.orientation {
        Orientation::Portrait => ("210mm", "297mm", "37mm", "28mm", "26mm", "35mm"),
        Orientation::Landscape => ("297mm", "210mm", "28mm", "37mm", "35mm", "26mm"),
    };
    let mut t = format!(
        "#set document(title: {}, author: {})\n\
         #set page(width: {w}, height: {h}, margin: (top: {top}, left: {left}, right: {right}, bottom: {bottom}), \
         footer-descent: 7mm, footer: context {{\n\
         \x20 let n = counter(page).get().first()\n\
         \x20 let label = text(font: {body}, size: 14pt)[— #n —]\n\
         \x20 if calc.odd(n) {{ align(right, pad(right: 1em, label)) }} else {{ align(left, pad(left: 1em, label)) }}\n\
         }})\n\
         #set text(font: {body}, size: 16pt, lang: \"zh\", region: \"cn\", top-edge: 1em, bottom-edge: 0pt, tracking: -0.21pt)\n\
         #set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 12.99pt, spacing: 12.99pt)\n\
         #set table(stroke: 0.5pt, inset: (x: 1.5mm, y: 1.4mm + 2.7pt))\n\n",
        lit(title),
        lit(author),
        body = lit(faces.body),
    );
    let mut counters = [0usize; 4];
    for b in &doc.blocks {
        match b {
            Block::Title(s) => t.push_str(&format!(
                "#align(center, par(first-line-indent: 0pt, leading: 13.2pt, text(font: {}, weight: \"bold\", size: 22pt, tracking: 0pt, {})))\n#v(17.4pt)\n\n",
                lit(faces.body),
                lit(s)
            )),
            Block::Subtitle(s) => t.push_str(&format!(
                "#align(center, par(first-line-indent: 0pt, text(font: {}, {})))\n\n",
                lit(faces.kai),
                lit(s)
            )),
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 4);
                let i = usize::from(level - 1);
                counters[i] += 1;
                counters.iter_mut().skip(i + 1).for_each(|c| *c = 0);
                let numbered = format!("{}{text}", heading_number(level, counters[i]));
                let font = match level {
                    1 => format!("font: {}, weight: \"bold\", ", lit(faces.hei)),
                    2 => format!("font: {}, ", lit(faces.kai)),
                    _ => String::new(),
                };
                t.push_str(&format!(
                    "#par(justify: false, text({font}{}))\n\n",
                    lit(&numbered)
                ));
            }
            Block::Paragraph(s) => t.push_str(&format!("#par({})\n\n", lit(s))),
            Block::Line { text, align: a } => t.push_str(&format!(
                "#align({}, par(first-line-indent: 0pt, {}))\n\n",
                align(*a),
                lit(text)
            )),
            Block::Table(table) => {
                let cols: Vec<String> = widths(table)
                    .iter()
                    .map(|w| format!("{w:.2}mm"))
                    .collect();
                let head: Vec<String> = table
                    .columns
                    .iter()
                    .map(|c| format!("[{}]", lit_markup(&c.title)))
                    .collect();
                t.push_str(&format!(
                    "#[\n#set text(size: 12pt, tracking: 0pt)\n#set par(leading: 5.4pt, first-line-indent: 0pt, justify: false)\n#table(columns: ({}), align: ({}),\n  table.header(repeat: true, {}),\n",
                    cols.join(", "),
                    table
                        .columns
                        .iter()
                        .map(|c| format!("{} + horizon", align(c.align)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    head.iter()
                        .map(|h| format!("text(font: {}, weight: \"bold\", {h})", lit(faces.hei)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                for row in &table.rows {
                    let cells: Vec<String> = row.iter().map(|c| lit(c)).collect();
                    t.push_str(&format!("  {},\n", cells.join(", ")));
                }
                t.push_str(")\n]\n\n");
            }
            Block::Signatures(lines) => {
                let rows: Vec<String> = lines
                    .iter()
                    .map(|l| {
                        let room = if l.ends_with('：') { "　　　　　　" } else { "" };
                        lit(&format!("{l}{room}"))
                    })
                    .collect();
                t.push_str(&format!(
                    "#v(28.99pt)\n#align(right, block(breakable: false, align(left, stack(spacing: 12.99pt, {}))))\n\n",
                    rows.join(", ")
                ));
            }
            Block::Signoff { name, date } => t.push_str(&format!(
                "#v(28.99pt)\n#align(right, pad(right: 4em, block(breakable: false, stack(spacing: 12.99pt, align(center, {}), {}))))\n\n",
                lit(name),
                lit(date)
            )),
            Block::Space => t.push_str("#v(28.99pt)\n\n"),
            Block::PageBreak => t.push_str("#pagebreak()\n\n"),
        }
    }
    t
}

/// A header's text as content brackets' inside, via a string so nothing is markup.
fn lit_markup(text: &str) -> String {
    format!("#{}", lit(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhibu_typeset::{Column, Table};

    #[test]
    fn text_of_records_stays_text() {
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Paragraph("引号\"与#号、[括号]、反斜杠\\".into()));
        d.push(Block::Table(Table {
            columns: vec![Column {
                title: "姓名".into(),
                weight: 1.0,
                align: Align::Left,
            }],
            rows: vec![vec!["王*伟".into()]],
        }));
        let s = source(&d, "标题", "支部", &NOTO, &mut |_| vec![20.0]);
        assert!(
            s.contains(r#"#par("引号\"与#号、[括号]、反斜杠\\")"#),
            "{s}"
        );
        assert!(s.contains(r#""王*伟""#), "{s}");
    }
}
