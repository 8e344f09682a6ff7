#!/usr/bin/env python3
"""Our printout against Typst 0.15 on the same content: whole processes, in turn.

    cargo install typst-cli --version 0.15.1 --locked --no-default-features   # once
    python3 bench/typst_vs.py [-n 20] [--roster]

Builds the release `zhibu` and `zhibu-bench`, makes the demo's data file, writes its 2025 duty
report as Typst markup (`zhibu-bench --typst`, the same Document our typesetter prints), and
gives Typst exactly the font files our print opens on this machine (a folder of links; Typst
told to ignore the system's fonts and to use no embedded ones). Then it runs

    A: zhibu --db demo.db report print --year 2025 --pdf a.pdf
    B: typst compile --ignore-system-fonts --font-path FONTS --no-pdf-tags report.typ b.pdf

as A B A B … after one warm-up each, timing each whole process (wall clock around
fork/exec/wait) and reading its peak memory from the kernel (ru_maxrss of wait4). The time ratio
is taken pair by pair — the median of A_i/B_i — so that a drift of the machine's speed during
the run moves both. Sizes are the two PDFs'. Typst is told not to tag its PDF for accessibility
(`--no-pdf-tags`), as ours is untagged; the size of its default, tagged PDF is printed beside. `--roster` adds the 313-page roster of the
5,000-member set (target/bench-5000-10.db, made by `cargo run --release -p zhibu-bench`).

A benchmark, run by hand; never part of the tests.
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(cmd):
    """One whole process: wall seconds and peak resident memory in MiB."""
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def pairs(a, b, n):
    run(a)
    run(b)
    rows = [(run(a), run(b)) for _ in range(n)]
    med = statistics.median
    return {
        "a_ms": med(r[0][0] for r in rows) * 1000,
        "b_ms": med(r[1][0] for r in rows) * 1000,
        "time_ratio": med(r[0][0] / r[1][0] for r in rows),
        "a_mib": med(r[0][1] for r in rows),
        "b_mib": med(r[1][1] for r in rows),
    }


def fonts_dir(work):
    """Links to the files our typesetter uses here, found the way it finds them (by family)."""
    d = work / "fonts"
    d.mkdir()
    for pattern in [
        "Noto Serif CJK SC:weight=regular",
        "Noto Serif CJK SC:weight=bold",
        "Noto Sans CJK SC:weight=bold",
        "LXGW WenKai",
    ]:
        f = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, check=True).stdout
        link = d / pathlib.Path(f).name
        if not link.exists():
            link.symlink_to(f)
    return d


def pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return next(int(l.split()[-1]) for l in info.splitlines() if l.startswith("Pages:"))


def compare(label, zhibu_cmd, a_pdf, typ, b_pdf, typst, fonts, n):
    common = [typst, "compile", "--ignore-system-fonts", "--font-path", str(fonts)]
    tagged = b_pdf.with_suffix(".tagged.pdf")
    run(common + [str(typ), str(tagged)])
    r = pairs(zhibu_cmd, common + ["--no-pdf-tags", str(typ), str(b_pdf)], n)
    a_kib, b_kib = a_pdf.stat().st_size / 1024, b_pdf.stat().st_size / 1024
    print(f"\n{label}: ours {pages(a_pdf)} pages, Typst {pages(b_pdf)} pages; {n} pairs, medians")
    print("| | ours | Typst 0.15 | ours / Typst |")
    print("|---|---|---|---|")
    print(f"| time, whole process | {r['a_ms']:.0f} ms | {r['b_ms']:.0f} ms | {r['time_ratio']:.2f} (pair by pair) |")
    print(f"| peak memory | {r['a_mib']:.1f} MiB | {r['b_mib']:.1f} MiB | {r['a_mib'] / r['b_mib']:.2f} |")
    print(f"| PDF size | {a_kib:.0f} KiB | {b_kib:.0f} KiB (tagged: {tagged.stat().st_size / 1024:.0f} KiB) | {a_kib / b_kib:.2f} |")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("-n", type=int, default=20)
    p.add_argument("--roster", action="store_true")
    p.add_argument("--typst", default=shutil.which("typst") or "/opt/typst/bin/typst")
    args = p.parse_args()
    version = subprocess.run([args.typst, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "zhibu-cli", "-p", "zhibu-bench"], cwd=ROOT, check=True)
    zhibu = str(ROOT / "target/release/zhibu")
    bench = str(ROOT / "target/release/zhibu-bench")
    work = pathlib.Path(tempfile.mkdtemp(prefix="typst-vs-"))
    fonts = fonts_dir(work)
    print(f"{version}; {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}; fonts: {sorted(x.name for x in fonts.iterdir())}")
    db = work / "demo.db"
    subprocess.run([zhibu, "--db", str(db), "demo"], check=True, capture_output=True)
    subprocess.run([bench, "--typst", str(db), "report:2025", str(work / "report.typ")], check=True)
    a_pdf = work / "a.pdf"
    compare(
        "duty report 2025 of the demo",
        [zhibu, "--db", str(db), "report", "print", "--year", "2025", "--pdf", str(a_pdf)],
        a_pdf, work / "report.typ", work / "b.pdf", args.typst, fonts, args.n,
    )
    if args.roster:
        big = ROOT / "target/bench-5000-10.db"
        subprocess.run([bench, "--typst", str(big), "roster", str(work / "roster.typ")], check=True)
        a_pdf = work / "roster-a.pdf"
        compare(
            "roster of the 5,000-member set",
            [zhibu, "--db", str(big), "print", "roster", "--pdf", str(a_pdf)],
            a_pdf, work / "roster.typ", work / "roster-b.pdf", args.typst, fonts, max(3, args.n // 4),
        )
    print(f"\nfiles kept in {work}")


if __name__ == "__main__":
    main()
