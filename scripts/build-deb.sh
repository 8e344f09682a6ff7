#!/usr/bin/env bash
# Builds the installable package target/release/bundle/deb/zhibu_<version>_amd64.deb: the
# app, the `zhibu` command line, the print fonts and every licence. Needs what
# scripts/setup.sh installs (it runs it first), plus Python's fontTools (fetched from PyPI
# into target/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
pkg="$root/target/package"
# The print fonts and their licences, into $pkg/fonts (shared with the Windows installer).
source "$root/scripts/package-fonts.sh"

# Licences: ours as the Debian copyright file, the third-party list beside it.
cp "$root/LICENSE" "$pkg/copyright"
python3 "$root/tools/third-party-licences.py" > "$pkg/THIRD-PARTY.md"

cargo build --manifest-path "$root/Cargo.toml" --release -p zhibu-cli
(cd "$root/src-tauri" && npx --prefix "$root/ui" tauri build --bundles deb --config tauri.deb.conf.json)
ls -l "$root"/target/release/bundle/deb/*.deb
