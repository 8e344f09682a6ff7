#!/usr/bin/env bash
# Sets up everything and starts 党支部工作台. Without data of your own yet, the app opens a
# separate demo file; your real data file is never touched by demo data.
# Pass --db FILE to open a particular data file.
# `./run.sh --install` instead builds the .deb package, installs it (apt, needs root or
# sudo) and starts the installed program; afterwards it is in the desktop's menu too.
# `./run.sh --windows` builds the Windows programs and their installer (to copy to a Windows
# computer; see the README's Windows section).
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
source "$root/scripts/setup.sh"
if [ "${1:-}" = "--install" ]; then
  shift
  "$root/scripts/build-deb.sh"
  deb="$(ls -t "$root"/target/release/bundle/deb/*.deb | head -1)"
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb"
  exec zhibu-desktop "$@"
fi
if [ "${1:-}" = "--windows" ]; then
  exec "$root/scripts/build-windows.sh"
fi
"$root/scripts/build-app.sh"
exec "$root/target/debug/zhibu-desktop" "$@"
