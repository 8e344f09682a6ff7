#!/usr/bin/env bash
# Cross-builds the Windows programs here on Linux (x86_64-pc-windows-gnu, MinGW as linker):
# target/x86_64-pc-windows-gnu/release/zhibu.exe (the command line), and the stand-in
# bcryptprimitives.dll that lets Wine 8 run Rust programs (tools/windows/, tests only).
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
mkdir -p "$out"
x86_64-w64-mingw32-gcc -shared -O2 -o "$out/bcryptprimitives.dll" tools/windows/bcryptprimitives.c -ladvapi32
ls -la "$out/zhibu.exe" "$out/bcryptprimitives.dll"
