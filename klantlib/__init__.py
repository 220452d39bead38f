"""klantlib: the models of customer-centric organisation ("klantgericht organiseren").

One module per model, each a set of pure functions (DataFrame in, DataFrame out), with the
notebook that teaches it and the book's § (the course's list: ``klantlib/notebooks.toml``; a test
checks these lines against it):

- :mod:`klantlib.data`: the shipped datasets and reading a student's own file.
- :mod:`klantlib.loyalty`: loyal customers, how many bought at least N times and what they bring (notebook 00; –).
- :mod:`klantlib.klant`: who the customer is: four markets, payer and user, organisations as data (notebook 01; §1.1, §1.2.3, §1.2.4).
- :mod:`klantlib.dmu`: buying roles, the DMU and the buying situations new task, modified rebuy, straight rebuy (notebook 02; §1.2.1, §1.2.2).
- :mod:`klantlib.vals`: market segmentation and the VALS lifestyle typology, a sample against the population (notebook 03; §1.2.1).
- :mod:`klantlib.rfm`: the 80/20 rule, RFM and the customer relations assessment matrix (notebook 04; §1.3.1, §1.3.2).
- :mod:`klantlib.servqual`: SERVQUAL and the gap model (notebook 05; §1.4, §2.2).
- :mod:`klantlib.service`: Martin's Customer Service Assessment Scale, systems and people (notebook 05; §2.2).
- :mod:`klantlib.orca`: the online buying journey (ORCA): funnel, drop-off, online/offline patterns per step (notebook 06; §1.2.4).
- :mod:`klantlib.centricity`: customer-centricity measured: the benchmark self-scan, the mirror of self-image and customers' image, the customer metrics (notebook 07; §1.5).
- :mod:`klantlib.nps`: the Net Promoter Score, overall and per group (notebook 07; §1.5).
- :mod:`klantlib.customer_value`: revenue, margin and retention per customer, and the course's customer lifetime value (notebook 07; §1.5).
- :mod:`klantlib.sensitivity`: customer sensitivity: the affectivity drivers and trust, their links with recommending, HET/WIJ/IK and the development phases (De Haan & Langerak) (notebook 08; –).
- :mod:`klantlib.experience`: customer experience: touchpoints and their owners, the walls between departments, the journey map with its pain points, and customer relevancy (Crawford & Mathews) with the myth of price and product (notebook 09; §2.3.3).

The rules every model shares, each written once:

- :mod:`klantlib.parsing`: what a number, a date, an answer on a scale and an id are, required
  columns and option values, with Dutch errors naming file, column and row.
- :mod:`klantlib.survey`: questionnaires as data (``Questionnaire``, TOML files in
  ``klantlib/questionnaires/``): reading, checking, pooling, scoring and comparing every questionnaire.
- :mod:`klantlib.stats`: a mean with its 95% interval, the difference of two groups' means with Welch's
  interval, and Cronbach's alpha.
- :mod:`klantlib.errors`: the error and warning types, and leaving out rows never silently.

Notebook machinery lives apart from the computing code and is imported only
when used, so ``import klantlib`` costs little more than ``import pandas``:

- :mod:`klantlib.formatting`: numbers the Dutch way (``€ 1.234,50``, ``12,5%``).
- :mod:`klantlib.plotting`: the house style and the lecture-hall presentation mode.
- :mod:`klantlib.selfcheck`: feedback and hints on exercises without giving the answer away.
- :mod:`klantlib.course`: the student notebooks and the lecturer's version, made from one source per notebook.
- :mod:`klantlib.views`: figures and interactive explorations (matplotlib, ipywidgets), one module per notebook.
- :mod:`klantlib.notebook`: the environment check every notebook starts with.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from klantlib.data import (
    list_datasets,
    load_dataset,
    read_table,
)
from klantlib.errors import KlantDataError, KlantDataWarning

__version__ = "0.1.0"

__all__ = [
    "KlantDataError",
    "KlantDataWarning",
    "list_datasets",
    "load_dataset",
    "read_table",
    "__version__",
]


@functools.cache
def _public_modules() -> frozenset[str]:
    """klantlib's public modules and subpackages (names not starting with ``_``), as found on disk.

    So a new model module is ``klantlib.<name>`` at once, without editing a list.
    """
    return frozenset(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def __getattr__(name: str):
    # Import the heavier modules (matplotlib, ipywidgets) on first use only.
    if name in _public_modules():
        return importlib.import_module(f"klantlib.{name}")
    raise AttributeError(f"module 'klantlib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _public_modules())
