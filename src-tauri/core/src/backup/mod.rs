//! Backups for the secretary and the superior committee: one file holding a consistent
//! snapshot of the data file and a readable manifest (whose branch, when, how much), with the
//! SHA-256 of the payload and, when asked, passphrase encryption (age, scrypt). Verifying
//! checks the hash, the passphrase, that the readable manifest matches the sealed copy inside
//! an encrypted file, the database's integrity, its schema and its counts. Restoring replaces
//! the live file only after all of that, and keeps the previous file beside it.
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, ErrorKind, Result};
use crate::store::Store;

mod auto;
mod restore;
mod verify;

pub use auto::{auto_backup_list, auto_backups, to_thin, AutoBackup, AutoBackupInfo};
pub use restore::{plan_restore, restore, DataSummary, Kept, RestorePlan};
pub use verify::{verify, Verified};

/// The first line of a backup. Version 1 files hash the payload only; version 2 files hash
/// the header lines too (with the hash itself zeroed), so an edited branch name or date in
/// the readable manifest is caught as well.
const MAGIC_V1: &str = "ZHIBU-BACKUP/1";
const MAGIC: &str = "ZHIBU-BACKUP/2";
/// Where the hash sits in the manifest line, and its zeroed stand-in while hashing.
const HASH_KEY: &[u8] = b"\"payload_sha256\":\"";
const ZERO_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// The passphrase's key stretching: scrypt with N = 2^18 (256 MiB, about a second here),
/// the strength age itself aims for. Fixed rather than age's per-machine calibration, which
/// picked 2^19 on the development machine (2.5 s each way) and could pick more on a fast
/// one, making the file slow to open on the committee's older computer.
const SCRYPT_LOG_N: u8 = 18;
/// File name extension of backups.
pub const EXTENSION: &str = "zhibu";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    pub members: u32,
    pub meetings: u32,
    pub attendance: u32,
    pub reports: u32,
    pub venues: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Manifest {
    pub format: u32,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub app_version: String,
    pub branch: String,
    pub created_at: String,
    pub counts: Counts,
    pub encrypted: bool,
    /// SHA-256 of the database inside, hex: equal for two backups of unchanged data (the
    /// file hash differs, since it covers the time the backup was made).
    #[serde(default)]
    pub data_sha256: String,
    /// SHA-256, hex: in format 2 of the whole file with this value zeroed (header, manifest
    /// and payload); in format 1 of everything after the manifest line.
    pub payload_sha256: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn corrupt(msg: &str) -> Error {
    Error::new(ErrorKind::Corrupt, msg)
}

fn counts(conn: &Connection) -> Result<Counts> {
    let n = |sql: &str| -> Result<u32> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    Ok(Counts {
        members: n("SELECT COUNT(*) FROM member")?,
        meetings: n("SELECT COUNT(*) FROM meeting")?,
        attendance: n("SELECT COUNT(*) FROM attendance")?,
        reports: n("SELECT COUNT(*) FROM report")?,
        venues: n("SELECT COUNT(*) FROM venue")?,
    })
}

/// A temporary file of plaintext in the private folder, removed (with any companions) on drop.
struct TempFile(PathBuf);

impl TempFile {
    /// A temporary file in the private folder (see `private::dir`), for plaintext.
    fn private(near: Option<&Path>, tag: &str) -> Result<TempFile> {
        let dir = crate::private::dir(near)?;
        Ok(TempFile(crate::private::file(&dir, tag)))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        crate::fsio::remove_with_companions(&self.0);
    }
}

/// A backup just written, as the window reports it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Exported {
    pub path: String,
    pub manifest: Manifest,
}

/// The manifest of a backup file, reading only its head (backups can be large).
pub fn read_manifest_file(path: &Path) -> Result<Manifest> {
    let unreadable = || {
        Error::new(
            ErrorKind::NotFound,
            format!("无法读取备份文件 {}", path.display()),
        )
    };
    let mut head = Vec::new();
    std::fs::File::open(path)
        .map_err(|_| unreadable())?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(|_| unreadable())?;
    Ok(read_manifest(&head)?.0)
}

/// Reads the header and manifest; returns them and where the payload starts.
pub fn read_manifest(bytes: &[u8]) -> Result<(Manifest, usize)> {
    let (manifest, _, start) = read_head(bytes)?;
    Ok((manifest, start))
}

/// The manifest, the format's version (1 or 2) and where the payload starts.
fn read_head(bytes: &[u8]) -> Result<(Manifest, u32, usize)> {
    let not_backup = || corrupt("这不是支部工作台的备份文件，或文件已损坏");
    let first = bytes
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(not_backup)?;
    let version = match &bytes[..first] {
        m if m == MAGIC.as_bytes() => 2,
        m if m == MAGIC_V1.as_bytes() => 1,
        _ => return Err(not_backup()),
    };
    let second = bytes[first + 1..]
        .iter()
        .position(|b| *b == b'\n')
        .map(|i| first + 1 + i)
        .ok_or_else(not_backup)?;
    let manifest: Manifest =
        serde_json::from_slice(&bytes[first + 1..second]).map_err(|_| not_backup())?;
    Ok((manifest, version, second + 1))
}

/// The SHA-256 a backup carries, computed over its bytes: format 2 covers the header lines
/// (the hash's own 64 digits zeroed) and the payload, format 1 the payload only.
fn file_hash(bytes: &[u8], version: u32, payload_start: usize) -> Option<String> {
    if version == 1 {
        return Some(hex(&Sha256::digest(&bytes[payload_start..])));
    }
    let head = &bytes[..payload_start];
    let at = head.windows(HASH_KEY.len()).position(|w| w == HASH_KEY)? + HASH_KEY.len();
    let end = at + ZERO_HASH.len();
    if end > head.len() {
        return None;
    }
    let mut hasher = Sha256::new();
    hasher.update(&head[..at]);
    hasher.update(ZERO_HASH.as_bytes());
    hasher.update(&head[end..]);
    hasher.update(&bytes[payload_start..]);
    Some(hex(&hasher.finalize()))
}

/// The header lines of a format-2 backup for `manifest` (whose hash is set or zeroed).
fn head_bytes(manifest: &Manifest) -> Result<Vec<u8>> {
    let mut head = format!("{MAGIC}\n").into_bytes();
    head.extend(
        serde_json::to_vec(manifest).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?,
    );
    head.push(b'\n');
    Ok(head)
}

impl Store {
    /// Writes a backup of the open data file to `out` (through a temporary file and a rename).
    pub fn export_backup(
        &self,
        out: &Path,
        passphrase: Option<&str>,
        app_version: &str,
        now: NaiveDateTime,
    ) -> Result<Manifest> {
        if passphrase.is_some_and(|p| p.chars().count() < 8) {
            return Err(Error::field("passphrase", "备份密码至少8个字符"));
        }
        self.check_output(out)?;
        self.export_unchecked(out, passphrase, app_version, now)
    }

    /// `export_backup` without the output check: for the automatic backups, which are the
    /// one writer allowed into their folder.
    fn export_unchecked(
        &self,
        out: &Path,
        passphrase: Option<&str>,
        app_version: &str,
        now: NaiveDateTime,
    ) -> Result<Manifest> {
        let dir = out.parent().filter(|d| !d.as_os_str().is_empty());
        if dir.is_some_and(|d| !d.is_dir()) {
            return Err(Error::new(
                ErrorKind::Io,
                format!(
                    "备份未生成：文件夹 {} 不存在",
                    out.parent().unwrap_or(out).display()
                ),
            ));
        }
        self.write_backup(out, passphrase, app_version, now)
            .map_err(|e| match e.kind {
                ErrorKind::Io => Error::new(ErrorKind::Io, format!("备份未生成：{}", e.message)),
                _ => e,
            })
    }

    fn write_backup(
        &self,
        out: &Path,
        passphrase: Option<&str>,
        app_version: &str,
        now: NaiveDateTime,
    ) -> Result<Manifest> {
        let branch = self.branch()?.name;
        // In the private folder, not beside the output: an encrypted backup on a USB stick
        // must not have a plaintext copy next to it, not even for a moment.
        let snap = TempFile::private(self.path(), "snapshot")?;
        // The passphrase's key stretching (most of a second by design) needs nothing from
        // the data, so it runs on the other core while the snapshot is taken.
        let (encryptor, taken) = std::thread::scope(|scope| {
            let encryptor = passphrase.map(|p| scope.spawn(move || encryptor_for(p)));
            let taken = self
                .conn
                .execute("VACUUM INTO ?1", [snap.0.to_string_lossy()]);
            let encryptor = encryptor.map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::new(ErrorKind::Internal, "加密失败")))
            });
            (encryptor.transpose(), taken)
        });
        taken?;
        let encryptor = encryptor?;
        // The snapshot's check runs on the other core while its bytes are hashed, sealed and
        // written under a temporary name; the file appears under its name only if it passed.
        let (checked, written) = std::thread::scope(|scope| {
            let checked = scope.spawn(|| check_snapshot(&snap.0));
            let written = (|| {
                let c = Connection::open_with_flags(&snap.0, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                let schema: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                let counts = counts(&c)?;
                drop(c);
                let db = std::fs::read(&snap.0)?;
                let manifest = Manifest {
                    format: 2,
                    schema_version: schema,
                    app_version: app_version.into(),
                    branch,
                    created_at: now.format("%Y-%m-%d %H:%M:%S").to_string(),
                    counts,
                    encrypted: passphrase.is_some(),
                    data_sha256: hex(&Sha256::digest(&db)),
                    payload_sha256: String::new(),
                };
                seal_and_write(out, manifest, db, encryptor)
            })();
            let checked = checked
                .join()
                .unwrap_or_else(|_| Err(Error::new(ErrorKind::Internal, "数据文件自检未完成")));
            (checked, written)
        });
        let (manifest, pending) = written?;
        checked?;
        pending.publish()?;
        Ok(manifest)
    }
}

/// The check of a fresh snapshot. VACUUM INTO rebuilt every index from its table, so the part
/// of SQLite's full integrity check that quick_check leaves out (index contents against their
/// tables) cannot fail here; quick_check covers the rest — pages, b-trees, free list — in a
/// fraction of the time.
fn check_snapshot(path: &Path) -> Result<()> {
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(corrupt("数据文件自检未通过，备份未生成。请联系技术支持"));
    }
    Ok(())
}

/// Encrypts the database when asked (with a sealed copy of the manifest inside), sets the
/// file's hash over the header lines and the payload, and writes it all under a temporary name.
fn seal_and_write(
    out: &Path,
    mut manifest: Manifest,
    db: Vec<u8>,
    encryptor: Option<age::Encryptor>,
) -> Result<(Manifest, crate::fsio::Pending)> {
    let payload = match encryptor {
        None => db,
        Some(encryptor) => {
            // The sealed copy of the manifest inside proves the readable one unchanged.
            let mut sealed_manifest = serde_json::to_vec(&manifest)
                .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
            sealed_manifest.push(b'\n');
            // Room for the age header and 16 bytes of tag per 64 KiB chunk: no regrowing.
            let mut sealed = Vec::with_capacity(db.len() + db.len() / 4096 + 4096);
            let mut w = encryptor
                .wrap_output(&mut sealed)
                .map_err(|e| Error::new(ErrorKind::Internal, format!("加密失败：{e}")))?;
            w.write_all(&sealed_manifest)?;
            w.write_all(&db)?;
            w.finish()?;
            sealed
        }
    };
    // The hash covers the readable manifest too: its own digits are zeroed while hashing.
    manifest.payload_sha256 = ZERO_HASH.into();
    let mut hasher = Sha256::new();
    hasher.update(head_bytes(&manifest)?);
    hasher.update(&payload);
    manifest.payload_sha256 = hex(&hasher.finalize());
    let head = head_bytes(&manifest)?;
    let pending = crate::fsio::Pending::write(out, &[&head, &payload])?;
    Ok((manifest, pending))
}

/// An age encryptor for a passphrase; the scrypt work happens here.
fn encryptor_for(passphrase: &str) -> Result<age::Encryptor> {
    let mut recipient =
        age::scrypt::Recipient::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(SCRYPT_LOG_N);
    age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| Error::new(ErrorKind::Internal, format!("加密失败：{e}")))
}
