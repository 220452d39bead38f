"""Saved widget answers: they survive a kernel restart, and a broken file is kept, never lost."""

from __future__ import annotations

import json
import warnings

import matplotlib
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")

from klantlib.answers import AnswerFileError, AnswerStore  # noqa: E402
from klantlib.errors import KlantDataError, KlantDataWarning  # noqa: E402
from klantlib.servqual import E_COLUMNS, P_COLUMNS, WEIGHT_COLUMNS, servqual_score, summary  # noqa: E402
from klantlib.views._widgets import find_widget  # noqa: E402
from klantlib.views.servqual import (  # noqa: E402
    ANSWER_KEYS,
    points_status,
    servqual_widget,
    valid_answer,
    widget_scores,
)


def validate(key, value):
    return valid_answer(key, value)


def files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_answers_survive_a_restart(tmp_path):
    store = AnswerStore("servqual", folder=tmp_path, validate=validate)
    store.set("E1", 6)
    store.update({"P1": 4, "organisatie": "De bieb"})
    del store  # the kernel restarts: nothing in memory, only the file
    again = AnswerStore("servqual", folder=tmp_path, validate=validate)
    assert again.answers == {"E1": 6, "P1": 4, "organisatie": "De bieb"}
    assert again.message == ""
    again.set("E1", None)  # removing an answer is saved too
    assert AnswerStore("servqual", folder=tmp_path).answers == {"P1": 4, "organisatie": "De bieb"}


def test_saving_is_atomic_and_leaves_no_temp_files(tmp_path, monkeypatch):
    store = AnswerStore("servqual", folder=tmp_path)
    for i in range(1, 23):
        store.set(f"E{i}", 5)
    assert files(tmp_path) == ["servqual.json"]
    data = json.loads((tmp_path / "servqual.json").read_text(encoding="utf-8"))
    assert data["vragenlijst"] == "servqual" and data["antwoorden"]["E22"] == 5

    # A crash halfway through writing leaves the old file as it was.
    import klantlib.answers as answers_module

    def broken_replace(src, dst):
        raise OSError("schijf vol")

    monkeypatch.setattr(answers_module.os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.set("P1", 3)
    monkeypatch.undo()
    assert files(tmp_path) == ["servqual.json"]
    assert "P1" not in AnswerStore("servqual", folder=tmp_path).answers


@pytest.mark.parametrize(
    "content, why",
    [
        ('{"vragenlijst": "servqual", "versie": 1, "antwoorden": {"E1": 6, "E2"', "half opgeslagen"),  # truncated
        ("{dit is geen json", "beschadigd"),  # corrupt
        ("", "leeg"),  # empty
        ('["E1", 6]', "niet de vorm"),  # wrong structure
        ('{"vragenlijst": "servqual", "antwoorden": [1, 2]}', "niet de vorm"),
        ('{"vragenlijst": "rfm_zelfscan", "versie": 1, "antwoorden": {"E1": 6}}', "andere vragenlijst"),
    ],
)
def test_unreadable_file_is_reported_kept_aside_and_start_empty(tmp_path, content, why):
    path = tmp_path / "servqual.json"
    path.write_text(content, encoding="utf-8")
    with pytest.warns(KlantDataWarning, match=why) as caught:
        store = AnswerStore("servqual", folder=tmp_path, validate=validate)
    assert store.answers == {}
    assert why in store.message and "kapot-1" in store.message and "begint leeg" in str(caught[0].message)
    backup = tmp_path / "servqual.kapot-1.json"
    assert backup.read_text(encoding="utf-8") == content  # kept byte for byte
    store.set("E1", 7)  # saving afterwards never touches the backup
    assert backup.read_text(encoding="utf-8") == content
    assert AnswerStore("servqual", folder=tmp_path).answers == {"E1": 7}


def test_backups_are_never_overwritten(tmp_path):
    path = tmp_path / "servqual.json"
    for n, content in enumerate(["kapot een", "kapot twee", "kapot drie"], start=1):
        path.write_text(content, encoding="utf-8")
        with pytest.warns(KlantDataWarning):
            AnswerStore("servqual", folder=tmp_path)
        assert (tmp_path / f"servqual.kapot-{n}.json").read_text(encoding="utf-8") == content
    assert files(tmp_path) == ["servqual.kapot-1.json", "servqual.kapot-2.json", "servqual.kapot-3.json"]


def test_wrong_types_are_left_out_and_the_original_kept(tmp_path):
    path = tmp_path / "servqual.json"
    original = json.dumps({"vragenlijst": "servqual", "versie": 1,
                           "antwoorden": {"E1": 6, "E2": "vijf", "E3": 9, "P1": [4], "P2": 3, "E4": True}})
    path.write_text(original, encoding="utf-8")
    with pytest.warns(KlantDataWarning, match="4 opgeslagen antwoorden in .* waren ongeldig en zijn weggelaten: E2, E3, P1 en E4"):
        store = AnswerStore("servqual", folder=tmp_path, validate=validate)
    assert store.answers == {"E1": 6, "P2": 3}
    assert (tmp_path / "servqual.kapot-1.json").read_text(encoding="utf-8") == original


def test_only_scalars_can_be_stored(tmp_path):
    store = AnswerStore("demo", folder=tmp_path)
    with pytest.raises(TypeError, match="tekst, een getal of leeg"):
        store.set("E1", [6])


def test_clear_keeps_a_copy(tmp_path):
    store = AnswerStore("demo", folder=tmp_path)
    store.set("E1", 6)
    store.clear()
    assert AnswerStore("demo", folder=tmp_path).answers == {}
    assert json.loads((tmp_path / "demo.kapot-1.json").read_text())["antwoorden"] == {"E1": 6}


def test_bad_name():
    with pytest.raises(ValueError):
        AnswerStore("../weg")


def test_export_csv_can_be_scored(tmp_path):
    store = AnswerStore("servqual", folder=tmp_path, order=ANSWER_KEYS)
    store.update({"organisatie": "Bieb", **{c: 6 for c in E_COLUMNS}, **{c: 5 for c in P_COLUMNS},
                  **{c: 20 for c in WEIGHT_COLUMNS}})
    store.set("P3", None)
    path = store.to_csv(columns=ANSWER_KEYS)
    assert path == tmp_path / "servqual.csv"
    frame = pd.read_csv(path)
    assert list(frame.columns) == list(ANSWER_KEYS)
    assert frame.loc[0, "organisatie"] == "Bieb" and pd.isna(frame.loc[0, "P3"])
    assert servqual_score(frame, weighted=True).iloc[0].tolist() == [-1.0, 21]


def test_default_folder_is_relative_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    AnswerStore("demo").set("x", 1)
    assert (tmp_path / "mijn_antwoorden" / "demo.json").exists()


# -- the widget's logic and wiring -----------------------------------------------------------------

def test_points_status_messages():
    assert points_status({})[0] == 100
    assert points_status({c: 20 for c in WEIGHT_COLUMNS}) == (0, "De 100 punten zijn verdeeld.")
    remaining, text = points_status({"W_zekerheid": 70, "W_tastbaarheden": 40})
    assert remaining == -10 and "10 punten te veel" in text and "100" in text


def test_widget_scores_plain_function():
    from klantlib.servqual import example_survey

    reference = summary(example_survey())
    answers = {**{c: 6 for c in E_COLUMNS}, **{c: 4 for c in P_COLUMNS}, "E1": 8}  # E1 out of range
    scores = widget_scores(answers, reference)
    assert list(scores.index)[0] == "tastbaarheden"
    assert scores["jouw_gap"].tolist() == [-2.0] * 5
    assert scores["items"].tolist() == [3, 5, 4, 4, 5]
    assert scores["enquete_gap"].tolist() == reference["gap"].tolist()
    assert widget_scores({})["jouw_gap"].isna().all()




def test_widget_saves_restores_and_redraws(tmp_path):
    from klantlib.servqual import example_survey

    box = servqual_widget(example_survey(), folder=tmp_path)
    for css in ["klant-organisatie", "klant-E1", "klant-P22", "klant-W_zekerheid", "klant-punten-rest",
                "klant-uitkomst", "klant-figuur", "klant-export", "klant-melding"]:
        assert find_widget(box, css) is not None, css
    assert "Nog 100 punten" in find_widget(box, "klant-punten-rest").value
    find_widget(box, "klant-organisatie").value = "De bieb"
    find_widget(box, "klant-E1").value = 7
    find_widget(box, "klant-P1").value = 4
    find_widget(box, "klant-W_zekerheid").value = 90
    assert "-3,00" in find_widget(box, "klant-uitkomst").value and "op 1 van de 22" in find_widget(box, "klant-uitkomst").value
    assert "Nog 10 punten" in find_widget(box, "klant-punten-rest").value
    assert "E1" in find_widget(box, "klant-E1").description and find_widget(box, "klant-W_zekerheid").description == "Zekerheid"

    # Kernel restart: a new widget on the same folder shows the same answers.
    again = servqual_widget(example_survey(), folder=tmp_path)
    assert find_widget(again, "klant-organisatie").value == "De bieb"
    assert (find_widget(again, "klant-E1").value, find_widget(again, "klant-P1").value) == (7, 4)
    assert find_widget(again, "klant-W_zekerheid").value == 90
    assert find_widget(again, "klant-melding").value == ""

    find_widget(again, "klant-export").click()
    assert (tmp_path / "servqual.csv").exists() and "servqual.csv" in find_widget(again, "klant-melding").value


def test_widget_with_broken_file_starts_empty_and_says_so(tmp_path):
    (tmp_path / "servqual.json").write_text('{"vragenlijst": "servqual", "antw', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        box = servqual_widget(None, folder=tmp_path)
    empty = find_widget(box, "klant-E1")
    assert empty.label == "–" and empty.index == 0  # the list shows "no answer", not an empty box
    assert "kapot-1" in find_widget(box, "klant-melding").value
    assert (tmp_path / "servqual.kapot-1.json").exists()


def test_widget_reuses_one_figure(tmp_path):
    import matplotlib.pyplot as plt

    box = servqual_widget(None, folder=tmp_path)
    before = plt.get_fignums()
    for value in (1, 2, 3, 4):
        find_widget(box, "klant-E2").value = value
    assert plt.get_fignums() == before


# -- saving can fail: never silently, nothing lost (issue 7) ----------------------------------------

def answers_in(path):
    return json.loads(path.read_text(encoding="utf-8"))["antwoorden"]


@pytest.mark.parametrize("folder", ["antwoorden", "antwoorden/servqual"])
def test_folder_that_is_a_file_is_reported_and_nothing_is_lost(tmp_path, folder):
    blocker = tmp_path / "antwoorden"
    blocker.write_text("een bestand, geen map", encoding="utf-8")
    path = tmp_path / folder / "servqual.json"
    with pytest.warns(KlantDataWarning, match="is een bestand, geen map"):
        store = AnswerStore("servqual", folder=tmp_path / folder)
    assert store.message == (
        f"Je antwoorden in '{path}' konden niet worden gelezen: '{blocker}' is een bestand, geen map. "
        'Hernoem of verwijder dat bestand, of kies een andere map, bijvoorbeeld met folder="antwoorden_2". '
        "De vragenlijst begint leeg, en je antwoorden worden pas opgeslagen als dit is opgelost.")
    assert store.answers == {} and store.saved

    with pytest.raises(AnswerFileError) as caught:
        store.set("E1", 6)
    assert str(caught.value) == (
        f"Je antwoorden zijn NIET opgeslagen in '{path}': '{blocker}' is een bestand, geen map. "
        'Hernoem of verwijder dat bestand, of kies een andere map, bijvoorbeeld met folder="antwoorden_2". '
        "Je antwoorden staan nog in het geheugen en worden opgeslagen bij de volgende wijziging, zodra dit is "
        "opgelost; herstart de kernel niet voor die tijd.")
    assert isinstance(caught.value, KlantDataError) and isinstance(caught.value, ValueError)
    assert type(caught.value.__cause__) is NotADirectoryError
    assert store.message == str(caught.value)
    assert store.saved is False and store.answers == {"E1": 6}  # kept in memory
    assert blocker.read_text(encoding="utf-8") == "een bestand, geen map"  # untouched

    blocker.unlink()  # the student removes the file: the next change saves everything
    store.set("P1", 4)
    assert store.saved is True and store.message == ""
    assert answers_in(path) == {"E1": 6, "P1": 4}


def test_folder_without_write_permission(tmp_path, monkeypatch):
    import klantlib.answers as answers_module

    store = AnswerStore("servqual", folder=tmp_path)
    store.set("E1", 6)
    before = (tmp_path / "servqual.json").read_bytes()

    def no_permission(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(answers_module.tempfile, "mkstemp", no_permission)
    with pytest.raises(AnswerFileError) as caught:
        store.set("P1", 4)
    assert str(caught.value).startswith(
        f"Je antwoorden zijn NIET opgeslagen in '{tmp_path / 'servqual.json'}': je hebt geen toestemming om te "
        f"schrijven in de map '{tmp_path}' (of het bestand is alleen-lezen of geopend in een ander programma). "
        'Kies een map waarin je mag schrijven, bijvoorbeeld met folder="antwoorden_2"')
    assert type(caught.value.__cause__) is PermissionError
    assert store.saved is False and store.answers == {"E1": 6, "P1": 4}
    assert (tmp_path / "servqual.json").read_bytes() == before
    assert files(tmp_path) == ["servqual.json"]

    monkeypatch.undo()  # permission given: save() (or any next change) writes all answers
    store.save()
    assert store.saved is True and store.message == ""
    assert AnswerStore("servqual", folder=tmp_path).answers == {"E1": 6, "P1": 4}


def test_failing_replace_leaves_no_temp_file_and_the_old_file_intact(tmp_path, monkeypatch):
    import klantlib.answers as answers_module

    store = AnswerStore("servqual", folder=tmp_path)
    store.update({"E1": 6, "E2": 5})
    before = (tmp_path / "servqual.json").read_bytes()
    calls = []

    def locked(src, dst):
        calls.append((src, dst))
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(answers_module.os, "replace", locked)
    with pytest.raises(AnswerFileError, match="NIET opgeslagen.*geopend in een ander programma"):
        store.set("E1", 7)
    monkeypatch.undo()
    assert len(calls) == 1 and calls[0][1] == tmp_path / "servqual.json"
    assert files(tmp_path) == ["servqual.json"]  # the temporary file is gone
    assert (tmp_path / "servqual.json").read_bytes() == before
    assert store.answers == {"E1": 7, "E2": 5} and store.saved is False
    store.set("E3", 4)
    assert store.saved is True
    assert AnswerStore("servqual", folder=tmp_path).answers == {"E1": 7, "E2": 5, "E3": 4}


def test_export_failing(tmp_path):
    store = AnswerStore("servqual", folder=tmp_path)
    store.set("E1", 6)
    (tmp_path / "servqual.csv").mkdir()  # a folder where the CSV should go
    with pytest.raises(AnswerFileError) as caught:
        store.to_csv()
    assert str(caught.value) == (
        f"Je antwoorden zijn NIET geëxporteerd naar '{tmp_path / 'servqual.csv'}': "
        f"'{tmp_path / 'servqual.csv'}' is een map, geen bestand. Hernoem of verwijder die map, "
        'of kies een andere map, bijvoorbeeld met folder="antwoorden_2".')
    assert type(caught.value.__cause__) is IsADirectoryError
    (tmp_path / "blok").write_text("x", encoding="utf-8")
    with pytest.raises(AnswerFileError, match=r"NIET geëxporteerd .*'.*blok' is een bestand, geen map"):
        store.to_csv(tmp_path / "blok" / "uit.csv")
    # The answers file is fine: saved and message are about that file and don't change.
    assert store.saved is True and store.message == ""
    assert files(tmp_path) == ["blok", "servqual.csv", "servqual.json"]
    assert list((tmp_path / "servqual.csv").iterdir()) == []


def test_clear_failing(tmp_path, monkeypatch):
    import klantlib.answers as answers_module

    store = AnswerStore("demo", folder=tmp_path)
    store.set("E1", 6)

    def no_copy(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(answers_module, "open", no_copy, raising=False)  # the backup copy can't be made
    with pytest.raises(AnswerFileError, match="^Je antwoorden zijn NIET gewist: van '.*demo.json' kon geen "
                                              "reservekopie worden gemaakt: je hebt geen toestemming"):
        store.clear()
    monkeypatch.undo()
    assert store.answers == {"E1": 6} and store.saved is True  # nothing cleared
    assert files(tmp_path) == ["demo.json"]

    monkeypatch.setattr(answers_module.os, "replace", no_copy)  # the copy works, writing doesn't
    with pytest.raises(AnswerFileError, match="NIET opgeslagen"):
        store.clear()
    monkeypatch.undo()
    assert store.answers == {} and store.saved is False
    assert answers_in(tmp_path / "demo.json") == {"E1": 6}
    assert answers_in(tmp_path / "demo.kapot-1.json") == {"E1": 6}
    store.save()
    assert store.saved is True and answers_in(tmp_path / "demo.json") == {}


def test_unreadable_file_is_reported_never_overwritten_and_comes_back(tmp_path, monkeypatch):
    path = tmp_path / "servqual.json"
    AnswerStore("servqual", folder=tmp_path).update({"E1": 6, "E2": 5})
    before = path.read_bytes()
    real_read_bytes = type(path).read_bytes

    def unreadable(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(type(path), "read_bytes", unreadable)
    with pytest.warns(KlantDataWarning, match="geen leesrechten"):
        store = AnswerStore("servqual", folder=tmp_path)
    assert store.answers == {}
    assert store.message.startswith(f"Je antwoorden in '{path}' konden niet worden gelezen: "
                                    "je hebt er geen leesrechten op. Geef jezelf leesrechten op het bestand")
    with pytest.raises(AnswerFileError) as caught:
        store.set("P1", 4)
    assert str(caught.value).startswith(
        f"Je antwoorden zijn NIET opgeslagen in '{path}': het bestand dat er al staat is niet te lezen: "
        "je hebt er geen leesrechten op; daarom wordt het niet overschreven.")
    monkeypatch.undo()
    assert path.read_bytes() == before and files(tmp_path) == ["servqual.json"]

    # Readable again: the old answers are merged back, the new one kept
    with pytest.warns(KlantDataWarning, match="Overgenomen van de andere kant: E1 en E2"):
        store.set("P2", 3)
    assert store.answers == {"E1": 6, "E2": 5, "P1": 4, "P2": 3}
    assert AnswerStore("servqual", folder=tmp_path).answers == store.answers


def test_answers_file_that_is_a_folder(tmp_path):
    (tmp_path / "servqual.json").mkdir()
    with pytest.warns(KlantDataWarning, match="is een map, geen bestand"):
        store = AnswerStore("servqual", folder=tmp_path)
    with pytest.raises(AnswerFileError, match="^Je antwoorden zijn NIET opgeslagen in '.*servqual.json': "
                                              "'.*servqual.json' is een map, geen bestand. Hernoem of verwijder"):
        store.set("E1", 6)
    assert store.answers == {"E1": 6} and files(tmp_path) == ["servqual.json"]


def test_broken_file_that_cant_be_backed_up_is_reported_and_not_overwritten(tmp_path, monkeypatch):
    import klantlib.answers as answers_module

    path = tmp_path / "servqual.json"
    path.write_text("{kapot", encoding="utf-8")

    def no_copy(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(answers_module, "open", no_copy, raising=False)
    with pytest.warns(KlantDataWarning, match="er kon geen reservekopie van worden gemaakt"):
        store = AnswerStore("servqual", folder=tmp_path)  # creating it doesn't fail
    assert store.answers == {} and "Het bestand blijft staan zoals het is" in store.message
    with pytest.raises(AnswerFileError, match="^Je antwoorden zijn NIET opgeslagen"):
        store.set("E1", 6)
    assert path.read_text(encoding="utf-8") == "{kapot" and files(tmp_path) == ["servqual.json"]
    monkeypatch.undo()
    with pytest.warns(KlantDataWarning, match="was intussen niet meer te gebruiken"):
        store.set("E2", 5)  # now the copy can be made: then the file is replaced
    assert (tmp_path / "servqual.kapot-1.json").read_text(encoding="utf-8") == "{kapot"
    assert answers_in(path) == {"E1": 6, "E2": 5} and store.saved is True


# -- two writers on one file ------------------------------------------------------------------------

def test_two_stores_on_one_file_keep_both_answers(tmp_path):
    a = AnswerStore("servqual", folder=tmp_path)
    b = AnswerStore("servqual", folder=tmp_path)  # the same cell in a second tab
    a.set("E1", 6)
    with pytest.warns(KlantDataWarning, match="Ze zijn samengevoegd") as caught:
        b.set("P1", 4)
    assert b.answers == {"E1": 6, "P1": 4}  # memory reflects the merge
    assert b.message == str(caught[0].message) == (
        f"Je antwoorden in '{tmp_path / 'servqual.json'}' zijn intussen ook ergens anders gewijzigd "
        "(in een tweede tabblad, of door een cel die nog eens is uitgevoerd). Ze zijn samengevoegd. "
        "Overgenomen van de andere kant: E1. Vul de vragenlijst op één plek tegelijk in.")
    assert b.saved is True and b.backup is None
    assert files(tmp_path) == ["servqual.json"]  # no disagreement, no copy
    assert AnswerStore("servqual", folder=tmp_path).answers == {"E1": 6, "P1": 4}


def test_same_answer_changed_in_two_stores_latest_wins_other_kept(tmp_path):
    a = AnswerStore("servqual", folder=tmp_path)
    b = AnswerStore("servqual", folder=tmp_path)
    a.update({"E1": 6, "organisatie": "De bieb"})
    with pytest.warns(KlantDataWarning, match="je laatste keuze telt"):
        b.update({"E1": 3, "organisatie": "Bieb"})
    assert b.answers == {"E1": 3, "organisatie": "Bieb"}
    assert answers_in(tmp_path / "servqual.json") == {"E1": 3, "organisatie": "Bieb"}
    conflict = tmp_path / "servqual.conflict-1.json"
    assert b.backup == conflict and answers_in(conflict) == {"E1": 6, "organisatie": "De bieb"}
    assert ("Bij 2 antwoorden verschilden ze (E1: hier 3, daar 6; organisatie: hier “Bieb”, daar “De bieb”); "
            f"je laatste keuze telt. De andere versie is bewaard als '{conflict}'.") in b.message

    # a changes something else: it takes over b's E1 (a didn't change E1 since), no new copy.
    with pytest.warns(KlantDataWarning, match="Overgenomen van de andere kant: E1 en organisatie\\. "):
        a.set("P1", 5)
    assert a.answers == {"E1": 3, "organisatie": "Bieb", "P1": 5}
    assert files(tmp_path) == ["servqual.conflict-1.json", "servqual.json"]


def test_store_created_before_another_wrote_and_a_third_reads_the_merge(tmp_path):
    a = AnswerStore("servqual", folder=tmp_path, validate=validate)
    a.update({"E1": 6, "E2": 5})
    b = AnswerStore("servqual", folder=tmp_path, validate=validate)  # sees E1, E2
    b.update({"E2": None, "P1": 4})  # removes E2
    a.set("P2", 3)  # a takes over b's removal and addition
    assert a.answers == {"E1": 6, "P1": 4, "P2": 3}
    c = AnswerStore("servqual", folder=tmp_path, validate=validate)
    assert c.answers == {"E1": 6, "P1": 4, "P2": 3} and c.message == ""
    assert files(tmp_path) == ["servqual.json"]


def test_unsaved_changes_win_when_saved_later(tmp_path, monkeypatch):
    import klantlib.answers as answers_module

    a = AnswerStore("servqual", folder=tmp_path)
    a.set("E1", 6)

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(answers_module.os, "replace", broken)
    with pytest.raises(AnswerFileError, match="de schijf is vol. Maak ruimte vrij"):
        a.set("E1", 7)
    monkeypatch.undo()
    AnswerStore("servqual", folder=tmp_path).update({"E1": 2, "P1": 1})  # another tab, meanwhile
    a.save()  # a's unsaved E1 is its latest choice; P1 is taken over
    assert a.answers == {"E1": 7, "P1": 1} and a.saved is True
    assert answers_in(tmp_path / "servqual.conflict-1.json") == {"E1": 2, "P1": 1}
    assert "E1: hier 7, daar 2" in a.message


def test_file_broken_by_someone_else_between_saves(tmp_path):
    store = AnswerStore("servqual", folder=tmp_path)
    store.set("E1", 6)
    (tmp_path / "servqual.json").write_text("{kapot", encoding="utf-8")
    with pytest.warns(KlantDataWarning, match="was intussen niet meer te gebruiken"):
        store.set("P1", 4)
    assert (tmp_path / "servqual.kapot-1.json").read_text(encoding="utf-8") == "{kapot"
    assert answers_in(tmp_path / "servqual.json") == {"E1": 6, "P1": 4}


# -- the widget shows it ----------------------------------------------------------------------------

def test_widget_says_answers_are_not_saved_until_the_folder_is_fixed(tmp_path):
    folder = tmp_path / "antwoorden"
    folder.write_text("een bestand, geen map", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        box = servqual_widget(None, folder=folder)  # creating it doesn't fail
    melding = find_widget(box, "klant-melding")
    assert melding.value.startswith("<i>Je antwoorden in ") and f"'{folder}' is een bestand, geen map" in melding.value

    find_widget(box, "klant-E1").value = 6  # no exception escapes the callback
    assert melding.value.startswith('<b style="color:#b00020">Je antwoorden zijn NIET opgeslagen in ')
    assert f"'{folder}' is een bestand, geen map. Hernoem of verwijder dat bestand" in melding.value
    assert find_widget(box, "klant-E1").value == 6

    folder.unlink()  # fixed: the next change saves everything and clears the message
    find_widget(box, "klant-P1").value = 4
    assert melding.value == ""
    assert answers_in(folder / "servqual.json") == {"E1": 6, "P1": 4}


def test_widget_export_failing_is_shown(tmp_path):
    box = servqual_widget(None, folder=tmp_path)
    find_widget(box, "klant-E1").value = 6
    (tmp_path / "servqual.csv").mkdir()
    find_widget(box, "klant-export").click()
    assert find_widget(box, "klant-melding").value.startswith(
        '<b style="color:#b00020">Je antwoorden zijn NIET geëxporteerd naar ')
    assert "is een map, geen bestand" in find_widget(box, "klant-melding").value


def test_two_widgets_on_one_file_merge_and_show_it(tmp_path):
    first = servqual_widget(None, folder=tmp_path)
    second = servqual_widget(None, folder=tmp_path)  # the cell run again, or a second tab
    find_widget(first, "klant-E1").value = 6
    find_widget(first, "klant-organisatie").value = "De bieb"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        find_widget(second, "klant-P1").value = 4
    melding = find_widget(second, "klant-melding").value
    assert melding.startswith("<i>Je antwoorden in ") and "Ze zijn samengevoegd" in melding
    assert "Overgenomen van de andere kant: organisatie en E1." in melding
    # The second widget shows the merged answers, and its figure and score use them.
    assert find_widget(second, "klant-E1").value == 6 and find_widget(second, "klant-organisatie").value == "De bieb"
    assert "SERVQUAL-score van De bieb: ongewogen <b>-2,00</b>" in find_widget(second, "klant-uitkomst").value
    assert answers_in(tmp_path / "servqual.json") == {"organisatie": "De bieb", "E1": 6, "P1": 4}
    assert files(tmp_path) == ["servqual.json"]

    find_widget(second, "klant-P2").value = 5  # nothing new from elsewhere: the message goes
    assert find_widget(second, "klant-melding").value == ""


# -- what an answer can be: half an emoji, numbers from a DataFrame (issue 18) ----------------------

def _written(text):
    """The documented replacement, written out independently: a surrogate pair becomes its character,
    every other surrogate U+FFFD."""
    import re

    def pair(match):
        high, low = match[0]
        return chr(0x10000 + (ord(high) - 0xD800) * 0x400 + ord(low) - 0xDC00)

    text = re.sub("[\ud800-\udbff][\udc00-\udfff]", pair, text)
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def test_half_an_emoji_is_saved_and_later_answers_are_too(tmp_path):
    store = AnswerStore("servqual", folder=tmp_path)
    store.set("organisatie", "De bieb \ud83d")  # half an emoji, as a browser paste can deliver
    assert store.saved is True and store.message == ""
    assert store.answers == {"organisatie": "De bieb \ufffd"}  # memory shows what the file holds
    store.set("E1", 6)  # the store keeps saving
    store.update({"P1": 4, "opmerking": "top \ud83d\ude00"})  # two halves that belong together: one emoji
    assert store.saved is True
    raw = (tmp_path / "servqual.json").read_bytes()
    raw.decode("utf-8")  # the file is plain UTF-8
    assert AnswerStore("servqual", folder=tmp_path).answers == {
        "organisatie": "De bieb \ufffd", "E1": 6, "P1": 4, "opmerking": "top \U0001f600"}
    assert files(tmp_path) == ["servqual.json"]


def test_half_an_emoji_written_by_another_program_does_not_stop_saving(tmp_path):
    path = tmp_path / "servqual.json"
    path.write_text('{"vragenlijst": "servqual", "versie": 1, "antwoorden": {"organisatie": "Bieb \\ud83d"}}',
                    encoding="utf-8")  # valid JSON: the escape stands for a lone surrogate
    store = AnswerStore("servqual", folder=tmp_path)
    assert store.answers == {"organisatie": "Bieb \ufffd"} and store.message == ""
    store.set("E1", 6)
    assert answers_in(path) == {"organisatie": "Bieb \ufffd", "E1": 6}


def test_numbers_from_a_dataframe_row_are_kept_as_their_python_value(tmp_path):
    import numpy as np

    df = pd.DataFrame({"E1": [3], "E2": [2.5], "akkoord": [True], "P1": [np.nan],
                       "P2": pd.array([None], dtype="Int64"), "organisatie": ["Bieb"]})
    row = df.iloc[0]
    assert type(row["E1"]) is np.int64 and type(row["akkoord"]) is np.bool_  # what the store is given
    store = AnswerStore("servqual", folder=tmp_path)
    store.update({"P1": 5, "P2": 6})
    store.update({key: row[key] for key in df.columns})  # NaN and <NA> are blanks: P1 and P2 go
    assert store.answers == {"E1": 3, "E2": 2.5, "akkoord": True, "organisatie": "Bieb"}
    assert [type(v) for v in store.answers.values()] == [int, float, bool, str]
    assert answers_in(tmp_path / "servqual.json") == {"E1": 3, "E2": 2.5, "akkoord": True, "organisatie": "Bieb"}
    store.set("E3", df["E1"].iloc[0])  # a cell of a column, too
    assert store.get("E3") == 3 and type(store.get("E3")) is int

    # Plain values in memory, so another tab's store sees no "change" where there is none.
    other = AnswerStore("servqual", folder=tmp_path)
    other.set("E4", np.int64(2))
    store.set("E5", np.float64(1.0))
    assert store.message == "Je antwoorden in '{}' zijn intussen ook ergens anders gewijzigd (in een tweede " \
        "tabblad, of door een cel die nog eens is uitgevoerd). Ze zijn samengevoegd. Overgenomen van de andere " \
        "kant: E4. Vul de vragenlijst op één plek tegelijk in.".format(tmp_path / "servqual.json")
    assert answers_in(tmp_path / "servqual.json") == {"E1": 3, "E2": 2.5, "akkoord": True, "organisatie": "Bieb",
                                                      "E3": 3, "E4": 2, "E5": 1.0}


def test_what_is_no_answer_is_refused_in_dutch_and_nothing_changes(tmp_path):
    store = AnswerStore("demo", folder=tmp_path)
    store.set("E1", 6)
    with pytest.raises(TypeError) as caught:
        store.update({"E2": 5, "E3": [6]})
    assert str(caught.value) == "Antwoord op 'E3' moet tekst, een getal of leeg zijn, niet list."
    with pytest.raises(TypeError) as caught:
        store.update({"E2": 5, 7: 6})
    assert str(caught.value) == "De naam van een antwoord moet tekst zijn, niet 7."
    assert store.answers == {"E1": 6} and answers_in(tmp_path / "demo.json") == {"E1": 6}
    with pytest.raises(ValueError, match="Ongeldige naam"):
        AnswerStore("demo\ud83d", folder=tmp_path)


#: Any text, surrogates included. st.text(st.characters(blacklist_categories=())) alone rarely draws one
#: (1 in 200 texts here), so half the characters come from the surrogates: halves of emoji and whole pairs.
ANY_TEXT = st.lists(st.one_of(st.characters(blacklist_categories=()), st.characters(categories=["Cs"]))).map("".join)


@settings(deadline=None, max_examples=50)
@given(text=ANY_TEXT, key=ANY_TEXT.filter(bool))
def test_any_text_comes_back_as_written_and_the_store_keeps_saving(text, key):
    import tempfile

    assume(_written(key) != "E1")
    with tempfile.TemporaryDirectory() as folder:
        store = AnswerStore("demo", folder=folder)
        store.set(key, text)
        store.set("E1", 6)
        again = AnswerStore("demo", folder=folder)
        assert again.answers == {_written(key): _written(text), "E1": 6} == store.answers
        assert again.message == "" and store.saved is True
        if text == _written(text):
            assert again.get(_written(key)) == text  # text without half an emoji comes back exactly


@settings(deadline=None, max_examples=50)
@given(value=st.one_of(st.integers(-2**63, 2**63 - 1), st.floats(allow_infinity=False), st.booleans()))
def test_any_number_from_a_dataframe_comes_back_as_its_python_value(value):
    import math
    import tempfile

    cell = pd.DataFrame({"x": [value]}).iloc[0]["x"]  # a numpy scalar
    with tempfile.TemporaryDirectory() as folder:
        store = AnswerStore("demo", folder=folder)
        store.update({"x": cell, "E1": 6})
        back = AnswerStore("demo", folder=folder).answers
        if isinstance(value, float) and math.isnan(value):
            assert back == {"E1": 6}  # a blank cell is a blank answer
        else:
            assert back == {"x": value, "E1": 6} and type(back["x"]) is type(value)


# -- the widget: a failed save says so, loses nothing, and the next change saves all -----------------

def test_widget_with_a_failing_write_says_so_and_the_next_change_saves_everything(tmp_path, monkeypatch):
    import klantlib.answers as answers_module

    box = servqual_widget(None, folder=tmp_path)
    melding = find_widget(box, "klant-melding")
    find_widget(box, "klant-E1").value = 6

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(answers_module.os, "replace", disk_full)
    find_widget(box, "klant-E2").value = 5  # no exception escapes the callback
    path = tmp_path / "servqual.json"
    assert melding.value == (
        f'<b style="color:#b00020">Je antwoorden zijn NIET opgeslagen in \'{path}\': de schijf is vol. Maak '
        'ruimte vrij, of kies een andere map, bijvoorbeeld met folder="antwoorden_2". Je antwoorden staan nog in '
        "het geheugen en worden opgeslagen bij de volgende wijziging, zodra dit is opgelost; herstart de kernel "
        "niet voor die tijd.</b>")
    assert find_widget(box, "klant-E2").value == 5 and answers_in(path) == {"E1": 6}
    assert files(tmp_path) == ["servqual.json"]  # no temporary file left behind

    monkeypatch.undo()  # room again: the next change saves both
    find_widget(box, "klant-P1").value = 4
    assert melding.value == ""
    assert answers_in(path) == {"E1": 6, "E2": 5, "P1": 4}


def test_widget_saves_a_name_with_half_an_emoji_and_shows_what_was_saved(tmp_path):
    box = servqual_widget(None, folder=tmp_path)
    name = find_widget(box, "klant-organisatie")
    name.value = "De bieb \ud83d"
    melding = find_widget(box, "klant-melding")
    assert melding.value == ""
    assert name.value == "De bieb \ufffd"  # the field shows the text as saved
    find_widget(box, "klant-E1").value = 6  # and later answers are saved too
    assert melding.value == ""
    assert answers_in(tmp_path / "servqual.json") == {"organisatie": "De bieb \ufffd", "E1": 6}
