#!/usr/bin/env bash
# Cross-builds the Windows programs here on Linux (x86_64-pc-windows-gnu, MinGW as linker) and
# their installer, in target/x86_64-pc-windows-gnu/release/: zhibu-desktop.exe (the app, its
# UI built in), zhibu.exe (the command line), zhibu-<version>-windows-x64-setup.exe (made by
# Debian's makensis from scripts/windows/installer.nsi, with the print fonts of the .deb), and
# the stand-in bcryptprimitives.dll that lets Wine 8 run Rust programs and holdopen.exe, which
# holds a file open as a Windows reader does (tools/windows/, for the tests only, never in the
# installer).
# Sets up what it needs (scripts/setup.sh --windows: Debian's MinGW cross compiler and Wine,
# Rust's Windows standard library). The target folder is the workspace's, shared with the
# Linux builds (the build scripts and macros are built once for both).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/setup.sh --windows

out="$root/target/x86_64-pc-windows-gnu/release"
say "交叉编译 Windows 命令行 zhibu.exe"
cargo build --release --target x86_64-pc-windows-gnu -p zhibu-cli
say "交叉编译 Windows 桌面程序 zhibu-desktop.exe"
(cd ui && npm run --silent build)
# custom-protocol: the program serves the bundled UI instead of a dev server.
cargo build --release --target x86_64-pc-windows-gnu -p zhibu-desktop --features zhibu-desktop/custom-protocol
mkdir -p "$out"
x86_64-w64-mingw32-gcc -shared -O2 -o "$out/bcryptprimitives.dll" tools/windows/bcryptprimitives.c -ladvapi32
x86_64-w64-mingw32-gcc -municode -O2 -o "$out/holdopen.exe" tools/windows/holdopen.c

say "Windows 安装程序"
pkg="$root/target/package"
source scripts/package-fonts.sh
win="$root/target/package/windows"
rm -rf "$win" && mkdir -p "$win/bin" "$win/docs"
# Without a symbol table already (the release profile's strip; MinGW's nm finds none).
cp "$out/zhibu-desktop.exe" "$out/zhibu.exe" "$win/bin/"
# webview2-com-sys leaves the loader it links against beside the program.
cp "$out/WebView2Loader.dll" "$win/bin/"
# Text files with Windows line ends, so Notepad shows their lines.
sed 's/$/\r/' LICENSE > "$win/docs/LICENSE.txt"
python3 tools/third-party-licences.py | sed 's/$/\r/' > "$win/docs/THIRD-PARTY.md"
version="$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "zhibu-desktop"))')"
setup="$out/zhibu-$version-windows-x64-setup.exe"
makensis -V2 -DVERSION="$version" -DBIN="$win/bin" -DFONTS="$pkg/fonts" -DDOCS="$win/docs" \
  -DOUT="$setup" scripts/windows/installer.nsi
ls -la "$out/zhibu.exe" "$out/zhibu-desktop.exe" "$setup"
