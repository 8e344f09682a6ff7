import { describe, expect, it } from 'vitest';
import type { Manifest } from '../bindings/Manifest';
import { describeCounts, formatBytes, passphraseProblem, strength } from './backup';

describe('passphrase strength hint', () => {
  it('calls anything under 8 characters too short', () => {
    expect(strength('').label).toBe('太短');
    expect(strength('七个字的密码啊').label).toBe('太短');
  });
  it('sees through repeats, runs and common words', () => {
    expect(strength('aaaaaaaaaaaa').label).toBe('弱');
    expect(strength('12345678').label).toBe('弱');
    expect(strength('MyPassword2026!').label).toBe('弱');
  });
  it('rewards length, counting Chinese characters for more than letters', () => {
    expect(strength('阳光支部2026').label).toBe('弱');
    expect(strength('sunflower7').label).toBe('中');
    expect(strength('阳光支部2026年备份Ok').label).toBe('中');
    expect(strength('我们支部每年十二月交备份').label).toBe('强');
    expect(strength('correct horse battery').label).toBe('强');
  });
});

describe('the two passphrase entries', () => {
  it('must be long enough and agree', () => {
    expect(passphraseProblem('短', '短')).toBe('备份密码至少8个字符');
    expect(passphraseProblem('短', '短', '材料包密码')).toBe('材料包密码至少8个字符');
    expect(passphraseProblem('阳光支部2026', '阳光支部2025')).toBe('两次输入的密码不一致');
    expect(passphraseProblem('阳光支部2026', '阳光支部2026')).toBe('');
  });
});

describe('describing a backup', () => {
  it('names every count and a readable size', () => {
    const m = {
      counts: { members: 27, meetings: 46, attendance: 512, reports: 2, venues: 1 },
    } as Manifest;
    expect(describeCounts(m)).toBe('人员27人，会议46次，到会记录512条，述职报告2份，活动阵地1个');
    expect(formatBytes(300)).toBe('300 B');
    expect(formatBytes(480 * 1024)).toBe('480 KB');
    expect(formatBytes(76.2 * 1024 * 1024)).toBe('76.2 MB');
  });
});
