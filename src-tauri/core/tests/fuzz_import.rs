//! Fuzzing the Excel importer on stable Rust: the fixture workbooks are mutated — their raw
//! bytes, and (more often) the XML inside them, repacked into a valid zip so the mutations
//! reach the sheet parser — and every result must be a preview or a refusal in Chinese. Each
//! input runs in a worker process of its own test binary under a memory limit (`prlimit
//! --as`) and a deadline, so the failures the fuzzer actually found — a hang on a looping
//! sector chain, an allocation of hundreds of gigabytes — fail the test like a panic does,
//! instead of taking the test run down or holding it until CI's limit.
//!
//! The test command runs 1,500 inputs from a fixed seed and every kept finding
//! (`tests/fixtures/import/fuzz/`); `scripts/fuzz-import.sh` explores for five minutes in
//! release mode (`ZHIBU_FUZZ_SECS`) from a fresh seed and saves what it finds into that
//! folder, to be committed. The coverage-guided fuzzer (cargo-fuzz) is `src-tauri/fuzz`.
mod common;

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use common::today;

/// Set in a worker's environment: the test then answers inputs instead of making them.
const WORKER: &str = "ZHIBU_FUZZ_WORKER";
/// Marks the worker's answers among whatever else the test harness prints.
const TAG: &str = "@fuzz ";
/// An input that takes longer than this hangs (a debug build reads a fixture in milliseconds).
const DEADLINE: Duration = Duration::from_secs(20);
/// The worker's address space: far above what a fixture needs, far below an absurd grid.
const MEMORY: u64 = 2 << 30;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name);
    std::fs::read(path).expect("fixture")
}

/// Tokens that steer mutations into places the parser cares about.
const TOKENS: &[&[u8]] = &[
    b"<c r=\"A1\" t=\"s\"><v>999999</v></c>",
    b"<v>-1</v>",
    b"<v>1e308</v>",
    b"t=\"d\"",
    b"t=\"inlineStr\"",
    b"r=\"XFD1048576\"",
    b"<mergeCell ref=\"A1:ZZ9\"/>",
    b"\xE4\xB8\xAD",
    b"&#0;",
    b"<row r=\"0\">",
    b"s=\"9999\"",
];

fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(8) {
        if data.is_empty() {
            data.push(0);
        }
        let at = rng.below(data.len());
        match rng.below(6) {
            0 => data[at] ^= 1 << rng.below(8),
            1 => data[at] = rng.next() as u8,
            2 => {
                data.remove(at);
            }
            3 => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            4 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, t.iter().copied());
            }
            _ => {
                // Repeat a slice: deep nesting and long runs.
                let end = (at + rng.below(32)).min(data.len());
                let piece: Vec<u8> = data[at..end].to_vec();
                for _ in 0..rng.below(20) {
                    data.splice(at..at, piece.iter().copied());
                }
            }
        }
    }
}

/// Unzips an .xlsx, mutates one of its XML parts, and zips it again.
fn mutate_inside(rng: &mut Rng, xlsx: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("fixture zip");
    let mut parts: Vec<(String, Vec<u8>)> = (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read");
            (f.name().expect("a UTF-8 name").into_owned(), data)
        })
        .collect();
    let xml: Vec<usize> = parts
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| n.ends_with(".xml") || n.ends_with(".rels"))
        .map(|(i, _)| i)
        .collect();
    let target = xml[rng.below(xml.len())];
    mutate_bytes(rng, &mut parts[target].1);
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in &parts {
        out.start_file(name.as_str(), options).expect("entry");
        out.write_all(data).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

/// The worker's side: one input file per line of standard input, one answer per input.
fn answer_inputs() {
    let store = common::store();
    // Panics are answered, not printed by the default hook.
    std::panic::set_hook(Box::new(|_| {}));
    for line in std::io::stdin().lock().lines() {
        let Ok(path) = line else { break };
        let input = std::fs::read(&path).unwrap_or_default();
        let answer = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            store.preview_import(&input, today())
        })) {
            Ok(Ok(_)) => "read".to_string(),
            Ok(Err(e)) => format!("refused {}", e.message.replace('\n', " ")),
            Err(p) => {
                let what = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                format!("panicked {}", what.replace('\n', " "))
            }
        };
        println!("{TAG}{answer}");
        let _ = std::io::stdout().flush();
    }
}

/// What came of one input.
#[derive(Debug)]
enum Outcome {
    Read,
    Refused(String),
    Panicked(String),
    /// No answer before the deadline: the worker was killed.
    Hung,
    /// The worker died on it (an allocation over the memory limit aborts).
    Died(String),
}

impl Outcome {
    /// Why this outcome breaks the importer's promise, if it does.
    fn broken(&self) -> Option<String> {
        match self {
            Outcome::Read => None,
            Outcome::Refused(m) if m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) => {
                None
            }
            Outcome::Refused(m) => Some(format!("refused, but not in Chinese: {m:?}")),
            Outcome::Panicked(m) => Some(format!("panicked: {m}")),
            Outcome::Hung => Some(format!("no answer within {} s", DEADLINE.as_secs())),
            Outcome::Died(how) => Some(format!("the worker died ({how}), e.g. out of memory")),
        }
    }
}

/// A worker process: this test binary again, running `test` in worker mode.
struct Worker {
    test: &'static str,
    child: Child,
    stdin: ChildStdin,
    answers: Receiver<String>,
    input: PathBuf,
    _dir: tempfile::TempDir,
}

impl Worker {
    fn start(test: &'static str) -> Worker {
        let dir = tempfile::tempdir().expect("dir");
        let exe = std::env::current_exe().expect("test binary");
        // The memory limit is Linux's (prlimit, util-linux); the Windows build, run under
        // Wine, keeps the deadline and the Chinese message but has no limit of this kind.
        let mut command = if cfg!(unix) {
            let mut c = Command::new("prlimit");
            c.arg(format!("--as={MEMORY}")).arg("--").arg(exe);
            c
        } else {
            Command::new(exe)
        };
        let mut child = command
            .args([test, "--exact", "--nocapture", "--test-threads=1"])
            .env(WORKER, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the worker starts (prlimit, from util-linux, on Linux)");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, answers) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                // The first answer follows the harness's "test … " on the same line.
                if let Some(at) = line.find(TAG) {
                    if tx.send(line[at + TAG.len()..].to_string()).is_err() {
                        break;
                    }
                }
            }
        });
        let input = dir.path().join("input");
        Worker {
            test,
            child,
            stdin,
            answers,
            input,
            _dir: dir,
        }
    }

    fn run(&mut self, data: &[u8]) -> Outcome {
        std::fs::write(&self.input, data).expect("write input");
        if writeln!(self.stdin, "{}", self.input.display()).is_err() {
            return self.died();
        }
        match self.answers.recv_timeout(DEADLINE) {
            Ok(a) => match a.split_once(' ').unwrap_or((a.as_str(), "")) {
                ("read", _) => Outcome::Read,
                ("refused", m) => Outcome::Refused(m.to_string()),
                (_, m) => Outcome::Panicked(m.to_string()),
            },
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                Outcome::Hung
            }
            Err(RecvTimeoutError::Disconnected) => self.died(),
        }
    }

    fn died(&mut self) -> Outcome {
        let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
        Outcome::Died(status)
    }

    /// A fresh worker after one was lost.
    fn restart(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        *self = Worker::start(self.test);
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import")
}

/// Where a finding is kept: with the committed regression inputs when exploring (to be
/// committed), in target/ during the test command (so CI's checkout stays clean).
fn keep_finding(input: &[u8], name: &str, exploring: bool) -> PathBuf {
    let dir = if exploring {
        fixtures_dir().join("fuzz")
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target")
    };
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(name);
    let _ = std::fs::write(&path, input);
    path
}

#[test]
fn every_kept_finding_is_answered_in_chinese_within_its_limits() {
    if std::env::var_os(WORKER).is_some() {
        return answer_inputs();
    }
    let mut worker = Worker::start("every_kept_finding_is_answered_in_chinese_within_its_limits");
    let mut found: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("fuzz"))
        .expect("tests/fixtures/import/fuzz")
        .map(|e| e.expect("entry").path())
        .collect();
    found.sort();
    // The kinds the fuzzers found: a sector chain that loops, an absurd claimed size, a cell at
    // the sheet's far corner, Chinese inside an ID cell, a zip with bytes before it, an empty
    // record calamine panics on.
    assert!(found.len() >= 6, "the findings are kept: {found:?}");
    for path in &found {
        let outcome = worker.run(&std::fs::read(path).expect("finding"));
        if let Some(why) = outcome.broken() {
            panic!("{}: {why}", path.display());
        }
        if matches!(outcome, Outcome::Hung | Outcome::Died(_)) {
            worker.restart();
        }
    }
}

#[test]
fn the_importer_never_panics_on_mangled_workbooks() {
    if std::env::var_os(WORKER).is_some() {
        return answer_inputs();
    }
    // The test command runs a fixed, reproducible set of inputs (a given seed, a given
    // count), so it cannot pass one day and fail the next; `ZHIBU_FUZZ_SECS` explores with
    // a fresh seed for as long as asked.
    let explore: Option<u64> = std::env::var("ZHIBU_FUZZ_SECS")
        .ok()
        .and_then(|v| v.parse().ok());
    let seed = std::env::var("ZHIBU_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| match explore {
            None => 0x5EED_2026,
            Some(_) => {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(7)
                    | 1
            }
        });
    let secs = explore.unwrap_or(0);
    let fixed_runs: u64 = if explore.is_some() { u64::MAX } else { 1500 };
    let mut rng = Rng(seed);
    let xlsx = [
        fixture("roster-official.xlsx"),
        fixture("roster-homemade.xlsx"),
        fixture("empty.xlsx"),
        // Merged two-row headers, formulas without results and the 1904 date system.
        fixture("roster-two-row-header.xlsx"),
        fixture("roster-formula-uncached.xlsx"),
        fixture("roster-1904.xlsx"),
    ];
    let xls = fixture("roster-old.xls");
    let mut worker = Worker::start("the_importer_never_panics_on_mangled_workbooks");
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let (mut runs, mut accepted) = (0u64, 0u64);
    let mut broken = None;
    while runs < fixed_runs && (explore.is_none() || Instant::now() < deadline) {
        let input = match rng.below(4) {
            0 => {
                let mut raw = if rng.below(2) == 0 {
                    xls.clone()
                } else {
                    xlsx[rng.below(xlsx.len())].clone()
                };
                mutate_bytes(&mut rng, &mut raw);
                raw
            }
            _ => {
                let which = rng.below(xlsx.len());
                mutate_inside(&mut rng, &xlsx[which])
            }
        };
        runs += 1;
        let outcome = worker.run(&input);
        if matches!(outcome, Outcome::Read) {
            accepted += 1;
        }
        if let Some(why) = outcome.broken() {
            let name = format!("found-{seed:x}-{runs}.bin");
            broken = Some((why, keep_finding(&input, &name, explore.is_some())));
            if explore.is_none() {
                break;
            }
            // Exploring: keep it and go on with a fresh worker.
            println!(
                "finding: {}",
                broken.as_ref().map(|b| b.0.as_str()).unwrap_or("")
            );
            worker.restart();
        }
    }
    println!(
        "{runs} mangled workbooks in {:.0} s (seed {seed}): {accepted} still read",
        started.elapsed().as_secs_f64()
    );
    if let Some((why, path)) = broken {
        panic!(
            "the importer {why} (seed {seed}); input kept as {}",
            path.display()
        );
    }
    assert!(runs > 20, "the fuzzer hardly ran");
}
