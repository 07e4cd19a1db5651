"""Uploaded workbooks are parsed with defusedxml (openpyxl uses it when it is installed): a DTD
with entities in a part of the workbook (the "billion laughs" bomb, external entities) makes the
upload unreadable instead of being expanded."""

import io
import zipfile

import openpyxl
import openpyxl.xml
import pytest

from impactportal.spreadsheet_rows import Unreadable, read_rows

LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          b'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>')


def bomb() -> bytes:
    """A workbook whose worksheet declares nested entities and uses them in its first cell."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["PLACEHOLDER", "naam"])
    workbook.active.append(["12345678", "Bakkerij"])
    plain = io.BytesIO()
    workbook.save(plain)
    out, changed = io.BytesIO(), False
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if b"PLACEHOLDER" in data:  # the worksheet (openpyxl writes strings inline)
                head, rest = data.split(b"?>", 1) if data.startswith(b"<?xml") else (b"", data)
                data = (head + b"?>" if head else b"") + LAUGHS + rest.replace(b"PLACEHOLDER", b"&lol2;")
                changed = True
            target.writestr(info, data)
    assert changed
    return out.getvalue()


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_an_entity_bomb_in_an_upload_is_refused_not_expanded():
    with pytest.raises(Unreadable) as refused:
        rows = list(read_rows(bomb(), max_rows=10))
        assert "lol" * 100 not in str(rows)  # reached only when not refused: never expanded
    assert "kan niet worden gelezen" in str(refused.value.args)
