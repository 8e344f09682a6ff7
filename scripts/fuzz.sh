#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz: libFuzzer on nightly Rust, AddressSanitizer) of what
# reads files a secretary is handed: the Excel importer and the backup reader
# (src-tauri/fuzz/fuzz_targets). Every input must give a preview or a verified backup, or a
# refusal in Chinese; a panic, an input that runs past 10 s or memory past 2 GB is a finding,
# which libFuzzer saves under src-tauri/fuzz/artifacts/<target>/ — keep it as a regression
# input (tests/fixtures/import/fuzz/ for the importer) once fixed.
#
#   scripts/fuzz.sh                # open-ended: each target for ZHIBU_FUZZ_SECS (300) seconds
#   scripts/fuzz.sh --runs 20000   # a fixed number of inputs per target from a fixed seed
#                                  # (the test command), from the seeds alone
set -euo pipefail
cd "$(dirname "$0")/.."
runs=""
if [ "${1:-}" = "--runs" ]; then runs="${2:?--runs N}"; fi
secs="${ZHIBU_FUZZ_SECS:-300}"
fuzz=src-tauri/fuzz
zhibu="${ZHIBU_BIN:-target/debug/zhibu}"
[ -x "$zhibu" ] || cargo build -q -p zhibu-cli

# Seeds: the importer's fixture workbooks with its kept findings, and real backups — plain,
# encrypted, of a small demo branch — made now by the program itself.
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/import" "$seeds/backup"
find tests/fixtures/import -type f -exec cp {} "$seeds/import/" \;
"$zhibu" --db "$seeds/demo.db" demo --small >/dev/null
"$zhibu" --db "$seeds/demo.db" backup export "$seeds/backup/plain.zhibu" >/dev/null
ZHIBU_FUZZ_PASS=fuzz-passphrase-2026 "$zhibu" --db "$seeds/demo.db" backup export \
  "$seeds/backup/sealed.zhibu" --passphrase-env ZHIBU_FUZZ_PASS >/dev/null

limits=(-timeout=10 -rss_limit_mb=2048 -max_len=262144)
cd "$fuzz"
cargo +nightly fuzz build -O
for target in import backup; do
  if [ -n "$runs" ]; then
    # A corpus of this run's own, so the count is of new inputs from the seeds, the same
    # every time.
    corpus="$seeds/corpus-$target"
    mkdir -p "$corpus"
    echo "==> 模糊测试 $target：$runs 个输入（固定种子）"
    log="$seeds/$target.log"
    if ! cargo +nightly fuzz run -O "$target" "$corpus" "$seeds/$target" -- \
      -seed=1 -runs="$runs" "${limits[@]}" -print_final_stats=1 >"$log" 2>&1; then
      grep -E -A4 "panicked at|reached the importer|not a Chinese message|ERROR: libFuzzer|SUMMARY|Test unit written" "$log" | head -n 60 >&2
      echo "模糊测试 $target 发现问题（输入已保存在 $fuzz/artifacts/$target/，见上）" >&2
      exit 1
    fi
    grep -E "^Done|new_units_added|peak_rss" "$log"
  else
    mkdir -p "corpus/$target"
    echo "==> 模糊测试 $target：$secs 秒"
    cargo +nightly fuzz run -O "$target" "corpus/$target" "$seeds/$target" -- \
      -max_total_time="$secs" "${limits[@]}" -print_final_stats=1
  fi
done
