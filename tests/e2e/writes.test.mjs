// Lock-down: the app writes files only where the secretary chose (the data file, the folder
// picked in a save dialog) and in its own folders under the user's data and cache
// directories. The real app runs under `strace -f`, which records every file it or its WebKit
// processes create, open for writing, rename or delete while it prints, exports Excel and
// exports a backup; each such path must fall in an allowed place.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { click, launch, screenshot, tempHome, typeInto, waitGone, waitText, zhibu } from './harness.mjs';

const ID = 'cn.zhibu.workbench';
const WRITE_FLAGS = /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/;
const CHANGES = /^(mkdir|mkdirat|rename|renameat|renameat2|unlink|unlinkat|rmdir|link|linkat|symlink|symlinkat|truncate|creat)$/;

/** Paths the traced processes wrote to, from strace's output (successful calls only). */
function writtenPaths(trace) {
  const out = new Set();
  for (const line of trace.split('\n')) {
    const m = /^\d+\s+(\w+)\((.*)\)\s+= (-?\d+)/.exec(line);
    if (!m || Number(m[3]) < 0) continue;
    const [, call, args] = m;
    // With -y, a directory descriptor is printed with its path: 37</dir>, "name".
    const paths = [...args.matchAll(/(?:(?:-?\d+|AT_FDCWD)(?:<([^>]*)>)?,\s*)?"((?:[^"\\]|\\.)*)"/g)].map(([, dir, p]) =>
      dir && !p.startsWith('/') ? `${dir}/${p}` : p,
    );
    if ((call === 'openat' || call === 'open') && WRITE_FLAGS.test(args)) out.add(paths[0]);
    else if (CHANGES.test(call)) paths.forEach((p) => out.add(p));
  }
  return [...out].map((p) =>
    // strace prints non-ASCII bytes as \ooo or \xhh escapes; decode them back to UTF-8.
    Buffer.from(
      p.replace(/\\(x[0-9a-f]{2}|[0-7]{3}|.)/g, (_, e) =>
        String.fromCharCode(e[0] === 'x' ? parseInt(e.slice(1), 16) : /^[0-7]{3}$/.test(e) ? parseInt(e, 8) : e.charCodeAt(0)),
      ),
      'latin1',
    ).toString('utf8'),
  );
}

describe('文件写入只在用户选择的位置和程序数据目录', () => {
  const home = tempHome();
  const mine = path.join(home, 'my-files');
  const db = path.join(mine, 'zhibu.db');
  const chosen = path.join(home, 'chosen');
  const dirs = {
    HOME: path.join(home, 'home'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
  };
  const trace = path.join(home, 'strace.txt');
  const wrapper = path.join(home, 'zhibu-desktop');
  let session;

  before(async () => {
    for (const d of [mine, chosen, ...Object.values(dirs)]) mkdirSync(d, { recursive: true });
    zhibu(db, 'demo');
    // The wrapper keeps the app's name, so WebDriver starts it like the app itself.
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec strace -f -qq -o '${trace}' -y -e trace=%file,creat,truncate -e signal=none '${process.env.ZHIBU_APP}' "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    session = await launch({ home, db, application: wrapper, env: { ...dirs, ZHIBU_SAVE_TO: chosen } });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('prints, exports Excel and a backup, and writes nothing anywhere else', async () => {
    const { driver } = session;
    await click(driver, 'nav-roster');
    await click(driver, 'print-roster');
    await waitText(driver, '[data-testid="print-preview"]', '党员花名册');
    await click(driver, 'print-save');
    await waitText(driver, '[data-testid="print-saved"]', '.pdf');
    await click(driver, 'print-close');
    await waitGone(driver, '[data-testid="print-dialog"]');
    await click(driver, 'export-roster');
    await waitText(driver, '[data-testid="roster-exported"]', '已导出Excel');
    await click(driver, 'nav-backup');
    await typeInto(driver, 'backup-pass', '红旗渠精神永放光芒2026');
    await typeInto(driver, 'backup-pass2', '红旗渠精神永放光芒2026');
    await click(driver, 'backup-export');
    await waitText(driver, '[data-testid="backup-exported"]', '已导出备份（已加密）');
    await session.stop();
    session = null;

    const saved = readdirSync(chosen);
    assert.ok(saved.some((f) => f.endsWith('.pdf')) && saved.some((f) => f.endsWith('.xlsx')) && saved.some((f) => f.endsWith('.zhibu')),
      `the PDF, the workbook and the backup are in the chosen folder: ${saved}`);

    const allowed = [
      // Where the secretary chose: the data file's folder (the file, its WAL and journal, the
      // copy kept before a restore) and the folder picked in the save dialog.
      mine,
      chosen,
      // The app's own folders: its data (demo file, automatic backups, WebKit storage) and cache.
      path.join(dirs.XDG_DATA_HOME, ID),
      path.join(dirs.XDG_CACHE_HOME, ID),
      // The platform's, not the app's: GTK's settings cache (dconf), fontconfig's and Mesa's
      // caches, WebKit's shared memory, and the devices every process writes to.
      path.join(dirs.XDG_CACHE_HOME, 'dconf'),
      path.join(dirs.XDG_CACHE_HOME, 'fontconfig'),
      path.join(dirs.XDG_CACHE_HOME, 'mesa_shader_cache'),
      path.join(dirs.XDG_CACHE_HOME, 'mesa_shader_cache_db'),
      '/dev/shm/',
      '/dev/null',
      '/dev/pts/',
      '/dev/tty',
      '/dev/dri/',
      '/proc/self/',
      '/proc/thread-self/',
    ];
    const written = writtenPaths(readFileSync(trace, 'utf8'));
    assert.ok(written.some((p) => p.startsWith(chosen)), 'the trace recorded the saves (strace worked)');
    const outside = written.filter((p) => !allowed.some((a) => p === a || p.startsWith(a.endsWith('/') ? a : `${a}/`)));
    assert.deepEqual(outside, [], `written outside the allowed places:\n${outside.join('\n')}`);
  });
});
