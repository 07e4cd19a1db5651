"""Reading the portal's CSV files back in tests: byte order mark first, then ``;`` in Dutch (the
default language) and ``,`` in English."""

import csv
import io


def csv_rows(content: bytes, delimiter: str = ";") -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff"), "a CSV without a byte order mark opens garbled in Excel"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def csv_cells(content: bytes, delimiter: str = ";") -> list[str]:
    return [cell for row in csv_rows(content, delimiter) for cell in row]
