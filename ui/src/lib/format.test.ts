import { describe, expect, it } from 'vitest';
import type { Member } from '../bindings/Member';
import { AppError } from './errors';
import { categoryCounts, formatDate, formatYearMonth, statusTags } from './format';

function member(over: Partial<Member>): Member {
  return {
    id: 1, name: '张三', id_number: '11010519491231002X', sex: 'female', birth_date: '1949-12-31',
    ethnicity: '汉族', native_place: '', education: '', work_started: null, category: 'full',
    joined: '1975-01-01', full_date: '1976-01-01', probation_extension_months: 0, position: '',
    phone: '', address: '', membership_elsewhere: false, membership_org: '', is_mobile: false,
    lost_contact: false, retired: false, note: '', party_post: '', status: 'active', dues_here: false,
    org_id: null, org_name: '',
    since: '1975-01-01', left_date: null, left_reason: null, ...over,
  };
}

describe('dates read as in official documents', () => {
  it('drops leading zeros', () => {
    expect(formatDate('2026-08-01')).toBe('2026年8月1日');
    expect(formatDate('2026-11-26')).toBe('2026年11月26日');
    expect(formatDate(null)).toBe('');
    expect(formatYearMonth('1985-03-01')).toBe('1985.03');
  });
});

describe('status marks', () => {
  it('says why and when a member left, and flags mobile and lost members', () => {
    expect(statusTags(member({}))).toEqual([]);
    const left = statusTags(member({ status: 'left', left_date: '2025-09-30', left_reason: 'transfer' }));
    expect(left[0].text).toBe('组织关系转出 2025年9月30日');
    expect(statusTags(member({ is_mobile: true, lost_contact: true })).map((t) => t.text)).toEqual(['流动党员', '失联']);
    expect(statusTags(member({ retired: true })).map((t) => t.text)).toEqual(['离退休']);
    expect(statusTags(member({ party_post: '书记', membership_elsewhere: true })).map((t) => t.text)).toEqual(['书记', '组织关系在外']);
  });

  it('counts people per category in the official order', () => {
    const list = [member({ category: 'probationary' }), member({}), member({}), member({ category: 'activist' })];
    expect(categoryCounts(list)).toBe('正式党员2人，预备党员1人，入党积极分子1人');
  });
});

describe('errors from the core', () => {
  it('keeps the kind and maps field messages by field', () => {
    const e = AppError.from({
      kind: 'invalid',
      message: '有2处填写不正确，请按提示修改',
      fields: [
        { field: 'name', message: '请填写姓名' },
        { field: 'id_number', message: '公民身份号码校验位不正确' },
      ],
    });
    expect(e.kind).toBe('invalid');
    expect(e.fields.id_number).toContain('校验位');
    expect(e.fields.name).toBe('请填写姓名');
  });

  it('turns a bare string from the shell into an internal error', () => {
    const e = AppError.from('command member_add not found');
    expect(e.kind).toBe('internal');
    expect(e.message).toContain('程序内部错误');
  });
});
