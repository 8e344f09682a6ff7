// A secretary's first week with real data, through the real app: a branch created today
// (its records start today), four members who joined the Party years ago. Nothing before
// today is overdue, no one is absent, no dues month is 欠. Moved back to 1 January, the year's
// gaps appear — one folded line per kind — and each has a button to the form that deals with
// it, filled in.
import { after, afterEach, before, describe, it } from 'node:test';
import path from 'node:path';
import assert from 'node:assert/strict';
import { By, Key, answerBox, click, clickText, fieldCss, fieldValue, launch, localToday, paste, pasteInEditor, screenshot, shownDate, tempHome, typeInto, waitGone, waitMessage, waitText, waitTextWithout, zhibu } from './harness.mjs';

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

  it('the dues page says to set the standards first, and the grid shows — before today and no 欠', async () => {
    const { driver } = session;
    await click(driver, 'nav-dues');
    await waitText(driver, '[data-testid="dues-empty"]', '先定党费标准，再收缴');
    const owed = await driver.executeScript(() => document.querySelectorAll('.dues-cell.owed').length);
    if (owed !== 0) throw new Error(`${owed} months shown as 欠 on the first day`);
    if (month > 1) await waitText(driver, '[data-testid="dues-cell-李红-1"]', '—');
    // Its button opens the first person's standard; once set, collecting is offered.
    await click(driver, 'dues-first-basis');
    await waitText(driver, '[data-testid="dues-basis-dialog"]', '党费标准');
    await typeInto(driver, 'dues-income', '4000');
    await click(driver, 'dues-basis-save');
    await waitGone(driver, '[data-testid="dues-basis-dialog"] .el-dialog');
    await waitText(driver, '[data-testid="dues-collect"]', '整月收缴');
    await waitGone(driver, '[data-testid="dues-empty"]');
  });

  it('moved back to 1 January, the gaps since then appear folded, each with its form', async () => {
    const { driver } = session;
    await click(driver, 'nav-branch');
    await waitText(driver, '[data-testid="branch-save"]', '保存');
    await typeInto(driver, 'records-from', `${year}-01-01`);
    // Leaving with the change unsaved asks first; 继续编辑 stays on the page with it.
    await click(driver, 'nav-home');
    await answerBox(driver, '有未保存的修改', '继续编辑');
    assert.equal(await fieldValue(driver, 'records-from'), shownDate(`${year}-01-01`));
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
    if (date !== shownDate(`${year}-01-01`)) throw new Error(`the form's date is ${date}`);
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

  it('the menu is reached with Tab, shows where the focus is, and Enter opens a page', async () => {
    const { driver } = session;
    await click(driver, 'nav-home');
    await driver.executeScript(() => document.activeElement?.blur());
    let focused = '';
    for (let i = 0; i < 20 && !focused.startsWith('nav-'); i++) {
      await driver.actions().sendKeys(Key.TAB).perform();
      focused = await driver.executeScript(() => document.activeElement?.dataset?.testid ?? '');
    }
    if (!focused.startsWith('nav-')) throw new Error('Tab never reached the menu');
    const ring = await driver.executeScript(() => getComputedStyle(document.activeElement).outlineStyle);
    if (ring === 'none') throw new Error('the focused menu item shows no focus ring');
    // Down the menu to 党员名册 and open it with Enter.
    while (focused !== 'nav-roster') {
      await driver.actions().sendKeys(Key.TAB).perform();
      focused = await driver.executeScript(() => document.activeElement?.dataset?.testid ?? '');
    }
    await driver.actions().sendKeys(Key.ENTER).perform();
    await waitText(driver, '[data-testid="roster-table"]', '陈静');
  });

  it('a dialog opened with Enter puts the cursor in its first field, and Enter saves it', async () => {
    const { driver } = session;
    await driver.executeScript(() => document.querySelector('[data-testid="member-new"]').focus());
    await driver.actions().sendKeys(Key.ENTER).perform();
    await waitText(driver, '[data-testid="member-dialog"]', '公民身份号码');
    await driver.wait(
      () => driver.executeScript(() => document.activeElement?.closest('[data-testid="member-name"]') !== null || document.activeElement?.dataset?.testid === 'member-name'),
      10_000,
      'the name field did not get the cursor',
    );
    await driver.actions().sendKeys('赵敏').perform();
    await typeInto(driver, 'member-id', '110105198811110027');
    // The date typed as written in a Word roster, and Enter at once: the date is taken and
    // the form saved.
    await driver.findElement(By.css(fieldCss('member-joined'))).sendKeys('2016年7月1日', Key.ENTER);
    await waitMessage(driver, '已保存：赵敏');
    await waitGone(driver, '[data-testid="member-dialog"]');
    await waitText(driver, '[data-testid="roster-table"]', '赵敏');
    await waitText(driver, '[data-testid="roster-table"]', '2016年7月1日');
  });

  it('离退休 is ticked once in the roster: the filter finds them, and their dues standard starts from it', async () => {
    const { driver } = session;
    await click(driver, 'nav-roster');
    await clickText(driver, '[data-testid="roster-table"] button.name', '陈静');
    await waitText(driver, '[data-testid="member-dialog"]', '编辑');
    await click(driver, 'member-retired');
    await click(driver, 'member-save');
    await waitMessage(driver, '已保存：陈静');
    await waitGone(driver, '[data-testid="member-dialog"]');
    await click(driver, 'roster-status');
    await clickText(driver, '.el-select-dropdown__item', '离退休人员');
    // The filter narrows the list in place: 陈静 is listed before and after, 李红 (not
    // retired) must go.
    await waitTextWithout(driver, '[data-testid="roster-table"]', '陈静', '李红');
    // 陈静 has no dues standard yet (王强's was set on the first day).
    await click(driver, 'nav-dues');
    await click(driver, 'dues-basis-陈静');
    await waitText(driver, '[data-testid="dues-category"]', '离退休');
    await waitText(driver, '[data-testid="dues-basis-dialog"]', '月离退休费');
    await typeInto(driver, 'dues-income', '3000');
    await click(driver, 'dues-basis-save');
    await waitGone(driver, '[data-testid="dues-basis-dialog"] .el-dialog');
    await waitText(driver, '[data-testid="dues-basis-陈静"]', '0.5%');
  });

  it('a date is typed in any of the usual forms, and one that is no date is refused aloud', async () => {
    const { driver } = session;
    await click(driver, 'nav-meetings');
    await click(driver, 'meeting-new');
    await waitText(driver, '[data-testid="attendance-counts"]', '应到');
    for (const typed of ['2024.3.15', '2024/3/15', '2024年3月15日', '20240315']) {
      await typeInto(driver, 'meeting-date', typed);
      assert.equal(await fieldValue(driver, 'meeting-date'), '2024年3月15日', `typed ${typed}`);
    }
    // Month 13 is not rolled over into next January: the secretary is told, the date stays.
    await typeInto(driver, 'meeting-date', '2024.13.5');
    await waitMessage(driver, '“2024.13.5”不是有效的日期');
    assert.equal(await fieldValue(driver, 'meeting-date'), '2024年3月15日');
    // Or chosen on the calendar, which opens at the month of the date shown.
    await driver.findElement(By.css(fieldCss('meeting-date'))).click();
    await waitText(driver, '[data-testid="meeting-date"] .calendar', '2024 年');
    await clickText(driver, '[data-testid="meeting-date"] .calendar td.available:not(.prev-month):not(.next-month)', '20');
    await waitGone(driver, '[data-testid="meeting-date"] .calendar');
    assert.equal(await fieldValue(driver, 'meeting-date'), '2024年3月20日');
    await click(driver, 'meeting-cancel');
    await answerBox(driver, '有未保存的修改', '放弃修改');
    await waitGone(driver, '[data-testid="meeting-dialog"]');
  });

  it('a time typed with the Chinese colon (14：30) is taken as 14:30', async () => {
    const { driver } = session;
    await click(driver, 'nav-meetings');
    await click(driver, 'meeting-new');
    await waitText(driver, '[data-testid="attendance-counts"]', '应到');
    await typeInto(driver, 'meeting-date', today.replaceAll('-', '.'));
    // As the input method commits it (one input event).
    await paste(driver, 'meeting-time', '14：30');
    await typeInto(driver, 'meeting-topics', '学习党章');
    await click(driver, 'meeting-save');
    await waitMessage(driver, '已保存');
    await waitGone(driver, '[data-testid="meeting-dialog"]');
    await clickText(driver, 'button.kind', '主题党日');
    await waitText(driver, '[data-testid="meeting-dialog"]', '编辑会议记录');
    await driver.wait(async () => (await fieldValue(driver, 'meeting-time')) === '14:30', 10_000, 'the time was not kept as 14:30');
    await click(driver, 'meeting-cancel');
    await waitGone(driver, '[data-testid="meeting-dialog"]');
  });

  it('a sentence added to the report is still there after leaving the page', async () => {
    const { driver } = session;
    await click(driver, 'nav-report');
    await waitText(driver, '[data-testid="para-s1.life"]', '三会一课');
    const before = await driver.executeScript(() => document.querySelector('[data-testid="para-s1.life"]').innerText.trim());
    const mine = '本人带头讲党课，认真履行第一责任人职责。';
    await pasteInEditor(driver, 'para-s1.life', mine);
    await waitText(driver, '[data-testid="report-draft-note"]', '自动暂存');
    await click(driver, 'nav-home');
    await waitText(driver, '[data-testid="reminders"]', '本月');
    await click(driver, 'nav-report');
    await waitText(driver, '[data-testid="report-draft-note"]', '已恢复上次没有保存的修改');
    await waitText(driver, '[data-testid="para-s1.life"]', `${before}${mine}`);
    await click(driver, 'report-save');
    await waitMessage(driver, '已保存');
    await waitGone(driver, '[data-testid="report-draft-note"]');
  });
});
