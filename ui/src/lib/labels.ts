// The core's codes, labels and form choices (generated into bindings/labels.ts by `cargo
// test`), with typed helpers to list them as options. No label is written here.
export { LABELS, RULES } from '../bindings/labels';

/** The codes of a label table, in the order the core lists them. */
export function codesOf<K extends string>(table: Readonly<Record<K, string>>): K[] {
  return Object.keys(table) as K[];
}

/** [code, label] pairs of a label table, for a select or a radio group. */
export function optionsOf<K extends string>(table: Readonly<Record<K, string>>): [K, string][] {
  return Object.entries(table) as [K, string][];
}
