#!/usr/bin/env bash
# Builds the app and the minimal Tauri window in release mode and measures start-up and
# memory of both under Xvfb (bench/app.mjs). Run by hand after scripts/setup.sh --test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
(cd ui && npm run --silent build)
cargo build --release -p zhibu-desktop --features zhibu-desktop/custom-protocol -p zhibu-cli -p zhibu-bench-window
export ZHIBU_APP="$root/target/release/zhibu-desktop"
# A private session bus: the single-instance check would otherwise hand over to a zhibu
# already open on this desktop.
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" node bench/app.mjs --window "$root/target/release/zhibu-bench-window" "$@"
