"""read_table: a student's own file is read correctly, or answered with a Dutch error naming file, column and row."""

import csv
import io
import re
import warnings
import zipfile
from datetime import datetime

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames, range_indexes

from klantlib.data import KlantDataError, KlantDataWarning, read_table

KINDS = {"klant_id": "text", "datum": "date", "bedrag": "number"}


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def write_xlsx(tmp_path, name, rows, sheet="Blad1"):
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def no_warnings(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return function(*args, **kwargs)


# -- read correctly ------------------------------------------------------------------------------

def test_plain_csv_keeps_excel_row_numbers_and_source(tmp_path):
    path = write(tmp_path, "orders.csv", "klant_id,datum,bedrag\nK1,2025-01-31,10.50\nK2,2025-02-01,3\n")
    frame = no_warnings(read_table, path, required_columns=KINDS)
    assert frame.index.name == "rij" and frame.index.tolist() == [2, 3]
    assert frame.attrs["source"] == "orders.csv"
    assert frame["bedrag"].dtype == "float64" and frame["bedrag"].tolist() == [10.5, 3.0]
    assert frame["datum"].tolist() == [pd.Timestamp("2025-01-31"), pd.Timestamp("2025-02-01")]
    assert pd.api.types.is_string_dtype(frame["klant_id"])


def test_semicolons_and_decimal_commas_cp1252(tmp_path):
    text = "klant_id;plaats;datum;bedrag\nK1;Zoetermeer;31-12-2025;1234,50\nK2;Sint-Oedenrode;01-02-2025;7,25\n"
    frame = read_table(write(tmp_path, "export.csv", text, "cp1252"), required_columns=KINDS)
    assert frame["bedrag"].tolist() == [1234.5, 7.25]
    assert frame.loc[2, "datum"] == pd.Timestamp("2025-12-31")


def test_thousands_separators_follow_the_file_convention(tmp_path):
    dutch = read_table(write(tmp_path, "nl.csv", "id;bedrag;aantal\nA;1.234,50;1.234\nB;12,00;7\n"))
    assert dutch["bedrag"].tolist() == [1234.5, 12.0]
    assert dutch["aantal"].dtype == "int64" and dutch["aantal"].tolist() == [1234, 7]  # ';' file: 1.234 is 1234
    english = read_table(write(tmp_path, "en.csv", 'id,bedrag,aantal\nA,"1,234.50",1.234\nB,12.00,7\n'))
    assert english["bedrag"].tolist() == [1234.5, 12.0]
    assert english["aantal"].tolist() == [1.234, 7.0]  # ',' file: 1.234 is a decimal


def test_cp1252_accents_in_names(tmp_path):
    text = "klant_id;naam;rol\nK1;Beïnvloeder;café\nK2;Zoë Noël;privé\n"
    frame = read_table(write(tmp_path, "namen.csv", text, "cp1252"))
    assert frame["naam"].tolist() == ["Beïnvloeder", "Zoë Noël"]
    assert frame.loc[3, "rol"] == "privé"


def test_latin1_fallback_for_bytes_cp1252_does_not_know(tmp_path):
    frame = read_table(write(tmp_path, "raar.csv", b"naam;x\nA\x81b;1\n"))
    assert frame.loc[2, "naam"] == "A\x81b" and frame.loc[2, "x"] == 1


def test_utf8_with_bom(tmp_path):
    frame = read_table(write(tmp_path, "bom.csv", "\ufeffklant_id;naam\nK1;Beïnvloeder\n"), required_columns=["klant_id"])
    assert frame.columns.tolist() == ["klant_id", "naam"] and frame.loc[2, "naam"] == "Beïnvloeder"


def test_extra_spaces_and_case_in_headers_are_renamed_to_the_required_name(tmp_path):
    path = write(tmp_path, "x.csv", " Klant_ID ;  Totaal   bedrag ;Datum\nK1;5;01-01-2025\n")
    frame = read_table(path, required_columns=["klant_id", "totaal bedrag"])
    assert frame.columns.tolist() == ["klant_id", "totaal bedrag", "Datum"]


def test_euro_signs_and_spaces_in_amounts(tmp_path):
    text = "klant_id;bedrag\nK1;€ 1.234,50\nK2;€12,00\nK3;EUR 7,5\nK4;- € 3,00\nK5;1 000,00\n"
    frame = read_table(write(tmp_path, "euro.csv", text, "cp1252"))
    assert frame["bedrag"].dtype == "float64"
    assert frame["bedrag"].tolist() == [1234.5, 12.0, 7.5, -3.0, 1000.0]


def test_dutch_dates_slashes_iso_and_times(tmp_path):
    text = "id;d1;d2;d3\nA;31-12-2025;5/3/2025;2025-03-05\nB;01-01-2024 9:05;15/11/2024 23:59:30;2025-3-6 10:00\n"
    frame = read_table(write(tmp_path, "datums.csv", text))
    assert all(frame[c].dtype.kind == "M" for c in ["d1", "d2", "d3"])
    assert frame["d1"].tolist() == [pd.Timestamp("2025-12-31"), pd.Timestamp("2024-01-01 09:05")]
    assert frame["d2"].tolist() == [pd.Timestamp("2025-03-05"), pd.Timestamp("2024-11-15 23:59:30")]
    assert frame["d3"].tolist() == [pd.Timestamp("2025-03-05"), pd.Timestamp("2025-03-06 10:00")]


def test_leading_zero_ids_stay_text_whole_numbers_become_int(tmp_path):
    frame = read_table(write(tmp_path, "ids.csv", "klantnr;postcode_cijfers;aantal\n00123;1234;3\n00456;0612;4\n"))
    assert frame["klantnr"].tolist() == ["00123", "00456"]
    assert frame["postcode_cijfers"].tolist() == ["1234", "0612"]
    assert frame["aantal"].dtype == "int64" and frame["aantal"].tolist() == [3, 4]
    typed = read_table(write(tmp_path, "ids2.csv", "klantnr;x\n123;1\n"), required_columns={"klantnr": "text"})
    assert typed["klantnr"].tolist() == ["123"]


def test_tab_separated_takes_the_convention_from_other_columns(tmp_path):
    text = "klant\tbedrag\taantal\nK1\t12,50\t1.234\nK2\t3,00\t2\n"
    frame = read_table(write(tmp_path, "tabs.txt", text))
    assert frame["bedrag"].tolist() == [12.5, 3.0]
    assert frame["aantal"].tolist() == [1234, 2]


def test_separator_inside_quotes_is_ignored_when_sniffing(tmp_path):
    text = '"klant; naam",bedrag\n"Jansen; J.",5\n'
    frame = read_table(write(tmp_path, "q.csv", text))
    assert frame.columns.tolist() == ["klant; naam", "bedrag"] and frame.loc[2, "bedrag"] == 5


def test_trailing_empty_columns_and_rows_from_excel(tmp_path):
    text = "klant_id;bedrag;;;\nK1;5,5;;;\nK2;6;;;\n;;;;\n;;;;\n"
    frame = no_warnings(read_table, write(tmp_path, "x.csv", text))
    assert frame.columns.tolist() == ["klant_id", "bedrag"]
    assert frame.index.tolist() == [2, 3] and frame["bedrag"].tolist() == [5.5, 6.0]


def test_blank_rows_in_the_middle_are_left_out_with_a_warning_naming_them(tmp_path):
    path = write(tmp_path, "gaten.csv", "klant_id,bedrag\nK1,1\n\nK2,2\n,\nK3,3\n")
    with pytest.warns(KlantDataWarning, match=r"2 van de 5 rijen in 'gaten.csv' overgeslagen \(rijen 3 en 5\)"):
        frame = read_table(path)
    assert frame.index.tolist() == [2, 4, 6] and frame["bedrag"].tolist() == [1, 2, 3]


def test_excel_xlsx_with_dates_numbers_and_sheet_choice(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Leeg"
    sheet = book.create_sheet("Kassa")
    for row in [["klant_id", "datum", "bedrag", "aantal"],
                ["007", pd.Timestamp("2025-01-31").to_pydatetime(), 12.5, 2],
                ["K2", pd.Timestamp("2025-02-01").to_pydatetime(), 3, 1]]:
        sheet.append(row)
    path = tmp_path / "kassa.xlsx"
    book.save(path)
    for choice in ["Kassa", "kassa", 1]:
        frame = read_table(path, sheet=choice, required_columns=KINDS)
        assert frame["klant_id"].tolist() == ["007", "K2"]
        assert frame["datum"].tolist() == [pd.Timestamp("2025-01-31"), pd.Timestamp("2025-02-01")]
        assert frame["bedrag"].tolist() == [12.5, 3.0]
        assert frame["aantal"].dtype == "int64" and frame.index.tolist() == [2, 3]
    with pytest.raises(KlantDataError, match="'kassa.xlsx' heeft geen werkblad 'Verkoop'. Gevonden werkbladen: 'Leeg', 'Kassa'"):
        read_table(path, sheet="Verkoop")
    with pytest.raises(KlantDataError, match="sheet=5 bestaat niet"):
        read_table(path, sheet=5)


def test_excel_with_title_row_above_the_header(tmp_path):
    path = write_xlsx(tmp_path, "klanten.xlsx", [["Export kassasysteem"], [], ["klant_id", "datum", "bedrag"],
                                                 ["K1", "31-12-2025", "12,50"], ["K2", "2025-03-01", 7]])
    frame = read_table(path)  # the title row is recognised without required_columns too
    assert frame.index.tolist() == [4, 5] and frame.columns.tolist() == ["klant_id", "datum", "bedrag"]
    typed = read_table(path, required_columns=KINDS)
    assert typed["bedrag"].tolist() == [12.5, 7.0]
    assert typed["datum"].tolist() == [pd.Timestamp("2025-12-31"), pd.Timestamp("2025-03-01")]


def test_excel_with_question_texts_above_the_codes(tmp_path):
    rows = [["Respondent", "Het bedrijf heeft moderne apparatuur", "Medewerkers zijn behulpzaam"],
            ["id", "E1", "P1"], ["R1", 6, 5], ["R2", 7, 4]]
    path = write_xlsx(tmp_path, "servqual.xlsx", rows)
    frame = read_table(path, required_columns={"E1": "integer", "P1": "integer"})
    assert frame.index.tolist() == [3, 4]
    assert frame["E1"].dtype == "int64" and frame["P1"].tolist() == [5, 4]
    assert read_table(path).columns[1] == "Het bedrijf heeft moderne apparatuur"  # without the hint: row 1


def test_file_like_uploads_bytes_and_text():
    content = "klant_id;bedrag\nK1;12.345,67\n".encode()
    for source in [io.BytesIO(content), content, memoryview(content), {"name": "upload.csv", "content": memoryview(content)},
                   io.StringIO(content.decode())]:
        frame = read_table(source, name=None if isinstance(source, dict) else "upload.csv")
        assert frame.attrs["source"] == "upload.csv"
        assert frame.loc[2, "bedrag"] == 12345.67
    xlsx = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.active.append([1, "x"])
    book.save(xlsx)
    assert read_table(xlsx.getvalue(), name="upload.xlsx").loc[2, "a"] == 1
    assert read_table(io.BytesIO(b"a,b\n1,2\n")).attrs["source"] == "je bestand"


def test_excel_sep_line_is_honoured(tmp_path):
    frame = read_table(write(tmp_path, "sep.csv", "sep=;\nklant,naam;bedrag\nK1,a;5\n"))
    assert frame.index.tolist() == [2] and frame.columns.tolist() == ["klant,naam", "bedrag"]


# -- answered with a Dutch error naming file and column or row -----------------------------------

def test_empty_file(tmp_path):
    with pytest.raises(KlantDataError, match="Het bestand 'leeg.csv' is leeg"):
        read_table(write(tmp_path, "leeg.csv", ""))


def test_whitespace_only_file(tmp_path):
    for text in ["  \n\n\t \r\n", "\ufeff\n  "]:
        with pytest.raises(KlantDataError, match="Het bestand 'wit.csv' is leeg"):
            read_table(write(tmp_path, "wit.csv", text))
    with pytest.raises(KlantDataError, match="'puntkomma.csv' is leeg: er staat niets in de cellen"):
        read_table(write(tmp_path, "puntkomma.csv", ";;;\n;;;\n"))


def test_header_only(tmp_path):
    with pytest.raises(KlantDataError, match=r"'kop.csv' heeft alleen kolomnamen \(rij 1\) en geen gegevens"):
        read_table(write(tmp_path, "kop.csv", "klant_id;bedrag\n;\n"), required_columns=["klant_id"])


def test_missing_column_lists_found_columns_and_suggests(tmp_path):
    path = write(tmp_path, "x.csv", "klant,Datum,bedragen \nK1,2025-01-01,5\n")
    with pytest.raises(KlantDataError) as error:
        read_table(path, required_columns=["klant_id", "datum", "bedrag"])
    message = str(error.value)
    assert message.startswith("In 'x.csv' ontbreken de kolommen 'klant_id' en 'bedrag'.")
    assert "Gevonden kolommen (rij 1): 'klant', 'Datum' en 'bedragen'." in message
    assert "bedoel je 'bedragen' voor 'bedrag'?" in message.casefold()


def test_text_in_numeric_column_names_column_row_and_value(tmp_path):
    path = write(tmp_path, "x.csv", "klant_id;datum;bedrag\nK1;01-01-2025;10\nK2;02-01-2025;twaalf\nK3;;n.v.t.\n")
    with pytest.raises(KlantDataError, match=r"In 'x.csv', kolom 'bedrag', staat op rijen 3 en 4 geen getal "
                                              r"\(bijvoorbeeld 'twaalf' op rij 3\)\. Maak er een getal van"):
        read_table(path, required_columns=KINDS)
    assert read_table(path)["bedrag"].tolist() == ["10", "twaalf", "n.v.t."]  # untyped: stays text


def test_impossible_date_names_column_row_and_value(tmp_path):
    path = write(tmp_path, "x.csv", "klant_id,datum,bedrag\nK1,29-02-2024,10\nK2,31-02-2024,1\n")
    message = r"In 'x.csv', kolom 'datum', staat op rij 3 .*datum .*\(bijvoorbeeld '31-02-2024' op rij 3\)"
    with pytest.raises(KlantDataError, match=message):
        read_table(path, required_columns=KINDS)
    with pytest.raises(KlantDataError, match=message):
        read_table(path)  # a column of dates with one that doesn't exist: not silently text
    with pytest.raises(KlantDataError, match=r"kolom 'datum', staat op rij 2 geen \(bestaande\) datum \(bijvoorbeeld 'gisteren'"):
        read_table(write(tmp_path, "y.csv", "datum\ngisteren\n"), name="y.csv", required_columns={"datum": "date"})


def test_integer_column_rejects_fractions(tmp_path):
    path = write(tmp_path, "x.csv", "id;antwoord\nR1;4,5\nR2;\n")
    with pytest.raises(KlantDataError, match="In 'x.csv', kolom 'antwoord', staat op rij 2 geen heel getal"):
        read_table(path, required_columns={"antwoord": "integer"})
    frame = read_table(write(tmp_path, "y.csv", "id;antwoord\nR1;4\nR2;\n"), required_columns={"antwoord": "integer"})
    assert str(frame["antwoord"].dtype) == "Int64" and frame["antwoord"].isna().tolist() == [False, True]


def test_mixed_number_styles_in_one_column_are_read_per_cell(tmp_path):
    # Each cell shows its own convention (both separators, or a decimal part that is no group of three).
    path = write(tmp_path, "x.csv", "id\tbedrag\nA\t1.234,50\nB\t1,234.50\nC\t12,50\nD\t3.00\n")
    assert read_table(path)["bedrag"].tolist() == [1234.5, 1234.5, 12.5, 3.0]
    assert read_table(path, required_columns={"bedrag": "number"})["bedrag"].tolist() == [1234.5, 1234.5, 12.5, 3.0]


def test_ragged_line_names_the_row(tmp_path):
    path = write(tmp_path, "kassa.csv", "klant_id;bedrag\nK1;5\nK2;6;7\nK3;8\n")
    with pytest.raises(KlantDataError, match=r"In 'kassa.csv' heeft rij 3 meer kolommen \(3\) dan de eerste rij \(2\)"
                                             r".*puntkomma \(;\)") as error:
        read_table(path)
    assert error.value.__cause__ is not None  # the pandas error is kept for whoever debugs klantlib
    extra_empty = read_table(write(tmp_path, "ok.csv", "klant_id;bedrag\nK1;5;;\nK2;6\n"))  # empty extras are fine
    assert extra_empty["bedrag"].tolist() == [5, 6]


def test_old_excel_xls_is_refused_in_dutch(tmp_path):
    with pytest.raises(KlantDataError, match=r"'oud.xls' is een oud Excelbestand \(.xls\).*\.xlsx"):
        read_table(write(tmp_path, "oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)))
    with pytest.raises(KlantDataError, match="'upload' is een oud Excelbestand"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), name="upload")


def test_duplicate_headers_are_named(tmp_path):
    path = write(tmp_path, "dubbel.csv", "klant_id;bedrag;Bedrag ;datum\nK1;1;2;01-01-2025\n")
    with pytest.raises(KlantDataError, match=r"In 'dubbel.csv' staat dezelfde kolomnaam meer dan eens: 'bedrag' in kolom B en C"):
        read_table(path)


def test_damaged_excel_and_fake_extension(tmp_path):
    with pytest.raises(KlantDataError, match="'kapot.xlsx' kon niet worden geopend als Excelbestand") as error:
        read_table(write(tmp_path, "kapot.xlsx", b"PK\x03\x04 not really a zip"))
    assert error.value.__cause__ is not None
    with pytest.raises(KlantDataError, match="'nep.xlsx' heet een Excelbestand, maar is het niet"):
        read_table(write(tmp_path, "nep.xlsx", "a,b\n1,2\n"))


def test_missing_file_and_unknown_kind(tmp_path):
    with pytest.raises(KlantDataError, match="Het bestand 'nergens.csv' bestaat niet"):
        read_table(tmp_path / "nergens.csv")
    with pytest.raises(KlantDataError, match="De soort van kolom 'bedrag' moet 'number', 'integer', 'date' of 'text' zijn, niet 'geld'"):
        read_table(io.BytesIO(b"bedrag\n1\n"), required_columns={"bedrag": "geld"})


def test_errors_are_value_errors():
    assert issubclass(KlantDataError, ValueError)


# -- properties and speed ------------------------------------------------------------------------

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 2))


@settings(max_examples=60, deadline=None)
@given(data_frames([column("a", elements=finite), column("b", elements=finite)], index=range_indexes(min_size=1, max_size=15)))
def test_dutch_written_floats_read_back_equal(frame):
    text = frame.to_csv(sep=";", decimal=",", index=False)
    read = read_table(io.StringIO(text), name="nl.csv")
    assert read.index.tolist() == list(range(2, len(frame) + 2))
    np.testing.assert_array_equal(read[["a", "b"]].to_numpy(dtype=float), frame.to_numpy(dtype=float))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=10))
def test_dutch_thousands_read_back_equal(values):
    text = "x;bedrag\n" + "".join(f"r;{v:,}".replace(",", ".") + ",00\n" for v in values)
    assert read_table(io.StringIO(text))["bedrag"].tolist() == [float(v) for v in values]


def test_thirty_thousand_rows_are_all_read_with_types():
    """Correctness on a large file; its speed is measured in benchmarks/bench_read_table.py, not asserted here."""
    rng = np.random.default_rng(1)
    n = 30_000
    lines = [f"K{i % 997:04d};{1 + i % 28:02d}-{1 + i % 12:02d}-2025;{v:.2f}".replace(".", ",") + f";tekst {i}"
             for i, v in enumerate(rng.uniform(1, 500, n))]
    content = ("klant_id;datum;bedrag;omschrijving\n" + "\n".join(lines) + "\n").encode()
    frame = read_table(io.BytesIO(content), required_columns=KINDS)
    assert len(frame) == n and frame["datum"].dtype.kind == "M" and frame["bedrag"].dtype == "float64"
    assert frame.index[-1] == n + 1


def test_excel_table_starting_in_column_b_with_spaces_and_an_unnamed_column(tmp_path):
    path = write_xlsx(tmp_path, "b.xlsx", [[], [None, " Klant_ID ", "bedrag", None, "bedrag"],
                                           [None, " K1 ", 5, "opmerking", 6]])
    with pytest.raises(KlantDataError, match="'bedrag' in kolom C en E"):
        read_table(path)
    path = write_xlsx(tmp_path, "b2.xlsx", [[None, " Klant_ID ", "bedrag", None], [None, " K1 ", 5, "let op"]])
    frame = read_table(path, required_columns=["klant_id"])
    assert frame.columns.tolist() == ["klant_id", "bedrag", "kolom_D"]
    assert frame.loc[2].tolist() == ["K1", 5, "let op"]


def test_empty_excel_sheet(tmp_path):
    with pytest.raises(KlantDataError, match="'leeg.xlsx' is leeg"):
        read_table(write_xlsx(tmp_path, "leeg.xlsx", []))


def test_csv_with_a_title_line_and_question_texts_above_the_header(tmp_path):
    frame = read_table(write(tmp_path, "titel.csv", "Export kassa 2025\n\nklant_id;bedrag\nK1;5\n"))
    assert frame.index.tolist() == [4] and frame.columns.tolist() == ["klant_id", "bedrag"]
    text = "Respondent;Moderne apparatuur;Behulpzaam personeel\nid;E1;P1\nR1;6;5\n"
    frame = read_table(write(tmp_path, "vragen.csv", text), required_columns={"E1": "integer"})
    assert frame.index.tolist() == [3] and frame["E1"].tolist() == [6]


# -- encodings (klantlib._sources) ---------------------------------------------------------------

EXCEL_UNICODE_TEXT = ("klant\tplaats\tdatum\tbedrag\r\nK1\tCafé Noël\t31-12-2025\t€ 1.234,50\r\n"
                      "K2\tZoë's fietsen\t01-02-2025\t7,25\r\n")


def assert_excel_unicode_text(frame):
    assert frame.index.tolist() == [2, 3] and frame.columns.tolist() == ["klant", "plaats", "datum", "bedrag"]
    assert frame["plaats"].tolist() == ["Café Noël", "Zoë's fietsen"]
    assert frame["bedrag"].dtype == "float64" and frame["bedrag"].tolist() == [1234.5, 7.25]
    assert frame["datum"].tolist() == [pd.Timestamp("2025-12-31"), pd.Timestamp("2025-02-01")]


def test_excel_unicode_text_utf16_le_with_bom_and_tabs(tmp_path):
    raw = b"\xff\xfe" + EXCEL_UNICODE_TEXT.encode("utf-16-le")
    assert_excel_unicode_text(no_warnings(read_table, write(tmp_path, "unicode.txt", raw)))


def test_utf16_be_and_utf32_with_bom(tmp_path):
    assert_excel_unicode_text(read_table(write(tmp_path, "be.txt", b"\xfe\xff" + EXCEL_UNICODE_TEXT.encode("utf-16-be"))))
    assert_excel_unicode_text(read_table(write(tmp_path, "32.txt", EXCEL_UNICODE_TEXT.encode("utf-32"))))


def test_utf16_without_bom_is_recognised_by_its_nul_bytes(tmp_path):
    for encoding in ["utf-16-le", "utf-16-be"]:
        assert_excel_unicode_text(read_table(write(tmp_path, "geen_bom.txt", EXCEL_UNICODE_TEXT.encode(encoding))))


def test_utf8_with_bom_semicolons_and_euro(tmp_path):
    raw = "\ufeffklant_id;naam;bedrag\r\nK1;Beïnvloeder;€ 12,50\r\nK2;Noël;€ 1.000\r\n".encode()
    frame = read_table(write(tmp_path, "csv_utf8.csv", raw))
    assert frame.columns.tolist() == ["klant_id", "naam", "bedrag"]
    assert frame["naam"].tolist() == ["Beïnvloeder", "Noël"]
    assert frame["bedrag"].dtype == "float64" and frame["bedrag"].tolist() == [12.5, 1000.0]


def test_cp1252_with_euro_sign(tmp_path):
    raw = "klant_id;omschrijving;bedrag\nK1;reparatie (café-fiets);€ 119,73\nK2;slot – zwaar;€ 44,60\n".encode("cp1252")
    assert b"\x80" in raw and b"\x96" in raw  # € and – are cp1252's own bytes
    frame = read_table(write(tmp_path, "kassa.csv", raw))
    assert frame["omschrijving"].tolist() == ["reparatie (café-fiets)", "slot – zwaar"]
    assert frame["bedrag"].dtype == "float64" and frame["bedrag"].tolist() == [119.73, 44.6]


def test_binary_files_are_refused_by_name(tmp_path):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("kassa.csv", "a;b\n1;2\n")
    word = io.BytesIO()
    with zipfile.ZipFile(word, "w") as zipped:
        zipped.writestr("[Content_Types].xml", "<Types/>")
        zipped.writestr("word/document.xml", "<w:document/>")
    cases = {
        "rapport.csv": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "maar een pdf-bestand"),
        "foto.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", r"maar een afbeelding \(png\)"),
        "data.bin": (b"klant;bedrag\n\x00\x13\x07\xff\x00\x00\x01\x02", "maar een bestand met binaire gegevens"),
        "kassa.zip": (archive.getvalue(), r"Excelwerkmap maar een zip-bestand .* Pak het uit"),
        "verslag.xlsx": (word.getvalue(), "Excelwerkmap maar een Word-document"),
    }
    for name, (raw, message) in cases.items():
        with pytest.raises(KlantDataError, match=rf"'{re.escape(name)}' is geen .*{message}"):
            read_table(write(tmp_path, name, raw))


def test_damaged_unicode_names_the_row(tmp_path):
    raw = "\ufeffklant;naam\nK1;Zoë\n".encode() + b"K2;No\xebl\n"  # a cp1252 line pasted into a UTF-8 file
    with pytest.raises(KlantDataError, match=r"'gemengd.csv' is opgeslagen als Unicode-tekst \(UTF-8\), maar vanaf "
                                             r"rij 3 klopt de codering niet"):
        read_table(write(tmp_path, "gemengd.csv", raw))


# -- separator guessed from several lines --------------------------------------------------------

def test_separator_from_several_lines_when_the_text_holds_commas(tmp_path):
    text = "klant;opmerking\nK1;goed, snel geholpen\nK2;duur, maar, goed\nK3;prima\nK4;ja, hoor\n"
    frame = read_table(write(tmp_path, "opmerkingen.csv", text))
    assert frame.columns.tolist() == ["klant", "opmerking"]
    assert frame["opmerking"].tolist() == ["goed, snel geholpen", "duur, maar, goed", "prima", "ja, hoor"]
    decimals = read_table(write(tmp_path, "bedragen.csv", "klant;bedrag\nK1;12,50\nK2;3,25\n"))  # ',' splits rows too
    assert decimals["bedrag"].tolist() == [12.5, 3.25]


def test_separator_ignores_a_title_line_and_commas_inside_quotes(tmp_path):
    text = 'Omzet 2025, alle filialen\n\nklant;"naam, voorletters";bedrag\nK1;"Jansen, P.";12,50\nK2;Bakker;3\n'
    frame = read_table(write(tmp_path, "omzet.csv", text))
    assert frame.index.tolist() == [4, 5] and frame.columns.tolist() == ["klant", "naam, voorletters", "bedrag"]
    assert frame["naam, voorletters"].tolist() == ["Jansen, P.", "Bakker"]
    assert frame["bedrag"].tolist() == [12.5, 3.0]


def test_sep_line_with_a_tab(tmp_path):
    frame = read_table(write(tmp_path, "tab.txt", "sep=\t\nklant\tbedrag\nK1\t5\n"))
    assert frame.index.tolist() == [2] and frame["bedrag"].tolist() == [5]


# -- quotes and cells over more lines ------------------------------------------------------------

def test_quoted_separator_and_doubled_quotes(tmp_path):
    text = 'klant;naam;product;bedrag\nK1;"Jansen; Piet";"28"" wiel";5\nK2;Bakker;band 28";6\n'
    frame = no_warnings(read_table, write(tmp_path, "quotes.csv", text))
    assert frame.index.tolist() == [2, 3]
    assert frame["naam"].tolist() == ["Jansen; Piet", "Bakker"]
    assert frame["product"].tolist() == ['28" wiel', 'band 28"']  # a quote inside a cell is an ordinary character
    assert frame["bedrag"].dtype == "int64" and frame["bedrag"].tolist() == [5, 6]


def test_unclosed_quote_in_the_middle_names_the_row_where_it_opens(tmp_path):
    path = write(tmp_path, "kassa.csv", 'klant;naam;bedrag\nK1;Jansen;5\nK2;"Bakker;6\nK3;Smit;7\nK4;Visser;8\n')
    with pytest.raises(KlantDataError, match=r"In 'kassa.csv' opent op rij 3 een aanhalingsteken \(\"\) dat nergens "
                                             r"wordt gesloten.* Verwijder dat aanhalingsteken, of sluit het op rij 3"):
        read_table(path)


def test_quote_closed_rows_later_names_both_rows(tmp_path):
    text = 'klant;naam;bedrag\nK1;Jansen;5\nK2;"Bakker;6\nK3;Smit;7\nK4;"Visser";8\nK5;de Vries;9\n'
    with pytest.raises(KlantDataError, match=r"In 'kassa.csv' opent op rij 3 een aanhalingsteken \(\"\) dat pas op "
                                             r"rij 5 wordt gesloten, zodat de rijen 3 tot en met 5 in één cel"):
        read_table(write(tmp_path, "kassa.csv", text))
    swallowed = 'klant;naam;bedrag\nK1;Jansen;5\nK2;"Bakker;6\nK3;Smit;7\nK4;Visser";8\n'  # closes "properly"
    with pytest.raises(KlantDataError, match=r"opent op rij 3 .* pas op rij 5 wordt gesloten"):
        read_table(write(tmp_path, "kassa.csv", swallowed))


def test_unclosed_quote_in_the_last_row(tmp_path):
    for end in ["", "\n", "\r\n"]:
        path = write(tmp_path, "kassa.csv", f'klant;naam;bedrag\r\nK1;Jansen;5\r\nK2;"Bakker;6{end}')
        with pytest.raises(KlantDataError, match=r"In 'kassa.csv' opent op rij 3 een aanhalingsteken \(\"\) dat "
                                                 r"nergens wordt gesloten"):
            read_table(path)


def test_cell_with_line_breaks_is_one_row_as_in_excel(tmp_path):
    text = ('klant;bedrag;opmerking\r\nK1;5;"Goed geholpen, snel.\r\n\r\nMaar wel duur"\r\nK2;6;"Zei: ""top"""\r\n'
            'K3;7;kort\r\nK4;twaalf;x\r\n')
    frame = no_warnings(read_table, write(tmp_path, "enquete.csv", text))
    assert frame.index.tolist() == [2, 3, 4, 5]  # lines 3 and 4 belong to the cell on row 2: Excel shows one row
    assert frame["opmerking"].tolist() == ["Goed geholpen, snel.\n\nMaar wel duur", 'Zei: "top"', "kort", "x"]
    with pytest.raises(KlantDataError, match=r"kolom 'bedrag', staat op rij 5 geen getal \(bijvoorbeeld 'twaalf' op rij 5\)"):
        read_table(write(tmp_path, "enquete.csv", text), required_columns={"bedrag": "number"})
    ragged = text.replace("K3;7;kort", "K3;7;kort;extra")
    with pytest.raises(KlantDataError, match=r"In 'enquete.csv' heeft rij 4 meer kolommen \(4\) dan de eerste rij \(3\)"):
        read_table(write(tmp_path, "enquete.csv", ragged))


# -- property: a table written by csv.writer reads back the same ---------------------------------

simple_text = st.text(alphabet="abcdeéz €;,\t\"'", min_size=1, max_size=8).filter(lambda s: any(c.isalpha() for c in s))


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.tuples(simple_text, simple_text, simple_text), min_size=1, max_size=8),
       sep=st.sampled_from([";", "\t", ","]), encoding=st.sampled_from(["utf-8-sig", "cp1252", "utf-16"]))
def test_any_small_table_written_by_csv_writer_reads_back_the_same(rows, sep, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep)
    writer.writerow(["naam", "plaats", "opmerking"])
    writer.writerows(rows)
    frame = read_table(buffer.getvalue().encode(encoding), name="eigen.csv")
    assert frame.columns.tolist() == ["naam", "plaats", "opmerking"]
    assert frame.index.tolist() == list(range(2, len(rows) + 2))
    assert frame.to_numpy().tolist() == [[value.strip() for value in row] for row in rows]


# A comment line without separators: lines full of them look like rows a quote swallowed, and the separator is
# guessed line by line (a limit of the sniffing, documented in klantlib._sources).
comment_line = st.text(alphabet="abcdeéz €\"'.!", min_size=1, max_size=8).filter(lambda s: any(c.isalpha() for c in s))


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(simple_text, st.lists(comment_line, min_size=1, max_size=3).map("\n".join),
                               st.integers(0, 999)), min_size=1, max_size=8),
       sep_line=st.booleans(), bad=st.data())
def test_rows_are_numbered_as_excel_shows_them_whatever_line_breaks_cells_hold(rows, sep_line, bad):
    # Excel shows a record with line breaks in a cell as one row, and hides its own "sep=;" line: a row
    # number in a message must be the one the student finds in Excel, not a text editor's line number.
    buffer = io.StringIO()
    if sep_line:
        buffer.write("sep=;\n")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["naam", "opmerking", "aantal"])
    writer.writerows(rows)
    frame = read_table(buffer.getvalue().encode("utf-8"), name="enquete.csv")
    assert frame.index.tolist() == list(range(2, len(rows) + 2))
    assert frame["opmerking"].tolist() == [text.strip() for _, text, _ in rows]
    wrong = bad.draw(st.integers(0, len(rows) - 1))  # one count written as a word: the error names its row
    rows[wrong] = (rows[wrong][0], rows[wrong][1], "twaalf")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([("naam", "opmerking", "aantal"), *rows])
    with pytest.raises(KlantDataError, match=rf"kolom 'aantal', staat op rij {wrong + 2} geen getal"):
        read_table(buffer.getvalue().encode("utf-8"), name="enquete.csv", required_columns={"aantal": "number"})


def test_quote_error_after_a_cell_with_line_breaks_names_excels_rows(tmp_path):
    # Row 2 holds a comment over three lines (one row in Excel); the quote opened by mistake is on row 3.
    text = 'klant;naam;bedrag\nK1;"Jansen\nPiet\nAmsterdam";5\nK2;"Bakker;6\nK3;Smit;7\nK4;"Visser";8\n'
    with pytest.raises(KlantDataError, match=r"In 'kassa.csv' opent op rij 3 een aanhalingsteken \(\"\) dat pas op "
                                             r"rij 5 wordt gesloten, zodat de rijen 3 tot en met 5 in één cel"):
        read_table(write(tmp_path, "kassa.csv", text))


def test_sep_line_is_not_a_row_in_messages(tmp_path):
    with pytest.raises(KlantDataError, match=r"kolom 'bedrag', staat op rij 3 geen getal"):
        read_table(write(tmp_path, "kassa.csv", "sep=;\nklant;bedrag\nK1;5\nK2;vijf\n"),
                   required_columns={"bedrag": "number"})


# -- uploads are named by their file name --------------------------------------------------------

def test_upload_with_bad_content_is_named_by_its_file_name():
    pdf = b"%PDF-1.7\n" + bytes(range(256))
    cases = [
        ({"name": "kassa.csv", "content": memoryview(pdf)}, "'kassa.csv' is geen tekstbestand .*pdf-bestand"),
        ({"name": "kassa.csv", "content": None}, "In 'kassa.csv' staat geen bestandsinhoud .*NoneType"),
        ({"name": "kassa.csv", "content": b'a;b\n1;"2\n'}, "In 'kassa.csv' opent op rij 2 een aanhalingsteken"),
        ({"name": "kassa.csv", "content": b"\xef\xbb\xbfa;b\n\xff;2\n"}, "'kassa.csv' is opgeslagen als Unicode-tekst"),
        ({"name": "kassa.xlsx", "content": b"PK\x03\x04 kapot"}, "'kassa.xlsx' kon niet worden geopend als Excel"),
        ((), "Er is nog geen bestand geüpload"),
        (({"name": "a.csv", "content": b""}, {"name": "b.csv", "content": b""}), r"2 bestanden geüpload \('a.csv', 'b.csv'\)"),
    ]
    for upload, message in cases:
        with pytest.raises(KlantDataError, match=message) as error:
            read_table(upload)
        assert "PDF" not in str(error.value) and "\\x" not in str(error.value)
    entry = {"name": "kassa.csv", "type": "text/csv", "size": 9, "content": memoryview(b"a;b\n1;2,5\n")}
    for upload in [entry, (entry,), {"kassa.csv": {"metadata": {}, "content": b"a;b\n1;2,5\n"}}]:  # ipywidgets 8 and 7
        frame = read_table(upload)
        assert frame.attrs["source"] == "kassa.csv" and frame.loc[2, "b"] == 2.5


def test_text_given_instead_of_a_path():
    with pytest.raises(KlantDataError, match=r"read_table kreeg de inhoud van een bestand in plaats van een bestandsnaam"):
        read_table("klant;bedrag\nK1;5\n")


# -- issue 7: values are read once, by klantlib.parsing ------------------------------------------

def test_excel_numbers_next_to_a_text_cell_keep_their_value(tmp_path):
    # Excel gives 2.625 as a number; "7,25" is a text cell typed the Dutch way. Neither may change the other.
    path = write_xlsx(tmp_path, "kassa.xlsx", [["klant", "bedrag"], ["K1", 2.625], ["K2", "7,25"], ["K3", 1234]])
    frame = read_table(path)
    assert frame["bedrag"].tolist() == [2.625, 7.25, 1234.0] and frame["bedrag"].dtype == "float64"
    required = read_table(path, required_columns={"bedrag": "number"})
    assert required["bedrag"].tolist() == [2.625, 7.25, 1234.0]


def test_excel_dates_and_long_card_numbers_are_kept_exactly(tmp_path):
    rows = [["kaart", "datum", "bedrag"], ["1234567890123456789", datetime(2025, 2, 1), 10],
            ["1234567890123456788", datetime(2025, 2, 13, 9, 30), 20]]
    frame = read_table(write_xlsx(tmp_path, "kaarten.xlsx", rows))
    assert frame["kaart"].tolist() == ["1234567890123456789", "1234567890123456788"]
    assert frame["datum"].tolist() == [pd.Timestamp("2025-02-01"), pd.Timestamp("2025-02-13 09:30")]
    assert frame["bedrag"].dtype == "int64"


def test_long_card_numbers_in_a_csv_stay_text_and_distinct(tmp_path):
    path = write(tmp_path, "kassa.csv", "kaart;bedrag\n1234567890123456789;5\n1234567890123456788;6\n")
    frame = read_table(path)
    assert frame["kaart"].tolist() == ["1234567890123456789", "1234567890123456788"]


def test_ambiguous_numbers_in_a_tab_file_stay_text_with_a_warning_and_decimal_decides(tmp_path):
    path = write(tmp_path, "export.txt", "klant\tbedrag\nK1\t1.234\nK2\t2.500\n")
    with pytest.warns(KlantDataWarning, match=r"In 'export.txt' blijft kolom 'bedrag' tekst: een getal als "
                                              r"'1.234' kan een duizendtal of een kommagetal zijn"):
        frame = read_table(path)
    assert frame["bedrag"].tolist() == ["1.234", "2.500"]
    assert read_table(path, decimal=",")["bedrag"].tolist() == [1234, 2500]
    assert read_table(path, decimal=".")["bedrag"].tolist() == [1.234, 2.5]
    with pytest.raises(KlantDataError, match=r"kolom 'bedrag', staat op rijen 2 en 3 een getal dat op twee manieren"):
        read_table(path, required_columns={"bedrag": "number"})


def test_the_file_convention_decides_ambiguous_cells_and_a_column_can_overrule_it(tmp_path):
    semicolon = read_table(write(tmp_path, "a.csv", "klant;bedrag\nK1;1.234\nK2;5\n"))
    assert semicolon["bedrag"].tolist() == [1234, 5]
    shown = read_table(write(tmp_path, "b.csv", "klant;bedrag\nK1;1.234\nK2;5.50\n"))  # 5.50 shows a decimal point
    assert shown["bedrag"].tolist() == [1.234, 5.5]


def test_minus_written_as_bookkeepers_do_and_percentages(tmp_path):
    frame = read_table(write(tmp_path, "a.csv", "klant;bedrag;korting\nK1;(12,50);10%\nK2;7,25-;12,5%\n"))
    assert frame["bedrag"].tolist() == [-12.5, -7.25] and frame["korting"].tolist() == [0.1, 0.125]


# --- the fast path for columns of plain whole numbers ------------------------------------------------------

_CELLS = st.lists(st.one_of(st.none(), st.from_regex(
    r"\s?(0|0\d{1,3}|[1-9]\d{0,17}|[1-9][0-9]{0,17}|-\d{1,3}|\d{1,2}[.,]\d{1,3})\s?", fullmatch=True)),
    min_size=1, max_size=8)


def _with_and_without_fast_path(function, column):
    """``function(column)`` with parsing.plain_whole_numbers as it is and switched off (the full rules)."""
    from klantlib import _readers, parsing

    def outcome():
        try:
            return function(column)
        except KlantDataError as error:
            return str(error)

    fast = outcome()
    original = parsing.plain_whole_numbers
    try:
        parsing.plain_whole_numbers = _readers.plain_whole_numbers = lambda values: None
        full = outcome()
    finally:
        parsing.plain_whole_numbers = _readers.plain_whole_numbers = original
    return fast, full


@settings(max_examples=300, deadline=None)
@given(_CELLS)
def test_plain_whole_number_columns_read_as_the_full_rules_read_them(cells):
    # read_table and to_numbers read a column of plain whole numbers in one step; every column must come out
    # exactly as the full rules of klantlib.parsing read it (leading zeros and 16+ digits stay ids, blanks
    # give floats, anything else the same result or the same error).
    from klantlib import _readers
    from klantlib.parsing import to_numbers

    column = pd.Series(cells, dtype="str", name="x")
    fast, full = _with_and_without_fast_path(lambda c: _readers._infer(c, "x", None, "t.csv"), column)
    assert type(fast) is type(full)
    if isinstance(full, str):
        assert fast == full
    else:
        assert fast[1] == full[1]
        pd.testing.assert_series_equal(fast[0], full[0])
    fast, full = _with_and_without_fast_path(lambda c: to_numbers(c, column="x"), column)
    assert type(fast) is type(full)
    if isinstance(full, str):
        assert fast == full
    else:
        pd.testing.assert_series_equal(fast, full)


def test_excel_numbers_of_16_digits_or_more_are_warned_about(tmp_path):
    # A card number typed into a cell that is not 'Tekst': Excel keeps 15 digits, the 16th is 0 already.
    path = write_xlsx(tmp_path, "kaarten.xlsx", [["kaart", "bedrag"], [1234567890123450, 5], [1234567890123450, 7],
                                                  [4000, 2]])
    with pytest.warns(KlantDataWarning) as caught:
        frame = read_table(path)
    assert [str(w.message) for w in caught] == [
        "In 'kaarten.xlsx', kolom 'kaart', staan getallen van 16 cijfers of meer (rijen 2 en 3; bijvoorbeeld "
        "1234567890123450). Excel bewaart van een getal maar 15 cijfers, dus de laatste cijfers zijn al 0 geworden "
        "en twee kaart- of klantnummers kunnen hetzelfde zijn geworden. Is het een nummer, zet de kolom in Excel "
        "dan op 'Tekst' en haal de nummers opnieuw uit de bron."]
    assert frame["bedrag"].tolist() == [5, 7, 2]
    no_warnings(read_table, write_xlsx(tmp_path, "kort.xlsx", [["kaart"], [123456789012345]]))  # 15 digits: exact


def test_a_total_or_average_row_a_student_added_at_the_bottom_is_left_out_with_a_warning(tmp_path):
    text = "klant_id;inkomen;bedrag\nK1;hoog;5\nK2;gemiddeld;7\nTotaal:;;12\nGemiddelde;;6\n"
    with pytest.warns(KlantDataWarning) as caught:
        frame = read_table(write(tmp_path, "kassa.csv", text))
    assert frame["klant_id"].tolist() == ["K1", "K2"] and frame["bedrag"].tolist() == [5, 7]
    assert [str(w.message) for w in caught] == [
        "2 van de 4 rijen in 'kassa.csv' overgeslagen (rijen 4 en 5): een totaal of gemiddelde onder de gegevens, "
        "geen gegevens zelf. Haal zo'n rij weg als je hem zelf hebt toegevoegd."]
    # A category "gemiddeld" in a later column, or a total above other data, is data.
    kept = no_warnings(read_table, write(tmp_path, "b.csv", "klant_id;inkomen\nTotaal;laag\nK2;hoog\nK3;gemiddeld\n"))
    assert kept["klant_id"].tolist() == ["Totaal", "K2", "K3"]
