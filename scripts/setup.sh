#!/usr/bin/env bash
# Installs what building, running and testing zhibu needs on Debian/Ubuntu. Idempotent:
# each step is skipped when already done. Sourced by run.sh and test.sh; `--test` adds what
# only the tests need (tauri-driver, the e2e packages, the fuzzers, the Windows build);
# `--windows` only what cross-building for Windows and running it under Wine needs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want_test=0
want_windows=0
[ "${1:-}" = "--test" ] && want_test=1 && want_windows=1
# The Windows build (scripts/build-windows.sh) and its tests under Wine: part of the tests.
[ "${1:-}" = "--windows" ] && want_windows=1

say() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# System packages: WebKitGTK for the window, Xvfb + WebKitWebDriver for the e2e tests,
# D-Bus for the tests' own session bus (dbus-run-session: the app finds an already running
# instance over it), poppler and ImageMagick to check printouts, strace to see where the app
# writes, Noto CJK and LXGW WenKai so Chinese renders and prints everywhere, Unihan to choose
# the characters the package's fonts keep.
packages=(build-essential pkg-config file libssl-dev libxdo-dev libwebkit2gtk-4.1-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth x11-utils webkit2gtk-driver dbus
  imagemagick poppler-utils strace fonts-noto-cjk fonts-lxgw-wenkai unicode-data python3-venv
  curl ca-certificates)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "安装系统软件包：${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# Rust: the distribution's rustc is too old for Tauri 2; rustup's stable is what we test on.
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  say "安装 Rust（rustup）"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  export PATH="$HOME/.cargo/bin:$PATH"
fi

# Node.js ≥ 20.19 for Vite 8.
node_ok() { command -v node >/dev/null 2>&1 && node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; }
if ! node_ok; then
  say "安装 Node.js"
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  node_ok || { echo "需要 Node.js 20.19 或更新版本（当前：$(node --version 2>/dev/null || echo 无)）" >&2; exit 1; }
fi

# npm packages, from the lock file; reinstalled only when it changed.
npm_ci() {
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "安装前端依赖（$dir）"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci "$root/ui"

if [ "$want_test" = 1 ]; then
  # LibreOffice opens the Word files the tests save, as WPS or Word would (cli/tests/word.rs).
  if ! command -v soffice >/dev/null 2>&1; then
    say "安装 LibreOffice Writer（检查 Word 文件）"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui
  fi
  # unzip and 7-Zip open the yearly package, plain and AES-encrypted, as a committee's office
  # would (cli/tests/package.rs).
  if ! command -v 7z >/dev/null 2>&1 || ! command -v unzip >/dev/null 2>&1; then
    say "安装 unzip 和 7-Zip（检查年度材料包）"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends unzip p7zip-full
  fi
  npm_ci "$root/tests/e2e"
  if ! command -v tauri-driver >/dev/null 2>&1; then
    say "安装 tauri-driver"
    cargo install tauri-driver --locked --quiet
  fi
  # The coverage-guided fuzzer (scripts/fuzz.sh) needs a nightly Rust beside the stable one
  # (libFuzzer's instrumentation) and cargo-fuzz from crates.io.
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    say "安装 Rust nightly（模糊测试）"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "安装 cargo-fuzz"
    cargo install cargo-fuzz --locked --quiet
  fi
fi

if [ "$want_windows" = 1 ]; then
  # MinGW links the Windows programs (and builds the bundled SQLite); Wine runs them here;
  # NSIS makes the installer; fontTools (for the fonts) needs python3-venv, installed above.
  win_missing=()
  for p in gcc-mingw-w64-x86-64 wine64 nsis; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || win_missing+=("$p")
  done
  if [ ${#win_missing[@]} -gt 0 ]; then
    say "安装 Windows 交叉编译器与 Wine：${win_missing[*]}"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${win_missing[@]}"
  fi
  if ! rustup target list --installed | grep -q '^x86_64-pc-windows-gnu$'; then
    say "安装 Rust 的 Windows 标准库（x86_64-pc-windows-gnu）"
    rustup target add x86_64-pc-windows-gnu
  fi
fi
