//! Backups: complete, verifiable, encrypted on request, tamper-evident, restorable without
//! losing the data they replace.
mod common;

use chrono::NaiveDateTime;
use common::{full_member, today};
use zhibu_core::backup::{read_manifest, restore, verify};
use zhibu_core::{demo, ErrorKind, Store};

fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 30, 0).expect("time")
}

fn demo_store(dir: &std::path::Path) -> (Store, std::path::PathBuf) {
    let path = dir.join("zhibu.db");
    let mut s = Store::open(&path).expect("open");
    demo::fill(&mut s, today()).expect("demo");
    (s, path)
}

#[test]
fn a_plain_backup_verifies_with_its_counts() {
    let dir = tempfile::tempdir().expect("tmp");
    let (s, _) = demo_store(dir.path());
    let out = dir.path().join("支部备份.zhibu");
    let m = s
        .export_backup(&out, None, "0.1.0", now())
        .expect("exported");
    assert_eq!(m.branch, "中共北京阳光社会工作服务中心支部委员会");
    assert_eq!(
        m.counts.members as usize,
        s.all_members().expect("members").len()
    );
    assert!(m.counts.meetings > 20 && m.counts.attendance > 300);
    let v = verify(&out, None, dir.path()).expect("verified");
    assert_eq!(v.manifest, m);
    // The unpacked copy reads like the original.
    let copy = Store::open(v.db_path()).expect("copy");
    assert_eq!(
        copy.all_members().expect("m").len(),
        m.counts.members as usize
    );
}

#[test]
fn a_damaged_backup_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let (s, _) = demo_store(dir.path());
    let out = dir.path().join("b.zhibu");
    s.export_backup(&out, None, "0.1.0", now())
        .expect("exported");
    let mut bytes = std::fs::read(&out).expect("read");
    let last = bytes.len() - 100;
    bytes[last] ^= 0xFF;
    std::fs::write(&out, &bytes).expect("write");
    let e = verify(&out, None, dir.path()).err().expect("refused");
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert!(e.message.contains("校验值不符"), "{}", e.message);
    std::fs::write(&out, b"PK\x03\x04 not a backup").expect("write");
    assert!(verify(&out, None, dir.path())
        .err()
        .expect("refused")
        .message
        .contains("不是支部工作台的备份文件"));
}

#[test]
fn an_encrypted_backup_needs_its_passphrase_and_detects_a_changed_manifest() {
    let dir = tempfile::tempdir().expect("tmp");
    let (s, _) = demo_store(dir.path());
    let out = dir.path().join("sealed.zhibu");
    assert_eq!(
        s.export_backup(&out, Some("短"), "0.1.0", now())
            .err()
            .expect("too short")
            .fields[0]
            .field,
        "passphrase"
    );
    let m = s
        .export_backup(&out, Some("correct horse battery"), "0.1.0", now())
        .expect("exported");
    let bytes = std::fs::read(&out).expect("read");
    // The manifest stays readable: the committee sees whose file it is.
    assert_eq!(read_manifest(&bytes).expect("manifest").0.branch, m.branch);
    // Personal data is not readable without the passphrase.
    assert!(!String::from_utf8_lossy(&bytes).contains("王建国"));
    assert_eq!(
        verify(&out, None, dir.path())
            .err()
            .expect("needs it")
            .fields[0]
            .message,
        "这个备份已加密，请输入备份密码"
    );
    assert_eq!(
        verify(&out, Some("wrong passphrase"), dir.path())
            .err()
            .expect("wrong")
            .fields[0]
            .message,
        "备份密码不正确"
    );
    verify(&out, Some("correct horse battery"), dir.path()).expect("verified");

    // Someone changes the readable branch name (and fixes nothing else).
    let text = String::from_utf8_lossy(&bytes[..200]).to_string();
    assert!(text.contains("阳光"));
    let (mut manifest, start) = read_manifest(&bytes).expect("m");
    manifest.branch = "中共别的支部委员会".into();
    let edited = {
        let mut f = b"ZHIBU-BACKUP/2\n".to_vec();
        f.extend(serde_json::to_vec(&manifest).expect("json"));
        f.push(b'\n');
        f.extend(&bytes[start..]);
        f
    };
    std::fs::write(&out, edited).expect("write");
    let e = verify(&out, Some("correct horse battery"), dir.path())
        .err()
        .expect("tampered");
    assert!(
        e.message.contains("校验值不符"),
        "the file's hash covers the manifest: {}",
        e.message
    );
    // Even with the file's hash made anew, the sealed copy inside tells.
    std::fs::write(&out, forged(&manifest, &bytes[start..])).expect("write");
    let e = verify(&out, Some("correct horse battery"), dir.path())
        .err()
        .expect("tampered");
    assert!(e.message.contains("说明信息被改动过"), "{}", e.message);
}

#[test]
fn restore_replaces_the_data_and_keeps_the_previous_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let (s, live) = demo_store(dir.path());
    let out = dir.path().join("b.zhibu");
    let m = s
        .export_backup(&out, None, "0.1.0", now())
        .expect("exported");
    drop(s);
    // After the backup, a member is added to the live file.
    let mut s = Store::open(&live).expect("open");
    s.add_member(
        &full_member("新同志", "1990-01-01", 401, "2015-01-01"),
        today(),
    )
    .expect("added");
    drop(s);
    let kept = restore(&live, &out, None, now())
        .expect("restored")
        .expect("a previous file existed");
    let restored = Store::open(&live).expect("open restored");
    assert_eq!(
        restored.all_members().expect("m").len(),
        m.counts.members as usize,
        "the backup's data"
    );
    let previous = Store::open(&kept.path).expect("kept");
    assert_eq!(
        previous.all_members().expect("m").len(),
        m.counts.members as usize + 1,
        "the replaced data is kept"
    );
    // A broken backup never touches the live file.
    std::fs::write(&out, b"garbage").expect("write");
    assert!(restore(&live, &out, None, now()).is_err());
    assert_eq!(
        Store::open(&live)
            .expect("open")
            .all_members()
            .expect("m")
            .len(),
        m.counts.members as usize
    );
}

#[test]
fn automatic_backups_are_thinned_to_days_weeks_and_months() {
    use zhibu_core::backup::{to_thin, AutoBackup};
    let start = today().and_hms_opt(18, 0, 0).expect("t");
    // One backup a day for 400 days, two on the newest day.
    let mut all: Vec<AutoBackup> = (0..400)
        .map(|i| AutoBackup {
            path: format!("b{i}").into(),
            taken: start - chrono::Days::new(i),
        })
        .collect();
    all.push(AutoBackup {
        path: "b-morning".into(),
        taken: start - chrono::Duration::hours(8),
    });
    let gone = to_thin(&all);
    let kept: Vec<&AutoBackup> = all.iter().filter(|b| !gone.contains(&b.path)).collect();
    assert!(
        kept.iter().any(|b| b.path == std::path::Path::new("b0")),
        "the newest is kept"
    );
    assert!(gone.contains(&"b-morning".into()), "one per day");
    for i in 0..7 {
        assert!(
            !gone.contains(&format!("b{i}").into()),
            "the last seven days are kept"
        );
    }
    assert!(
        kept.len() <= 7 + 4 + 12 && kept.len() >= 20,
        "{} kept",
        kept.len()
    );
    let oldest_kept = kept.iter().map(|b| b.taken).min().expect("some");
    assert!(
        start - oldest_kept > chrono::Duration::days(300),
        "monthly ones reach back about a year"
    );
}

#[test]
fn an_automatic_backup_is_taken_once_a_day_and_only_after_a_change() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut s, _) = demo_store(dir.path());
    let backups = dir.path().join("backups");
    let first = s
        .auto_backup(&backups, now(), false, "0.1.0")
        .expect("first")
        .expect("taken");
    assert!(first.exists());
    assert_eq!(
        s.auto_backup(&backups, now() + chrono::Duration::hours(1), false, "0.1.0")
            .expect("again"),
        None,
        "once a day"
    );
    assert_eq!(
        s.auto_backup(&backups, now() + chrono::Duration::hours(2), true, "0.1.0")
            .expect("exit"),
        None,
        "nothing changed"
    );
    s.add_member(
        &full_member("新同志", "1990-01-01", 401, "2015-01-01"),
        today(),
    )
    .expect("change");
    let exit = s
        .auto_backup(&backups, now() + chrono::Duration::hours(3), true, "0.1.0")
        .expect("exit")
        .expect("taken after a change");
    assert!(exit.exists());
    // One a day is kept: the newer backup of the same day replaces the earlier one.
    let left: Vec<_> = zhibu_core::backup::auto_backups(&backups)
        .into_iter()
        .map(|b| b.path)
        .collect();
    assert_eq!(left, [exit]);
}

/// A backup of the current format whose readable manifest was changed and whose hash was
/// computed anew, as a deliberate forger would: the hash covers the header lines with its
/// own digits zeroed, then the payload.
fn forged(manifest: &zhibu_core::backup::Manifest, payload: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    let head = |m: &zhibu_core::backup::Manifest| {
        let mut h = b"ZHIBU-BACKUP/2\n".to_vec();
        h.extend(serde_json::to_vec(m).expect("json"));
        h.push(b'\n');
        h
    };
    let mut m = manifest.clone();
    m.payload_sha256 = "0".repeat(64);
    let mut hasher = sha2::Sha256::new();
    hasher.update(head(&m));
    hasher.update(payload);
    m.payload_sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut f = head(&m);
    f.extend(payload);
    f
}

/// A file in the first format around any payload, with a correct hash: what a careless or
/// hostile tool could produce.
fn wrapped(manifest: &zhibu_core::backup::Manifest, payload: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    let mut m = manifest.clone();
    m.payload_sha256 = sha2::Sha256::digest(payload)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut f = b"ZHIBU-BACKUP/1\n".to_vec();
    f.extend(serde_json::to_vec(&m).expect("json"));
    f.push(b'\n');
    f.extend(payload);
    f
}

/// Restoring `bad` into the live file is refused with a message containing `expected`, and
/// the live file is byte for byte what it was.
fn refused_and_untouched(live: &std::path::Path, bad: &[u8], pass: Option<&str>, expected: &str) {
    let dir = live.parent().expect("dir");
    let file = dir.join("bad.zhibu");
    std::fs::write(&file, bad).expect("write");
    let before = std::fs::read(live).expect("live");
    let e = restore(live, &file, pass, now()).err().expect("refused");
    let said = format!("{} {:?}", e.message, e.fields);
    assert!(said.contains(expected), "expected “{expected}”, got {said}");
    assert_eq!(
        std::fs::read(live).expect("live"),
        before,
        "live data untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.contains("恢复前"))
        .collect();
    assert!(leftovers.is_empty(), "nothing left behind: {leftovers:?}");
}

#[test]
fn every_kind_of_bad_backup_is_refused_and_the_live_data_stays() {
    let dir = tempfile::tempdir().expect("tmp");
    let (s, live) = demo_store(dir.path());
    let plain = dir.path().join("plain.zhibu");
    let sealed = dir.path().join("sealed.zhibu");
    let m = s
        .export_backup(&plain, None, "0.1.0", now())
        .expect("plain");
    s.export_backup(&sealed, Some("a long passphrase"), "0.1.0", now())
        .expect("sealed");
    drop(s);
    let good = std::fs::read(&plain).expect("read");
    let good_sealed = std::fs::read(&sealed).expect("read");

    // Cut short, as by a full USB stick or an interrupted copy.
    refused_and_untouched(&live, &good[..good.len() / 2], None, "校验值不符");
    refused_and_untouched(&live, &good[..10], None, "不是支部工作台的备份文件");
    refused_and_untouched(&live, &[], None, "不是支部工作台的备份文件");
    // One flipped byte in the middle of the payload, plain and encrypted.
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x01;
    refused_and_untouched(&live, &flipped, None, "校验值不符");
    let mut flipped = good_sealed.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x01;
    refused_and_untouched(&live, &flipped, Some("a long passphrase"), "校验值不符");
    // The readable manifest edited (its counts), hash left alone.
    let text = String::from_utf8_lossy(&good[..400]).into_owned();
    let edited_counts = format!("\"members\":{}", m.counts.members);
    assert!(text.contains(&edited_counts));
    let (head, start) = zhibu_core::backup::read_manifest(&good).expect("m");
    let mut edited = head.clone();
    edited.counts.members += 1;
    let mut plain_edit = b"ZHIBU-BACKUP/2\n".to_vec();
    plain_edit.extend(serde_json::to_vec(&edited).expect("json"));
    plain_edit.push(b'\n');
    plain_edit.extend(&good[start..]);
    refused_and_untouched(&live, &plain_edit, None, "校验值不符");
    // With the hash made anew, the counts inside still tell.
    refused_and_untouched(
        &live,
        &forged(&edited, &good[start..]),
        None,
        "与其说明不符",
    );
    // Wrong passphrase; no passphrase.
    refused_and_untouched(&live, &good_sealed, Some("not it at all"), "备份密码不正确");
    refused_and_untouched(&live, &good_sealed, None, "请输入备份密码");
    // Not a backup: random bytes, and a plain SQLite file of another program.
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    refused_and_untouched(&live, &random, None, "不是支部工作台的备份文件");
    let other_app = dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&other_app).expect("other");
        c.execute_batch("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO note (text) VALUES ('hello');")
            .expect("other");
    }
    let other_bytes = std::fs::read(&other_app).expect("read");
    refused_and_untouched(&live, &other_bytes, None, "不是支部工作台的备份文件");
    // ...and the same file wrapped as if it were a backup's payload.
    refused_and_untouched(
        &live,
        &wrapped(&head, &other_bytes),
        None,
        "不是支部工作台的数据",
    );
    // A backup from a newer version of the program.
    let newer = dir.path().join("newer.db");
    std::fs::copy(live.as_path(), &newer).expect("copy");
    {
        let c = rusqlite::Connection::open(&newer).expect("newer");
        c.pragma_update(None, "journal_mode", "DELETE")
            .expect("journal");
        c.pragma_update(None, "user_version", 99).expect("version");
    }
    let mut head99 = head.clone();
    head99.schema_version = 99;
    let newer_bytes = std::fs::read(&newer).expect("read");
    refused_and_untouched(&live, &wrapped(&head99, &newer_bytes), None, "更新版本");
}

#[test]
fn an_export_to_a_place_that_cannot_take_it_leaves_no_half_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let (s, _) = demo_store(dir.path());
    // A folder that does not exist.
    let e = s
        .export_backup(
            &dir.path().join("no/such/folder/b.zhibu"),
            None,
            "0.1.0",
            now(),
        )
        .err()
        .expect("refused");
    assert_eq!(e.kind, ErrorKind::Io);
    assert!(e.message.contains("备份未生成"), "{}", e.message);
    // A "folder" that is a file.
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").expect("write");
    assert!(s
        .export_backup(&file.join("b.zhibu"), None, "0.1.0", now())
        .is_err());
    // The target is a directory: the write fails at the rename; an earlier good backup of
    // the same name elsewhere is not affected and no temporary file is left.
    let target = dir.path().join("taken.zhibu");
    std::fs::create_dir(&target).expect("dir");
    std::fs::write(target.join("keep"), b"x").expect("write");
    let e = s
        .export_backup(&target, None, "0.1.0", now())
        .err()
        .expect("refused");
    assert!(e.message.contains("备份未生成"), "{}", e.message);
    assert!(target.join("keep").exists());
    let tmp: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(tmp.is_empty(), "no temporary files left");
}
