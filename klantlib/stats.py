"""The statistics every model shares, written once: a mean with its confidence interval, Cronbach's alpha.

- :func:`mean_interval`: per column the mean, the t-interval around it and on
  how many values it rests. SERVQUAL's gaps, a questionnaire compared with a
  published benchmark and every later comparison use it.
- :func:`cronbach_alpha`: how consistently a set of items measures one thing
  (Cronbach, 1951), as survey courses report it beside every scale.

Both are plain NumPy on the values a model hands them; they don't check
answers (the models do that first, with :mod:`klantlib.survey`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError

__all__ = ["CONFIDENCE", "cronbach_alpha", "mean_interval"]

#: The confidence level of every interval in the course, unless a function is told otherwise.
CONFIDENCE = 0.95


def mean_interval(values: pd.DataFrame | pd.Series, *, confidence: float = CONFIDENCE) -> pd.DataFrame:
    """Per column: the mean, the lower and upper bound of its t-interval, and how many values it rests on.

    The interval is the usual one for a mean from a sample: mean ± t × s / √n,
    with t the ``0.5 + confidence / 2`` quantile of Student's t-distribution with
    n − 1 degrees of freedom and s the sample standard deviation. Blank values
    (NaN) are left out per column. With one value there is no interval (NaN);
    with none, no mean either.

    Args:
        values: one column per thing to average (an item, a dimension), one row
            per respondent; a Series is one column.
        confidence: the confidence level, strictly between 0 and 1 (0.95: a 95%
            interval).

    Returns:
        A DataFrame with one row per column of ``values`` (index: the column
        names) and the columns ``gemiddelde``, ``ondergrens``, ``bovengrens`` and
        ``respondenten`` (the number of values).

    Raises:
        KlantDataError: ``confidence`` is not strictly between 0 and 1 (``95`` for
            95% is refused with a message that says to write 0.95).

    >>> mean_interval(pd.DataFrame({"E1": [5, 6, 7], "E2": [4, None, None]})).round(3)
        gemiddelde  ondergrens  bovengrens  respondenten
    E1         6.0       3.516       8.484             3
    E2         4.0         NaN         NaN             1
    """
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise KlantDataError(f"confidence moet tussen 0 en 1 liggen (0.95 voor 95%), niet {confidence!r}.")
    from scipy.special import stdtrit  # the t-distribution's quantiles, without importing all of scipy.stats

    frame = values.to_frame() if isinstance(values, pd.Series) else values
    data = frame.to_numpy(dtype=float)
    n = (~np.isnan(data)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, np.nansum(data, axis=0) / np.maximum(n, 1), np.nan)
        spread = np.sqrt(np.nansum((data - mean) ** 2, axis=0) / (n - 1))
        half = np.where(n > 1, stdtrit(np.maximum(n - 1, 1), 0.5 + confidence / 2) * spread / np.sqrt(n), np.nan)
    return pd.DataFrame({"gemiddelde": mean, "ondergrens": mean - half, "bovengrens": mean + half,
                         "respondenten": n}, index=frame.columns)


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha of a set of items: k / (k − 1) × (1 − Σ item variances / variance of the sum).

    Only respondents who answered every item count (listwise, as SPSS does by
    default). Alpha needs at least two items and two such respondents, and a sum
    that varies; otherwise it is NaN. It can be negative, when items pull in
    opposite directions (a reversed item not turned around).

    Args:
        items: one column per item, one row per respondent (numbers; blank = NaN).

    Returns:
        Alpha as a float (NaN where it does not exist).

    >>> answers = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 3, 5], "c": [1, 3, 3, 4]})
    >>> round(cronbach_alpha(answers), 4)
    0.9474
    """
    data = items.to_numpy(dtype=float)
    data = data[~np.isnan(data).any(axis=1)]
    k = data.shape[1]
    if k < 2 or len(data) < 2:
        return math.nan
    total = data.sum(axis=1).var(ddof=1)
    if total == 0:
        return math.nan
    return float(k / (k - 1) * (1 - data.var(axis=0, ddof=1).sum() / total))
