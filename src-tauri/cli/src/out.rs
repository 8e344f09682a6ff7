//! Everything `zhibu` prints. A reader that stops early (`zhibu member list | head -1`) closes
//! standard output; std's `println!` would then panic ("failed printing to stdout: Broken
//! pipe", exit 101). Here a closed standard output ends the printing quietly instead: nothing
//! more is written, the command finishes what it was doing (a decrypted backup copy is still
//! removed, a transaction still ends normally) and the program exits 0.
//!
//! `println!`, `print!`, `eprintln!` and `eprint!` below shadow std's for the whole crate:
//! `main.rs` declares this module first, with `#[macro_use]`, so every command module (and
//! any `println!` added to one later) prints through here without being told.
use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicI32, AtomicU8, Ordering};

const OPEN: u8 = 0;
const CLOSED: u8 = 1;
const FAILED: u8 = 2;

static STDOUT: AtomicU8 = AtomicU8::new(OPEN);
/// The system's error number when writing failed for another reason than a closed reader.
static FAILURE: AtomicI32 = AtomicI32::new(0);

macro_rules! println {
    () => { $crate::out::stdout(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

#[allow(unused_macros)]
macro_rules! print {
    ($($arg:tt)*) => { $crate::out::stdout(format_args!($($arg)*)) };
}

macro_rules! eprintln {
    () => { $crate::out::stderr(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::stderr(format_args!("{}\n", format_args!($($arg)*))) };
}

#[allow(unused_macros)]
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::out::stderr(format_args!($($arg)*)) };
}

pub fn stdout(args: fmt::Arguments) {
    if STDOUT.load(Ordering::Relaxed) == OPEN {
        if let Err(e) = io::stdout().lock().write_fmt(args) {
            stopped(&e);
        }
    }
}

/// Messages and warnings. When even they cannot be written there is nobody left to tell, so
/// a failure here is ignored.
pub fn stderr(args: fmt::Arguments) {
    let _ = io::stderr().lock().write_fmt(args);
}

fn stopped(e: &io::Error) {
    if e.kind() == io::ErrorKind::BrokenPipe {
        STDOUT.store(CLOSED, Ordering::Relaxed);
    } else {
        FAILURE.store(e.raw_os_error().unwrap_or(0), Ordering::Relaxed);
        STDOUT.store(FAILED, Ordering::Relaxed);
    }
}

/// Flushes what is still buffered and settles the exit code: a reader that closed early is
/// no failure (the command did its work; the reader chose to stop), but output lost to a full
/// disk or a failing device is, so the secretary does not trust a cut-off file.
pub fn finish(code: u8) -> u8 {
    if STDOUT.load(Ordering::Relaxed) == OPEN {
        if let Err(e) = io::stdout().lock().flush() {
            stopped(&e);
        }
    }
    if STDOUT.load(Ordering::Relaxed) == FAILED && code == 0 {
        let detail = match FAILURE.load(Ordering::Relaxed) {
            28 | 27 | 122 => "磁盘空间不足".to_string(),
            0 => "写入失败".to_string(),
            n => format!("写入失败（系统错误代码{n}）"),
        };
        eprintln!("错误：结果没有全部输出：{detail}");
        return 1;
    }
    code
}
