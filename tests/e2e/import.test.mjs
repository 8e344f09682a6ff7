// 从Excel导入 through the real app: pick a workbook kept the usual way (title rows, mixed
// date forms), see every row checked with the bad one flagged, confirm, and find the people
// in the roster; then export the roster to .xlsx. The open/save dialogs are replaced by
// ZHIBU_PICK_FILE / ZHIBU_SAVE_TO (see src-tauri/src/dialogs.rs).
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { click, launch, screenshot, tempHome, waitGone, waitText, zhibu } from './harness.mjs';

const FIXTURE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/import/roster-official.xlsx');

describe('从Excel导入 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'branch.db');
  const saveTo = path.join(home, 'exported');
  let session;

  before(async () => {
    zhibu(db, 'init', '--branch', '中共阳光社会工作服务中心支部委员会');
    mkdirSync(saveTo, { recursive: true });
    session = await launch({ home, db, env: { ZHIBU_PICK_FILE: FIXTURE, ZHIBU_SAVE_TO: saveTo } });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('previews the workbook with the bad row flagged, then imports the rest', async () => {
    const { driver } = session;
    await click(driver, 'nav-roster');
    await waitText(driver, '[data-testid="roster-table"]', '没有符合条件的人员');
    await click(driver, 'import-open');
    await click(driver, 'import-pick');
    await waitText(driver, '[data-testid="import-summary"]', '共6行：可导入5人，已在名册0人，有问题1行');
    await waitText(driver, '[data-testid="import-summary"]', '表头在第3行');
    await waitText(driver, '[data-testid="import-rows"] .status-invalid', '周敏');
    await waitText(driver, '[data-testid="import-rows"] .status-invalid', '校验位不正确');
    await waitText(driver, '[data-testid="import-rows"]', '李䶮');
    // Nothing is written before the secretary confirms.
    assert.equal(zhibu(db, 'member', 'list', '--json').trim(), '[]');
    await click(driver, 'import-confirm');
    await waitGone(driver, '[data-testid="import-dialog"] .el-dialog');
    await waitText(driver, '[data-testid="roster-summary"]', '共5人');
    await waitText(driver, '[data-testid="roster-table"]', '李䶮');
    await waitText(driver, '[data-testid="roster-table"]', '钱慧敏');
  });

  it('exports the roster to an Excel file that reads back person by person', async () => {
    const { driver } = session;
    await click(driver, 'export-roster');
    await waitText(driver, '[data-testid="roster-exported"]', '已导出Excel');
    const files = readdirSync(saveTo).filter((f) => f.endsWith('.xlsx'));
    assert.equal(files.length, 1, `one workbook: ${files}`);
    const again = JSON.parse(zhibu(db, 'import', 'roster', path.join(saveTo, files[0]), '--dry-run', '--json'));
    assert.equal(again.rows.length, 5);
    assert.ok(again.rows.every((r) => r.status === 'duplicate'), JSON.stringify(again.rows));
  });
});
