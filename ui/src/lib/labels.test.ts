import { describe, expect, it } from 'vitest';
import { LABELS } from './labels';

// The UI keeps no copy of a label the core owns: an object literal keyed by exactly the codes
// of one of the core's tables, with Chinese text in it, is such a copy (tag colours or CSS
// classes keyed by the same codes are not: they hold no Chinese).

const CHINESE = /[\u4e00-\u9fff]/;

// Every source file of ui/src as text, but the generated bindings and the tests.
const SOURCES: Record<string, string> = import.meta.glob(['../**/*.{ts,vue}', '!../bindings/**', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The index of the brace closing the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The keys at the top level of an object literal's body (nested objects left out). */
function topLevelKeys(body: string): string[] {
  let flat = '';
  let depth = 0;
  for (const c of body) {
    if (c === '{') depth++;
    if (depth === 0) flat += c;
    if (c === '}') depth--;
  }
  return [...flat.matchAll(/(?:^|[,\s])['"]?([A-Za-z_]\w*)['"]?\s*:(?!:)/g)].map((m) => m[1]);
}

const tables = Object.entries(LABELS).map(([name, table]) => [name, Object.keys(table).sort().join(',')] as const);

/** The core's tables a text copies, as `name` or `Record<Name, string>` annotations. */
function copiedTables(text: string): string[] {
  const found: string[] = [];
  for (let open = text.indexOf('{'); open !== -1; open = text.indexOf('{', open + 1)) {
    const close = closing(text, open);
    if (close === -1) continue;
    const body = text.slice(open + 1, close);
    if (!CHINESE.test(body)) continue;
    const keys = [...new Set(topLevelKeys(body))].sort().join(',');
    const match = tables.find(([, codes]) => codes === keys);
    if (match) found.push(match[0]);
  }
  for (const m of text.matchAll(/Record<(\w+),\s*string>/g)) {
    if (m[1] in LABELS) found.push(`Record<${m[1]}, string>`);
  }
  return found;
}

describe('labels come from the core only', () => {
  it('finds a copied table, however it is written', () => {
    expect(copiedTables("const S = { male: '男', female: '女' };")).toEqual(['Sex']);
    expect(copiedTables("x = {\n  'ready': { label: '可导入', type: 'success' },\n  duplicate: { label: '已在名册' },\n  invalid: { label: '有问题' },\n}")).toEqual(['RowStatus']);
    expect(copiedTables('const T: Record<Category, string> = f();')).toEqual(['Record<Category, string>']);
  });

  it('lets tables without Chinese through, and objects with other keys', () => {
    expect(copiedTables("const TAG = { ready: 'success', duplicate: 'info', invalid: 'danger' };")).toEqual([]);
    expect(copiedTables("f({ expected: 3, present: n('出席'), excused: 0, absent: 0 })")).toEqual([]);
  });

  it('holds no copy of a label table anywhere in ui/src', () => {
    expect(Object.keys(SOURCES)).toContain('../pages/DuesPage.vue');
    const inSrc = (file: string) => file.replace(/^\.\//, 'lib/').replace(/^\.\.\//, '');
    const copies = Object.entries(SOURCES).flatMap(([file, text]) => copiedTables(text).map((t) => `${inSrc(file)}: ${t}`));
    expect(copies, 'use LABELS from lib/labels (generated from the core) instead').toEqual([]);
  });
});
