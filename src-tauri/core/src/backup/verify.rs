//! Verifying a backup: its hash, passphrase, sealed manifest, the database's checks and
//! counts; the database unpacked into the private folder.
use std::io::{Read, Write};
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::*;
use crate::error::{Error, ErrorKind, Result};
use crate::store::SCHEMA_VERSION;

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

/// Checks a backup completely and unpacks its database into the private folder that goes
/// with the data file `scratch_near` (never beside the backup: a USB stick is no place for
/// the plaintext of an encrypted backup).
pub fn verify(path: &Path, passphrase: Option<&str>, scratch_near: &Path) -> Result<Verified> {
    let bytes = std::fs::read(path).map_err(|_| {
        Error::new(
            ErrorKind::NotFound,
            format!("无法读取备份文件 {}", path.display()),
        )
    })?;
    let (manifest, version, start) = read_head(&bytes)?;
    let payload = &bytes[start..];
    // The database is unpacked next to `scratch_near` while the hash runs on the other core
    // (for an encrypted file: while the passphrase is stretched and the contents
    // decrypted). A damaged file is reported as damaged, whatever the passphrase said.
    let scratch = TempFile::private(Some(scratch_near), "verify")?;
    let (intact, unpacked) = std::thread::scope(|scope| {
        let hash = scope.spawn(|| {
            file_hash(&bytes, version, start).as_deref() == Some(manifest.payload_sha256.as_str())
        });
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
        // checked at export, where VACUUM INTO had rebuilt every index; the quick check
        // (linear time, a fifth of the full one on large files) still catches a broken file
        // that some other tool wrapped with a fresh hash.
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
