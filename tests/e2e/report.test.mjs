// The duty report through the real app: open this year's report, rewrite a paragraph around
// a live figure, refresh from the records, and print it; the PDF's text has the secretary's
// words and the right number of 支部党员大会.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { click, launch, localToday, screenshot, tempHome, typeInto, waitText, zhibu } from './harness.mjs';

const MINE = '我们坚持每季度召开支部党员大会，全年共召开〔支部党员大会次数〕次，严格落实“三会一课”制度。';

describe('述职报告 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'demo.db');
  const printTo = path.join(home, 'printed');
  const year = localToday().iso.slice(0, 4);
  let general = 0;
  let session;

  before(async () => {
    zhibu(db, 'demo');
    // Counted from the records, independently of the report.
    const list = JSON.parse(zhibu(db, 'meeting', 'list', '--year', year, '--json'));
    general = list.filter((m) => m.kind === 'general_meeting' || m.also_kind === 'general_meeting').length;
    mkdirSync(printTo, { recursive: true });
    session = await launch({ home, db, env: { ZHIBU_SAVE_TO: printTo } });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it("opens this year's report drafted from the records", async () => {
    const { driver } = session;
    await click(driver, 'nav-report');
    await waitText(driver, '[data-testid="report-title"]', `${year}年度书记抓党建工作述职报告`);
    await waitText(driver, '[data-key="s1.life"] .rendered', `全年召开支部党员大会${general}次`);
  });

  it('keeps an edited paragraph through a refresh, with the live figure filled in', async () => {
    const { driver } = session;
    await typeInto(driver, 'para-s1.life', MINE);
    await click(driver, 'report-save');
    const expected = `全年共召开${general}次，严格落实`;
    await waitText(driver, '[data-key="s1.life"] .rendered', expected);
    await click(driver, 'report-refresh');
    // The refresh is saved as a revision of its own.
    await waitText(driver, '.revisions li:first-child', '刷新数据');
    await waitText(driver, '[data-key="s1.life"] .rendered', `我们坚持每季度召开支部党员大会，${expected}`);
    await waitText(driver, '[data-key="s1.life"] .rendered', '已修改');
  });

  it('prints the report with the edited paragraph and the right count', async () => {
    const { driver } = session;
    await click(driver, 'print-report');
    await waitText(driver, '[data-testid="print-preview"]', '我们坚持每季度召开支部党员大会');
    await click(driver, 'print-save');
    await waitText(driver, '[data-testid="print-saved"]', '.pdf');
    const files = readdirSync(printTo).filter((f) => f.endsWith('.pdf'));
    assert.equal(files.length, 1);
    // The page numbers (“— 1 —”) are not text of the report: pdftotext puts them where a
    // paragraph runs onto the next page.
    const text = execFileSync('pdftotext', [path.join(printTo, files[0]), '-'], { encoding: 'utf8' })
      .replace(/\s/g, '')
      .replace(/—\d+—/g, '');
    assert.ok(text.includes(`我们坚持每季度召开支部党员大会，全年共召开${general}次，严格落实“三会一课”制度。`), text);
    assert.ok(text.includes('一、履职情况') && text.includes('二、存在的问题'));
  });
});
