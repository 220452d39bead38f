"""Who is the customer (notebook 01): the shipped tables, names, markets per customer, revenue per market,
the figures and the two widgets."""

import matplotlib

matplotlib.use("Agg")

import json  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

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
    with pytest.raises(KlantDataError, match="1 transactie.*'K99999'"):
        market_summary(stray, customers)


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
    assert DEPEST_KEYS[0] == "organisatie" and len(DEPEST_KEYS) == 1 + 4 + 4 * 6
    assert len(set(DEPEST_KEYS)) == len(DEPEST_KEYS)
    assert valid_depest_answer("organisatie", "Trapper") and valid_depest_answer("overheid_technologisch", "apps")
    assert not valid_depest_answer("markt_overheid", 1) and not valid_depest_answer("onbekend", "x")


def test_depest_frame_has_a_column_per_chosen_market_only():
    assert depest_frame({}).shape == (6, 0)
    table = depest_frame({"markt_consument": True, "b2b_economisch": "rente stijgt", "markt_overheid": None})
    assert list(table.columns) == ["consumentenmarkt", "business-to-businessmarkt"]
    assert table.loc["Economisch", "business-to-businessmarkt"] == "rente stijgt"
    assert table.loc["Economisch", "consumentenmarkt"] == ""


def test_depest_widget_saves_as_typed_restores_and_exports(tmp_path):
    widget = depest_widget(folder=tmp_path)
    find_widget(widget, "klant-organisatie").value = "Hogeschool Weidebeek"
    find_widget(widget, "klant-markt_institutioneel").value = True
    find_widget(widget, "klant-institutioneel_demografisch").value = "  minder jongeren in de regio  "
    assert "1 markt(en) gekozen; 1 van de 6" in find_widget(widget, "klant-voortgang").value
    saved = json.loads((tmp_path / "opdracht_1_1.json").read_text(encoding="utf-8"))
    assert saved["antwoorden"] == {"organisatie": "Hogeschool Weidebeek", "markt_institutioneel": True,
                                   "institutioneel_demografisch": "minder jongeren in de regio"}
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
    assert "1 van de 4 rijen overgeslagen (rij 3)" in str(warning.message)
