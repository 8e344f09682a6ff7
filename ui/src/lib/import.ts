// How an import preview is described to the secretary; the statuses' labels come from the core.
import type { ImportReport } from '../bindings/ImportReport';
import type { RowStatus } from '../bindings/RowStatus';
import { LABELS } from './labels';

/** The colour of each status's tag. */
export const ROW_STATUS_TAG: Record<RowStatus, 'success' | 'info' | 'danger'> = {
  ready: 'success',
  duplicate: 'info',
  invalid: 'danger',
};

export function countOf(r: ImportReport, status: RowStatus): number {
  return r.rows.filter((row) => row.status === status).length;
}

/** "共6行：可导入5人，已在名册0人，有问题1行" */
export function previewSummary(r: ImportReport): string {
  const s = LABELS.RowStatus;
  return `共${r.rows.length}行：${s.ready}${countOf(r, 'ready')}人，${s.duplicate}${countOf(r, 'duplicate')}人，${s.invalid}${countOf(r, 'invalid')}行`;
}

/** The columns left out, named so the secretary sees nothing is silently lost. */
export function ignoredColumns(r: ImportReport): string[] {
  return r.columns.filter((c) => c.field === null).map((c) => c.header);
}
