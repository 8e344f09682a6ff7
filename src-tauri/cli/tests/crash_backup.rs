//! Crash safety of backup work: `zhibu` is stopped with SIGINT, SIGTERM or SIGKILL at a random
//! moment of an encrypted export, a verify, a restore or an Excel import. Afterwards the data
//! file must open and pass SQLite's integrity check, hold the result of every command that
//! returned (and otherwise be as it was), and no plaintext copy of the data may lie anywhere
//! but in the private folder — not on the "USB stick" the export was going to, not in the
//! temporary folder. CI runs a few trials (`ZHIBU_CRASH_TRIALS`, default 12);
//! `scripts/crash-harness.sh` runs the full hundred.
mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use zhibu_core::Store;

use common::{crash_trials_and_seed, text, zhibu, Rng};

const PASS: &str = "a long passphrase";

#[derive(Clone, Copy, Debug)]
enum Work {
    EncryptedExport,
    Verify,
    Restore,
    Import,
}

fn command(work: Work, db: &Path, backup: &Path, stick: &Path, tmp: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhibu"));
    c.env_remove("ZHIBU_DB")
        .env("TMPDIR", tmp)
        // Windows' temporary folder (GetTempPath).
        .env("TMP", tmp)
        .env("TEMP", tmp)
        .env("ZHIBU_TEST_PASS", PASS)
        .arg("--db")
        .arg(db);
    match work {
        Work::EncryptedExport => c
            .args(["backup", "export"])
            .arg(stick.join("交上级.zhibu"))
            .args(["--passphrase-env", "ZHIBU_TEST_PASS"]),
        Work::Verify => c
            .args(["backup", "verify"])
            .arg(backup)
            .args(["--passphrase-env", "ZHIBU_TEST_PASS"]),
        Work::Restore => c.args(["backup", "restore"]).arg(backup).args([
            "--passphrase-env",
            "ZHIBU_TEST_PASS",
            "--yes",
        ]),
        Work::Import => c.args(["import", "roster"]).arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/import/roster-official.xlsx"),
        ),
    };
    c
}

fn member_count(db: &Path) -> usize {
    Store::open_read_only(db)
        .expect("open")
        .all_members()
        .expect("m")
        .len()
}

/// Every file under `dir` (outside the private folder) that holds a database in the clear.
fn plaintext_outside_private(dir: &Path, allowed: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == ".zhibu-private") {
            continue;
        }
        if path.is_dir() {
            found.extend(plaintext_outside_private(&path, allowed));
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The data file and its companions, and copies of the data kept beside it on purpose.
        if allowed.iter().any(|a| path.starts_with(a)) || name.starts_with("zhibu-恢复前-") {
            continue;
        }
        let head = std::fs::read(&path).unwrap_or_default();
        if head
            .windows(15)
            .take(1 << 16)
            .any(|w| w == b"SQLite format 3")
        {
            found.push(path);
        }
    }
    found
}

/// How the work is stopped. On Linux: Ctrl+C, the system's polite end, and the kill that cannot
/// be caught. Windows sends a program run like this no signal; it is ended from outside with
/// TerminateProcess, as Task Manager's 结束任务 or a shutdown that does not wait end it.
#[cfg(unix)]
const STOPS: [&str; 3] = ["INT", "TERM", "KILL"];
#[cfg(windows)]
const STOPS: [&str; 1] = ["KILL"];

/// Stops the child; whether it had completed its work anyway (exited 0).
#[cfg(unix)]
fn stop(child: &mut Child, signal: &str) -> bool {
    let pid = child.id().to_string();
    let sent = Command::new("kill")
        .args(["-s", signal, &pid])
        .status()
        .expect("kill");
    let status = child.wait().expect("reap");
    sent.success() && status.success()
}

#[cfg(windows)]
fn stop(child: &mut Child, _: &str) -> bool {
    // Fails only when the child has already exited, which the status below tells.
    let _ = child.kill();
    child.wait().expect("reap").success()
}

#[test]
fn stopping_backup_work_at_any_moment_keeps_the_data_whole_and_leaves_no_plaintext() {
    let (trials, seed) = crash_trials_and_seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().expect("tmp");
    // The data in place (a real branch, so a restore of the demo would be refused — the
    // backup restored is the same branch with more members).
    let base = dir.path().join("base.db");
    assert!(zhibu(&base, &["init", "--branch", "中共某协会支部委员会"])
        .status
        .success());
    let source = dir.path().join("source.db");
    std::fs::copy(&base, &source).expect("copy");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import/roster-official.xlsx");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .env_remove("ZHIBU_DB")
        .arg("--db")
        .arg(&source)
        .args(["import", "roster"])
        .arg(&fixture)
        .output()
        .expect("import");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let backup = dir.path().join("backup.zhibu");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .env_remove("ZHIBU_DB")
        .env("ZHIBU_TEST_PASS", PASS)
        .arg("--db")
        .arg(&source)
        .args(["backup", "export"])
        .arg(&backup)
        .args(["--passphrase-env", "ZHIBU_TEST_PASS"])
        .output()
        .expect("export");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (before, after) = (member_count(&base), member_count(&source));
    assert!(
        after > before,
        "the restore and the import change what the file holds"
    );

    let mut typical = [Duration::from_millis(300); 4];
    let (mut stopped, mut finished) = (0, 0);
    for t in 0..trials {
        let trial = dir.path().join(format!("trial-{t}"));
        let (data, stick, tmp) = (trial.join("data"), trial.join("U盘"), trial.join("tmp"));
        for d in [&data, &stick, &tmp] {
            std::fs::create_dir_all(d).expect("dir");
        }
        let db = data.join("zhibu.db");
        std::fs::copy(&base, &db).expect("copy");
        let kind = rng.below(4) as usize;
        let work = [
            Work::EncryptedExport,
            Work::Verify,
            Work::Restore,
            Work::Import,
        ][kind];
        let signal = STOPS[rng.below(STOPS.len() as u64) as usize];
        let started = Instant::now();
        let mut child = command(work, &db, &backup, &stick, &tmp)
            .spawn()
            .expect("spawn");
        let life = typical[kind].as_micros() as u64;
        let deadline = Instant::now() + Duration::from_micros(rng.below(life * 11 / 10));
        let mut done = child.try_wait().expect("wait");
        while done.is_none() && Instant::now() < deadline {
            std::thread::yield_now();
            done = child.try_wait().expect("wait");
        }
        let returned = match done {
            Some(status) => {
                typical[kind] = (typical[kind] * 3 + started.elapsed()) / 4;
                finished += 1;
                assert!(
                    status.success(),
                    "seed {seed}: trial {t} {work:?} failed on its own"
                );
                true
            }
            None => {
                let completed = stop(&mut child, signal);
                if completed {
                    finished += 1;
                } else {
                    stopped += 1;
                }
                completed
            }
        };

        let store = Store::open_existing(&db)
            .unwrap_or_else(|e| panic!("seed {seed}: trial {t} {work:?}/{signal}: {}", e.message));
        store
            .check_integrity()
            .unwrap_or_else(|e| panic!("seed {seed}: trial {t} {work:?}/{signal}: {}", e.message));
        let members = store.all_members().expect("m").len();
        drop(store);
        match work {
            Work::Restore | Work::Import if returned => assert_eq!(
                members, after,
                "seed {seed}: trial {t} {work:?} returned, so its result is there"
            ),
            Work::Restore | Work::Import => assert!(
                members == before || members == after,
                "seed {seed}: trial {t} {work:?}/{signal}: half a change ({members})"
            ),
            _ => assert_eq!(
                members, before,
                "seed {seed}: trial {t} {work:?} changed the data"
            ),
        }
        let allowed = [db.clone(), PathBuf::from(format!("{}-wal", db.display()))];
        let leaked = plaintext_outside_private(&trial, &allowed);
        assert!(
            leaked.is_empty(),
            "seed {seed}: trial {t} {work:?}/{signal} left plaintext: {leaked:?}"
        );
    }
    println!(
        "{trials} trials (seed {seed}): {stopped} stopped mid-work, {finished} finished first"
    );
    assert!(
        stopped > 0 || trials < 4,
        "seed {seed}: no stop ever landed mid-work; the harness is not testing anything"
    );
}
