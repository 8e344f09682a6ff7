// Starts the real app through tauri-driver (which drives WebKitWebDriver) on a data file of
// the test's own, and offers waits for what a user would see. No fixed sleeps: every wait
// polls for an element or a text until a generous deadline.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Builder, By, until } from 'selenium-webdriver';

export { By, until };
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

/** A temp folder standing in for the user's home data: nothing real is ever touched. */
export function tempHome() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhibu-e2e-'));
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  return dir;
}

/** Starts tauri-driver and a session of the app on `db`; returns { driver, stop }. */
export async function launch({ home, db }) {
  const port = await freePort();
  const nativePort = await freePort();
  const env = { ...process.env, XDG_DATA_HOME: path.join(home, 'data'), ZHIBU_DB: db };
  const tauriDriver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port, Date.now() + TIMEOUT);
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: app, args: ['--db', db] } })
    .build();
  const stop = async () => {
    try {
      await driver.quit();
    } finally {
      tauriDriver.kill();
    }
  };
  return { driver, stop };
}

export async function waitText(driver, css, text, timeout = TIMEOUT) {
  const el = await driver.wait(until.elementLocated(By.css(css)), timeout);
  await driver.wait(async () => (await el.getText()).includes(text), timeout, `“${text}” never appeared in ${css}`);
  return el;
}

export async function waitGone(driver, css, timeout = TIMEOUT) {
  await driver.wait(async () => {
    const els = await driver.findElements(By.css(css));
    for (const e of els) if (await e.isDisplayed().catch(() => false)) return false;
    return true;
  }, timeout, `${css} still shown`);
}

export async function typeInto(driver, testId, text) {
  const input = await driver.wait(until.elementLocated(By.css(`[data-testid="${testId}"] input`)), TIMEOUT);
  await driver.wait(until.elementIsVisible(input), TIMEOUT);
  await input.clear();
  await input.sendKeys(text);
}

export async function click(driver, testId) {
  const el = await driver.wait(until.elementLocated(By.css(`[data-testid="${testId}"]`)), TIMEOUT);
  await driver.wait(until.elementIsVisible(el), TIMEOUT);
  await el.click();
}
