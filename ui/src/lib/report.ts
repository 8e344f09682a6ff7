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
