# Union Office — the two quick-start commands, plus bench and dist.
#   make run [ARGS="--db demo.db"]   create .venv if needed, install, open the main window
#   make test                        create .venv if needed, install test extras, run the suite offscreen
#   make bench                       benchmarks over a generated 100,000-member office (DESIGN §9)
#   make dist                        PyInstaller one-folder build (see README, 构建 Windows 版)
#   make dist-test                   run the built folder's CLI (tests/test_dist.py)

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
ARGS   ?=

.PHONY: run test bench dist dist-test demo clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes; the package itself is installed editable.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) -m unionoffice $(ARGS)

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p no:cacheprovider

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py $(ARGS)

demo: $(VENV)/.installed
	$(PY) -m unionoffice demo demo.db --members 2000

dist: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[build]'
	$(PY) -m PyInstaller --noconfirm --clean build.spec
	@du -sh dist/UnionOffice

dist-test: $(VENV)/.installed-test
	$(PY) -m pytest -q -p no:cacheprovider tests/test_dist.py

clean:
	rm -rf build dist .pytest_cache
