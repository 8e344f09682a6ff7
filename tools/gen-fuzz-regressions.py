#!/usr/bin/env python3
"""Writes the fuzzer's findings as regression inputs (tests/fixtures/import/fuzz/), made from the
committed fixtures by the same damage the fuzzer found, so that each stays answered:

- xls-sector-loop.xls: the old .xls whose Workbook stream's sector chain loops back on itself
  (calamine followed it until the process was killed);
- xls-huge-dimensions.xls: its DIMENSIONS record claims 4 billion rows by 65,535 columns
  (calamine reserved the grid: one fuzzed file asked for 858 GB);
- xlsx-far-cell.xlsx: one stray cell at XFD1048576, the sheet's last cell (a dense grid of it
  would be 17 billion cells);
- xlsx-chinese-in-id.xlsx (not made here: the fuzzer's own output, kept as it was saved):
  an 18-character ID cell with Chinese in it, which once cut a character in half.

New findings of `scripts/fuzz-import.sh` are saved into the same folder as found-*.

Only the standard library; the files are committed, rerun only to change them.

    python3 tools/gen-fuzz-regressions.py
"""
import io
import os
import struct
import zipfile

HERE = os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'import')
OUT = os.path.join(HERE, 'fuzz')


def read(name):
    with open(os.path.join(HERE, name), 'rb') as f:
        return bytearray(f.read())


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(bytes(data))
    print('wrote', os.path.join(OUT, name))


def fat(data):
    """The compound file's sector size, the file offset of each FAT sector, and the FAT."""
    size = 1 << struct.unpack_from('<H', data, 30)[0]
    count = struct.unpack_from('<I', data, 44)[0]
    sectors = struct.unpack_from('<109I', data, 76)[:count]
    offsets = [512 + s * size for s in sectors]
    table = []
    for off in offsets:
        table += struct.unpack_from(f'<{size // 4}I', data, off)
    return size, offsets, table


def set_fat(data, size, offsets, index, value):
    per = size // 4
    struct.pack_into('<I', data, offsets[index // per] + 4 * (index % per), value)


def workbook_start(data, size):
    first_dir = struct.unpack_from('<I', data, 48)[0]
    off = 512 + first_dir * size
    for i in range(size // 128):
        entry = data[off + i * 128: off + (i + 1) * 128]
        length = struct.unpack_from('<H', entry, 64)[0]
        if entry[:max(length - 2, 0)].decode('utf-16le') == 'Workbook':
            return struct.unpack_from('<I', entry, 116)[0]
    raise SystemExit('no Workbook stream')


def sector_loop():
    data = read('roster-old.xls')
    size, offsets, table = fat(data)
    start = workbook_start(data, size)
    # Walk two sectors into the chain and point the second back at the first.
    second = table[start]
    set_fat(data, size, offsets, second, start)
    write('xls-sector-loop.xls', data)


def huge_dimensions():
    data = read('roster-old.xls')
    # BIFF8 DIMENSIONS: record 0x0200, length 14: first row, last row + 1 (u32 each), first
    # column, last column + 1 (u16 each), reserved.
    at = data.find(b'\x00\x02\x0e\x00')
    if at < 0:
        raise SystemExit('no DIMENSIONS record')
    struct.pack_into('<IIHH', data, at + 4, 0, 0xFFFFFFFF, 0, 0xFFFF)
    write('xls-huge-dimensions.xls', data)


def far_cell():
    src = zipfile.ZipFile(io.BytesIO(read('roster-official.xlsx')))
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == 'xl/worksheets/sheet1.xml':
                body = body.replace(
                    b'</sheetData>',
                    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                )
                body = body.replace(b'<dimension ref="', b'<dimension ref="A1:XFD1048576" old="')
            # A fixed time, so that rerunning writes the same bytes.
            info.date_time = (2026, 12, 6, 0, 0, 0)
            z.writestr(info, body)
    write('xlsx-far-cell.xlsx', out.getvalue())


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    sector_loop()
    huge_dimensions()
    far_cell()
