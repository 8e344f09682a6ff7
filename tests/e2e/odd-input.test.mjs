// Odd input typed into the real app's forms: empty, too long, emoji, rare characters, SQL- and
// HTML-like text. Each is refused with a Chinese message (and nothing is saved), or stored
// exactly and shown as plain text — never as markup, never cut short. The core's sweep over
// every field is core/tests/robustness.rs; this checks the same promise through the UI. A form
// asked too early (the committee before any member is entered) explains what comes first.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { By, click, clickText, fieldValue, launch, layoutProblems, localToday, paste, screenshot, tempHome, typeInto, waitGone, waitText, zhibu } from './harness.mjs';

const RARE = '𠇔䶮'; // CJK Extension B and A: a name the secretary must be able to keep.
const HTML = '<img src=x onerror="document.title=1">主任';
const ID = '110105198808090045';
// 10,000 characters mixing emoji, rare CJK, markup, SQL and tabs.
const LONG = ('会议内容😀𠇔<b>粗</b>\'; DROP TABLE meeting;--\t').repeat(400).slice(0, 10_000);

describe('表单中的异常输入', () => {
  const home = tempHome();
  const db = path.join(home, 'branch.db');
  let session;

  before(async () => {
    zhibu(db, 'init', '--branch', '中共测试协会支部委员会');
    session = await launch({ home, db });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  const roster = () => JSON.parse(zhibu(db, 'member', 'list', '--json'));

  it('the committee asked for before any member explains what comes first and leads to the roster', async () => {
    const { driver } = session;
    await click(driver, 'nav-branch');
    await waitText(driver, '[data-testid="committee-no-members"]', '党员名册中还没有正式党员');
    await click(driver, 'committee-to-roster');
    await waitText(driver, '[data-testid="member-new"]', '登记人员');
  });

  it('an empty form names what is missing, in Chinese, and saves nothing', async () => {
    const { driver } = session;
    await click(driver, 'nav-roster');
    await click(driver, 'member-new');
    await click(driver, 'member-save');
    await waitText(driver, '[data-testid="member-dialog"] .el-form-item__error', '请填写姓名');
    // A long message (two lines in the half-width field) stays below its own field, not over
    // the next one.
    await typeInto(driver, 'member-id', '110105198808090046');
    await click(driver, 'member-save');
    await waitText(driver, '[data-testid="member-dialog"] .el-form-item__error', '校验位不正确，请核对是否有输错的数字');
    assert.deepEqual(await layoutProblems(driver), []);
    assert.equal(roster().length, 0);
  });

  it('an emoji or SQL in a name is refused, naming the character', async () => {
    const { driver } = session;
    await typeInto(driver, 'member-id', ID);
    await typeInto(driver, 'member-joined', '2012-07-01');
    await paste(driver, 'member-name', '陈😀');
    await click(driver, 'member-save');
    await waitText(driver, '[data-testid="member-dialog"] .el-form-item__error', '姓名中不能有“😀”');
    await typeInto(driver, 'member-name', "陈'; DROP TABLE member;--");
    await click(driver, 'member-save');
    await waitText(driver, '[data-testid="member-dialog"] .el-form-item__error', '姓名中不能有“\'”');
    assert.equal(roster().length, 0);
  });

  it('a name longer than 30 characters cannot be typed in full', async () => {
    const { driver } = session;
    await typeInto(driver, 'member-name', '陈'.repeat(40));
    const typed = await fieldValue(driver, 'member-name');
    assert.equal([...typed].length, 30, 'the field stops at the 30 characters the rules allow');
  });

  it('rare characters and markup are stored exactly and shown as text', async () => {
    const { driver } = session;
    await paste(driver, 'member-name', RARE);
    await paste(driver, 'member-position', HTML);
    await click(driver, 'member-save');
    await waitGone(driver, '[data-testid="member-dialog"]');
    const row = '[data-testid="roster-table"] tbody tr';
    await waitText(driver, row, RARE);
    await waitText(driver, row, HTML);
    const markup = await driver.findElements(By.css('[data-testid="roster-table"] img'));
    assert.equal(markup.length, 0, 'the position is text, not an image element');
    assert.notEqual(await driver.getTitle(), '1', 'no handler ran');
    const [m] = roster();
    assert.equal(m.name, RARE);
    assert.equal(m.position, HTML);
  });

  it('10,000 characters of meeting content survive a restart unchanged', async () => {
    let { driver } = session;
    const { iso: today } = localToday();
    await click(driver, 'nav-meetings');
    await click(driver, 'meeting-new');
    await clickText(driver, '[data-testid="meeting-kind"] .el-radio-button', '党课');
    await typeInto(driver, 'meeting-date', today);
    await typeInto(driver, 'meeting-topics', '<script>alert(1)</script>学习党章');
    await paste(driver, 'meeting-content', LONG);
    await click(driver, 'meeting-save');
    await waitGone(driver, '[data-testid="meeting-dialog"]');
    await session.stop();
    session = await launch({ home, db });
    ({ driver } = session);
    await click(driver, 'nav-meetings');
    await clickText(driver, '[data-testid="meeting-table"] .el-table__body button', '党课');
    // The record's fields are input values, not page text: wait for the content to arrive.
    await driver.wait(async () => (await fieldValue(driver, 'meeting-content')).length > 0, 30_000, 'the record never opened');
    const content = await fieldValue(driver, 'meeting-content');
    // Stored exactly, but for the tabs: pasted from Word they would be invisible, so they
    // become four spaces (core/src/check.rs).
    assert.equal(content, LONG.replaceAll('\t', '    ').trim());
    assert.equal(await fieldValue(driver, 'meeting-topics'), '<script>alert(1)</script>学习党章');
  });
});
