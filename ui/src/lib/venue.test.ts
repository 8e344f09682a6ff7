import { describe, expect, it } from 'vitest';
import type { Venue } from '../bindings/Venue';
import { newCheck } from './venue';

const venue: Venue = {
  id: 1, name: '党员活动室', address: '', standard: 'basic',
  items: [
    { id: 10, title: '有场所', requirement: '', custom: false },
    { id: 11, title: '有党建角', requirement: '', custom: true },
  ],
  checks: [{
    id: 5, date: '2025-11-20', checked_by: '王建国', note: '', met: 0,
    items: [{ item_id: 10, title: '有场所', requirement: '', status: 'partial', explanation: '综合使用', remark: '' }],
  }],
};

describe('a new venue check', () => {
  it('starts from the latest check and leaves new items unanswered', () => {
    const c = newCheck(venue, '2026-11-26', '');
    expect(c.date).toBe('2026-11-26');
    expect(c.checked_by).toBe('王建国');
    expect(c.items).toEqual([
      { item_id: 10, status: 'partial', explanation: '综合使用', remark: '' },
      { item_id: 11, status: null, explanation: '', remark: '' },
    ]);
  });

  it('starts empty for a venue never checked', () => {
    const c = newCheck({ ...venue, checks: [] }, '2026-11-26', '李秀英');
    expect(c.checked_by).toBe('李秀英');
    expect(c.items.every((i) => i.status === null)).toBe(true);
  });
});
