#!/usr/bin/env python3
"""Writes the Excel rosters the importer is tested on (tests/fixtures/import/), in the layouts
secretaries actually have: a titled official roster with merged cells and mixed date forms, a
home-made list with other column names, an old .xls, a password-protected workbook, a file that
only looks like .xlsx, an empty one, workbooks in the 1904 date system (older Mac Excel), a
header of two rows with merged group cells, and formulas saved without their results.

    pip install openpyxl xlwt msoffcrypto-tool && python3 tools/gen-import-fixtures.py [NAME...]

The files are committed; rerun only to change them. Naming fixtures (e.g. `roster-1904`) writes
only those: rewriting the others would change their bytes (timestamps, the password's salt)
for nothing."""
import datetime
import io
import os
import sys
import zipfile

import msoffcrypto
import msoffcrypto.format.ooxml
import openpyxl
import openpyxl.utils.datetime
import xlwt
from openpyxl.styles import Alignment, Font

OUT = os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'import')
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def idn(birth, seq):
    """A valid 18-digit ID (GB 11643) for a birth date YYYYMMDD; seq odd = man."""
    first = f'110105{birth}{seq:03d}'
    return first + '10X98765432'[sum(int(a) * b for a, b in zip(first, W)) % 11]


def save(book, name):
    path = os.path.join(OUT, name)
    book.save(path)
    print('wrote', path)


def official():
    """The usual printed roster: a merged title, a note row, a header on row 3, dates in every
    form people type, a blank row, and one person whose ID has a wrong check digit."""
    b = openpyxl.Workbook()
    s = b.active
    s.title = '党员花名册'
    s.merge_cells('A1:L1')
    s['A1'] = '中共阳光社会工作服务中心支部委员会党员花名册'
    s['A1'].font = Font(size=16, bold=True)
    s['A1'].alignment = Alignment(horizontal='center')
    s['A2'] = '填报日期：2026年11月'
    s.append(['序号', '姓名', '性别', '民族', '出生年月', '公民身份号码', '学历', '入党时间', '转正时间', '人员类别', '工作岗位', '联系电话'])
    rows = [
        # A real date cell for 入党时间, month-only text for 出生年月.
        [1, '赵立新', '男', '汉族', '1968.03', idn('19680315', 11), '大学本科', datetime.date(1995, 7, 1), datetime.date(1996, 7, 1), '正式党员', '主任', '13800000001'],
        # 1985-3-1 and 1985年3月 as text; the phone as a number.
        [2, '钱慧敏', '女', '汉族', '1985年3月', idn('19850301', 22), '硕士研究生', '2010-6-28', '2011年6月28日', '正式党员', '社工', 13800000002],
        # 19850301-style numbers and a month-only number 2001.07.
        [3, '孙浩然', '男', '回族', 19900520, idn('19900520', 31), '大学本科', 2015.07, None, '正式', '项目主管', '13800000003'],
        [None] * 12,
        # A probationary member, dates as real date cells.
        [4, '李䶮', '男', '汉族', datetime.date(1998, 11, 2), idn('19981102', 51), '大学本科', datetime.date(2026, 5, 20), None, '预备党员', '社工助理', '13800000004'],
        # The check digit is wrong: this row is flagged and not imported.
        [5, '周敏', '女', '汉族', '1979.12', idn('19791208', 62)[:17] + ('0' if idn('19791208', 62)[17] != '0' else '1'), '大专', '2005.07', '2006.07', '正式党员', '财务', '13800000005'],
        [6, '吴积极', '女', '汉族', '2000.01', idn('20000110', 72), '大学本科', None, None, '入党积极分子', '志愿者', '13800000006'],
    ]
    for r in rows:
        s.append(r)
    for col, width in zip('ABCDEFGHIJKL', [6, 10, 6, 8, 10, 21, 12, 12, 12, 12, 12, 14]):
        s.column_dimensions[col].width = width
    save(b, 'roster-official.xlsx')


def homemade():
    """A list made by hand: header on row 1 with other names (spaces, remarks, stars), no
    category column, an ID typed as a number (its last digits lost), a duplicate row."""
    b = openpyxl.Workbook()
    s = b.active
    s.title = 'Sheet1'
    s.append(['姓  名', '身份证号码（18位）*', '出生日期', '入党日期', '文化程度', '手机', '家庭住址', '备注'])
    s.append(['郑红梅', idn('19720815', 82), '1972-08-15', '1998-07-01', '大专', '13900000001', '北京市朝阳区幸福路1号', ''])
    s.append(['王小川', int(idn('19880404', 91)[:17] + '1') if idn('19880404', 91)[17] != 'X' else 110105198804040911, '1988.04', '2012.06', '大学本科', '13900000002', '', 'ID输成了数字'])
    s.append(['冯卫国', idn('19600101', 13), '1960.01', '1985.06', '高中', '13900000003', '', ''])
    s.append(['冯卫国', idn('19600101', 13), '1960.01', '1985.06', '高中', '13900000003', '', '重复一行'])
    save(b, 'roster-homemade.xlsx')


def old_xls():
    """The old .xls format, still common on office computers."""
    b = xlwt.Workbook(encoding='utf-8')
    s = b.add_sheet('名册')
    header = ['姓名', '性别', '身份证号', '入党时间', '人员类别']
    for c, h in enumerate(header):
        s.write(0, c, h)
    date_style = xlwt.easyxf(num_format_str='yyyy-mm-dd')
    people = [
        ('陈晓东', '男', idn('19750612', 15), datetime.date(2000, 7, 1), '正式党员'),
        ('褚丽华', '女', idn('19830909', 24), datetime.date(2008, 7, 1), '正式党员'),
    ]
    for r, (name, sex, idnum, joined, cat) in enumerate(people, start=1):
        s.write(r, 0, name)
        s.write(r, 1, sex)
        s.write(r, 2, idnum)
        s.write(r, 3, joined, date_style)
        s.write(r, 4, cat)
    path = os.path.join(OUT, 'roster-old.xls')
    b.save(path)
    print('wrote', path)


# Typed in Excel as dates; whatever the workbook's date system, these are what must arrive.
MAC_PEOPLE = [
    ('蒋文华', '男', '19660223', 17, datetime.date(1992, 7, 1), datetime.date(1993, 7, 1)),
    ('沈玉兰', '女', '19790830', 26, datetime.date(2003, 12, 26), datetime.date(2004, 12, 26)),
]


def mac_1904():
    """Saved by an older Mac Excel: the 1904 date system, so a date cell's serial number counts
    days from 1904-01-01 (1,462 fewer than the same date in the usual 1900 system)."""
    b = openpyxl.Workbook()
    b.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    s = b.active
    s.title = '党员名册'
    s.append(['姓名', '性别', '出生日期', '身份证号', '入党时间', '转正时间', '人员类别'])
    for name, sex, birth, seq, joined, full in MAC_PEOPLE:
        born = datetime.datetime.strptime(birth, '%Y%m%d').date()
        s.append([name, sex, born, idn(birth, seq), joined, full, '正式党员'])
    for row in s.iter_rows(min_row=2):
        for c in (row[2], row[4], row[5]):
            c.number_format = 'yyyy-mm-dd'
    save(b, 'roster-1904.xlsx')


def mac_1904_xls():
    """The same roster as an .xls in the 1904 date system (its DATEMODE record set)."""
    b = xlwt.Workbook(encoding='utf-8')
    b.set_dates_1904(True)
    s = b.add_sheet('党员名册')
    for c, h in enumerate(['姓名', '性别', '出生日期', '身份证号', '入党时间', '转正时间', '人员类别']):
        s.write(0, c, h)
    date_style = xlwt.easyxf(num_format_str='yyyy-mm-dd')
    for r, (name, sex, birth, seq, joined, full) in enumerate(MAC_PEOPLE, start=1):
        born = datetime.datetime.strptime(birth, '%Y%m%d').date()
        s.write(r, 0, name)
        s.write(r, 1, sex)
        s.write(r, 2, born, date_style)
        s.write(r, 3, idn(birth, seq))
        s.write(r, 4, joined, date_style)
        s.write(r, 5, full, date_style)
        s.write(r, 6, '正式党员')
    path = os.path.join(OUT, 'roster-1904.xls')
    b.save(path)
    print('wrote', path)


def two_row_header():
    """A title, then a header of two rows: group cells (基本信息, 入党情况) merged across the
    columns they group, the column names beneath them, and 姓名, 人员类别 and 联系电话 merged
    down over both rows."""
    b = openpyxl.Workbook()
    s = b.active
    s.title = '花名册'
    s.merge_cells('A1:J1')
    s['A1'] = '第一党支部党员花名册'
    s['A1'].font = Font(size=16, bold=True)
    s['A1'].alignment = Alignment(horizontal='center')
    centre = Alignment(horizontal='center', vertical='center')
    for ref, text in [('A2:A3', '姓名'), ('B2:F2', '基本信息'), ('G2:H2', '入党情况'),
                      ('I2:I3', '人员类别'), ('J2:J3', '联系电话')]:
        s.merge_cells(ref)
        first = ref.split(':')[0]
        s[first] = text
        s[first].alignment = centre
    for col, text in zip('BCDEFGH', ['性别', '民族', '出生日期', '公民身份号码', '学历', '入党时间', '转正时间']):
        s[f'{col}3'] = text
        s[f'{col}3'].alignment = centre
    people = [
        ['韩志强', '男', '汉族', '1970.05', idn('19700512', 33), '大学本科', datetime.date(1994, 6, 30), datetime.date(1995, 6, 30), '正式党员', '13700000001'],
        ['杨秀英', '女', '满族', '1988.09', idn('19880921', 44), '硕士研究生', datetime.date(2026, 6, 30), None, '预备党员', '13700000002'],
    ]
    for r in people:
        s.append(r)
    for row in s.iter_rows(min_row=4):
        for c in (row[6], row[7]):
            c.number_format = 'yyyy-mm-dd'
    for col, width in zip('ABCDEFGHIJ', [10, 6, 8, 10, 21, 12, 12, 12, 12, 14]):
        s.column_dimensions[col].width = width
    save(b, 'roster-two-row-header.xlsx')


def formulas_uncached():
    """Written by a script and never opened in Excel: 序号, 出生日期 and 转正时间 are formulas
    with no result saved in the file (openpyxl stores the formula only)."""
    b = openpyxl.Workbook()
    s = b.active
    s.title = '名册'
    s.append(['序号', '姓名', '身份证号', '出生日期', '入党时间', '转正时间', '人员类别'])
    people = [
        ('曹建军', idn('19750304', 55), datetime.date(2001, 7, 1)),
        ('严春燕', idn('19820611', 64), datetime.date(2009, 7, 1)),
    ]
    for r, (name, idnum, joined) in enumerate(people, start=2):
        s.append([
            '=ROW()-1',
            name,
            idnum,
            f'=DATE(MID(C{r},7,4),MID(C{r},11,2),MID(C{r},13,2))',
            joined,
            f'=EDATE(E{r},12)',
            '正式党员',
        ])
        for c in ('D', 'E', 'F'):
            s[f'{c}{r}'].number_format = 'yyyy-mm-dd'
    save(b, 'roster-formula-uncached.xlsx')


def protected():
    """A workbook with an opening password (Excel's 'Encrypt with password')."""
    b = openpyxl.Workbook()
    b.active.append(['姓名', '身份证号'])
    plain = io.BytesIO()
    b.save(plain)
    plain.seek(0)
    office = msoffcrypto.format.ooxml.OOXMLFile(plain)
    with open(os.path.join(OUT, 'password.xlsx'), 'wb') as out:
        office.encrypt('1234', out)
    print('wrote password.xlsx')


def not_excel():
    """A zip renamed to .xlsx: what a wrong attachment looks like."""
    with zipfile.ZipFile(os.path.join(OUT, 'not-excel.xlsx'), 'w') as z:
        z.writestr('readme.txt', '这不是Excel文件')
    print('wrote not-excel.xlsx')


def empty():
    save(openpyxl.Workbook(), 'empty.xlsx')


FIXTURES = {
    'roster-official': official,
    'roster-homemade': homemade,
    'roster-old': old_xls,
    'roster-1904': mac_1904,
    'roster-1904-xls': mac_1904_xls,
    'roster-two-row-header': two_row_header,
    'roster-formula-uncached': formulas_uncached,
    'password': protected,
    'not-excel': not_excel,
    'empty': empty,
}

if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    names = sys.argv[1:] or list(FIXTURES)
    unknown = [n for n in names if n not in FIXTURES]
    if unknown:
        sys.exit(f'unknown fixture {", ".join(unknown)}; known: {", ".join(FIXTURES)}')
    for n in names:
        FIXTURES[n]()
