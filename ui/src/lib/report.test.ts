import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../bindings/Paragraph';
import { changedParagraphs, figureTyped, fromDoc, newCustomKey, toDoc } from './report';

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

describe('a paragraph in the document editor', () => {
  const figures = { 支部党员大会次数: '4', 书记: '王芳' };

  it('shows known figures as chips and keeps unknown names as text', () => {
    const doc = toDoc('全年召开〔支部党员大会次数〕次，〔书记〕主持，〔笔误〕照旧。', figures);
    expect(doc.content[0].content).toEqual([
      { type: 'text', text: '全年召开' },
      { type: 'figure', attrs: { name: '支部党员大会次数' } },
      { type: 'text', text: '次，' },
      { type: 'figure', attrs: { name: '书记' } },
      { type: 'text', text: '主持，〔笔误〕照旧。' },
    ]);
  });

  it('gives back exactly the text it was given', () => {
    for (const text of ['', '〔书记〕', '没有数据的段落', '〔支部党员大会次数〕〔书记〕', '半个〔括号', '〔笔误〕']) {
      expect(fromDoc(toDoc(text, figures))).toBe(text);
    }
  });

  it('an empty paragraph is one empty paragraph node', () => {
    expect(toDoc('', figures)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  it('turns a typed 〔名称〕 into a chip only when it names a figure', () => {
    expect(figureTyped('共召开〔支部党员大会次数〕', figures)).toEqual({ index: 3, text: '〔支部党员大会次数〕', name: '支部党员大会次数' });
    expect(figureTyped('共召开〔大会〕', figures)).toBeNull();
    expect(figureTyped('〔书记〕主持', figures)).toBeNull();
  });
});
