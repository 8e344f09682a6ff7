#!/usr/bin/env bash
# The Windows installer (scripts/build-windows.sh), checked under Wine in a fresh prefix: it
# installs silently (/S) per user, without administrator rights; the program, the command line,
# WebView2's loader and the print fonts are where the shortcuts point; the installed zhibu.exe
# prints the duty report with the installed fonts alone (no other Chinese font is reachable);
# the uninstaller removes the program and its shortcuts and keeps the secretary's data.
# The window itself cannot be started here: Wine has no WebView2.
# Prints "N passed, M failed" and exits non-zero when anything failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
setup="$(ls "$here"/../../target/x86_64-pc-windows-gnu/release/zhibu-*-windows-x64-setup.exe 2>/dev/null | head -n 1)"
source "$here/wine-prefix.sh" "${setup:-安装程序 zhibu-*-windows-x64-setup.exe}"

users="$WINEPREFIX/drive_c/users/$(whoami)"
installed="$users/AppData/Local/Programs/党支部工作台"

install() {
  "$wine" "$setup" /S && "$wineserver" -w && [ -d "$installed" ]
}
check "the installer runs silently and installs per user under AppData\\Local\\Programs" install

files() {
  local f
  for f in zhibu-desktop.exe zhibu.exe WebView2Loader.dll LICENSE.txt THIRD-PARTY.md 卸载党支部工作台.exe \
    fonts/NotoSerifCJKsc-Regular.otf fonts/NotoSerifCJKsc-Bold.otf fonts/NotoSansCJKsc-Bold.otf \
    fonts/LXGWWenKai-Regular.ttf fonts/copyright-fonts-noto-cjk.txt fonts/copyright-fonts-lxgw-wenkai.txt; do
    [ -s "$installed/$f" ] || { echo "  missing: $f"; return 1; }
  done
  # No test stand-in ships.
  [ ! -e "$installed/bcryptprimitives.dll" ]
}
check "the program, the command line, WebView2's loader, the fonts and their licences are installed" files

# Whether a shortcut (.lnk) leads to a Windows path: its shell item list names each folder of
# the path in turn, down to the program (Chinese names in UTF-16, others also in ASCII).
points_to() {
  python3 - "$1" "$2" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
at = 0
for part in sys.argv[2].split('\\')[1:]:
    forms = [part.encode('utf-16-le')] + ([part.encode()] if part.isascii() else [])
    hits = [i for i in (data.find(f, at) for f in forms) if i >= 0]
    if not hits:
        sys.exit(f'  {sys.argv[1]}: {part} is not on its way')
    at = min(hits) + 1
PY
}
shortcuts() {
  local start desk
  start="$(find -L "$users" -path '*Start Menu/Programs/党支部工作台.lnk' | head -n 1)"
  desk="$(find -L "$users" -path '*Desktop/党支部工作台.lnk' | head -n 1)"
  [ -n "$start" ] && [ -n "$desk" ] || { echo "  shortcuts: start menu '$start', desktop '$desk'"; return 1; }
  [ -f "$installed/zhibu-desktop.exe" ] || return 1
  points_to "$start" "C:\\users\\$(whoami)\\AppData\\Local\\Programs\\党支部工作台\\zhibu-desktop.exe" &&
    points_to "$desk" "C:\\users\\$(whoami)\\AppData\\Local\\Programs\\党支部工作台\\zhibu-desktop.exe"
}
check "the start-menu and desktop shortcuts 党支部工作台 point to the installed program" shortcuts

prints() {
  # From the installed folder, on drive C: (where no Linux font folder is reachable), with no
  # font folder named: only the installed fonts can print Chinese.
  mkdir -p "$WINEPREFIX/drive_c/资料"
  (cd "$installed" && env -u ZHIBU_FONT_DIRS "$wine" zhibu.exe --db 'C:\资料\zhibu.db' demo >/dev/null &&
    env -u ZHIBU_FONT_DIRS "$wine" zhibu.exe --db 'C:\资料\zhibu.db' report print --year 2025 --pdf 'C:\资料\述职报告.pdf' >/dev/null 2>&1) || return 1
  local pdf="$WINEPREFIX/drive_c/资料/述职报告.pdf"
  pdftotext "$pdf" - | tr -d ' \n' | grep -q '抓基层党建工作述职报告' || return 1
  # The faces are the installed ones (the body in the package's Noto Serif, the headings in
  # LXGW WenKai), each embedded.
  pdffonts "$pdf" | grep -q 'NotoSerifCJKsc-Regular.*yes' && pdffonts "$pdf" | grep -q 'LXGWWenKai-Regular.*yes'
}
check "the installed zhibu.exe prints the duty report with the installed fonts" prints

system_fangsong() {
  # A Windows that has 仿宋 (C:\Windows\Fonts\simfang.ttf, as Chinese Windows do): the body
  # prints in it rather than in the installed Noto Serif. Stood in for by a face the package
  # does not carry, LXGW WenKai Mono, under simfang's name.
  local face=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKaiMono-Regular.ttf
  [ -s "$face" ] || { echo "  missing $face (fonts-lxgw-wenkai)"; return 1; }
  cp "$face" "$WINEPREFIX/drive_c/windows/Fonts/simfang.ttf"
  (cd "$installed" && env -u ZHIBU_FONT_DIRS "$wine" zhibu.exe --db 'C:\资料\zhibu.db' report print --year 2025 --pdf 'C:\资料\仿宋.pdf' >/dev/null 2>&1) || return 1
  rm "$WINEPREFIX/drive_c/windows/Fonts/simfang.ttf"
  local pdf="$WINEPREFIX/drive_c/资料/仿宋.pdf"
  # Mono is reachable only under that name, and only the body's role looks for it. (The page
  # numbers stay in the installed Noto Serif: their 宋体, simsun.ttc, is not there.)
  pdffonts "$pdf" | grep -q 'LXGWWenKaiMono-Regular.*yes'
}
check "with the system's 仿宋 in %WINDIR%\\Fonts, the body prints in it" system_fangsong

uninstall() {
  # The secretary's own data file, where the program keeps it (%APPDATA%\cn.zhibu.workbench).
  "$wine" "$installed/zhibu.exe" init --branch "中共卸载测试协会支部委员会" >/dev/null || return 1
  local data
  data="$(find -L "$users" -path '*cn.zhibu.workbench/zhibu.db' | head -n 1)"
  [ -s "$data" ] || { echo "  no data file under %APPDATA%"; return 1; }
  # The uninstaller copies itself to the temporary folder and runs from there: wait for it.
  "$wine" "$installed/卸载党支部工作台.exe" /S && "$wineserver" -w
  [ ! -e "$installed/zhibu-desktop.exe" ] && [ ! -e "$installed/fonts" ] || { echo "  the program is still there"; return 1; }
  [ -z "$(find -L "$users" -name '党支部工作台.lnk')" ] || { echo "  a shortcut is left"; return 1; }
  [ -s "$data" ] || { echo "  the data file was removed"; return 1; }
}
check "the uninstaller removes the program and its shortcuts and keeps the data" uninstall

echo "安装程序大小：$(du -m "$setup" | cut -f1) MB（$(basename "$setup")）"
finish "Windows 安装程序（Wine）"
