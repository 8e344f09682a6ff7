// Start-up time and memory of the real app, beside the smallest Tauri window measured the
// same way. Run by hand (bench/app.sh builds both and runs this under Xvfb); not a test.
//
// Start: from the process's start (its start tick in /proc, 10 ms resolution) to the User
// Timing mark the page sets once it has painted its data (ui/src/lib/timing.ts), read in the
// page's own clock (performance.timeOrigin is wall time). The roster: a click on 党员名册
// to the mark after its 200 rows are painted. Memory: PSS (smaps_rollup) of the program and
// every process under it (WebKit's web and network processes), once the roster is shown.
//
// Pages: on the demo branch (`zhibu demo`), a click on each menu item to the mark its page
// sets once its data is painted, every page in turn in one window, per round a fresh start.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appPids, launch, processTree, tempHome, zhibu } from '../tests/e2e/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rounds = Number(arg('--rounds', 7));
const windowApp = arg('--window', '');
const app = process.env.ZHIBU_APP;

function bootEpochMs() {
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return Date.now() - uptime * 1000;
}

/** The tick (1/100 s since boot) the process started at. */
function startTicks(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[19]);
}

function pssKiB(pids) {
  let total = 0;
  const parts = [];
  for (const pid of pids) {
    try {
      const kb = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]);
      const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      total += kb;
      parts.push(`${name} ${Math.round(kb / 1024)}`);
    } catch {
      // A helper that exited.
    }
  }
  return { total, parts };
}

async function waitMark(driver, name) {
  let at;
  await driver.wait(async () => {
    at = await driver.executeScript(
      (n) => {
        const m = performance.getEntriesByName(n)[0];
        return m ? performance.timeOrigin + m.startTime : null;
      },
      name,
    );
    return at !== null;
  }, 60_000, `${name} never set`);
  return at;
}

async function once(binary, db, home, mark) {
  const boot = bootEpochMs();
  const { driver, stop } = await launch({ home, db, application: binary });
  try {
    const shown = await waitMark(driver, `zhibu:${mark}-shown`);
    const [pid] = appPids(db, binary);
    const started = boot + startTicks(pid) * 10;
    const result = { start: shown - started };
    if (mark === 'home') {
      // As the secretary does: click 党员名册, in the page's clock.
      const clicked = await driver.executeScript(() => {
        const t = performance.timeOrigin + performance.now();
        document.querySelector('[data-testid="nav-roster"]').click();
        return t;
      });
      result.roster = (await waitMark(driver, 'zhibu:roster-shown')) - clicked;
      const rows = await driver.executeScript(
        () => document.querySelectorAll('[data-testid="roster-table"] tbody tr').length,
      );
      if (rows < 200) throw new Error(`the roster shows ${rows} rows, expected 200`);
    }
    const mem = pssKiB(processTree([pid]));
    result.pss = mem.total / 1024;
    result.parts = mem.parts.join(', ');
    return result;
  } finally {
    await stop();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

async function measure(label, binary, mark, prepare) {
  const results = [];
  for (let i = 0; i < rounds; i++) {
    const home = tempHome();
    const db = path.join(home, 'bench.db');
    prepare(db);
    results.push(await once(binary, db, home, mark));
  }
  console.log(`${label}  (${rounds} rounds, median; min–max)`);
  const line = (what, key, f) => {
    const xs = results.map((r) => r[key]);
    console.log(`  ${what.padEnd(34)} ${f(median(xs))}   (${f(Math.min(...xs))}–${f(Math.max(...xs))})`);
  };
  line(`start to ${mark} shown`, 'start', fmt);
  if (mark === 'home') {
    line('click 党员名册 to 200 rows shown', 'roster', fmt);
    const sums = results.map((r) => r.start + r.roster);
    console.log(`  ${'start + roster'.padEnd(34)} ${fmt(median(sums))}`);
  }
  line('PSS, program + WebKit processes', 'pss', (mb) => `${Math.round(mb)} MB`);
  console.log(`  last round by process (MB): ${results.at(-1).parts}`);
  return median(results.map((r) => r.pss));
}

const PAGES = ['home', 'roster', 'meetings', 'talks', 'development', 'dues', 'venue', 'report', 'branch', 'backup'];

/** Click to painted for every page of the demo, each round a fresh app start. */
async function pageTimes() {
  const demo = path.join(tempHome(), 'demo.db');
  zhibu(demo, 'demo');
  const times = Object.fromEntries(PAGES.map((p) => [p, []]));
  for (let i = 0; i < rounds; i++) {
    const home = tempHome();
    const db = path.join(home, 'bench.db');
    copyFileSync(demo, db);
    const { driver, stop } = await launch({ home, db, application: app });
    try {
      await waitMark(driver, 'zhibu:home-shown');
      // From the last page back to 首页, so that 首页 too is drawn again after a click.
      for (const page of [...PAGES.slice(1), 'home']) {
        await driver.executeScript(() => performance.clearMarks());
        const clicked = await driver.executeScript((p) => {
          const t = performance.timeOrigin + performance.now();
          document.querySelector(`[data-testid="nav-${p}"]`).click();
          return t;
        }, page);
        times[page].push((await waitMark(driver, `zhibu:${page}-shown`)) - clicked);
      }
    } finally {
      await stop();
    }
  }
  console.log(`pages of the demo branch, click to drawn  (${rounds} rounds, median; min–max)`);
  for (const p of PAGES) {
    const xs = times[p];
    console.log(`  ${p.padEnd(12)} ${fmt(median(xs))}   (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`);
  }
}

if (process.argv.includes('--pages')) {
  await pageTimes();
  process.exit(0);
}

const master = path.join(tempHome(), 'roster-200.db');
zhibu(master, 'demo', '--scale', '200', '--years', '1');
const appPss = await measure('党支部工作台（200 members）', app, 'home', (db) => copyFileSync(master, db));
if (windowApp) {
  const floor = await measure('minimal Tauri window', windowApp, 'window', () => {});
  console.log(`app PSS above the minimal window: ${Math.round(appPss - floor)} MB (budget 60 MB)`);
}
