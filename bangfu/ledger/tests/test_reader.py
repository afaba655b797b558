"""Reading ledger files: kinds, encodings, headers and cells (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from bangfu.ledger import format as fmt
from bangfu.ledger.reader import LedgerFileError, cell_text, open_ledger, sniff
from bangfu.ledger.tests.import_files import family, write_csv, write_xlsx


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    rows = family("A1", "t-g11", size=2, 地址="历下区泺源大街2号")
    ledger = open_ledger(write_csv(tmp_path / "l.csv", rows, encoding=encoding))
    assert ledger.kind == "csv" and not ledger.missing and not ledger.unknown
    cells = [cells for _n, cells in ledger.rows()]
    assert cells[0][fmt.HEADERS.index(fmt.ADDRESS)] == "历下区泺源大街2号"
    assert cells[1][fmt.HEADERS.index(fmt.NAME)] == "王秀英"
    assert (
        ledger.encoding in ("utf-8-sig", "utf-8")
        if encoding.startswith("utf")
        else ledger.encoding == "gb18030"
    )


def test_rows_are_numbered_as_excel_shows_them_and_blank_rows_are_skipped(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text(
        ",".join(fmt.HEADERS) + "\n" + "A1,本人, 张三 \n" + ",,,\n" + "\n" + "A1,配偶,李四\n", "utf-8"
    )
    ledger = open_ledger(path)
    assert [(n, c[:3]) for n, c in ledger.rows()] == [
        (2, ["A1", "本人", "张三"]),
        (5, ["A1", "配偶", "李四"]),
    ]


def test_headers_are_trimmed_and_unknown_or_missing_ones_reported(tmp_path):
    path = tmp_path / "l.csv"
    headers = [f" {h}* " if h == fmt.NAME else h for h in fmt.HEADERS if h != fmt.PHONE] + ["备注"]
    path.write_text(",".join(headers) + "\n", "utf-8")
    ledger = open_ledger(path)
    assert ledger.missing == [fmt.PHONE] and ledger.unknown == ["备注"]
    assert fmt.NAME in ledger.columns


def test_a_tab_separated_file_is_read(tmp_path):
    path = tmp_path / "l.txt"
    path.write_text("\t".join(fmt.HEADERS) + "\nA1\t本人\t张三\n", "utf-8")
    ledger = open_ledger(path)
    assert ledger.delimiter == "\t" and next(ledger.rows())[1][:3] == ["A1", "本人", "张三"]


def test_xlsx_cells_come_back_as_the_text_a_person_typed(tmp_path):
    rows = family("A1", "t-g11", size=1)
    ledger = open_ledger(write_xlsx(tmp_path / "l.xlsx", rows, numbers=True))
    assert ledger.kind == "xlsx" and not ledger.missing
    (number, cells), = list(ledger.rows())  # fmt: skip
    assert number == 2
    assert cells[fmt.HEADERS.index(fmt.MAIN_CAUSE)] == "6"
    assert cells[fmt.HEADERS.index(fmt.MONTHLY_INCOME)] == "800"
    assert cells[fmt.HEADERS.index(fmt.ID_NUMBER)] == rows[0][fmt.ID_NUMBER]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (6.0, "6"),
        (1234.5, "1234.5"),
        (" x ", "x"),
        (None, ""),
        (True, "1"),
        (date(2024, 1, 2), "2024-01-02"),
        (7, "7"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not_ledger"),
        (b"%PDF-1.4 ...", "not_ledger"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "not_ledger"),
        (b"PK\x03\x04not really a zip", "unreadable"),
    ],
)
def test_files_that_are_not_ledgers_are_refused(tmp_path, content, code):
    path = tmp_path / "f"
    path.write_bytes(content)
    with pytest.raises(LedgerFileError) as error:
        open_ledger(path)
    assert error.value.code == code


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "f.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(LedgerFileError) as error:
        open_ledger(path)
    assert error.value.code == "not_ledger"


def test_sniff_tells_the_kind_from_the_first_bytes():
    assert sniff(b"PK\x03\x04....") == "xlsx"
    assert sniff("户编号,姓名\n".encode("gbk")) == "csv"
    assert sniff(b"\x89PNG\r\n\x1a\n") is None
    assert sniff(b"") is None


def test_parse_causes_and_money():
    assert fmt.parse_causes("6、下岗失业，9 10") == ([6, 3, 9, 10], [])
    assert fmt.parse_causes("6,x") == ([6], ["x"])
    assert fmt.parse_cause("6.0") == 6 and fmt.parse_cause("11") is None
    assert str(fmt.parse_money("1,234.5")) == "1234.50" and fmt.parse_money("") is None
    assert str(fmt.parse_money("¥800元")) == "800.00"
    for bad in ("-1", "1.234", "abc", "1e3x"):
        with pytest.raises(ValueError):
            fmt.parse_money(bad)
    assert fmt.RELATIONSHIP_FROM_LABEL["本人"] == "head" and fmt.LEVEL_FROM_LABEL["县级"] == "county"
