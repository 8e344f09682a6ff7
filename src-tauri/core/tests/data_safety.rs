//! The secretary's one file is never destroyed, leaked or silently changed: restores onto
//! damaged files, outputs aimed at the data file, plaintext left behind, edited backups,
//! demo data over real data, looking that writes, files made by mistake, absurd dates, and a
//! second writer. (Separate processes are in the CLI's tests.)
mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use common::{full_member, today};
use zhibu_core::backup::{plan_restore, restore, verify};
use zhibu_core::branch::BranchInput;
use zhibu_core::meeting::{MeetingInput, MeetingKind};
use zhibu_core::{demo, private, ErrorKind, Store};

fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 30, 0).expect("time")
}

fn demo_store(dir: &Path) -> (Store, PathBuf) {
    let path = dir.join("zhibu.db");
    let mut s = Store::open(&path).expect("open");
    demo::fill(&mut s, today()).expect("demo");
    (s, path)
}

/// A real (not demo) branch with one member, and a backup of it.
fn real_branch_with_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let live = dir.join("zhibu.db");
    let mut s = Store::create(
        &live,
        &BranchInput {
            name: "中共某协会支部委员会".into(),
            ..Default::default()
        },
        today(),
    )
    .expect("created");
    s.add_member(
        &full_member("张明", "1980-01-01", 11, "2005-07-01"),
        today(),
    )
    .expect("member");
    let backup = dir.join("备份.zhibu");
    s.export_backup(&backup, None, "0.1.0", now())
        .expect("backup");
    (live, backup)
}

/// A second member, added after the backup was made: what a restore takes away.
fn add_member_after_the_backup(live: &Path) {
    let mut s = Store::open_existing(live).expect("open");
    s.add_member(
        &full_member("李红", "1985-03-01", 12, "2010-07-01"),
        today(),
    )
    .expect("member");
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_damaged_data_file_is_moved_aside_intact_and_the_restore_proceeds() {
    let dir = tempfile::tempdir().expect("tmp");
    let (live, backup) = real_branch_with_backup(dir.path());
    let good = std::fs::read(&live).expect("live");
    let garbled: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(40503) >> 7) as u8)
        .collect();
    for (what, damaged) in [
        ("cut short", good[..good.len() / 3].to_vec()),
        ("garbled", garbled),
        (
            "not a database",
            "这不是数据库，是一段文字".as_bytes().to_vec(),
        ),
        ("empty", Vec::new()),
        ("garbage deep inside", {
            let mut d = good.clone();
            let mid = d.len() / 2;
            d[mid..mid + 4096].fill(0xA5);
            d
        }),
    ] {
        for f in names_in(dir.path()) {
            if f.starts_with("zhibu") {
                std::fs::remove_file(dir.path().join(f)).expect("clean");
            }
        }
        std::fs::write(&live, &damaged).expect("damage");
        let plan = plan_restore(&live, &backup, None).expect("planned");
        // Damage deep inside shows only when the file is read in full, during the restore.
        assert!(
            plan.current_damaged.is_some() || what == "garbage deep inside",
            "{what}: the plan says the file is damaged"
        );
        let kept = restore(&live, &backup, None, now())
            .unwrap_or_else(|e| panic!("{what}: restored despite damage: {}", e.message))
            .expect("the damaged file was kept");
        assert!(kept.damaged, "{what}");
        assert_eq!(
            std::fs::read(&kept.path).expect("kept"),
            damaged,
            "{what}: moved aside byte for byte, never truncated"
        );
        let restored = Store::open_existing(&live).expect("restored");
        restored.check_integrity().expect("whole");
        assert_eq!(restored.all_members().expect("m").len(), 1, "{what}");
        assert!(
            !names_in(dir.path()).iter().any(|n| n.contains("恢复前")),
            "{what}: no copy of unreadable data pretends to be the kept data"
        );
    }
}

#[test]
fn outputs_onto_the_data_file_or_the_automatic_backups_are_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let (s, live) = demo_store(dir.path());
    drop(s); // closed cleanly: the file alone holds the data
    let before = std::fs::read(&live).expect("live");
    let s = Store::open_read_only(&live).expect("open");
    let odd_spelling = dir.path().join(".").join("zhibu.db");
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut targets = vec![
        live.clone(),
        odd_spelling,
        PathBuf::from(format!("{}-wal", live.display())),
        PathBuf::from(format!("{}-shm", live.display())),
        dir.path()
            .join("backups")
            .join("auto-20260101-000000.zhibu"),
    ];
    // Through a symbolic link (Linux; on Windows making one needs administrator rights).
    #[cfg(unix)]
    {
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&live, &link).expect("link");
        targets.push(link);
    }
    std::fs::create_dir_all(dir.path().join("backups")).expect("dir");
    for out in &targets {
        let e = s
            .export_backup(out, None, "0.1.0", now())
            .err()
            .unwrap_or_else(|| panic!("backup onto {} refused", out.display()));
        assert!(e.message.contains("不能保存到"), "{}", e.message);
        let e = s.write_output(out, b"%PDF").err().expect("refused");
        assert!(e.message.contains("请换"), "{}", e.message);
        let mut fonts =
            zhibu_typeset::FontLibrary::discover(&zhibu_typeset::fonts::default_font_dirs(&[]));
        for format in [
            zhibu_core::print::FileFormat::Pdf,
            zhibu_core::print::FileFormat::Docx,
        ] {
            let e = zhibu_core::print::save(
                &s,
                &zhibu_core::print::PrintRequest::Roster,
                &mut fonts,
                today(),
                out,
                format,
            )
            .err()
            .expect("print refused");
            assert!(e.message.contains("不能保存到"), "{}", e.message);
        }
    }
    drop(s);
    assert!(
        std::fs::read(&live).expect("live") == before,
        "data untouched"
    );
    Store::open_existing(&live)
        .expect("opens")
        .check_integrity()
        .expect("whole");
}

#[test]
fn an_encrypted_export_leaves_no_plaintext_beside_it_and_the_private_folder_is_private() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let stick = dir.path().join("U盘");
    std::fs::create_dir_all(&data).expect("dir");
    std::fs::create_dir_all(&stick).expect("dir");
    let (s, live) = demo_store(&data);
    let out = stick.join("交上级.zhibu");
    s.export_backup(&out, Some("a long passphrase"), "0.1.0", now())
        .expect("exported");
    assert_eq!(
        names_in(&stick),
        ["交上级.zhibu"],
        "only the encrypted file on the stick"
    );
    let bytes = std::fs::read(&out).expect("read");
    assert!(
        !bytes.windows(15).any(|w| w == b"SQLite format 3"),
        "no database in the clear inside"
    );
    verify(&out, Some("a long passphrase"), &live).expect("verifies");
    let private = private::dir(Some(&live)).expect("private");
    assert!(
        private.starts_with(&data),
        "beside the data, not on the stick"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&private)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "only the secretary may read it");
    }
    assert!(
        names_in(&private).is_empty(),
        "verifying cleaned up after itself"
    );
}

#[test]
fn leftovers_of_killed_programs_are_removed_and_a_running_programs_are_not() {
    let dir = tempfile::tempdir().expect("tmp");
    let private = private::dir(Some(&dir.path().join("zhibu.db"))).expect("private");
    // A process id that no running process has: the highest possible is far below it.
    let dead = private.join(".zhibu-snapshot-4294967295-1.tmp");
    let running = private::file(&private, "verify");
    std::fs::write(&dead, b"plaintext of a killed export").expect("write");
    std::fs::write(&running, b"plaintext in use").expect("write");
    assert_eq!(private::clean(&private), 1);
    assert!(!dead.exists());
    assert!(running.exists(), "this process is alive: its file stays");
}

#[test]
fn editing_any_byte_of_a_plain_backups_header_is_detected() {
    let dir = tempfile::tempdir().expect("tmp");
    let (s, live) = demo_store(dir.path());
    let out = dir.path().join("b.zhibu");
    s.export_backup(&out, None, "0.1.0", now())
        .expect("exported");
    let good = std::fs::read(&out).expect("read");
    let head_end = {
        let first = good.iter().position(|b| *b == b'\n').expect("line");
        first
            + 1
            + good[first + 1..]
                .iter()
                .position(|b| *b == b'\n')
                .expect("line")
    };
    let edited = dir.path().join("edited.zhibu");
    // Every byte of the two header lines (magic, manifest), and a spread of the payload's.
    let positions: Vec<usize> = (0..=head_end)
        .chain((head_end + 1..good.len()).step_by(good.len() / 40))
        .collect();
    for at in positions {
        let mut bytes = good.clone();
        // A plausible edit: a digit stays a digit, a letter a letter.
        bytes[at] = match bytes[at] {
            b'0'..=b'8' => bytes[at] + 1,
            b'9' => b'0',
            b => b ^ 0x01,
        };
        std::fs::write(&edited, &bytes).expect("write");
        assert!(
            verify(&edited, None, &live).is_err(),
            "a change at byte {at} ({:?}) went unnoticed",
            good[at] as char
        );
    }
}

#[test]
fn a_demo_backup_never_replaces_real_data() {
    let dir = tempfile::tempdir().expect("tmp");
    let (live, _) = real_branch_with_backup(dir.path());
    let demo_dir = dir.path().join("demo");
    std::fs::create_dir_all(&demo_dir).expect("dir");
    let (d, _) = demo_store(&demo_dir);
    let demo_backup = dir.path().join("演示.zhibu");
    d.export_backup(&demo_backup, None, "0.1.0", now())
        .expect("demo backup");
    let before = std::fs::read(&live).expect("live");
    let e = plan_restore(&live, &demo_backup, None)
        .err()
        .expect("refused");
    assert!(e.message.contains("演示数据的备份"), "{}", e.message);
    let e = restore(&live, &demo_backup, None, now())
        .err()
        .expect("refused");
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert_eq!(std::fs::read(&live).expect("live"), before);
    let s = Store::open_existing(&live).expect("open");
    assert!(!s.is_demo().expect("demo?"), "still real data");
}

#[test]
fn a_restore_says_what_changes_before_it_changes_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let (live, backup) = real_branch_with_backup(dir.path());
    add_member_after_the_backup(&live);
    let before = std::fs::read(&live).expect("live");
    let plan = plan_restore(&live, &backup, None).expect("plan");
    assert_eq!(plan.current.as_ref().map(|c| c.counts.members), Some(2));
    assert_eq!(plan.incoming.counts.members, 1);
    let said = plan.changes.join("\n");
    assert!(said.contains("支部：中共某协会支部委员会"), "{said}");
    assert!(said.contains("人员 2 → 1"), "{said}");
    assert!(said.contains("备份生成于"), "{said}");
    assert_eq!(
        std::fs::read(&live).expect("live"),
        before,
        "planning changes nothing"
    );
}

#[test]
fn looking_never_writes_and_refuses_another_programs_database() {
    let dir = tempfile::tempdir().expect("tmp");
    let other = dir.path().join("notes.sqlite");
    {
        let c = rusqlite::Connection::open(&other).expect("other");
        c.execute_batch("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT);")
            .expect("other");
    }
    let before = std::fs::read(&other).expect("read");
    for open in [Store::open_read_only, Store::open_existing] {
        let e = open(&other).err().expect("refused");
        assert!(
            e.message.contains("不是支部工作台的数据文件"),
            "{}",
            e.message
        );
    }
    assert_eq!(
        std::fs::read(&other).expect("read"),
        before,
        "not one byte changed"
    );
    assert_eq!(names_in(dir.path()), ["notes.sqlite"], "no -wal, no -shm");
    // Our own file opened for looking gains no -wal either, and reads.
    let (s, live) = demo_store(&dir.path().join("d"));
    drop(s);
    let mut viewed = Store::open_read_only(&live).expect("view");
    assert!(!viewed.all_members().expect("m").is_empty());
    assert!(viewed
        .add_member(
            &full_member("王五", "1970-01-01", 13, "2000-07-01"),
            today()
        )
        .is_err());
}

// The folder is made read-only with chattr +i, a Linux file attribute; the Windows build runs
// the rest of this file under Wine.
#[cfg(unix)]
#[test]
fn a_data_file_in_a_read_only_folder_can_be_viewed_and_backed_up() {
    let dir = tempfile::tempdir().expect("tmp");
    let folder = dir.path().join("光盘");
    std::fs::create_dir_all(&folder).expect("dir");
    let (s, live) = demo_store(&folder);
    drop(s); // a clean close folds the -wal into the file
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).expect("dir");
    let _guard = ReadOnlyFolder::new(&folder);
    assert!(
        std::fs::write(folder.join("probe"), b"x").is_err(),
        "the folder is really read-only"
    );
    let s = Store::open_read_only(&live).expect("viewed");
    assert!(!s.all_members().expect("m").is_empty());
    let out = out_dir.join("备份.zhibu");
    s.export_backup(&out, None, "0.1.0", now())
        .expect("exported");
    verify(&out, None, &out_dir.join("zhibu.db")).expect("verifies");
}

/// Makes a folder read-only for the test's life — even for root, which ignores permission
/// bits: the immutable attribute (chattr +i) stops every writer.
#[cfg(unix)]
struct ReadOnlyFolder(PathBuf);

#[cfg(unix)]
impl ReadOnlyFolder {
    fn new(dir: &Path) -> ReadOnlyFolder {
        let status = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .expect("chattr (e2fsprogs) runs");
        assert!(status.success(), "chattr +i {}", dir.display());
        ReadOnlyFolder(dir.to_path_buf())
    }
}

#[cfg(unix)]
impl Drop for ReadOnlyFolder {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

#[test]
fn no_file_is_made_by_a_mistyped_path_or_a_failed_init() {
    let dir = tempfile::tempdir().expect("tmp");
    let typo = dir.path().join("zhibuu.db");
    let e = Store::open_existing(&typo).err().expect("refused");
    assert_eq!(e.kind, ErrorKind::NotFound);
    let e = Store::open_read_only(&typo).err().expect("refused");
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert!(!typo.exists());
    // A branch name the form refuses: the new file is not left behind.
    let new = dir.path().join("new.db");
    assert!(Store::create(&new, &BranchInput::default(), today()).is_err());
    assert_eq!(
        names_in(dir.path()),
        Vec::<String>::new(),
        "nothing left behind"
    );
}

#[test]
fn a_meeting_before_the_party_existed_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = Store::create(
        &dir.path().join("zhibu.db"),
        &BranchInput {
            name: "中共某协会支部委员会".into(),
            ..Default::default()
        },
        today(),
    )
    .expect("created");
    let meeting = |date: &str| MeetingInput {
        kind: Some(MeetingKind::ThemeDay),
        date: date.into(),
        topics: "学习".into(),
        ..Default::default()
    };
    let e = s
        .add_meeting(&meeting("1900-05-04"), today())
        .err()
        .expect("refused");
    assert_eq!(e.fields[0].field, "date");
    assert!(
        e.fields[0].message.contains("1921年7月1日"),
        "{}",
        e.fields[0].message
    );
    s.add_meeting(&meeting("2026-11-02"), today())
        .expect("an ordinary date");
}

#[test]
fn a_second_writer_waits_for_the_first_instead_of_failing() {
    let dir = tempfile::tempdir().expect("tmp");
    let (s, live) = demo_store(dir.path());
    drop(s);
    // Another program holds the write lock for a moment.
    let holder = rusqlite::Connection::open(&live).expect("holder");
    holder.execute_batch("BEGIN IMMEDIATE").expect("locked");
    let (tx, rx) = std::sync::mpsc::channel();
    let waiter = {
        let live = live.clone();
        std::thread::spawn(move || {
            let mut s = Store::open_existing(&live).expect("open");
            tx.send(()).expect("started");
            s.add_member(
                &full_member("赵六", "1975-05-05", 14, "2001-07-01"),
                today(),
            )
            .map(|m| m.name)
        })
    };
    rx.recv().expect("the second writer started");
    std::thread::sleep(std::time::Duration::from_millis(300));
    holder.execute_batch("COMMIT").expect("released");
    let added = waiter.join().expect("thread");
    assert_eq!(
        added.map_err(|e| e.message).as_deref(),
        Ok("赵六"),
        "waited, then wrote"
    );
}

#[test]
fn a_restore_while_another_program_keeps_the_file_locked_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().expect("tmp");
    let (live, backup) = real_branch_with_backup(dir.path());
    add_member_after_the_backup(&live);
    // Another program in the middle of a long write: it holds the write lock throughout.
    let holder = rusqlite::Connection::open(&live).expect("holder");
    holder.execute_batch("BEGIN IMMEDIATE").expect("locked");
    let e = restore(&live, &backup, None, now()).err().expect("refused");
    assert!(e.message.contains("正被另一个程序使用"), "{}", e.message);
    holder.execute_batch("ROLLBACK").expect("released");
    drop(holder);
    let s = Store::open_existing(&live).expect("open");
    assert_eq!(
        s.all_members().expect("m").len(),
        2,
        "the data is as it was"
    );
    assert!(
        !names_in(dir.path()).iter().any(|n| n.contains("恢复前")),
        "no copy of data that was never replaced"
    );
}
