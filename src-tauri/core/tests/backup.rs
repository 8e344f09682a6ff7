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
    let forged: Vec<u8> = {
        let (mut manifest, start) = read_manifest(&bytes).expect("m");
        manifest.branch = "中共别的支部委员会".into();
        let mut f = b"ZHIBU-BACKUP/1\n".to_vec();
        f.extend(serde_json::to_vec(&manifest).expect("json"));
        f.push(b'\n');
        f.extend(&bytes[start..]);
        f
    };
    std::fs::write(&out, forged).expect("write");
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
    let kept = restore(&live, &out, None, now()).expect("restored");
    let restored = Store::open(&live).expect("open restored");
    assert_eq!(
        restored.all_members().expect("m").len(),
        m.counts.members as usize,
        "the backup's data"
    );
    let previous = Store::open(&kept).expect("kept");
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
