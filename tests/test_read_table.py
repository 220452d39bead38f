"""read_table: a student's own file is read correctly, or answered with a Dutch error naming column and row."""

import io

import pandas as pd
import pytest

from klantlib.data import KlantDataError, read_table

KINDS = {"klant_id": "text", "datum": "date", "bedrag": "number"}


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_plain_csv_keeps_excel_row_numbers_and_source(tmp_path):
    path = write(tmp_path, "orders.csv", "klant_id,datum,bedrag\nK1,2025-01-31,10.50\nK2,2025-02-01,3\n")
    frame = read_table(path, required_columns=KINDS)
    assert frame.index.name == "rij" and frame.index.tolist() == [2, 3]
    assert frame.attrs["source"] == "orders.csv"
    assert frame["bedrag"].tolist() == [10.5, 3.0]
    assert frame["datum"].tolist() == [pd.Timestamp("2025-01-31"), pd.Timestamp("2025-02-01")]


def test_dutch_excel_csv_semicolons_decimal_commas_cp1252(tmp_path):
    text = "klant_id;plaats;datum;bedrag\nK1;Zoetermeer;31-12-2025;1.234,50\nK2;Sint-Oedenrode;01-02-2025;€ 7,25\n"
    path = write(tmp_path, "export.csv", text.replace("Zoetermeer", "Zoetermeer é"), encoding="cp1252")
    frame = read_table(path, required_columns=KINDS)
    assert frame["bedrag"].tolist() == [1234.5, 7.25]
    assert frame.loc[2, "plaats"] == "Zoetermeer é"
    assert frame.loc[2, "datum"] == pd.Timestamp("2025-12-31")


def test_utf8_with_bom(tmp_path):
    path = write(tmp_path, "bom.csv", "\ufeffklant_id,bedrag\nK1,5\n")
    assert read_table(path, required_columns=["klant_id"]).columns.tolist() == ["klant_id", "bedrag"]


def test_other_numeric_columns_are_converted_too(tmp_path):
    path = write(tmp_path, "x.csv", "klant_id;score;naam\nK1;3,5;a\nK2;4;b\n")
    frame = read_table(path)
    assert frame["score"].tolist() == [3.5, 4.0]
    assert frame["naam"].tolist() == ["a", "b"]


def test_extra_spaces_in_headers_are_trimmed(tmp_path):
    path = write(tmp_path, "x.csv", " klant_id ,  bedrag\nK1,5\n")
    assert read_table(path, required_columns=["klant_id", "bedrag"]).columns.tolist() == ["klant_id", "bedrag"]


def test_empty_file(tmp_path):
    with pytest.raises(KlantDataError, match="'leeg.csv' is leeg"):
        read_table(write(tmp_path, "leeg.csv", ""))


def test_header_only(tmp_path):
    with pytest.raises(KlantDataError, match="alleen kolomnamen en geen gegevens"):
        read_table(write(tmp_path, "kop.csv", "klant_id;bedrag\n"), required_columns=["klant_id"])


def test_missing_column_lists_what_was_found(tmp_path):
    path = write(tmp_path, "x.csv", "klant,Datum,bedrag\nK1,2025-01-01,5\n")
    with pytest.raises(KlantDataError) as error:
        read_table(path, required_columns=KINDS)
    message = str(error.value)
    assert "'x.csv'" in message and "'klant_id'" in message and "'datum'" in message
    assert "Gevonden kolommen: 'klant', 'Datum', 'bedrag'" in message
    assert "bedoel je 'Datum'" in message


def test_text_in_numeric_column_names_column_and_row(tmp_path):
    path = write(tmp_path, "x.csv", "klant_id;datum;bedrag\nK1;01-01-2025;10\nK2;02-01-2025;tien\n")
    with pytest.raises(KlantDataError, match=r"kolom 'bedrag', staat op rij 3 geen getal \(bijvoorbeeld 'tien'"):
        read_table(path, required_columns=KINDS)


def test_unreadable_date_names_column_and_row(tmp_path):
    path = write(tmp_path, "x.csv", "klant_id,datum,bedrag\nK1,31-02-2025,10\nK2,gisteren,1\n")
    with pytest.raises(KlantDataError, match=r"kolom 'datum', staat op rijen 2 en 3 geen datum"):
        read_table(path, required_columns=KINDS)


def test_dutch_dates_with_slashes(tmp_path):
    path = write(tmp_path, "x.csv", "klant_id,datum,bedrag\nK1,5/3/2025,10\n")
    assert read_table(path, required_columns=KINDS).loc[2, "datum"] == pd.Timestamp("2025-03-05")


def test_integer_column_rejects_fractions(tmp_path):
    path = write(tmp_path, "x.csv", "id;antwoord\nR1;4,5\n")
    with pytest.raises(KlantDataError, match="kolom 'antwoord', staat op rij 2 geen heel getal"):
        read_table(path, required_columns={"antwoord": "integer"})


def test_blank_cells_become_missing(tmp_path):
    path = write(tmp_path, "x.csv", "klant_id;datum;bedrag\nK1;01-01-2025;\nK2;;5\n")
    frame = read_table(path, required_columns=KINDS)
    assert frame["bedrag"].isna().tolist() == [True, False]
    assert frame["datum"].isna().tolist() == [False, True]


def test_blank_lines_are_skipped_but_row_numbers_stay_true(tmp_path):
    path = write(tmp_path, "x.csv", "klant_id,bedrag\nK1,1\n\nK2,2\n")
    assert read_table(path).index.tolist() == [2, 4]


def test_excel_file_with_a_title_row(tmp_path):
    path = tmp_path / "klanten.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame([["Export kassasysteem", None, None]]).to_excel(writer, index=False, header=False)
        pd.DataFrame({"klant_id": ["K1", "K2"], "datum": pd.to_datetime(["2025-01-01", "2025-03-01"]),
                      "bedrag": [12.5, 7.0]}).to_excel(writer, index=False, startrow=2)
    frame = read_table(path, required_columns=KINDS)
    assert frame.index.tolist() == [4, 5]  # Excel rows: title on 1, blank 2, header 3
    assert frame["bedrag"].tolist() == [12.5, 7.0]
    assert frame.loc[5, "datum"] == pd.Timestamp("2025-03-01")


def test_excel_error_names_excel_row(tmp_path):
    path = tmp_path / "x.xlsx"
    pd.DataFrame({"klant_id": ["K1", "K2"], "bedrag": [1, "twee"]}).to_excel(path, index=False)
    with pytest.raises(KlantDataError, match="kolom 'bedrag', staat op rij 3 geen getal"):
        read_table(path, required_columns={"bedrag": "number"})


def test_file_that_does_not_exist(tmp_path):
    with pytest.raises(KlantDataError, match="bestaat niet"):
        read_table(tmp_path / "nergens.csv")


def test_binary_garbage_is_not_a_traceback(tmp_path):
    with pytest.raises(KlantDataError, match="kon niet worden gelezen als Excelbestand"):
        read_table(write(tmp_path, "kapot.xlsx", b"PK\x03\x04 not really a zip"))


def test_file_like_objects_and_thousand_separators():
    frame = read_table(io.BytesIO("klant_id;bedrag\nK1;12.345,67\n".encode()), required_columns=KINDS.keys() - {"datum"})
    assert frame.attrs["source"] == "je bestand"
    assert frame.loc[2, "bedrag"] == 12345.67


def test_errors_are_value_errors():
    assert issubclass(KlantDataError, ValueError)
