# Union Office — the two quick-start commands, plus bench and the builds.
#   make run [ARGS="--db demo.db"]   system packages (as root/sudo), .venv, install, open the main window
#   make test                        system packages (as root/sudo), .venv, test extras, the suite offscreen
#   make bench                       benchmarks over a generated 100,000-member office (DESIGN §9)
#   make dist                        PyInstaller one-folder build (see README, 构建 Windows 版)
#   make dist-test                   run the built folder's CLI (tests/test_dist.py)
#   make wintest                     as root on Debian 12: the suite, the build and the installer under wine
#   make installer DIST=<folder>     UnionOffice-<version>-setup.exe (NSIS) from a Windows one-folder build
#   make deb                         dist/unionoffice_<version>_<arch>.deb for Debian/UOS/麒麟

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
ARGS   ?=
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)

# What the window and the tests need from the system (Debian names; UOS and 麒麟 use the same):
# the Qt xcb/offscreen libraries, a CJK font, pdftoppm/pdftotext for the printout tests.
QT_PACKAGES   := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
                 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 \
                 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 fonts-wqy-microhei
TEST_PACKAGES := $(QT_PACKAGES) poppler-utils
# the venv itself: Debian's python3 keeps venv/ensurepip in a package of its own
PY_PACKAGES   := $(shell $(PYTHON) -c "import ensurepip" 2>/dev/null || echo python3-venv)

.PHONY: run test bench dist dist-test demo clean sysdeps-run sysdeps-test wintest installer deb

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

sysdeps-run:
	@sh tools/sysdeps.sh $(QT_PACKAGES) $(PY_PACKAGES)

sysdeps-test:
	@sh tools/sysdeps.sh $(TEST_PACKAGES) $(PY_PACKAGES)

run: sysdeps-run $(VENV)/.installed
	$(PY) -m unionoffice $(ARGS)

test: sysdeps-test $(VENV)/.installed-test
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

# The Windows check (tools/wintest.sh): long, needs root and wine; not part of `make test`.
wintest:
	bash tools/wintest.sh

# The NSIS installer from a Windows one-folder build (make wintest leaves one in
# /tmp/unionoffice-wintest/out/dist/UnionOffice; on Windows, make dist makes dist/UnionOffice).
DIST          ?= dist/UnionOffice
INSTALLER_OUT ?= dist
installer:
	@test -f "$(DIST)/UnionOffice.exe" || { echo "no Windows build in $(DIST): run make wintest (or make dist on Windows), or pass DIST=<folder>" >&2; exit 1; }
	@command -v makensis >/dev/null || sh tools/sysdeps.sh nsis
	mkdir -p "$(INSTALLER_OUT)"
	makensis -V2 -INPUTCHARSET UTF8 -DVERSION=$(VERSION) -DDIST="$(abspath $(DIST))" \
	  -DROOT="$(CURDIR)" -DOUTFILE="$(abspath $(INSTALLER_OUT))/UnionOffice-$(VERSION)-setup.exe" installer/unionoffice.nsi
	@ls -la "$(INSTALLER_OUT)/UnionOffice-$(VERSION)-setup.exe"

# A .deb of the Linux one-folder build (tools/build_deb.sh): /opt/unionoffice, a menu entry, `unionoffice`.
deb: dist
	QT_PACKAGES="$(QT_PACKAGES)" sh tools/build_deb.sh "$(VERSION)" dist/UnionOffice dist

clean:
	rm -rf build dist .pytest_cache
