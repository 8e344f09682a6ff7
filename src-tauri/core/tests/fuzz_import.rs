//! Fuzzing the Excel importer on stable Rust: the fixture workbooks are mutated — their raw
//! bytes, and (more often) the XML inside them, repacked into a valid zip so the mutations
//! reach the sheet parser — and every result must be a preview or a Chinese error, never a
//! panic. The test command runs 1,500 inputs from a fixed seed; `scripts/fuzz-import.sh`
//! explores for five minutes in release mode (`ZHIBU_FUZZ_SECS`) from a fresh seed. An input that panics is saved
//! to target/fuzz-import-crash-<n>.xlsx.
mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::today;

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
            (f.name().to_string(), data)
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

#[test]
fn the_importer_never_panics_on_mangled_workbooks() {
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
    let store = common::store();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let (mut runs, mut accepted) = (0u64, 0u64);
    // Panics are caught and reported here; the default hook would print each one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut crashed = None;
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
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            store.preview_import(&input, today())
        })) {
            Ok(Ok(_)) => accepted += 1,
            Ok(Err(e)) => assert!(!e.message.is_empty()),
            Err(_) => {
                let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("../../target/fuzz-import-crash-{runs}.xlsx"));
                let _ = std::fs::write(&path, &input);
                crashed = Some(path);
                break;
            }
        }
    }
    std::panic::set_hook(hook);
    println!(
        "{runs} mangled workbooks in {:.0} s (seed {seed}): {accepted} still read",
        started.elapsed().as_secs_f64()
    );
    if let Some(path) = crashed {
        panic!(
            "the importer panicked (seed {seed}); input saved to {}",
            path.display()
        );
    }
    assert!(runs > 20, "the fuzzer hardly ran");
}
