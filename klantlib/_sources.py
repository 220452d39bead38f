"""The first half of :func:`klantlib.data.read_table`: a student's file -> one grid of text cells.

This module turns whatever the student hands over (a path, bytes, a file object or an
ipywidgets ``FileUpload`` entry) into a :class:`pandas.DataFrame` of text cells whose
index is the row number the student sees. Finding the header and the types of the
columns is :mod:`klantlib._readers`' job. Every problem is a Dutch
:class:`~klantlib.errors.KlantDataError` naming the file by its *name* (an upload's
``"name"``, never its bytes) and, where there is one, the row.

**Sources.** A path, ``bytes``, a binary or text file object, one ``FileUpload`` entry
(``{"name": ..., "content": ...}`` in ipywidgets 8, ``{name: {"content": ...}}`` in 7) or
a whole ``FileUpload`` value holding exactly one file. Messages name the file by
``name=``, else the path's or upload's file name, else "je bestand": never by its
content. A string with a line break is content, not a path: refused with a hint.

**Kind of file.** By content, not by name: ``PK\\x03\\x04`` is a zip and is opened as an
Excel workbook (a zip that is no workbook -- Word, PowerPoint, ``.ods``, ``.xlsb``, a plain
zip -- gets its own message); ``\\xd0\\xcf\\x11\\xe0`` is old Excel (``.xls``), refused by
the caller; everything else is text (CSV).

**Encoding of a text file**, first rule that applies:

1. a byte-order mark: UTF-8 (``EF BB BF``, Excel's "CSV UTF-8"), UTF-32 LE/BE, UTF-16 LE/BE
   (``FF FE`` / ``FE FF``, Excel's "Unicode-tekst");
2. a known binary signature (pdf, png, jpg, gif): refused;
3. NUL bytes: UTF-16 without a mark when they sit in alternating positions (at least half
   of the odd bytes NUL and at most 5% of the even ones: little-endian; the other way round:
   big-endian); any other NUL means a binary file (pdf, zip, image ...): refused;
4. UTF-8, when all of the file is valid UTF-8;
5. cp1252 (Windows Excel's "CSV (gescheiden door lijstscheidingsteken)"), where the five
   bytes cp1252 leaves undefined are kept as their latin-1 characters.

A file whose mark (or NUL pattern) says UTF-16/32 or UTF-8 but that doesn't decode as
such is damaged or mixed: refused with the row where it goes wrong.

**Separator.** An Excel ``sep=;`` first line is honoured. Otherwise each of ``;``, tab
and ``,`` splits the first ``SNIFF_LINES`` non-empty lines into fields (honouring
quotes); the separator that gives the most lines the same field count (more than one)
wins, ties going to ``;``, then tab, then ``,`` (and ``,`` when none splits any line).
So a title line above the table doesn't count (one field for every separator); a file
``klant;opmerking`` / ``K1;goed, snel`` / ``K2;duur, maar, goed`` is ``;`` (two fields on
every line, while ``,`` gives 1, 2 and 3); ``klant;"naam, voorletters"`` is ``;`` too (the
comma is inside quotes); and ``klant;bedrag`` / ``K1;12,50`` stays ``;`` although ``,``
splits the data lines in two as well (``;`` also splits the header). The guess looks at lines,
not records: cells over several lines full of commas can tip it, and then a ``sep=;`` first
line (or saving the file again from Excel) settles it.

**Lines and row numbers.** Lines end at ``\\r\\n``, ``\\n`` or ``\\r``. The grid's index is
the row number Excel shows when it opens the file: records are counted from 1, an empty
line is a row too, and Excel's ``sep=;`` line is not (Excel reads it and hides it). A
record whose cell holds a line break is *one* row, as in Excel, so it does not shift
the rows below it (a text editor, which counts lines, shows higher numbers there).
Messages about a quote opened by mistake name rows the same way: the row where the
quote opens, and the rows it swallows as Excel would number them without that quote.

**Quotes.** As in Excel: a cell that *starts* with ``"`` is quoted and may hold the
separator (``"Jansen; Piet"``), doubled quotes (``"28"" wiel"`` is ``28" wiel``) and line
breaks; a quote elsewhere in a cell is an ordinary character. A quoted cell over more
than one line is accepted when it closes with the quote directly followed by the
separator or the end of the line, and none of its lines holds as many separators as a
row of the table has (width - 1, at least 1): those would be rows swallowed by a quote
that was opened by mistake. Otherwise -- and when the quote is never closed -- it is an
error naming the row where the quote opens and saying to remove or close it. (A quote
opened by mistake that swallows only part of a row and closes properly on the next line
can't be told from a real cell with a line break; that one is read as such.)

**Width.** The table is as wide as its first line with more than one filled field among
the first ``SNIFF_LINES`` rows (so a title line doesn't set it). Shorter lines are padded
with empty cells; a later line with *filled* fields beyond that width is an error naming
its row (empty extra fields, as Excel writes them, are dropped).
"""

from __future__ import annotations

import bisect
import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError, describe_rows
from klantlib.formatting import counted

#: How many non-empty lines decide the separator, and how many rows the table's width.
SNIFF_LINES = 20

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and .doc): not readable with openpyxl
_SEPARATORS = (";", "\t", ",")  # order breaks ties in the separator count
_SEP_NAMES = {";": "puntkomma (;)", ",": "komma (,)", "\t": "tab"}
_SEP_LINE = re.compile(r"\s*sep=(.)\s*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_BINARY_MAGIC = (
    (b"%PDF", "een pdf-bestand"),
    (b"\x89PNG", "een afbeelding (png)"),
    (b"\xff\xd8\xff", "een afbeelding (jpg)"),
    (b"GIF8", "een afbeelding (gif)"),
)
_UTF16_SAMPLE = 4096  # bytes looked at for the NUL pattern of UTF-16 without a mark
# The bytes cp1252 leaves undefined, from surrogateescape's stand-ins back to latin-1.
_CP1252_HOLES = {0xDC00 + byte: byte for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


# -- getting the bytes --------------------------------------------------------------------------

def _load(source, name: str | None) -> tuple[bytes, str]:
    """The raw bytes of ``source`` and the file name to show in messages."""
    if isinstance(source, Mapping):
        return _upload(source, name)
    if isinstance(source, (list, tuple)) and all(isinstance(entry, Mapping) for entry in source):
        return _upload_value(source, name)
    if isinstance(source, (str, os.PathLike)):
        if isinstance(source, str) and ("\n" in source or "\r" in source):
            raise KlantDataError("read_table kreeg de inhoud van een bestand in plaats van een bestandsnaam. Geef de "
                                 "naam of het pad ('kassa.csv'), of schrijf read_table(io.StringIO(tekst), "
                                 "name='kassa.csv').")
        path = Path(source)
        shown = name or path.name
        if path.suffix.casefold() == ".xls":
            raise _xls_error(shown)
        if not path.is_file():
            where = "is een map, geen bestand" if path.is_dir() else "bestaat niet"
            raise KlantDataError(f"Het bestand '{shown}' {where} (gezocht: '{path}'). Controleer de naam en "
                                 f"de map; de map van dit notebook is '{Path.cwd()}'.")
        try:
            return path.read_bytes(), shown
        except OSError as error:
            raise KlantDataError(f"Het bestand '{shown}' kon niet worden gelezen ({type(error).__name__}). Is het nog "
                                 "open in een ander programma, zoals Excel? Sluit het en probeer het opnieuw.") from error
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "je bestand"
    if hasattr(source, "read"):
        own = getattr(source, "name", None)  # a real file's path; an int for a file opened from a descriptor
        shown = name or (Path(own).name if isinstance(own, (str, os.PathLike)) and str(own) else "je bestand")
        return _content(source.read(), shown), shown
    raise KlantDataError(f"read_table kan {type(source).__name__} niet lezen. Geef een pad naar een .csv- of "
                         ".xlsx-bestand, of de inhoud van een upload met name='bestand.csv'.")


def _upload(entry: Mapping, name: str | None) -> tuple[bytes, str]:
    """One FileUpload entry: ``{"name": ..., "content": ...}`` (ipywidgets 8) or ``{name: {"content": ...}}`` (7)."""
    if "content" not in entry:
        if len(entry) == 1:
            (key, inner), = entry.items()
            if isinstance(inner, Mapping) and "content" in inner:
                return _upload({**inner, "name": inner.get("name") or key}, name)
        raise KlantDataError("Geef een bestand, een pad of een upload (met 'name' en 'content') aan read_table.")
    shown = name or str(entry.get("name") or "je bestand")
    return _content(entry["content"], shown), shown


def _upload_value(entries, name: str | None) -> tuple[bytes, str]:
    """A whole FileUpload value (a tuple of entries): fine when it holds exactly one file."""
    if len(entries) == 1:
        return _upload(entries[0], name)
    if not entries:
        raise KlantDataError("Er is nog geen bestand geüpload. Kies eerst een bestand met de uploadknop en voer de "
                             "cel daarna opnieuw uit.")
    names = ", ".join(f"'{entry.get('name', '?')}'" for entry in entries)
    raise KlantDataError(f"Er zijn {len(entries)} bestanden geüpload ({names}); read_table leest er één tegelijk. "
                         "Kies er één, bijvoorbeeld read_table(upload.value[0]).")


def _content(content, shown: str) -> bytes:
    if isinstance(content, str):
        return content.encode("utf-8")
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content)
    raise KlantDataError(f"In '{shown}' staat geen bestandsinhoud die read_table kan lezen (maar "
                         f"{type(content).__name__}). Geef de upload zelf, bijvoorbeeld read_table(upload.value[0]).")


def _xls_error(name: str) -> KlantDataError:
    return KlantDataError(f"'{name}' is een oud Excelbestand (.xls) en dat kan read_table niet lezen. Open het in "
                          "Excel en kies Opslaan als > Excel-werkmap (.xlsx) of CSV (gescheiden door lijstscheidingsteken).")


def _binary_error(name: str, kind: str = "een bestand met binaire gegevens (zoals een pdf, zip of afbeelding)"):
    return KlantDataError(f"'{name}' is geen tekstbestand (CSV) en geen Excelwerkmap, maar {kind}. read_table leest "
                          ".csv-, .txt- en .xlsx-bestanden: zet de gegevens in Excel en sla ze op als .xlsx of als CSV.")


# -- bytes to text ------------------------------------------------------------------------------

def _decode(raw: bytes, name: str) -> str:
    """The text of a CSV file; the encoding rules are in the module docstring."""
    if not raw.strip(b" \t\r\n\x00"):
        return ""
    for bom, encoding, label in _BOMS:
        if raw.startswith(bom):
            return _strict(raw[len(bom):], encoding, label, name)
    for magic, kind in _BINARY_MAGIC:
        if raw.startswith(magic):
            raise _binary_error(name, kind)
    if b"\x00" in raw:
        encoding = _utf16_by_content(raw)
        if encoding is None:
            raise _binary_error(name)
        return _strict(raw, encoding, "UTF-16", name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="surrogateescape").translate(_CP1252_HOLES)


def _utf16_by_content(raw: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the NUL bytes sit in alternating positions, as in mostly-ASCII UTF-16."""
    sample = raw[:_UTF16_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0:2 * pairs:2].count(0), sample[1:2 * pairs:2].count(0)
    if odd >= pairs / 2 and even <= pairs / 20:
        return "utf-16-le"
    if even >= pairs / 2 and odd <= pairs / 20:
        return "utf-16-be"
    return None


def _strict(body: bytes, encoding: str, label: str, name: str) -> str:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as error:
        row = len(_LINE_BREAK.findall(body[:error.start].decode(encoding, errors="replace"))) + 1
        raise KlantDataError(
            f"'{name}' is opgeslagen als Unicode-tekst ({label}), maar vanaf rij {row} klopt de codering niet: het "
            "bestand is beschadigd of bestaat uit stukken met verschillende tekensets. Open het in Excel en sla het "
            "opnieuw op als CSV UTF-8 of als .xlsx."
        ) from error


# -- text to cells ------------------------------------------------------------------------------

def _split(line: str, sep: str) -> list[str]:
    return next(csv.reader([line], delimiter=sep), [])


def _sniff(lines: list[str]) -> str:
    """The separator: the one that splits most lines into the same number (> 1) of fields."""
    filled = [line for line in lines if line.strip()][:SNIFF_LINES]
    best, best_agree = ",", 0
    for sep in _SEPARATORS:
        counts = [n for n in (len(_split(line, sep)) for line in filled) if n > 1]
        agree = max((counts.count(n) for n in set(counts)), default=0)
        if agree > best_agree:  # strictly more: ties keep the earlier separator
            best, best_agree = sep, agree
    return best


def _csv_grid(raw: bytes, name: str) -> tuple[pd.DataFrame, str]:
    """All cells of a CSV file as unstripped text, index = the line each record starts on; and the separator."""
    text = _decode(raw, name)
    head = _LINE_BREAK.split(text, maxsplit=5 * SNIFF_LINES)[:5 * SNIFF_LINES]
    first = 0
    if head and (sep_line := _SEP_LINE.fullmatch(head[0])):  # Excel's "sep=;" line
        sep, first = sep_line.group(1), 1
    else:
        sep = _sniff(head)
    error = None
    if '"' not in text:  # no quotes: one record per line, and pandas' fast reader is exact
        try:
            grid = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype="str", keep_default_na=False,
                               skip_blank_lines=False, skiprows=first, engine="c", quoting=csv.QUOTE_NONE)
        except pd.errors.EmptyDataError as empty:
            raise KlantDataError(f"Het bestand '{name}' is leeg. Zet de kolomnamen op de eerste rij en de gegevens "
                                 "daaronder, en sla het opnieuw op.") from empty
        except pd.errors.ParserError as ragged:  # more fields than the first line: decided below
            error = ragged
        else:
            grid.index = pd.RangeIndex(1, 1 + len(grid))  # Excel's rows: the sep= line is not one of them
            return grid, sep
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # the line break at the end of the last line
    return _record_grid(lines, first, sep, name, error), sep


def _record_grid(lines: list[str], first: int, sep: str, name: str, error: Exception | None) -> pd.DataFrame:
    """The grid from Python's csv reader, which tells on which lines each record starts and ends.

    The index is Excel's row number: the record's position (the ``sep=`` line, ``first`` = 1, not counted).
    """
    rows, starts, ends = [], [], []
    reader = csv.reader((line + "\n" for line in lines[first:]), delimiter=sep)

    def row_of(line: int) -> int:
        """Excel's row for a line: its record's row, plus the lines it lies below that record's first line
        (the row it would have had without the quote that pulled it into the record)."""
        k = bisect.bisect_right(starts, line) - 1
        return (k + 1) + (line - starts[k]) if k >= 0 else line - first

    try:
        for row in reader:
            starts.append(ends[-1] + 1 if ends else first + 1)
            ends.append(first + reader.line_num)
            rows.append(row)
    except csv.Error as failure:  # e.g. a field over csv's size limit: a quote that swallowed the rest
        start = ends[-1] + 1 if ends else first + 1
        starts.append(start)
        _check_quotes(lines, start, len(lines), sep, _width(rows)[1], name, row_of)
        raise KlantDataError(f"'{name}' kon niet worden gelezen als CSV-bestand vanaf rij {row_of(start)}. Open het "
                             "in Excel en sla het opnieuw op als CSV.") from failure
    top, width = _width(rows)
    for k, (start, end) in enumerate(zip(starts, ends)):
        # a record over more lines, or a last line whose quote is still open at the end of the file
        if end > start or (k == len(rows) - 1 and any(cell.endswith("\n") for cell in rows[k])):
            _check_quotes(lines, start, end, sep, width, name, row_of)
    extra = [k for k, row in enumerate(rows) if k > top and any(cell.strip() for cell in row[width:])]
    if extra:
        raise KlantDataError(
            f"In '{name}' heeft {describe_rows([k + 1 for k in extra])} meer kolommen ({len(rows[extra[0]])}) "
            f"dan de eerste rij ({width}). Meestal staat er een {_SEP_NAMES.get(sep, sep)} in een tekst of bedrag: "
            "zet die tekst tussen aanhalingstekens, of sla het bestand in Excel opnieuw op als CSV."
        ) from error
    grid = pd.DataFrame([row[:width] + [""] * (width - len(row)) for row in rows], dtype="str")
    grid.index = pd.RangeIndex(1, 1 + len(rows))
    return grid


def _width(rows: list[list[str]]) -> tuple[int, int]:
    """(position of the first row with more than one filled field, its number of fields)."""
    wide = [k for k, row in enumerate(rows[:SNIFF_LINES]) if sum(bool(cell.strip()) for cell in row) > 1]
    top = wide[0] if wide else 0
    return top, (len(rows[top]) if rows else 0)


def _check_quotes(lines: list[str], start: int, end: int, sep: str, width: int, name: str, row_of) -> None:
    """Raise when a quoted cell on lines ``start``..``end`` (1-based) was not meant (rules in the module docstring).

    ``row_of`` turns a line number into the row Excel shows, for the message."""
    most = max(width - 1, 1)  # separators on one line of a cell that make it look like a swallowed row
    quoted, opened, pieces = False, 0, []
    for number in range(start, end + 1):
        line, pos = lines[number - 1], 0
        while True:
            if quoted:
                close = line.find('"', pos)
                while close >= 0 and line.startswith('""', close):  # a doubled quote is a quote in the text
                    close = line.find('"', close + 2)
                if close < 0:
                    pieces.append(line[pos:])  # the cell goes on on the next line
                    break
                pieces.append(line[pos:close])
                quoted = False
                if number > opened and (line[close + 1:close + 2] not in (sep, "")
                                        or any(piece.count(sep) >= most for piece in pieces)):
                    raise _quote_error(name, row_of(opened), row_of(number))
                next_sep = line.find(sep, close + 1)
            elif line.startswith('"', pos):  # a cell that starts with a quote
                quoted, opened, pieces, pos = True, number, [], pos + 1
                continue
            else:
                next_sep = line.find(sep, pos)
            if next_sep < 0:
                break
            pos = next_sep + len(sep)
    if quoted:
        raise _quote_error(name, row_of(opened), None)


def _quote_error(name: str, opened: int, closed: int | None) -> KlantDataError:
    if closed is None:
        where, line_break = "dat nergens wordt gesloten, zodat alles daarna in één cel zou belanden", ""
    else:
        where = (f"dat pas op rij {closed} wordt gesloten, zodat de rijen {opened} tot en met {closed} in één cel "
                 "zouden belanden")
        line_break = " Hoort er een regeleinde in die cel (Alt+Enter in Excel)? Haal het dan weg."
    return KlantDataError(
        f"In '{name}' opent op rij {opened} een aanhalingsteken (\") {where}. Verwijder dat aanhalingsteken, of "
        f"sluit het op rij {opened} direct achter de tekst (zoals \"Jansen; Piet\"), en sla het bestand opnieuw op."
        + line_break
    )


def _strip_blank(column: pd.Series) -> pd.Series:
    """Text without surrounding spaces, and blank text missing; numbers and dates (Excel) untouched."""
    if column.dtype != object:
        stripped = column.str.strip()
        return stripped.mask(stripped == "")
    is_text = column.map(lambda v: isinstance(v, str)).astype(bool)
    stripped = column[is_text].str.strip()
    return column.mask(is_text, stripped.mask(stripped == ""))


# -- Excel --------------------------------------------------------------------------------------

def _excel_cell(value) -> object:
    """One Excel cell for the grid: numbers and dates stay what they are (klantlib.parsing never reads
    them again as text), true/false become Excel's Dutch words, anything else becomes text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, (int, np.integer)):
        return value
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (datetime, date)):
        return pd.Timestamp(value)
    return str(value)


def _not_a_workbook(raw: bytes) -> tuple[str, str] | None:
    """(what it is, what to do) for a zip that is no Excel workbook; None for a (damaged) workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None  # not even a readable zip: a damaged workbook
    save_as = "Open het en sla de gegevens op als Excel-werkmap (.xlsx) of als CSV."
    if "xl/workbook.xml" in names:
        return None
    if "xl/workbook.bin" in names:
        return "een binaire Excel-werkmap (.xlsb)", "Open het in Excel en kies Opslaan als > Excel-werkmap (.xlsx)."
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "een OpenDocument-werkblad (.ods)", "Open het in LibreOffice of Excel en sla het op als .xlsx of als CSV."
    if "word/document.xml" in names:
        return "een Word-document", save_as
    if any(n.startswith("ppt/") for n in names):
        return "een PowerPoint-bestand", save_as
    return "een zip-bestand (een ingepakte map)", "Pak het uit en geef read_table het .csv- of .xlsx-bestand dat erin zit."


def _excel_grid(raw: bytes, name: str, sheet) -> pd.DataFrame:
    """All cells of one sheet as text (numbers with a decimal point, dates ISO), index = Excel row."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - a damaged or disguised file: one Dutch message
        other = _not_a_workbook(raw)
        if other:
            raise KlantDataError(f"'{name}' is geen Excelwerkmap maar {other[0]}. {other[1]}") from error
        raise KlantDataError(f"'{name}' kon niet worden geopend als Excelbestand ({type(error).__name__}). Open het "
                             "in Excel en sla het opnieuw op als .xlsx, of als CSV.") from error
    try:
        names = book.sheetnames
        if sheet is None:
            chosen = names[0]
        elif isinstance(sheet, (int, np.integer)) and not isinstance(sheet, bool):
            if not 0 <= sheet < len(names):
                raise KlantDataError(f"'{name}' heeft {counted(len(names), 'werkblad', 'werkbladen')}: {', '.join(map(repr, names))}; "
                                     f"sheet={sheet} bestaat niet (tel vanaf 0).")
            chosen = names[sheet]
        else:
            matches = [n for n in names if n.strip().casefold() == str(sheet).strip().casefold()]
            if not matches:
                raise KlantDataError(f"'{name}' heeft geen werkblad '{sheet}'. Gevonden werkbladen: "
                                     f"{', '.join(map(repr, names))}.")
            chosen = matches[0]
        rows = [[_excel_cell(v) for v in row] for row in book[chosen].iter_rows(values_only=True)]
    finally:
        book.close()
    width = max((len(row) for row in rows), default=0)
    grid = pd.DataFrame([row + [None] * (width - len(row)) for row in rows], dtype="object")
    grid.index = pd.RangeIndex(1, len(grid) + 1)
    return grid
