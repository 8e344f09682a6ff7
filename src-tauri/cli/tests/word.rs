//! Word files: every printed document saved with `--docx` opens in LibreOffice (as it would in
//! WPS or Word), carries the PDF's text, and lays out to about as many pages. LibreOffice is
//! installed by `scripts/setup.sh --test`; without it this test fails rather than passes.
mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{text, zhibu};

/// The paragraphs of a .docx in order, read from its XML: each `w:p`'s text.
fn docx_paragraphs(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).expect("docx");
    let mut archive = zip::ZipArchive::new(file).expect("a docx is a zip package");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml.split("</w:p>")
        .map(|p| {
            // The text of the w:t elements, markup and entities resolved.
            let mut out = String::new();
            for piece in p.split("<w:t").skip(1) {
                // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`, `<w:tr>`.
                if !piece.starts_with(['>', ' ']) {
                    continue;
                }
                let Some(start) = piece.find('>') else {
                    continue;
                };
                let body = &piece[start + 1..];
                let end = body.find("</w:t>").unwrap_or(body.len());
                out.push_str(&body[..end]);
            }
            out.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// A PDF's text without spacing and page numbers ("— 3 —"), in reading order.
fn pdf_text(path: &Path) -> String {
    // In drawing order: both writers draw in reading order, where pdftotext's own layout
    // analysis would move a right-aligned count ("共28次") away from its line.
    let out = zhibu_host_tools::output(Command::new("pdftotext").arg("-raw").arg(path).arg("-"))
        .expect("pdftotext (poppler-utils) is installed by the set-up");
    assert!(out.status.success(), "pdftotext {}", path.display());
    let text: String = text(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    strip_page_numbers(&text)
}

fn strip_page_numbers(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('—') {
        out.push_str(&rest[..i]);
        let after = &rest[i + '—'.len_utf8()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        match after[digits..].strip_prefix('—') {
            Some(tail) if digits > 0 => rest = tail,
            _ => {
                out.push('—');
                rest = after;
            }
        }
    }
    out + rest
}

fn pages(pdf: &Path) -> i64 {
    let out = zhibu_host_tools::output(Command::new("pdfinfo").arg(pdf)).expect("pdfinfo");
    text(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

/// Converts the .docx files to PDF with LibreOffice, with a profile of its own so that a
/// LibreOffice the developer has open does not take the job.
fn libreoffice_pdfs(dir: &Path, docx: &[PathBuf]) -> PathBuf {
    let out_dir = dir.join("libreoffice");
    let profile = format!("file://{}", dir.join("lo-profile").display());
    let status = zhibu_host_tools::output(
        Command::new("soffice")
            .arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&out_dir)
            .args(docx),
    )
    .expect("LibreOffice (soffice) is installed by scripts/setup.sh --test");
    assert!(status.status.success(), "{}", text(&status.stderr));
    out_dir
}

#[test]
fn every_printout_saved_as_word_opens_in_libreoffice_with_the_pdfs_text_and_pages() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    assert!(zhibu(&db, &["demo"]).status.success());
    let out = zhibu(&db, &["meeting", "list", "--json"]);
    let meetings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let meeting_id = meetings[0]["id"].to_string();
    let last_year = (chrono::Datelike::year(&chrono::Local::now()) - 1).to_string();
    let docs: Vec<(&str, Vec<&str>)> = vec![
        ("report", vec!["report", "print", "--year", &last_year]),
        ("roster", vec!["print", "roster"]),
        ("meeting", vec!["print", "meeting", &meeting_id]),
        ("meetings", vec!["print", "meetings", "--year", &last_year]),
        ("dues", vec!["print", "dues", "--year", &last_year]),
        ("venue", vec!["print", "venue"]),
        (
            "statistics",
            vec!["print", "statistics", "--year", &last_year],
        ),
    ];
    let mut docx_files = Vec::new();
    for (name, args) in &docs {
        let pdf = dir.path().join(format!("{name}.pdf"));
        let docx = dir.path().join(format!("{name}.docx"));
        let mut all: Vec<&str> = args.clone();
        let (p, d) = (pdf.to_str().expect("utf-8"), docx.to_str().expect("utf-8"));
        all.extend(["--pdf", p, "--docx", d]);
        let out = zhibu(&db, &all);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains(".docx"), "{name} says where");
        docx_files.push(docx);
    }
    let lo = libreoffice_pdfs(dir.path(), &docx_files);
    // Last year's report of the demo branch: a report of the usual length.
    let report_pages = pages(&dir.path().join("report.pdf"));
    assert!((4..=8).contains(&report_pages), "{report_pages} pages");

    for (name, _) in &docs {
        let ours = dir.path().join(format!("{name}.pdf"));
        let theirs = lo.join(format!("{name}.pdf"));
        assert!(theirs.exists(), "LibreOffice could not open {name}.docx");
        let (a, b) = (pages(&ours), pages(&theirs));
        assert!(
            (a - b).abs() <= 1,
            "{name}: {a} pages as PDF, {b} as laid out from the Word file"
        );
        // Every paragraph and table cell of the Word file is in both PDFs.
        let ours_text = pdf_text(&ours);
        let theirs_text = pdf_text(&theirs);
        for p in docx_paragraphs(&dir.path().join(format!("{name}.docx"))) {
            let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(ours_text.contains(&p), "{name}: PDF lacks 「{p}」");
            assert!(
                theirs_text.contains(&p),
                "{name}: Word file shows no 「{p}」"
            );
        }
    }

    // The report, all prose, reads the same paragraph by paragraph: walking the Word file's
    // paragraphs in order consumes each PDF's text exactly.
    let paragraphs = docx_paragraphs(&dir.path().join("report.docx"));
    assert!(paragraphs.len() >= 15, "{paragraphs:?}");
    for pdf in [dir.path().join("report.pdf"), lo.join("report.pdf")] {
        let whole = pdf_text(&pdf);
        let mut rest = whole.as_str();
        for p in &paragraphs {
            let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            rest = rest.strip_prefix(p.as_str()).unwrap_or_else(|| {
                panic!(
                    "{}: expected 「{p}」, found 「{}」",
                    pdf.display(),
                    rest.chars().take(40).collect::<String>()
                )
            });
        }
        assert_eq!(rest, "", "{}: text beyond the Word file's", pdf.display());
    }
}
