"""klantlib.dmu and klantlib.views.dmu: buying roles, the DMU per buying situation, checking a role assignment.

Small tables counted by hand, the shipped B2B data (new tasks have larger DMUs than straight rebuys), and
bad input that gets a Dutch error naming the row.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import klantlib  # noqa: E402
from klantlib.dmu import (  # noqa: E402
    BUYCLASSES,
    CASES,
    ROLES,
    Case,
    check_roles,
    dmu_sizes,
    dmu_summary,
    jobs,
    role_matrix,
    role_table,
)
from klantlib.errors import KlantDataError  # noqa: E402
from klantlib.views import dmu as views  # noqa: E402
from klantlib.views._widgets import find_widget  # noqa: E402


@pytest.fixture(scope="module")
def dmu():
    return klantlib.load_dataset("dmu")


def _table(rows, index=None):
    frame = pd.DataFrame(rows, columns=["beslissing_id", "koopsituatie", "deelnemer_id", "rol"])
    if index is not None:
        frame.index = pd.Index(index, name="rij")
    return frame


# -- the book's tables ---------------------------------------------------------------------------------------

def test_roles_are_table_1_1_in_the_books_order_and_the_gatekeeper_is_b2b_only():
    assert list(ROLES) == ["initiator", "beïnvloeder", "gatekeeper", "beslisser", "koper", "gebruiker"]
    assert ROLES["gatekeeper"].consument == "" and ROLES["gatekeeper"].zakelijk
    assert all(role.consument for name, role in ROLES.items() if name != "gatekeeper")
    assert all(role.zakelijk and role.kort for role in ROLES.values())
    table = role_table()
    assert list(table.columns) == ["consumentenmarkt", "zakelijke markt"]
    assert table.loc["gatekeeper", "consumentenmarkt"] == "–"
    assert list(role_table("consument").columns) == ["consumentenmarkt"]
    with pytest.raises(KlantDataError, match="market moet"):
        role_table("overheid")
    with pytest.raises(TypeError):
        ROLES["nieuw"] = ROLES["koper"]  # read-only


def test_buyclasses_are_the_three_of_robinson_with_a_dutch_explanation():
    assert list(BUYCLASSES) == ["new task", "modified rebuy", "straight rebuy"]
    for buyclass in BUYCLASSES.values():
        assert buyclass.nederlands and len(buyclass.uitleg) > 60 and buyclass.dmu
    assert "bekende leverancier" in BUYCLASSES["modified rebuy"].uitleg
    # What the DMU column says is the book's, and only that: many people and least clear in a new task, clearest in
    # a straight rebuy, nothing on a modified rebuy; sizes ("klein", "groot") are the course's reading, not here.
    assert "minst duidelijk" in BUYCLASSES["new task"].dmu and "veel" in BUYCLASSES["new task"].dmu
    assert "duidelijkst" in BUYCLASSES["straight rebuy"].dmu
    assert "niets" in BUYCLASSES["modified rebuy"].dmu
    texts = " ".join(b.uitleg + " " + b.dmu for b in BUYCLASSES.values())
    assert not {"klein", "groot", "middelgroot", "één persoon"} & set(texts.replace(";", " ").split())
    assert "één persoon" not in texts


def test_every_case_uses_known_roles_and_its_market():
    for name, case in CASES.items():
        assert case.markt in ("consument", "zakelijk"), name
        assert set(case.people) and all(set(roles) <= set(ROLES) for roles in case.personen.values()), name
        assert all(person in case.tekst for person in case.people), name
        if case.markt == "consument":
            assert not any("gatekeeper" in roles for roles in case.personen.values()), name


# -- role_matrix ---------------------------------------------------------------------------------------------

def test_role_matrix_from_a_mapping_with_several_roles_and_a_person_without():
    matrix = role_matrix({"Ria": ["initiator", "Gebruiker", "initiator"], "Henk": "koper; beslisser", "Daan": []})
    assert list(matrix.index) == ["Ria", "Henk", "Daan"] and list(matrix.columns) == list(ROLES)
    assert matrix.loc["Ria"].sum() == 2 and matrix.loc["Henk", ["koper", "beslisser"]].all()
    assert not matrix.loc["Daan"].any()
    assert not matrix["gatekeeper"].any()  # a role held by no one is a column of False


def test_role_matrix_from_one_purchase_of_the_dataset(dmu):
    b003 = dmu[dmu["beslissing_id"] == "B003"]
    matrix = role_matrix(b003)
    assert len(matrix) == 6 and matrix["beïnvloeder"].sum() == 4
    assert matrix.loc["B003-P2", ["gatekeeper", "koper"]].all() and jobs(b003)["B003-P2"] == "inkoper"
    # What notebook 02 says of B003 in words: a business customer buying e-bikes with lease for the first time (a
    # new task), where someone holds two roles (the feedback of dmu_waarom_new_task).
    customer = klantlib.load_dataset("klanten").set_index("klant_id").loc[b003["klant_id"].iloc[0]]
    assert customer["klanttype"] == "zakelijk" and set(b003["koopsituatie"]) == {"new task"}
    assert b003["omschrijving"].iloc[0].endswith("e-bikes met lease en onderhoud (nieuw)")
    assert (matrix.sum(axis=1) > 1).any()


def test_role_matrix_refuses_an_unknown_role_naming_the_person_or_row():
    with pytest.raises(KlantDataError, match="Bij Ria staat een onbekende rol: 'chauffeur'"):
        role_matrix({"Ria": ["chauffeur"]})
    table = pd.DataFrame({"deelnemer_id": ["P1", "P2"], "rol": ["koper", "betaler"]},
                         index=pd.Index([2, 3], name="rij"))
    with pytest.raises(KlantDataError, match=r"kolom 'rol' staat op rij 3 een onbekende rol"):
        role_matrix(table)
    with pytest.raises(KlantDataError, match="Verwacht per persoon"):
        role_matrix(["koper"])


# -- dmu_summary: by hand ------------------------------------------------------------------------------------

def test_dmu_summary_counts_people_roles_and_people_with_several_roles_by_hand():
    rows = [
        ("A", "new task", "P1", "initiator"), ("A", "New Task", "P1", "beslisser"),
        ("A", "new task", "P2", "Beinvloeder"), ("A", "new task", "P3", "beïnvloeder"),
        ("A", "new task", "P3", "beïnvloeder"),  # a repeated row counts once
        ("B", "straight rebuy", "Q1", "koper"), ("B", "straight rebuy", "Q1", "gebruiker"),
        ("B", "straight rebuy", "Q1", "initiator"),
        ("C", " straight  rebuy ", "R1", "koper"),
    ]
    with pytest.warns(klantlib.KlantDataWarning, match="1 rij herhaalt een eerdere rij"):
        aankopen, situaties = dmu_summary(_table(rows))
    assert list(aankopen.index) == ["A", "B", "C"]
    assert aankopen.loc["A", ["deelnemers", "rollen", "meerdere_rollen", "beïnvloeder"]].tolist() == [3, 3, 1, 2]
    assert aankopen.loc["B", ["deelnemers", "rollen", "meerdere_rollen"]].tolist() == [1, 3, 1]
    # roles no one holds: named per purchase
    assert aankopen.loc["A", "ontbrekende_rollen"] == "gatekeeper, koper, gebruiker"
    assert aankopen.loc["C", "ontbrekende_rollen"] == "initiator, beïnvloeder, gatekeeper, beslisser, gebruiker"
    assert aankopen.loc["C", "koopsituatie"] == "straight rebuy"
    assert list(situaties.index) == ["new task", "straight rebuy"]  # book order, empty situation left out
    assert situaties.loc["straight rebuy", "aankopen"] == 2
    assert situaties.loc["straight rebuy", "deelnemers"] == 1.0
    assert situaties.loc["straight rebuy", "rollen"] == 2.0
    assert situaties.loc["straight rebuy", "aandeel_meerdere_rollen"] == 0.5
    assert situaties.loc["new task", "aandeel_meerdere_rollen"] == pytest.approx(1 / 3)
    assert situaties.loc["new task", ["kleinste", "grootste"]].tolist() == [3, 3]


def test_dmu_summary_unpacks_and_takes_other_column_names():
    frame = _table([("A", "modified rebuy", "P1", "koper")]).rename(columns={"rol": "Rol", "deelnemer_id": "wie"})
    result = dmu_summary(frame, role="Rol", person="wie")
    assert result.aankopen.loc["A", "deelnemers"] == 1 and result.situaties.index.tolist() == ["modified rebuy"]


# -- dmu_summary: bad input, a Dutch error naming the row ----------------------------------------------------

def test_missing_column_is_named():
    frame = _table([("A", "new task", "P1", "koper")]).drop(columns="rol")
    with pytest.raises(KlantDataError, match="ontbreekt de kolom 'rol'"):
        dmu_summary(frame)


def test_unknown_buying_situation_names_the_row():
    frame = _table([("A", "new task", "P1", "koper"), ("B", "herhaalaankoop", "P2", "koper")], index=[2, 3])
    with pytest.raises(KlantDataError, match=r"kolom 'koopsituatie' staat op rij 3 een onbekende koopsituatie") as info:
        dmu_summary(frame)
    assert "herhaalaankoop" in str(info.value) and "straight rebuy" in str(info.value)


def test_unknown_or_blank_role_names_the_row():
    frame = _table([("A", "new task", "P1", "koper"), ("A", "new task", "P2", "adviseur")], index=[5, 6])
    with pytest.raises(KlantDataError, match="rij 6 een onbekende rol"):
        dmu_summary(frame)
    frame = _table([("A", "new task", "P1", "koper"), ("A", "new task", "P2", None)], index=[5, 6])
    with pytest.raises(KlantDataError, match="rij 6 geen rol"):
        dmu_summary(frame)


def test_blank_participant_and_mixed_situations_name_the_rows():
    frame = _table([("A", "new task", "P1", "koper"), ("A", "new task", " ", "gebruiker")], index=[2, 3])
    with pytest.raises(KlantDataError, match="rij 3 geen deelnemer"):
        dmu_summary(frame)
    frame = _table([("A", "new task", "P1", "koper"), ("A", "modified rebuy", "P2", "gebruiker")], index=[2, 3])
    with pytest.raises(KlantDataError, match="rijen 2 en 3 een aankoop met meer dan één koopsituatie"):
        dmu_summary(frame)


def test_a_file_read_with_read_table_names_the_file(tmp_path):
    path = tmp_path / "mijn_dmu.csv"
    path.write_text("beslissing_id;koopsituatie;deelnemer_id;rol\nA;new task;P1;koper\nA;nieuwe taak;P2;gebruiker\n",
                    encoding="utf-8")
    with pytest.raises(KlantDataError, match=r"In 'mijn_dmu.csv', kolom 'koopsituatie', staat op rij 3"):
        dmu_summary(klantlib.read_table(path))


# -- the shipped B2B data ------------------------------------------------------------------------------------

def test_shipped_data_new_tasks_have_larger_dmus_than_straight_rebuys(dmu):
    aankopen, situaties = dmu_summary(dmu)
    assert len(aankopen) == dmu["beslissing_id"].nunique() == 150
    assert situaties["aankopen"].sum() == 150
    size = situaties["deelnemers"]
    assert size["new task"] > size["modified rebuy"] > size["straight rebuy"]
    # not just on average: the smallest new task is larger than the largest straight rebuy
    assert situaties.loc["new task", "kleinste"] > situaties.loc["straight rebuy", "grootste"]
    # the data card: every role is held in every new task; a one-person DMU has no gatekeeper
    assert (aankopen.loc[aankopen["koopsituatie"] == "new task", "rollen"] == 6).all()
    alone = aankopen[aankopen["deelnemers"] == 1]
    assert len(alone) and (alone["gatekeeper"] == 0).all() and (alone["rollen"] == 3).all()
    assert situaties.loc["straight rebuy", "aandeel_meerdere_rollen"] > situaties.loc["new task",
                                                                                      "aandeel_meerdere_rollen"]
    # counted another way: distinct participants per purchase
    by_hand = dmu.groupby("beslissing_id")["deelnemer_id"].nunique()
    assert aankopen["deelnemers"].equals(by_hand.reindex(aankopen.index).astype("int64"))


def test_what_notebook_02_says_in_words_about_the_data_holds(dmu):
    """Words in notebook 02 and its bank that describe the data without a computed number."""
    _, situaties = dmu_summary(dmu)
    # dmu_grootte_verloren's explanation and worked answer: within a buying situation a lost order's DMU is about
    # as large as any; lost orders are more often new tasks, which have the large DMUs.
    lost = dmu[dmu["uitkomst"] == "verloren"]
    _, verloren = dmu_summary(lost)
    assert list(verloren.index) == ["new task", "modified rebuy"]  # a straight rebuy is never lost
    assert ((verloren["deelnemers"] - situaties["deelnemers"].reindex(verloren.index)).abs() < 0.3).all()
    per_decision = dmu.drop_duplicates("beslissing_id")["koopsituatie"].value_counts(normalize=True)
    lost_decisions = lost.drop_duplicates("beslissing_id")["koopsituatie"].value_counts(normalize=True)
    assert lost_decisions.idxmax() == "new task" and lost_decisions["new task"] > per_decision["new task"]
    # The crosstab's sentence: users are the medewerkers, and the directeur or wethouder decides something new.
    assert set(dmu.loc[dmu["rol"] == "gebruiker", "functie"]) == {"medewerker"}
    new = dmu[(dmu["koopsituatie"] == "new task") & (dmu["rol"] == "beslisser")]
    assert set(new["functie"]) == {"directeur", "wethouder"}
    # The summary: every new-task DMU is larger than every straight-rebuy DMU, above all by extra beïnvloeders.
    gap = situaties.loc["new task", list(ROLES)] - situaties.loc["straight rebuy", list(ROLES)]
    assert gap.idxmax() == "beïnvloeder"


def test_dmu_sizes_are_the_summary_means_and_every_purchase_once(dmu):
    aankopen, situaties = dmu_summary(dmu)
    means, counts = dmu_sizes(aankopen)
    pd.testing.assert_series_equal(means, situaties["deelnemers"].set_axis(situaties.index.astype("str")),
                                   check_names=False, check_index_type=False)
    assert list(means.index) == [s for s in BUYCLASSES if s in situaties.index]
    assert counts["aankopen"].sum() == len(aankopen) == 150
    for situation, part in counts.groupby("koopsituatie"):  # the mean again, from the counts
        mean = (part["deelnemers"] * part["aankopen"]).sum() / part["aankopen"].sum()
        assert mean == pytest.approx(means[situation])


def test_jobs_are_the_first_job_given_per_participant():
    table = pd.DataFrame({"deelnemer_id": [7, 7, "007", 8], "functie": ["", "inkoper", "directeur", None],
                          "rol": ["koper", "beslisser", "initiator", "gebruiker"]})
    assert jobs(table).to_dict() == {"7": "inkoper", "007": "directeur"}  # ids stay exact labels; 8 has none
    with pytest.raises(KlantDataError, match="ontbreekt de kolom 'functie'"):
        jobs(table.drop(columns="functie"))


# -- check_roles ---------------------------------------------------------------------------------------------

def test_check_roles_all_right_multi_role_people_and_a_role_held_by_no_one():
    right = {p: list(r) for p, r in CASES["ebike"].personen.items()}
    verdict = check_roles("ebike", right)
    assert verdict["in_orde"].all() and (verdict["hint"] == "Goed!").all()
    assert verdict.loc["Ria", "goed"] == ["initiator", "beslisser", "gebruiker"]  # several roles
    assert verdict.loc["Femke", "goed"] == verdict.loc["Daan", "goed"] == ["beïnvloeder"]  # one role, two people


def test_check_roles_missing_wrong_and_the_role_no_one_holds():
    verdict = check_roles(CASES["ebike"], {"Ria": ["initiator"], "Henk": ["koper", "gebruiker"],
                                           "Femke": ["gatekeeper", "beïnvloeder"]})
    assert verdict.loc["Ria", "ontbreekt"] == ["beslisser", "gebruiker"] and verdict.loc["Ria", "fout"] == []
    assert "ontbreken nog 2 rollen" in verdict.loc["Ria", "hint"]
    assert "beslisser" not in verdict.loc["Ria", "hint"]  # a missing role is counted, not named
    assert verdict.loc["Henk", "fout"] == ["gebruiker"] and verdict.loc["Henk", "ontbreekt"] == ["beslisser"]
    assert "Gebruiker: wie het product gebruikt" in verdict.loc["Henk", "hint"]
    assert "gatekeeper" in verdict.loc["Femke", "fout"]
    assert "Tabel 1.1 kent de rol gatekeeper" in verdict.loc["Femke", "hint"]  # as table 1.1 says, not "rare"
    assert "alleen op de zakelijke markt" in verdict.loc["Femke", "hint"]
    assert verdict.loc["Daan", "ontbreekt"] == ["beïnvloeder"]  # left out: no roles given
    assert not verdict["in_orde"].any()


def test_the_consumer_koper_does_the_buying_whoever_pays_as_in_the_books_example_1_2():
    """Meertens & Mulders, example 1.2: it does not matter whose money it is; the koper does the buying."""
    assert "van wie het geld is, doet er niet toe" in role_table("consument").loc["koper", "consumentenmarkt"]
    assert "betaalt" not in ROLES["koper"].consument and "betaalt" not in ROLES["koper"].kort
    business = role_table("zakelijk").loc["koper", "zakelijke markt"]
    assert business == "is formeel bevoegd om met de leverancier te onderhandelen"
    # In the e-bike case the money is Ria's and Henk does the buying: Henk is the koper, Ria is not.
    story = CASES["ebike"].tekst
    assert "Ria's eigen spaarrekening" in story and "Henk gaat naar de winkel van Trapper, rekent" in story
    assert "koper" in CASES["ebike"].personen["Henk"] and "koper" not in CASES["ebike"].personen["Ria"]
    right = {p: list(r) for p, r in CASES["ebike"].personen.items()}
    paid = check_roles("ebike", right | {"Ria": [*right["Ria"], "koper"]})
    assert paid.loc["Ria", "fout"] == ["koper"]
    assert "van wie het geld ook is" in paid.loc["Ria", "hint"] and "onderhandelen" not in paid.loc["Ria", "hint"]
    # In an organisation the hint gives the business meaning (table 1.1): formally authorised to negotiate.
    b2b = check_roles("zorginstelling", {"Anouk": ["initiator", "koper"]})
    assert "wie formeel bevoegd is om met de leverancier te onderhandelen" in b2b.loc["Anouk", "hint"]
    # The beïnvloeder judges the products; one person may also decide (the boy of example 1.2 does both).
    assert "zonder zelf te beslissen" not in ROLES["beïnvloeder"].kort


def test_check_roles_with_a_plain_mapping_and_a_role_no_one_holds_in_b2b():
    case = {"Anouk": ["initiator"], "Mirjam": ["beslisser", "koper"], "Sem": ["gatekeeper"]}
    verdict = check_roles(case, {"Anouk": ["initiator", "gebruiker"]})
    assert verdict.loc["Anouk", "fout"] == ["gebruiker"]
    assert "heeft in deze casus niemand" in verdict.loc["Anouk", "hint"]
    assert verdict.loc["Sem", "ontbreekt"] == ["gatekeeper"]


def test_check_roles_refuses_unknown_people_cases_and_roles():
    with pytest.raises(KlantDataError, match="'Oma' komt niet voor in de casus"):
        check_roles("ebike", {"Oma": ["koper"]})
    with pytest.raises(KlantDataError, match="case moet"):
        check_roles("fietsenstalling", {})
    with pytest.raises(KlantDataError, match="onbekende rol"):
        check_roles("ebike", {"Ria": ["sponsor"]})
    assert isinstance(CASES["zorginstelling"], Case)


# -- views ---------------------------------------------------------------------------------------------------

def test_role_grid_draws_a_dot_per_person_per_role_filled_where_held():
    ax = views.role_grid({"Ria": ["initiator"], "Henk": ["koper", "beslisser"]})
    dots = ax.collections[0]
    assert len(dots.get_offsets()) == 2 * len(ROLES)
    faces = [tuple(c) for c in dots.get_facecolors()]
    filled = [f for f in faces if f != (1.0, 1.0, 1.0, 1.0)]
    assert len(filled) == 3
    plt.close(ax.figure)


def test_situation_figures_show_the_models_numbers(dmu):
    aankopen, situaties = dmu_summary(dmu)
    ax = views.dmu_size_bars(aankopen)
    widths = [round(p.get_width(), 6) for p in ax.patches]
    assert widths == [round(v, 6) for v in situaties["deelnemers"]]
    # Every size is a dot whose area counts its purchases, and a key says how many a dot's size stands for.
    _, counts = dmu_sizes(aankopen)
    areas = sorted(a for c in ax.collections for a in c.get_sizes())
    assert areas == sorted(views.AREA_PER_PURCHASE * counts["aankopen"])
    size_key = next(a for a in ax.artists if "grootte" in a.get_title().get_text())
    keys = [int(t.get_text()) for t in size_key.get_texts()]
    assert keys == [10, 20, 30] and keys[-1] <= counts["aankopen"].max()
    shown = [h.get_markersize() ** 2 for h in size_key.legend_handles]
    assert shown == pytest.approx([views.AREA_PER_PURCHASE * n for n in keys])
    plt.close(ax.figure)
    ax = views.roles_per_situation(situaties)
    assert len(ax.patches) == 3 * len(ROLES)
    plt.close(ax.figure)


def test_role_widget_redraws_on_a_click_and_checks_with_check_roles():
    box = views.role_widget("ebike")
    area = find_widget(box, "klant-figuur").area
    shown = find_widget(box, "klant-keuzes")
    before_png, before_text = area.shown, shown.value
    find_widget(box, "klant-rol-0-0").value = True  # Ria: initiator
    assert shown.value != before_text and "<b>Ria</b>: initiator" in shown.value
    assert area.shown != before_png
    find_widget(box, "klant-controleer").click()
    feedback = find_widget(box, "klant-feedback-vak").value
    assert "Nog niet helemaal goed" in feedback and "ontbreken nog 2 rollen" in feedback
    for i, person in enumerate(CASES["ebike"].people):  # now every right role
        for j, role in enumerate(ROLES):
            find_widget(box, f"klant-rol-{i}-{j}").value = role in CASES["ebike"].personen[person]
    assert find_widget(box, "klant-feedback-vak").value == ""  # a new choice is not checked yet
    find_widget(box, "klant-controleer").click()
    assert "Goed!" in find_widget(box, "klant-feedback-vak").value


def test_helpers_pass_keyword_arguments_through_and_grow_in_presentation_mode(dmu):
    from matplotlib.colors import to_hex

    from klantlib import plotting

    aankopen, situaties = dmu_summary(dmu)
    ax = views.role_grid({"Ria": ["koper"]}, s=100, marker="s", figsize=(5, 2))
    assert set(ax.collections[0].get_sizes()) == {100.0} and tuple(ax.figure.get_size_inches()) == (5.0, 2.0)
    ax = views.dmu_size_bars(aankopen, color="black", height=0.3)
    bars = ax.patches[:3]
    assert {to_hex(p.get_facecolor()) for p in bars} == {"#000000"}
    assert {round(p.get_height(), 6) for p in bars} == {0.3}
    ax = views.roles_per_situation(situaties, width=0.2)
    assert {round(p.get_width(), 6) for p in ax.patches} == {0.2}
    try:
        plotting.presentation_mode()
        assert tuple(views.dmu_size_bars(aankopen).figure.get_size_inches()) == (12.0, 5.4)
    finally:
        plotting.presentation_mode(False)
    assert tuple(views.dmu_size_bars(aankopen).figure.get_size_inches()) == (8.0, 3.6)
    plt.close("all")


def test_purchase_and_person_ids_stay_exact_labels():
    """Numeric ids from a spreadsheet (floats because of a blank elsewhere) are read as the ids they are."""
    df = pd.DataFrame({"beslissing_id": [1.0, 1.0, 2.0], "koopsituatie": ["new task", "new task", "straight rebuy"],
                       "deelnemer_id": [7.0, 8.0, 7.0], "rol": ["initiator", "koper", "koper"]})
    aankopen, _ = dmu_summary(df)
    assert [str(i) for i in aankopen.index] == ["1", "2"]  # the digits, never "1.0" (text or whole numbers)
    assert aankopen["deelnemers"].tolist() == [2, 1]
    with pytest.raises(KlantDataError, match="de rij met index 2"):
        dmu_summary(df.assign(beslissing_id=[1.0, 1.0, None]))


# -- an empty selection, a blank id column, repeated rows, ids of either kind (issue 18) ---------------------

_EMPTY_END = "Dan hield het filter niets over: kies een ruimer filter of kijk de waarden na."


def test_an_empty_selection_is_a_dutch_error_that_names_what_to_filter_on(dmu):
    nothing = dmu[dmu["koopsituatie"] == "herhaalaankoop"]  # a filter that keeps no row
    calls = {
        "aankopen om samen te vatten. Heb je gefilterd (bijvoorbeeld op 'beslissing_id' of 'koopsituatie')?":
            lambda: dmu_summary(nothing),
        "aankopen om te tellen. Heb je gefilterd (bijvoorbeeld op 'koopsituatie')?":
            lambda: dmu_sizes(dmu_summary(dmu).aankopen.iloc[:0]),
        "deelnemers. Heb je gefilterd (bijvoorbeeld op 'beslissing_id' of 'deelnemer_id')?": lambda: jobs(nothing),
        "personen met een rol. Heb je gefilterd (bijvoorbeeld op 'beslissing_id' of 'deelnemer_id')?":
            lambda: role_matrix(nothing),
    }
    for middle, call in calls.items():
        with pytest.raises(KlantDataError) as caught:
            call()
        assert str(caught.value) == ("De selectie is leeg: in de tabel staat geen enkele rij, dus zijn er geen "
                                     f"{middle} {_EMPTY_END}")


def test_an_empty_selection_of_a_file_names_the_file(tmp_path):
    path = tmp_path / "mijn_dmu.csv"
    path.write_text("beslissing_id;koopsituatie;deelnemer_id;rol\nA;new task;P1;koper\n", encoding="utf-8")
    table = klantlib.read_table(path)
    with pytest.raises(KlantDataError) as caught:
        dmu_summary(table[table["rol"] == "gatekeeper"])
    assert str(caught.value) == ("De selectie is leeg: in de tabel uit 'mijn_dmu.csv' staat geen enkele rij, dus zijn "
                                 "er geen aankopen om samen te vatten. Heb je gefilterd (bijvoorbeeld op "
                                 f"'beslissing_id' of 'koopsituatie')? {_EMPTY_END}")


def test_role_matrix_without_people_and_check_roles_without_a_case_are_refused():
    with pytest.raises(KlantDataError) as caught:
        role_matrix({})
    assert str(caught.value) == ("Er staan geen personen in de rolverdeling, dus er is niets te tekenen. Geef per "
                                 "persoon de rollen, zoals {'Ria': ['initiator', 'gebruiker']}.")
    expected = ("De casus heeft geen personen, dus er valt niets na te kijken. Geef per persoon de juiste rollen, "
                "zoals {'Ria': ['initiator', 'gebruiker']}, of de naam van een casus: 'ebike' of 'zorginstelling'.")
    for case in ({}, pd.DataFrame({"deelnemer_id": [], "rol": []})):
        with pytest.raises(KlantDataError) as caught:
            check_roles(case, {"Ria": ["koper"]})
        assert str(caught.value) == expected


def test_check_roles_with_an_empty_assignment_misses_every_role_of_the_case():
    """An empty assignment is an answer (nothing ticked yet): every role of the story is missing, none wrong."""
    for nothing in ({}, pd.DataFrame({"deelnemer_id": [], "rol": []})):
        verdict = check_roles("ebike", nothing)
        assert list(verdict.index) == ["Ria", "Femke", "Daan", "Henk"]
        assert verdict["goed"].tolist() == verdict["fout"].tolist() == [[], [], [], []]
        assert verdict["ontbreekt"].tolist() == [["initiator", "beslisser", "gebruiker"], ["beïnvloeder"],
                                                 ["beïnvloeder"], ["beslisser", "koper"]]
        assert not verdict["in_orde"].any()
        assert verdict.loc["Ria", "hint"] == "Bij Ria ontbreken nog 3 rollen. Lees terug wat Ria in het verhaal doet."
        assert verdict.loc["Femke", "hint"] == ("Bij Femke ontbreekt nog één rol. Lees terug wat Femke in het "
                                                "verhaal doet.")


def test_an_id_column_blank_on_every_row_is_named_as_a_column(dmu):
    with pytest.raises(KlantDataError) as caught:
        dmu_summary(dmu.assign(beslissing_id=None))
    assert str(caught.value) == ("In de tabel is de kolom 'beslissing_id' helemaal leeg: geen enkele rij heeft een "
                                 "aankoop (beslissing). Vul de kolom in, of geef met decision=\"...\" de kolom die dat "
                                 "wel doet.")
    for call in (dmu_summary, jobs):
        with pytest.raises(KlantDataError) as caught:
            call(dmu.head(4).assign(deelnemer_id=" "))  # spaces only: blank too
        assert str(caught.value) == ("In de tabel is de kolom 'deelnemer_id' helemaal leeg: geen enkele rij heeft een "
                                     "deelnemer. Vul de kolom in, of geef met person=\"...\" de kolom die dat wel doet.")
    with pytest.raises(KlantDataError) as caught:
        role_matrix(pd.DataFrame({"deelnemer_id": [None, ""], "rol": ["koper", "initiator"]}))
    assert str(caught.value) == ("In de tabel is de kolom 'deelnemer_id' helemaal leeg: geen enkele rij heeft een "
                                 "persoon. Vul de kolom in.")


def test_a_blank_person_in_a_role_table_names_the_row_instead_of_a_person_called_nan():
    table = pd.DataFrame({"deelnemer_id": ["P1", ""], "rol": ["koper", "initiator"]}, index=pd.Index([2, 3], name="rij"))
    expected = ("In kolom 'deelnemer_id' staat op rij 3 geen persoon (bijvoorbeeld '' op rij 3). Vul bij elke rol de "
                "persoon in die hem heeft.")
    for call in (role_matrix, lambda t: check_roles({"P1": ["koper"]}, t)):
        with pytest.raises(KlantDataError) as caught:
            call(table)
        assert str(caught.value) == expected
    with pytest.raises(KlantDataError) as caught:
        jobs(table.assign(functie="inkoper").assign(deelnemer_id=["P1", "  "]))
    assert str(caught.value) == ("In kolom 'deelnemer_id' staat op rij 3 geen deelnemer (bijvoorbeeld '  ' op rij 3). "
                                 "Vul de cel in: elke rij hoort bij een persoon.")


def test_repeated_rows_count_once_with_a_warning_that_counts_them():
    rows = [("A", "new task", "P1", "koper"), ("A", "new task", "P1", "Koper"), ("A", "new task", "P2", "initiator"),
            ("A", "new task", "P1", "koper")]
    with pytest.warns(klantlib.KlantDataWarning) as caught:
        aankopen, _ = dmu_summary(_table(rows, index=[2, 3, 4, 5]))
    assert [str(w.message) for w in caught] == [
        "2 rijen herhalen een eerdere rij met dezelfde aankoop, persoon en rol (rijen 3 en 5); die tellen niet nog "
        "een keer mee."]
    assert aankopen.loc["A", ["deelnemers", "rollen", "meerdere_rollen", "koper", "initiator"]].tolist() == [2, 2, 0, 1, 1]


def test_dmu_sizes_reads_situations_by_the_text_rule_and_sizes_by_the_number_rule():
    own = pd.DataFrame({"koopsituatie": ["New Task", " straight rebuy", "new task"], "deelnemers": ["3", 1.0, "5"]})
    means, counts = dmu_sizes(own)
    assert means.to_dict() == {"new task": 4.0, "straight rebuy": 1.0}  # "New Task" was not left out
    assert counts.to_dict("list") == {"koopsituatie": ["new task", "new task", "straight rebuy"],
                                      "deelnemers": [3, 5, 1], "aankopen": [1, 1, 1]}
    rows = pd.Index([2, 3, 4], name="rij")
    with pytest.raises(KlantDataError) as caught:
        dmu_sizes(pd.DataFrame({"koopsituatie": ["new task", "nieuw", "new task"], "deelnemers": [3, 2, 4]}, index=rows))
    assert str(caught.value) == ("In kolom 'koopsituatie' staat op rij 3 een onbekende koopsituatie (bijvoorbeeld "
                                 "'nieuw' op rij 3). Kies uit: new task, modified rebuy, straight rebuy (de Engelse "
                                 "termen uit het boek).")
    with pytest.raises(KlantDataError) as caught:
        dmu_sizes(pd.DataFrame({"koopsituatie": ["new task"] * 3, "deelnemers": ["3", "2,5", 0]}, index=rows))
    assert str(caught.value) == ("In kolom 'deelnemers' staat op rijen 3 en 4 geen heel aantal personen vanaf 1 "
                                 "(bijvoorbeeld '2,5' op rij 3). Tel de personen per aankoop, of maak de tabel met "
                                 "dmu_summary(...).")


def test_ids_of_either_kind_index_the_results_as_the_id_rule_reads_them():
    """Whole-number ids or text: the results are indexed by klantlib.parsing.to_ids, whatever kind it returns."""
    from klantlib.parsing import to_ids

    table = pd.DataFrame({"beslissing_id": [12, 12, 7], "koopsituatie": ["new task"] * 2 + ["straight rebuy"],
                          "deelnemer_id": [1, 2, 1], "functie": ["inkoper", None, "directeur"],
                          "rol": ["koper", "initiator", "koper"]})
    aankopen, _ = dmu_summary(table)
    assert list(aankopen.index) == list(to_ids(pd.Series([12, 7])))  # in the order of the table
    assert aankopen["deelnemers"].tolist() == [2, 1]
    people = to_ids(pd.Series([1, 2]))
    assert list(role_matrix(table).index) == list(people)
    assert list(jobs(table).index) == [people[0]]  # participant 1's first job; 2 has none
    assert list(check_roles(table, table).index) == list(people)


# -- property: any filter of the shipped DMU data gives a summary or a Dutch "empty" message ------------------

_DMU = klantlib.load_dataset("dmu")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situations=st.sets(st.sampled_from(list(BUYCLASSES))), outcomes=st.sets(st.sampled_from(["gewonnen", "verloren"])),
       roles=st.sets(st.sampled_from(list(ROLES)), min_size=1), first=st.integers(0, 1100), size=st.integers(0, 300))
def test_any_filter_of_the_shipped_data_gives_a_summary_or_says_the_selection_is_empty(situations, outcomes, roles,
                                                                                       first, size):
    chosen = _DMU[_DMU["koopsituatie"].isin(situations) & _DMU["uitkomst"].isin(outcomes) & _DMU["rol"].isin(roles)]
    chosen = chosen.iloc[first:first + size]
    if chosen.empty:
        with pytest.raises(KlantDataError) as caught:
            dmu_summary(chosen)
        assert str(caught.value) == ("De selectie is leeg: in de tabel staat geen enkele rij, dus zijn er geen "
                                     "aankopen om samen te vatten. Heb je gefilterd (bijvoorbeeld op 'beslissing_id' "
                                     f"of 'koopsituatie')? {_EMPTY_END}")
        return
    aankopen, situaties = dmu_summary(chosen)
    assert list(aankopen.index) == list(dict.fromkeys(chosen["beslissing_id"]))
    by_hand = chosen.groupby("beslissing_id", observed=True)["deelnemer_id"].nunique()
    assert aankopen["deelnemers"].to_dict() == by_hand.to_dict()
    assert (aankopen["meerdere_rollen"] <= aankopen["deelnemers"]).all() and aankopen["rollen"].between(1, 6).all()
    assert int(situaties["aankopen"].sum()) == len(aankopen)
    assert set(situaties.index) == set(chosen["koopsituatie"].astype("str"))
