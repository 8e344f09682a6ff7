#!/usr/bin/env bash
# Sets up everything and starts 党支部工作台. Without data of your own yet, the app opens a
# separate demo file; your real data file is never touched by demo data.
# Pass --db FILE to open a particular data file.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
source "$root/scripts/setup.sh"
"$root/scripts/build-app.sh"
exec "$root/target/debug/zhibu-desktop" "$@"
