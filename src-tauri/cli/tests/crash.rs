//! Crash safety of the live data file: `zhibu` is killed with SIGKILL at random moments during
//! a stream of writes; afterwards the file must open, pass SQLite's integrity check, hold
//! every write whose command had returned, and hold no half of any write (a meeting without
//! its attendance). Random moments mostly miss the few milliseconds a write takes, so every
//! other trial also kills one meeting's write at a pause point inside it — after the
//! meeting's row and its first attendance row, before the rest (`crash_point` in the core,
//! built only into this crate's test builds) — and that meeting must then be wholly absent.
//! CI runs a few trials (`ZHIBU_CRASH_TRIALS`, default 12); `scripts/crash-harness.sh` runs
//! the full 100.
mod common;

use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use zhibu_core::meeting::MeetingKind;
use zhibu_core::Store;

use common::{crash_trials_and_seed, text, zhibu, Rng};

/// A valid ID number for the `i`th person of trial `t` (GB 11643 check digit).
fn id_number(t: u64, i: u64) -> String {
    let first17 = format!("11010519800101{:03}", (t * 10 + i) % 1000);
    let check = zhibu_core::idcard::check_char(&first17).expect("17 digits");
    format!("{first17}{check}")
}

/// The `i`th write of a trial: people and general meetings alternate; a meeting writes one
/// row per member present, so a kill can land between them.
fn write_command(db: &Path, t: u64, i: u64) -> (Command, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhibu"));
    c.env_remove("ZHIBU_DB").arg("--db").arg(db);
    // Names take only Chinese characters: the numbers are written in them.
    let label: String = format!("压测{t}间{i}")
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => "零一二三四五六七八九".chars().nth(d as usize).unwrap_or(c),
            None => c,
        })
        .collect();
    if i.is_multiple_of(2) {
        c.args(["member", "add", "--name", &label, "--id", &id_number(t, i)])
            .args([
                "--category",
                "full",
                "--joined",
                "2010-07-01",
                "--since",
                "2026-10-01",
            ]);
    } else {
        c.args(["meeting", "add", "--kind", "general_meeting", "--date"])
            .arg(format!("2026-0{}-15", 1 + i % 9))
            .args(["--topic", &label]);
    }
    (c, label)
}

/// A general meeting whose write stops at the pause point between its first attendance row
/// and the rest; returns its topic once the process is killed there.
fn kill_inside_a_meeting_write(db: &Path, t: u64, seed: u64) -> String {
    let topic = format!(
        "暂停点{}",
        "零一二三四五六七八九"
            .chars()
            .nth((t % 10) as usize)
            .unwrap_or('零')
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .env_remove("ZHIBU_DB")
        .env("ZHIBU_CRASH_POINT", "meeting-attendance")
        .arg("--db")
        .arg(db)
        .args([
            "meeting",
            "add",
            "--kind",
            "general_meeting",
            "--date",
            "2026-09-15",
        ])
        .args(["--topic", &topic])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut said = String::new();
    let reached = std::io::BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .inspect(|l| said.push_str(l))
        .any(|l| l == "ZHIBU_CRASH_POINT meeting-attendance");
    assert!(
        reached,
        "seed {seed}: trial {t}: the write ended before its pause point: {said}"
    );
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("reap");
    assert!(
        !status.success(),
        "seed {seed}: trial {t}: killed, yet it exited 0"
    );
    topic
}

fn finished_ok(child: &mut Child) -> Option<bool> {
    child.try_wait().expect("wait").map(|s| s.success())
}

#[test]
fn killing_the_cli_mid_write_never_loses_a_returned_write_or_leaves_half_of_one() {
    let (trials, seed) = crash_trials_and_seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().expect("tmp");
    let base = dir.path().join("base.db");
    assert!(zhibu(&base, &["demo", "--today", "2026-11-26"])
        .status
        .success());
    // Typical length of one write command, to spread kill points over its whole life.
    let mut typical = Duration::from_millis(40);
    let (mut interrupted, mut completed_anyway, mut killed_after_commit) = (0, 0, 0);
    let mut killed_inside = 0;
    for t in 0..trials {
        let db = dir.path().join(format!("trial-{t}.db"));
        std::fs::copy(&base, &db).expect("copy");
        let writes = 2 + rng.below(5);
        let mut returned: Vec<String> = Vec::new();
        let mut all: Vec<String> = Vec::new();
        let mut killed: Option<String> = None;
        for i in 0..writes {
            let (mut cmd, label) = write_command(&db, t, i);
            all.push(label.clone());
            let last = i + 1 == writes;
            if !last {
                let started = Instant::now();
                let out = cmd.output().expect("run");
                assert!(out.status.success(), "seed {seed}: {}", text(&out.stderr));
                typical = (typical * 3 + started.elapsed()) / 4;
                returned.push(label);
                continue;
            }
            // The last write of the trial is killed at a random moment of its life.
            let mut child = cmd.spawn().expect("spawn");
            // Anywhere in its life, but mostly in the second half, where the writing is.
            let life = typical.as_micros() as u64;
            let delay = Duration::from_micros(if rng.below(4) == 0 {
                rng.below(life)
            } else {
                life / 2 + rng.below(life * 7 / 10)
            });
            let deadline = Instant::now() + delay;
            // Polls so that a command that finishes first counts as returned.
            let mut done = finished_ok(&mut child);
            while done.is_none() && Instant::now() < deadline {
                std::thread::yield_now();
                done = finished_ok(&mut child);
            }
            match done {
                Some(ok) => {
                    completed_anyway += 1;
                    assert!(ok, "seed {seed}: trial {t} write failed on its own");
                    returned.push(label);
                }
                None => {
                    child.kill().expect("SIGKILL");
                    let status = child.wait().expect("reap");
                    if status.success() {
                        returned.push(label);
                        completed_anyway += 1;
                    } else {
                        interrupted += 1;
                        killed = Some(label);
                    }
                }
            }
        }

        // Every other trial: one more write, killed between two of its rows.
        let paused = (t % 2 == 1).then(|| kill_inside_a_meeting_write(&db, t, seed));

        let store = Store::open_existing(&db)
            .unwrap_or_else(|e| panic!("seed {seed}: trial {t} does not open: {}", e.message));
        store
            .check_integrity()
            .unwrap_or_else(|e| panic!("seed {seed}: trial {t}: {}", e.message));
        let names: Vec<String> = store
            .all_members()
            .expect("members")
            .into_iter()
            .map(|m| m.name)
            .collect();
        let meetings = store.meetings(2026).expect("meetings");
        for label in &returned {
            let present =
                names.contains(label) || meetings.iter().any(|m| m.topics.contains(label.as_str()));
            assert!(
                present,
                "seed {seed}: trial {t}: {label} had returned but is gone"
            );
        }
        if let Some(label) = &killed {
            let landed =
                names.contains(label) || meetings.iter().any(|m| m.topics.contains(label.as_str()));
            if landed {
                killed_after_commit += 1;
            }
        }
        if let Some(topic) = &paused {
            assert!(
                !meetings.iter().any(|m| m.topics.contains(topic.as_str())),
                "seed {seed}: trial {t}: the meeting killed inside its write is in the file"
            );
            killed_inside += 1;
        }
        // Whatever is there is whole: each meeting of the stream has everyone expected.
        for m in meetings
            .iter()
            .filter(|m| m.topics.starts_with("压测") || m.topics.starts_with("暂停点"))
        {
            assert!(
                all.iter().any(|l| m.topics.contains(l.as_str())),
                "seed {seed}: trial {t}: a meeting nobody wrote: {}",
                m.topics
            );
            let full = store.meeting(m.id).expect("meeting");
            let expected = store
                .expected_attendance(
                    MeetingKind::GeneralMeeting,
                    NaiveDate::parse_from_str(&m.date.to_string(), "%Y-%m-%d").expect("date"),
                    None,
                )
                .expect("expected");
            assert_eq!(
                full.attendance.len(),
                expected.len(),
                "seed {seed}: trial {t}: meeting {} is half-written",
                m.topics
            );
        }
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    println!(
        "{trials} trials (seed {seed}): {interrupted} writes killed at a random moment \
         ({killed_after_commit} of them after their commit), {completed_anyway} finished before \
         the kill; {killed_inside} killed inside a meeting's write, between its rows"
    );
    assert!(
        killed_inside > 0 || trials < 2,
        "seed {seed}: no kill landed inside a write"
    );
    assert!(
        interrupted > 0 || trials < 4,
        "seed {seed}: the kills never landed inside a write; the harness is not testing anything"
    );
}
