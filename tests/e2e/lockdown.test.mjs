// Lock-down, checked on the real app in one session traced from its start to its exit with
// `strace -f` (every file and network call of the app and its WebKit processes):
//
// - no network: no connection or datagram to any internet address for the whole session —
//   only the loopback port the app itself listens on for WebDriver's automation; at the end
//   of the page walk /proc shows no other TCP socket and no UDP socket (a DNS lookup);
// - the content security policy, told apart from a network that is simply not there: a
//   server of the test's own on 127.0.0.1 would answer an image and a fetch (node fetches from
//   it first), the page must fire one `securitypolicyviolation` per load and per inline
//   script, and the server must see no request from the app;
// - files written only where the secretary chose (the data file's folder, the folder picked
//   in the save dialog), in the app's own folders, and in the few places of the platform the
//   README names, each with its reason;
// - no ID number or phone number of the roster, after the app has exited, in its log or in
//   any file it wrote other than the data file, its automatic backups and the files the
//   secretary saved (which hold them by design). The same search finds them in the data file,
//   so it would find them elsewhere.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { appPids, click, launch, processTree, screenshot, tempHome, typeInto, waitGone, waitText, zhibu } from './harness.mjs';

const ID = 'cn.zhibu.workbench';

// ---- strace's output -----------------------------------------------------------------------

/** The trace as whole calls: under -f a call interrupted by another process's is printed as
 * `pid call(args <unfinished ...>` and later `pid <... call resumed>rest`; the two halves are
 * joined here so that no call is lost. Returns [{pid, call, args, ret}]. */
export function traceCalls(trace) {
  const pending = new Map();
  const calls = [];
  for (const raw of trace.split('\n')) {
    let line = raw;
    const unfinished = /^(\d+)\s+(.*?)\s*<unfinished \.\.\.>$/.exec(line);
    if (unfinished) {
      pending.set(unfinished[1], unfinished[2]);
      continue;
    }
    // A thread that ends inside a call (blocked in it as the process exits) never resumes
    // it: the call is kept without a result — an attempt to connect counts all the same.
    const exited = /^(\d+)\s+\+\+\+ (exited|killed)/.exec(line);
    if (exited) {
      const start = pending.get(exited[1]);
      pending.delete(exited[1]);
      const m = start && /^(\w+)\((.*)$/.exec(start);
      if (m) calls.push({ pid: exited[1], call: m[1], args: m[2], ret: Number.NaN });
      continue;
    }
    const resumed = /^(\d+)\s+<\.\.\. (\w+) resumed>\s?(.*)$/.exec(line);
    if (resumed) {
      const start = pending.get(resumed[1]);
      pending.delete(resumed[1]);
      if (start === undefined) throw new Error(`strace: a resumed call without its start: ${line}`);
      line = `${resumed[1]} ${start}${resumed[3]}`;
    }
    const m = /^(\d+)\s+(\w+)\((.*)\)\s+= (-?\d+|\?)/.exec(line);
    if (m) calls.push({ pid: m[1], call: m[2], args: m[3], ret: m[4] === '?' ? 0 : Number(m[4]) });
  }
  assert.equal(pending.size, 0, `strace: calls never resumed: ${[...pending.values()].join(' | ')}`);
  return calls;
}

const WRITE_FLAGS = /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/;
const CHANGES = /^(mkdir|mkdirat|rename|renameat|renameat2|unlink|unlinkat|rmdir|link|linkat|symlink|symlinkat|truncate|creat)$/;

/** strace prints non-ASCII bytes as \ooo or \xhh escapes; decode them back to UTF-8. */
function unescape(p) {
  return Buffer.from(
    p.replace(/\\(x[0-9a-f]{2}|[0-7]{3}|.)/g, (_, e) =>
      String.fromCharCode(e[0] === 'x' ? parseInt(e.slice(1), 16) : /^[0-7]{3}$/.test(e) ? parseInt(e, 8) : e.charCodeAt(0)),
    ),
    'latin1',
  ).toString('utf8');
}

/** Paths the traced processes created, opened for writing, renamed or deleted (successful
 * calls only: a refused open wrote nothing). */
export function writtenPaths(calls) {
  const out = new Set();
  for (const { call, args, ret } of calls) {
    if (!(ret >= 0)) continue;
    // With -y, a directory descriptor is printed with its path: 37</dir>, "name".
    const paths = [...args.matchAll(/(?:(?:-?\d+|AT_FDCWD)(?:<([^>]*)>)?,\s*)?"((?:[^"\\]|\\.)*)"/g)].map(([, dir, p]) =>
      dir && !p.startsWith('/') ? `${dir}/${p}` : p,
    );
    if ((call === 'openat' || call === 'open') && WRITE_FLAGS.test(args)) out.add(paths[0]);
    else if (CHANGES.test(call)) paths.forEach((p) => out.add(p));
  }
  return [...out].map(unescape);
}

/** Every attempt to reach an internet address (IPv4 or IPv6), whether or not it succeeded:
 * {call, family, address, port}. */
export function networkUse(calls) {
  const out = [];
  for (const { call, args } of calls) {
    if (!/^(connect|sendto|sendmsg|sendmmsg)$/.test(call)) continue;
    const family = /sa_family=(AF_INET6?)\b/.exec(args);
    if (!family) continue;
    const port = /sin6?_port=htons\((\d+)\)/.exec(args);
    const address = /inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"/.exec(args);
    out.push({ call, family: family[1], address: address ? address[1] ?? address[2] : '?', port: port ? Number(port[1]) : 0 });
  }
  return out;
}

/** The loopback ports the traced processes bound to listen on (WebKit's automation server). */
function boundLoopbackPorts(calls) {
  const ports = new Set();
  for (const { call, args, ret } of calls) {
    if (call !== 'bind' || !(ret >= 0)) continue;
    const port = /sin6?_port=htons\((\d+)\)/.exec(args);
    if (port && /inet_addr\("127\.0\.0\.1"\)|inet_pton\(AF_INET6, "::1"/.test(args)) ports.add(Number(port[1]));
  }
  return ports;
}

// ---- /proc ---------------------------------------------------------------------------------

function socketInodes(pids) {
  const inodes = new Set();
  for (const p of pids) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${p}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /socket:\[(\d+)\]/.exec(readlinkSync(`/proc/${p}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch {
        // Closed meanwhile.
      }
    }
  }
  return inodes;
}

/** The inet sockets among `inodes`: {proto, local, remote, state} with addresses as hex. */
function inetSockets(inodes) {
  const found = [];
  for (const proto of ['tcp', 'tcp6', 'udp', 'udp6']) {
    for (const line of readFileSync(`/proc/net/${proto}`, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && inodes.has(cols[9])) found.push({ proto, local: cols[1], remote: cols[2], state: cols[3] });
    }
  }
  return found;
}

const LOOPBACK = /^(0100007F|0000000000000000FFFF00000100007F|00000000000000000000000001000000):/;
const hexPort = (addr) => addr.split(':')[1];

/** Every file under `dir`, recursively. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, f))
    .filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
}

describe('lock-down of the real app', () => {
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
  let people;
  // A server of the test's own, which would answer the app if its policy let a request out.
  let server;
  let origin;
  const requests = [];

  before(async () => {
    for (const d of [mine, chosen, ...Object.values(dirs)]) mkdirSync(d, { recursive: true });
    zhibu(db, 'demo');
    people = JSON.parse(zhibu(db, 'member', 'list', '--json', '--status', 'all'));
    server = createServer((req, res) => {
      requests.push(req.url);
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (req.url.endsWith('.png')) {
        res.setHeader('Content-Type', 'image/png');
        // A 1×1 transparent PNG.
        res.end(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==', 'base64'));
      } else {
        res.setHeader('Content-Type', 'application/json');
        res.end('{"answered":true}');
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
    // The server answers: a blocked load later is the policy's doing, not an absent host.
    assert.deepEqual(await (await fetch(`${origin}/data.json`)).json(), { answered: true });
    requests.length = 0;
    // The wrapper keeps the app's name, so WebDriver starts it like the app itself.
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec strace -f -qq -o '${trace}' -y -e trace=%file,creat,truncate,bind,connect,sendto,sendmsg,sendmmsg -e signal=none '${process.env.ZHIBU_APP}' "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    session = await launch({ home, db, application: wrapper, env: { ...dirs, ZHIBU_SAVE_TO: chosen } });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
    server?.close();
  });

  it('holds no internet socket after every page was used', async () => {
    const { driver } = session;
    await waitText(driver, '[data-testid="reminders"]', '孙涛');
    for (const [nav, css, text] of [
      ['nav-roster', '[data-testid="roster-table"]', '王建国'],
      ['nav-meetings', 'h1', '组织生活'],
      ['nav-development', 'h1', '发展党员'],
      ['nav-dues', '[data-testid="dues-table"]', '孙涛'],
      ['nav-venue', 'h1', '六有阵地'],
      ['nav-report', 'h1', '述职报告'],
      ['nav-submit', '[data-testid="submit-parts"]', '党内统计表'],
      ['nav-backup', 'h1', '数据备份'],
      ['nav-branch', 'h1', '支部设置'],
    ]) {
      await click(driver, nav);
      await waitText(driver, css, text);
    }
    const app = appPids(db);
    assert.ok(app.length > 0, 'the app is running');
    const sockets = inetSockets(socketInodes(processTree(app)));
    const automation = new Set(sockets.filter((s) => s.proto.startsWith('tcp') && s.state === '0A').map((s) => hexPort(s.local)));
    const other = sockets.filter(
      (s) =>
        s.proto.startsWith('udp') ||
        !(LOOPBACK.test(s.local) && (s.state === '0A' || LOOPBACK.test(s.remote))) ||
        (s.state !== '0A' && !automation.has(hexPort(s.local)) && !automation.has(hexPort(s.remote))),
    );
    assert.deepEqual(other, [], `sockets besides the WebDriver automation: ${JSON.stringify(other)}`);
  });

  it('blocks inline scripts and loads from any other origin by its policy', async () => {
    const { driver } = session;
    const result = await driver.executeAsyncScript(
      (from, done) => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          violations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI }),
        );
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true;';
        document.body.appendChild(s);
        const img = new Image();
        const image = new Promise((resolve) => {
          img.onload = () => resolve('loaded');
          img.onerror = () => resolve('blocked');
        });
        img.src = `${from}/logo.png`;
        const fetched = fetch(`${from}/data.json`).then(
          () => 'fetched',
          () => 'blocked',
        );
        Promise.all([image, fetched]).then(([i, f]) => {
          // The reports are queued as tasks of their own: wait for all three, up to 5 s.
          const until = Date.now() + 5000;
          const finish = () =>
            violations.length >= 3 || Date.now() > until
              ? done({ inline: window.__inlineRan === true, image: i, fetch: f, violations })
              : setTimeout(finish, 20);
          finish();
        });
      },
      origin,
    );
    // One comparison, so that a broken policy shows everything it let through at once.
    const reported = (directive) =>
      result.violations.some((v) => v.directive.replace(/-elem$/, '') === directive && (directive === 'script-src' || v.blocked.startsWith(origin)));
    assert.deepEqual(
      {
        inline: result.inline,
        image: result.image,
        fetch: result.fetch,
        reported: ['script-src', 'img-src', 'connect-src'].filter(reported),
        askedOfTheServer: requests,
      },
      { inline: false, image: 'blocked', fetch: 'blocked', reported: ['script-src', 'img-src', 'connect-src'], askedOfTheServer: [] },
      `violations reported: ${JSON.stringify(result.violations)}`,
    );
  });

  it('prints, exports Excel and a backup into the folder chosen', async () => {
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
    const saved = readdirSync(chosen);
    assert.ok(saved.some((f) => f.endsWith('.pdf')) && saved.some((f) => f.endsWith('.xlsx')) && saved.some((f) => f.endsWith('.zhibu')),
      `the PDF, the workbook and the backup are in the chosen folder: ${saved}`);
  });

  let calls;
  it('after it closed: all session long it reached no address but its own automation port', async () => {
    await session.stop();
    session = null;
    calls = traceCalls(readFileSync(trace, 'utf8'));
    assert.ok(calls.some((c) => c.call === 'bind'), 'the trace recorded network calls (strace worked)');
    const listening = boundLoopbackPorts(calls);
    const reached = networkUse(calls).filter(
      (n) => !((n.address === '127.0.0.1' || n.address === '::1') && listening.has(n.port)),
    );
    console.log(`traced: ${calls.length} calls, ${networkUse(calls).length - reached.length} to the automation port ${[...listening]}`);
    assert.deepEqual(reached, [], `addresses the app tried to reach: ${JSON.stringify(reached)}`);
  });

  it('after it closed: it wrote files only in the allowed places', () => {
    const allowed = [
      // Where the secretary chose: the data file's folder (the file, its WAL and journal, the
      // copy kept before a restore, the automatic backups) and the folder picked in the save
      // dialog.
      mine,
      chosen,
      // The app's own folders: its data (WebKit's storage) and cache.
      path.join(dirs.XDG_DATA_HOME, ID),
      path.join(dirs.XDG_CACHE_HOME, ID),
      // The platform's, each named with its reason in the README: GLib's settings client
      // (dconf) keeps its change marker in the cache; fontconfig its font cache; Mesa, the
      // OpenGL driver WebKit draws with, its compiled shaders; WebKit passes pages between
      // its processes in shared memory; and /dev/null, where output is thrown away.
      path.join(dirs.XDG_CACHE_HOME, 'dconf'),
      path.join(dirs.XDG_CACHE_HOME, 'fontconfig'),
      path.join(dirs.XDG_CACHE_HOME, 'mesa_shader_cache'),
      '/dev/shm/',
      '/dev/null',
    ];
    const written = writtenPaths(calls);
    assert.ok(written.some((p) => p.startsWith(chosen)), 'the trace recorded the saves (strace worked)');
    const outside = written.filter((p) => !allowed.some((a) => p === a || p.startsWith(a.endsWith('/') ? a : `${a}/`)));
    assert.deepEqual(outside, [], `written outside the allowed places:\n${outside.join('\n')}`);
  });

  it('after it closed: no ID or phone number in its log or any file it left, but the data file and what was saved', () => {
    const secrets = people.flatMap((m) => [m.id_number, m.phone]).filter((v) => v && v.length >= 7);
    assert.ok(secrets.length > 20);
    const secretIn = (bytes) => secrets.find((v) => bytes.includes(v));
    // The search finds them where they belong, so it would find them elsewhere.
    assert.ok(secretIn(readFileSync(db, 'latin1')), 'the search finds an ID number in the data file');
    const found = [];
    // The log of the whole session: the app's output and tauri-driver's.
    if (secretIn(readFileSync(path.join(home, 'tauri-driver.log'), 'latin1'))) found.push('tauri-driver.log');
    // Every file the app wrote that is still there, and everything in its folders.
    const written = writtenPaths(calls);
    const files = [...new Set([...written, ...Object.values(dirs).flatMap(filesUnder)])]
      .filter((p) => existsSync(p) && statSync(p).isFile())
      .filter((p) => !p.startsWith(`${chosen}/`) && !p.startsWith(db) && !/\/backups\/auto-[^/]*\.zhibu$/.test(p));
    assert.ok(files.length > 0, 'the app left files of its own (WebKit storage, caches) to search');
    for (const p of files) if (secretIn(readFileSync(p, 'latin1'))) found.push(p);
    assert.deepEqual(found, [], 'an ID or phone number is in these');
  });
});
