#!/usr/bin/env bash
# The full crash-safety harness, 100 trials each of:
# - killing `zhibu` (SIGKILL) in the middle of a stream of writes (src-tauri/cli/tests/crash.rs);
# - stopping it (SIGINT, SIGTERM or SIGKILL) at a random moment of an encrypted export, a
#   verify, a restore or an Excel import (src-tauri/cli/tests/crash_backup.rs).
# The test command runs a dozen trials of each; this runs the hundred. Replay a failure with
# ZHIBU_CRASH_SEED=<seed printed in the failure>.
set -euo pipefail
cd "$(dirname "$0")/.."
ZHIBU_CRASH_TRIALS="${ZHIBU_CRASH_TRIALS:-100}" \
  cargo test -p zhibu-cli --test crash --test crash_backup -- --nocapture
