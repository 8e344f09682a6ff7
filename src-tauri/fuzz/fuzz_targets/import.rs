//! The Excel importer on any bytes: a preview, or a refusal in Chinese. A panic, a hang past
//! libFuzzer's -timeout or memory past -rss_limit_mb is a finding.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhibu_core::Store;

fn store() -> &'static std::sync::Mutex<Store> {
    static STORE: OnceLock<std::sync::Mutex<Store>> = OnceLock::new();
    STORE.get_or_init(|| std::sync::Mutex::new(Store::open_in_memory().expect("store")))
}

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let store = store().lock().expect("store");
    if let Err(e) = store.preview_import(data, today) {
        assert!(
            e.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "not a Chinese message: {:?}",
            e.message
        );
    }
});
