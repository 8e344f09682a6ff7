// Organizational life through the real app: record a 支部党员大会 with one absentee and see
// the yearly calendar and the home page change.
import { after, afterEach, before, describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { By, Key, answerBox, click, clickText, fieldCss, launch, localToday, screenshot, tempHome, typeInto, waitGone, waitText, zhibu } from './harness.mjs';

describe('组织生活 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'branch.db');
  const { iso: today, quarter } = localToday();
  const quarterCell = `[data-testid="calendar"] [data-kind="general_meeting"] [data-period="${quarter}"]`;
  const png = path.join(home, '合影.png');
  let session;

  before(async () => {
    // Three full members, entered with the CLI as a secretary could.
    zhibu(db, 'init', '--branch', '中共测试协会支部委员会');
    zhibu(db, 'member', 'add', '--name', '张三', '--id', '11010519491231002X', '--category', 'full', '--joined', '2005-01-01');
    zhibu(db, 'member', 'add', '--name', '李四', '--id', '110105198001010016', '--category', 'full', '--joined', '2005-01-01');
    zhibu(db, 'member', 'add', '--name', '陈堃', '--id', '110105198808090045', '--category', 'full', '--joined', '2012-07-01');
    session = await launch({ home, db });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('home page says this quarter still needs a 支部党员大会', async () => {
    const { driver } = session;
    await waitText(driver, '[data-testid="reminders"]', '本季度还需召开支部党员大会1次');
    await waitText(driver, quarterCell, '0/1');
  });

  it('records a 支部党员大会 with one absentee', async () => {
    const { driver } = session;
    await click(driver, 'nav-meetings');
    await waitText(driver, '[data-testid="meeting-table"]', '这一年还没有记录');
    await click(driver, 'meeting-new');
    await clickText(driver, '[data-testid="meeting-kind"] .el-radio-button', '支部党员大会');
    await typeInto(driver, 'meeting-date', today);
    await waitText(driver, '[data-testid="attendance-counts"]', '应到3人，出席3人');
    await clickText(driver, '[data-person="李四"] .el-radio-button', '缺席');
    await clickText(driver, '[data-person="陈堃"] .el-radio-button', '请假');
    await waitText(driver, '[data-testid="attendance-counts"]', '应到3人，出席1人，请假1人，缺席1人');
    await typeInto(driver, 'meeting-topics', '讨论年度工作计划');
    // 主持人 picked from the people on the list; 记录人 a guest, typed.
    await click(driver, 'meeting-host');
    await clickText(driver, '.el-select-dropdown__item', '张三');
    await typeInto(driver, 'meeting-recorder', '王老师');
    await driver.findElement(By.css(fieldCss('meeting-recorder'))).sendKeys(Key.ENTER);
    // A photo chosen before the record was ever saved: a real 1×1 PNG.
    writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64'));
    await driver.findElement(By.css('[data-testid="meeting-dialog"] input[type=file]')).sendKeys(png);
    await waitText(driver, '[data-testid="meeting-dialog"] figcaption', '合影.png');
    await click(driver, 'meeting-save');
    await waitGone(driver, '[data-testid="meeting-dialog"]');
    const row = '[data-testid="meeting-table"] .el-table__body tr';
    await waitText(driver, row, '支部党员大会');
    await waitText(driver, row, '应到3人，出席1人，请假1人，缺席1人');
    await waitText(driver, row, '讨论年度工作计划');
  });

  it('the calendar counts it for this quarter', async () => {
    await waitText(session.driver, quarterCell, '1/1');
  });

  it('the year\'s participation tells leave apart from absence', async () => {
    const { driver } = session;
    await waitText(driver, '[data-testid="participation"] [data-tone="absent"]', '李四 0/1（0%，缺席1）');
    await waitText(driver, '[data-testid="participation"] [data-tone="excused"]', '陈堃 0/1（请假1）');
  });

  it('the home page no longer asks for it and lists it as recent', async () => {
    const { driver } = session;
    await click(driver, 'nav-home');
    await waitText(driver, '[data-testid="recent"] .el-table__body', '讨论年度工作计划');
    await waitText(driver, quarterCell, '1/1');
    const text = await waitText(driver, '[data-testid="reminders"]', '');
    if (text.includes('本季度还需召开支部党员大会')) throw new Error(`reminder still shown: ${text}`);
  });

  it('keeps the photo chosen before the first save, the host and the guest recorder', async () => {
    const { driver } = session;
    await click(driver, 'nav-meetings');
    await clickText(driver, '[data-testid="meeting-table"] .el-table__body button', '支部党员大会');
    await waitText(driver, '[data-testid="meeting-dialog"] figcaption', '合影.png');
    await waitText(driver, '[data-testid="meeting-host"]', '张三');
    await waitText(driver, '[data-testid="meeting-recorder"]', '王老师');
    await click(driver, 'meeting-cancel');
    await waitGone(driver, '[data-testid="meeting-dialog"]');
  });

  it('refuses a second 支部党员大会 on the same day with a Chinese message', async () => {
    const { driver } = session;
    await click(driver, 'nav-meetings');
    await click(driver, 'meeting-new');
    await clickText(driver, '[data-testid="meeting-kind"] .el-radio-button', '支部党员大会');
    await typeInto(driver, 'meeting-date', today);
    await waitText(driver, '[data-testid="attendance-counts"]', '应到3人');
    // Saved without 议题, the form asks once.
    await click(driver, 'meeting-save');
    await answerBox(driver, '没有填写议题', '仍然保存');
    await waitText(driver, '[data-testid="meeting-error"]', '不要重复登记');
    await click(driver, 'meeting-cancel');
    await answerBox(driver, '有未保存的修改', '放弃修改');
    await waitGone(driver, '[data-testid="meeting-dialog"]');
  });
});
