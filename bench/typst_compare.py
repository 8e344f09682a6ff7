"""Times Typst (PyPI package `typst`) on the same content as zhibu's typesetter benchmark.

Run after `cargo run --release -p zhibu-bench`, which writes target/bench-doc.typ:

    pip install typst==0.15.2
    python3 bench/typst_compare.py

Fonts: only the Debian packages' Noto CJK, as zhibu uses on this machine. The compiler is
created once and warmed up, so, like zhibu's figure, this times typesetting with fonts loaded.
"""
import pathlib
import statistics
import time

import typst

root = pathlib.Path(__file__).resolve().parent.parent / "target"
source = root / "bench-doc.typ"
compiler = typst.Compiler(str(source), font_paths=["/usr/share/fonts/opentype/noto"], ignore_system_fonts=True)
pdf = compiler.compile()
(root / "bench-doc-typst.pdf").write_bytes(pdf)
times = []
for _ in range(15):
    t = time.perf_counter()
    compiler.compile()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"typst {typst.__version__}, warm compiler (incremental, memoized): median {statistics.median(times):.1f} ms, PDF {len(pdf) // 1024} KiB")
# A fresh compile each time: no memoized layout, fonts found again (as a one-off printout).
cold = []
for _ in range(5):
    t = time.perf_counter()
    typst.compile(str(source), font_paths=["/usr/share/fonts/opentype/noto"], ignore_system_fonts=True)
    cold.append((time.perf_counter() - t) * 1000)
print(f"typst {typst.__version__}, fresh compile: median {statistics.median(cold):.1f} ms")
