//! Times the core's hot paths on a generated organization of 5,000 members and 10 years of
//! meetings (~1.5 M attendance rows). Run by hand on a quiet machine:
//!
//!     cargo run --release -p zhibu-bench [-- --members 5000 --years 10]
//!
//! The data set is generated once into target/ and reused. Each measurement runs a warm-up,
//! then 30 rounds; min, median and max are printed. Not a test: timings vary by machine.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use zhibu_core::roster::RosterQuery;
use zhibu_core::{demo, Store};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn measure(label: &str, budget_ms: f64, mut f: impl FnMut()) {
    f();
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(times[times.len() / 2]);
    println!(
        "{label:<40} min {:>8.2} ms   median {:>8.2} ms   max {:>8.2} ms   budget {budget_ms} ms {}",
        ms(times[0]),
        median,
        ms(times[times.len() - 1]),
        if median <= budget_ms { "ok" } else { "MISSED" }
    );
}

fn main() {
    let members = arg("--members", 5000);
    let years = arg("--years", 10) as u32;
    // A fixed day, so every run measures the same data.
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../target/bench-{members}-{years}.db"));
    if !path.exists() {
        let t = Instant::now();
        let mut store = Store::open(&path).unwrap_or_else(|e| panic!("{}", e.message));
        let s = demo::fill_scale(&mut store, members, years, today)
            .unwrap_or_else(|e| panic!("{}", e.message));
        println!(
            "generated {} members, {} meetings, {} attendance rows in {:.1} s",
            s.members,
            s.meetings,
            s.attendance,
            t.elapsed().as_secs_f64()
        );
    }
    let store = Store::open(&path).unwrap_or_else(|e| panic!("{}", e.message));
    println!(
        "data: {} ({members} members, {years} years)",
        path.display()
    );
    measure("yearly calendar + six-month scan", 100.0, || {
        let cal = store.calendar(today.year(), today).expect("calendar");
        let six = store.six_month_scan(today).expect("six-month");
        std::hint::black_box((cal, six));
    });
    measure("calendar alone", 100.0, || {
        std::hint::black_box(store.calendar(today.year(), today).expect("calendar"));
    });
    measure("six-month scan alone", 100.0, || {
        std::hint::black_box(store.six_month_scan(today).expect("six-month"));
    });
    measure("home page (reminders, calendar, recent)", 200.0, || {
        std::hint::black_box(store.home(today).expect("home"));
    });
    measure("meetings of the year (list page)", 200.0, || {
        std::hint::black_box(store.meetings(today.year()).expect("meetings"));
    });
    measure("participation of the year", 200.0, || {
        std::hint::black_box(store.participation(today.year()).expect("participation"));
    });
    measure("recent meetings", 50.0, || {
        std::hint::black_box(store.recent_meetings(today, 5).expect("recent"));
    });
    measure("roster search per keystroke (\"wf\")", 16.0, || {
        let q = RosterQuery {
            text: "wf".into(),
            ..Default::default()
        };
        std::hint::black_box(store.roster(&q).expect("roster"));
    });
}
