"""Worked solutions for notebook 05_servqual_gaps (for lecturers).

Each function computes the answer to the exercise with the same key in
klantlib/questions/05_servqual_gaps.toml; tests/test_selfcheck.py checks they agree.
"""

import klantlib
from klantlib.servqual import servqual_score, summary


def _survey():
    return klantlib.load_dataset("servqual").set_index("respondent_id")


def sq_grootste_tekort():
    return summary(_survey())["gap"].idxmin()


def sq_gewogen_r0002():
    return round(float(servqual_score(_survey().loc[["R0002"]], weighted=True)["servqual"].iloc[0]), 2)


def sq_aandeel_gewogen_lager():
    survey = _survey()
    weighted = servqual_score(survey, weighted=True)["servqual"]
    return round(float((weighted < servqual_score(survey)["servqual"]).mean()), 2)
