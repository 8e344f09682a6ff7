// The roster through the real app: add a member with the form, see them in the list, find
// them by pinyin initials, see a Chinese error for a bad ID, and find them again after a
// restart — all on a fresh data file of the test's own.
import { after, afterEach, before, describe, it } from 'node:test';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { Key, answerBox, click, fieldValue, launch, screenshot, tempHome, typeInto, waitGone, waitText } from './harness.mjs';

// 陈堃: a rare character (堃) in a name. The ID is valid (GB 11643 check digit) and female.
const NAME = '陈堃';
const ID = '110105198808090045';
const BAD_ID = '110105198808090041';

describe('党员名册 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'branch.db');
  let session;

  before(async () => {
    session = await launch({ home, db });
  });
  afterEach(async (t) => {
    // Evidence for CI logs: what the window showed when a step failed.
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('opens in Chinese and shows an empty roster for a new file', async () => {
    const { driver } = session;
    await waitText(driver, 'h1', '首页');
    await click(driver, 'nav-roster');
    await waitText(driver, '[data-testid="roster-table"]', '没有符合条件的人员');
    await waitText(driver, 'h1', '党员名册');
  });

  it('adds a member through the form and shows them in the list', async () => {
    const { driver } = session;
    await click(driver, 'member-new');
    await typeInto(driver, 'member-name', NAME);
    await typeInto(driver, 'member-id', ID);
    await typeInto(driver, 'member-joined', '2012-07-01');
    await typeInto(driver, 'member-phone', '13800138000');
    await click(driver, 'member-save');
    await waitGone(driver, '[data-testid="member-dialog"]');
    const row = '[data-testid="roster-table"] tbody tr';
    await waitText(driver, row, NAME);
    await waitText(driver, row, '女'); // sex derived from the ID
    await waitText(driver, row, '2013年7月1日'); // full membership one year after joining
    await waitText(driver, '[data-testid="roster-summary"]', '共1人：正式党员1人');
  });

  it('finds the member by pinyin initials, and not by other letters', async () => {
    const { driver } = session;
    await typeInto(driver, 'roster-search', 'ck');
    await waitText(driver, '[data-testid="roster-table"]', NAME);
    await typeInto(driver, 'roster-search', 'zz');
    await waitText(driver, '[data-testid="roster-table"]', '没有符合条件的人员');
    await typeInto(driver, 'roster-search', 'chenk');
    await waitText(driver, '[data-testid="roster-table"]', NAME);
  });

  it('refuses a mistyped ID number with a Chinese message and saves nothing', async () => {
    const { driver } = session;
    await click(driver, 'member-new');
    await typeInto(driver, 'member-name', '张三');
    await typeInto(driver, 'member-id', BAD_ID);
    await typeInto(driver, 'member-joined', '2012-07-01');
    await click(driver, 'member-save');
    await waitText(driver, '[data-testid="member-dialog"] .el-form-item__error', '公民身份号码校验位不正确');
    await waitText(driver, '[data-testid="form-error"]', '校验位不正确');
    // Esc on a filled form asks first; 继续编辑 keeps what was typed.
    await driver.actions().sendKeys(Key.ESCAPE).perform();
    await answerBox(driver, '有未保存的修改', '继续编辑');
    assert.equal(await fieldValue(driver, 'member-name'), '张三');
    // 取消 asks too, and 放弃修改 closes it.
    await click(driver, 'member-cancel');
    await answerBox(driver, '有未保存的修改', '放弃修改');
    await waitGone(driver, '[data-testid="member-dialog"]');
    await typeInto(driver, 'roster-search', '张三');
    await waitText(driver, '[data-testid="roster-table"]', '没有符合条件的人员');
  });

  it('keeps the member after the app restarts, with an automatic backup taken', async () => {
    await session.stop();
    session = await launch({ home, db });
    const { driver } = session;
    await click(driver, 'nav-roster');
    await waitText(driver, '[data-testid="roster-table"] tbody tr', NAME);
    await waitText(driver, '[data-testid="roster-table"] tbody tr', '正式党员');
    // The secretary's file (not a demo) is backed up automatically beside it.
    const backups = readdirSync(path.join(home, 'backups')).filter((f) => /^auto-\d{8}-\d{6}\.zhibu$/.test(f));
    if (backups.length === 0) throw new Error('no automatic backup next to the data file');
  });
});
