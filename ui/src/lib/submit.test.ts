import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { useSubmit } from './submit';

describe('form submission', () => {
  it('keeps field messages of a refusal and clears them on the next try', async () => {
    const f = useSubmit();
    const refused = await f.submit(async () => {
      throw { kind: 'invalid', message: '请填写姓名', fields: [{ field: 'name', message: '请填写姓名' }] };
    });
    expect(refused).toBeUndefined();
    expect(f.errors.value.name).toBe('请填写姓名');
    expect(f.formError.value).toBe('请填写姓名');
    expect(f.saving.value).toBe(false);
    const ok = await f.submit(async () => 42);
    expect(ok).toBe(42);
    expect(f.errors.value).toEqual({});
    expect(f.formError.value).toBe('');
  });

  it('passes an AppError through unchanged', () => {
    const e = new AppError('conflict', '已在本支部');
    expect(AppError.from(e)).toBe(e);
  });
});
