// The backup page's rules that are not the core's: how strong a passphrase looks, whether
// the two entries agree, and how a backup is described to the secretary.
import type { Manifest } from '../bindings/Manifest';

export type Strength = { level: 0 | 1 | 2 | 3; label: string; hint: string };

const COMMON = ['password', 'qwerty', 'abc123', '123456', '111111', '000000', 'zhibu', 'dangzhibu'];

/** A hint only, never a gate beyond the core's minimum of 8 characters. */
export function strength(p: string): Strength {
  const chars = [...p];
  if (chars.length < 8) return { level: 0, label: '太短', hint: '至少8个字符' };
  const lower = p.toLowerCase();
  const distinct = new Set(chars).size;
  const sequential = chars.every((c, i) => i === 0 || c.codePointAt(0)! - chars[i - 1].codePointAt(0)! === 1);
  if (distinct <= 2 || sequential || COMMON.some((w) => lower.includes(w))) {
    return { level: 1, label: '弱', hint: '容易被猜到：避免重复字符、连续数字和常见词' };
  }
  // Rough guessing bits per character: a Chinese character is one of a few thousand in
  // everyday use, but phrases are predictable, so it counts for less than log2(3000).
  const bits = chars.reduce((sum, c) => {
    if (/[0-9]/.test(c)) return sum + 3.3;
    if (/[a-zA-Z]/.test(c)) return sum + 4.7;
    if (/[\x00-\x7f]/.test(c)) return sum + 5;
    return sum + 6;
  }, 0);
  if (bits >= 70) return { level: 3, label: '强', hint: '请把密码另行告诉接收人，不要和备份文件放在一起' };
  if (bits >= 45) return { level: 2, label: '中', hint: '再长一些更安全，例如用一句只有你们知道的话' };
  return { level: 1, label: '弱', hint: '太容易猜到：再长一些，例如用一句只有你们知道的话' };
}

/** What is wrong with the two entries, or '' when they can be used. */
export function passphraseProblem(p: string, again: string, what = '备份密码'): string {
  if ([...p].length < 8) return `${what}至少8个字符`;
  if (p !== again) return '两次输入的密码不一致';
  return '';
}

/** "人员27人，会议46次，到会记录512条，述职报告2份" */
export function describeCounts(m: Manifest): string {
  const c = m.counts;
  return `人员${c.members}人，会议${c.meetings}次，到会记录${c.attendance}条，述职报告${c.reports}份，活动阵地${c.venues}个`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
