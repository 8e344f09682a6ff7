// One window per data file: a second start of the app (a double click too many) brings the
// window already open forward and exits by itself, without ever opening the data file — two
// windows on one SQLite file would each go on with what it last read and overwrite the other.
// The single-instance plugin finds the first instance over the D-Bus session bus, so this file
// needs one: test.sh runs the suite under dbus-run-session. Without a bus (a bare xvfb-run) the
// app must still start, which the last case checks.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { TIMEOUT, appEnv, appPids, click, launch, screenshot, tempHome, waitText, zhibu } from './harness.mjs';

/** Every process that has `file` itself open (not its -wal or -journal), by number. */
function holders(file) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // Gone, or not ours to look at.
    }
    if (
      fds.some((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
        } catch {
          return false; // Closed meanwhile.
        }
      })
    )
      pids.push(Number(pid));
  }
  return pids;
}

/** Whether the window is on screen ('visible') and has the keyboard ('focused'). */
function shown(driver) {
  return driver.executeScript(() => [document.visibilityState, ...(document.hasFocus() ? ['focused'] : [])].join(', '));
}

/** Resolves with { code, signal } once `child` exits; fails if it is still running past the
 * deadline (the caller kills it then). */
function exited(child, timeout = TIMEOUT) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the second start was still running after ${timeout / 1000} s, a second window on the same file`)),
      timeout,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('a second start brings the open window forward', () => {
  const home = tempHome();
  const db = path.join(home, 'zhibu.db');
  const trace = path.join(home, 'second.strace');
  let session;
  let second;
  let first = [];

  before(async () => {
    // Without a bus the plugin cannot find the first instance: say so instead of failing
    // somewhere further on.
    assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'no D-Bus session bus: run the e2e tests under dbus-run-session (see test.sh)');
    zhibu(db, 'demo');
    session = await launch({ home, db });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) {
      // A minimized window paints nothing to take a picture of: restore it first.
      await session.driver.manage().window().setRect({ x: 0, y: 0 }).catch(() => {});
      console.log('screenshot:', await screenshot(session.driver, t.name));
    }
  });
  after(async () => {
    // A second start that stayed (no single-instance check) is not the session's to end.
    if (first.length > 0) {
      for (const pid of appPids(db).filter((p) => !first.includes(p))) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Exited meanwhile.
        }
      }
    }
    if (second && second.exitCode === null && second.signalCode === null) second.kill('SIGKILL');
    await session?.stop();
  });

  it('brings the minimized window forward, exits by itself and never opens the data file', async () => {
    const { driver } = session;
    await waitText(driver, '[data-testid="reminders"]', '孙涛');
    first = appPids(db);
    assert.equal(first.length, 1, `one app on the file: ${first}`);
    assert.deepEqual(holders(db), first, 'the first window holds the data file');
    // Minimized, as a window the secretary forgot about behind others.
    await driver.manage().window().minimize();
    await driver.wait(async () => (await shown(driver)) === 'hidden', TIMEOUT, 'the window never minimized');

    // As a double click starts it: the same binary, arguments and environment (data folder,
    // display, session bus), not through WebDriver. strace records every file it touches, so
    // the test sees that it never even looked at the data file.
    const log = openSync(path.join(home, 'second.log'), 'a');
    second = spawn(
      'strace',
      ['-f', '-qq', '-o', trace, '-e', 'trace=%file', '-e', 'signal=none', process.env.ZHIBU_APP, '--db', db],
      { env: appEnv({ home, db }), stdio: ['ignore', log, log] },
    );
    const { code, signal } = await exited(second);
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, `the second start failed; see ${path.join(home, 'second.log')}`);

    const calls = readFileSync(trace, 'utf8');
    assert.ok(calls.includes(`execve("${process.env.ZHIBU_APP}"`), 'strace recorded the second start');
    // Its own command line names the file; any other call naming it (open, stat, access…)
    // would be the second start reaching for it.
    const touched = calls.split('\n').filter((l) => l.includes(`"${db}`) && !/^\d+\s+execve\(/.test(l));
    assert.deepEqual(touched, [], 'the second start touched the data file');

    assert.deepEqual(appPids(db), first, 'only the first app runs');
    assert.deepEqual(holders(db), first, 'exactly one process has the data file open');
    // The first window came forward, still shows its page and still answers.
    await driver.wait(async () => (await shown(driver)) === 'visible, focused', TIMEOUT, 'the first window did not come forward');
    await waitText(driver, '[data-testid="reminders"]', '孙涛');
    await click(driver, 'nav-roster');
    await waitText(driver, '[data-testid="roster-table"]', '王建国');
  });
});

describe('without a D-Bus session bus', () => {
  const home = tempHome();
  const db = path.join(home, 'zhibu.db');
  const runtime = path.join(home, 'runtime');
  let session;

  before(async () => {
    zhibu(db, 'demo');
    // As under a bare xvfb-run: no bus address, and no bus socket where one is looked for
    // ($XDG_RUNTIME_DIR/bus).
    mkdirSync(runtime, { recursive: true, mode: 0o700 });
    session = await launch({ home, db, env: { DBUS_SESSION_BUS_ADDRESS: undefined, XDG_RUNTIME_DIR: runtime } });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('still starts, as the only window', async () => {
    const { driver } = session;
    await waitText(driver, '[data-testid="reminders"]', '孙涛');
    const app = appPids(db);
    assert.equal(app.length, 1, `one app on the file: ${app}`);
    assert.deepEqual(holders(db), app, 'the app holds its data file');
  });
});
