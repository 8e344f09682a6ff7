// A secretary's first week with real data, through the real app: a branch created today
// (its records start today), four members who joined the Party years ago. Nothing before
// today is overdue, no one is absent, no dues month is 欠. Moved back to 1 January, the year's
// gaps appear — one folded line per kind — and each has a button to the form that deals with
// it, filled in.
import { after, afterEach, before, describe, it } from 'node:test';
import path from 'node:path';
import { By, click, clickText, fieldValue, launch, localToday, screenshot, tempHome, typeInto, waitMessage, waitText, zhibu } from './harness.mjs';

const MEMBERS = [
  ['周建华', '110105197505050017', '2010-07-01'],
  ['李红', '110105198008080025', '2012-07-01'],
  ['王强', '110105198503030033', '2015-07-01'],
  ['陈静', '110105199009090043', '2018-07-01'],
];

describe('第一周：今天建账的支部 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'branch.db');
  const { iso: today } = localToday();
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  let session;

  before(async () => {
    zhibu(db, 'init', '--branch', '中共某某公益基金会支部');
    for (const [name, id, joined] of MEMBERS) {
      zhibu(db, 'member', 'add', '--name', name, '--id', id, '--category', 'full', '--joined', joined);
      zhibu(db, 'dues', 'set', '--member', name, '--category', 'in_service', '--income', '4000');
    }
    session = await launch({ home, db });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('the home page asks only for this month, with counts and a button for each', async () => {
    const { driver } = session;
    const text = await waitText(driver, '[data-testid="reminders"]', '本月还需召开主题党日1次');
    await waitText(driver, '[data-group="now"] .group-title', '本月要做');
    const groups = await driver.executeScript(() => [...document.querySelectorAll('[data-group]')].map((g) => g.dataset.group));
    if (groups.includes('overdue')) throw new Error(`something is overdue on the first day: ${text}`);
    if (text.includes('未参加组织生活')) throw new Error(`a member is absent before the records began: ${text}`);
    const calendar = await waitText(driver, '[data-testid="calendar"]', '主题党日');
    if (month > 1 && !calendar.includes('建账前')) throw new Error(`the months before today are not marked 建账前: ${calendar}`);
  });

  it('the dues grid shows — before today and no 欠', async () => {
    const { driver } = session;
    await click(driver, 'nav-dues');
    await waitText(driver, '[data-testid="dues-table"]', '陈静');
    const owed = await driver.executeScript(() => document.querySelectorAll('.dues-cell.owed').length);
    if (owed !== 0) throw new Error(`${owed} months shown as 欠 on the first day`);
    if (month > 1) {
      await waitText(driver, '[data-testid="dues-cell-李红-1"]', '—');
    }
  });

  it('moved back to 1 January, the gaps since then appear folded, each with its form', async () => {
    const { driver } = session;
    await click(driver, 'nav-branch');
    await waitText(driver, '[data-testid="branch-save"]', '保存');
    await typeInto(driver, 'records-from', `${year}-01-01`);
    await click(driver, 'branch-save');
    await waitMessage(driver, '支部概况已保存');
    await click(driver, 'nav-home');
    if (month === 1) {
      // Nothing of January is over yet: still nothing overdue.
      await waitText(driver, '[data-testid="reminders"]', '本月还需召开主题党日1次');
      return;
    }
    const line = month === 2 ? `${year}年1月的主题党日应开1次，实开0次` : `主题党日：${year}年1—${month - 1}月无记录`;
    const overdue = await waitText(driver, '[data-group="overdue"]', line);
    if (month > 2 && overdue.includes(`${year}年2月的主题党日`)) throw new Error(`a month of the run stands alone: ${overdue}`);
    await waitText(driver, '[data-group="overdue"] .group-title', '已逾期');
    // Its button opens 登记组织生活 with the kind and the first day of the run filled in.
    const item = await driver.findElements(By.xpath(`//li[contains(., "${line}")]//button[@data-testid="reminder-go"]`));
    await item[0].click();
    await waitText(driver, '[data-testid="meeting-dialog"]', '登记组织生活');
    const date = await fieldValue(driver, 'meeting-date');
    if (date !== `${year}-01-01`) throw new Error(`the form's date is ${date}`);
    await click(driver, 'meeting-cancel');
  });

  it('a member absent since the records began is named in the report only once confirmed', async () => {
    const { driver } = session;
    // Records from eight months ago: past the six-month line whatever month it is.
    const start = new Date(year, month - 1 - 8, 1);
    const iso = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-01`;
    await click(driver, 'nav-branch');
    await waitText(driver, '[data-testid="branch-save"]', '保存');
    await typeInto(driver, 'records-from', iso);
    await click(driver, 'branch-save');
    await waitMessage(driver, '支部概况已保存');
    await click(driver, 'nav-home');
    await waitText(driver, '[data-group="overdue"]', '建账以来未参加');
    await click(driver, 'nav-report');
    const before = await waitText(driver, 'main', '存在的问题');
    if (before.includes('较长时间未参加组织生活')) throw new Error('a member is named without being confirmed');
    await click(driver, 'nav-home');
    await clickText(driver, '[data-testid="name-in-report"]', '写入述职报告');
    await waitText(driver, '[data-testid="name-in-report"]', '已写入述职报告');
    await click(driver, 'nav-report');
    await click(driver, 'report-refresh');
    await waitText(driver, 'main', '同志较长时间未参加组织生活');
  });
});
