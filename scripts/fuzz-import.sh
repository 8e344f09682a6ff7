#!/usr/bin/env bash
# Fuzzes the Excel importer for five minutes (ZHIBU_FUZZ_SECS to change), optimized.
# The test command runs the same fuzzer for a few seconds. Replay: ZHIBU_FUZZ_SEED=<seed>.
set -euo pipefail
cd "$(dirname "$0")/.."
ZHIBU_FUZZ_SECS="${ZHIBU_FUZZ_SECS:-300}" \
  cargo test --release -p zhibu-core --test fuzz_import -- --nocapture
