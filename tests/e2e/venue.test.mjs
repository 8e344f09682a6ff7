// The 六有 venues through the real app: register the activity room, print the
// blank form, record a check item by item, and print the filled venue form to a PDF whose
// text (pdftotext) shows the result.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { click, clickText, launch, screenshot, tempHome, typeInto, waitGone, waitText, zhibu } from './harness.mjs';

const ITEMS = ['有场所', '有设施', '有标志', '有党旗', '有书报', '有制度'];

describe('六有阵地 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'branch.db');
  const printTo = path.join(home, 'printed');
  let session;

  const printed = () => {
    const files = readdirSync(printTo).filter((f) => f.endsWith('.pdf'));
    assert.equal(files.length, 1, `one PDF: ${files}`);
    const file = path.join(printTo, files[0]);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s/g, '');
    rmSync(file);
    return text;
  };

  before(async () => {
    zhibu(db, 'init', '--branch', '中共测试协会支部委员会');
    mkdirSync(printTo, { recursive: true });
    session = await launch({ home, db, env: { ZHIBU_SAVE_TO: printTo } });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('registers the activity room with the default standard', async () => {
    const { driver } = session;
    await click(driver, 'nav-venue');
    await waitText(driver, '[data-testid="venue-create"]', '采用标准');
    await click(driver, 'venue-save');
    for (const item of ITEMS) await waitText(driver, '[data-testid="venue-items"]', item);
  });

  it('prints the blank form before any check', async () => {
    const { driver } = session;
    await click(driver, 'print-venue');
    await waitText(driver, '[data-testid="print-preview"]', '部分□');
    await click(driver, 'print-save');
    await waitText(driver, '[data-testid="print-saved"]', '.pdf');
    const text = printed();
    assert.ok(text.includes('党组织活动阵地“六有”建设情况检查表'), text);
    assert.ok(text.includes('有□部分□无□'));
    await clickText(driver, '[data-testid="print-dialog"] button', '关闭');
    await waitGone(driver, '[data-testid="print-dialog"]');
  });

  it('records a check item by item and keeps it in the history', async () => {
    const { driver } = session;
    await typeInto(driver, 'check-by', '王建国');
    for (const item of ITEMS) {
      await clickText(driver, `[data-item="${item}"] .el-radio-button`, item === '有书报' ? '部分' : '有');
    }
    await click(driver, 'check-save');
    await waitText(driver, '[data-testid="venue-history"]', '达标5项/共6项');
  });

  it('prints the filled venue form', async () => {
    const { driver } = session;
    await click(driver, 'print-venue');
    await waitText(driver, '[data-testid="print-preview"]', '达标5项');
    await click(driver, 'print-save');
    await waitText(driver, '[data-testid="print-saved"]', '.pdf');
    const text = printed();
    for (const want of ['有场所', '有书报', '部分', '达标5项，共6项', '检查人：王建国', '中共测试协会支部委员会']) {
      assert.ok(text.includes(want), `“${want}” in the printed venue form: ${text}`);
    }
    assert.ok(!text.includes('□'), 'no empty boxes once checked');
  });
});
