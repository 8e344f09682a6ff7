// Lock-down, checked on the real app: it opens no network socket, its content security
// policy blocks inline scripts and remote loads, and it writes no personal data to its log.
//
// Sockets: without WebDriver the app and its WebKit processes hold no TCP or UDP socket at all,
// only Unix sockets: between themselves, to the X server, and to the D-Bus session bus when
// there is one (the single-instance check uses it). Those stay on the machine and are not
// counted. Under WebDriver, WebKit's automation adds loopback connections to a port the app
// listens on for the driver; the test allows exactly those and nothing else — any other TCP
// connection, or any UDP socket (a DNS lookup), fails it.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { appPids, click, launch, processTree, screenshot, tempHome, waitText, zhibu } from './harness.mjs';

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
const port = (addr) => addr.split(':')[1];

describe('lock-down of the real app', () => {
  const home = tempHome();
  const db = path.join(home, 'demo.db');
  let session;
  let ids;

  before(async () => {
    zhibu(db, 'demo');
    ids = JSON.parse(zhibu(db, 'member', 'list', '--json', '--status', 'all')).map((m) => m.id_number);
    session = await launch({ home, db });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('opens no network socket while every page is used', async () => {
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
    if (process.env.ZHIBU_DEBUG_SOCKETS) console.log(JSON.stringify(sockets));
    const automation = new Set(sockets.filter((s) => s.proto.startsWith('tcp') && s.state === '0A').map((s) => port(s.local)));
    const other = sockets.filter(
      (s) =>
        s.proto.startsWith('udp') ||
        !(LOOPBACK.test(s.local) && (s.state === '0A' || LOOPBACK.test(s.remote))) ||
        (s.state !== '0A' && !automation.has(port(s.local)) && !automation.has(port(s.remote))),
    );
    assert.deepEqual(other, [], `sockets besides the WebDriver automation: ${JSON.stringify(other)}`);
  });

  it('blocks inline scripts and anything from the network', async () => {
    const { driver } = session;
    const result = await driver.executeAsyncScript((done) => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(s);
      const img = new Image();
      const image = new Promise((resolve) => {
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('blocked');
      });
      img.src = 'https://example.com/logo.png';
      const fetched = fetch('https://example.com/data.json').then(() => 'fetched', () => 'blocked');
      Promise.all([image, fetched]).then(([i, f]) => done({ inline: window.__inlineRan === true, image: i, fetch: f }));
    });
    assert.deepEqual(result, { inline: false, image: 'blocked', fetch: 'blocked' });
  });

  it('writes no ID number to its log', async () => {
    // Everything the app and tauri-driver printed during this session.
    const log = readFileSync(path.join(home, 'tauri-driver.log'), 'utf8');
    assert.ok(ids.length > 20);
    for (const id of ids) assert.ok(!log.includes(id), `an ID number appears in the log`);
  });
});
