//! A laid-out page as PDF operations, written small: text state (font, size, character
//! spacing) is set only when it changes — it lasts across text objects within a page — and a
//! table's rules are drawn as one line per row boundary and per column edge instead of one per
//! cell side, which halved the roster's content on each page.
use std::collections::BTreeMap;

use printpdf::{
    Color, FontId, Line as PdfLine, LinePoint, Mm, Op, PdfFontHandle, Point, Pt, Rgb, TextItem,
};

use super::Item;
use crate::fonts::FaceId;

/// The operations of one page; `font` gives the document's font for a face.
pub(super) fn page_ops(items: &[Item], font: &mut dyn FnMut(FaceId) -> FontId) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut font_now: Option<(FaceId, f32)> = None;
    // A page's content starts with the PDF's default character spacing, 0.
    let mut tc_now = 0.0_f32;
    for item in items {
        let Item::Text {
            x,
            baseline,
            size,
            tc,
            runs,
            ..
        } = item
        else {
            continue;
        };
        ops.push(Op::StartTextSection);
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: Mm(*x).into(),
                y: Mm(*baseline).into(),
            },
        });
        if *tc != tc_now {
            ops.push(Op::SetCharacterSpacing { multiplier: *tc });
            tc_now = *tc;
        }
        for (face, text) in runs {
            if font_now != Some((*face, *size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font(*face)),
                    size: Pt(*size),
                });
                font_now = Some((*face, *size));
            }
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
        ops.push(Op::EndTextSection);
    }
    let rules = merged_rules(items);
    if !rules.is_empty() {
        ops.push(Op::SetOutlineColor {
            col: Color::Rgb(Rgb {
                r: 0.0,
                g: 0.0,
                b: 0.0,
                icc_profile: None,
            }),
        });
    }
    let mut width_now = None;
    for r in rules {
        if width_now != Some(r.thickness) {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(r.thickness),
            });
            width_now = Some(r.thickness);
        }
        let point = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Mm(x).into(),
                y: Mm(y).into(),
            },
            bezier: false,
        };
        ops.push(Op::DrawLine {
            line: PdfLine {
                points: vec![point(r.x1, r.y1), point(r.x2, r.y2)],
                is_closed: false,
            },
        });
    }
    ops
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub thickness: f32,
}

/// Hundredths of a millimetre: rules closer than that are on the same line.
fn key(v: f32) -> i64 {
    (v * 100.0).round() as i64
}

/// The page's rules with collinear horizontal and vertical pieces that touch or overlap joined
/// into one (a row's bottom and the next row's top are one line; a column's edge runs the
/// table's height); any other rule as it was.
pub(super) fn merged_rules(items: &[Item]) -> Vec<Rule> {
    // (horizontal?, position, thickness) → the spans along that line.
    let mut lines: BTreeMap<(bool, i64, i64), Vec<(f32, f32)>> = BTreeMap::new();
    let mut other = Vec::new();
    for item in items {
        let Item::Rule {
            x1,
            y1,
            x2,
            y2,
            thickness,
        } = *item
        else {
            continue;
        };
        let t = key(thickness);
        if key(y1) == key(y2) {
            lines
                .entry((true, key(y1), t))
                .or_default()
                .push((x1.min(x2), x1.max(x2)));
        } else if key(x1) == key(x2) {
            lines
                .entry((false, key(x1), t))
                .or_default()
                .push((y1.min(y2), y1.max(y2)));
        } else {
            other.push(Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
            });
        }
    }
    let mut out = Vec::new();
    for ((horizontal, at, t), mut spans) in lines {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let at = at as f32 / 100.0;
        let thickness = t as f32 / 100.0;
        let mut merged: Vec<(f32, f32)> = Vec::new();
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 + 0.01 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        out.extend(merged.into_iter().map(|(a, b)| {
            if horizontal {
                Rule {
                    x1: a,
                    y1: at,
                    x2: b,
                    y2: at,
                    thickness,
                }
            } else {
                Rule {
                    x1: at,
                    y1: a,
                    x2: at,
                    y2: b,
                    thickness,
                }
            }
        }));
    }
    out.extend(other);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(x1: f32, y1: f32, x2: f32, y2: f32) -> Item {
        Item::Rule {
            x1,
            y1,
            x2,
            y2,
            thickness: 0.6,
        }
    }

    #[test]
    fn a_tables_cell_sides_become_one_line_per_boundary() {
        // Two rows of two cells, each row drawing its top, bottom and every cell's sides.
        let mut items = Vec::new();
        for (top, bottom) in [(100.0, 90.0), (90.0, 80.0)] {
            items.push(rule(10.0, top, 50.0, top));
            for x in [10.0, 30.0, 50.0] {
                items.push(rule(x, top, x, bottom));
            }
            items.push(rule(10.0, bottom, 50.0, bottom));
        }
        let rules = merged_rules(&items);
        let horizontal: Vec<f32> = rules
            .iter()
            .filter(|r| r.y1 == r.y2)
            .map(|r| r.y1)
            .collect();
        assert_eq!(horizontal, vec![80.0, 90.0, 100.0]);
        let vertical: Vec<(f32, f32, f32)> = rules
            .iter()
            .filter(|r| r.x1 == r.x2)
            .map(|r| (r.x1, r.y1, r.y2))
            .collect();
        assert_eq!(
            vertical,
            vec![
                (10.0, 80.0, 100.0),
                (30.0, 80.0, 100.0),
                (50.0, 80.0, 100.0)
            ]
        );
    }

    #[test]
    fn rules_apart_stay_apart() {
        // A table on a page, a gap, then another: its edges are not joined across the gap.
        let items = [rule(10.0, 100.0, 10.0, 90.0), rule(10.0, 60.0, 10.0, 50.0)];
        assert_eq!(merged_rules(&items).len(), 2);
    }
}
