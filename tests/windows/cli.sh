#!/usr/bin/env bash
# The Windows command line, zhibu.exe (cross-built by scripts/build-windows.sh), run under Wine
# in a fresh prefix of its own, on a data folder whose name has Chinese characters and a space
# ("党支部 资料"), as a secretary's would. What it writes is read back with Linux tools and the
# Linux build of zhibu, not with the program that wrote it:
#   demo → member list; report print (pdftotext, pdffonts); roster export (read by the Linux
#   importer); backup export (verified by the Linux zhibu), verify and restore under Windows;
#   printing over a file another program holds open (tools/windows/holdopen.c).
# Prints "N passed, M failed" and exits non-zero when anything failed.
set -uo pipefail
linux="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/target/debug/zhibu"
source "$(dirname "${BASH_SOURCE[0]}")/wine-prefix.sh" "$linux" \
  "$(dirname "${BASH_SOURCE[0]}")/../../target/x86_64-pc-windows-gnu/release/zhibu.exe"
exe="$out/zhibu.exe"
# The print fonts: the system's, as a Windows machine without 仿宋 would have the package's.
export ZHIBU_FONT_DIRS='Z:\usr\share\fonts'

data="$work/党支部 资料"
mkdir -p "$data"
db="$(winpath "$data/zhibu.db")"
zw() { "$wine" "$exe" --db "$db" "$@"; }

demo() { zw demo >/dev/null && [ -s "$data/zhibu.db" ]; }
check "demo writes the data file in a folder named 党支部 资料" demo

members=0
list() {
  members="$(zw member list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
  [ "$members" -gt 20 ]
}
check "member list --json reads the roster back" list

report() {
  zw report print --year 2025 --pdf "$(winpath "$data/述职 报告.pdf")" >/dev/null || return 1
  local pdf="$data/述职 报告.pdf"
  pdftotext "$pdf" - | tr -d ' \n' | grep -q '抓基层党建工作述职报告' || return 1
  # Every font embedded (the "emb" column), and there are fonts.
  [ "$(pdffonts "$pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad++ } END { print (NR > 0 && bad == 0) }')" = 1 ] || return 1
  [ "$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')" -ge 3 ]
}
check "report print writes a PDF whose text and embedded fonts poppler reads" report

roster() {
  zw export roster "$(winpath "$data/花名册 2025.xlsx")" >/dev/null || return 1
  # Read back by the Linux build's importer into a fresh file: every member a row.
  "$linux" --db "$work/readback.db" init --branch "中共读回测试支部委员会" >/dev/null || return 1
  local rows
  rows="$("$linux" --db "$work/readback.db" import roster "$data/花名册 2025.xlsx" --dry-run --json |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["rows"]; print(sum(1 for x in r if x["status"] == "ready"))')"
  [ "$rows" -ge "$members" ]
}
check "export roster writes a workbook the Linux importer reads whole" roster

backup() {
  zw backup export "$(winpath "$data/备份 文件.zhibu")" >/dev/null || return 1
  "$linux" backup verify "$data/备份 文件.zhibu" --json | python3 -c 'import json,sys; json.load(sys.stdin)' >/dev/null || return 1
  "$wine" "$exe" backup verify "$(winpath "$data/备份 文件.zhibu")" >/dev/null
}
check "backup export: verified by the Linux build and by itself" backup

restore() {
  # A change after the backup, then the restore brings the backup's roster back, with the
  # data file open in this process (Windows forbids renaming over an open file).
  zw member add --name 新同志 --id 110105199003070017 --category full --joined 2015-07-01 >/dev/null || return 1
  [ "$(zw member list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = $((members + 1)) ] || return 1
  zw backup restore "$(winpath "$data/备份 文件.zhibu")" --yes >/dev/null || return 1
  [ "$(zw member list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = "$members" ] || return 1
  ls "$data" | grep -q '^zhibu-恢复前-'
}
check "backup restore replaces the data and keeps the previous file beside it" restore

held() {
  # The report open in a PDF reader, which on Windows shares it with no other program:
  # printing over it is refused with a message that says so, the file stays as it was, and
  # no temporary file is left beside it.
  local pdf="$data/述职 报告.pdf" before line msg rc
  before="$(sha256sum "$pdf")"
  coproc HOLD { "$wine" "$out/holdopen.exe" "$(winpath "$pdf")" 2>&1; }
  read -r line <&"${HOLD[0]}"
  line="${line%$'\r'}"
  [ "$line" = held ] || { echo "  holdopen: $line"; return 1; }
  msg="$(zw report print --year 2025 --pdf "$(winpath "$pdf")" 2>&1 >/dev/null)"
  rc=$?
  eval "exec ${HOLD[1]}>&-"
  wait "$HOLD_PID"
  [ "$rc" = 1 ] && printf '%s' "$msg" | grep -q '正被其他程序打开' || { echo "  exit $rc: $msg"; return 1; }
  [ "$(sha256sum "$pdf")" = "$before" ] && ! ls -A "$data" | grep -q '\.tmp$'
}
check "printing over a PDF another program holds open says to close it and keeps the file" held

refused() {
  # A refusal reaches a Windows console in Chinese, with exit code 1.
  local msg rc
  msg="$(zw member add --name 张三 --id 123 --category full --joined 2015-07-01 2>&1 >/dev/null)"
  rc=$?
  [ "$rc" = 1 ] && printf '%s' "$msg" | grep -q '身份'
}
check "a refused input says why in Chinese and exits 1" refused

finish "Windows 命令行（Wine）"
