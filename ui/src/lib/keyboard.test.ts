import { describe, expect, it } from 'vitest';
import { submitsOnEnter } from './keyboard';

// A keydown as the form sees it: the key, the input method's state, and where it happened
// (`inside`: the selectors an ancestor of the field matches).
function key(k: string, target: { tagName: string; inside?: string[] }, extra: Partial<KeyboardEvent> = {}) {
  const matches = (sel: string) => sel.split(',').some((s) => target.inside?.includes(s.trim()));
  const el = { tagName: target.tagName, closest: (sel: string) => (matches(sel) ? {} : null) };
  return { key: k, isComposing: false, keyCode: 13, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, target: el, ...extra } as unknown as KeyboardEvent;
}

describe('Enter in a form', () => {
  it('submits from a one-line field', () => {
    expect(submitsOnEnter(key('Enter', { tagName: 'INPUT' }))).toBe(true);
  });
  it('does not submit while the input method is composing Chinese (Enter commits the text)', () => {
    expect(submitsOnEnter(key('Enter', { tagName: 'INPUT' }, { isComposing: true }))).toBe(false);
    expect(submitsOnEnter(key('Enter', { tagName: 'INPUT' }, { keyCode: 229 }))).toBe(false);
  });
  it('leaves multi-line text, drop-downs and pickers their own Enter', () => {
    expect(submitsOnEnter(key('Enter', { tagName: 'TEXTAREA' }))).toBe(false);
    expect(submitsOnEnter(key('Enter', { tagName: 'INPUT', inside: ['.el-select'] }))).toBe(false);
    expect(submitsOnEnter(key('Enter', { tagName: 'INPUT', inside: ['.el-date-editor'] }))).toBe(false);
  });
  it('does not submit on an Enter a field used itself (a date refused, a calendar closed)', () => {
    expect(submitsOnEnter(key('Enter', { tagName: 'INPUT', inside: ['.date-field'] }, { defaultPrevented: true }))).toBe(false);
    expect(submitsOnEnter(key('Enter', { tagName: 'INPUT', inside: ['.date-field'] }))).toBe(true);
  });
  it('ignores other keys and Enter with a modifier', () => {
    expect(submitsOnEnter(key('a', { tagName: 'INPUT' }))).toBe(false);
    expect(submitsOnEnter(key('Enter', { tagName: 'INPUT' }, { shiftKey: true }))).toBe(false);
  });
});
