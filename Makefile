# Klantgericht in Python: two commands.
#   make start   set up (first time only) and open JupyterLab on the start notebook (the student's view)
#   make test    set up (first time only) and run every test
#   make docent  the lecturer's view: the worked solutions (solutions/, made when missing or stale) and source/
#   make demo    list the notebooks; make demo N=04 [PRESENTATIE=1] [DIA=1] shows one to a class
# Setting up is idempotent: a second run only checks the stamp file and goes on.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.klantlib-installed
UV_VERSION := 0.13.9
# JupyterLab refuses to run as root unless told so (CI machines and containers run as root).
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: setup start docent demo test bench data notebooks solutions lock clean

setup: $(STAMP)

# klantlib/jupyter_server_config.json is installed into the environment (see `start` below).
$(STAMP): pyproject.toml requirements.lock klantlib/jupyter_server_config.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig, maar $(PYTHON) is Python " + sys.version.split()[0] + ". Installeer een nieuwere Python of roep aan met: make PYTHON=python3.11 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $@

# The repository is JupyterLab's root, so data/ and the READMEs show in the file browser; the start
# notebook opens first. Kernels still start in the notebook's own folder (notebooks/).
# The student's view: the file browser does not list source/, solutions/ and tests/ (the worked
# solutions and every answer). klantlib/jupyter_server_config.json says so; installing klantlib puts
# it into the environment's Jupyter config (pyproject.toml, shared-data), so Binder and a hub built
# from environment.yml hide them too. Hidden is not locked: a path typed in full still opens.
start: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" notebooks/00_start_hier.ipynb

# The lecturer's view: first the lecturer's versions that are missing or stale (made from another
# source or student notebook, e.g. after a git pull; klantlib.course.stale_solutions), then JupyterLab
# on the lecturer's start notebook with every folder listed: SHOW_ALL puts back jupyter_server's own
# hide_globs (tests/test_start_script.py checks they are its defaults, and that start.py --docent agrees).
SHOW_ALL := $(foreach glob,__pycache__ *.pyc *.pyo .DS_Store *~,'--ContentsManager.hide_globs=$(glob)')
docent: setup
	$(BIN)/python -m klantlib.course --solutions --stale
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" $(SHOW_ALL) solutions/00_start_hier.ipynb

# Demo pages for lecturers (klantlib/demo.py): `make demo` lists the notebooks; `make demo N=04` starts
# notebook 04 under Voila on 127.0.0.1, PRESENTATIE=1 with big fonts and figures, DIA=1 as RISE slides.
demo: setup
	$(BIN)/python -m klantlib.demo $(N) $(if $(filter 1,$(PRESENTATIE)),--presentatie) $(if $(filter 1,$(DIA)),--dia)

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: setup
	$(BIN)/python benchmarks/run_all.py

# Regenerate the shipped datasets (deterministic: the files only change when the generator does).
data: setup
	$(BIN)/python data/generate.py

# Make the student notebooks (notebooks/) and the lecturer's version (solutions/) from their
# one source (source/*.md), and execute them. `make notebooks N=04` makes only notebook 04.
notebooks: setup
	$(BIN)/python -m klantlib.course $(N)

# Only the lecturer's version, with every worked solution shown and executed (solutions/). Not in git:
# made from source/ and the data, so a copy in git would only go stale; `make docent` makes them when needed.
solutions: setup
	$(BIN)/python -m klantlib.course --solutions $(N)

# Re-pin every transitive dependency after a change in pyproject.toml. Needs only uv, not the
# whole setup: on a fresh clone it makes .venv and installs uv first.
lock: $(BIN)/uv
	$(BIN)/uv pip compile --quiet --python-version 3.11 --universal --all-extras pyproject.toml -o requirements.lock

$(BIN)/uv:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

clean:
	rm -rf $(VENV) build dist
