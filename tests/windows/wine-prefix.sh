# Sourced by the Windows tests (tests/windows/*.sh): a fresh Wine prefix of the test's own, in
# a temporary folder removed at exit, with the stand-in bcryptprimitives.dll that Wine 8 lacks
# (tools/windows/, built by scripts/build-windows.sh), and the little helpers they share.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/target/x86_64-pc-windows-gnu/release"
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver64
for f in "$out/bcryptprimitives.dll" "$wine" "$wineserver" "$@"; do
  [ -e "$f" ] || { echo "缺少 $f（先运行 scripts/build-windows.sh）" >&2; exit 1; }
done

work="$(mktemp -d)"
# Helpers a test starts (their process ids) are ended with the Wine server, however it ends.
helpers=()
trap 'kill "${helpers[@]}" 2>/dev/null; "$wineserver" -k >/dev/null 2>&1; rm -rf "$work"' EXIT
mkdir -p "$work/home"
# HOME apart, so Wine's desktop and menus never reach the real user's; no menu entries
# for the host (winemenubuilder); no Mono or Gecko (no prompt to fetch them); our stand-in
# for the missing DLL, not Wine's.
export HOME="$work/home" WINEPREFIX="$work/prefix" WINEDEBUG=-all LANG=C.UTF-8 LC_ALL=C.UTF-8
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d;bcryptprimitives=n"
unset DISPLAY
"$wine" wineboot -i >/dev/null 2>&1
"$wineserver" -w
cp "$out/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

# A Linux path as Windows sees it under Wine (drive Z: is /).
winpath() { printf 'Z:%s' "${1//\//\\}"; }

passed=0
failed=0
check() {
  local what="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok - $what"
  else
    failed=$((failed + 1))
    echo "not ok - $what"
  fi
}

# The closing line, and the exit code.
finish() {
  echo "$1：$passed passed, $failed failed"
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}
