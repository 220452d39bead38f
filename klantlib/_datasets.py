"""The shipped datasets of the case company Trapper Fietsen B.V. (see ``data/README.md``).

:data:`DATASETS` is the single description of every dataset and column: it
drives the dtypes of :func:`load_dataset`, the table of :func:`list_datasets`
and a test that checks the data card documents every column.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from klantlib._resources import package_file, package_toml
from klantlib.errors import KlantDataError

__all__ = ["DATASETS", "Column", "Dataset", "data_folder", "list_datasets", "load_dataset"]


@dataclass(frozen=True)
class Column:
    kind: str  # id | text | category | ordered | date | datetime | int | Int64 | money | fraction
    unit: str
    meaning: str  # Dutch
    order: tuple[str, ...] = ()  # the categories of an ordered column, low to high


@dataclass(frozen=True)
class Dataset:
    description: str  # Dutch
    notebooks: str
    columns: dict[str, Column]



def _c(kind, unit, meaning, order=()):
    return Column(kind, unit, meaning, tuple(order))


LIKERT7 = "1 = helemaal oneens ... 7 = helemaal eens"
BENCHMARK7 = "1 = geheel niet mee eens ... 7 = geheel mee eens"
#: The statements of the benchmark's self-scan (klantlib/questionnaires/benchmark.toml) and of its mirror for
#: customers (spiegel.toml): the same codes, the customers' side without B3, B7 and B9.
_BENCHMARK_CODES = [f"B{i}" for i in range(1, 12)]
_MIRROR_CODES = ["B1", "B2", "B4", "B5", "B6", "B8", "B10", "B11"]
#: The statements of the customer-sensitivity scan (klantlib/questionnaires/klantgevoeligheid.toml): code and
#: the driver (or outcome) each one measures, read from the questionnaire itself.
_SENSITIVITY_ITEMS = [(item["code"], item["dimension"])
                      for item in package_toml("questionnaires/klantgevoeligheid.toml")["item"]]
#: Notebook 09: the touchpoints of the touchpoint ratings (klantlib/questionnaires/klantbeleving.toml), with the
#: stages (the questionnaire's parts) in order, and the attributes of customer relevancy (relevantie.toml).
_EXPERIENCE = package_toml("questionnaires/klantbeleving.toml")
_EXPERIENCE_ITEMS = [(item["code"], item["dimension"]) for item in _EXPERIENCE["item"]]
_STAGES = list(_EXPERIENCE["questionnaire"]["parts"].values())
_RELEVANCE_ITEMS = [(item["code"], item["dimension"]) for item in package_toml("questionnaires/relevantie.toml")["item"]]
REPORT_MARK = "rapportcijfer 1-10 (1 = zeer slecht ... 10 = uitstekend)"
RELEVANCE5 = "1 = veel slechter dan andere aanbieders ... 5 = de beste die ik ken"
DATASETS: dict[str, Dataset] = {
    "klanten": Dataset(
        "Alle klanten van Trapper Fietsen: consumenten, bedrijven en gemeenten.",
        "00, 01, 03, 04, 06, 07",
        {
            "klant_id": _c("id", "-", "klantnummer, koppelt alle datasets (K00001 ...)"),
            "klanttype": _c("category", "-", "consument, zakelijk of gemeente"),
            "naam": _c("text", "-", "naam van bedrijf of gemeente (leeg bij consumenten)"),
            "provincie": _c("category", "-", "provincie van het (post)adres"),
            "leeftijd": _c("Int64", "jaar", "leeftijd van een consument (leeg bij bedrijven en gemeenten)"),
            "klant_sinds": _c("date", "datum", "datum van de eerste aankoop of registratie"),
            "kanaalvoorkeur": _c("category", "-", "online, offline of beide"),
            "internetgerichtheid": _c("ordered", "-", "laag, gemiddeld of hoog", ["laag", "gemiddeld", "hoog"]),
        },
    ),
    "transacties": Dataset(
        "Elke aankoopregel van 2024 en 2025: klant, datum, product, kanaal en bedrag.",
        "00, 01, 04, 07",
        {
            "transactie_id": _c("id", "-", "regelnummer (T000001 ...)"),
            "order_id": _c("id", "-", "bestelling; één bestelling kan meerdere regels hebben"),
            "klant_id": _c("id", "-", "klantnummer (zie klanten)"),
            "datum": _c("date", "datum", "datum van de aankoop of retour"),
            "categorie": _c("category", "-", "e-bike, stadsfiets, racefiets, kinderfiets, onderdelen, accessoires, onderhoud"),
            "product": _c("text", "-", "productnaam"),
            "aantal": _c("int", "stuks", "aantal stuks op de regel"),
            "bedrag": _c("money", "euro incl. btw", "bedrag van de regel; negatief = retour"),
            "kanaal": _c("category", "-", "webshop, winkel, dealer of zakelijk (fleet)"),
        },
    ),
    "relatiesterkte": Dataset(
        "Enquête naar relatiesterkte bij een steekproef van kopers: de vier drijfveren van Schijns (2000).",
        "04, 07",
        {
            "klant_id": _c("id", "-", "klantnummer (zie klanten)"),
            "datum": _c("date", "datum", "datum van het antwoord"),
            "attractiviteit": _c("Int64", LIKERT7, "liever met Trapper te maken dan met een ander"),
            "overstapkosten": _c("Int64", LIKERT7, "overstappen kost moeite, geld of risico"),
            "vertrouwen": _c("Int64", LIKERT7, "op Trapper kun je rekenen"),
            "tevredenheid": _c("Int64", LIKERT7, "tevreden over wat er tot nu toe gebeurde"),
        },
    ),
    "servqual": Dataset(
        "SERVQUAL-enquête bij klanten van werkplaats en webshop: 22 verwachtingen (E), 22 ervaringen (P) en 100 punten.",
        "05",
        {
            "respondent_id": _c("id", "-", "respondentnummer (R0001 ...)"),
            "klant_id": _c("id", "-", "klantnummer (zie klanten)"),
            "datum": _c("date", "datum", "datum van het antwoord"),
            "kanaal": _c("category", "-", "werkplaats of webshop: waar de laatste aankoop van onderhoud of onderdelen liep"),
            **{f"E{i}": _c("Int64", LIKERT7, f"verwachting bij stelling {i}") for i in range(1, 23)},
            **{f"P{i}": _c("Int64", LIKERT7, f"ervaring bij stelling {i}") for i in range(1, 23)},
            **{
                f"W_{d}": _c("int", "punten (samen 100)", f"belang van {d}")
                for d in ("tastbaarheden", "betrouwbaarheid", "responsiviteit", "zekerheid", "inlevingsvermogen")
            },
        },
    ),
    "leefstijl": Dataset(
        "Leefstijlenquête bij consumenten: 18 stellingen voor een VALS-indeling.",
        "03",
        {
            "respondent_id": _c("id", "-", "respondentnummer (L0001 ...)"),
            "klant_id": _c("id", "-", "klantnummer (zie klanten)"),
            "leeftijd": _c("int", "jaar", "leeftijd"),
            **{f"S{j:02d}": _c("int", "1 = helemaal oneens ... 5 = helemaal eens", f"antwoord op stelling S{j:02d}") for j in range(1, 19)},
        },
    ),
    "leefstijl_stellingen": Dataset(
        "De 18 stellingen van de leefstijlenquête en het VALS-type waar elke stelling bij hoort.",
        "03",
        {
            "item": _c("id", "-", "S01 ... S18 (kolom in leefstijl)"),
            "stelling": _c("text", "-", "de tekst van de stelling"),
            "type": _c("category", "-", "het VALS-type waar de stelling op wijst"),
        },
    ),
    "dmu": Dataset(
        "Inkoopbeslissingen van bedrijven en gemeenten, met de deelnemers aan de DMU en hun rollen.",
        "02",
        {
            "beslissing_id": _c("id", "-", "inkoopbeslissing (B001 ...)"),
            "klant_id": _c("id", "-", "klantnummer van het bedrijf of de gemeente"),
            "datum": _c("date", "datum", "datum van de beslissing"),
            "koopsituatie": _c("ordered", "-", "new task, modified rebuy of straight rebuy",
                               ["straight rebuy", "modified rebuy", "new task"]),
            "omschrijving": _c("text", "-", "wat er gekocht werd"),
            "orderwaarde": _c("money", "euro excl. btw", "waarde van de (mogelijke) order"),
            "uitkomst": _c("category", "-", "gewonnen of verloren (voor Trapper)"),
            "deelnemer_id": _c("id", "-", "persoon in de DMU (B001-P1 ...)"),
            "functie": _c("category", "-", "functie van de deelnemer"),
            "rol": _c("category", "-", "initiator, beïnvloeder, gatekeeper, beslisser, koper of gebruiker"),
        },
    ),
    "klantreis": Dataset(
        "Logboek van online en offline klantreizen volgens ORCA (Molenaar, 2010).",
        "06",
        {
            "reis_id": _c("id", "-", "klantreis (J00001 ...)"),
            "klant_id": _c("id", "-", "klantnummer als de reis eindigde in een aankoop van een bekende klant, anders leeg"),
            "klantgroep": _c("category", "-", "consument of zakelijk"),
            "leeftijdsgroep": _c("ordered", "jaar", "18-34, 35-54 of 55+ (leeg bij zakelijk)", ["18-34", "35-54", "55+"]),
            "stap_nr": _c("int", "-", "volgnummer van de stap (1-4)"),
            "stap": _c("ordered", "-", "Oriëntatie, Research, Communicatie of Actie",
                       ["Oriëntatie", "Research", "Communicatie", "Actie"]),
            "kanaal": _c("category", "-", "online of offline"),
            "touchpoint": _c("category", "-", "contactmoment, bijvoorbeeld zoekmachine, dealer of proefrit"),
            "tijdstip": _c("datetime", "datum en tijd (minuten)", "moment van de stap"),
        },
    ),
    "benchmark_medewerkers": Dataset(
        "Zelfscan klantgerichtheid: 42 medewerkers van Trapper over de 11 stellingen van de benchmark Klantgericht Ondernemen.",
        "07",
        {
            "respondent_id": _c("id", "-", "respondentnummer (M01 ...)"),
            "afdeling": _c("category", "-", "winkel, werkplaats, webshop, klantenservice, inkoop, marketing of directie"),
            "niveau": _c("ordered", "-", "medewerker, leidinggevende of directie",
                         ["medewerker", "leidinggevende", "directie"]),
            **{code: _c("int", BENCHMARK7, f"antwoord op stelling {code} van de zelfscan (Questionnaire 'benchmark')")
               for code in _BENCHMARK_CODES},
        },
    ),
    "benchmark_klanten": Dataset(
        "De spiegel: 310 klanten over 8 stellingen van de zelfscan, van hun kant gezien, en de aanbevelingsvraag (NPS).",
        "07",
        {
            "respondent_id": _c("id", "-", "respondentnummer (C001 ...)"),
            "klant_id": _c("id", "-", "klantnummer (zie klanten)"),
            "datum": _c("date", "datum", "datum van het antwoord"),
            **{code: _c("Int64", BENCHMARK7, f"antwoord op stelling {code} van de spiegel (Questionnaire 'spiegel'); "
                        "leeg = kan ik niet beoordelen") for code in _MIRROR_CODES},
            "aanbeveling": _c("Int64", "0 = zeker niet ... 10 = zeker wel",
                              "hoe waarschijnlijk het is dat de klant Trapper aanbeveelt bij vrienden of collega's"),
        },
    ),
    "marges": Dataset(
        "Brutomarge van Trapper per productcategorie.",
        "07",
        {
            "categorie": _c("category", "-", "e-bike, stadsfiets, racefiets, kinderfiets, onderdelen, accessoires, onderhoud"),
            "brutomarge": _c("fraction", "deel van de omzet (0-1)", "omzet min inkoopwaarde, als deel van de omzet"),
        },
    ),
    "klantgevoeligheid": Dataset(
        "Scan klantgevoeligheid: 400 klanten over de affectiviteitsdrivers, vertrouwen en tevredenheid, "
        "met de aanbevelingsvraag (NPS) en hun klacht.",
        "08",
        {
            "respondent_id": _c("id", "-", "respondentnummer (G001 ...)"),
            "klant_id": _c("id", "-", "klantnummer (zie klanten)"),
            "klanttype": _c("category", "-", "consument, zakelijk of gemeente (zie klanten)"),
            "datum": _c("date", "datum", "datum van het antwoord"),
            **{code: _c("Int64", LIKERT7, f"antwoord op stelling {code} ({dimension}) van de scan "
                        "(Questionnaire 'klantgevoeligheid'); leeg = kan ik niet beoordelen")
               for code, dimension in _SENSITIVITY_ITEMS},
            "aanbeveling": _c("Int64", "0 = zeker niet ... 10 = zeker wel",
                              "hoe waarschijnlijk het is dat de klant Trapper aanbeveelt bij vrienden of collega's"),
            "klacht": _c("category", "-", "klacht in het afgelopen jaar: geen klacht, goed opgelost of niet goed opgelost"),
        },
    ),
    "maatregelen": Dataset(
        "De maatregelen van Trapper voor klanten in het afgelopen jaar, met afdeling en budget.",
        "08",
        {
            "maatregel": _c("text", "-", "de maatregel, zoals een manager hem opschrijft"),
            "afdeling": _c("category", "-", "de afdeling die de maatregel uitvoert"),
            "budget": _c("int", "euro", "wat de maatregel kost"),
        },
    ),
    "touchpoints": Dataset(
        "De 16 touchpoints van een aankoop bij Trapper, per fase van de klantreis, met de afdeling die eigenaar is.",
        "09",
        {
            "code": _c("id", "-", "code van het touchpoint in de vragenlijst 'klantbeleving' (SM ... RK)"),
            "fase": _c("ordered", "-", "fase van de klantreis: " + ", ".join(_STAGES), _STAGES),
            "touchpoint": _c("category", "-", "het contactmoment, gespeld zoals in klantreis"),
            "eigenaar": _c("text", "-", "afdeling van Trapper die eigenaar is; twee afdelingen als 'A; B'; "
                           "leeg = niemand"),
        },
    ),
    "klantbeleving": Dataset(
        "Klantbeleving: 600 kopers van 2025 geven een rapportcijfer voor elk touchpoint dat ze gebruikten, "
        "gekoppeld aan hun klantreis.",
        "09",
        {
            "klant_id": _c("id", "-", "klantnummer (zie klanten)"),
            "reis_id": _c("id", "-", "de laatste klantreis van de klant in 2025 (zie klantreis)"),
            "klantgroep": _c("category", "-", "consument of zakelijk (zie klantreis)"),
            **{code: _c("Int64", REPORT_MARK, f"cijfer voor {touchpoint} (Questionnaire 'klantbeleving'); "
                        "leeg = niet gebruikt of niet beoordeeld")
               for code, touchpoint in _EXPERIENCE_ITEMS},
        },
    ),
    "relevantie": Dataset(
        "Klantrelevantie naar Crawford en Mathews: 400 kopers van 2025 beoordelen Trapper op vijf attributen "
        "en verdelen 100 punten.",
        "09",
        {
            "klant_id": _c("id", "-", "klantnummer (zie klanten)"),
            "klantgroep": _c("category", "-", "consument, of zakelijk (bedrijf of gemeente)"),
            **{code: _c("Int64", RELEVANCE5, f"oordeel over {attribute} (Questionnaire 'relevantie'); leeg = geen antwoord")
               for code, attribute in _RELEVANCE_ITEMS},
            **{f"W_{attribute}": _c("int", "punten (samen 100)", f"belang van {attribute} bij de keuze van een aanbieder")
               for _, attribute in _RELEVANCE_ITEMS},
        },
    ),
    "relevantieprofiel": Dataset(
        "Het klantrelevantieprofiel dat de directie van Trapper zelf kiest: per attribuut een niveau en waarom.",
        "09",
        {
            "attribuut": _c("category", "-", "prijs, product, toegang, service of beleving"),
            "niveau": _c("int", "1-5 (3 = marktniveau, 4 = onderscheiden, 5 = domineren)",
                         "het niveau dat de directie voor Trapper ziet"),
            "toelichting": _c("text", "-", "waarom, in de woorden van de directie"),
        },
    ),
}


def data_folder() -> Path:
    """Where the CSV files are: inside the installed package (a wheel) or the repo's ``data/``."""
    packaged = package_file("_data")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "data"


_DTYPES = {"id": "str", "text": "str", "category": "str", "ordered": "str", "date": "str", "datetime": "str",
           "int": "int64", "Int64": "Int64", "money": "float64", "fraction": "float64"}


@cache
def _read(name: str) -> pd.DataFrame:
    spec = DATASETS[name]
    path = data_folder() / f"{name}.csv"
    frame = pd.read_csv(path, dtype={c: _DTYPES[col.kind] for c, col in spec.columns.items()},
                        keep_default_na=False, na_values=[""])
    for column, col in spec.columns.items():
        if col.kind in ("date", "datetime"):
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d" if col.kind == "date" else "%Y-%m-%d %H:%M")
        elif col.kind == "category":
            frame[column] = frame[column].astype(pd.CategoricalDtype(sorted(frame[column].dropna().unique())))
        elif col.kind == "ordered":
            frame[column] = frame[column].astype(pd.CategoricalDtype(list(col.order), ordered=True))
    return frame


def load_dataset(name: str) -> pd.DataFrame:
    """One of the shipped datasets as a DataFrame with proper dtypes (a fresh copy each call).

    Ids and text are ``str``, dates ``datetime64``, small vocabularies ``category``
    (ordered where the values have an order), answers that may be blank ``Int64``.
    Never touches the network.

    >>> transacties = load_dataset("transacties")
    >>> transacties[["klant_id", "datum", "bedrag"]].dtypes.astype(str).tolist()
    ['str', 'datetime64[us]', 'float64']
    >>> load_dataset("transactie")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: Er is geen dataset 'transactie'. Bedoel je 'transacties'? Beschikbaar: benchmark_klanten, benchmark_medewerkers, dmu, klantbeleving, klanten, klantgevoeligheid, klantreis, leefstijl, leefstijl_stellingen, maatregelen, marges, relatiesterkte, relevantie, relevantieprofiel, servqual, touchpoints, transacties.
    """
    if name not in DATASETS:
        close = difflib.get_close_matches(str(name), DATASETS, n=1)
        hint = f" Bedoel je '{close[0]}'?" if close else ""
        raise KlantDataError(f"Er is geen dataset {name!r}.{hint} Beschikbaar: {', '.join(sorted(DATASETS))}.")
    return _read(name).copy()


class _FullTextTable(pd.DataFrame):
    """A DataFrame that shows its text in full: pandas cuts cells after 50 characters ("...").

    Anything computed from it is a plain DataFrame again.
    """

    @property
    def _constructor(self):
        return pd.DataFrame

    def _repr_html_(self):
        with pd.option_context("display.max_colwidth", None):
            return super()._repr_html_()

    def __repr__(self):
        with pd.option_context("display.max_colwidth", None, "display.max_columns", None):
            return super().__repr__()


def list_datasets() -> pd.DataFrame:
    """One row per shipped dataset: name, description, size and the notebooks that load it.

    The table shows each description in full (not cut off after 50 characters as pandas does).
    ``notebooks`` names every notebook whose source loads the dataset (``tests/test_datasets.py``
    checks it against ``source/*.md``).

    >>> list_datasets().loc["transacties", "notebooks"]
    '00, 01, 04, 07'
    >>> table = list_datasets()
    >>> all(text in repr(table) and text in table._repr_html_() for text in table["beschrijving"])
    True
    """
    rows = []
    for name in sorted(DATASETS):
        frame = _read(name)
        rows.append({"naam": name, "beschrijving": DATASETS[name].description, "rijen": len(frame),
                     "kolommen": frame.shape[1], "notebooks": DATASETS[name].notebooks})
    return _FullTextTable(pd.DataFrame(rows).set_index("naam"))
