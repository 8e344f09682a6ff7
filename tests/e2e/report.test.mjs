// The duty report through the real app: open this year's report, rewrite a paragraph in place
// around a live figure (a chip), add a meeting and see the chip follow on 刷新数据, record the
// superior's review of last year's report and see this year's answer it, and save it as PDF
// and as Word; both have the secretary's words and the right number of 支部党员大会.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Key, click, clickText, fieldValue, launch, localToday, screenshot, tempHome, typeInEditor, typeInto, waitGone, waitMessage, waitText, zhibu } from './harness.mjs';

const MINE = '我们坚持每季度召开支部党员大会，全年共召开〔支部党员大会次数〕次，严格落实“三会一课”制度。';

describe('述职报告 end to end', () => {
  const home = tempHome();
  const db = path.join(home, 'demo.db');
  const printTo = path.join(home, 'printed');
  const { iso: today } = localToday();
  const year = today.slice(0, 4);
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
    await waitText(driver, '[data-testid="report-title"]', `书记${year}年度抓基层党建工作述职报告`);
    // Drafted before the year is over: counted up to today, not 全年.
    const until = today.endsWith('-12-31') ? '全年' : `截至${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`;
    await waitText(driver, '[data-testid="para-s1.life"]', `${until}召开支部党员大会${general}次`);
    // The template's codes are not in the document; they are under 段落模板.
    const shown = await driver.executeScript(() => document.querySelector('[data-testid="report-title"]').closest('.el-card').innerText);
    assert.ok(!shown.includes('〔'), shown.slice(0, 300));
  });

  it('keeps an edited paragraph through a refresh, with the live figure filled in', async () => {
    const { driver } = session;
    // Typed in the document itself; 〔名称〕 of a figure becomes its chip as it is typed.
    await typeInEditor(driver, 'para-s1.life', MINE, { replace: true });
    const expected = `全年共召开${general}次，严格落实`;
    await waitText(driver, '[data-testid="para-s1.life"]', expected);
    await waitText(driver, '[data-testid="para-s1.life"] .figure-chip', String(general));
    await click(driver, 'report-save');
    await waitMessage(driver, '已保存');
    await click(driver, 'report-refresh');
    // The refresh is saved as a revision of its own.
    await waitText(driver, '.revisions li:first-child', '刷新数据');
    await waitText(driver, '[data-testid="para-s1.life"]', `我们坚持每季度召开支部党员大会，${expected}`);
    await waitText(driver, '[data-key="s1.life"]', '已修改');
  });

  it('the figure chip follows a meeting added afterwards, and the words around it stay', async () => {
    const { driver } = session;
    await click(driver, 'nav-meetings');
    await click(driver, 'meeting-new');
    await waitText(driver, '[data-testid="attendance-counts"]', '应到');
    await clickText(driver, '[data-testid="meeting-kind"] .el-radio-button', '支部党员大会');
    await typeInto(driver, 'meeting-date', localToday().iso);
    await typeInto(driver, 'meeting-topics', '传达学习上级会议精神');
    await click(driver, 'meeting-save');
    await waitMessage(driver, '已保存');
    await waitGone(driver, '[data-testid="meeting-dialog"]');
    general += 1;
    await click(driver, 'nav-report');
    await waitText(driver, '[data-testid="para-s1.life"]', '我们坚持每季度召开支部党员大会');
    await click(driver, 'report-refresh');
    await waitText(driver, '[data-testid="para-s1.life"] .figure-chip', String(general));
    await waitText(driver, '[data-testid="para-s1.life"]', `我们坚持每季度召开支部党员大会，全年共召开${general}次，严格落实`);
    // The chip is one unit: the cursor cannot go into it.
    const editable = await driver.executeScript(() => document.querySelector('[data-testid="para-s1.life"] .figure-chip').isContentEditable);
    assert.equal(editable, false);
  });

  it('is dated as the secretary sets it, and a date outside its years is refused', async () => {
    const { driver } = session;
    const next = Number(year) + 1;
    await typeInto(driver, 'report-dated', `${year - 3}.5.1`);
    await waitText(driver, '.el-alert', `${year}年度的述职报告应落款在${year}年或${next}年`);
    await driver.wait(async () => (await fieldValue(driver, 'report-dated')) === '', 10_000, 'the refused date stayed in the field');
    await typeInto(driver, 'report-dated', `${next}.1.15`);
    await driver.wait(async () => (await fieldValue(driver, 'report-dated')) === `${next}年1月15日`, 10_000, 'the date was not kept');
  });

  it("records the superior's review of last year's report, and this year's answers it", async () => {
    const { driver } = session;
    const last = Number(year) - 1;
    await click(driver, 'report-year');
    await clickText(driver, '.el-select-dropdown__item', `${last}年度`);
    await waitText(driver, '[data-testid="report-title"]', `书记${last}年度`);
    await clickText(driver, '[data-testid="review-rating"] .el-radio-button', '较好');
    await click(driver, 'review-add-point');
    await typeInto(driver, 'review-point-0', '组织生活会查摆问题不够深入');
    await click(driver, 'review-add-point');
    await typeInto(driver, 'review-point-1', '党建引领业务发展的办法不多');
    await click(driver, 'review-save');
    await waitMessage(driver, `点评意见已列入${year}年度整改清单`);
    // The form for the review meeting, with the rating ticked and the points written in.
    await click(driver, 'review-print');
    await waitText(driver, '[data-testid="print-preview"]', `${last}年度党支部书记述职评议表`);
    await waitText(driver, '[data-testid="print-preview"]', '1. 组织生活会查摆问题不够深入');
    await click(driver, 'print-close');
    await waitGone(driver, '[data-testid="print-dialog"]');

    await click(driver, 'report-year');
    await clickText(driver, '.el-select-dropdown__item', `${year}年度`);
    await waitText(driver, '[data-testid="report-title"]', `书记${year}年度`);
    await click(driver, 'report-refresh');
    const s5 = '[data-section="s5"]';
    await waitText(driver, s5, '上年度述职评议指出问题整改情况');
    await waitText(driver, s5, '评定等次为“较好”，指出问题2条并已全部列入本年度整改清单');
    await waitText(driver, s5, '1. 组织生活会查摆问题不够深入（正在整改）');
    await waitText(driver, s5, '2. 党建引领业务发展的办法不多（正在整改）');
    // Answered before this year's problems, as reviewers read it.
    const order = await driver.executeScript(() => [...document.querySelectorAll('section.section')].map((s) => s.dataset.section).join(','));
    assert.ok(order.indexOf('s5') < order.indexOf('s2'), order);
    // And in this year's rectification list, the secretary's to finish by the end of June.
    await waitText(driver, '[data-testid="list-rectification"]', '党建引领业务发展的办法不多');
  });

  it('saves the report as PDF and as Word with the edited paragraph, the right count and its date', async () => {
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
    assert.ok(text.includes('一、履职情况') && text.includes('存在的问题及原因'), text);
    // Signed once, with the date set.
    assert.equal(text.split('述职人：').length - 1, 1, text);
    assert.ok(text.endsWith(`${Number(year) + 1}年1月15日`), text.slice(-60));

    // The Word file, opened as WPS or Word would open it (LibreOffice, from the set-up).
    await click(driver, 'print-save-docx');
    await waitText(driver, '[data-testid="print-saved"]', '.docx');
    const docx = readdirSync(printTo).filter((f) => f.endsWith('.docx'));
    assert.equal(docx.length, 1);
    const txtDir = path.join(home, 'word-text');
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(home, 'lo-profile')}`, '--headless', '--convert-to', 'txt:Text', '--outdir', txtDir, path.join(printTo, docx[0])]);
    const word = readFileSync(path.join(txtDir, docx[0].replace(/\.docx$/, '.txt')), 'utf8').replace(/\s/g, '');
    assert.ok(word.includes(`我们坚持每季度召开支部党员大会，全年共召开${general}次，严格落实“三会一课”制度。`), word);
    assert.ok(word.includes('1.组织生活会查摆问题不够深入（正在整改）'), word);
    assert.ok(word.endsWith(`${Number(year) + 1}年1月15日`), word.slice(-60));
  });
  it("packages last year's materials for the superior committee, encrypted, with every part inside", async () => {
    const { driver } = session;
    const last = String(Number(year) - 1);
    const PASS = '上级党委收材料用';
    await driver.actions().sendKeys(Key.ESCAPE).perform();
    await waitGone(driver, '[data-testid="print-dialog"]');
    await click(driver, 'nav-submit');
    await waitText(driver, 'h1', '报送上级');
    // What goes in, with what the committee would notice.
    await waitText(driver, '[data-testid="submit-parts"]', '述职报告（PDF和Word）');
    await waitText(driver, '[data-testid="submit-parts"]', '党内统计表');
    await waitText(driver, '[data-testid="submit-write"]', `生成${last}年度材料包`);
    // The 组织生活会 report is drafted from the records; its first paragraph is reworded.
    const MINE = '本支部召开年度组织生活会，支部委员逐一作对照检查，全体党员开展批评和自我批评。';
    await click(driver, 'submit-reword-5');
    await waitText(driver, '[data-testid="draft-dialog"]', '修改：组织生活会情况报告');
    await typeInto(driver, 'draft-para-0', MINE);
    await waitText(driver, '[data-testid="draft-dialog"]', '已修改');
    await click(driver, 'draft-save');
    await waitGone(driver, '[data-testid="draft-dialog"]');
    await typeInto(driver, 'submit-pass', PASS);
    await typeInto(driver, 'submit-pass2', PASS);
    await click(driver, 'submit-write');
    await waitText(driver, '[data-testid="submit-done"]', `已生成${last}年度材料包（已加密）`, 120_000);
    await waitText(driver, '[data-testid="submit-note"]', '7-Zip');
    const zips = readdirSync(printTo).filter((f) => f.endsWith('.zip'));
    assert.equal(zips.length, 1, `${zips}`);
    assert.ok(zips[0].endsWith(`-${last}年度材料.zip`), zips[0]);
    await waitText(driver, '[data-testid="submit-path"]', zips[0]);
    // The file on disk: 7-Zip lists every part, each encrypted, and opens it with the passphrase.
    const file = path.join(printTo, zips[0]);
    const listing = execFileSync('7z', ['l', '-slt', `-p${PASS}`, file]).toString();
    for (const part of ['00-目录.pdf', '00-目录.txt', `01-${last}年度述职报告.pdf`, `01-${last}年度述职报告.docx`,
      '02-党员花名册.xlsx', `05-${last}年度组织生活记录.pdf`, `06-${last}年度组织生活会情况报告.pdf`, `07-${last}年度民主评议党员情况.pdf`, '08-六有阵地检查表.pdf', `09-${last}年度党内统计表.xlsx`, '.zhibu']) {
      assert.ok(listing.includes(part), `${part} missing:\n${listing}`);
    }
    assert.ok(!listing.includes('Encrypted = -'), 'a file left unencrypted');
    const out = path.join(home, 'unpacked');
    execFileSync('7z', ['x', '-y', `-p${PASS}`, `-o${out}`, file]);
    const toc = readFileSync(path.join(out, '00-目录.txt'), 'utf8');
    assert.ok(toc.includes(`${last}年度材料目录`), toc);
    const life = execFileSync('pdftotext', [path.join(out, `06-${last}年度组织生活会情况报告.pdf`), '-'], { encoding: 'utf8' }).replace(/\s/g, '');
    assert.ok(life.includes(MINE), life);
  });
});
