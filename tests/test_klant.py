"""Who is the customer (notebook 01): the shipped tables, names, markets per customer, revenue per market,
the figures and the two widgets."""

import matplotlib

matplotlib.use("Agg")

import json  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import klantlib  # noqa: E402
from klantlib.errors import KlantDataError  # noqa: E402
from klantlib.klant import (  # noqa: E402
    CHOICE,
    DEPEST,
    ERAS,
    MARKET_NAMES,
    MARKETS,
    ORGANISATION_COLUMNS,
    ORGANISATIONS,
    PAYS,
    CustomerParties,
    customer_market,
    customer_markets,
    depest_progress,
    find_organisation,
    market_summary,
    organisation_markets,
    validate_organisations,
    who_is_the_customer,
)
from klantlib.views._widgets import find_widget  # noqa: E402
from klantlib.views.klant import (  # noqa: E402
    DEPEST_KEYS,
    customer_diagram,
    customer_html,
    customer_widget,
    depest_frame,
    depest_widget,
    eras_timeline,
    market_figure,
    valid_depest_answer,
)


@pytest.fixture(scope="module")
def customers():
    return klantlib.load_dataset("klanten")


@pytest.fixture(scope="module")
def transactions():
    return klantlib.load_dataset("transacties")


def raw_organisations() -> pd.DataFrame:
    """The shipped CSV as text, as validate_organisations reads it."""
    from klantlib._resources import package_csv

    return package_csv("organisaties.csv", dtype="str", keep_default_na=False)


# -- the tables --------------------------------------------------------------------------------

def test_the_four_markets_in_the_books_order_with_the_books_examples():
    assert tuple(MARKETS.index) == MARKET_NAMES == (
        "consumentenmarkt", "business-to-businessmarkt", "institutionele markt", "overheid")
    assert list(MARKETS.columns) == ["omschrijving", "voorbeeld"]
    assert (MARKETS["omschrijving"].str.len() > 40).all()
    text = MARKETS.apply(" ".join, axis=1)
    assert "afgeleid" in text["business-to-businessmarkt"] and "rubber" in text["business-to-businessmarkt"]
    for place in ("scholen", "ziekenhuizen", "gevangenissen"):
        assert place in text["institutionele markt"]
    assert "monopolie" in text["overheid"] and "paspoort" in text["overheid"]
    assert "eigen gemeente" in text["overheid"] or "gemeente waar je woont" in text["overheid"]


def test_the_organisations_table_has_its_columns_and_only_allowed_values():
    raw = raw_organisations()
    assert tuple(raw.columns) == ORGANISATION_COLUMNS
    assert len(ORGANISATIONS) >= 12 and ORGANISATIONS.index.is_unique
    assert ORGANISATIONS.index.name == "organisatie"
    assert set(raw["winstoogmerk"]) == {"ja", "nee"}
    assert ORGANISATIONS["winstoogmerk"].dtype == bool
    assert set(ORGANISATIONS["keuze"]) == set(CHOICE)
    assert set(ORGANISATIONS["gebruiker_betaalt"]) == set(PAYS)
    listed = {m.strip() for text in ORGANISATIONS["markten"] for m in text.split(";")}
    assert listed == set(MARKET_NAMES), "every market has an example, and nothing else is listed"
    for column in ("soort", "betaler", "gebruiker", "redenering"):
        assert (ORGANISATIONS[column].str.len() > 0).all(), column
    assert (ORGANISATIONS["redenering"].str.len() > 150).all(), "the reasoning is explained, not a word"


def test_the_table_holds_the_organisations_the_course_needs():
    kinds = " ".join(ORGANISATIONS["soort"])
    for kind in ("ziekenhuis", "hogeschool", "gemeente", "telecomprovider", "supermarkt", "fietsenfabrikant",
                 "rubberleverancier", "gevangenis", "woningcorporatie", "vervoerbedrijf"):
        assert kind in kinds, kind
    assert "Trapper Fietsen" in ORGANISATIONS.index
    # Both kinds of organisation and all three answers to "can the user choose?" are there to learn from.
    assert ORGANISATIONS["winstoogmerk"].any() and not ORGANISATIONS["winstoogmerk"].all()


def test_the_book_facts_in_the_table():
    rubber = who_is_the_customer("Veerkracht Rubber")
    assert rubber.markets == ("business-to-businessmarkt",) and "afgeleid" in rubber.reasoning
    municipality = who_is_the_customer("Gemeente Lindewijk")
    assert municipality.can_choose == "nee" and "paspoort" in municipality.reasoning
    assert "monopolie" in municipality.reasoning and not municipality.profit
    hospital = who_is_the_customer("Rivierzicht Ziekenhuis")
    assert hospital.user == "de patiënt" and "zorgverzekeraar" in hospital.payer
    student = who_is_the_customer("Hogeschool Weidebeek")
    assert student.user == "de student" and "curriculum" in student.reasoning
    assert who_is_the_customer("PI Hoogveen").markets == ("institutionele markt",)
    assert organisation_markets().loc["Trapper Fietsen"].all()


@pytest.mark.parametrize(("column", "value", "words"), [
    ("winstoogmerk", "soms", ["winstoogmerk", "'ja' of 'nee'", "'soms'"]),
    ("keuze", "misschien", ["keuze", "'ja', 'beperkt' of 'nee'"]),
    ("gebruiker_betaalt", "half", ["gebruiker_betaalt", "'deels'"]),
    ("markten", "consumentenmarkt; B2B", ["markten", "'B2B'", "business-to-businessmarkt"]),
    ("markten", "", ["markten", "minstens één markt"]),
    ("andere_rollen", "de huisarts", ["andere_rollen", "rol: partij"]),
    ("betaler", " ", ["betaler", "leeg"]),
])
def test_a_wrong_value_names_the_organisation_the_column_and_what_is_allowed(column, value, words):
    table = raw_organisations()
    table.loc[1, column] = value
    with pytest.raises(KlantDataError) as caught:
        validate_organisations(table, source="mijn_organisaties.csv")
    message = str(caught.value)
    assert message.startswith("In 'mijn_organisaties.csv': Rivierzicht Ziekenhuis, kolom")
    for word in words:
        assert word in message


def test_a_missing_column_or_a_name_twice_is_refused():
    with pytest.raises(KlantDataError, match="Er ontbreekt de kolom 'keuze'"):
        validate_organisations(raw_organisations().drop(columns="keuze"))
    doubled = pd.concat([raw_organisations(), raw_organisations().iloc[[0]]], ignore_index=True)
    with pytest.raises(KlantDataError, match="'Trapper Fietsen' staat er meer dan één keer in"):
        validate_organisations(doubled)


def test_depest_and_the_eras_are_data():
    assert list(DEPEST.index) == ["Demografisch", "Economisch", "Politiek", "Ecologisch", "Sociaal-cultureel",
                                  "Technologisch"]
    assert "".join(DEPEST["letter"]) == "DEPEST"
    assert DEPEST["vraag"].str.endswith("?").all()
    assert list(ERAS.index) == [0, 1, 2, 3]
    assert list(ERAS["naam"][1:]) == ["massamarketing", "marktsegmenten", "de individuele klant"]
    assert ERAS["van"].is_monotonic_increasing and pd.isna(ERAS.loc[3, "tot"])
    assert "Ford" in ERAS.loc[1, "voorbeeld"]


# -- names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["Trapper Fietsen", "trapper fietsen", "  TRAPPER   fietsen ", "trapper"])
def test_names_are_found_without_minding_case_spaces_or_a_unique_part(typed):
    assert find_organisation(typed) == "Trapper Fietsen"


def test_accents_dont_matter():
    table = ORGANISATIONS.rename(index={"Koppel Telecom": "Koppél Télécom"})
    assert find_organisation("koppel telecom", table) == "Koppél Télécom"
    assert who_is_the_customer("KOPPEL TELECOM", table).organisation == "Koppél Télécom"


def test_an_unknown_name_lists_every_known_name_closest_first():
    with pytest.raises(KlantDataError) as caught:
        who_is_the_customer("Rivierzigt ziekenhuis")
    message = str(caught.value)
    assert message.startswith("Er is geen organisatie 'Rivierzigt ziekenhuis'. Bekende organisaties (de meest "
                              "gelijkende eerst): Rivierzicht Ziekenhuis, ")
    listed = message.split("): ", 1)[1].rstrip(".").split(", ")
    assert sorted(listed) == sorted(ORGANISATIONS.index), "every known name, each once"


def test_an_unknown_name_without_anything_close_lists_the_names_alphabetically():
    with pytest.raises(KlantDataError) as caught:
        find_organisation("xyz")
    listed = str(caught.value).split("(op alfabet): ", 1)[1].rstrip(".").split(", ")
    assert listed == sorted(ORGANISATIONS.index, key=str.casefold)


def test_a_part_that_fits_two_names_asks_for_the_whole_name():
    with pytest.raises(KlantDataError) as caught:
        find_organisation("lindewijk")
    message = str(caught.value)
    assert message.startswith("Meer dan één organisatie past bij 'lindewijk'. Schrijf de hele naam.")
    listed = message.split("): ", 1)[1].split(", ")
    assert set(listed[:2]) == {"Gemeente Lindewijk", "Stadsmuseum Lindewijk"}


# -- who is the customer -------------------------------------------------------------------------

def test_who_is_the_customer_reads_every_field_of_the_row():
    parties = who_is_the_customer("smaakvol catering")
    row = ORGANISATIONS.loc["Smaakvol Catering"]
    assert isinstance(parties, CustomerParties)
    assert parties.organisation == "Smaakvol Catering" and parties.kind == row["soort"]
    assert parties.profit is True
    assert parties.markets == ("business-to-businessmarkt", "institutionele markt")
    assert (parties.payer, parties.user, parties.reasoning) == (row["betaler"], row["gebruiker"], row["redenering"])
    assert (parties.user_pays, parties.can_choose) == ("nee", "nee")
    assert parties.other_roles == (("facilitair manager", "kiest de cateraar en bewaakt het contract"),)
    table = parties.parties()
    assert list(table.columns) == ["rol", "wie"]
    assert table["rol"].tolist() == ["betaler", "gebruiker", "facilitair manager"]


def test_who_is_the_customer_speaks_dutch_in_a_notebook():
    parties = who_is_the_customer("Buurtsuper Dagvers")
    assert parties.other_roles == ()
    text = str(parties)
    assert text.startswith("Buurtsuper Dagvers: supermarkt, met winstoogmerk; markt: consumentenmarkt.")
    assert "Betaler: de klant aan de kassa." in text and "(de gebruiker betaalt zelf; hij kan naar een andere aanbieder)" in text
    markdown = parties._repr_markdown_()
    assert markdown.startswith("**Buurtsuper Dagvers") and "- Betaler:" in markdown
    assert markdown.rstrip().endswith(parties.reasoning)


def test_an_organisation_of_your_own_can_be_added():
    own = pd.concat([raw_organisations(), pd.DataFrame([{
        "organisatie": "Sportschool Fit", "soort": "sportschool", "winstoogmerk": "ja",
        "markten": "consumentenmarkt", "betaler": "het lid", "gebruiker": "het lid", "gebruiker_betaalt": "ja",
        "keuze": "ja", "andere_rollen": "", "redenering": "Leden kiezen zelf."}])], ignore_index=True)
    table = validate_organisations(own)
    assert who_is_the_customer("sportschool fit", table).user == "het lid"
    with pytest.raises(KlantDataError):
        who_is_the_customer("Sportschool Fit")  # not in the shipped table


# -- Trapper's customers per market ------------------------------------------------------------

def test_the_courses_rule_for_markets(customers):
    markets = customer_markets(customers)
    assert markets.name == "markt" and list(markets.cat.categories) == list(MARKET_NAMES)
    assert markets.index.equals(customers.index)
    is_type = customers["klanttype"].astype(str)
    assert (markets[is_type == "consument"] == "consumentenmarkt").all()
    assert (markets[is_type == "gemeente"] == "overheid").all()
    care = customers["naam"].str.contains(r"\bZorg\b", na=False)
    assert (markets[care] == "institutionele markt").all()
    assert (markets[(is_type == "zakelijk") & ~care] == "business-to-businessmarkt").all()
    counts = markets.value_counts()
    assert counts.sum() == len(customers) and counts["institutionele markt"] == care.sum() > 0


@pytest.mark.parametrize(("kind", "name", "market"), [
    ("zakelijk", "Zorggroep Oost", "business-to-businessmarkt"),  # a word, not a part of one
    ("zakelijk", "Hofman Zorg Holding (21)", "institutionele markt"),
    ("zakelijk", None, "business-to-businessmarkt"),
    ("consument", "Zorg", "consumentenmarkt"),
])
def test_customer_market_reads_the_sector_word_of_a_business_only(kind, name, market):
    assert customer_market(kind, name) == market


def test_an_unknown_customer_type_or_a_missing_column_is_a_dutch_error():
    with pytest.raises(KlantDataError, match="klanttype moet 'consument', 'zakelijk' of 'gemeente' zijn"):
        customer_market("bedrijf")
    with pytest.raises(KlantDataError, match="Er ontbreekt de kolom 'naam'"):
        customer_markets(pd.DataFrame({"klanttype": ["consument"]}))


def test_market_summary_by_hand():
    klanten = pd.DataFrame({"klant_id": ["A", "B", "C", "D"],
                            "klanttype": ["consument", "consument", "zakelijk", "zakelijk"],
                            "naam": [None, None, "Kok ICT B.V.", "Brink Zorg B.V."]})
    tr = pd.DataFrame({
        "klant_id": ["A", "A", "A", "B", "C", "C"],
        "order_id": ["O1", "O1", "O2", "O3", "O4", "O5"],
        "bedrag": [100.0, 20.0, -20.0, 60.0, 1000.0, 3000.0],
    })
    table = market_summary(tr, klanten)
    assert list(table.index) == list(MARKET_NAMES)
    consumers = table.loc["consumentenmarkt"]
    assert consumers["klanten"] == 2 and consumers["bestellingen"] == 2  # O2 is only a return
    assert consumers["netto_omzet"] == 160.0 and consumers["omzet_per_klant"] == 80.0
    assert consumers["mediaan_bestelling"] == 90.0 and consumers["gemiddelde_bestelling"] == 90.0  # 120 and 60
    b2b = table.loc["business-to-businessmarkt"]
    assert (b2b["klanten"], b2b["bestellingen"], b2b["mediaan_bestelling"]) == (1, 2, 2000.0)
    assert table.loc["business-to-businessmarkt", "aandeel_omzet"] == pytest.approx(4000 / 4160)
    assert table["aandeel_omzet"].sum() == pytest.approx(1.0)
    empty = table.loc["institutionele markt"]  # D bought nothing
    assert empty["klanten"] == 0 and empty["netto_omzet"] == 0 and pd.isna(empty["mediaan_bestelling"])


def test_market_summary_of_trapper_matches_plain_pandas(customers, transactions):
    table = market_summary(transactions, customers)
    joined = transactions.merge(customers.assign(markt=customer_markets(customers))[["klant_id", "markt"]],
                                on="klant_id", how="left")
    assert joined["markt"].notna().all()
    revenue = joined.groupby("markt", observed=False)["bedrag"].sum()
    pd.testing.assert_series_equal(table["netto_omzet"], revenue.reindex(list(MARKET_NAMES)), check_names=False,
                                   check_index_type=False, check_categorical=False)
    assert table["netto_omzet"].sum() == pytest.approx(transactions["bedrag"].sum())
    assert table["klanten"].sum() == transactions["klant_id"].nunique()
    # What the notebook teaches: consumers bring most revenue in small orders, the others orders many times larger
    # (notebook 01 compares the government's median order with the consumer's).
    assert table["aandeel_omzet"].idxmax() == "consumentenmarkt"
    assert table["mediaan_bestelling"].idxmin() == "consumentenmarkt"
    assert table["mediaan_bestelling"].idxmax() == "overheid"
    assert (table.loc[list(MARKET_NAMES[1:]), "mediaan_bestelling"] > 5 * table.loc["consumentenmarkt",
                                                                                 "mediaan_bestelling"]).all()


def test_a_transaction_of_an_unknown_customer_is_named(customers, transactions):
    stray = pd.concat([transactions.head(3), pd.DataFrame({"klant_id": ["K99999"], "order_id": ["X"],
                                                           "bedrag": [5.0]})])
    with pytest.raises(KlantDataError) as caught:
        market_summary(stray, customers)
    assert str(caught.value) == ("In kolom 'klant_id' staat op de rij met index 0 een klant_id dat niet in de klanten staat "
                                 "(bijvoorbeeld 'K99999' op de rij met index 0). Gebruik de klanten en transacties uit dezelfde "
                                 "bron.")


# -- market_summary on data that is not clean CRM data (issue 18) --------------------------------

def _caught_warnings(function, *args):
    """The result of ``function(*args)`` and the messages of the KlantDataWarnings it gave."""
    import warnings

    from klantlib.errors import KlantDataWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args)
    return result, [str(w.message) for w in caught if issubclass(w.category, KlantDataWarning)]


def _write(tmp_path, name: str, text: str) -> pd.DataFrame:
    """A student's CSV, read as read_table reads it (index "rij" = the row Excel shows, attrs["source"])."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return klantlib.read_table(path)


CONSUMERS = pd.DataFrame({"klant_id": ["K1", "K2", "K3", "K4"], "klanttype": ["consument"] * 4, "naam": [None] * 4})
EMPTY_SELECTION = ("De selectie is leeg: in de transacties staat geen enkele rij, dus valt er per markt niets te "
                   "tellen. Heb je gefilterd (bijvoorbeeld op 'datum', 'kanaal' of 'categorie')? Dan hield het "
                   "filter niets over: kies een ruimer filter of kijk de waarden na.")


@pytest.mark.parametrize("keep", [
    lambda t: t["kanaal"] == "telefoon",  # a channel that is not there
    lambda t: t["datum"] > "2030-01-01",  # a period after the data
    lambda t: t["bedrag"] > 1e9,
    lambda t: (t["categorie"] == "fietsen") & (t["categorie"] == "accessoires"),  # two filters that exclude each other
])
def test_an_empty_selection_is_said_in_dutch_not_a_table_of_zeros(customers, transactions, keep):
    with pytest.raises(KlantDataError) as caught:
        market_summary(transactions[keep(transactions)], customers)
    assert str(caught.value) == EMPTY_SELECTION


def test_an_empty_selection_of_a_students_file_names_the_file(tmp_path):
    sales = _write(tmp_path, "verkopen.csv", "klant_id;order_id;bedrag\nK1;1;12,50\n")
    with pytest.raises(KlantDataError) as caught:
        market_summary(sales[sales["bedrag"] > 100], CONSUMERS)
    assert str(caught.value) == ("De selectie is leeg: in de transacties uit 'verkopen.csv' staat geen enkele rij, dus "
                                 "valt er per markt niets te tellen. Heb je gefilterd? Dan hield het filter niets "
                                 "over: kies een ruimer filter of kijk de waarden na.")  # no 'datum': no example


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_klant_id_column_that_is_blank_everywhere_is_named(blank):
    sales = pd.DataFrame({"klant_id": [blank, blank], "order_id": ["1", "2"], "bedrag": [10.0, 20.0]})
    with pytest.raises(KlantDataError) as caught:
        market_summary(sales, CONSUMERS)
    assert str(caught.value) == ("In de transacties is de kolom 'klant_id' helemaal leeg: geen enkele rij heeft een "
                                 "klantnummer, dus valt er per markt niets te tellen. Vul de kolom in.")


def test_no_usable_row_at_all_is_an_error_naming_file_and_rows(tmp_path):
    sales = _write(tmp_path, "kassa.csv", "klant_id;order_id;bedrag\nK1;1;\n;2;12,50\n")
    with pytest.raises(KlantDataError) as caught:
        market_summary(sales, CONSUMERS)
    assert str(caught.value) == ("2 van de 2 rijen in 'kassa.csv' zijn niet bruikbaar (rijen 2 en 3): geen klant "
                                 "of geen bruikbaar bedrag.")
    with pytest.raises(KlantDataError) as caught:
        market_summary(sales.assign(bedrag=None), CONSUMERS)
    assert str(caught.value) == ("In de transacties uit 'kassa.csv' is de kolom 'bedrag' helemaal leeg: geen enkele "
                                 "rij heeft een bedrag, dus valt er per markt niets te tellen. Vul de bedragen in.")


def test_an_empty_customers_table_or_one_without_ids_is_named(tmp_path):
    sales = pd.DataFrame({"klant_id": ["K1"], "order_id": ["1"], "bedrag": [10.0]})
    with pytest.raises(KlantDataError) as caught:
        market_summary(sales, CONSUMERS.head(0))
    assert str(caught.value) == ("De selectie is leeg: in de klanten staat geen enkele rij, dus is er geen markt. "
                                 "Gebruik de hele klantentabel; wil je een deel van de klanten, filter dan de "
                                 "transacties.")
    no_ids = _write(tmp_path, "klanten.csv", "klant_id;klanttype;naam\n;consument;\n;zakelijk;Kok B.V.\n")
    with pytest.raises(KlantDataError) as caught:
        market_summary(sales, no_ids)
    assert str(caught.value) == ("In de klanten uit 'klanten.csv' is de kolom 'klant_id' helemaal leeg: geen enkele "
                                 "rij heeft een klantnummer, dus valt er per markt niets te tellen. Vul de kolom in.")


def test_a_selection_of_returns_only_has_revenue_but_no_buying_customers_and_no_orders(customers, transactions):
    returns = transactions[transactions["bedrag"] < 0]
    table = market_summary(returns, customers)
    assert table["klanten"].tolist() == [0, 0, 0, 0] and table["bestellingen"].tolist() == [0, 0, 0, 0]
    assert table["netto_omzet"].sum() == pytest.approx(returns["bedrag"].sum())
    assert table["aandeel_omzet"].sum() == pytest.approx(1.0)  # each market's share of all returns
    assert table["omzet_per_klant"].isna().all() and table["mediaan_bestelling"].isna().all()


def test_a_selection_whose_net_revenue_is_zero_has_no_shares():
    sales = pd.DataFrame({"klant_id": ["K1", "K1"], "order_id": ["1", "2"], "bedrag": [50.0, -50.0]})
    table = market_summary(sales, CONSUMERS)
    assert table.loc["consumentenmarkt", ["klanten", "bestellingen", "netto_omzet"]].tolist() == [1, 1, 0.0]
    assert table["aandeel_omzet"].isna().all()


def test_a_customer_listed_twice_with_the_same_market_counts_once_with_a_warning():
    doubled = pd.DataFrame({"klant_id": ["K1", "K2", "K1", "K2", "K2"],
                            "klanttype": ["consument", "consument", "Consument", "consument", "consument"],
                            "naam": [None, None, None, "Jansen", None]})
    sales = pd.DataFrame({"klant_id": ["K1", "K2"], "order_id": ["1", "2"], "bedrag": [100.0, 60.0]})
    table, warned = _caught_warnings(market_summary, sales, doubled)
    assert warned == ["2 klanten staan meer dan één keer in de klanten (3 dubbele rijen, bijvoorbeeld 'K1' op "
                      "de rijen met index 0 en 2), met dezelfde markt; elke klant telt één keer."]
    consumers = table.loc["consumentenmarkt"]
    assert (consumers["klanten"], consumers["bestellingen"], consumers["netto_omzet"]) == (2, 2, 160.0)


def test_a_customer_listed_twice_with_another_type_is_refused_naming_file_column_and_rows(tmp_path):
    doubled = _write(tmp_path, "klanten.csv", "klant_id;klanttype;naam\nK1;consument;\nK2;zakelijk;Kok B.V.\n"
                                              "K1;gemeente;Gemeente Zwolle\nK2;zakelijk;Kok B.V.\n")
    sales = pd.DataFrame({"klant_id": ["K1"], "order_id": ["1"], "bedrag": [10.0]})
    with pytest.raises(KlantDataError) as caught:
        market_summary(sales, doubled)
    assert str(caught.value) == ("In 'klanten.csv', kolom 'klanttype', staat klant 'K1' 2 keer, met een ander "
                                 "klanttype (rij 2: 'consument'; rij 4: 'gemeente'). Geef elke klant één rij, met de "
                                 "juiste gegevens.")


def test_a_customer_listed_twice_with_a_name_that_changes_the_market_is_refused():
    doubled = pd.DataFrame({"klant_id": ["K7", "K7", "K8", "K8"], "klanttype": ["zakelijk"] * 2 + ["consument"] * 2,
                            "naam": ["Brink Zorg B.V.", "Brink B.V.", None, None]})
    doubled.loc[3, "klanttype"] = "gemeente"
    sales = pd.DataFrame({"klant_id": ["K7"], "order_id": ["1"], "bedrag": [10.0]})
    with pytest.raises(KlantDataError) as caught:
        market_summary(sales, doubled)
    assert str(caught.value) == ("In de klanten, kolom 'naam', staat klant 'K7' 2 keer, met een naam die een andere "
                                 "markt geeft (rij 0: 'Brink Zorg B.V.'; rij 1: 'Brink B.V.'). Nog 1 andere klant "
                                 "staat er ook meer dan één keer in met verschillende gegevens. Geef elke klant één "
                                 "rij, met de juiste gegevens.")


def test_a_customer_row_without_an_id_is_left_out_with_a_warning():
    customers = pd.concat([CONSUMERS, pd.DataFrame({"klant_id": [None], "klanttype": ["zakelijk"], "naam": ["X"]})],
                          ignore_index=True)
    sales = pd.DataFrame({"klant_id": ["K1"], "order_id": ["1"], "bedrag": [10.0]})
    table, warned = _caught_warnings(market_summary, sales, customers)
    assert warned == ["1 van de 5 rijen overgeslagen (de rij met index 4): geen klant_id. Een klant zonder klantnummer hoort bij "
                      "geen enkele transactie."]
    assert table["klanten"].tolist() == [1, 0, 0, 0]


def test_sales_without_an_order_number_each_count_as_an_order_with_a_warning(tmp_path):
    sales = _write(tmp_path, "kassa.csv", "klant_id;order_id;bedrag\nK1;O1;100\nK1;O1;20\nK1;;30\nK2;;50\n"
                                          "K2;;-5\nK2;O2;80\n")
    table, warned = _caught_warnings(market_summary, sales, CONSUMERS)
    assert warned == ["2 van de 5 aankoopregels in 'kassa.csv' hebben geen order_id (rijen 4 en 5); elke regel telt "
                      "als een eigen bestelling. Hoort een regel bij een andere bestelling, vul dan het order_id in."]
    consumers = table.loc["consumentenmarkt"]
    # Orders: O1 (120), the line of 30, the line of 50, O2 (80); the return without a number is no order.
    assert (consumers["klanten"], consumers["bestellingen"], consumers["netto_omzet"]) == (2, 4, 275.0)
    assert consumers["gemiddelde_bestelling"] == 70.0 and consumers["mediaan_bestelling"] == 65.0


@pytest.mark.parametrize("numbers", [["1", "2", "1", "1"], [1, 2, 1, 1]], ids=["text", "whole numbers"])
def test_order_numbers_that_restart_per_customer_are_different_orders(numbers):
    sales = pd.DataFrame({"klant_id": ["K1", "K1", "K2", "K3"], "order_id": numbers,
                          "bedrag": [100.0, 50.0, 30.0, 20.0]}, dtype="object")
    table = market_summary(sales, CONSUMERS)
    consumers = table.loc["consumentenmarkt"]
    # Four orders: K1's 1 (100) and 2 (50), K2's 1 (30), K3's 1 (20); not one order "1" of 150.
    assert (consumers["klanten"], consumers["bestellingen"]) == (3, 4)
    assert consumers["gemiddelde_bestelling"] == 50.0 and consumers["mediaan_bestelling"] == 40.0


def test_global_order_numbers_give_the_same_orders(transactions, customers):
    """Trapper numbers its orders for the whole shop: counting (customer, order) changes nothing there."""
    purchases = transactions[transactions["bedrag"] > 0]
    assert market_summary(transactions, customers)["bestellingen"].sum() == purchases["order_id"].nunique() == 5882


def test_a_customer_with_only_returns_is_not_a_buying_customer():
    sales = pd.DataFrame({"klant_id": ["K1", "K2", "K2", "K3", "K4"], "order_id": ["1", "2", "3", "4", "5"],
                          "bedrag": [100.0, 40.0, -40.0, -25.0, 0.0]})
    consumers = market_summary(sales, CONSUMERS).loc["consumentenmarkt"]
    # K1 bought; K2 bought and returned it (a purchase all the same); K3 only returned; K4's line is 0.
    assert (consumers["klanten"], consumers["bestellingen"], consumers["netto_omzet"]) == (2, 2, 75.0)
    assert consumers["omzet_per_klant"] == 37.5


@pytest.mark.parametrize("typed", ["Consument", " consument ", "CONSUMENT", "consumént"])
def test_a_customer_type_as_excel_or_a_person_writes_it_is_accepted(tmp_path, typed):
    customers = _write(tmp_path, "klanten.csv", f"klant_id;klanttype;naam\nK1;{typed};\nK2;Zakelijk;Kok B.V.\n")
    assert customer_markets(customers).tolist() == ["consumentenmarkt", "business-to-businessmarkt"]
    assert customer_market(typed) == "consumentenmarkt"


def test_an_unknown_or_blank_customer_type_names_file_column_and_row(tmp_path):
    customers = _write(tmp_path, "klanten.csv", "klant_id;klanttype;naam\nK1;consument;\nK2;bedrijf;Kok B.V.\n"
                                                "K3;;\n")
    with pytest.raises(KlantDataError) as caught:
        customer_markets(customers)
    assert str(caught.value) == ("In 'klanten.csv', kolom 'klanttype', is rij 4 leeg. Vul het klanttype in: "
                                 "'consument', 'zakelijk' of 'gemeente'.")
    with pytest.raises(KlantDataError) as caught:
        market_summary(pd.DataFrame({"klant_id": ["K1"], "order_id": ["1"], "bedrag": [5.0]}), customers.iloc[:2])
    assert str(caught.value) == ("In 'klanten.csv', kolom 'klanttype', staat op rij 3 een onbekend klanttype "
                                 "(bijvoorbeeld 'bedrijf' op rij 3). Een klanttype is 'consument', 'zakelijk' of "
                                 "'gemeente' (hoofdletters en spaties maken niet uit).")


def test_the_care_word_is_read_without_minding_case():
    assert customer_market("zakelijk", "BRINK ZORG BV") == "institutionele markt"
    assert customer_market("zakelijk", "Brinkzorg BV") == "business-to-businessmarkt"


def test_number_ids_and_text_ids_are_compared_as_text():
    from klantlib.parsing import comparable_ids

    numbers = pd.Series(pd.array([12, None, 7], dtype="Int64"))
    text = pd.Series(["12", "K1"], dtype="str")
    left, right = comparable_ids(numbers, text)
    assert left.tolist()[::2] == ["12", "7"] and pd.isna(left[1]) and right is text
    same = pd.Series([1, 2])
    assert comparable_ids(same, same)[0] is same


_SHIPPED = klantlib.load_dataset("transacties")
_CUSTOMERS = klantlib.load_dataset("klanten")


@settings(deadline=None, max_examples=40)
@given(channels=st.sets(st.sampled_from(sorted(_SHIPPED["kanaal"].cat.categories))),
       categories=st.sets(st.sampled_from(sorted(_SHIPPED["categorie"].cat.categories))),
       start=st.integers(0, 800), days=st.integers(0, 400), sign=st.sampled_from(["alle", "aankopen", "retouren"]))
def test_any_filter_of_the_shipped_transactions_adds_up_or_is_said_to_be_empty(channels, categories, start, days,
                                                                              sign):
    first = _SHIPPED["datum"].min() + pd.Timedelta(days=start)
    keep = (_SHIPPED["kanaal"].isin(channels) & _SHIPPED["categorie"].isin(categories)
            & _SHIPPED["datum"].between(first, first + pd.Timedelta(days=days)))
    keep &= {"alle": True, "aankopen": _SHIPPED["bedrag"] > 0, "retouren": _SHIPPED["bedrag"] < 0}[sign]
    selection = _SHIPPED[keep]
    event("leeg" if selection.empty else "een selectie")
    if selection.empty:
        with pytest.raises(KlantDataError) as caught:
            market_summary(selection, _CUSTOMERS)
        assert str(caught.value) == EMPTY_SELECTION
        return
    table = market_summary(selection, _CUSTOMERS)
    purchases = selection[selection["bedrag"] > 0]
    assert list(table.index) == list(MARKET_NAMES)
    assert table["klanten"].sum() == purchases["klant_id"].nunique()
    assert table["bestellingen"].sum() == len(purchases[["klant_id", "order_id"]].drop_duplicates())
    assert table["netto_omzet"].sum() == pytest.approx(selection["bedrag"].sum())
    assert (table["gemiddelde_bestelling"] * table["bestellingen"]).sum() == pytest.approx(purchases["bedrag"].sum())
    assert ((table["klanten"] == 0) == (table["bestellingen"] == 0)).all()
    assert (table["klanten"] <= table["bestellingen"]).all()
    if table["netto_omzet"].sum() != 0:
        assert table["aandeel_omzet"].sum() == pytest.approx(1.0)


# -- figures -------------------------------------------------------------------------------------

def test_market_figure_writes_the_model_numbers_the_dutch_way(customers, transactions):
    from klantlib.formatting import euro, number, percent

    table = market_summary(transactions, customers)
    axes = market_figure(table)
    texts = [[t.get_text().strip() for t in ax.texts] for ax in axes]
    assert texts[0] == [number(v) for v in table["klanten"]]
    assert texts[1] == [percent(v, 0) for v in table["aandeel_omzet"]]
    assert texts[2] == [euro(v, 0) for v in table["mediaan_bestelling"]]
    assert [p.get_width() for p in axes[2].patches] == pytest.approx(table["mediaan_bestelling"].tolist())
    plt.close("all")


def _bar_ends_in_view(ax) -> bool:
    left, right = ax.get_xlim()
    return left <= 0 <= right and all(left <= p.get_x() + p.get_width() <= right for p in ax.patches)


def test_market_figure_shows_a_negative_share_left_of_zero():
    """A market with more returns than sales has a negative share: its bar points left, inside the axis."""
    klanten = pd.DataFrame({"klant_id": ["K1", "G1"], "klanttype": ["consument", "gemeente"],
                            "naam": [None, "Gemeente Kampen"]})
    sales = pd.DataFrame({"klant_id": ["K1", "G1"], "order_id": ["O1", "O2"], "bedrag": [100.0, -20.0]})
    table = market_summary(sales, klanten)
    assert table.loc["overheid", "aandeel_omzet"] == pytest.approx(-0.25)
    axes = market_figure(table)
    share = axes[1]
    assert [p.get_width() for p in share.patches] == pytest.approx(table["aandeel_omzet"].fillna(0).tolist())
    assert share.get_xlim() == pytest.approx((-0.25 - 0.45 * 1.5, 1.25 + 0.45 * 1.5))  # was (0, 1.8125): bar hidden
    negative = [t for t in share.texts if t.get_text().strip() == "-25%"]
    assert len(negative) == 1 and negative[0].get_ha() == "right" and negative[0].get_position()[0] == -0.25
    assert [line.get_xdata()[0] for line in share.lines] == [0]  # the zero line, only where bars point both ways
    assert axes[0].get_xlim() == pytest.approx((0, 1.45)) and len(axes[0].lines) == 0
    plt.close("all")


def test_market_figure_with_every_value_negative_keeps_the_bars_in_view(customers, transactions):
    """The rule of the axis, on any values: from below the lowest bar (or 0) to above the highest (or 0)."""
    table = market_summary(transactions, customers).assign(aandeel_omzet=[-0.1, -0.2, -0.3, -0.4])
    share = market_figure(table)[1]
    assert share.get_xlim() == pytest.approx((-0.4 - 0.45 * 0.4, 0))  # was (0, -0.58): every bar out of view
    assert _bar_ends_in_view(share)
    plt.close("all")


@settings(deadline=None, max_examples=25)
@given(st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6)), min_size=4, max_size=4))
def test_market_figure_holds_every_bar_whatever_its_sign(shares):
    table = market_summary(_SHIPPED, _CUSTOMERS).assign(aandeel_omzet=[float("nan") if v is None else v
                                                                        for v in shares])
    axes = market_figure(table)
    assert all(_bar_ends_in_view(ax) for ax in axes)
    assert axes[1].get_xlim()[0] < axes[1].get_xlim()[1]
    plt.close("all")


def test_eras_timeline_shows_every_era_and_its_start():
    ax = eras_timeline()
    shown = " ".join(t.get_text() for t in ax.texts)
    for _, row in ERAS.iterrows():
        assert row["naam"].split()[0] in shown and f"± {row['van']}" in shown
    assert "tijdperk 3" in shown and "vóór Wierenga" in shown
    plt.close("all")


def _title(ax) -> str:
    """The axes title wherever it stands (the house style puts titles left, matplotlib's default is centre)."""
    return "".join(ax.get_title(loc) for loc in ("left", "center", "right"))


def test_customer_diagram_shows_payer_user_and_whether_the_user_can_choose():
    ax = customer_diagram("Gemeente Lindewijk")
    shown = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    assert "de inwoners, via belastingen en leges" in shown
    assert "de gebruiker kan niet kiezen" in shown and "zonder winstoogmerk" in shown
    assert _title(ax) == "Wie is de klant van Gemeente Lindewijk?"
    plt.close("all")


# -- widgets -----------------------------------------------------------------------------------

def test_customer_html_is_the_model_text_escaped():
    text = customer_html("rivierzicht")
    parties = who_is_the_customer("Rivierzicht Ziekenhuis")
    assert parties.reasoning in text and parties.user in text
    assert "<b>Verwijzer:</b>" in text and "kan maar beperkt kiezen" in text
    table = validate_organisations(pd.concat([raw_organisations(), raw_organisations().iloc[[0]].assign(
        organisatie="A&B <Fietsen>")], ignore_index=True))
    assert "A&amp;B &lt;Fietsen&gt;" in customer_html("A&B <Fietsen>", table)


def test_choosing_another_organisation_changes_text_and_figure():
    widget = customer_widget()
    choose = find_widget(widget, "klant-organisatie-keuze")
    text = find_widget(widget, "klant-klantbeeld")
    area = find_widget(widget, "klant-figuur").area
    assert choose.value == "Trapper Fietsen" and list(choose.options) == list(ORGANISATIONS.index)
    assert text.value == customer_html("Trapper Fietsen")
    before = area.shown
    choose.value = "PI Hoogveen"
    assert text.value == customer_html("PI Hoogveen")
    assert area.shown != before and _title(area.ax) == "Wie is de klant van PI Hoogveen?"
    plt.close("all")


def test_depest_keys_and_valid_answers():
    assert DEPEST_KEYS[0] == "organisatie" and len(DEPEST_KEYS) == 1 + 4 + 4 * (6 + 1) + 2
    assert {"consument_meso", "overheid_meso", "advies_kort", "advies_lang"} <= set(DEPEST_KEYS)
    assert len(set(DEPEST_KEYS)) == len(DEPEST_KEYS)
    assert valid_depest_answer("organisatie", "Trapper") and valid_depest_answer("overheid_technologisch", "apps")
    assert not valid_depest_answer("markt_overheid", 1) and not valid_depest_answer("onbekend", "x")


def test_depest_frame_has_a_column_per_chosen_market_only():
    assert depest_frame({}).shape == (7, 0)
    table = depest_frame({"markt_consument": True, "b2b_economisch": "rente stijgt", "markt_overheid": None})
    assert list(table.columns) == ["consumentenmarkt", "business-to-businessmarkt"]
    assert table.loc["Economisch", "business-to-businessmarkt"] == "rente stijgt"
    assert table.loc["Economisch", "consumentenmarkt"] == ""
    assert table.index[-1] == "Meso-omgeving"
    assert depest_frame({"b2b_meso": "twee nieuwe concurrenten"}).loc["Meso-omgeving"].tolist() == [
        "twee nieuwe concurrenten"]


def test_depest_widget_saves_as_typed_restores_and_exports(tmp_path):
    widget = depest_widget(folder=tmp_path)
    find_widget(widget, "klant-organisatie").value = "Hogeschool Weidebeek"
    find_widget(widget, "klant-markt_institutioneel").value = True
    find_widget(widget, "klant-institutioneel_demografisch").value = "  minder jongeren in de regio  "
    assert find_widget(widget, "klant-voortgang").value == (
        "1 markt gekozen; 1 van de 7 vakjes (DEPEST en meso) ingevuld; advies: 0 van de 2.")
    find_widget(widget, "klant-institutioneel_meso").value = "een nieuwe hogeschool in de stad"
    find_widget(widget, "klant-markt_b2b").value = True
    find_widget(widget, "klant-advies_lang").value = "meer deeltijdonderwijs voor werkenden"
    assert find_widget(widget, "klant-voortgang").value == (
        "2 markten gekozen; 2 van de 14 vakjes (DEPEST en meso) ingevuld; advies: 1 van de 2.")
    find_widget(widget, "klant-markt_b2b").value = False
    saved = json.loads((tmp_path / "opdracht_1_1.json").read_text(encoding="utf-8"))
    assert saved["antwoorden"] == {"organisatie": "Hogeschool Weidebeek", "markt_institutioneel": True,
                                   "institutioneel_demografisch": "minder jongeren in de regio",
                                   "institutioneel_meso": "een nieuwe hogeschool in de stad",
                                   "advies_lang": "meer deeltijdonderwijs voor werkenden"}
    # A new widget (after a kernel restart) shows the answers again.
    again = depest_widget(folder=tmp_path)
    assert find_widget(again, "klant-institutioneel_demografisch").value == "minder jongeren in de regio"
    assert find_widget(again, "klant-markt_institutioneel").value is True
    # Unticking removes the market; the export is one row with every key as a column.
    find_widget(again, "klant-markt_institutioneel").value = False
    find_widget(again, "klant-export").click()
    exported = pd.read_csv(tmp_path / "opdracht_1_1.csv")
    assert list(exported.columns) == list(DEPEST_KEYS) and len(exported) == 1
    assert exported.loc[0, "organisatie"] == "Hogeschool Weidebeek" and pd.isna(exported.loc[0, "markt_institutioneel"])
    assert exported.loc[0, "advies_lang"] == "meer deeltijdonderwijs voor werkenden"
    assert "opdracht_1_1.csv" in find_widget(again, "klant-melding").value


def test_depest_widget_says_so_when_it_cannot_save(tmp_path):
    blocker = tmp_path / "geen_map"
    blocker.write_text("een bestand waar de map had moeten staan")
    with pytest.warns(klantlib.KlantDataWarning):
        widget = depest_widget(folder=blocker)
    find_widget(widget, "klant-organisatie").value = "Trapper"
    assert "NIET opgeslagen" in find_widget(widget, "klant-melding").value


def test_market_summary_reads_ids_and_amounts_by_the_one_rule():
    """A student's export: numeric ids on one side, text on the other; Dutch amounts as text; a blank amount."""
    import warnings

    from klantlib.errors import KlantDataWarning
    from klantlib.klant import market_summary

    klanten = pd.DataFrame({"klant_id": ["12", "13"], "klanttype": ["consument", "zakelijk"], "naam": [None, "X B.V."]})
    tr = pd.DataFrame({"klant_id": [12, 12, 13, 13], "order_id": [1, 2, 3, 4],
                       "bedrag": ["1.234,50", "10,00", "500", None]}, dtype="object")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = market_summary(tr, klanten)
    assert out.loc["consumentenmarkt", "netto_omzet"] == pytest.approx(1244.5)
    assert out.loc["business-to-businessmarkt", "netto_omzet"] == 500.0
    assert out.loc["business-to-businessmarkt", "bestellingen"] == 1
    [warning] = [w for w in caught if issubclass(w.category, KlantDataWarning)]
    assert "1 van de 4 rijen overgeslagen (de rij met index 3)" in str(warning.message)


def test_depest_progress_counts_the_advice_fields_with_text():
    table = pd.DataFrame({"overheid": ["regels", ""], "consumentenmarkt": [" ", "meer fietsers"]})
    done = depest_progress(table, {"Korte termijn": "  ", "Lange termijn": "investeer in service"})
    assert done == {"markten": 2, "ingevuld": 2, "vakjes": 4, "advies": 1, "adviesvakjes": 2}
    assert depest_progress(table)["adviesvakjes"] == 0
