#![allow(dead_code)]
use std::path::Path;
use std::process::{Command, Output};

/// `zhibu --db DB ARGS...`, never picking up a data file from the environment.
pub fn zhibu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ZHIBU_DB")
        .output()
        .expect("run zhibu")
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// xorshift64*: enough randomness for kill points, and a seed to replay a failure.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// How many trials a crash test runs (`ZHIBU_CRASH_TRIALS`, default 12) and its seed
/// (`ZHIBU_CRASH_SEED` to replay a failure, else the clock).
pub fn crash_trials_and_seed() -> (u64, u64) {
    let trials = std::env::var("ZHIBU_CRASH_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let seed = std::env::var("ZHIBU_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
                | 1
        });
    (trials, seed)
}
