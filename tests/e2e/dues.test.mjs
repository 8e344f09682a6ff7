// 党费 through the real app: the grid of members × months, a whole month collected in one
// click, a member's standard changed, and the ledger's printout previewed.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { click, clickText, launch, localToday, screenshot, tempHome, typeInto, waitGone, waitText, zhibu } from './harness.mjs';

describe('党费 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'branch.db');
  const month = Number(localToday().iso.slice(5, 7));
  let session;

  before(async () => {
    zhibu(db, 'init', '--branch', '中共测试协会支部委员会');
    zhibu(db, 'member', 'add', '--name', '王建国', '--id', '110105196803150011', '--category', 'full', '--joined', '1995-07-01');
    zhibu(db, 'member', 'add', '--name', '李秀英', '--id', '110105197205200028', '--category', 'full', '--joined', '2001-07-01');
    zhibu(db, 'dues', 'set', '--member', '王建国', '--category', 'in_service', '--income', '4800');
    zhibu(db, 'dues', 'set', '--member', '李秀英', '--category', 'in_service', '--income', '6000');
    zhibu(db, 'dues', 'pay', '--member', '王建国', '--month', String(month));
    // Came to the branch at the start of this month: nothing is owed for the months before.
    zhibu(db, 'member', 'add', '--name', '赵新', '--id', '110105198506070030', '--category', 'full', '--joined', '2010-07-01', '--since', `${localToday().iso.slice(0, 7)}-01`);
    session = await launch({ home, db });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('collects a whole month for everyone in one click', async () => {
    const { driver } = session;
    await click(driver, 'nav-dues');
    await waitText(driver, 'h1', '党费');
    await waitText(driver, `[data-testid="dues-cell-王建国-${month}"]`, '✓');
    await waitText(driver, '[data-testid="dues-summary"]', '已收48.00元');
    await click(driver, `dues-collect-${month}`);
    await waitText(driver, `[data-testid="dues-cell-李秀英-${month}"]`, '✓');
    // 48 + 90 (6,000 × 1.5%).
    await waitText(driver, '[data-testid="dues-summary"]', '已收138.00元');
  });

  it('shows the months before a member came to the branch as —, never 欠', async () => {
    const { driver } = session;
    await click(driver, 'nav-dues');
    for (let m = 1; m < month; m++) await waitText(driver, `[data-testid="dues-cell-赵新-${m}"]`, '—');
    const own = await waitText(driver, `[data-testid="dues-cell-赵新-${month}"]`, '');
    assert.ok(!own.includes('—'), `the month they came is due: ${own}`);
  });

  it("changes a member's standard for the year", async () => {
    const { driver } = session;
    await click(driver, 'dues-basis-李秀英');
    await waitText(driver, '[data-testid="dues-basis-dialog"]', '李秀英');
    await click(driver, 'dues-category');
    await clickText(driver, '.el-select-dropdown__item', '离退休');
    await typeInto(driver, 'dues-income', '4200');
    await click(driver, 'dues-basis-save');
    await waitGone(driver, '[data-testid="dues-basis-dialog"] .el-dialog');
    await waitText(driver, '[data-testid="dues-table"]', '0.5%');
    await waitText(driver, '[data-testid="dues-table"]', '21.00');
  });

  it('previews the printed ledger', async () => {
    const { driver } = session;
    await click(driver, 'dues-print');
    await waitText(driver, '[data-testid="print-preview"]', '党费收缴登记表');
    await waitText(driver, '[data-testid="print-preview"]', '执行标准');
  });
});
