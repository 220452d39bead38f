"""The distributions of klantlib.stats against scipy's, over a wide grid and with hypothesis.

klantlib computes Student's t and the chi-square distribution itself, so that a notebook's kernel
never imports scipy.special (9-12 MiB per kernel, see the module's docstring); these tests hold
them to scipy's figures. Near t = 0 scipy's own t functions are off by up to about 1e-11 (its
``stdtr``; checked against closed forms for 1, 2 and 4 degrees of freedom below, where klantlib's
agree to 1e-15), so there the comparison also allows that much absolute difference.
"""

import math
import subprocess
import sys
from decimal import Decimal, getcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats as scipy_stats

from klantlib.stats import chi_square_tail, chi_square_tail_inverse, t_cdf, t_quantile

# the course's degrees of freedom (a sample of a few to a few thousand respondents, Welch's in between,
# a crosstab's) and beyond: 1e-12 relative up to 10.000, 1e-10 up to a million
DEGREES = [0.5, 1, 1.5, 2, 2.5, 3, 3.7, 4, 5, 6, 7, 8, 9, 10, 11, 12.3, 15, 19, 20, 24, 29, 30, 40, 49, 50, 75, 99, 100,
           150, 250, 500, 1000, 2500, 10_000]
HUGE = [1e5, 1e6]
CHANCES = [1e-12, 1e-8, 1e-5, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.499, 0.5, 0.501, 0.55, 0.6,
           0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 1 - 1e-5, 1 - 1e-8]
VALUES = [-1e3, -100, -30, -10, -5, -3, -2.5, -2, -1.96, -1, -0.5, -0.1, -1e-3, -1e-6, 0.0, 1e-6, 1e-3, 0.1, 0.5, 1,
          1.96, 2, 2.5, 3, 5, 10, 30, 100, 1e3]


def close(ours, theirs, rel=1e-12, absolute=0.0):
    return np.allclose(ours, theirs, rtol=rel, atol=absolute, equal_nan=True)


@pytest.mark.parametrize("degrees", DEGREES)
def test_t_cdf_equals_scipy(degrees):
    values = np.array(VALUES)
    assert close(t_cdf(values, degrees), special.stdtr(degrees, values), absolute=5e-11)  # scipy's error near 0
    # the tails (p-values) relative to their own size, however small
    tails = -np.abs(values[np.abs(values) >= 0.5])
    assert close(t_cdf(tails, degrees), special.stdtr(degrees, tails), rel=1e-12, absolute=1e-300)


@pytest.mark.parametrize("degrees", DEGREES)
def test_t_quantile_equals_scipy(degrees):
    chances = np.array(CHANCES)
    assert close(t_quantile(chances, degrees), special.stdtrit(degrees, chances), absolute=1e-12)


@pytest.mark.parametrize("degrees", HUGE)
def test_t_stays_within_1e_10_for_huge_degrees(degrees):
    assert close(t_cdf(np.array(VALUES), degrees), special.stdtr(degrees, np.array(VALUES)), rel=1e-10, absolute=5e-11)
    assert close(t_quantile(np.array(CHANCES), degrees), special.stdtrit(degrees, np.array(CHANCES)), rel=1e-10,
                 absolute=1e-12)


@pytest.mark.parametrize("degrees", [*DEGREES, *HUGE])
def test_chi_square_tail_equals_scipy(degrees):
    values = np.array([0.0, 1e-6, 1e-3, 0.1, 0.5, 1, 2, 3.841459, 5, 7.5, 11.86, 20, 36.415, 50, 100, 300,
                       degrees / 2, degrees, degrees + 1, 1.5 * degrees, 2 * degrees, degrees + 10 * math.sqrt(degrees)])
    assert close(chi_square_tail(values, degrees), special.chdtrc(degrees, values), rel=1e-11, absolute=1e-300)


@pytest.mark.parametrize("degrees", [*DEGREES, *HUGE])
def test_chi_square_tail_inverse_equals_scipy(degrees):
    # up to 0.99: closer to 1 the answer is a tiny x that a float alpha no longer pins down (for scipy neither)
    alphas = np.array([1e-12, 1e-8, 1e-5, 0.001, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 0.75, 0.9, 0.95, 0.99])
    assert close(chi_square_tail_inverse(alphas, degrees), special.chdtri(degrees, alphas), rel=1e-11)


@settings(max_examples=300, deadline=None)
@given(st.floats(-60, 60), st.floats(0.5, 5000))
def test_t_cdf_equals_scipy_anywhere(t, degrees):
    assert math.isclose(t_cdf(t, degrees), scipy_stats.t.cdf(t, degrees), rel_tol=1e-12, abs_tol=5e-11)


@settings(max_examples=300, deadline=None)
@given(st.floats(1e-9, 1 - 1e-9), st.floats(0.5, 5000))
def test_t_quantile_is_the_inverse_of_t_cdf_and_equals_scipy(p, degrees):
    t = t_quantile(p, degrees)
    assert math.isclose(t, scipy_stats.t.ppf(p, degrees), rel_tol=1e-11, abs_tol=1e-12)
    assert math.isclose(t_cdf(t, degrees), p, rel_tol=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 500), st.integers(1, 400))
def test_chi_square_tail_equals_scipy_anywhere(x, degrees):
    assert math.isclose(chi_square_tail(x, degrees), scipy_stats.chi2.sf(x, degrees), rel_tol=1e-11, abs_tol=1e-300)


@settings(max_examples=300, deadline=None)
@given(st.floats(1e-10, 0.99), st.integers(1, 400))
def test_chi_square_tail_inverse_equals_scipy_anywhere(alpha, degrees):
    x = chi_square_tail_inverse(alpha, degrees)
    assert math.isclose(x, scipy_stats.chi2.isf(alpha, degrees), rel_tol=1e-11)
    assert math.isclose(chi_square_tail(x, degrees), alpha, rel_tol=1e-11)


def test_near_zero_the_t_distribution_is_exact_where_scipy_is_not():
    """Closed forms (1, 2 and 4 degrees of freedom), computed with 40 digits: klantlib to 1e-15."""
    getcontext().prec = 40

    def exact(t, degrees):
        t = Decimal(t)
        if degrees == 1:
            return 0.5 + math.atan(float(t)) / math.pi  # to 1e-16: atan is correctly rounded enough here
        if degrees == 2:
            return Decimal(1) / 2 + t / (2 * (2 + t * t).sqrt())
        u = t / (1 + t * t / 4).sqrt()
        return Decimal(1) / 2 + Decimal(3) / 8 * u * (1 - t * t / (12 * (1 + t * t / 4)))

    for degrees in (1, 2, 4):
        for t in (1e-6, 1e-3, 0.0027, 0.1, 0.5, 2.0, 7.0):
            assert math.isclose(t_cdf(t, degrees), float(exact(t, degrees)), rel_tol=1e-15)


def test_edges_and_arrays():
    assert t_quantile(0.5, 3) == 0.0 and t_quantile(0.0, 3) == -math.inf and t_quantile(1.0, 3) == math.inf
    assert math.isnan(t_quantile(1.5, 3)) and math.isnan(t_quantile(0.975, 0)) and math.isnan(t_cdf(math.nan, 3))
    assert t_cdf(math.inf, 3) == 1.0 and t_cdf(-math.inf, 3) == 0.0 and t_cdf(0.0, 7.5) == 0.5
    assert t_quantile(0.975, math.inf) == pytest.approx(1.959963984540054, rel=1e-15)
    assert math.tan(math.pi * 0.475) == pytest.approx(t_quantile(0.975, 1), rel=1e-14)  # Cauchy
    assert chi_square_tail(0.0, 3) == 1.0 and chi_square_tail(math.inf, 3) == 0.0
    assert chi_square_tail_inverse(1.0, 3) == 0.0 and chi_square_tail_inverse(0.0, 3) == math.inf
    assert math.isnan(chi_square_tail_inverse(-0.1, 3)) and math.isnan(chi_square_tail(1.0, -1))
    quantiles = t_quantile(np.array([0.975, 0.975]), np.array([4, 4.0]))
    assert isinstance(quantiles, np.ndarray) and quantiles.shape == (2,) and isinstance(t_quantile(0.975, 4), float)
    assert t_quantile(np.float64(0.975), np.int64(4)) == t_quantile(0.975, 4)


def test_a_notebook_kernel_computing_intervals_and_tests_imports_no_scipy():
    code = ("import sys, pandas as pd, klantlib.stats as s, klantlib.vals as v, klantlib.servqual as q; "
            "s.mean_interval(pd.DataFrame({'a': [1, 2, 4]})); "
            "s.mean_difference(pd.DataFrame({'a': [1, 2, 4]}), pd.DataFrame({'a': [3, 5, 4]})); "
            "s.correlation(pd.DataFrame({'a': [1, 2, 4, 5]}), pd.Series([2, 3, 3, 6])); "
            "v.cramers_v_by_chance(4, 9, 500); q.summary(q.example_survey()); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
