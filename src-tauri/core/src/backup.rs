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
use crate::store::{Store, SCHEMA_VERSION};

const MAGIC: &str = "ZHIBU-BACKUP/1";
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
    /// SHA-256 of everything after the manifest line, hex.
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

/// A temporary file next to `near` (same disk, so renames are atomic), removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn beside(near: &Path, tag: &str) -> TempFile {
        let dir = near
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        TempFile(dir.join(format!(".zhibu-{tag}-{}-{nanos}.tmp", std::process::id())))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

/// A backup just written, as the window reports it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Exported {
    pub path: String,
    pub manifest: Manifest,
}

/// An automatic backup as listed in the window.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AutoBackupInfo {
    pub path: String,
    pub taken: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// None when the file is damaged.
    pub manifest: Option<Manifest>,
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

/// The automatic backups in `dir` with their manifests, newest first.
pub fn auto_backup_list(dir: &Path) -> Vec<AutoBackupInfo> {
    auto_backups(dir)
        .into_iter()
        .map(|b| AutoBackupInfo {
            path: b.path.display().to_string(),
            taken: b.taken.format("%Y-%m-%d %H:%M").to_string(),
            bytes: std::fs::metadata(&b.path).map(|m| m.len()).unwrap_or(0),
            manifest: read_manifest_file(&b.path).ok(),
        })
        .collect()
}

/// Reads the header and manifest; returns them and where the payload starts.
pub fn read_manifest(bytes: &[u8]) -> Result<(Manifest, usize)> {
    let not_backup = || corrupt("这不是支部工作台的备份文件，或文件已损坏");
    let first = bytes
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(not_backup)?;
    if &bytes[..first] != MAGIC.as_bytes() {
        return Err(not_backup());
    }
    let second = bytes[first + 1..]
        .iter()
        .position(|b| *b == b'\n')
        .map(|i| first + 1 + i)
        .ok_or_else(not_backup)?;
    let manifest: Manifest =
        serde_json::from_slice(&bytes[first + 1..second]).map_err(|_| not_backup())?;
    Ok((manifest, second + 1))
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
        // The passphrase's key stretching (most of a second by design) needs nothing from
        // the data, so it runs on the other core while the snapshot is taken and checked.
        let (encryptor, snapshot) = std::thread::scope(|scope| {
            let encryptor = passphrase.map(|p| scope.spawn(move || encryptor_for(p)));
            let snapshot = self.checked_snapshot(out);
            let encryptor = encryptor.map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::new(ErrorKind::Internal, "加密失败")))
            });
            (encryptor.transpose(), snapshot)
        });
        let (db, counts, schema) = snapshot?;
        let encryptor = encryptor?;
        let mut manifest = Manifest {
            format: 1,
            schema_version: schema,
            app_version: app_version.into(),
            branch: self.branch()?.name,
            created_at: now.format("%Y-%m-%d %H:%M:%S").to_string(),
            counts,
            encrypted: passphrase.is_some(),
            payload_sha256: String::new(),
        };
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
        manifest.payload_sha256 = hex(&Sha256::digest(&payload));
        let mut head = format!("{MAGIC}\n").into_bytes();
        head.extend(
            serde_json::to_vec(&manifest)
                .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?,
        );
        head.push(b'\n');
        crate::fsio::write_file_parts(out, &[&head, &payload])?;
        Ok(manifest)
    }
}

impl Store {
    /// A consistent snapshot of the open file taken while the app keeps running, checked in
    /// full before it is used: its bytes, counts and schema version.
    fn checked_snapshot(&self, out: &Path) -> Result<(Vec<u8>, Counts, i64)> {
        let snap = TempFile::beside(out, "snapshot");
        self.conn
            .execute("VACUUM INTO ?1", [snap.0.to_string_lossy()])?;
        let c = Connection::open_with_flags(&snap.0, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let check: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(corrupt("数据文件自检未通过，备份未生成。请联系技术支持"));
        }
        let schema: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok((std::fs::read(&snap.0)?, counts(&c)?, schema))
    }
}

/// An age encryptor for a passphrase; the scrypt work happens here.
fn encryptor_for(passphrase: &str) -> Result<age::Encryptor> {
    let mut recipient =
        age::scrypt::Recipient::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(SCRYPT_LOG_N);
    age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| Error::new(ErrorKind::Internal, format!("加密失败：{e}")))
}

/// A backup that passed every check, unpacked to a temporary database file.
pub struct Verified {
    pub manifest: Manifest,
    db: TempFile,
}

impl Verified {
    pub fn db_path(&self) -> &Path {
        &self.db.0
    }
}

/// Checks a backup completely and unpacks its database next to `scratch_near`.
pub fn verify(path: &Path, passphrase: Option<&str>, scratch_near: &Path) -> Result<Verified> {
    let bytes = std::fs::read(path).map_err(|_| {
        Error::new(
            ErrorKind::NotFound,
            format!("无法读取备份文件 {}", path.display()),
        )
    })?;
    let (manifest, start) = read_manifest(&bytes)?;
    let payload = &bytes[start..];
    // The database is unpacked next to `scratch_near` while the hash runs on the other core
    // (for an encrypted file: while the passphrase is stretched and the contents
    // decrypted). A damaged file is reported as damaged, whatever the passphrase said.
    let scratch = TempFile::beside(scratch_near, "restore");
    let (intact, unpacked) = std::thread::scope(|scope| {
        let hash = scope.spawn(|| hex(&Sha256::digest(payload)) == manifest.payload_sha256);
        let unpacked = if manifest.encrypted {
            decrypt_into(payload, passphrase, &manifest, &scratch.0)
        } else {
            std::fs::write(&scratch.0, payload).map_err(Error::from)
        };
        (hash.join().unwrap_or(false), unpacked)
    });
    if !intact {
        return Err(corrupt(
            "备份文件已损坏：内容与校验值不符（文件可能不完整或被改动过）",
        ));
    }
    unpacked?;
    {
        let c = Connection::open_with_flags(&scratch.0, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|_| corrupt("备份中的数据文件无法打开"))?;
        // The hash (and, encrypted, the authenticated encryption) proves these are the bytes
        // that passed the full integrity check at export; the quick check (linear time, a
        // fifth of the full one on large files) still catches a broken file that some other
        // tool wrapped with a fresh hash. Restoring runs the full check as well.
        let check: String = c
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|_| corrupt("备份中的数据文件已损坏"))?;
        if check != "ok" {
            return Err(corrupt("备份中的数据文件自检未通过"));
        }
        let schema: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if schema > SCHEMA_VERSION {
            return Err(Error::new(
                ErrorKind::FileTooNew,
                format!("这个备份由更新版本的支部工作台生成（数据格式第{schema}版），请先升级程序"),
            ));
        }
        // A database of some other program has none of our tables.
        let found = counts(&c).map_err(|_| corrupt("备份中的数据不是支部工作台的数据"))?;
        if schema != manifest.schema_version || found != manifest.counts {
            return Err(corrupt("备份中的数据与其说明不符"));
        }
    }
    Ok(Verified {
        manifest,
        db: scratch,
    })
}

/// Decrypts an encrypted payload into the file `out`, after checking its sealed manifest
/// against the readable one. Streams: the contents are never held in memory twice.
fn decrypt_into(
    payload: &[u8],
    passphrase: Option<&str>,
    manifest: &Manifest,
    out: &Path,
) -> Result<()> {
    use std::io::BufRead;
    let damaged = || corrupt("备份文件的加密内容已损坏");
    let p =
        passphrase.ok_or_else(|| Error::field("passphrase", "这个备份已加密，请输入备份密码"))?;
    let decryptor = age::Decryptor::new(payload).map_err(|_| damaged())?;
    let mut identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(p.to_owned()));
    // Our own files use SCRYPT_LOG_N on every machine; a little headroom, but no file may
    // demand gigabytes of memory to be opened.
    identity.set_max_work_factor(SCRYPT_LOG_N + 2);
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| Error::field("passphrase", "备份密码不正确"))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, reader);
    let mut sealed = Vec::new();
    reader
        .read_until(b'\n', &mut sealed)
        .map_err(|_| damaged())?;
    let sealed: Manifest = serde_json::from_slice(sealed.strip_suffix(b"\n").ok_or_else(damaged)?)
        .map_err(|_| damaged())?;
    let plain = Manifest {
        payload_sha256: String::new(),
        ..manifest.clone()
    };
    if sealed != plain {
        return Err(corrupt("备份文件的说明信息被改动过，与加密内容不符"));
    }
    let mut file = std::fs::File::create(out)?;
    // Read errors are damage (a failed authentication tag); write errors are the disk's.
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf).map_err(|_| damaged())?;
        if n == 0 {
            break;
        }
        file.write_all(&buf[..n])?;
    }
    Ok(())
}

/// Replaces the data file at `live` with a verified backup; the previous file, if there was
/// one, is kept beside it as `zhibu-恢复前-<time>.db`, whose path is returned. Older backups
/// are upgraded. Restoring onto a new computer (no data file yet) creates the folder.
pub fn restore(
    live: &Path,
    backup: &Path,
    passphrase: Option<&str>,
    now: NaiveDateTime,
) -> Result<Option<PathBuf>> {
    if let Some(dir) = live.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let verified = verify(backup, passphrase, live)?;
    // Upgrades an older backup's schema in the unpacked copy, never in the live file.
    let copy = Store::open(verified.db_path())?;
    copy.check_integrity()
        .map_err(|_| corrupt("备份中的数据文件自检未通过"))?;
    drop(copy);
    let mut kept = None;
    if live.exists() {
        let stamp = now.format("%Y%m%d-%H%M%S");
        // Two restores within a second keep two files.
        let path = (1..)
            .map(|n| match n {
                1 => live.with_file_name(format!("zhibu-恢复前-{stamp}.db")),
                n => live.with_file_name(format!("zhibu-恢复前-{stamp}-{n}.db")),
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| live.with_file_name("zhibu-恢复前.db"));
        let current = Store::open(live)?;
        current
            .conn
            .execute("VACUUM INTO ?1", [path.to_string_lossy()])?;
        drop(current);
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", live.display()));
        }
        kept = Some(path);
    }
    std::fs::rename(verified.db_path(), live)?;
    Ok(kept)
}

/// An automatic backup found in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoBackup {
    pub path: PathBuf,
    pub taken: NaiveDateTime,
}

const AUTO_PREFIX: &str = "auto-";

/// The automatic backups in `dir`, newest first (names carry their time).
pub fn auto_backups(dir: &Path) -> Vec<AutoBackup> {
    let mut list: Vec<AutoBackup> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let stamp = name
                        .strip_prefix(AUTO_PREFIX)?
                        .strip_suffix(&format!(".{EXTENSION}"))?
                        .to_string();
                    let taken = NaiveDateTime::parse_from_str(&stamp, "%Y%m%d-%H%M%S").ok()?;
                    Some(AutoBackup {
                        path: e.path(),
                        taken,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    list.sort_by_key(|b| std::cmp::Reverse(b.taken));
    list
}

/// Which automatic backups to delete: kept are the newest of each of the last 7 days that
/// have one, then of 4 weeks before those, then of 12 months before those.
pub fn to_thin(backups: &[AutoBackup]) -> Vec<PathBuf> {
    use chrono::Datelike;
    let mut sorted: Vec<&AutoBackup> = backups.iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.taken));
    let (mut days, mut weeks, mut months) = (Vec::new(), Vec::new(), Vec::new());
    let mut delete = Vec::new();
    for b in sorted {
        let d = b.taken.date();
        let week = (d.iso_week().year(), d.iso_week().week());
        let month = (d.year(), d.month());
        if days.len() < 7 && !days.contains(&d) {
            days.push(d);
        } else if days.len() >= 7
            && weeks.len() < 4
            && !weeks.contains(&week)
            && !days
                .iter()
                .any(|x| (x.iso_week().year(), x.iso_week().week()) == week)
        {
            weeks.push(week);
        } else if days.len() >= 7
            && weeks.len() >= 4
            && months.len() < 12
            && !months.contains(&month)
            && !days.iter().any(|x| (x.year(), x.month()) == month)
            && !weeks.contains(&week)
        {
            months.push(month);
        } else {
            delete.push(b.path.clone());
        }
    }
    delete
}

impl Store {
    /// Takes an automatic backup into `dir` when the data changed since the last one and the
    /// last one is not from today (unless `on_exit`), then thins the old ones. Returns the
    /// new backup's path, if one was taken.
    pub fn auto_backup(
        &self,
        dir: &Path,
        now: NaiveDateTime,
        on_exit: bool,
        app_version: &str,
    ) -> Result<Option<PathBuf>> {
        std::fs::create_dir_all(dir)?;
        let existing = auto_backups(dir);
        if let Some(last) = existing.first() {
            if !on_exit && last.taken.date() == now.date() {
                return Ok(None);
            }
        }
        let path = dir.join(format!(
            "{AUTO_PREFIX}{}.{EXTENSION}",
            now.format("%Y%m%d-%H%M%S")
        ));
        let manifest = self.export_backup(&path, None, app_version, now)?;
        // Nothing changed since the last backup: the new one is not needed.
        let unchanged = existing
            .first()
            .and_then(|last| std::fs::read(&last.path).ok())
            .and_then(|b| read_manifest(&b).ok())
            .is_some_and(|(m, _)| m.payload_sha256 == manifest.payload_sha256);
        if unchanged {
            std::fs::remove_file(&path)?;
            return Ok(None);
        }
        for old in to_thin(&auto_backups(dir)) {
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(path))
    }
}
