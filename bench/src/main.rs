//! Times the core's hot paths on a generated organization of 5,000 members and 10 years of
//! meetings (~1.5 M attendance rows). Run by hand on a quiet machine:
//!
//!     cargo run --release -p zhibu-bench [-- --members 5000 --years 10] [--only backup]
//!
//! The data set is generated once into target/ and reused. Each measurement runs a warm-up,
//! then 30 rounds; min, median and max are printed. Not a test: timings vary by machine.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use zhibu_core::roster::RosterQuery;
use zhibu_core::{demo, Store};
use zhibu_typeset::{Align, Block, Column, Document, FontLibrary, Orientation, Table};

mod typst;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn measure(label: &str, budget_ms: f64, f: impl FnMut()) {
    measure_rounds(label, budget_ms, 30, f);
}

fn measure_rounds(label: &str, budget_ms: f64, rounds: usize, mut f: impl FnMut()) {
    // `--only TEXT` runs just the measurements whose label contains TEXT.
    let args: Vec<String> = std::env::args().collect();
    if let Some(only) = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
    {
        if !label.contains(only.as_str()) {
            return;
        }
    }
    f();
    let mut times: Vec<Duration> = (0..rounds)
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

/// The typesetter's benchmark document: about six pages with two tables.
fn six_pages() -> Document {
    let para = "支部坚持以党的政治建设为统领，严格落实“三会一课”、主题党日、组织生活会和民主评议党员等制度，全年共召开支部党员大会4次、支委会11次、党课3次、主题党日11次，党员平均参会率为92%。";
    let mut d = Document::new(Orientation::Portrait);
    d.push(Block::Title(
        "中共北京阳光社会工作服务中心支部委员会2026年度书记抓党建工作述职报告".into(),
    ));
    let table = |n: usize| {
        let columns = ["序号", "姓名", "类别", "入党时间", "参会情况"]
            .iter()
            .zip([0.8, 1.2, 1.2, 1.4, 4.0])
            .map(|(t, w)| Column {
                title: t.to_string(),
                weight: w,
                align: Align::Center,
            })
            .collect();
        let rows: Vec<Vec<String>> = (1..=n)
            .map(|i| {
                vec![
                    i.to_string(),
                    format!("党员{i}"),
                    "正式党员".into(),
                    "2005.07".into(),
                    "全年应参加24次，实际参加22次，请假2次".into(),
                ]
            })
            .collect();
        Table { columns, rows }
    };
    for (section, heading) in ["履职情况", "存在问题", "下一步打算"].iter().enumerate()
    {
        d.push(Block::Heading {
            level: 1,
            text: heading.to_string(),
        });
        for _ in 0..2 {
            d.push(Block::Paragraph(para.repeat(2)));
        }
        if section < 2 {
            d.push(Block::Table(table(24)));
        }
    }
    d
}

/// `zhibu-bench --typst DB WHAT OUT.typ`: writes a printout of the data file DB — WHAT is
/// `report:YEAR` or `roster` — as Typst markup with the same content, dated today as
/// `zhibu print` dates it (bench/typst_vs.sh times both on it).
fn write_typst(args: &[String]) {
    let [db, what, out] = args else {
        panic!("usage: zhibu-bench --typst DB report:YEAR|roster OUT.typ");
    };
    let store = Store::open(std::path::Path::new(db)).unwrap_or_else(|e| panic!("{}", e.message));
    let req = match what.split_once(':') {
        Some(("report", year)) => zhibu_core::print::PrintRequest::Report {
            year: year.parse().expect("a year"),
        },
        _ if what == "roster" => zhibu_core::print::PrintRequest::Roster,
        _ => panic!("WHAT is report:YEAR or roster"),
    };
    let today = chrono::Local::now().date_naive();
    let (doc, title) = store
        .print_document(&req, today)
        .unwrap_or_else(|e| panic!("{}", e.message));
    let author = store.branch().map(|b| b.name).unwrap_or_default();
    let mut fonts = FontLibrary::discover(&zhibu_typeset::fonts::default_font_dirs(&[]));
    let mut widths = |t: &Table| zhibu_typeset::table_widths(t, doc.orientation, &mut fonts);
    let source = typst::source(&doc, &title, &author, &typst::NOTO, &mut widths);
    std::fs::write(out, source).expect("write");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--typst") {
        return write_typst(&args[1..]);
    }
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
            "generated {} members, {} meetings, {} attendance rows, {} dues payments, {} development steps in {:.1} s",
            s.members,
            s.meetings,
            s.attendance,
            s.dues_payments,
            s.development_steps,
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
    measure("home: roster read once", 50.0, || {
        std::hint::black_box(store.all_members().expect("members"));
    });
    measure("home: dues arrears", 50.0, || {
        std::hint::black_box(store.dues_arrears(today, 3).expect("arrears"));
    });
    measure("home: development reminders", 50.0, || {
        std::hint::black_box(store.development_reminders(today, 30).expect("development"));
    });
    measure("home: compliance of the year", 200.0, || {
        std::hint::black_box(store.compliance(today.year(), today).expect("compliance"));
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
    let doc = six_pages();
    let mut fonts = FontLibrary::discover(&zhibu_typeset::fonts::default_font_dirs(&[]));
    let first =
        zhibu_typeset::render_pdf(&doc, &mut fonts, &zhibu_typeset::DocInfo::titled("bench"))
            .expect("typeset");
    std::fs::write(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-doc.pdf"),
        &first.pdf,
    )
    .expect("write pdf");
    println!(
        "typeset document: {} pages, PDF {} KiB",
        first.pages,
        first.pdf.len() / 1024,
    );
    measure(
        "typeset 6 pages with 2 tables (fonts loaded)",
        100.0,
        || {
            std::hint::black_box(
                zhibu_typeset::render_pdf(
                    &doc,
                    &mut fonts,
                    &zhibu_typeset::DocInfo::titled("bench"),
                )
                .expect("typeset"),
            );
        },
    );
    measure("duty report: draft + print (PDF)", 200.0, || {
        let r = store.printed_report(today.year(), today).expect("report");
        let doc = zhibu_core::print::report_document(&r, today);
        std::hint::black_box(
            zhibu_typeset::render_pdf(&doc, &mut fonts, &zhibu_typeset::DocInfo::titled("report"))
                .expect("typeset"),
        );
    });
    measure("duty report: draft + PDF + Word", 200.0, || {
        let r = store.printed_report(today.year(), today).expect("report");
        let doc = zhibu_core::print::report_document(&r, today);
        std::hint::black_box(
            zhibu_typeset::render_pdf(&doc, &mut fonts, &zhibu_typeset::DocInfo::titled("report"))
                .expect("typeset"),
        );
        std::hint::black_box(
            zhibu_typeset::render_docx(&doc, &zhibu_typeset::DocInfo::titled("report"))
                .expect("docx"),
        );
    });
    {
        let r = store.printed_report(today.year(), today).expect("report");
        let doc = zhibu_core::print::report_document(&r, today);
        measure("duty report: Word file alone", 50.0, || {
            std::hint::black_box(
                zhibu_typeset::render_docx(&doc, &zhibu_typeset::DocInfo::titled("report"))
                    .expect("docx"),
            );
        });
    }
    {
        // What the app does when the secretary opens 打印预览 of the year's report and then
        // saves it as PDF: both through the same functions as its commands, on the demo
        // branch, with the fonts kept across prints as the app keeps them.
        let mut demo_store = Store::open_in_memory().expect("memory");
        demo::fill(&mut demo_store, today).expect("demo");
        let req = zhibu_core::print::PrintRequest::Report { year: today.year() };
        let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-report.pdf");
        measure("app: report preview + save as PDF (demo)", 50.0, || {
            let preview =
                zhibu_core::print::preview(&demo_store, &req, &mut fonts, today).expect("preview");
            let saved = zhibu_core::print::save(
                &demo_store,
                &req,
                &mut fonts,
                today,
                &out,
                zhibu_core::print::FileFormat::Pdf,
            )
            .expect("save");
            std::hint::black_box((preview, saved));
        });
    }
    measure("venue form print (PDF)", 100.0, || {
        let (doc, _) = store
            .print_document(
                &zhibu_core::print::PrintRequest::Venue { venue_id: None },
                today,
            )
            .expect("venue form");
        std::hint::black_box(
            zhibu_typeset::render_pdf(&doc, &mut fonts, &zhibu_typeset::DocInfo::titled("venue"))
                .expect("pdf"),
        );
    });
    measure("dues ledger of the year", 200.0, || {
        std::hint::black_box(store.dues_year(today.year(), today).expect("dues"));
    });
    measure("development", 200.0, || {
        std::hint::black_box(store.development(today).expect("development"));
    });
    let roster_1000 = {
        let mut small = Store::open_in_memory().expect("memory");
        demo::fill_scale(&mut small, 1000, 1, today).expect("1,000 members");
        small.roster_xlsx().expect("xlsx")
    };
    measure_rounds(
        "Excel import of 1,000 rows (read, check, write)",
        1000.0,
        10,
        || {
            let mut fresh = Store::open_in_memory().expect("memory");
            let r = fresh.import_roster(&roster_1000, today).expect("import");
            assert_eq!(r.imported, 1000);
        },
    );
    measure("duty report figures alone", 200.0, || {
        std::hint::black_box(
            zhibu_core::report::figures(&store, today.year(), today).expect("figures"),
        );
    });
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-backup.zhibu");
    let now = today.and_hms_opt(9, 0, 0).unwrap_or_default();
    let scratch = out.with_file_name("bench-scratch.db");
    for (label, pass) in [("plain", None), ("encrypted", Some("bench passphrase"))] {
        measure_rounds(&format!("backup export ({label})"), 2000.0, 5, || {
            std::hint::black_box(
                store
                    .export_backup(&out, pass, "bench", now)
                    .expect("export"),
            );
        });
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        println!("  backup file: {:.1} MiB", size as f64 / 1048576.0);
        measure_rounds(&format!("backup verify ({label})"), 1000.0, 5, || {
            std::hint::black_box(zhibu_core::backup::verify(&out, pass, &scratch).expect("verify"));
        });
    }
    measure("roster search per keystroke (\"wf\")", 16.0, || {
        let q = RosterQuery {
            text: "wf".into(),
            ..Default::default()
        };
        std::hint::black_box(store.roster(&q).expect("roster"));
    });
}
