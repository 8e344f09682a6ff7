#!/usr/bin/env bash
# Installs the .deb into a clean Debian 12 (debootstrap, minimal base, no container) and
# checks, as a new user would notice: the package brings in what it needs, carries its
# fonts and licences, the `zhibu` command prints a report with the carried 楷体, and the
# app starts under Xvfb and its window shows the demo branch's home page.
# Usage (as root): scripts/check-deb.sh [path/to/zhibu.deb]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deb="${1:-$(ls -t "$root"/target/release/bundle/deb/*.deb 2>/dev/null | head -1)}"
[ -f "$deb" ] || { echo "找不到 .deb 安装包：请先运行 scripts/build-deb.sh" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "需要 root 权限（debootstrap 与 chroot）" >&2; exit 1; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
work="$root/target/deb-check"
base="$work/bookworm-minbase.tar.gz"
mkdir -p "$work"

say() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[1;31m失败：%s\033[0m\n' "$*" >&2; exit 1; }

# The clean base system is made once and unpacked afresh for every check.
if [ ! -s "$base" ]; then
  say "debootstrap：Debian 12 最小系统"
  rm -rf "$work/pristine"
  debootstrap --variant=minbase bookworm "$work/pristine" "$mirror" > "$work/debootstrap.log"
  tar -C "$work/pristine" -czf "$base.tmp" . && mv "$base.tmp" "$base"
  rm -rf "$work/pristine"
fi
sys="$work/root"
cleanup() {
  for m in dev/pts dev proc sys; do umount -l "$sys/$m" 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup
rm -rf "$sys" && mkdir -p "$sys"
tar -C "$sys" -xzf "$base"
mount --bind /dev "$sys/dev"
mount --bind /dev/pts "$sys/dev/pts"
mount -t proc proc "$sys/proc"
mount -t sysfs sys "$sys/sys"
cp /etc/resolv.conf "$sys/etc/resolv.conf"
cp "$deb" "$sys/tmp/zhibu.deb"
inside() { chroot "$sys" env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

say "安装 $(basename "$deb")（只装它声明的依赖，不装推荐包）"
inside apt-get update -qq
inside env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/zhibu.deb \
  > "$work/install.log" 2>&1 || { tail -20 "$work/install.log"; fail "安装失败"; }

say "安装包带有程序、字体与许可证"
files="$(inside dpkg -L zhibu)"
for f in /usr/bin/zhibu-desktop /usr/bin/zhibu /usr/share/applications/zhibu.desktop \
  /usr/share/zhibu/fonts/LXGWWenKai-Regular.ttf /usr/share/zhibu/fonts/NotoSerifCJKsc-Regular.otf \
  /usr/share/zhibu/fonts/copyright-fonts-lxgw-wenkai.txt /usr/share/doc/zhibu/copyright \
  /usr/share/doc/zhibu/THIRD-PARTY.md; do
  grep -qx "$f" <<<"$files" || fail "安装包中没有 $f"
done

# Tools for checking only, installed after the package so that its own dependencies were
# tested alone.
inside env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  xvfb xauth x11-utils imagemagick poppler-utils procps curl webkit2gtk-driver > "$work/tools.log" 2>&1 \
  || { tail -20 "$work/tools.log"; fail "安装检查工具失败"; }

say "命令行：演示数据与述职报告 PDF"
inside zhibu --db /root/check.db demo > /dev/null
inside zhibu --db /root/check.db report print --year 2026 --pdf /root/report.pdf > /dev/null
fonts="$(inside pdffonts /root/report.pdf)"
grep -q "LXGWWenKai" <<<"$fonts" || { echo "$fonts"; fail "报告没有用安装包带的楷体"; }
inside pdftotext /root/report.pdf - | grep -q "述职报告" || fail "报告中没有“述职报告”"
cp "$sys/root/report.pdf" "$work/report.pdf"

say "桌面程序：在 Xvfb 中启动，等到页面显示演示支部"
# Driven through WebDriver (tauri-driver, WebKitWebDriver, curl), so the check waits for what
# a user would see: the branch's name in the header and the home page's reminders.
driver="$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")"
[ -x "$driver" ] || fail "找不到 tauri-driver：请先运行 scripts/setup.sh --test"
cp "$driver" "$sys/usr/local/bin/tauri-driver"
port=$((20000 + RANDOM % 20000))
inside sh -c 'Xvfb :87 -screen 0 1280x800x24 >/tmp/xvfb.log 2>&1 & echo $! > /tmp/xvfb.pid'
inside sh -c "DISPLAY=:87 XDG_RUNTIME_DIR=/tmp /usr/local/bin/tauri-driver --port $port --native-port $((port + 1)) \
  >/tmp/driver.log 2>&1 & echo \$! > /tmp/driver.pid"
wd() { inside curl -s -m 60 -H 'Content-Type: application/json' "$@"; }
# Ending the WebDriver session closes the app; then the driver and the display go.
stop_all() {
  inside kill "$(cat "$sys/tmp/driver.pid")" "$(cat "$sys/tmp/xvfb.pid")" 2>/dev/null || true
}
for _ in $(seq 1 60); do wd "http://127.0.0.1:$port/status" > /dev/null && break; sleep 0.5; done
session="$(wd -X POST -d '{"capabilities":{"alwaysMatch":{"browserName":"wry","tauri:options":{"application":"/usr/bin/zhibu-desktop"}}}}' \
  "http://127.0.0.1:$port/session" | grep -o '"sessionId":"[^"]*"' | cut -d'"' -f4)"
[ -n "$session" ] || { stop_all; cat "$sys/tmp/driver.log"; fail "程序没有启动（WebDriver 会话未建立）"; }
shown_text() { # the text a user sees in the element matching $1
  wd -X POST -d "{\"script\":\"const e = document.querySelector('$1'); return e ? e.innerText : ''\",\"args\":[]}" \
    "http://127.0.0.1:$port/session/$session/execute/sync"
}
shown=""
for _ in $(seq 1 120); do
  if shown_text '[data-testid=branch-name]' | grep -q '中共北京阳光社会工作服务中心支部委员会' \
    && shown_text '[data-testid=reminders]' | grep -q '孙涛' \
    && inside env DISPLAY=:87 xwininfo -root -tree 2>/dev/null | grep -q '"党支部工作台"'; then
    shown=yes; break
  fi
  sleep 0.5
done
inside env DISPLAY=:87 import -window root /tmp/shot.png 2>/dev/null && cp "$sys/tmp/shot.png" "$work/app.png"
wd -X DELETE "http://127.0.0.1:$port/session/$session" > /dev/null || true
stop_all
[ -n "$shown" ] || { cat "$sys/tmp/driver.log"; fail "60 秒内程序窗口没有显示演示支部的首页"; }
sleep 1
say "通过：安装、字体与许可证、命令行打印、程序窗口（截图 $work/app.png）"
