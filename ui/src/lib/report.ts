// The report editor's bookkeeping: which paragraphs the secretary changed since the last
// save, and the key of a new paragraph of their own.
import type { Paragraph } from '../bindings/Paragraph';
import type { ParagraphEdit } from '../bindings/ParagraphEdit';

/** Paragraphs whose text differs from what was loaded. */
export function changedParagraphs(loaded: Paragraph[], drafts: Record<string, string>): ParagraphEdit[] {
  const edits: ParagraphEdit[] = [];
  for (const [key, text] of Object.entries(drafts)) {
    const before = loaded.find((p) => p.key === key);
    if (!before || before.text !== text) edits.push({ key, text });
  }
  return edits;
}

/** custom.<section>.<n>, the first n not yet used. */
export function newCustomKey(paragraphs: Paragraph[], section: string, pending: string[] = []): string {
  const used = new Set([...paragraphs.map((p) => p.key), ...pending]);
  let n = 1;
  while (used.has(`custom.${section}.${n}`)) n += 1;
  return `custom.${section}.${n}`;
}

// The editor's document: a paragraph is text and figure chips. The chip is the figure's
// current value; the saved text keeps it as 〔名称〕, so a refresh brings it up to date.
// Names that are not figures (typos) stay text, as the printout keeps them.

/** A paragraph's node in the editor's JSON (ProseMirror's shape, kept to what we use). */
export type ParaNode = { type: 'text'; text: string } | { type: 'figure'; attrs: { name: string } };
export type ParaDoc = { type: 'doc'; content: [{ type: 'paragraph'; content?: ParaNode[] }] };

const FIGURE = /〔([^〔〕]+)〕/g;

/** The saved text as the editor's document: known 〔名称〕 become chips. */
export function toDoc(text: string, figures: Record<string, string>): ParaDoc {
  const content: ParaNode[] = [];
  let at = 0;
  const pushText = (t: string) => {
    if (!t) return;
    const last = content[content.length - 1];
    if (last?.type === 'text') last.text += t;
    else content.push({ type: 'text', text: t });
  };
  for (const m of text.matchAll(FIGURE)) {
    pushText(text.slice(at, m.index));
    if (m[1] in figures) content.push({ type: 'figure', attrs: { name: m[1] } });
    else pushText(m[0]);
    at = m.index + m[0].length;
  }
  pushText(text.slice(at));
  return { type: 'doc', content: [content.length ? { type: 'paragraph', content } : { type: 'paragraph' }] };
}

/** The editor's document back as the text that is saved. */
export function fromDoc(doc: { content?: { content?: { type?: string; text?: string; attrs?: Record<string, unknown> }[] }[] }): string {
  return (doc.content ?? [])
    .map((p) =>
      (p.content ?? [])
        .map((n) => (n.type === 'figure' ? `〔${String(n.attrs?.name ?? '')}〕` : n.type === 'text' ? (n.text ?? '') : ''))
        .join(''),
    )
    .join('');
}

/** A known 〔名称〕 just typed at the end of `before`: where it starts and the figure's name. */
export function figureTyped(before: string, figures: Record<string, string>): { index: number; text: string; name: string } | null {
  const m = /〔([^〔〕]+)〕$/.exec(before);
  if (!m || !(m[1] in figures)) return null;
  return { index: m.index, text: m[0], name: m[1] };
}
