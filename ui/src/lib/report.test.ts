import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../bindings/Paragraph';
import { changedParagraphs, newCustomKey } from './report';

const p = (key: string, text: string): Paragraph => ({ key, section: 's1', kind: 'text', text, edited: false });

describe('the report editor', () => {
  it('sends only the paragraphs that changed, and new ones', () => {
    const loaded = [p('opening', '开头'), p('s1.org', '组织')];
    const edits = changedParagraphs(loaded, { opening: '开头', 's1.org': '组织建设', 'custom.s2.1': '新段落' });
    expect(edits).toEqual([
      { key: 's1.org', text: '组织建设' },
      { key: 'custom.s2.1', text: '新段落' },
    ]);
  });

  it('numbers new paragraphs after the ones that exist or are pending', () => {
    const loaded = [p('custom.s2.1', 'a')];
    expect(newCustomKey(loaded, 's2')).toBe('custom.s2.2');
    expect(newCustomKey(loaded, 's2', ['custom.s2.2'])).toBe('custom.s2.3');
    expect(newCustomKey(loaded, 's4')).toBe('custom.s4.1');
  });
});
