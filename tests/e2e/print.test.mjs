// Printing through the real app: the preview shows the document, "save as PDF" writes it,
// and the PDF's own text (pdftotext) is the roster.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { By, click, launch, screenshot, tempHome, undrawnRules, waitText, zhibu } from './harness.mjs';

describe('打印 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'demo.db');
  // A native save dialog cannot be driven through WebDriver; this folder stands in for the
  // place the secretary would choose (see print_save).
  const printTo = path.join(home, 'printed');
  let session;

  before(async () => {
    zhibu(db, 'demo');
    execFileSync('mkdir', ['-p', printTo]);
    session = await launch({ home, db, env: { ZHIBU_SAVE_TO: printTo } });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('the home page gives the facts of each organization of the joint branch', async () => {
    const { driver } = session;
    const facts = await waitText(driver, '[data-testid="org-facts"]', '北京暖心公益基金会');
    for (const want of ['北京阳光社会工作服务中心', '北京市朝阳区社会工作者协会']) {
      assert.ok(facts.includes(want), `${want} on the home page`);
    }
    await waitText(driver, '[data-testid="branch-facts"]', '设立支部委员会');
    await waitText(driver, '[data-testid="reminders"]', '北京暖心公益基金会没有正式党员');
  });

  it('previews the roster as it will print', async () => {
    const { driver } = session;
    await click(driver, 'nav-roster');
    await click(driver, 'print-roster');
    await waitText(driver, '[data-testid="print-preview"]', '党员花名册');
    await waitText(driver, '[data-testid="print-preview"]', '王建国');
    const footer = await waitText(driver, '[data-testid="print-dialog"] .el-dialog__footer', '页');
    const pages = Number(/共(\d+)页/.exec(footer)?.[1]);
    const shown = (await driver.findElements(By.css('[data-testid="print-preview"] .zb-page'))).length;
    assert.ok(pages >= 1 && shown === pages, `the preview shows all ${pages} pages (${shown})`);
    // Every table rule of the page in view is drawn, as in the PDF.
    const { checked, undrawn } = await undrawnRules(driver);
    assert.ok(checked >= 20, `only ${checked} rules in view`);
    assert.deepEqual(undrawn, [], `${undrawn.length} of ${checked} rules not drawn`);
  });

  it('saves it as a PDF whose text is the roster', async () => {
    const { driver } = session;
    await click(driver, 'print-save');
    await waitText(driver, '[data-testid="print-saved"]', '.pdf');
    const files = readdirSync(printTo).filter((f) => f.endsWith('.pdf'));
    assert.equal(files.length, 1, `one PDF written: ${files}`);
    const text = execFileSync('pdftotext', [path.join(printTo, files[0]), '-'], { encoding: 'utf8' }).replace(/[\s]/g, '');
    for (const want of ['党员花名册', '王建国', '胡䶮', '陈堃', '书记']) {
      assert.ok(text.includes(want), `“${want}” in the printed roster`);
    }
    // A joint branch prints one table per organization, in the branch's order: 马莉 works in
    // the association, listed after the centre's people; the foundation has no member.
    const at = (s) => text.indexOf(s);
    assert.ok(at('北京阳光社会工作服务中心（') >= 0 && at('北京阳光社会工作服务中心（') < at('王建国'), 'the centre heads its table');
    assert.ok(at('王建国') < at('北京市朝阳区社会工作者协会（') && at('北京市朝阳区社会工作者协会（') < at('马莉'), 'the association comes next, with 马莉');
    assert.ok(text.includes('北京暖心公益基金会（无党员）'), 'the foundation is named');
  });
});
