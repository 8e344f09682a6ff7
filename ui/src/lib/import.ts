// How an import preview is described to the secretary.
import type { ImportReport } from '../bindings/ImportReport';
import type { RowStatus } from '../bindings/RowStatus';

export const ROW_STATUS: Record<RowStatus, { label: string; type: 'success' | 'info' | 'danger' }> = {
  ready: { label: '可导入', type: 'success' },
  duplicate: { label: '已在名册', type: 'info' },
  invalid: { label: '有问题', type: 'danger' },
};

export function countOf(r: ImportReport, status: RowStatus): number {
  return r.rows.filter((row) => row.status === status).length;
}

/** "共6行：可导入5人，已在名册0人，有问题1行" */
export function previewSummary(r: ImportReport): string {
  return `共${r.rows.length}行：可导入${countOf(r, 'ready')}人，已在名册${countOf(r, 'duplicate')}人，有问题${countOf(r, 'invalid')}行`;
}

/** The columns left out, named so the secretary sees nothing is silently lost. */
export function ignoredColumns(r: ImportReport): string[] {
  return r.columns.filter((c) => c.field === null).map((c) => c.header);
}
