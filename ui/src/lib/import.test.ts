import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../bindings/ImportReport';
import { ignoredColumns, previewSummary } from './import';

const report: ImportReport = {
  sheet: '党员花名册',
  header_row: 3,
  columns: [
    { header: '序号', field: null },
    { header: '姓名', field: '姓名' },
    { header: '身份证号码（18位）', field: '公民身份号码' },
    { header: '爱好', field: null },
  ],
  rows: [
    { row: 4, name: '赵立新', id_number: '', category: 'full', joined: '1995-07-01', status: 'ready', problems: [] },
    { row: 5, name: '钱慧敏', id_number: '', category: 'full', joined: null, status: 'duplicate', problems: ['名册中已有此人'] },
    { row: 9, name: '周敏', id_number: '', category: 'full', joined: null, status: 'invalid', problems: ['校验位不正确'] },
    { row: 10, name: '吴积极', id_number: '', category: 'activist', joined: null, status: 'ready', problems: [] },
  ],
  imported: 0,
  skipped: 2,
};

describe('an import preview', () => {
  it('counts what will happen to the rows', () => {
    expect(previewSummary(report)).toBe('共4行：可导入2人，已在名册1人，有问题1行');
  });
  it('names the columns that are left out', () => {
    expect(ignoredColumns(report)).toEqual(['序号', '爱好']);
  });
});
