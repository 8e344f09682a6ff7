// Starts the real app through tauri-driver (which drives WebKitWebDriver) on a data file of
// the test's own, and offers waits for what a user would see. No fixed sleeps: every wait
// polls for an element or a text until a generous deadline.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Builder, By, Key, until } from 'selenium-webdriver';

export { By, Key, until };
export const TIMEOUT = 30_000;

const app = process.env.ZHIBU_APP;
if (!app) throw new Error('ZHIBU_APP must name the built app (see test.sh)');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForPort(port, deadline) {
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/** Resolves after the page painted twice: WebKit's screenshots lag behind the DOM. */
export async function painted(driver) {
  await driver.executeAsyncScript((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}

/** Waits until no transition or animation runs (a dialog fading in, a drop-down opening), so
 * a picture shows the screen as the user reads it. */
export async function settled(driver) {
  await driver.wait(
    () => driver.executeScript(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)),
    10_000,
    'the page kept animating',
  );
  await painted(driver);
}

/** Saves what the window shows, for a failed test's report (tests/e2e/artifacts/). */
export async function screenshot(driver, name) {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w\u4e00-\u9fff-]+/g, '_')}.png`);
  // A window that paints no more frames never answers requestAnimationFrame; the picture
  // is taken anyway (the script timeout set at launch ends the wait).
  await painted(driver).catch(() => {});
  // The X display's own picture: WebKitWebDriver's screenshot can stall after a failed wait
  // (it then holds the whole session), and a failing test must still end.
  try {
    execFileSync('import', ['-window', 'root', file], { timeout: 15_000 });
  } catch (e) {
    return `(no screenshot: ${e.message})`;
  }
  return file;
}

const homes = [];

/** A temp folder standing in for the user's home data: nothing real is ever touched. It is
 * removed when the test process exits. */
export function tempHome() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhibu-e2e-'));
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  homes.push(dir);
  return dir;
}

process.on('exit', () => {
  for (const dir of homes) rmSync(dir, { recursive: true, force: true });
});

/** Processes of the app started on `db` (the temp path makes them ours alone). */
export function appPids(db, binary = app) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (path.basename(args[0]) === path.basename(binary) && args.includes(db)) pids.push(Number(pid));
    } catch {
      // Gone while looking.
    }
  }
  return pids;
}

/** The given processes and every process under them (WebKit's web and network processes
 * under the app), as numbers. */
export function processTree(rootPids) {
  const children = new Map();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      // The command name may hold spaces and brackets; the fields after it are fixed.
      const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      // Gone while looking.
    }
  }
  const tree = rootPids.map(Number);
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** Waits for the app on `db` to exit after its session closed; kills it past the deadline,
 * so no window outlives its test (a leftover would hold the test runner's output open). */
async function reap(db, binary) {
  const deadline = Date.now() + 10_000;
  while (appPids(db, binary).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of appPids(db, binary)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Exited meanwhile.
    }
  }
}

/** The environment the app runs in on `db`: the test's own data folder, the display and
 * session bus of the test run. A variable set to undefined in `extra` is left out. */
export function appEnv({ home, db, env: extra = {} }) {
  // NO_AT_BRIDGE: the accessibility bridge is the one D-Bus client of the window the tests do
  // not use; once in a full run the window's main thread stopped, idle, right after the bridge
  // started its registry on the private session bus, so it is left out here.
  return { ...process.env, NO_AT_BRIDGE: '1', XDG_DATA_HOME: path.join(home, 'data'), ZHIBU_DB: db, ...extra };
}

/** Starts tauri-driver and a session of the app on `db`; returns { driver, stop }.
 * `application` swaps in another binary (the benchmark's minimal window). */
export async function launch({ home, db, env: extra = {}, application = app }) {
  const port = await freePort();
  const nativePort = await freePort();
  const env = appEnv({ home, db, env: extra });
  // Its output (and the app's) goes to a file in the temp home, not to the test runner.
  const log = openSync(path.join(home, 'tauri-driver.log'), 'a');
  const tauriDriver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env,
    stdio: ['ignore', log, log],
  });
  await waitForPort(port, Date.now() + TIMEOUT);
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application, args: ['--db', db] } })
    .build();
  // An asynchronous script (painted) that never calls back fails after this, instead of
  // holding every later command of the session.
  await driver.manage().setTimeouts({ script: 10_000 });
  const stop = async () => {
    try {
      await driver.quit();
    } finally {
      await reap(db, application);
      tauriDriver.kill();
    }
  };
  return { driver, stop };
}

/** Waits until a visible element matching `css` shows `text`. Reads the page's own text
 * (innerText of each match), which survives the UI re-rendering between polls. */
export async function waitText(driver, css, text, timeout = TIMEOUT) {
  let seen = '';
  await driver.wait(async () => {
    const texts = await driver.executeScript(
      (sel) => [...document.querySelectorAll(sel)].filter((e) => e.offsetParent !== null).map((e) => e.innerText),
      css,
    );
    seen = texts.join(' | ');
    return texts.some((t) => t.includes(text));
  }, timeout, () => `“${text}” never appeared in ${css} (last seen: ${seen.slice(0, 300)})`);
  return seen;
}

/** Waits until a visible element matching `css` shows `text` and none shows `absent`: for a
 * list that is filtered in place, where the wanted row was already there before the filter
 * took effect. */
export async function waitTextWithout(driver, css, text, absent, timeout = TIMEOUT) {
  let seen = '';
  await driver.wait(async () => {
    const texts = await driver.executeScript(
      (sel) => [...document.querySelectorAll(sel)].filter((e) => e.offsetParent !== null).map((e) => e.innerText),
      css,
    );
    seen = texts.join(' | ');
    return texts.some((t) => t.includes(text)) && !texts.some((t) => t.includes(absent));
  }, timeout, () => `${css} never showed “${text}” without “${absent}” (last seen: ${seen.slice(0, 300)})`);
  return seen;
}

/** Waits for an Element Plus message (success or error) showing `text`. Messages are
 * position: fixed, which `waitText`'s visibility test (offsetParent) does not see. */
export async function waitMessage(driver, text, timeout = TIMEOUT) {
  let seen = '';
  await driver.wait(async () => {
    const texts = await driver.executeScript(() => [...document.querySelectorAll('.el-message')].map((e) => e.innerText));
    seen = texts.join(' | ');
    return texts.some((t) => t.includes(text));
  }, timeout, () => `message “${text}” never appeared (last seen: ${seen.slice(0, 300)})`);
}

/** Answers the open confirmation box (ElMessageBox) with the button that says `label`. */
export async function answerBox(driver, title, label) {
  await waitText(driver, '.el-message-box', title);
  await clickText(driver, '.el-message-box__btns button', label);
  await waitGone(driver, '.el-message-box');
}

export async function waitGone(driver, css, timeout = TIMEOUT) {
  await driver.wait(async () => {
    for (const e of await driver.findElements(By.css(css))) {
      if (await e.isDisplayed().catch(() => false)) return false;
    }
    return true;
  }, timeout, `${css} still shown`);
}

/** Retries an action on the first visible match of `css` until it goes through. */
async function onVisible(driver, css, action) {
  let last;
  await driver.wait(async () => {
    for (const el of await driver.findElements(By.css(css))) {
      try {
        if (!(await el.isDisplayed())) continue;
        await action(el);
        return true;
      } catch (e) {
        last = e;
      }
    }
    return false;
  }, TIMEOUT, `${css} never became usable${last ? `: ${last.message}` : ''}`);
}

/** The text field named `testId`: Element Plus puts the attributes of <el-input> on its
 * inner <input> or <textarea>, or on a wrapper around it. */
export function fieldCss(testId) {
  return ['input', 'textarea'].flatMap((tag) => [`${tag}[data-testid="${testId}"]`, `[data-testid="${testId}"] ${tag}`]).join(', ');
}

/** The current value of a text field (values are not page text, so waitText cannot see them). */
export function fieldValue(driver, testId) {
  return driver.executeScript((css) => document.querySelector(css)?.value ?? '', fieldCss(testId));
}

/** Puts text into a field as an input method commits it: one value and one input event. For
 * characters outside the BMP, which WebKitWebDriver cannot type (it hangs), and for long
 * text, which would take it minutes to type. */
export async function paste(driver, testId, text) {
  await driver.executeScript(
    (css, value) => {
      const el = document.querySelector(css);
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    fieldCss(testId),
    text,
  );
}

export async function typeInto(driver, testId, text) {
  const css = fieldCss(testId);
  await onVisible(driver, css, async (input) => {
    // As a user would: select all, delete, type. (WebDriver's clear() fires no input event,
    // so Vue would never see it.)
    await input.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
    await input.sendKeys(text);
    // A date field takes typed text on leaving it (or on Enter, which would also submit).
    if (await driver.executeScript((el) => !!el.closest('.date-field'), input)) await input.sendKeys(Key.TAB);
  });
}

/** 2026-01-05 → 2026年1月5日, as a date field shows a date. */
export function shownDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Types into a paragraph of the report's document editor (a contenteditable, not a field):
 * at the end of its text, or over all of it with `replace`. */
export async function typeInEditor(driver, testId, text, { replace = false } = {}) {
  const css = `[data-testid="${testId}"][contenteditable]`;
  await onVisible(driver, css, async (el) => {
    await el.click();
    if (replace) await el.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
    else await el.sendKeys(Key.chord(Key.CONTROL, Key.END));
    await el.sendKeys(text);
  });
}

/** Puts text at the end of an editor paragraph as an input method commits it (one input). */
export async function pasteInEditor(driver, testId, text) {
  await driver.executeScript(
    (css, value) => {
      const el = document.querySelector(css);
      el.focus();
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      document.execCommand('insertText', false, value);
    },
    `[data-testid="${testId}"][contenteditable]`,
    text,
  );
}

export async function click(driver, testId) {
  const css = `[data-testid="${testId}"]`;
  await atRest(driver, css);
  await onVisible(driver, css, async (el) => {
    // As a user scrolls to a button before pressing it: WebKitWebDriver's own scrolling can
    // leave a button half under the edge of the scrolled area, and the click then misses.
    await driver.executeScript((e) => e.scrollIntoView({ block: 'center', inline: 'nearest' }), el);
    await el.click();
  });
}

/** Waits until the first visible match of `css` stays in place between two looks: a button
 * in a dialog that is still opening moves, and a click at its old place lands elsewhere. */
async function atRest(driver, css) {
  let last = '';
  await driver.wait(async () => {
    const rect = await driver.executeScript((sel) => {
      const el = [...document.querySelectorAll(sel)].find((e) => e.offsetParent !== null);
      if (!el) return '';
      const b = el.getBoundingClientRect();
      return [b.x, b.y, b.width, b.height].map(Math.round).join(',');
    }, css);
    const still = rect !== '' && rect === last;
    last = rect;
    return still;
  }, TIMEOUT, () => `${css} never came to rest (last at ${last})`);
}

/** Clicks the first visible element matching `css` whose text contains `text`. */
export async function clickText(driver, css, text) {
  let last;
  let seen = '';
  await driver.wait(async () => {
    for (const el of await driver.findElements(By.css(css))) {
      try {
        // innerText, as waitText reads it: WebKitWebDriver's own text of a table row is empty.
        if ((await el.isDisplayed()) && String(await driver.executeScript((e) => e.innerText, el)).includes(text)) {
          // Only once it stays put between two looks (see atRest): a dialog still opening
          // moves its contents, and a click at the old place lands elsewhere.
          const r = await el.getRect();
          const at = `${await el.getId()}:${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)}`;
          if (at !== seen) {
            seen = at;
            return false;
          }
          await el.click();
          return true;
        }
      } catch (e) {
        last = e;
      }
    }
    return false;
  }, TIMEOUT, () => `no clickable “${text}” in ${css}${last ? `: ${last.message}` : ''}`);
}

/** The `zhibu` command built beside the app, for preparing data as a secretary would. */
export function zhibu(db, ...args) {
  return zhibuWith({}, db, ...args);
}

/** `zhibu` with extra environment variables (a backup passphrase, say). */
export function zhibuWith(env, db, ...args) {
  const cli = path.join(path.dirname(app), 'zhibu');
  return execFileSync(cli, ['--db', db, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

/** Today on this machine, as the app sees it: YYYY-MM-DD and the quarter label. */
export function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const iso = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return { iso, quarter: `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}` };
}

/** What a user of a small screen would see wrong on the page shown: a table column narrower
 * than its header (the header wraps or is cut), a scrolling table whose sideways scrollbar is
 * hidden until hovered, a dialog wider than the window, the page itself scrolling sideways,
 * anything past the window's right edge that no scrollbar reaches, or a field's message
 * lying over another field. */
export function layoutProblems(driver) {
  return driver.executeScript(() => {
    const problems = [];
    const vw = document.documentElement.clientWidth;
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const name = (el) => (el.innerText || el.getAttribute('aria-label') || el.getAttribute('data-testid') || el.tagName).trim().replace(/\s+/g, ' ').slice(0, 24);
    for (const th of document.querySelectorAll('th')) {
      const cell = th.querySelector('.cell') ?? th;
      // A column squeezed to nothing still has a height: only a header not drawn at all is skipped.
      if (th.getClientRects().length === 0 || getComputedStyle(th).visibility === 'hidden' || !cell.innerText.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (rects.length === 0) continue;
      const lines = new Set(rects.map((r) => Math.round(r.top))).size;
      const style = getComputedStyle(cell);
      const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const used = Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left));
      if (lines > 1 || used > room + 1) problems.push(`表头“${name(cell)}”的列太窄（${Math.round(room)}px，需要${Math.round(used)}px）`);
    }
    for (const wrap of document.querySelectorAll('.el-table .el-scrollbar__wrap')) {
      if (!shown(wrap) || wrap.scrollWidth <= wrap.clientWidth + 1) continue;
      const bar = wrap.parentElement.querySelector(':scope > .el-scrollbar__bar.is-horizontal');
      if (!bar || getComputedStyle(bar).display === 'none') problems.push(`表格“${name(wrap.closest('.el-table').querySelector('th') ?? wrap)}…”可以左右滚动，但看不到滚动条`);
    }
    // A box that scrolls sideways must show its scrollbar in the window, not a screen further
    // down the page where nobody looks for it.
    for (const box of document.body.querySelectorAll('*')) {
      if (!shown(box) || box.scrollWidth <= box.clientWidth + 1 || box.classList.contains('main')) continue;
      const ox = getComputedStyle(box).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && box.getBoundingClientRect().bottom > innerHeight + 1) {
        problems.push(`“${name(box.querySelector('th') ?? box)}…”可以左右滚动，但滚动条在窗口下边以外`);
      }
    }
    for (const dialog of document.querySelectorAll('.el-dialog')) {
      if (shown(dialog) && dialog.getBoundingClientRect().width > vw + 1) problems.push(`对话框“${name(dialog.querySelector('.el-dialog__title') ?? dialog)}”比窗口宽`);
    }
    const main = document.querySelector('.main');
    if (main && main.scrollWidth > main.clientWidth + 1) problems.push(`页面左右超出${main.scrollWidth - main.clientWidth}px，需要横向拖动整页`);
    for (const el of document.body.querySelectorAll('*')) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right <= vw + 1) continue;
      // Reachable by a scrollbar of something inside the window, or cut on purpose inside it?
      let reached = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox === 'visible') continue;
        if (a.getBoundingClientRect().right > vw + 1) continue;
        // A scrolling box reaches it; a table clips its own cells on purpose.
        reached = ox === 'auto' || ox === 'scroll' || el.closest('.el-table') !== null;
        break;
      }
      if (!reached) {
        problems.push(`“${name(el)}”超出窗口右边`);
        break;
      }
    }
    // A field's message must not lie over the next field, where it cannot be read.
    const items = [...document.querySelectorAll('.el-form-item')].filter(shown);
    for (const error of document.querySelectorAll('.el-form-item__error')) {
      if (!shown(error)) continue;
      const e = error.getBoundingClientRect();
      const under = items.find((item) => {
        if (item.contains(error)) return false;
        const r = item.getBoundingClientRect();
        return e.left < r.right - 1 && r.left < e.right - 1 && e.top < r.bottom - 1 && r.top < e.bottom - 1;
      });
      if (under) problems.push(`提示“${name(error)}”压在“${name(under.querySelector('.el-form-item__label') ?? under)}”上`);
    }
    return problems;
  });
}

/** The print preview's table rules that are not on the screen: each rule in view must leave a
 * dark pixel on the window's picture (the X display's, as the secretary sees it). A rule can be
 * in the page's markup and still not be drawn, falling between pixels when scaled down. */
export async function undrawnRules(driver) {
  await settled(driver);
  const rules = await driver.executeScript(() => {
    const area = document.querySelector('[data-testid="print-dialog"] .sheet-area').getBoundingClientRect();
    // The pages are drawn at CSS zoom 0.6. WebKit reports boxes inside a zoomed element
    // unzoomed (a page's box as wide as its layout width): scaled by the zoom, they are where
    // the pixels are.
    const page = document.querySelector('[data-testid="print-preview"] .zb-page');
    const zoom = parseFloat(getComputedStyle(document.querySelector('[data-testid="print-preview"]')).zoom) || 1;
    const k = Math.abs(page.getBoundingClientRect().width - page.offsetWidth) < 1 ? zoom : 1;
    const inView = (b) => b.y >= area.top + 2 && b.y + b.h <= area.bottom - 2 && b.x >= area.left + 2 && b.x + b.w <= area.right - 2;
    return [...document.querySelectorAll('[data-testid="print-preview"] i.zb-rule')]
      .map((r) => r.getBoundingClientRect())
      .map((b) => ({ x: b.left * k, y: b.top * k, w: b.width * k, h: b.height * k }))
      .filter(inView);
  });
  const { x, y, width, height } = await driver.manage().window().getRect();
  const gray = execFileSync('import', ['-window', 'root', '-crop', `${width}x${height}+${x}+${y}`, '+repage', '-depth', '8', 'gray:-'], {
    timeout: 15_000,
    maxBuffer: 64 << 20,
  });
  const darkest = (r) => {
    let min = 255;
    for (let py = Math.max(0, Math.floor(r.y) - 1); py <= Math.min(height - 1, Math.ceil(r.y + r.h) + 1); py++) {
      for (let px = Math.max(0, Math.floor(r.x) - 1); px <= Math.min(width - 1, Math.ceil(r.x + r.w) + 1); px++) {
        min = Math.min(min, gray[py * width + px]);
      }
    }
    return min;
  };
  return { checked: rules.length, undrawn: rules.filter((r) => darkest(r) > 120) };
}
