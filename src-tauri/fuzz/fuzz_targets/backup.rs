//! The backup reader on any bytes, twice: as handed over, and with the file's SHA-256 made
//! anew over the damaged bytes (what a forger would do), so that the input reaches past the
//! hash into the manifest checks and SQLite's reading of a damaged database. Each time: a
//! verified backup or a refusal in Chinese, never a panic, hang or runaway memory.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};

const HASH_KEY: &[u8] = b"\"payload_sha256\":\"";

/// A folder for the input and for the private folder the reader unpacks into.
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("dir").keep())
}

/// The bytes with the hash in their manifest made anew, as `zhibu` computes it (format 2:
/// every byte, the hash's own 64 digits taken as zeros).
fn rehashed(data: &[u8]) -> Option<Vec<u8>> {
    let at = data.windows(HASH_KEY.len()).position(|w| w == HASH_KEY)? + HASH_KEY.len();
    let end = at + 64;
    if end > data.len() {
        return None;
    }
    let mut out = data.to_vec();
    out[at..end].fill(b'0');
    let digest = Sha256::digest(&out);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    out[at..end].copy_from_slice(hex.as_bytes());
    Some(out)
}

fn read(bytes: &[u8]) {
    let path = dir().join("input.zhibu");
    std::fs::write(&path, bytes).expect("write");
    let _ = zhibu_core::backup::read_manifest(bytes);
    if let Err(e) = zhibu_core::backup::verify(&path, None, &dir().join("zhibu.db")) {
        assert!(
            e.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "not a Chinese message: {:?}",
            e.message
        );
    }
}

fuzz_target!(|data: &[u8]| {
    read(data);
    if let Some(forged) = rehashed(data) {
        read(&forged);
    }
});
