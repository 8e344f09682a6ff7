//! Restoring a backup over the data file: what it would change, then the change itself,
//! keeping the previous data (or moving damaged data aside intact).
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::*;
use crate::error::{Error, ErrorKind, Result};
use crate::store::Store;

/// One side of a restore, as the secretary sees it before agreeing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DataSummary {
    pub branch: String,
    pub counts: Counts,
    pub is_demo: bool,
}

/// What a restore would change: the data in place (none, or damaged), the backup's, and the
/// differences in sentences for the confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestorePlan {
    /// The data now in place; None when there is none yet or it cannot be read.
    pub current: Option<DataSummary>,
    /// Why the data file in place cannot be read, when it cannot: it is then moved aside
    /// intact (renamed, never truncated) and the restore proceeds.
    pub current_damaged: Option<String>,
    pub incoming: DataSummary,
    /// When the backup was made.
    pub backup_created_at: String,
    /// What changes, one sentence each.
    pub changes: Vec<String>,
}

/// Where the data that was in place went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub path: PathBuf,
    /// True when it was damaged and moved aside as it was; false for a copy of good data.
    pub damaged: bool,
}

/// How long a restore waits for another program that holds the data file.
const RESTORE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The data file in place: None when there is none; else readable, whole (SQLite's quick
/// check) and ours — its summary — or why not (damaged, or another program's file).
type LiveState = Option<std::result::Result<DataSummary, String>>;

/// Reads the data file in place (see `LiveState`). Only what proves damage counts as damage;
/// a file that cannot be read right now (another program holds it, no permission) is an
/// error, so a good file is never moved aside by mistake.
fn live_state(live: &Path) -> Result<std::result::Result<DataSummary, String>> {
    let damage = |e: &rusqlite::Error| {
        matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
        )
    };
    let c = Connection::open_with_flags(live, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    c.busy_timeout(crate::store::BUSY_WAIT)?;
    match crate::store::ours(&c) {
        Ok(_) => {}
        Err(e) if e.kind == ErrorKind::Invalid => {
            return Ok(Err("不是支部工作台的数据文件".into()))
        }
        Err(e) if e.kind == ErrorKind::Corrupt => {
            return Ok(Err("不是数据库文件（可能已损坏）".into()))
        }
        Err(e) => return Err(e),
    }
    let check: String = match c.query_row("PRAGMA quick_check", [], |r| r.get(0)) {
        Ok(check) => check,
        Err(e) if damage(&e) => return Ok(Err("自检无法完成（文件已损坏）".into())),
        Err(e) => return Err(e.into()),
    };
    if check != "ok" {
        return Ok(Err("自检未通过（文件已损坏）".into()));
    }
    match summary(&c) {
        Ok(s) => Ok(Ok(s)),
        Err(e) if e.kind == ErrorKind::Corrupt => Ok(Err("已损坏".into())),
        Err(e) => Err(e),
    }
}

/// Whose data a file holds and how much. A file of an older version that was not opened since
/// the program was updated lacks the newer tables: they count as empty.
fn summary(c: &Connection) -> Result<DataSummary> {
    let branch: String = c.query_row("SELECT name FROM branch WHERE id = 1", [], |r| r.get(0))?;
    let demo: Option<String> = {
        use rusqlite::OptionalExtension;
        c.query_row("SELECT value FROM setting WHERE key = 'demo'", [], |r| {
            r.get(0)
        })
        .optional()?
    };
    let n = |table: &str| -> Result<u32> {
        let exists: bool = c.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        Ok(c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(DataSummary {
        branch,
        counts: Counts {
            members: n("member")?,
            meetings: n("meeting")?,
            attendance: n("attendance")?,
            reports: n("report")?,
            venues: n("venue")?,
        },
        is_demo: demo.as_deref() == Some("1"),
    })
}

/// A verified backup (hash, quick check), its database upgraded, with its summary.
fn prepare(
    live: &Path,
    backup: &Path,
    passphrase: Option<&str>,
) -> Result<(Verified, DataSummary)> {
    // Verifying checked the hash (the bytes are the ones checked at export, where VACUUM INTO
    // had rebuilt every index) and ran SQLite's quick check on the unpacked copy.
    let verified = verify(backup, passphrase, live)?;
    // Upgrades an older backup's schema in the unpacked copy, never in the live file.
    let copy = Store::open(verified.db_path())?;
    let incoming = summary(&copy.conn)?;
    Ok((verified, incoming))
}

fn plan(state: LiveState, manifest: &Manifest, incoming: DataSummary) -> Result<RestorePlan> {
    let (current, current_damaged) = match state {
        Some(Ok(s)) => (Some(s), None),
        Some(Err(why)) => (None, Some(why)),
        None => (None, None),
    };
    // Demo data never replaces real data: the secretary's file would be marked demo and its
    // automatic backups would stop.
    if incoming.is_demo
        && current
            .as_ref()
            .is_some_and(|c| !c.is_demo && !c.branch.is_empty())
    {
        return Err(Error::new(
            ErrorKind::Conflict,
            "这是演示数据的备份，不能恢复到本支部的真实数据上。原数据未做任何改动",
        ));
    }
    let mut changes = Vec::new();
    match (&current, &current_damaged) {
        (Some(c), _) => {
            if c.branch != incoming.branch {
                changes.push(format!(
                    "支部不同：本机是“{}”，备份是“{}”，请确认这是要恢复的备份",
                    c.branch, incoming.branch
                ));
            } else {
                changes.push(format!("支部：{}", incoming.branch));
            }
            let (a, b) = (&c.counts, &incoming.counts);
            changes.push(format!(
                "人员 {} → {}，会议 {} → {}，到会记录 {} → {}，述职报告 {} → {}",
                a.members,
                b.members,
                a.meetings,
                b.meetings,
                a.attendance,
                b.attendance,
                a.reports,
                b.reports
            ));
        }
        (None, Some(why)) => changes.push(format!(
            "本机的数据文件{why}，将原样移到一旁保留，再用备份恢复"
        )),
        (None, None) => changes.push(format!(
            "本机还没有数据，将用备份建立：{}，人员{}人，会议{}次",
            incoming.branch, incoming.counts.members, incoming.counts.meetings
        )),
    }
    changes.push(format!("备份生成于 {}", manifest.created_at));
    if incoming.is_demo {
        changes.push("这是演示数据的备份".into());
    }
    Ok(RestorePlan {
        current,
        current_damaged,
        incoming,
        backup_created_at: manifest.created_at.clone(),
        changes,
    })
}

/// What restoring `backup` over the data file at `live` would change; nothing is changed.
/// Refuses a demo backup over real data.
pub fn plan_restore(live: &Path, backup: &Path, passphrase: Option<&str>) -> Result<RestorePlan> {
    let (prepared, state) = prepare_both(live, backup, passphrase);
    let (verified, incoming) = prepared?;
    plan(state?, &verified.manifest, incoming)
}

/// The backup verified and the data in place read, at the same time on the two cores: each
/// reads a whole database.
fn prepare_both(
    live: &Path,
    backup: &Path,
    passphrase: Option<&str>,
) -> (Result<(Verified, DataSummary)>, Result<LiveState>) {
    std::thread::scope(|scope| {
        let state = scope.spawn(|| live.exists().then(|| live_state(live)).transpose());
        let prepared = prepare(live, backup, passphrase);
        let state = state
            .join()
            .unwrap_or_else(|_| Err(Error::new(ErrorKind::Internal, "无法读取数据文件")));
        (prepared, state)
    })
}

/// Replaces the data at `live` with a verified backup and says where the previous data went.
/// Good data is copied beside the file first (`zhibu-恢复前-<time>.db`) and the backup is then
/// written into the open file through SQLite's online backup, so another program holding the
/// file (the app while the CLI restores) sees the restored data on its next read instead of
/// corrupting it; if that program keeps the file locked, nothing changes and the message says
/// so. A damaged or foreign file is renamed aside intact (`zhibu-损坏-<time>.db`). A demo
/// backup is never restored over real data. Older backups are upgraded; restoring onto a new
/// computer (no data file yet) creates the folder.
pub fn restore(
    live: &Path,
    backup: &Path,
    passphrase: Option<&str>,
    now: NaiveDateTime,
) -> Result<Option<Kept>> {
    if let Some(dir) = live.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let (prepared, state) = prepare_both(live, backup, passphrase);
    let (verified, incoming) = prepared?;
    let plan = plan(state?, &verified.manifest, incoming)?;
    let stamp = now.format("%Y%m%d-%H%M%S").to_string();
    let mut damaged = plan.current_damaged.is_some();
    if plan.current.is_some() {
        let kept = free_name(live, &format!("zhibu-恢复前-{stamp}"));
        match keep_copy(live, &kept) {
            Ok(()) => {
                if let Err(e) = copy_into(verified.db_path(), live) {
                    // Nothing was replaced, so there is nothing to keep a copy of.
                    let _ = std::fs::remove_file(&kept);
                    return Err(e);
                }
                return Ok(Some(Kept {
                    path: kept,
                    damaged: false,
                }));
            }
            Err(e) => {
                // Never leave a half-made copy that looks like the kept data.
                let _ = std::fs::remove_file(&kept);
                // Unreadable deeper inside: moved aside intact like any damaged file.
                if e.kind != ErrorKind::Corrupt {
                    return Err(e);
                }
                damaged = true;
            }
        }
    }
    // A damaged file — or companions (-wal, -journal…) left without their file, which SQLite
    // would otherwise apply to the new one — go aside together, intact.
    let has_companions = crate::fsio::COMPANIONS
        .iter()
        .any(|s| Path::new(&format!("{}{s}", live.display())).exists());
    let aside =
        (damaged || has_companions).then(|| free_name(live, &format!("zhibu-损坏-{stamp}")));
    if let Some(aside) = &aside {
        move_with_companions(live, aside)?;
    }
    if let Err(e) = place_new(verified.db_path(), live) {
        // Nothing placed: the damaged data goes back where it was, so nothing is lost from view.
        if let Some(aside) = &aside {
            let _ = move_with_companions(aside, live);
        }
        return Err(e);
    }
    Ok(aside.filter(|_| damaged).map(|path| Kept {
        path,
        damaged: true,
    }))
}

/// Renames a database file and its companions together, the file first; on a failure midway
/// the ones already moved are moved back, so a file is never parted from its -wal.
fn move_with_companions(from: &Path, to: &Path) -> Result<()> {
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    for suffix in std::iter::once("").chain(crate::fsio::COMPANIONS) {
        let a = PathBuf::from(format!("{}{suffix}", from.display()));
        let b = PathBuf::from(format!("{}{suffix}", to.display()));
        if !a.exists() {
            continue;
        }
        if let Err(e) = std::fs::rename(&a, &b) {
            for (a, b) in moved.iter().rev() {
                let _ = std::fs::rename(b, a);
            }
            return Err(e.into());
        }
        moved.push((a, b));
    }
    Ok(())
}

/// `<stem>.db` beside `live`, or `<stem>-2.db`… when taken (two restores within a second).
fn free_name(live: &Path, stem: &str) -> PathBuf {
    (1..1000)
        .map(|n| match n {
            1 => live.with_file_name(format!("{stem}.db")),
            n => live.with_file_name(format!("{stem}-{n}.db")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| live.with_file_name(format!("{stem}-last.db")))
}

/// Copies the database at `from` into the live file through SQLite's online backup: safe
/// while other connections have the file open. Gives up — changing nothing — when another
/// program keeps the file locked longer than `RESTORE_WAIT`.
fn copy_into(from: &Path, live: &Path) -> Result<()> {
    let src = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut dst = Connection::open(live)?;
    page_copy(&src, &mut dst)?;
    // The restored file keeps the live file's WAL mode; a checkpoint puts it in the main file.
    let _ = dst.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
    Ok(())
}

/// Copies the data in place to `kept` page by page through SQLite's online backup (the -wal's
/// committed pages included), synced before the live file is touched.
fn keep_copy(live: &Path, kept: &Path) -> Result<()> {
    let src = Connection::open_with_flags(live, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    src.busy_timeout(crate::store::BUSY_WAIT)?;
    let mut dst = Connection::open(kept)?;
    page_copy(&src, &mut dst)
}

/// Runs SQLite's online backup from `src` into `dst` to its end, waiting while another
/// program holds a lock — up to `RESTORE_WAIT`, then nothing is changed and the message
/// says why. Other errors (a full disk, a damaged page) end it at once.
fn page_copy(src: &Connection, dst: &mut Connection) -> Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    let deadline = std::time::Instant::now() + RESTORE_WAIT;
    let backup = Backup::new(src, dst)?;
    loop {
        let busy = match backup.step(-1) {
            Ok(StepResult::Done) => return Ok(()),
            Ok(StepResult::More) => false,
            Ok(_) => true,
            Err(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            )
            .then_some(true)
            .ok_or(e)?,
        };
        if busy {
            if std::time::Instant::now() >= deadline {
                return Err(Error::new(
                    ErrorKind::Io,
                    "数据文件正被另一个程序使用，恢复没有进行，原数据未改动。请关闭其他打开这个数据文件的程序后再试",
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// Puts a new data file in place where there is none: a copy beside the target, synced, then
/// renamed, so a crash leaves either nothing or the whole file.
fn place_new(from: &Path, live: &Path) -> Result<()> {
    let tmp = crate::private::file(live.parent().unwrap_or(Path::new(".")), "place");
    let copied = (|| {
        std::fs::copy(from, &tmp)?;
        // Opened for writing: Windows flushes a file only through a handle that may write
        // (FlushFileBuffers on a read-only one is ERROR_ACCESS_DENIED — found under Wine).
        std::fs::OpenOptions::new()
            .write(true)
            .open(&tmp)?
            .sync_all()?;
        std::fs::rename(&tmp, live)
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    Ok(())
}
