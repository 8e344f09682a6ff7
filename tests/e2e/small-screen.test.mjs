// Every page at 1024×640, the smallest window the app opens (and what a 1280×800 laptop at
// 125 % scaling gives a page): no table column narrower than its header, no sideways scrolling
// without a visible scrollbar, dialogs inside the window. Each page's picture is kept in
// tests/e2e/artifacts/1024x640/ (the README's come from there, via docs/).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { click, launch, layoutProblems, settled, tempHome, waitGone, waitText, zhibu } from './harness.mjs';

const shots = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts', '1024x640');

// Each page with what shows that its data has arrived.
const PAGES = [
  ['home', '[data-testid="reminders"]', '本月'],
  ['roster', '[data-testid="roster-table"]', '王建国'],
  ['meetings', '[data-testid="meeting-table"]', '重温入党誓词'],
  ['talks', '[data-testid="talk-missing"]', '支委'],
  ['development', '[data-testid="development-table"]', '林雪'],
  ['dues', '[data-testid="dues-table"]', '孙涛'],
  ['venue', '[data-testid="venue-history"]', '达标'],
  ['report', '[data-testid="para-s1.life"]', '支部党员大会'],
  ['submit', '[data-testid="submit-parts"]', '党内统计表'],
  ['branch', '[data-testid="org-table"]', '社会工作者协会'],
  ['backup', '.page-title', '数据备份'],
];

describe('每一页在 1024×640 的窗口里', () => {
  const home = tempHome();
  const db = path.join(home, 'demo.db');
  let session;

  before(async () => {
    zhibu(db, 'demo');
    mkdirSync(shots, { recursive: true });
    session = await launch({ home, db });
    await session.driver.manage().window().setRect({ width: 1024, height: 640 });
    await session.driver.wait(() => session.driver.executeScript(() => innerWidth === 1024 && innerHeight === 640), 10_000, 'the window did not become 1024×640');
  });
  after(async () => {
    await session?.stop();
  });

  const look = async (name) => {
    const { driver } = session;
    await settled(driver);
    // The X display's picture of the window (WebKitWebDriver's own screenshot can stall).
    const { x, y, width, height } = await driver.manage().window().getRect();
    execFileSync('import', ['-window', 'root', '-crop', `${width}x${height}+${x}+${y}`, '+repage', path.join(shots, `${name}.png`)], { timeout: 15_000 });
    const problems = await layoutProblems(driver);
    assert.deepEqual(problems, [], `${name}: ${problems.join('；')}`);
  };

  for (const [page, css, text] of PAGES) {
    it(`${page}: columns wide enough, nothing cut off`, async () => {
      await click(session.driver, `nav-${page}`);
      await waitText(session.driver, css, text);
      await look(page);
    });
  }

  it('the member and meeting forms and the print preview fit the window', async () => {
    const { driver } = session;
    await click(driver, 'nav-roster');
    await click(driver, 'member-new');
    await waitText(driver, '[data-testid="member-dialog"]', '公民身份号码');
    await look('member-form');
    await click(driver, 'member-cancel');
    await waitGone(driver, '[data-testid="member-dialog"]');
    await click(driver, 'print-roster');
    await waitText(driver, '[data-testid="print-preview"]', '党员花名册');
    await look('print-preview');
    await driver.findElement({ css: '[data-testid="print-dialog"] .el-dialog__headerbtn' }).then((b) => b.click());
    await waitGone(driver, '[data-testid="print-dialog"]');
    await click(driver, 'nav-meetings');
    await click(driver, 'meeting-new');
    await waitText(driver, '[data-testid="attendance-counts"]', '应到');
    await look('meeting-form');
    await click(driver, 'meeting-cancel');
    await waitGone(driver, '[data-testid="meeting-dialog"]');
  });
});
