//! A golden page: one fixed document, rendered with the fonts the set-up installs, compared
//! as a low-resolution grey image with a stored copy. Tolerant to antialiasing (a pixel counts
//! as different only past a threshold, and a few may differ), strict about anything moving.
//! After an intended change of the layout: ZHIBU_UPDATE_GOLDEN=1 cargo test -p zhibu-typeset
//! --test golden, then look at the new image before committing it.
use std::path::{Path, PathBuf};
use std::process::Command;

use zhibu_typeset::{
    render_pdf, Align, Block, Column, DocInfo, Document, FontLibrary, Orientation, Table,
};

/// Only the Debian packages' fonts, so every machine of this kind renders the same pixels
/// whatever else it has installed.
fn pinned_fonts() -> FontLibrary {
    let dirs = [
        PathBuf::from("/usr/share/fonts/opentype/noto"),
        PathBuf::from("/usr/share/fonts/truetype/lxgw-wenkai"),
    ];
    for d in &dirs {
        assert!(
            d.is_dir(),
            "{} is missing: run ./test.sh (it installs fonts-noto-cjk and fonts-lxgw-wenkai)",
            d.display()
        );
    }
    FontLibrary::discover(&dirs)
}

fn document() -> Document {
    let mut d = Document::new(Orientation::Portrait);
    d.push(Block::Title("党组织活动阵地“六有”建设情况检查表".into()));
    d.push(Block::Line {
        text: "党组织名称：中共测试协会支部委员会".into(),
        align: Align::Left,
    });
    let columns = ["序号", "项目", "标准", "情况"]
        .iter()
        .zip([0.9, 1.6, 5.0, 1.2])
        .map(|(t, w)| Column {
            title: t.to_string(),
            weight: w,
            align: Align::Center,
        })
        .collect();
    let rows = [
        ("有场所", "有固定的党员活动场所，单独设置或综合使用", "有"),
        ("有党旗", "悬挂党旗（4号144×96厘米）", "部分"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (a, b, c))| {
        vec![
            (i + 1).to_string(),
            a.to_string(),
            b.to_string(),
            c.to_string(),
        ]
    })
    .collect();
    d.push(Block::Table(Table { columns, rows }));
    d.push(Block::Heading {
        level: 1,
        text: "检查意见".into(),
    });
    d.push(Block::Paragraph("活动阵地基本达到“六有”标准，党旗尺寸不合规定，书柜尚未配齐，限期整改。陈堃、胡䶮同志负责。".into()));
    d.push(Block::Signatures(vec!["检查人（签字）：".into()]));
    d
}

/// A PGM (P5) image: width, height, grey bytes.
fn read_pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "not a PGM");
    let (w, h) = (fields[1].parse().expect("w"), fields[2].parse().expect("h"));
    (w, h, bytes[i + 1..].to_vec())
}

fn rasterize(pdf: &Path, out_prefix: &Path) -> Vec<u8> {
    let status = zhibu_host_tools::status(
        Command::new("pdftoppm")
            .args(["-r", "40", "-gray", "-singlefile", "-f", "1", "-l", "1"])
            .arg(pdf)
            .arg(out_prefix),
    )
    .expect("pdftoppm (poppler-utils) is part of the set-up");
    assert!(status.success());
    std::fs::read(out_prefix.with_extension("pgm")).expect("pgm")
}

#[test]
fn the_golden_page_still_looks_the_same() {
    let mut fonts = pinned_fonts();
    let out = render_pdf(&document(), &mut fonts, &DocInfo::titled("golden")).expect("rendered");
    assert!(out.missing.is_empty(), "{:?}", out.missing);
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = dir.path().join("golden.pdf");
    std::fs::write(&pdf, &out.pdf).expect("write");
    let page = rasterize(&pdf, &dir.path().join("page"));
    let golden_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/venue-page.pgm");
    if std::env::var_os("ZHIBU_UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden_path, &page).expect("update golden");
    }
    let golden =
        std::fs::read(&golden_path).expect("golden image (ZHIBU_UPDATE_GOLDEN=1 creates it)");
    let (w, h, now) = read_pgm(&page);
    let (gw, gh, then) = read_pgm(&golden);
    assert_eq!((w, h), (gw, gh), "page size changed");
    let differing = now
        .iter()
        .zip(&then)
        .filter(|(a, b)| a.abs_diff(**b) > 96)
        .count();
    let share = differing as f64 / (w * h) as f64;
    assert!(
        share < 0.002,
        "{differing} pixels ({:.2} %) differ from the golden page",
        share * 100.0
    );
}
