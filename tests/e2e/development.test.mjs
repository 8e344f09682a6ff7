// 发展党员 through the real app: a person's next step is recorded from the page, and the
// step that makes them an activist changes their category on the roster.
import { after, afterEach, before, describe, it } from 'node:test';
import path from 'node:path';
import { click, launch, localToday, screenshot, tempHome, waitGone, waitText, zhibu } from './harness.mjs';

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
});
