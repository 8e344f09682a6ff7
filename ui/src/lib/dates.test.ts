import { describe, expect, it } from 'vitest';
import { parseTypedDate } from './dates';

describe('dates typed in the forms secretaries write them', () => {
  it('reads the usual forms', () => {
    for (const typed of ['2024-03-15', '2024-3-15', '2024.3.15', '2024/3/15', '2024年3月15日', '2024年3月15', ' 2024 年 3 月 15 日 ', '20240315', '２０２４．３．１５', '2024。3。15'])
      expect(parseTypedDate(typed), typed).toBe('2024-03-15');
  });

  it('refuses what is not a date instead of rolling it into another one', () => {
    for (const typed of ['', '2024', '2024.13.5', '2023-02-29', '2024-04-31', '2024.0.1', '24.3.15', '2024年3月', '三月十五日'])
      expect(parseTypedDate(typed), typed).toBeNull();
  });

  it('knows leap years', () => {
    expect(parseTypedDate('2024.2.29')).toBe('2024-02-29');
    expect(parseTypedDate('2100.2.29')).toBeNull();
  });
});
