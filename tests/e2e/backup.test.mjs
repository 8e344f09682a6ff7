// 数据备份 through the real app: export an encrypted backup (passphrase twice, strength
// hint), refuse a wrong passphrase, look at a backup read-only (changes refused, own data
// back after), restore it with the previous data kept, and the automatic backup listed.
// The native file dialogs are replaced by ZHIBU_SAVE_TO / ZHIBU_PICK_FILE (see src-tauri/src/dialogs.rs).
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { click, clickText, launch, screenshot, tempHome, typeInto, waitGone, waitText, zhibu, zhibuWith } from './harness.mjs';

const BRANCH = '中共测试协会支部委员会';
const PASS = '我们支部每年十二月交备份';

describe('数据备份 end to end', () => {
  const home = tempHome();
  const dataDir = path.join(home, 'branch');
  const db = path.join(dataDir, 'zhibu.db');
  const given = path.join(home, '上级党委收到的备份.zhibu');
  const saveTo = path.join(home, 'usb');
  let session;

  before(async () => {
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(saveTo, { recursive: true });
    zhibu(db, 'init', '--branch', BRANCH);
    zhibu(db, 'member', 'add', '--name', '王建国', '--id', '110105196803150011', '--category', 'full', '--joined', '1995-07-01');
    zhibu(db, 'member', 'add', '--name', '李秀英', '--id', '110105197205200028', '--category', 'full', '--joined', '2001-07-01');
    zhibuWith({ P: PASS }, db, 'backup', 'export', given, '--passphrase-env', 'P');
    // Entered after the backup: it tells the backup's data from the live data.
    zhibu(db, 'member', 'add', '--name', '后来者', '--id', '110105199001010010', '--category', 'full', '--joined', '2020-07-01');
    session = await launch({ home, db, env: { ZHIBU_SAVE_TO: saveTo, ZHIBU_PICK_FILE: given } });
  });
  afterEach(async (t) => {
    if (session && t.passed !== true) console.log('screenshot:', await screenshot(session.driver, t.name));
  });
  after(async () => {
    await session?.stop();
  });

  it('lists the automatic backup taken at start', async () => {
    const { driver } = session;
    await click(driver, 'nav-backup');
    await waitText(driver, 'h1', '数据备份');
    await waitText(driver, '[data-testid="backup-auto-list"]', '人员3人');
  });

  it('exports an encrypted backup once the passphrase is entered twice alike', async () => {
    const { driver } = session;
    await typeInto(driver, 'backup-pass', '短短短');
    await waitText(driver, '[data-testid="backup-strength"]', '太短');
    await typeInto(driver, 'backup-pass', PASS);
    await waitText(driver, '[data-testid="backup-strength"]', '强');
    await typeInto(driver, 'backup-pass2', `${PASS}！`);
    await waitText(driver, '[data-testid="backup-export-card"]', '两次输入的密码不一致');
    await typeInto(driver, 'backup-pass2', PASS);
    await click(driver, 'backup-export');
    await waitText(driver, '[data-testid="backup-exported"]', '已导出备份（已加密）');
    await waitText(driver, '[data-testid="backup-exported"]', '人员3人');
    const files = readdirSync(saveTo).filter((f) => f.endsWith('.zhibu'));
    assert.equal(files.length, 1, `one backup: ${files}`);
    assert.ok(files[0].startsWith(`${BRANCH}-备份-`), files[0]);
    // The file stands on its own: the command line verifies it with the same passphrase.
    const manifest = JSON.parse(zhibuWith({ P: PASS }, db, 'backup', 'verify', path.join(saveTo, files[0]), '--passphrase-env', 'P', '--json'));
    assert.equal(manifest.branch, BRANCH);
    assert.equal(manifest.counts.members, 3);
    assert.equal(manifest.encrypted, true);
  });

  it('shows whose file a backup is, and refuses a wrong passphrase', async () => {
    const { driver } = session;
    await click(driver, 'backup-pick');
    await waitText(driver, '[data-testid="backup-manifest"]', BRANCH);
    await waitText(driver, '[data-testid="backup-manifest"]', '是，需要备份密码');
    await waitText(driver, '[data-testid="backup-manifest"]', '人员2人');
    await typeInto(driver, 'backup-open-pass', '不是这个密码啊啊');
    await click(driver, 'backup-verify');
    await waitText(driver, '[data-testid="backup-file-card"]', '备份密码不正确');
    await typeInto(driver, 'backup-open-pass', PASS);
    await click(driver, 'backup-verify');
    await waitText(driver, '[data-testid="backup-verified"]', '备份完好');
  });

  it('opens the backup read-only, refuses changes, and goes back to the own data', async () => {
    const { driver } = session;
    await click(driver, 'backup-view');
    await waitText(driver, '[data-testid="viewing-banner"]', '正在查看备份（只读）');
    await waitText(driver, '[data-testid="branch-name"]', '备份');
    await click(driver, 'nav-roster');
    await waitText(driver, '[data-testid="roster-summary"]', '共2人');
    await waitText(driver, '[data-testid="roster-table"]', '李秀英');
    // Nothing that would change data is offered while a backup is viewed.
    const disabled = (id) => driver.executeScript((t) => document.querySelector(`[data-testid="${t}"]`)?.disabled, id);
    assert.equal(await disabled('member-new'), true, '登记人员 is disabled');
    assert.equal(await disabled('import-open'), true, '从Excel导入 is disabled');
    await click(driver, 'nav-meetings');
    await waitText(driver, '[data-testid="meeting-new"]', '登记组织生活');
    assert.equal(await disabled('meeting-new'), true, '登记组织生活 is disabled');
    await click(driver, 'nav-report');
    await waitText(driver, '[data-testid="report-refresh"]', '刷新数据');
    assert.equal(await disabled('report-refresh'), true, '刷新数据 is disabled');
    await click(driver, 'nav-branch');
    await waitText(driver, '[data-testid="structure-rule"]', '按规定');
    assert.equal(await driver.executeScript(() => document.querySelector('[data-testid="branch-save"]')), null, 'no 保存 on 支部设置');
    assert.equal(await driver.executeScript(() => document.querySelector('[data-testid="branch-name-input"] input, input[data-testid="branch-name-input"]')?.disabled), true, 'the fields are disabled');
    await click(driver, 'viewing-close');
    await waitGone(driver, '[data-testid="viewing-banner"]');
    await click(driver, 'nav-roster');
    await waitText(driver, '[data-testid="roster-summary"]', '共3人');
    await waitText(driver, '[data-testid="roster-table"]', '后来者');
  });

  it('restores the backup and keeps the data it replaced', async () => {
    const { driver } = session;
    await click(driver, 'nav-backup');
    await click(driver, 'backup-pick');
    await typeInto(driver, 'backup-open-pass', PASS);
    await click(driver, 'backup-restore');
    // Before anything is replaced, what changes: the branch, the counts before → after, the time.
    await waitText(driver, '[data-testid="restore-plan"]', '人员 3 → 2');
    await waitText(driver, '[data-testid="restore-plan"]', '备份生成于');
    await clickText(driver, '.el-message-box button', '恢复');
    await waitText(driver, '.el-message-box', '原来的数据保留在');
    await clickText(driver, '.el-message-box button', '知道了');
    await waitGone(driver, '.el-message-box');
    await click(driver, 'nav-roster');
    await waitText(driver, '[data-testid="roster-summary"]', '共2人');
    const kept = readdirSync(dataDir).filter((f) => f.startsWith('zhibu-恢复前-'));
    assert.equal(kept.length, 1, `kept: ${kept}`);
    const before = JSON.parse(zhibu(path.join(dataDir, kept[0]), 'member', 'list', '--json'));
    assert.ok(before.some((m) => m.name === '后来者'), 'the replaced data is kept');
    assert.ok(existsSync(given), 'the backup file itself is untouched');
  });
});
