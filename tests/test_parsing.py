"""klantlib.parsing: the one rule for numbers, dates, answers and ids, with the inputs students bring."""

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.parsing import (
    check_option,
    id_codes,
    require_columns,
    to_answers,
    to_date,
    to_dates,
    to_ids,
    to_number,
    to_numbers,
)

ROWS = pd.Index([2, 3, 4, 5], name="rij")


@pytest.mark.parametrize(("text", "value"), [
    ("12,50", 12.5), ("3.00", 3.0), ("1.234,50", 1234.5), ("1,234.50", 1234.5), ("1.234.567", 1234567.0),
    ("1,234,567", 1234567.0), ("0.123", 0.123), ("0,125", 0.125), (",5", 0.5), ("€ 1.234,50", 1234.5),
    ("EUR 12,50", 12.5), ("1\u00a0234,50", 1234.5), ("1 234,50", 1234.5), ("-12,50", -12.5), ("12,50-", -12.5),
    ("(12,50)", -12.5), ("+4", 4.0), ("12,5%", 0.125), ("1,5E+3", 1500.0), ("007", 7.0), (" 42 ", 42.0),
])
def test_one_number_per_cell(text, value):
    assert to_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["n.v.t.", "12,5,0", "1.23.4", "(-5)", "--5", "12a", "€", "1.2.3,4,5", "True"])
def test_text_that_is_no_number(text):
    read = to_numbers(pd.Series([text], index=[7]), errors="coerce")
    assert read.isna().all()
    with pytest.raises(KlantDataError, match=r"In kolom 'bedrag' staat op rij 7 geen getal"):  # row 7 in Excel
        to_numbers(pd.Series([text], index=pd.Index([7], name="rij")), column="bedrag")


def test_excel_numbers_are_never_read_again_as_text():
    # pd.read_excel gives real floats next to a text cell: 2.625 must stay 2.625 (not 2625) while "7,25" shows commas.
    column = pd.Series([2.625, "7,25", 1.5, "1.234,00"], index=ROWS, dtype="object")
    assert to_numbers(column).tolist() == [2.625, 7.25, 1.5, 1234.0]


def test_a_column_that_mixes_styles_is_read_per_cell():
    assert to_numbers(pd.Series(["12,50", "3.00", "1.234,56", "1,234.56"])).tolist() == [12.5, 3.0, 1234.56, 1234.56]


def test_ambiguous_cells_follow_the_column_then_the_fallback():
    assert to_numbers(pd.Series(["1.234", "12,50"])).tolist() == [1234.0, 12.5]
    assert to_numbers(pd.Series(["1.234", "3.50"])).tolist() == [1.234, 3.5]
    assert to_numbers(pd.Series(["1.234", "7"]), fallback=",").tolist() == [1234.0, 7.0]
    assert to_numbers(pd.Series(["1.234", "12,50"]), decimal=".", errors="coerce").tolist()[0] == 1.234


def test_ambiguous_cells_that_nothing_decides_are_refused_with_their_rows():
    column = pd.Series(["7", "1.234", "5", "2,500"], index=ROWS)
    with pytest.raises(KlantDataError) as error:
        to_numbers(column, column="bedrag", source="kassa.csv")
    assert str(error.value).startswith("In 'kassa.csv', kolom 'bedrag', staat op rijen 3 en 5 een getal dat op twee "
                                       "manieren te lezen is (bijvoorbeeld '1.234' op rij 3).")
    # A column that shows both conventions can't decide for its ambiguous cells either.
    with pytest.raises(KlantDataError, match="Op de rij met index 1 staat een getal dat op twee manieren"):
        to_numbers(pd.Series(["12,50", "1.234", "3.00"]))


def test_true_and_false_are_no_numbers():
    assert to_numbers(pd.Series([True, False]), errors="coerce").isna().all()
    with pytest.raises(KlantDataError, match="geen getal"):
        to_numbers(pd.Series([1.0, True], dtype="object"))


def cents():
    return st.integers(min_value=-10**11, max_value=10**11)


def dutch(amount_cents: int, thousands: bool) -> str:
    sign = "-" if amount_cents < 0 else ""
    whole, rest = divmod(abs(amount_cents), 100)
    digits = f"{whole:,}".replace(",", ".") if thousands else str(whole)
    return f"{sign}{digits},{rest:02d}"


def international(amount_cents: int, thousands: bool) -> str:
    sign = "-" if amount_cents < 0 else ""
    whole, rest = divmod(abs(amount_cents), 100)
    return f"{sign}{f'{whole:,}' if thousands else whole}.{rest:02d}"


@settings(max_examples=200, deadline=None)
@given(st.lists(cents(), min_size=1, max_size=20), st.booleans(), st.booleans())
def test_dutch_and_international_writing_read_the_same(amounts, thousands, with_euro):
    euro = "€ " if with_euro else ""
    as_dutch = to_numbers(pd.Series([euro + dutch(a, thousands) for a in amounts]))
    as_english = to_numbers(pd.Series([euro + international(a, thousands) for a in amounts]))
    expected = [a / 100 for a in amounts]
    assert as_dutch.tolist() == pytest.approx(expected, abs=1e-9)
    assert as_english.tolist() == pytest.approx(expected, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=20))
def test_real_numbers_pass_unchanged(numbers):
    assert to_numbers(pd.Series(numbers, dtype="float64")).tolist() == numbers
    assert to_numbers(pd.Series(numbers, dtype="object")).tolist() == numbers


# -- dates --------------------------------------------------------------------------------------

def test_dutch_text_dates_are_day_first_everywhere():
    assert to_date("01-02-2025") == pd.Timestamp("2025-02-01")
    assert to_date("13-02-2025") == pd.Timestamp("2025-02-13")
    assert to_dates(pd.Series(["01-02-2025", "1/2/2025", "01.02.2025", "2025-02-01"])).nunique() == 1


def test_excel_serials_are_dates_in_a_date_column():
    read = to_dates(pd.Series([45658, "45658", 45658.5, pd.Timestamp("2025-01-01")], dtype="object"))
    assert read.tolist() == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-01-01"),
                             pd.Timestamp("2025-01-01 12:00"), pd.Timestamp("2025-01-01")]
    assert to_dates(pd.Series([45658, 45659])).dt.day.tolist() == [1, 2]


@pytest.mark.parametrize("bad", ["3-jan-24", "31-02-2025", "2025", "20250131", "13-13-2025", "1-2-25", 7, True])
def test_what_is_no_date_is_refused_naming_the_row(bad):
    with pytest.raises(KlantDataError, match=r"In 'kassa.csv', kolom 'datum', staat op rij 3 geen \(bestaande\) datum"):
        to_dates(pd.Series(["31-12-2025", bad], index=pd.Index([2, 3], name="rij"), dtype="object"), column="datum",
                 source="kassa.csv")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 1, 1)), min_size=1,
                max_size=10))
def test_datetimes_pass_unchanged(moments):
    column = pd.Series(pd.to_datetime(moments))
    assert to_dates(column) is column  # a datetime column is not touched at all
    assert to_dates(pd.Series(moments, dtype="object")).tolist() == [pd.Timestamp(m) for m in moments]


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_a_date_written_dutch_and_iso_reads_the_same(day):
    written = [f"{day.day}-{day.month}-{day.year:04d}", f"{day.day:02d}/{day.month:02d}/{day.year:04d}",
               f"{day.year:04d}-{day.month:02d}-{day.day:02d}"]
    assert set(to_dates(pd.Series(written)).tolist()) == {pd.Timestamp(day)}


# -- answers and ids ----------------------------------------------------------------------------

def test_answers_on_a_scale():
    answers, wrong = to_answers(pd.Series([1, "7", "6,0", 0, 8, 4.5, "zes", "", None, True], dtype="object"), scale=7)
    assert answers.tolist()[:3] == [1.0, 7.0, 6.0] and answers.iloc[3:].isna().all()
    assert wrong.tolist() == [False, False, False, True, True, True, True, False, False, True]


def test_long_ids_stay_exact_and_distinct():
    cards = pd.Series([1234567890123456789, 1234567890123456788], dtype="object")
    assert to_ids(cards).tolist() == ["1234567890123456789", "1234567890123456788"]
    assert to_ids(pd.Series(["00123", "123 ", None])).tolist()[:2] == ["00123", "123"]
    with pytest.raises(KlantDataError, match="als kommagetal is opgeslagen; daarbij zijn \\(of raken\\) cijfers verloren"):
        to_ids(pd.Series([1.2345678901234568e18]))


def test_whole_number_ids_stay_whole_numbers_so_loc_and_joins_work():
    ids = to_ids(pd.Series(["12", " 7", 3.0, np.int64(12)], dtype="object"), column="klant_id")
    assert ids.dtype == "int64" and ids.tolist() == [12, 7, 3, 12]
    with_blank = to_ids(pd.Series([12, None, 7.0], dtype="object"))
    assert str(with_blank.dtype) == "Int64" and with_blank.tolist() == [12, pd.NA, 7]
    # What a student does next: look up customer 7, and join with an own table keyed by integers.
    table = pd.DataFrame({"bedrag": [5.0, 6.0, 7.0]}, index=pd.Index(to_ids(pd.Series([12, 7, 3])), name="klant_id"))
    assert table.loc[7, "bedrag"] == 6.0
    own = pd.DataFrame({"regio": ["Noord", "Zuid"]}, index=pd.Index([7, 12], name="klant_id"))
    assert table.join(own)["regio"].tolist() == ["Zuid", "Noord", np.nan]


def test_one_id_that_is_not_a_plain_whole_number_makes_every_id_text():
    assert to_ids(pd.Series([12, "K7"], dtype="object")).tolist() == ["12", "K7"]
    assert to_ids(pd.Series(["12", "0012"])).dtype == "str"  # a leading zero: an id written as text
    assert to_ids(pd.Series([12, 1234567890123456], dtype="int64")).tolist() == ["12", "1234567890123456"]
    assert to_ids(pd.Series([-3, 5])).tolist() == ["-3", "5"]


def test_a_dotted_analytics_id_stays_text_with_every_digit(tmp_path):
    from klantlib.data import read_table

    path = tmp_path / "ga4.csv"
    path.write_text("client_id;sessies\n1234567890.1709287200;3\n987654321.1709290000;1\n", encoding="utf-8")
    frame = read_table(path)
    assert frame["client_id"].tolist() == ["1234567890.1709287200", "987654321.1709290000"]
    assert to_ids(frame["client_id"]).tolist() == ["1234567890.1709287200", "987654321.1709290000"]


def test_a_float_id_is_refused_with_advice_that_fits_how_it_was_read():
    floats = pd.Series([1234567890.1709287, 7.0], index=pd.Index([2, 3], name="rij"))
    with pytest.raises(KlantDataError) as from_pandas:
        to_ids(floats, column="client_id")
    assert str(from_pandas.value) == (
        "In kolom 'client_id' staat op rij 2 een nummer dat als kommagetal is opgeslagen; daarbij zijn (of raken) "
        "cijfers verloren, en een klantnummer moet exact blijven (bijvoorbeeld 1234567890.1709287 op rij 2). Lees het "
        "bestand met klantlib.data.read_table: die houdt zulke nummers als tekst, met al hun cijfers (pd.read_csv "
        "maakt er een kommagetal van).")
    with pytest.raises(KlantDataError) as from_excel:  # read_table was used: the cell was a number in Excel
        to_ids(floats, column="client_id", source="ga4.xlsx")
    assert str(from_excel.value).startswith("In 'ga4.xlsx', kolom 'client_id', staat op rij 2 een nummer dat als "
                                            "kommagetal is opgeslagen")
    assert str(from_excel.value).endswith("Zet de kolom in Excel op 'Tekst', zet de nummers er opnieuw in vanuit "
                                          "de bron en sla het bestand opnieuw op.")
    assert "read_table" not in str(from_excel.value)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 10**15 - 1), st.none()), min_size=1, max_size=20), st.booleans())
def test_any_whole_number_ids_come_back_exact_whatever_form_they_were_in(numbers, as_text):
    cells = [None if n is None else (f" {n} " if as_text else n) for n in numbers]
    ids = to_ids(pd.Series(cells, dtype="object"))
    expected = [pd.NA if n is None else n for n in numbers]
    if any(n is not None for n in numbers):
        assert ids.dtype.kind == "i" or str(ids.dtype) == "Int64"
        assert ids.tolist() == expected


# -- time zones ---------------------------------------------------------------------------------

def test_times_with_a_zone_become_dutch_clock_time():
    # UTC, across the switch to summer time (30 March 2025, 01:00 UTC): 01:30 and 04:30 on the Dutch clock.
    aware = pd.Series(pd.to_datetime(["2025-03-30 00:30", "2025-03-30 02:30"]).tz_localize("UTC"))
    assert to_dates(aware).tolist() == [pd.Timestamp("2025-03-30 01:30"), pd.Timestamp("2025-03-30 04:30")]
    assert to_dates(aware).dt.tz is None
    mixed = pd.Series([pd.Timestamp("2025-01-01 10:00", tz="America/New_York"), dt.datetime(2025, 1, 1, 10, 0), None],
                      dtype="object")
    assert to_dates(mixed).tolist() == [pd.Timestamp("2025-01-01 16:00"), pd.Timestamp("2025-01-01 10:00"), pd.NaT]
    text = ["2025-12-31T23:30:00Z", "2025-07-01 09:00:00+02:00", "2025-07-01 07:00:00 UTC", "01-07-2025 08:00 +0100",
            "2025-07-01 09:00"]
    assert to_dates(text).tolist() == [pd.Timestamp("2026-01-01 00:30")] + [pd.Timestamp("2025-07-01 09:00")] * 4
    assert to_date(pd.Timestamp("2025-01-01 23:30", tz="UTC")) == pd.Timestamp("2025-01-02 00:30")


def test_a_web_shop_export_with_zones_reads_as_dates_comparable_with_a_reference_date(tmp_path):
    from klantlib.data import read_table

    path = tmp_path / "shop.csv"
    path.write_text("order;besteld\n1;2025-01-31T23:30:00Z\n2;2025-02-01T08:00:00+01:00\n", encoding="utf-8")
    frame = read_table(path)
    assert frame["besteld"].tolist() == [pd.Timestamp("2025-02-01 00:30"), pd.Timestamp("2025-02-01 08:00")]
    assert (frame["besteld"] >= to_date("01-02-2025")).all()


def test_ids_that_mix_numbers_and_text_are_labels_with_a_warning_for_leading_zeros():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        codes, labels = id_codes(pd.Series([7, "007", "K1", 12, None], dtype="object"))
    assert list(labels) == ["7", "12", "007", "K1"] and codes.tolist() == [0, 2, 3, 1, -1]
    assert [str(w.message) for w in caught if w.category is KlantDataWarning] == [
        "2 ids verschillen alleen in voorloopnullen ('7', '007'); ze tellen als verschillend. Is dat niet zo, maak "
        "ze dan gelijk."]


def test_ids_that_differ_only_in_capitals_stay_two_with_a_warning():
    with pytest.warns(KlantDataWarning) as caught:
        ids = to_ids(pd.Series(["K2", "k2", "K3"]), column="klant_id")
    assert ids.tolist() == ["K2", "k2", "K3"]
    assert [str(w.message) for w in caught] == [
        "2 ids in kolom 'klant_id' verschillen alleen in hoofdletters ('K2', 'k2'); ze tellen als verschillend. Is "
        "dat niet zo, maak ze dan gelijk."]


# -- columns and options ------------------------------------------------------------------------

def test_missing_columns_are_named_with_the_closest_match_and_the_file():
    frame = pd.DataFrame(columns=["Klantnummer", "Datum", "bedrag"])
    frame.attrs["source"] = "kassa.csv"
    with pytest.raises(KlantDataError) as error:
        require_columns(frame, ["klantnummer", "datum", "bedrag"])
    assert str(error.value) == (
        "In 'kassa.csv' ontbreken de kolommen 'klantnummer' en 'datum'. Gevonden kolommen: 'Klantnummer', 'Datum' en "
        "'bedrag'. Bedoel je 'Klantnummer' voor 'klantnummer'? Bedoel je 'Datum' voor 'datum'? Voeg de kolom toe "
        "of geef een bestaande kolom die naam.")


def test_an_option_outside_its_choices_is_a_dutch_error():
    with pytest.raises(KlantDataError, match="errors moet 'warn' of 'raise' zijn, niet 'negeer'"):
        check_option("errors", "negeer", ("warn", "raise"))
    with pytest.raises(KlantDataError, match="niet True"):
        check_option("bins", True, (1, 2))
    check_option("bins", np.int64(2), (1, 2))


def test_rows_that_are_no_excel_rows_are_named_by_their_index():
    # After reset_index or merge the index no longer holds Excel's rows: the message names the index, never a
    # row number Excel doesn't show.
    with pytest.raises(KlantDataError) as error:
        to_numbers(pd.Series(["5", "vijf"]), column="bedrag", source="kassa.csv")
    assert str(error.value).startswith("In 'kassa.csv', kolom 'bedrag', staat op de rij met index 1 geen getal "
                                       "(bijvoorbeeld 'vijf' op de rij met index 1).")
    with pytest.raises(KlantDataError, match=r"^Op de rij met klant_id 'K2' staat geen \(bestaande\) datum"):
        to_dates(pd.Series(["01-01-2025", "gisteren"], index=pd.Index(["K1", "K2"], name="klant_id")))


def test_repeated_row_labels_are_read_by_position():
    labels = pd.Index([2, 2, 3], name="rij")  # pd.concat without ignore_index gives such labels
    assert to_numbers(pd.Series(["1,5", 2.0, "3"], index=labels, dtype="object")).tolist() == [1.5, 2.0, 3.0]
    dates = to_dates(pd.Series(["01-02-2025", pd.Timestamp("2025-03-01"), 45658], index=labels, dtype="object"))
    assert dates.index.equals(labels) and dates.dt.strftime("%d-%m").tolist() == ["01-02", "01-03", "01-01"]
    with pytest.raises(KlantDataError, match=r"Op rij 3 staat geen getal \(bijvoorbeeld 'x' op rij 3\)"):
        to_numbers(pd.Series(["1", 2.0, "x"], index=labels, dtype="object"))


def test_a_present_required_column_is_never_suggested_for_a_missing_one():
    # A VALS file with only S01 and S02 of the 18 statements: no "Bedoel je 'S02' voor 'S03'?" for each of them.
    frame = pd.DataFrame(columns=["S01", "S02", "leeftijd"])
    with pytest.raises(KlantDataError) as error:
        require_columns(frame, [f"S{i:02d}" for i in range(1, 19)])
    assert "Bedoel je" not in str(error.value) and "bedoel je" not in str(error.value)
    with pytest.raises(KlantDataError) as error:
        require_columns(pd.DataFrame(columns=["datum", "bedrg"]), ["datum", "bedrag", "bedragen"])
    assert str(error.value).count("Bedoel je 'bedrg'") == 1  # one found column, one suggestion


def test_card_numbers_excel_wrote_in_scientific_notation_are_refused_not_merged():
    # Excel NL writes a 16-digit card number in a "Standaard" cell as 1,23457E+15: two different cards that show
    # the same text must not silently become one customer.
    from klantlib.data import read_table

    export = b"klantkaart;datum;bedrag\r\n1,23457E+15;01-01-2025;12,50\r\n1,23457E+15;02-01-2025;3\r\n"
    frame = read_table(export, name="kassa.csv")
    assert frame["klantkaart"].tolist() == ["1,23457E+15", "1,23457E+15"]  # kept as the file shows it
    with pytest.raises(KlantDataError) as error:
        to_ids(frame["klantkaart"], column="klantkaart", source="kassa.csv")
    assert str(error.value) == (
        "In 'kassa.csv', kolom 'klantkaart', staat op rijen 2 en 3 een nummer zoals Excel het in wetenschappelijke "
        "notatie laat zien; daarbij zijn de laatste cijfers al verloren, zodat verschillende klanten hetzelfde nummer "
        "kunnen krijgen (bijvoorbeeld '1,23457E+15' op rij 2). Haal de nummers opnieuw uit de bron (het "
        "kassasysteem of de webshop), zet in Excel de kolom op 'Tekst' vóór je ze plakt, en sla het bestand "
        "opnieuw op.")
    # The same number already read as a float (pd.read_csv) has 16 digits: it only looks exact.
    with pytest.raises(KlantDataError, match="als kommagetal is opgeslagen"):
        to_ids(pd.Series([1234570000000000.0, 7.0]))
    assert to_ids(pd.Series([123456789012345.0, 7.0])).tolist() == [123456789012345, 7]  # 15 digits: exact


def test_the_typographic_minus_of_word_and_web_pages_is_a_minus():
    assert to_numbers(pd.Series(["\u221212,50", "\u2212 1.234,50", "7"])).tolist() == [-12.5, -1234.5, 7.0]
