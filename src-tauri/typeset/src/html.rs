//! The in-app preview: the same laid-out pages as the PDF, drawn as positioned HTML.
use crate::fonts::Role;
use crate::pdf::{mm, Item, Layout};

impl Layout {
    /// The same pages as HTML for the in-app preview: every line where the PDF puts it.
    /// All text is escaped; the markup has no scripts and no external resources.
    pub fn to_html(&self) -> String {
        let g = &self.geo;
        let mut out = format!(
            "<div class=\"zb-doc\" style=\"--page-w:{}mm;--page-h:{}mm\">",
            g.page_w, g.page_h
        );
        for (i, items) in self.pages.iter().enumerate() {
            out.push_str(&format!(
                "<section class=\"zb-page\" aria-label=\"第{}页\" style=\"width:{}mm;height:{}mm\">",
                i + 1,
                g.page_w,
                g.page_h
            ));
            for item in items {
                match item {
                    Item::Text {
                        x,
                        baseline,
                        size,
                        role,
                        tc,
                        runs,
                    } => {
                        let text: String = runs.iter().map(|(_, s)| s.as_str()).collect();
                        out.push_str(&format!(
                            "<span class=\"zb-{}\" style=\"left:{:.2}mm;top:{:.2}mm;font-size:{:.1}pt;letter-spacing:{:.2}pt\">{}</span>",
                            role_class(*role),
                            x,
                            g.page_h - baseline,
                            size,
                            tc,
                            escape(&text)
                        ));
                    }
                    Item::Rule {
                        x1,
                        y1,
                        x2,
                        y2,
                        thickness,
                    } => {
                        let (left, top) = (x1.min(*x2), g.page_h - y1.max(*y2));
                        let (w, h) = ((x2 - x1).abs(), (y2 - y1).abs());
                        // Drawn as a border, not a filled box: a browser draws a border of
                        // any width at least one pixel wide, where a 0.2 mm box scaled down
                        // for the preview falls between pixels and is not drawn at all.
                        let weight = mm(*thickness);
                        out.push_str(&if w >= h {
                            format!(
                                "<i class=\"zb-rule\" style=\"left:{left:.2}mm;top:{top:.2}mm;width:{w:.2}mm;border-top-width:{weight:.2}mm\"></i>"
                            )
                        } else {
                            format!(
                                "<i class=\"zb-rule\" style=\"left:{left:.2}mm;top:{top:.2}mm;height:{h:.2}mm;border-left-width:{weight:.2}mm\"></i>"
                            )
                        });
                    }
                }
            }
            out.push_str("</section>");
        }
        out.push_str("</div>");
        out
    }
}

fn role_class(r: Role) -> &'static str {
    match r {
        Role::Body => "body",
        Role::Hei => "hei",
        Role::Kai => "kai",
        Role::Title => "title",
        Role::Song => "song",
    }
}

/// HTML-escapes text: the preview shows whatever was typed, never interprets it.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
