//! The Excel importer on any bytes: a preview, or a refusal in Chinese. A panic that reaches
//! the importer's caller, a hang past libFuzzer's -timeout or memory past -rss_limit_mb is a
//! finding.
//!
//! A panic inside the spreadsheet parser is not: the importer catches it itself
//! (`excel::workbook::read_sheets`) and tells the secretary the workbook is damaged, which is
//! what the program does for them. libfuzzer-sys's panic hook aborts on every panic, even one
//! the program catches — calamine's record readers index short slices on a truncated .xls
//! (`read_u16`), which took CI's run down although a user would only have seen 「已损坏」.
//! So this target puts a hook in its place that only remembers the panic, and aborts itself,
//! with that message, when a panic unwinds out of `preview_import`.
#![no_main]

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use zhibu_core::Store;

fn store() -> &'static Mutex<Store> {
    static STORE: OnceLock<Mutex<Store>> = OnceLock::new();
    STORE.get_or_init(|| Mutex::new(Store::open_in_memory().expect("store")))
}

/// The last panic's message and place, printed only if that panic reaches the caller.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// In place of libfuzzer-sys's hook (its `init` runs after that hook is set): remember, do not
/// abort.
fn remember_panics() {
    panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.to_string();
        }
    }))
}

fuzz_target!(init: remember_panics(), |data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let store = store().lock().expect("store");
    match panic::catch_unwind(AssertUnwindSafe(|| store.preview_import(data, today))) {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => {
            if !e.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                finding(&format!("not a Chinese message: {:?}", e.message));
            }
        }
        Err(_) => {
            let last = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
            finding(&format!("a panic reached the importer's caller — {last}"));
        }
    }
});

/// The hook in place is silent, so a finding says itself what it is before libFuzzer saves
/// the input.
fn finding(what: &str) -> ! {
    eprintln!("{what}");
    std::process::abort();
}
