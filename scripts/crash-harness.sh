#!/usr/bin/env bash
# The full crash-safety harness: 100 trials of killing `zhibu` (SIGKILL) in the middle of a
# stream of writes, then checking the data file (see src-tauri/cli/tests/crash.rs).
# The test command runs a dozen trials; this runs the hundred. Replay a failure with
# ZHIBU_CRASH_SEED=<seed printed in the failure>.
set -euo pipefail
cd "$(dirname "$0")/.."
ZHIBU_CRASH_TRIALS="${ZHIBU_CRASH_TRIALS:-100}" \
  cargo test -p zhibu-cli --test crash -- --nocapture
