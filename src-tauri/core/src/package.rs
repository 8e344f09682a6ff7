//! 年度材料包: what the superior committee collects each year, in one .zip that opens on any
//! office computer without this program — the duty report (PDF and Word), the roster (Excel
//! and PDF), development, the dues ledger (Excel and PDF), the year's meeting records with
//! their list, the 六有 form, the year-end 党内统计 (Excel and PDF), the backup of that day,
//! and a 目录 (PDF and text) naming each file, what it holds and its SHA-256. Optionally the
//! whole package is encrypted as a standard AES-256 zip (WinZip AE-2).
use std::io::{Read, Write};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;
use zhibu_typeset::{Align, Block, Document, FontLibrary, Orientation, Table};

use crate::error::{Error, ErrorKind, Result};
use crate::print::PrintRequest;
use crate::store::Store;

/// One file of the package, as the 目录 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PackageFile {
    pub name: String,
    /// What it holds: "4页", "15人", …
    pub about: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub sha256: String,
}

/// A package written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Package {
    pub path: String,
    pub year: i32,
    pub files: Vec<PackageFile>,
    pub encrypted: bool,
    /// What the secretary should know about the file (how to open an encrypted one).
    pub notes: Vec<String>,
}

/// Where the writing of a package is, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PackageProgress {
    pub step: u32,
    pub total: u32,
    /// The part being written: "会议记录".
    pub what: String,
}

/// What opens an encrypted package; Windows' own zip folders cannot.
pub const ENCRYPTED_NOTE: &str = "材料包已加密（AES-256）。Windows 自带的压缩文件夹打不开加密的 zip，请用 7-Zip、WinRAR、Bandizip 或 360压缩 打开，并把密码另行告知上级党组织。";

/// The file name the package is offered under: "中共××支部委员会-2025年度材料.zip".
pub fn package_name(branch: &str, year: i32) -> String {
    let branch: String = branch
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let branch = if branch.trim().is_empty() {
        "党支部".to_string()
    } else {
        branch.trim().to_string()
    };
    format!("{branch}-{year}年度材料.zip")
}

/// How many steps writing a package reports (for a progress bar).
pub const STEPS: usize = 10;

/// A zip being written under a temporary name beside its target; renamed into place by
/// `finish`, removed if dropped before.
struct Pending {
    // Before `target`: the zip and its file close before an unpublished file is removed.
    zip: Option<zip::ZipWriter<std::fs::File>>,
    /// The temporary file beside the chosen name (crate::fsio), renamed into place when done.
    target: crate::fsio::Pending,
    path: std::path::PathBuf,
    passphrase: Option<String>,
    /// Each file's time in the zip: when the package was made (the machine's local time).
    time: zip::DateTime,
}

impl Pending {
    fn create(path: &Path, passphrase: Option<&str>, now: NaiveDateTime) -> Result<Pending> {
        use chrono::{Datelike, Timelike};
        let (target, file) = crate::fsio::Pending::create(path)?;
        Ok(Pending {
            zip: Some(zip::ZipWriter::new(file)),
            target,
            path: path.to_path_buf(),
            passphrase: passphrase.map(str::to_string),
            time: zip::DateTime::from_date_and_time(
                u16::try_from(now.year()).unwrap_or(1980),
                now.month() as u8,
                now.day() as u8,
                now.hour() as u8,
                now.minute() as u8,
                // Zip times count seconds in twos.
                (now.second() as u8).min(58),
            )
            .unwrap_or_default(),
        })
    }

    /// Starts a file in the zip: deflated, and AES-256 encrypted when there is a passphrase.
    /// Made "on Unix" whichever system writes it: zip marks entries written on Windows as made
    /// by MS-DOS, and Info-ZIP's unzip (the one of UOS, Kylin and Debian, so of many a
    /// committee's computer) then reads their UTF-8 names in the DOS code page, whatever their
    /// UTF-8 flag says — a package made on Windows unpacked there as 01-2025զ�զ….pdf. The
    /// entries' permissions are Unix ones on both, so either system writes the same package.
    fn start(&mut self, name: &str) -> Result<&mut zip::ZipWriter<std::fs::File>> {
        let options = zip::write::FileOptions::<()>::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .system(zip::System::Unix)
            .last_modified_time(self.time);
        let options = match &self.passphrase {
            Some(p) => options.with_aes_encryption(zip::AesMode::Aes256, p),
            None => options,
        };
        let zip = self
            .zip
            .as_mut()
            .ok_or_else(|| Error::new(ErrorKind::Io, "材料包已写完"))?;
        zip.start_file(name, options)
            .map_err(|e| zip_error(e, &self.path))?;
        Ok(zip)
    }

    /// Adds a file; returns its size and SHA-256.
    fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(u64, String)> {
        let path = self.path.clone();
        self.start(name)?
            .write_all(bytes)
            .map_err(|e| Error::from(e).about(&path))?;
        Ok((bytes.len() as u64, hex(&Sha256::digest(bytes))))
    }

    /// Adds a file read from disk as it is copied in.
    fn add_file(&mut self, name: &str, from: &Path) -> Result<(u64, String)> {
        let path = self.path.clone();
        let mut src = std::fs::File::open(from).map_err(|e| Error::from(e).about(from))?;
        let zip = self.start(name)?;
        let mut hash = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut total = 0u64;
        loop {
            let n = src.read(&mut buf).map_err(|e| Error::from(e).about(from))?;
            if n == 0 {
                break;
            }
            hash.update(&buf[..n]);
            zip.write_all(&buf[..n])
                .map_err(|e| Error::from(e).about(&path))?;
            total += n as u64;
        }
        Ok((total, hex(&hash.finalize())))
    }

    fn finish(mut self) -> Result<()> {
        let zip = self
            .zip
            .take()
            .ok_or_else(|| Error::new(ErrorKind::Io, "材料包已写完"))?;
        let file = zip.finish().map_err(|e| zip_error(e, &self.path))?;
        // On disk before the rename, so a crash never leaves a complete name on empty bytes.
        file.sync_all()
            .map_err(|e| Error::from(e).about(&self.path))?;
        drop(file);
        self.target.publish()
    }
}

fn zip_error(e: zip::result::ZipError, path: &Path) -> Error {
    match e {
        zip::result::ZipError::Io(io) => Error::from(io).about(path),
        other => Error::new(ErrorKind::Io, format!("写入材料包时出错：{other}")),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// "1.2 MB", "35 KB": a size as a secretary reads it.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{} KB", bytes.div_ceil(1024).max(1))
    }
}

impl Store {
    /// Writes the year's package to `out`. `progress(step, STEPS, what)` is called before each
    /// part. With a passphrase (at least 8 characters) every file is AES-256 encrypted.
    #[allow(clippy::too_many_arguments)]
    pub fn write_package(
        &self,
        fonts: &mut FontLibrary,
        year: i32,
        today: NaiveDate,
        now: NaiveDateTime,
        app_version: &str,
        out: &Path,
        passphrase: Option<&str>,
        progress: &mut dyn FnMut(usize, usize, &str),
    ) -> Result<Package> {
        if passphrase.is_some_and(|p| p.chars().count() < 8) {
            return Err(Error::field("passphrase", "材料包密码至少8个字符"));
        }
        self.check_output(out)?;
        let branch = self.branch()?;
        let mut zip = Pending::create(out, passphrase, now)?;
        let mut files: Vec<PackageFile> = Vec::new();
        let mut step = 0;
        let mut tell = |what: &str| {
            step += 1;
            progress(step, STEPS, what);
        };
        let mut put =
            |zip: &mut Pending, name: String, about: String, bytes: &[u8]| -> Result<()> {
                let (bytes, sha256) = zip.add(&name, bytes)?;
                files.push(PackageFile {
                    name,
                    about,
                    bytes,
                    sha256,
                });
                Ok(())
            };
        let pdf = |fonts: &mut FontLibrary, req: &PrintRequest| -> Result<(Vec<u8>, usize)> {
            let (doc, title) = self.print_document(req, today)?;
            let info = crate::print::doc_info_of(self, &title, req.subject())?;
            let r = crate::print::render(&doc, fonts, &info)?;
            Ok((r.pdf, r.pages))
        };
        let pages = |n: usize| format!("{n}页");

        tell("述职报告");
        // Drafted once, written twice: the figures of a large branch take most of its time.
        let report = PrintRequest::Report { year };
        let (doc, title) = self.print_document(&report, today)?;
        let info = crate::print::doc_info_of(self, &title, report.subject())?;
        let r = crate::print::render(&doc, fonts, &info)?;
        put(
            &mut zip,
            format!("01-{year}年度述职报告.pdf"),
            pages(r.pages),
            &r.pdf,
        )?;
        let word = zhibu_typeset::render_docx(&doc, &info)?;
        put(
            &mut zip,
            format!("01-{year}年度述职报告.docx"),
            "Word文件，可修改".into(),
            &word,
        )?;

        tell("党员花名册");
        let on_roster = self
            .all_members()?
            .iter()
            .filter(|m| m.status == crate::member::MemberStatus::Active)
            .count();
        put(
            &mut zip,
            "02-党员花名册.xlsx".into(),
            format!("共{on_roster}人"),
            &self.roster_xlsx()?,
        )?;
        let (bytes, n) = pdf(fonts, &PrintRequest::Roster)?;
        put(&mut zip, "02-党员花名册.pdf".into(), pages(n), &bytes)?;

        tell("发展党员情况");
        let (bytes, n) = pdf(fonts, &PrintRequest::Development { year })?;
        put(
            &mut zip,
            format!("03-{year}年度发展党员工作情况.pdf"),
            pages(n),
            &bytes,
        )?;

        tell("党费收缴");
        put(
            &mut zip,
            format!("04-{year}年度党费收缴登记表.xlsx"),
            "Excel".into(),
            &self.dues_xlsx(year, today)?,
        )?;
        let (bytes, n) = pdf(fonts, &PrintRequest::Dues { year })?;
        put(
            &mut zip,
            format!("04-{year}年度党费收缴登记表.pdf"),
            pages(n),
            &bytes,
        )?;

        tell("会议记录");
        let meetings = self.meetings(year)?;
        let mut doc = self.meetings_document(year)?;
        for m in &meetings {
            doc.push(Block::PageBreak);
            doc.blocks.extend(self.meeting_document(m.id)?.blocks);
        }
        let title = format!("{year}年度组织生活记录");
        let info = crate::print::doc_info_of(self, &title, "组织生活记录")?;
        let r = crate::print::render(&doc, fonts, &info)?;
        put(
            &mut zip,
            format!("05-{year}年度组织生活记录.pdf"),
            format!("一览表及{}次记录，{}页", meetings.len(), r.pages),
            &r.pdf,
        )?;

        tell("组织生活会和民主评议");
        let (bytes, n) = pdf(fonts, &PrintRequest::LifeMeetingReport { year })?;
        put(
            &mut zip,
            format!("06-{year}年度组织生活会情况报告.pdf"),
            pages(n),
            &bytes,
        )?;
        let (bytes, n) = pdf(fonts, &PrintRequest::MemberReviewReport { year })?;
        put(
            &mut zip,
            format!("07-{year}年度民主评议党员情况.pdf"),
            pages(n),
            &bytes,
        )?;

        tell("六有阵地检查表");
        let (bytes, n) = pdf(fonts, &PrintRequest::Venue { venue_id: None })?;
        put(&mut zip, "08-六有阵地检查表.pdf".into(), pages(n), &bytes)?;

        tell("党内统计");
        let stats = self.statistics(year, today)?;
        put(
            &mut zip,
            format!("09-{year}年度党内统计表.xlsx"),
            format!("党员总数{}名", stats.members),
            &self.statistics_xlsx(year, today)?,
        )?;
        let (bytes, n) = pdf(fonts, &PrintRequest::Statistics { year })?;
        put(
            &mut zip,
            format!("09-{year}年度党内统计表.pdf"),
            pages(n),
            &bytes,
        )?;

        tell("数据备份");
        // The backup goes through the private folder: a plaintext database is never left
        // beside the package.
        let dir = crate::private::dir(self.path())?;
        let tmp = crate::private::file(&dir, "package-backup");
        let manifest = self.export_backup(&tmp, None, app_version, now);
        let added = manifest.and_then(|m| {
            let name = format!("10-数据备份-{}.zhibu", today.format("%Y%m%d"));
            let (bytes, sha256) = zip.add_file(&name, &tmp)?;
            files.push(PackageFile {
                name,
                about: format!(
                    "全部记录：{}人、{}次组织生活（本程序“数据备份”可恢复）",
                    m.counts.members, m.counts.meetings
                ),
                bytes,
                sha256,
            });
            Ok(())
        });
        crate::fsio::remove_with_companions(&tmp);
        added?;

        tell("目录");
        let head = [
            format!("党组织：{}", branch.name),
            format!("年度：{year}年"),
            format!("生成时间：{}", now.format("%Y-%m-%d %H:%M")),
            format!("生成程序：党支部工作台 {app_version}"),
        ];
        let mut text = String::from("\u{feff}");
        text.push_str(&format!("{}{year}年度材料目录\r\n\r\n", branch.name));
        for h in &head {
            text.push_str(h);
            text.push_str("\r\n");
        }
        text.push_str("\r\n序号\t文件\t内容\t大小\tSHA-256\r\n");
        for (i, f) in files.iter().enumerate() {
            text.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\r\n",
                i + 1,
                f.name,
                f.about,
                size(f.bytes),
                f.sha256
            ));
        }
        text.push_str("\r\nSHA-256 可用以核对文件在传送中未被改动（Windows：certutil -hashfile 文件名 SHA256）。\r\n");
        let mut toc = Document::new(Orientation::Landscape);
        toc.push(Block::Title(format!("{year}年度材料目录")));
        for h in &head {
            toc.push(Block::Line {
                text: h.clone(),
                align: Align::Left,
            });
        }
        toc.push(Block::Table(Table {
            columns: vec![
                crate::print::col("序号", 0.6, Align::Center),
                crate::print::col("文件", 3.2, Align::Left),
                crate::print::col("内容", 2.6, Align::Left),
                crate::print::col("大小", 0.9, Align::Right),
                crate::print::col("SHA-256", 4.6, Align::Left),
            ],
            rows: files
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    vec![
                        (i + 1).to_string(),
                        f.name.clone(),
                        f.about.clone(),
                        size(f.bytes),
                        f.sha256.clone(),
                    ]
                })
                .collect(),
        }));
        let info = crate::print::doc_info_of(self, &format!("{year}年度材料目录"), "材料目录")?;
        let toc_pdf = crate::print::render(&toc, fonts, &info)?;
        zip.add("00-目录.pdf", &toc_pdf.pdf)?;
        zip.add("00-目录.txt", text.as_bytes())?;
        zip.finish()?;
        let mut notes = Vec::new();
        if passphrase.is_some() {
            notes.push(ENCRYPTED_NOTE.to_string());
        }
        Ok(Package {
            path: out.display().to_string(),
            year,
            files,
            encrypted: passphrase.is_some(),
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_is_the_branchs_and_safe_on_windows() {
        assert_eq!(
            package_name("中共测试协会支部委员会", 2025),
            "中共测试协会支部委员会-2025年度材料.zip"
        );
        assert_eq!(package_name("A/B:C*", 2025), "ABC-2025年度材料.zip");
        assert_eq!(package_name("  ", 2025), "党支部-2025年度材料.zip");
    }

    /// Every entry says it was made on Unix, on Windows too (where zip's default is MS-DOS:
    /// this test runs there under Wine, tests/windows/suites.sh), with its name, its content
    /// and its password protection kept.
    #[test]
    fn entries_are_made_on_unix_whichever_system_writes_them() {
        let names = ["00-目录.txt", "01-2025年度述职报告.pdf", "plain.txt"];
        let dir = tempfile::tempdir().expect("tmp");
        let now = NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("time");
        for passphrase in [None, Some("上级党委收-2025")] {
            let path = dir.path().join("材料包.zip");
            let mut zip = Pending::create(&path, passphrase, now).expect("create");
            for name in names {
                zip.add(name, name.as_bytes()).expect("add");
            }
            zip.finish().expect("finish");

            let bytes = std::fs::read(&path).expect("read");
            // Each central directory entry: "version made by" is the spec's version, then the
            // host system (0 MS-DOS, 3 Unix).
            let hosts: Vec<u8> = (0..bytes.len() - 4)
                .filter(|&i| bytes[i..i + 4] == *b"PK\x01\x02")
                .map(|i| bytes[i + 5])
                .collect();
            assert_eq!(hosts, vec![3; names.len()]);
            let mut read = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("reads");
            for name in names {
                let mut entry = match passphrase {
                    Some(p) => read.by_name_decrypt(name, p.as_bytes()),
                    None => read.by_name(name),
                }
                .expect("entry");
                let mut text = String::new();
                entry.read_to_string(&mut text).expect("content");
                assert_eq!(text, name);
            }
        }
    }

    #[test]
    fn sizes_read_as_a_secretary_reads_them() {
        assert_eq!(size(100), "1 KB");
        assert_eq!(size(35 * 1024), "35 KB");
        assert_eq!(size(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
