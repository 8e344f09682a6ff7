// A small social-organization branch through the real app: five full members, a secretary and
// no committee, one member whose 组织关系 is elsewhere. Nothing anywhere asks for a 支委会, the
// member from elsewhere takes part but is not in the dues ledger, and the talk page names the
// pairs still missing until one is recorded.
import { after, afterEach, before, describe, it } from 'node:test';
import path from 'node:path';
import { By, click, clickText, launch, localToday, screenshot, tempHome, typeInto, waitText } from './harness.mjs';
import { zhibu } from './harness.mjs';

describe('社会组织的小支部 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'branch.db');
  const { iso: today } = localToday();
  let session;

  before(async () => {
    zhibu(db, 'demo', '--small');
    session = await launch({ home, db });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('the home page and its calendar ask for no 支委会', async () => {
    const { driver } = session;
    // The member from elsewhere is reminded to transfer in: the reminders are loaded.
    const reminders = await waitText(driver, '[data-testid="reminders"]', '钱思远');
    if (reminders.includes('支委会')) throw new Error(`a 支委会 asked of a small branch: ${reminders}`);
    const calendar = await waitText(driver, '[data-testid="calendar"]', '主题党日');
    if (calendar.includes('支委会')) throw new Error(`calendar lists 支委会: ${calendar}`);
  });

  it('the duty report names no 支委会 and counts the member from elsewhere apart', async () => {
    const { driver } = session;
    await click(driver, 'nav-report');
    const page = await waitText(driver, 'main', '另有组织关系在其他党组织、在本支部参加组织生活的党员1名');
    if (page.includes('支委会')) throw new Error('the report speaks of a 支委会');
    await waitText(driver, 'main', '支部共有党员5名');
  });

  it('the member from elsewhere is expected at a meeting, and the printed list names no 支委会', async () => {
    const { driver } = session;
    await click(driver, 'nav-meetings');
    await click(driver, 'meeting-new');
    await waitText(driver, '[data-testid="attendance-counts"]', '应到6人');
    await waitText(driver, '[data-person="钱思远"]', '钱思远');
    await click(driver, 'meeting-cancel');
    await click(driver, 'print-meetings');
    const preview = await waitText(driver, '[data-testid="print-preview"]', '主题党日');
    if (preview.includes('支委会')) throw new Error('the printed list speaks of a 支委会');
    await driver.findElement(By.css('[data-testid="print-dialog"] .el-dialog__headerbtn')).then((b) => b.click());
  });

  it('the member whose 组织关系 is elsewhere is not in the dues ledger', async () => {
    const { driver } = session;
    await click(driver, 'nav-dues');
    const table = await waitText(driver, '[data-testid="dues-table"]', '陈晓燕');
    if (table.includes('钱思远')) throw new Error('钱思远 pays where his membership is');
  });

  it('the settings page refuses a wrong credit code and adds the organization once it is right', async () => {
    const { driver } = session;
    await click(driver, 'nav-branch');
    await waitText(driver, '[data-testid="structure-rule"]', '不设支部委员会');
    await waitText(driver, '[data-testid="org-table"]', '北京春晖助学基金会');
    await click(driver, 'org-add');
    await typeInto(driver, 'org-name', '北京春晖志愿者协会');
    await typeInto(driver, 'org-code', '91350100M000100Y44');
    await click(driver, 'org-save');
    await waitText(driver, '[data-testid="org-dialog"]', '校验码不对');
    await typeInto(driver, 'org-code', '91350100M000100Y43');
    await click(driver, 'org-save');
    await waitText(driver, '[data-testid="org-table"]', '91350100M000100Y43');
    // Two organizations now: the home page lists them, the second without a full member.
    await click(driver, 'nav-home');
    await waitText(driver, '[data-testid="org-facts"]', '北京春晖志愿者协会');
    await waitText(driver, '[data-testid="reminders"]', '北京春晖志愿者协会没有正式党员');
  });

  it('the talk page names the missing pairs and records one', async () => {
    const { driver } = session;
    await click(driver, 'nav-talks');
    await waitText(driver, '[data-testid="talk-missing"]', '吴敏 与 任一书记');
    await waitText(driver, '[data-testid="talk-summary"]', '还缺3对');
    await click(driver, 'talk-a');
    await clickText(driver, '.el-select-dropdown__item', '陈晓燕');
    await click(driver, 'talk-b');
    await clickText(driver, '.el-select-dropdown__item', '吴敏');
    await typeInto(driver, 'talk-date', today);
    await typeInto(driver, 'talk-note', '了解项目工作中的困难');
    await click(driver, 'talk-save');
    await waitText(driver, '[data-testid="talk-table"]', '陈晓燕 — 吴敏');
    await waitText(driver, '[data-testid="talk-summary"]', '还缺2对');
    const missing = await waitText(driver, '[data-testid="talk-missing"]', '郑立平');
    if (missing.includes('吴敏')) throw new Error(`吴敏 still missing: ${missing}`);
  });
});
