"""Saved widget answers: they survive a kernel restart, and a broken file is kept, never lost."""

from __future__ import annotations

import json
import warnings

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from klantlib.answers import AnswerStore  # noqa: E402
from klantlib.errors import KlantDataWarning  # noqa: E402
from klantlib.servqual import E_COLUMNS, P_COLUMNS, WEIGHT_COLUMNS, servqual_score, summary  # noqa: E402
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
    with pytest.warns(KlantDataWarning, match="4 opgeslagen antwoord\\(en\\).*E2, E3, P1, E4"):
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


def find(widget, css_class):
    if css_class in getattr(widget, "_dom_classes", ()):
        return widget
    for child in getattr(widget, "children", ()):
        found = find(child, css_class)
        if found is not None:
            return found
    return None


def test_widget_saves_restores_and_redraws(tmp_path):
    from klantlib.servqual import example_survey

    box = servqual_widget(example_survey(), folder=tmp_path)
    for css in ["klant-organisatie", "klant-E1", "klant-P22", "klant-W_zekerheid", "klant-punten-rest",
                "klant-uitkomst", "klant-figuur", "klant-export", "klant-melding"]:
        assert find(box, css) is not None, css
    assert "Nog 100 punten" in find(box, "klant-punten-rest").value
    find(box, "klant-organisatie").value = "De bieb"
    find(box, "klant-E1").value = 7
    find(box, "klant-P1").value = 4
    find(box, "klant-W_zekerheid").value = 90
    assert "-3,00" in find(box, "klant-uitkomst").value and "op 1 van de 22" in find(box, "klant-uitkomst").value
    assert "Nog 10 punten" in find(box, "klant-punten-rest").value
    assert "E1" in find(box, "klant-E1").description and find(box, "klant-W_zekerheid").description == "Zekerheid"

    # Kernel restart: a new widget on the same folder shows the same answers.
    again = servqual_widget(example_survey(), folder=tmp_path)
    assert find(again, "klant-organisatie").value == "De bieb"
    assert (find(again, "klant-E1").value, find(again, "klant-P1").value) == (7, 4)
    assert find(again, "klant-W_zekerheid").value == 90
    assert find(again, "klant-melding").value == ""

    find(again, "klant-export").click()
    assert (tmp_path / "servqual.csv").exists() and "servqual.csv" in find(again, "klant-melding").value


def test_widget_with_broken_file_starts_empty_and_says_so(tmp_path):
    (tmp_path / "servqual.json").write_text('{"vragenlijst": "servqual", "antw', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        box = servqual_widget(None, folder=tmp_path)
    assert find(box, "klant-E1").value is None
    assert "kapot-1" in find(box, "klant-melding").value
    assert (tmp_path / "servqual.kapot-1.json").exists()


def test_widget_reuses_one_figure(tmp_path):
    import matplotlib.pyplot as plt

    box = servqual_widget(None, folder=tmp_path)
    before = plt.get_fignums()
    for value in (1, 2, 3, 4):
        find(box, "klant-E2").value = value
    assert plt.get_fignums() == before
