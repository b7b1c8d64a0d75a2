# Two-command setup for the autograd course.
#   make lab    set up .venv (and Graphviz), then open JupyterLab on notebooks/
#   make test   set up .venv (and Graphviz, bubblewrap), then run the whole pytest suite
#   make bench  set up .venv (and bubblewrap), then run every bench/*.py script
# Works on a fresh clone with python3 (>= 3.10), make and network access.

PYTHON ?= python3
VENV   ?= .venv
VPY    := $(VENV)/bin/python
STAMP  := $(VENV)/.install-stamp
PIP_FLAGS ?= --disable-pip-version-check --no-input
ifdef CI
PIP_FLAGS += --progress-bar off
endif
PYTEST_FLAGS ?= -q -p no:cacheprovider
LAB_FLAGS ?=

# Jupyter refuses to start as root unless told to (containers, CI, Binder-like boxes).
ifeq ($(shell id -u 2>/dev/null),0)
LAB_FLAGS += --allow-root
endif

export DEBIAN_FRONTEND := noninteractive
export PIP_NO_INPUT := 1

.DEFAULT_GOAL := help
.PHONY: help setup graphviz chromium bubblewrap hub-proxy lab test bench release

help:
	@echo "make lab    - set up .venv and Graphviz, then open JupyterLab on notebooks/"
	@echo "make test   - set up .venv, Graphviz and bubblewrap, then run the pytest suite"
	@echo "make bench  - set up .venv and bubblewrap, then run bench/*.py"
	@echo "make bubblewrap - install the grading sandbox (Debian's bubblewrap) if it is missing"
	@echo "make hub-proxy - npm's configurable-http-proxy into .venv/hub-proxy/ (for tests/test_hub.py)"
	@echo "make release - regenerate notebooks/ from grader/source/ (nbgrader generate_assignment)"

# --- set-up shared by every target -------------------------------------------

$(VPY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "error: Python >= 3.10 is needed, found " + sys.version.split()[0] + " (set PYTHON=/path/to/python3.x)")'
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "error: '$(PYTHON) -m venv' failed; on Debian/Ubuntu install the venv module first: sudo apt-get install python3-venv"; \
		exit 1; }

# Reinstall only when pyproject.toml changed (or the venv was recreated).
# The install is editable, so edits to autograd_core/ and grader/ need no reinstall.
$(STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install $(PIP_FLAGS) -e '.[test]'
	@touch $@

setup: $(STAMP)

# Graphviz's `dot` program draws the computational graphs in the notebooks.
graphviz:
	@if command -v dot >/dev/null 2>&1; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Graphviz 'dot' not found: installing it with apt-get"; \
		( apt-get update -q && apt-get install -y -q graphviz ) \
			|| echo "warning: apt-get could not install graphviz; graph drawings will not render"; \
	else \
		echo "warning: Graphviz's 'dot' program was not found; graph drawings will not render."; \
		echo "  Install it with one of:"; \
		echo "    Debian/Ubuntu: sudo apt-get install graphviz"; \
		echo "    macOS:         brew install graphviz"; \
		echo "    conda:         conda install -c conda-forge graphviz"; \
	fi

# Debian's Chromium (and a Korean font for its screenshots) for the real-browser tests
# (tests/test_browser.py, driven by Playwright; they never download a browser).
# Without Chromium those tests are skipped, with the reason. AUTOGRAD_COURSE_CHROMIUM
# points them (and this check) at another Chromium binary.
chromium:
	@chromium="$${AUTOGRAD_COURSE_CHROMIUM:-/usr/bin/chromium}"; \
	korean_font() { ! command -v fc-list >/dev/null 2>&1 || [ -n "$$(fc-list :lang=ko 2>/dev/null)" ]; }; \
	if [ -x "$$chromium" ] && korean_font; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then \
		pkgs=""; \
		[ -x "$$chromium" ] || pkgs="chromium"; \
		korean_font || pkgs="$$pkgs fonts-nanum"; \
		echo "For the browser tests: installing $$pkgs with apt-get"; \
		( apt-get update -q && apt-get install -y -q $$pkgs ) \
			|| echo "warning: apt-get could not install $$pkgs; without Chromium the browser tests are skipped"; \
	elif [ ! -x "$$chromium" ]; then \
		echo "warning: Chromium was not found at $$chromium; the browser tests (tests/test_browser.py) will be skipped."; \
		echo "  Install it with:"; \
		echo "    Debian: sudo apt-get install chromium fonts-nanum"; \
		echo "  or set AUTOGRAD_COURSE_CHROMIUM=/path/to/chromium"; \
	else \
		echo "note: no Korean font was found (fc-list :lang=ko); Korean text in the browser tests' screenshots will show as boxes."; \
		echo "  Install one with: sudo apt-get install fonts-nanum"; \
	fi

# bubblewrap (/usr/bin/bwrap) is the sandbox every grading kernel runs in
# (docs/sandbox.md): `python -m grader autograde` refuses to run without it. It needs
# Linux user namespaces. AUTOGRAD_COURSE_BWRAP points the grader (and this check) at
# another bwrap binary.
bubblewrap:
	@bwrap="$${AUTOGRAD_COURSE_BWRAP:-$$(command -v bwrap || echo /usr/bin/bwrap)}"; \
	if [ ! -x "$$bwrap" ] && [ -z "$$AUTOGRAD_COURSE_BWRAP" ] && [ "$$(uname -s)" = Linux ] && [ "$$(id -u)" = 0 ] \
			&& [ -f /etc/debian_version ] \
			&& command -v apt-get >/dev/null 2>&1; then \
		echo "bubblewrap not found: installing it with apt-get (the grading sandbox, docs/sandbox.md)"; \
		( apt-get update -q && apt-get install -y -q bubblewrap ) || echo "error: apt-get could not install bubblewrap"; \
		bwrap="$$(command -v bwrap || echo /usr/bin/bwrap)"; \
	fi; \
	if [ ! -x "$$bwrap" ]; then \
		echo "error: bubblewrap ($$bwrap) is missing: the grader runs student code only inside it (docs/sandbox.md)."; \
		if [ "$$(uname -s)" != Linux ]; then \
			echo "  bubblewrap needs Linux; on $$(uname -s) run the grader in a Linux VM or container"; \
			echo "  (or grade with 'python -m grader autograde --no-sandbox', accepting the risk)."; \
		elif [ -f /etc/debian_version ]; then \
			echo "  Install it as root:  sudo apt-get install bubblewrap   (then run make again)"; \
		else \
			echo "  Install your distribution's bubblewrap package:"; \
			echo "    Fedora/RHEL: sudo dnf install bubblewrap    Arch: sudo pacman -S bubblewrap"; \
			echo "    openSUSE:    sudo zypper install bubblewrap  Alpine: sudo apk add bubblewrap"; \
		fi; \
		exit 1; \
	fi; \
	if ! "$$bwrap" --unshare-all --unshare-user --ro-bind / / true 2>/dev/null; then \
		echo "error: $$bwrap is installed but cannot create user namespaces here:"; \
		"$$bwrap" --unshare-all --unshare-user --ro-bind / / true 2>&1 | sed 's/^/    /'; \
		echo "  Enable unprivileged user namespaces (docs/sandbox.md):"; \
		echo "    Debian <= 10:      sudo sysctl kernel.unprivileged_userns_clone=1"; \
		echo "    Ubuntu >= 23.10:   sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0"; \
		echo "    any:               sudo sysctl user.max_user_namespaces=10000"; \
		echo "  In a Docker container: run it with --security-opt seccomp=unconfined (or use podman)."; \
		exit 1; \
	fi

# npm's configurable-http-proxy for the JupyterHub test (tests/test_hub.py), installed into
# .venv/hub-proxy/ (ignored, nothing global). Only when that test can run: as root (it makes
# Unix users) with npm. Otherwise the test is skipped with the reason; to run it, install npm
# (Debian: sudo apt-get install npm) and run `sudo make test`.
HUB_PROXY := $(VENV)/hub-proxy/node_modules/.bin/configurable-http-proxy
hub-proxy: | $(VPY)
	@if [ -x "$(HUB_PROXY)" ]; then \
		:; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "note: not root, so the JupyterHub test (tests/test_hub.py) is skipped; run 'sudo make test' to include it"; \
	elif ! command -v npm >/dev/null 2>&1; then \
		echo "note: npm is missing, so the JupyterHub test (tests/test_hub.py) is skipped."; \
		echo "  Install it (Debian: sudo apt-get install npm), then run make test again"; \
	else \
		echo "For the JupyterHub test: npm install configurable-http-proxy into $(VENV)/hub-proxy/"; \
		npm install --prefix $(VENV)/hub-proxy --no-audit --no-fund 'configurable-http-proxy@^4' \
			|| echo "warning: npm could not install configurable-http-proxy; the JupyterHub test is skipped"; \
	fi

# --- the commands ------------------------------------------------------------

# The venv's bin/ goes first on PATH: nbgrader runs `alembic` from PATH when it
# creates a gradebook (Validate, the assignment list).
lab: setup graphviz
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/jupyter lab --ServerApp.root_dir=notebooks $(LAB_FLAGS)

test: setup graphviz chromium bubblewrap hub-proxy
	$(VPY) -m pytest $(PYTEST_FLAGS) tests

# Regenerate the student notebooks (notebooks/) from the nbgrader sources (grader/source/).
release: setup
	$(VPY) -m grader.release

bench: setup bubblewrap
	@set -e; found=0; \
	for f in bench/*.py; do \
		[ -e "$$f" ] || continue; \
		found=1; \
		echo "== $$f"; \
		$(VPY) "$$f"; \
	done; \
	[ $$found = 1 ] || echo "no benchmarks in bench/ yet"
