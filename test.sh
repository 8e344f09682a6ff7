#!/usr/bin/env bash
# Sets up everything and runs every test: Rust core and CLI, the coverage-guided fuzzers for a
# fixed count, the Windows programs, their installer and the Rust test suites under Wine, UI
# logic, and the real app end to end under Xvfb through tauri-driver + WebKitWebDriver.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
source scripts/setup.sh --test

echo "==> Rust：核心与命令行测试"
# The two Tauri binaries (the app, the benchmark's minimal window) are built apart.
cargo test --workspace --exclude zhibu-desktop --exclude zhibu-bench-window

if [ "${CI:-}" = "true" ] && [ -n "$(git status --porcelain -- ui/src/bindings 2>/dev/null)" ]; then
  echo "ui/src/bindings 与 Rust 类型不一致：请运行 cargo test 后提交生成的文件" >&2
  git status --porcelain -- ui/src/bindings >&2
  exit 1
fi

echo "==> 模糊测试：Excel 导入与备份读取（cargo-fuzz，每个目标固定 20000 个输入）"
scripts/fuzz.sh --runs 20000

echo "==> Windows：交叉编译程序和安装程序，在 Wine 中测试"
scripts/build-windows.sh
tests/windows/cli.sh
tests/windows/installer.sh
# The Rust test suites (core, typesetter, command line) built for Windows, run under Wine.
tests/windows/suites.sh

echo "==> 前端单元测试"
(cd ui && npx vitest run)

echo "==> 构建桌面程序"
scripts/build-app.sh

echo "==> 端到端测试（真实程序，Xvfb）"
export ZHIBU_APP="$root/target/debug/zhibu-desktop"
# A session bus of the tests' own: the app's single-instance check needs one
# (tests/e2e/single-instance.test.mjs), and on a desktop it keeps the test windows from handing
# over to a zhibu the user has open. A test that waits on a window that stopped answering
# fails after five minutes instead of holding the run until CI's limit.
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 --test-timeout=300000 tests/e2e/*.test.mjs
