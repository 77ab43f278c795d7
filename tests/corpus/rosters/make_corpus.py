#!/usr/bin/env python3
"""Makes the bad-roster corpus used by tests/roster_corpus.rs (standard library only).

Run from the repository root: python3 tests/corpus/rosters/make_corpus.py
Every file is deterministic; see README.md for what each one is and what the import says.
"""
import io
import os
import random
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE_XLSX = os.path.join(HERE, "..", "..", "fixtures", "rosters", "roster.xlsx")
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check_char(body):
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def valid_id(n):
    body = "3101041998%02d01%03d" % (n % 12 + 1, n)
    return body + check_char(body)


def wrong_check(n):
    good = valid_id(n)
    bad = "0" if good[-1] != "0" else "1"
    return good[:-1] + bad


HEADER = "姓名,证件类型,身份证号,学院,性别\n"


def rows(names):
    return "".join(
        "%s,居民身份证,%s,计算机学院,%s\n" % (name, valid_id(i), "男" if int(valid_id(i)[16]) % 2 else "女")
        for i, name in enumerate(names)
    )


NAMES = ["张三", "李四", "王五", "赵六", "欧阳娜娜"]


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def xlsx_bomb():
    """A 1.5 KB workbook whose first sheet has two cells, A1 and XFD1048576: laid out as a
    range that is 1 048 576 x 16 384 cells (about 512 GB in calamine). Fixed zip timestamps,
    so the bytes are the same on every run."""
    parts = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>'),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
         '</Relationships>'),
        ("xl/worksheets/sheet1.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<dimension ref="A1:XFD1048576"/><sheetData>'
         '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
         '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
         '</sheetData></worksheet>'),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    write("xlsx_bomb_a1_xfd1048576.xlsx", buf.getvalue())


def main():
    xlsx_bomb()
    good = HEADER + rows(NAMES)
    write("gbk.csv", good.encode("gbk"))
    write("utf8_bom.csv", b"\xef\xbb\xbf" + good.replace("\n", "\r\n").encode("utf-8"))
    # Excel's "Unicode text": UTF-16 LE with BOM, tab separated.
    write("utf16le_tab.txt", b"\xff\xfe" + good.replace(",", "\t").encode("utf-16-le"))
    write(
        "bad_checksums.csv",
        (HEADER + rows(NAMES[:2]) + "孙七,居民身份证,%s,计算机学院,男\n" % wrong_check(7)
         + "周八,居民身份证,%s,计算机学院,女\n" % wrong_check(8)).encode("utf-8"),
    )
    write(
        "duplicate_ids.csv",
        (HEADER + rows(NAMES[:3]) + "吴九,居民身份证,%s,计算机学院,男\n" % valid_id(1)).encode("utf-8"),
    )
    write("missing_columns.csv", "姓名,学院\n张三,计算机学院\n李四,外语学院\n".encode("utf-8"))
    write(
        "formula_injection.csv",
        (HEADER + rows(NAMES[:1])
         + '"=HYPERLINK(""http://evil.example/"",""点我"")",居民身份证,%s,计算机学院,男\n' % valid_id(11)
         + "+1+1,居民身份证,%s,计算机学院,男\n" % valid_id(12)
         + "-2+3,居民身份证,%s,计算机学院,男\n" % valid_id(13)
         + "@SUM(A1:A9),居民身份证,%s,计算机学院,男\n" % valid_id(14)
         + '"\t=cmd|\' /C calc\'!A0",居民身份证,%s,计算机学院,男\n' % valid_id(15)).encode("utf-8"),
    )
    write(
        "long_fields.csv",
        (HEADER + rows(NAMES[:1])
         + "%s,居民身份证,%s,计算机学院,男\n" % ("长" * 10000, valid_id(21))
         + "钱十,居民身份证,%s,%s,男\n" % (valid_id(22), "学院" * 50000)
         + "孙十一,居民身份证,%s,计算机学院,男\n" % ("1" * 5000)).encode("utf-8"),
    )
    write("empty.csv", b"")
    write("header_only.csv", HEADER.encode("utf-8"))
    write("garbage.csv", random.Random(20260324).randbytes(4096))
    write("garbage.xlsx", random.Random(20260325).randbytes(4096))
    with open(FIXTURE_XLSX, "rb") as f:
        write("truncated.xlsx", f.read()[:1500])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "a zip file, not a workbook")
    write("zip_not_workbook.xlsx", buf.getvalue())
    write("web_page.xls", b"<html><body><table><tr><td>\xe5\xa7\x93\xe5\x90\x8d</td></tr></table></body></html>")
    write(
        "scientific_ids.csv",
        (HEADER + "张三,居民身份证,3.10104E+17,计算机学院,男\n").encode("utf-8"),
    )
    write(
        "control_chars.csv",
        (HEADER + "张\x00三,居民身份证,%s,计算机学院,男\n" % valid_id(31)
         + '"李\n四",居民身份证,%s,计算机学院,男\n' % valid_id(32)).encode("utf-8"),
    )
    write(
        "unclosed_quote.csv",
        (HEADER + '"张三,居民身份证,%s,计算机学院,男\n' % valid_id(41) + rows(NAMES[1:3])).encode("utf-8"),
    )
    # GBK bytes mislabelled by a BOM: names come out as replacement characters.
    write("gbk_with_utf8_bom.csv", b"\xef\xbb\xbf" + good.encode("gbk"))


if __name__ == "__main__":
    main()
