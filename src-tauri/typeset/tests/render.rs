//! The typesetter's output as a reader checks a printout: the text comes back out
//! (pdftotext), every font is embedded and subset (pdffonts), pages are A4 (pdfinfo), and the
//! body sits on the 22 × 28 grid.
use std::path::{Path, PathBuf};
use std::process::Command;

use zhibu_typeset::fonts::default_font_dirs;
use zhibu_typeset::{
    render_pdf, Align, Block, Column, DocInfo, Document, FontLibrary, Orientation, Table,
};

fn library() -> FontLibrary {
    let mut lib = FontLibrary::discover(&default_font_dirs(&[]));
    assert!(
        lib.has_chinese(),
        "no Chinese font found: run ./test.sh (it installs fonts-noto-cjk)"
    );
    lib
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let mut cmd = Command::new(name);
    cmd.args(args).arg(pdf);
    if name == "pdftotext" {
        cmd.arg("-");
    }
    let out = zhibu_host_tools::output(&mut cmd);
    match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        Ok(o) => panic!("{name} failed: {}", String::from_utf8_lossy(&o.stderr)),
        // poppler-utils is part of the set-up (scripts/setup.sh); its absence is a failure.
        Err(e) => panic!("{name} is needed for this test (apt-get install poppler-utils): {e}"),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write pdf");
    // To look at the printouts: ZHIBU_TEST_OUT=/some/folder cargo test -p zhibu-typeset
    if let Some(out) = std::env::var_os("ZHIBU_TEST_OUT") {
        let _ = std::fs::copy(&p, Path::new(&out).join(name));
    }
    p
}

fn sample() -> Document {
    let mut d = Document::new(Orientation::Portrait);
    d.push(Block::Title(
        "中共北京阳光社会工作服务中心支部委员会2026年度书记抓党建工作述职报告".into(),
    ));
    d.push(Block::Subtitle("（2026年11月26日）".into()));
    d.push(Block::Heading {
        level: 1,
        text: "履职情况".into(),
    });
    d.push(Block::Heading {
        level: 2,
        text: "严格组织生活".into(),
    });
    d.push(Block::Paragraph(
        "全年共召开支部党员大会4次、支委会11次、党课3次、主题党日11次，党员平均参会率为92%。陈堃、吴喆、胡䶮、林𠇔等同志积极参加各项活动，按时足额交纳党费。".repeat(3),
    ));
    d.push(Block::Heading {
        level: 1,
        text: "存在问题".into(),
    });
    d.push(Block::Paragraph(
        "个别党员参加组织生活不够经常，“三会一课”制度落实还有差距。".into(),
    ));
    d.push(Block::Signatures(vec!["述职人：王建国".into()]));
    d.push(Block::Line {
        text: "2026年11月26日".into(),
        align: Align::Right,
    });
    d
}

#[test]
fn text_fonts_and_page_size_of_a_report() {
    let mut lib = library();
    let out = render_pdf(&sample(), &mut lib, &DocInfo::titled("述职报告")).expect("rendered");
    assert!(
        out.missing.is_empty(),
        "characters without a font: {:?}",
        out.missing
    );
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = write(dir.path(), "report.pdf", &out.pdf);

    let text = tool("pdftotext", &["-layout"], &pdf).replace([' ', '\n'], "");
    for want in [
        "述职报告",
        "一、履职情况",
        "（一）严格组织生活",
        "二、存在问题",
        "陈堃、吴喆、胡䶮、林𠇔等同志",
        "党员平均参会率为92%",
        "述职人：王建国",
        "—1—",
    ] {
        assert!(text.contains(want), "pdftotext lost “{want}”:\n{text}");
    }

    let fonts = tool("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        let name = row.split_whitespace().next().unwrap_or("");
        // Subset fonts are named ABCDEF+Name; columns "emb sub" must both say yes.
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "not subset: {row}"
        );
        assert!(row.contains("yes yes"), "not embedded and subset: {row}");
    }
    // A whole CJK font is 15+ MB; subset, this document is small.
    assert!(out.pdf.len() < 300 * 1024, "{} bytes", out.pdf.len());

    let info = tool("pdfinfo", &[], &pdf);
    assert!(
        info.contains("595.276 x 841.89 pts (A4)") || info.contains("595.28 x 841.89 pts (A4)"),
        "{info}"
    );
}

#[test]
fn body_text_fills_the_grid_of_28_characters_and_22_lines() {
    let mut lib = library();
    let mut d = Document::new(Orientation::Portrait);
    // 30 lines of exactly 28 characters, no indent: 22 fit on the first page.
    for i in 0..30 {
        let digit = char::from_digit(i % 10, 10).unwrap_or('0');
        let line: String = std::iter::once(digit)
            .chain("党支部工作台排版测试行".chars().cycle().take(27))
            .collect();
        d.push(Block::Line {
            text: line,
            align: Align::Left,
        });
    }
    let out = render_pdf(&d, &mut lib, &DocInfo::titled("grid")).expect("rendered");
    assert_eq!(out.pages, 2);
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = write(dir.path(), "grid.pdf", &out.pdf);
    let first = tool("pdftotext", &["-f", "1", "-l", "1", "-layout"], &pdf);
    let body: Vec<&str> = first.lines().filter(|l| l.contains("党支部")).collect();
    assert_eq!(body.len(), 22, "22 lines on a page:\n{first}");
    for l in &body {
        assert_eq!(
            l.trim().chars().filter(|c| !c.is_whitespace()).count(),
            28,
            "28 characters a line: {l}"
        );
    }
}

#[test]
fn a_long_table_repeats_its_header_and_breaks_between_rows() {
    let mut lib = library();
    let mut d = Document::new(Orientation::Landscape);
    d.push(Block::Title("党员花名册".into()));
    let columns = ["序号", "姓名", "性别", "出生年月", "入党时间", "工作岗位"]
        .iter()
        .map(|t| Column {
            title: t.to_string(),
            weight: if *t == "工作岗位" { 3.0 } else { 1.0 },
            align: Align::Center,
        })
        .collect();
    let rows = (1..=60)
        .map(|i| {
            vec![
                i.to_string(),
                format!("党员{i}"),
                "男".into(),
                "1980.01".into(),
                "2005.07".into(),
                "社会工作服务中心项目部社工督导兼培训部负责人".into(),
            ]
        })
        .collect();
    d.push(Block::Table(Table { columns, rows }));
    let out = render_pdf(&d, &mut lib, &DocInfo::titled("roster")).expect("rendered");
    assert!(out.pages >= 3, "{} pages", out.pages);
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = write(dir.path(), "table.pdf", &out.pdf);
    let info = tool("pdfinfo", &[], &pdf);
    assert!(
        info.contains("841.89 x 595.276 pts") || info.contains("841.89 x 595.28 pts"),
        "landscape A4: {info}"
    );
    for page in 1..=out.pages {
        let p = page.to_string();
        let text = tool("pdftotext", &["-f", &p, "-l", &p], &pdf);
        assert!(
            text.contains("序号") && text.contains("工作岗位"),
            "header on page {page}"
        );
    }
    let all = tool("pdftotext", &[], &pdf).replace(['\n', ' '], "");
    assert!(all.contains("党员60"));
    // Every row's text is whole on one page: the wrapped cell's two parts are never apart.
    for page in 1..=out.pages {
        let p = page.to_string();
        let text = tool("pdftotext", &["-f", &p, "-l", &p], &pdf).replace(['\n', ' '], "");
        let starts = text.matches("社会工作服务中心项目部").count();
        let ends = text.matches("负责人").count();
        assert_eq!(starts, ends, "a row split across pages on page {page}");
    }
}

#[test]
fn characters_no_font_has_are_reported() {
    let mut lib = library();
    let mut d = Document::new(Orientation::Portrait);
    // U+F0000 is in a private-use plane no installed font covers.
    d.push(Block::Paragraph("测试\u{F0000}字".into()));
    let out = render_pdf(&d, &mut lib, &DocInfo::titled("missing")).expect("rendered");
    assert_eq!(out.missing, ['\u{F0000}']);
}

/// The text a browser shows of a piece of the preview: tags dropped, entities read,
/// whitespace left out (the PDF's and the preview's spacing differ, their characters not).
fn shown_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_html_preview_shows_the_same_pages_and_escapes_everything() {
    let mut lib = library();
    let mut d = sample();
    d.push(Block::Paragraph(
        "<script>alert('x')</script> & “引号”".into(),
    ));
    d.push(Block::Table(Table {
        columns: ["序号", "姓名"]
            .iter()
            .map(|t| Column {
                title: t.to_string(),
                weight: 1.0,
                align: Align::Center,
            })
            .collect(),
        rows: vec![vec!["1".into(), "陈堃".into()]],
    }));
    // Long enough for several pages, so that a page break in the wrong place shows.
    for i in 0..40 {
        d.push(Block::Paragraph(format!(
            "第{i}段：支部按照年度计划开展组织生活，党员积极参加学习讨论。"
        )));
    }
    let layout = zhibu_typeset::layout(&d, &mut lib).expect("laid out");
    let html = layout.to_html();
    // The preview against the real PDF, as poppler reads it: the same number of pages, and on
    // each page the same text (not the layout's own count of its pages).
    let pdf_bytes = layout.to_pdf(&lib, &DocInfo::titled("preview"));
    let pages_dir = tempfile::tempdir().expect("tmp");
    let pdf_path = write(pages_dir.path(), "pages.pdf", &pdf_bytes);
    let pdf_pages: usize = tool("pdfinfo", &[], &pdf_path)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    let sections: Vec<String> = html
        .split("<section class=\"zb-page\"")
        .skip(1)
        // Past the rest of the section's own tag.
        .map(|s| shown_text(&s[s.find('>').map_or(0, |i| i + 1)..]))
        .collect();
    assert!(
        pdf_pages >= 3,
        "the sample runs over several pages: {pdf_pages}"
    );
    assert_eq!(
        sections.len(),
        pdf_pages,
        "pages in the preview and in the PDF"
    );
    for (i, shown) in sections.iter().enumerate() {
        let p = (i + 1).to_string();
        let printed: String = tool("pdftotext", &["-f", &p, "-l", &p], &pdf_path)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            shown, &printed,
            "page {p}: the preview shows other text than the PDF"
        );
    }
    assert!(html.contains("陈堃、吴喆、胡䶮、林𠇔等同志"));
    assert!(
        !html.contains("<script>"),
        "typed markup is shown, never run"
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"));
    // Table rules are borders, which a browser never draws thinner than a pixel (a filled box
    // of 0.2 mm, scaled down, fell between pixels and vanished).
    let rules: Vec<&str> = html.split("<i class=\"zb-rule\"").skip(1).collect();
    assert!(!rules.is_empty(), "the sample's table has rules");
    assert!(rules
        .iter()
        .all(|r| r.contains("border-top-width:") || r.contains("border-left-width:")));
    // Every line of the PDF is a line of the preview.
    let pdf = layout.to_pdf(&lib, &DocInfo::titled("preview"));
    let dir = tempfile::tempdir().expect("tmp");
    let text =
        tool("pdftotext", &[], &write(dir.path(), "preview.pdf", &pdf)).replace([' ', '\n'], "");
    assert!(
        text.contains("<script>alert('x')</script>&“引号”"),
        "{text}"
    );
}

#[test]
fn a_pdf_says_whose_it_is_what_it_is_and_when_it_was_printed() {
    let mut lib = library();
    let info = DocInfo {
        title: "党员花名册（20261203）".into(),
        author: "中共测试协会支部委员会".into(),
        subject: "党员花名册".into(),
        created: zhibu_typeset::Stamp {
            year: 2026,
            month: 12,
            day: 3,
            hour: 17,
            minute: 20,
            second: 5,
        },
    };
    let out = render_pdf(&sample(), &mut lib, &info).expect("rendered");
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = write(dir.path(), "info.pdf", &out.pdf);
    let shown = tool("pdfinfo", &["-isodates"], &pdf);
    let field = |name: &str| {
        shown
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(str::trim)
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(field("Title"), "党员花名册（20261203）");
    assert_eq!(field("Author"), "中共测试协会支部委员会");
    assert_eq!(field("Subject"), "党员花名册");
    assert_eq!(field("Creator"), "党支部工作台");
    assert!(field("Producer").starts_with("zhibu-typeset"), "{shown}");
    assert_eq!(field("CreationDate"), "2026-12-03T17:20:05Z");
}

/// The text of a PDF's last page, and what is left of it without the signature labels, the
/// page number and white space.
fn last_page_besides(pdf: &Path, pages: usize, labels: &[&str]) -> (String, String) {
    let last = pages.to_string();
    let text = tool("pdftotext", &["-f", &last, "-l", &last], pdf);
    let mut rest = text.replace(char::is_whitespace, "");
    for l in labels {
        rest = rest.replace(l, "");
    }
    (text, rest.replace(&format!("—{last}—"), ""))
}

/// However long the text before them, signature lines never stand alone on a page: the two
/// lines before them go along. Laid out at every length through two page breaks.
#[test]
fn signature_lines_never_stand_alone_on_a_page() {
    let mut lib = library();
    let dir = tempfile::tempdir().expect("tmp");
    let labels = ["主持人（签字）：", "记录人（签字）："];
    let mut broke = 0;
    for lines in 15..60 {
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Title("会议记录".into()));
        for i in 0..lines {
            d.push(Block::Line {
                text: format!("第{i}行内容"),
                align: Align::Left,
            });
        }
        d.push(Block::Signatures(
            labels.iter().map(|l| l.to_string()).collect(),
        ));
        let out = render_pdf(&d, &mut lib, &DocInfo::titled("keep")).expect("rendered");
        let pdf = write(dir.path(), "keep.pdf", &out.pdf);
        let (text, rest) = last_page_besides(&pdf, out.pages, &labels);
        assert!(
            rest.contains("行内容"),
            "{lines} lines: the last page holds only the signatures: {text}"
        );
        if text.contains("主持人")
            && !tool("pdftotext", &["-f", "1", "-l", "1"], &pdf).contains("主持人")
        {
            broke += 1;
        }
    }
    assert!(broke > 0, "no length put the signatures on a later page");
}

/// A form — a table, a sum line, a signature block — keeps its signature block with what
/// precedes it at every table length: where it would just spill, the spacing is tightened and
/// the form stays on its page (where the same lines as plain text need a page more); where
/// that is not enough, the table's last rows go along under its repeated header.
#[test]
fn a_form_keeps_its_signature_block_on_its_page() {
    let mut lib = library();
    let dir = tempfile::tempdir().expect("tmp");
    let labels = ["检查人：", "支部书记（签字）：", "检查日期："];
    let form = |rows: usize, signed: bool| {
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Title("六有阵地检查表".into()));
        d.push(Block::Table(Table {
            columns: ["序号", "项目", "检查情况"]
                .iter()
                .map(|t| Column {
                    title: t.to_string(),
                    weight: 1.0,
                    align: Align::Center,
                })
                .collect(),
            rows: (1..=rows)
                .map(|i| vec![i.to_string(), format!("第{i}项"), "有□ 部分□ 无□".into()])
                .collect(),
        }));
        d.push(Block::Line {
            text: format!("共{rows}项。"),
            align: Align::Left,
        });
        if signed {
            d.push(Block::Signatures(
                labels.iter().map(|l| l.to_string()).collect(),
            ));
        } else {
            d.push(Block::Space);
            for l in labels {
                d.push(Block::Line {
                    text: l.to_string(),
                    align: Align::Right,
                });
            }
        }
        d
    };
    let mut tightened = 0;
    for rows in 10..70 {
        let out = render_pdf(&form(rows, true), &mut lib, &DocInfo::titled("form")).expect("form");
        let plain =
            render_pdf(&form(rows, false), &mut lib, &DocInfo::titled("form")).expect("plain");
        let pdf = write(dir.path(), "form.pdf", &out.pdf);
        let (text, rest) = last_page_besides(&pdf, out.pages, &labels);
        assert!(
            rest.contains("项"),
            "{rows} rows: the last page holds only the signatures: {text}"
        );
        if out.pages < plain.pages {
            tightened += 1;
        }
    }
    assert!(
        tightened > 0,
        "no length was kept on its page by tightening"
    );
}

/// Without a 仿宋 the body prints in another face, and the secretary is told which and how
/// to add one; with one (here a face installed under Windows' simfang.ttf name) nothing is said.
#[test]
fn the_body_face_is_named_when_it_is_not_a_fangsong() {
    let serif = default_font_dirs(&[])
        .iter()
        .map(|d| d.join("opentype/noto/NotoSerifCJK-Regular.ttc"))
        .find(|p| p.exists())
        .expect("Noto Serif CJK is installed by the set-up");
    // A machine with only the open serif.
    let dir = tempfile::tempdir().expect("tmp");
    place_font(&serif, &dir.path().join("NotoSerifCJK-Regular.ttc"));
    let mut serif_only = FontLibrary::discover(&[dir.path().to_path_buf()]);
    let note = serif_only.body_face_note().expect("said");
    assert!(
        note.contains("思源宋体") && note.contains("仿宋_GB2312"),
        "{note}"
    );
    // And with a 仿宋 beside it.
    place_font(&serif, &dir.path().join("simfang.ttf"));
    let mut with_fangsong = FontLibrary::discover(&[dir.path().to_path_buf()]);
    assert_eq!(with_fangsong.body_face_note(), None);
}

/// A font file put into a folder under another name: linked on Linux, copied on Windows (where
/// making a link needs administrator rights).
fn place_font(from: &Path, to: &Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(from, to).expect("link");
    #[cfg(not(unix))]
    std::fs::copy(from, to).map(drop).expect("copy");
}

/// One word of `pdftotext -bbox`: its text and box in mm from the page's top left.
struct Word {
    text: String,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

fn words(pdf: &Path, page: usize) -> Vec<Word> {
    let p = page.to_string();
    let xml = tool("pdftotext", &["-bbox", "-f", &p, "-l", &p], pdf);
    let mm = |pt: f32| pt * 25.4 / 72.0;
    xml.lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word ")?;
            let attr = |name: &str| -> Option<f32> {
                let s = l.split(&format!("{name}=\"")).nth(1)?;
                s.split('"').next()?.parse().ok()
            };
            let text = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some(Word {
                text,
                x0: mm(attr("xMin")?),
                y0: mm(attr("yMin")?),
                x1: mm(attr("xMax")?),
                y1: mm(attr("yMax")?),
            })
        })
        .collect()
}

/// The geometry of GB/T 9704 measured on the PDF itself (poppler's boxes, not our layout's):
/// the 37 mm top and 28 mm left margins and the 156 × 225 mm block within 0.5 mm, each line in
/// its cell of the grid, 28 characters to a full line, 22 lines to a full page on a pitch of
/// 28.99 pt, and the page number "— N —" one character in from the block's right edge on odd
/// pages and its left edge on even ones, under the block.
#[test]
fn the_printed_geometry_is_gb_9704s() {
    let mut lib = library();
    let mut d = Document::new(Orientation::Portrait);
    for i in 0..30 {
        d.push(Block::Paragraph(format!(
            "第{}段。本人作为党支部书记，认真履行抓党建工作第一责任人职责，团结带领支部全体党员履职尽责，推动支部各项工作取得新的进展，严格落实“三会一课”制度。",
            ["一", "二", "三", "四", "五"][i % 5]
        )));
    }
    let out = render_pdf(&d, &mut lib, &DocInfo::titled("geometry")).expect("rendered");
    assert!(out.pages >= 3);
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = write(dir.path(), "geometry.pdf", &out.pdf);
    let (left, right, block_bottom) = (28.0, 28.0 + 156.0, 37.0 + 225.0);
    for page in 1..=2 {
        let all = words(&pdf, page);
        let body: Vec<&Word> = all.iter().filter(|w| w.y0 < block_bottom).collect();
        assert_eq!(body.len(), 22, "page {page}: 22 lines");
        for pair in body.windows(2) {
            let pitch = (pair[1].y0 - pair[0].y0) * 72.0 / 25.4;
            assert!(
                (pitch - 28.99).abs() < 0.05,
                "page {page}: pitch {pitch} pt"
            );
        }
        // The 37 mm top margin and the grid: line i is centred (within 0.5 mm) in the i-th of
        // 22 equal cells of the 225 mm block.
        let cell = 225.0 / 22.0;
        for (i, w) in body.iter().enumerate() {
            let centre = 37.0 + (i as f32 + 0.5) * cell;
            let at = (w.y0 + w.y1) / 2.0;
            assert!(
                (at - centre).abs() < 0.5,
                "page {page}: line {} centred at {at:.2} mm, its cell's centre is {centre:.2} mm",
                i + 1
            );
        }
        for w in &body {
            assert!(w.x0 >= left - 0.5, "page {page}: starts at {} mm", w.x0);
            assert!(w.x1 <= right + 0.5, "page {page}: ends at {} mm", w.x1);
        }
        // Full lines (not a paragraph's last) span the block and hold 28 characters.
        let full: Vec<&&Word> = body.iter().filter(|w| (w.x1 - right).abs() < 0.5).collect();
        assert!(full.len() >= 15, "page {page}: {} full lines", full.len());
        for w in &full {
            if (w.x0 - left).abs() < 0.5 {
                assert_eq!(w.text.chars().count(), 28, "page {page}: {}", w.text);
            }
        }
        // The page number: under the block, a character (14 pt, 4.94 mm) in from its edge.
        let number: Vec<&Word> = all.iter().filter(|w| w.y0 > block_bottom).collect();
        let joined: String = number.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(joined, format!("—{page}—"));
        let below = number[0].y0 - block_bottom;
        assert!(
            (4.0..9.0).contains(&below),
            "page number {below} mm under the block"
        );
        let one = 14.0 * 25.4 / 72.0;
        if page % 2 == 1 {
            let end = number.last().map(|w| w.x1).unwrap_or_default();
            assert!(
                (end - (right - one)).abs() < 0.5,
                "odd page number ends at {end} mm"
            );
        } else {
            assert!(
                (number[0].x0 - (left + one)).abs() < 0.5,
                "even page number at {} mm",
                number[0].x0
            );
        }
    }
}

/// A table never leaves one row alone under its header: it starts on a page with at least two
/// rows, and its last row does not go to a page of its own.
#[test]
fn no_table_row_is_alone_under_its_header() {
    let mut lib = library();
    let dir = tempfile::tempdir().expect("tmp");
    for (before, rows) in [
        (0, 28),
        (12, 30),
        (16, 5),
        (17, 12),
        (18, 40),
        (19, 24),
        (20, 9),
    ] {
        let mut d = Document::new(Orientation::Portrait);
        for i in 0..before {
            d.push(Block::Line {
                text: format!("前文第{i}行"),
                align: Align::Left,
            });
        }
        d.push(Block::Table(Table {
            columns: vec![
                Column {
                    title: "序号".into(),
                    weight: 1.0,
                    align: Align::Center,
                },
                Column {
                    title: "事项".into(),
                    weight: 6.0,
                    align: Align::Left,
                },
            ],
            rows: (1..=rows)
                .map(|i| vec![i.to_string(), "一行事项".into()])
                .collect(),
        }));
        let out = render_pdf(&d, &mut lib, &DocInfo::titled("rows")).expect("rendered");
        let pdf = write(dir.path(), "rows.pdf", &out.pdf);
        for page in 1..=out.pages {
            let p = page.to_string();
            let text = tool("pdftotext", &["-f", &p, "-l", &p], &pdf);
            let on_page = text.matches("一行事项").count();
            assert!(
                on_page == 0 || on_page >= 2,
                "{before} lines then {rows} rows: page {page} has {on_page} row(s)\n{text}"
            );
        }
    }
}
