// 发展党员 through the real app: a person's next step is recorded from the page, and the
// step that makes them an activist changes their category on the roster.
import { after, afterEach, before, describe, it } from 'node:test';
import path from 'node:path';
import { click, clickText, launch, localToday, screenshot, tempHome, typeInto, waitGone, waitText, zhibu } from './harness.mjs';

describe('发展党员 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'branch.db');
  let session;

  before(async () => {
    const today = localToday().iso;
    zhibu(db, 'init', '--branch', '中共测试协会支部委员会');
    zhibu(db, 'member', 'add', '--name', '罗文', '--id', '110105199001010010', '--category', 'applicant');
    zhibu(db, 'development', 'record', '--member', '罗文', '--step', '1', '--date', today);
    zhibu(db, 'development', 'record', '--member', '罗文', '--step', '2', '--date', today, '--detail', '王建国');
    // Entered in the roster already as a 预备党员: the steps before are 建账前.
    zhibu(db, 'member', 'add', '--name', '吴敏', '--id', '11010519950303002X', '--category', 'probationary', '--joined', `${Number(today.slice(0, 4)) - 1}-12-01`);
    session = await launch({ home, db });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('records the next step and the person becomes an activist', async () => {
    const { driver } = session;
    await click(driver, 'nav-development');
    await clickText(driver, '[data-testid="development-table"] td', '罗文');
    await waitText(driver, '[data-testid="development-罗文"]', '入党申请人');
    await waitText(driver, '[data-testid="development-罗文"]', '下一步：第3步 推荐和确定入党积极分子');
    await click(driver, 'development-record-罗文');
    await waitText(driver, '[data-testid="development-dialog"]', '推荐和确定入党积极分子');
    await click(driver, 'development-save');
    await waitGone(driver, '[data-testid="development-dialog"] .el-dialog');
    await waitText(driver, '[data-testid="development-罗文"]', '入党积极分子');
    await waitText(driver, '[data-testid="development-罗文"]', '下一步：第4步 上级党委备案');
    await click(driver, 'nav-roster');
    await waitText(driver, '[data-testid="roster-table"]', '入党积极分子');
  });

  it('starts a 预备党员 entered in the roster at their stage, in the overview and the detail', async () => {
    const { driver } = session;
    await click(driver, 'nav-development');
    const table = await waitText(driver, '[data-testid="development-table"]', '吴敏');
    if (!/吴敏\s*预备党员\s*4 接收预备党员/.test(table)) throw new Error(`the overview does not show the stage: ${table}`);
    await clickText(driver, '[data-testid="development-table"] td', '吴敏');
    await waitText(driver, '[data-testid="development-吴敏"]', '另有17步在建账前');
    await waitText(driver, '[data-testid="development-吴敏"]', '下一步：第18步 再上一级党委组织部门备案');
    const detail = await waitText(driver, '[data-testid="development-吴敏"]', '建账前');
    if (detail.includes('第1步“递交入党申请书”')) throw new Error(`a step before the records is reported missing: ${detail}`);
  });

  it('registers an applicant from the page', async () => {
    const { driver } = session;
    await click(driver, 'development-new-applicant');
    await waitText(driver, '[data-testid="member-dialog"]', '登记入党申请人');
    await typeInto(driver, 'member-name', '孙悦');
    await typeInto(driver, 'member-id', '110105199806060031');
    await click(driver, 'member-save');
    await waitGone(driver, '[data-testid="member-dialog"]');
    const table = await waitText(driver, '[data-testid="development-table"]', '孙悦');
    if (!/孙悦\s*入党申请人/.test(table)) throw new Error(`the applicant is not listed as one: ${table}`);
  });
});
