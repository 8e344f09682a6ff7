#!/usr/bin/env bash
# The Rust test suites of the core, the typesetter and the command line, built for Windows
# (x86_64-pc-windows-gnu) and run under Wine: cargo hands each test program to
# tests/windows/run-exe.sh, which starts it with wine64 in one fresh prefix shared by the run.
# The Linux tools the tests read outputs with (pdftotext, pdfinfo, pdftoppm, unzip, 7z,
# soffice) are run for them on the Linux side by tests/windows/host-tools.py, which this
# starts: Wine cannot hand a Linux child's exit and output back to a Windows program
# (src-tauri/host-tools says more).
# Built with --release, so that the test programs share the dependencies scripts/build-windows.sh
# has built (and run faster under Wine): 3½ minutes instead of 7 here. cargo then leaves its
# test build of zhibu.exe (the one with the crash tests' pause points) in release/ until
# build-windows.sh puts the real one back; the installer is made from build-windows.sh's own.
# Arguments go to cargo test (e.g. -p zhibu-core, or a test name).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cargo_args=("$@")
set --
# The prefix gets a HOME of its own; cargo and rustup stay the user's.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
source "$here/wine-prefix.sh"

# One wineserver for the whole run. Left to end itself after each test program, it races the
# next one's start ("wine client error: recvmsg: Connection reset by peer"). Started here with
# its output on /dev/null, and Wine's services with it, so that nothing of Wine's keeps this
# script's output open after it ends; the trap of wine-prefix.sh ends it (-k) however the
# script ends.
"$wineserver" -p </dev/null >/dev/null 2>&1
"$wine" wineboot </dev/null >/dev/null 2>&1

# The Linux tools the tests read outputs with, run for them on this side
# (src-tauri/host-tools, tests/windows/host-tools.py).
exec {tools}< <(exec python3 "$here/host-tools.py")
helpers+=("$!")
read -r -u "$tools" ZHIBU_HOST_TOOLS || { echo "host-tools.py did not start" >&2; exit 1; }
export ZHIBU_HOST_TOOLS

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$here/run-exe.sh"
cd "$root"
cargo test --release --target x86_64-pc-windows-gnu --no-fail-fast "${cargo_args[@]}"
