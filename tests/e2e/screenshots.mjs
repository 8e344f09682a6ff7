// Takes the README's screenshots of the real app on the demo branch (run by hand, not a test):
//   ZHIBU_APP=target/debug/zhibu-desktop xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/screenshots.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { click, launch, painted, tempHome, typeInto, waitText } from './harness.mjs';

const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../docs');
const home = tempHome();
const db = path.join(home, 'demo.db');
const cli = path.resolve(path.dirname(process.env.ZHIBU_APP), 'zhibu');
execFileSync(cli, ['--db', db, 'demo']);
const backup = path.join(home, '阳光社工中心支部-备份-20261126.zhibu');
execFileSync(cli, ['--db', db, 'backup', 'export', backup, '--passphrase-env', 'P'], { env: { ...process.env, P: '我们支部每年十二月交备份' } });

const { driver, stop } = await launch({ home, db, env: { ZHIBU_PICK_FILE: backup } });
try {
  const shot = async (name) => {
    await painted(driver);
    writeFileSync(path.join(out, `${name}.png`), await driver.takeScreenshot(), 'base64');
  };
  await waitText(driver, '[data-testid="reminders"]', '孙涛');
  await waitText(driver, '[data-testid="calendar"]', '主题党日');
  await shot('home');
  // The joint branch's facts, further down the home page.
  await waitText(driver, '[data-testid="org-facts"]', '北京暖心公益基金会');
  await driver.executeScript(() => document.querySelector('[data-testid="branch-facts"]').scrollIntoView());
  await shot('home-organizations');
  await click(driver, 'nav-talks');
  await waitText(driver, '[data-testid="talk-missing"]', '任一支委');
  await shot('talks');
  await click(driver, 'nav-meetings');
  await waitText(driver, '[data-testid="meeting-table"] .el-table__body', '重温入党誓词');
  await shot('meetings');
  await click(driver, 'meeting-new');
  await waitText(driver, '[data-testid="attendance-counts"]', '应到');
  await shot('meeting-form');
  await click(driver, 'meeting-cancel');
  await click(driver, 'nav-roster');
  await waitText(driver, '[data-testid="roster-table"]', '王建国');
  await click(driver, 'member-new');
  await waitText(driver, '[data-testid="member-dialog"]', '公民身份号码');
  await click(driver, 'member-save');
  await waitText(driver, '[data-testid="member-dialog"] .el-form-item__error', '请填写姓名');
  await shot('member-form');
  await click(driver, 'member-cancel');
  await click(driver, 'nav-development');
  await waitText(driver, '[data-testid="development-林雪"]', '16学时');
  await shot('development');
  await click(driver, 'nav-dues');
  await waitText(driver, '[data-testid="dues-table"]', '孙涛');
  await shot('dues');
  await click(driver, 'nav-venue');
  await waitText(driver, '[data-testid="venue-history"]', '达标4项');
  await shot('venue');
  await click(driver, 'print-venue');
  await waitText(driver, '[data-testid="print-preview"]', '达标4项');
  await shot('print-preview');
  await driver.findElement({ css: '[data-testid="print-dialog"] .el-dialog__headerbtn' }).then((b) => b.click());
  await click(driver, 'nav-report');
  await waitText(driver, '[data-testid="para-s1.life"]', '支部党员大会');
  await shot('report');
  await click(driver, 'nav-branch');
  await waitText(driver, '[data-testid="org-table"]', '北京市朝阳区社会工作者协会');
  await shot('branch');
  await driver.executeScript(() => document.querySelector('[data-testid="org-table"]').scrollIntoView());
  await shot('branch-organizations');
  await click(driver, 'nav-backup');
  await typeInto(driver, 'backup-pass', '我们支部每年十二月交备份');
  await waitText(driver, '[data-testid="backup-strength"]', '强');
  await click(driver, 'backup-pick');
  await waitText(driver, '[data-testid="backup-manifest"]', '是，需要备份密码');
  await shot('backup');
  await click(driver, 'nav-roster');
  await waitText(driver, '[data-testid="roster-table"] tbody', '1977.03');
  await shot('roster');
  await click(driver, 'print-roster');
  await waitText(driver, '[data-testid="print-preview"]', '北京市朝阳区社会工作者协会（');
  await driver.executeScript(() => {
    const pages = document.querySelectorAll('[data-testid="print-preview"] .zb-page');
    pages[1]?.scrollIntoView();
  });
  await shot('roster-print');
} finally {
  await stop();
}
