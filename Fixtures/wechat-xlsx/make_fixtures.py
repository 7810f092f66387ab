#!/usr/bin/env python3
"""Writes the wechat-xlsx test fixtures: small, valid XLSX files laid out like WeChat Pay's
微信支付账单明细 exports (invented data). Standard library only (zipfile).

    python3 Fixtures/wechat-xlsx/make_fixtures.py

2025 layout: 16 preamble rows, header on row 17, amounts as text `¥28.16`, shared strings.
2026 layout: an extra note row pushes the header to row 18; 金额 is a numeric cell with the
number format `\\¥#,##0.00` (values as Excel writes them, float noise included); Sheet1 is
not the first sheet of the workbook.
"""
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态", "交易单号", "商户单号", "备注"]
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# A fixed timestamp keeps the generated files byte-identical between runs.
STAMP = (2026, 3, 1, 0, 0, 0)


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Strings:
    def __init__(self):
        self.items, self.index = [], {}

    def add(self, s):
        if s not in self.index:
            self.index[s] = len(self.items)
            self.items.append(s)
        return self.index[s]

    def xml(self):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
               f'<sst xmlns="{NS}" count="{len(self.items)}" uniqueCount="{len(self.items)}">']
        for s in self.items:
            space = ' xml:space="preserve"' if s != s.strip() else ""
            out.append(f"<si><t{space}>{escape(s)}</t></si>")
        out.append("</sst>")
        return "".join(out)


def sheet_xml(rows, strings):
    """rows: list of (row_number, [cell]); cell = str (shared string), ('n', literal, style),
    ('inline', text) or None (no cell written)."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           f'<worksheet xmlns="{NS}" xmlns:r="{RNS}"><sheetData>']
    for number, cells in rows:
        out.append(f'<row r="{number}">')
        for i, cell in enumerate(cells):
            ref = f"{col(i)}{number}"
            if cell is None:
                continue
            if isinstance(cell, tuple) and cell[0] == "n":
                style = f' s="{cell[2]}"' if len(cell) > 2 else ""
                out.append(f'<c r="{ref}"{style}><v>{cell[1]}</v></c>')
            elif isinstance(cell, tuple) and cell[0] == "inline":
                out.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(cell[1])}</t></is></c>')
            else:
                out.append(f'<c r="{ref}" t="s" s="1"><v>{strings.add(cell)}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


STYLES = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="166" formatCode="\\¥#,##0.00"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'''


def write_xlsx(name, sheets, strings, extra_parts=None, omit=()):
    """sheets: list of (sheet name, part file name, sheet xml)."""
    content_types = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
                     '<Default Extension="xml" ContentType="application/xml"/>',
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    for _, part, _ in sheets:
        content_types.append(f'<Override PartName="/xl/worksheets/{part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    content_types.append("</Types>")
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    # Relationship ids deliberately run opposite to the sheet order, as in real exports.
    for i, (_, part, _) in enumerate(sheets):
        rels.append(f'<Relationship Id="rId{len(sheets) - i}" Type="{RNS}/worksheet" Target="worksheets/{part}"/>')
    rels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/>')
    rels.append(f'<Relationship Id="rId{len(sheets) + 2}" Type="{RNS}/styles" Target="styles.xml"/>')
    rels.append("</Relationships>")
    workbook = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets>']
    for i, (sheet_name, _, _) in enumerate(sheets):
        workbook.append(f'<sheet name="{escape(sheet_name)}" sheetId="{i + 1}" r:id="rId{len(sheets) - i}"/>')
    workbook.append("</sheets></workbook>")
    parts = [("[Content_Types].xml", "".join(content_types)),
             ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
             ("xl/workbook.xml", "".join(workbook)),
             ("xl/_rels/workbook.xml.rels", "".join(rels))]
    parts += [(f"xl/worksheets/{part}", xml) for _, part, xml in sheets]
    parts += [("xl/styles.xml", STYLES), ("xl/sharedStrings.xml", strings.xml())]
    parts += extra_parts or []
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts:
            if part in omit:
                continue
            info = zipfile.ZipInfo(part, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def preamble(count, note_row):
    lines = ["微信支付账单明细", "微信昵称：[小林]", "起始时间：[2024-03-01 00:00:00] 终止时间：[2024-05-31 23:59:59]",
             "导出类型：[全部]", "导出时间：[2024-06-01 09:12:45]", "", f"共{count}笔记录",
             "收入：2笔 112.00元", "支出：6笔 1335.66元", "中性交易：1笔 200.00元", "注：",
             "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
             "2. 本明细仅展示当前账单中的交易，不包括已删除的记录", "3. 本明细仅供个人对账使用"]
    if note_row:
        lines.append("4. 本账单中所有时间均为UTC+08:00时间")
    lines += ["", "----------------------微信支付账单明细列表--------------------"]
    return lines


# (time, type, counterparty, product, direction, amount text, amount literal, method, status, id, order, note)
ROWS = [
    ("2024-03-05 08:00:12", "商户消费", "腾讯视频", "腾讯视频VIP会员连续包月", "支出", "¥25.00", "25", "零钱", "支付成功",
     "4200002201202403050000000001\t", "TX20240305VIP0001\t", "/"),
    ("2024-04-05 08:00:09", "商户消费", "腾讯视频", "腾讯视频VIP会员连续包月", "支出", "¥25.00", "25", "零钱", "支付成功",
     "4200002201202404050000000002\t", "TX20240405VIP0002\t", "/"),
    ("2024-04-25 08:00:41", "商户消费", "腾讯视频", "腾讯视频VIP会员连续包月", "支出", "¥30.00", "30", "招商银行信用卡(8842)", "已全额退款",
     "4200002201202404250000000003\t", "TX20240425VIP0003\t", "/"),
    ("2024-04-26 10:15:00", "商户消费-退款", "腾讯视频", "腾讯视频VIP会员连续包月", "收入", "¥30.00", "30", "招商银行信用卡(8842)", "已全额退款",
     "5000002201202404260000000004\t", "TX20240425VIP0003\t", "/"),
    ("2024-05-02 19:41:27", "商户消费", "WALMART HONG KONG CO.,LIMITED", "日用品", "支出", "¥1,234.50", "1234.5", "零钱", "支付成功",
     "4200002201202405020000000005\t", "WM0502778812\t", "/"),
    ("2024-05-10 12:00:00", "微信红包", "阿明", "/", "收入", "¥82.00", "82", "/", "已存入零钱",
     "1000039501202405100000000006\t", "/\t", "/"),
    ("2024-05-12 22:10:05", "信用卡还款", "招商银行信用卡还款", "/", "/", "¥200.00", "200", "零钱", "支付成功",
     "4200002201202405120000000007\t", "/\t", "/"),
    ("2024-05-20 07:30:00", "商户消费", "爱奇艺", "黄金VIP会员自动续费", "支出", "¥19.80", "19.800000000000001", "零钱", "支付成功",
     "4200002201202405200000000008\t", "IQ20240520AUTO\t", "/"),
    ("2024-05-21 09:00:00", "商户消费", "某小程序", "试用会员", "支出", "¥0.07", "7.0000000000000007E-2", "零钱", "支付成功",
     "4200002201202405210000000009\t", "MP0521TRIAL\t", "/"),
    ("2024-05-30 18:22:51", "商户消费", "云膳过桥米线", "总共消费:548.58", "支出", "¥548.58", "548.58000000000004", "中国银行(1234)", "支付成功",
     "4200002201202405300000000010\t", "YS0530118\t", "/"),
]


def data_cells(row, numeric, row_number):
    t, typ, cp, prod, d, amount_text, amount_literal, method, status, tid, order, note = row
    amount = ("n", amount_literal, 2) if numeric else amount_text
    cells = [t, typ, cp, prod, d, amount, method, status, tid, order, note]
    if numeric and row_number % 4 == 0:
        cells[-1] = None  # an empty 备注 left out of the sheet, as spreadsheet writers do
    if row_number % 5 == 0:
        cells[2] = ("inline", cp)  # an inline string instead of a shared one
    return cells


def build(name, numeric):
    strings = Strings()
    rows = []
    lines = preamble(len(ROWS) + 1, note_row=numeric)
    for i, text in enumerate(lines):
        rows.append((i + 1, [text] + [""] * 10))
    header_row = len(lines) + 1
    rows.append((header_row, HEADER))
    number = header_row
    for r in ROWS:
        number += 1
        rows.append((number, data_cells(r, numeric, number)))
    # A row whose time cannot be read: skipped with its row number.
    number += 1
    rows.append((number, ["2024-13-45 25:61:00", "商户消费", "坏数据", "/", "支出", ("n", "1", 2) if numeric else "¥1.00",
                          "零钱", "支付成功", "4200002201202405319999999999\t", "/", "/"]))
    if numeric:
        # A time stored as an Excel date serial (a re-saved export): 45443.5 = 2024-05-31 12:00:00.
        number += 1
        rows.append((number, [("n", "45443.5"), "商户消费", "网易云音乐", "黑胶VIP连续包月", "支出", ("n", "15", 2), "零钱",
                              "支付成功", "4200002201202405310000000011\t", "NE0531VIP\t", "/"]))
    main = sheet_xml(rows, strings)
    sheets = [("Sheet1", "sheet1.xml", main)]
    if numeric:
        # Sheet1 is the second sheet here, and its part is sheet2.xml: found by name.
        decoy = sheet_xml([(1, ["导出说明"]), (2, ["交易时间", "交易类型"]), (3, ["2024-01-01 00:00:00", "请勿导入"])], strings)
        sheets = [("说明", "sheet1.xml", decoy), ("Sheet1", "sheet2.xml", main)]
    write_xlsx(name, sheets, strings)


def hostile():
    with open(os.path.join(HERE, "not-a-zip.xlsx"), "w", encoding="utf-8") as f:
        f.write("交易时间,交易类型\nthis is a CSV renamed to .xlsx\n")
    strings = Strings()
    sheet = sheet_xml([(1, ["微信支付账单明细"])], strings)
    # The workbook names a sheet whose part the zip does not hold.
    write_xlsx("missing-sheet.xlsx", [("Sheet1", "sheet1.xml", sheet)], strings, omit=("xl/worksheets/sheet1.xml",))
    # A zip with no workbook at all.
    with zipfile.ZipFile(os.path.join(HERE, "zip-without-workbook.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("docs/readme.txt", date_time=STAMP)
        z.writestr(info, "微信支付账单明细 is mentioned, but this is not a workbook\n")
    # XXE inside the shared strings: must be refused, never resolved.
    class XXEStrings(Strings):
        def xml(self):
            return ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                    f'<sst xmlns="{NS}"><si><t>微信支付账单明细</t></si><si><t>&xxe;</t></si></sst>')
    strings = XXEStrings()
    write_xlsx("xxe-shared-strings.xlsx", [("Sheet1", "sheet1.xml", sheet_xml([(1, [("n", "0")])], Strings()))], strings)
    # A workbook whose sheet has no WeChat header.
    strings = Strings()
    other = sheet_xml([(1, ["Date", "Amount"]), (2, ["2024-01-01", ("n", "3.5")])], strings)
    write_xlsx("other-workbook.xlsx", [("Sheet1", "sheet1.xml", other)], strings)


if __name__ == "__main__":
    build("wechat-2025-text-amounts.xlsx", numeric=False)
    build("wechat-2026-numeric-amounts.xlsx", numeric=True)
    hostile()
