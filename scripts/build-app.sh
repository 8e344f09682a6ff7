#!/usr/bin/env bash
# Builds the desktop app (web UI bundled in) as target/debug/zhibu-desktop. The same build
# serves running and the e2e tests, so target/ is reused between them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root/ui" && npm run --silent build)
# custom-protocol makes the binary serve the bundled UI instead of a dev server.
cargo build --manifest-path "$root/Cargo.toml" -p zhibu-desktop --features custom-protocol
