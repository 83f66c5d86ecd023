# Bản tin dân vận — every door into the project. `make help` lists them.
# The first target that needs Python creates .venv from requirements.lock (and again when the lock
# changes): there is no separate set-up step.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PERIOD ?=
CLUSTER ?=
# How many bulletins render at once; empty: as many as the machine has cores (bantin decides).
JOBS ?=
# The Jupyter kernel of .venv, registered inside it: the notebooks, papermill and nbval all ask for it by name.
KERNEL_NAME := bantin
KERNEL_DISPLAY_NAME := Bản tin dân vận (Python 3.11)
KERNEL := $(VENV)/share/jupyter/kernels/$(KERNEL_NAME)/kernel.json
# JupyterLab's settings for the project, in .venv: it never asks whether to fetch the Jupyter news (nor fetches them).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
LAB_OVERRIDES := {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}
# git's filter for the notebooks (.gitattributes): what git stores is the notebook without its outputs, execution
# counts and the kernel details Lab adds (nbstripout, from .venv), so running and saving a notebook in Lab changes
# nothing for git, nor for the bulletins' provenance. --keep-id keeps the cells' ids (the bulletins name them).
NBSTRIPOUT := "$(CURDIR)/$(BIN)/python" -m nbstripout --keep-id
# What else it strips is the library's list (bantin.build.provenance), which the notebooks' hash leaves out too;
# asked of .venv's Python when the filter is set (after the set-up).
NBSTRIPOUT_EXTRA_KEYS = $(shell $(BIN)/python -c 'from bantin.build.provenance import filter_extra_keys as keys; print(keys())')
# Lab's server configuration written by earlier versions (only ever ours), which named a save hook the library no
# longer has: removed with the settings' next writing, or Lab would not start.
OLD_LAB_SERVER_CONFIG := $(VENV)/etc/jupyter/jupyter_server_config.json
# The library's bytecode, compiled as pip compiles the packages it installs: where Python is told not to write
# bytecode (PYTHONDONTWRITEBYTECODE, common in containers), every run would compile the library again.
BYTECODE := $(VENV)/.bytecode
LIBRARY := $(wildcard lib/bantin/*.py lib/bantin/*/*.py)
# The project's fontconfig configuration (bantin.render.fonts), written once for the environment with the charts'
# cut DejaVu Sans (bantin.render.cut_fonts): the renders read it instead of the machine's.
FONTS := $(VENV)/.fonts
# What every command that runs the notebooks needs beside .venv.
SETUP := $(KERNEL) $(LAB_SETTINGS) $(BYTECODE) $(FONTS) git-filter
# Extra arguments for `make lab`, e.g. LAB_ARGS=--no-browser or LAB_ARGS="--port=8890". Jupyter refuses to run
# as root (a container, a bare server) unless told so: there, --allow-root is added.
LAB_ARGS ?=
LAB_ROOT_ARGS = $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

INSTALLER_LOCK_HEAD := \# The installer that sets .venv up (bantin.build.venv): pip, exact version and hashes. Renewed by make lock.

.DEFAULT_GOAL := help
.PHONY: help report template issue test test-fast lint bench lab lock clean git-filter guide guide-images

# A bad PERIOD or CLUSTER is refused at once, in one line, before any set-up. While .venv is missing or older
# than the lock, make checks them first, with the system's Python and the standard library only (-S: not even
# site-packages), so that a typo never starts a set-up of minutes. Once .venv is in place, `bantin` checks them
# itself, first thing, before any heavy import: one Python start instead of two for every command.
# Before a set-up, make also checks that the Python it found is 3.11, and says so in one line if not.
GOAL := $(firstword $(filter report template issue,$(MAKECMDGOALS)))
NEEDS_PYTHON := $(filter report template issue test test-fast lint bench lab lock guide guide-images,$(MAKECMDGOALS))
ifneq ($(NEEDS_PYTHON),)
ifneq ($(shell for input in installer.lock requirements.lock pyproject.toml; do [ $(INSTALLED) -nt $$input ] || exit; done; echo ready),ready)
ifeq ($(shell command -v $(or $(PYTHON),python3.11)),)
$(error Không tìm thấy Python $(PYTHON): cài Python 3.11 rồi chạy lại (xem hướng dẫn cài đặt trong docs/manual.md))
endif
PYTHON_ERROR := $(shell PYTHONPATH=lib $(PYTHON) -S -m bantin.build.venv --check-python 2>&1 >/dev/null)
ifneq ($(PYTHON_ERROR),)
$(error $(PYTHON_ERROR))
endif
ifneq ($(GOAL),)
REQUEST_ERROR := $(shell PYTHONPATH=lib $(PYTHON) -S -m bantin.cli check --for $(GOAL) --period '$(PERIOD)' --cluster '$(CLUSTER)' 2>&1 >/dev/null)
ifneq ($(REQUEST_ERROR),)
$(error $(REQUEST_ERROR))
endif
endif
endif
endif

help: ## Liệt kê các lệnh
	@echo "Bản tin dân vận — các lệnh:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "Ví dụ: make report PERIOD=2024H1 [CLUSTER=dong-bang]"

# bantin.build.venv: the pinned installer of installer.lock first, then the lock, hash-checked, nothing resolved;
# pip's output goes to .bantin/setup.log, the terminal gets one line (and on failure, what went wrong).
$(INSTALLED): installer.lock requirements.lock pyproject.toml
	@PYTHONPATH=lib $(PYTHON) -S -m bantin.build.venv
	@touch $@

# The kernel is its own target, so that a .venv made before it existed gets it too.
$(KERNEL): $(INSTALLED)
	@$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL_NAME) --display-name "$(KERNEL_DISPLAY_NAME)" \
		>/dev/null
	@touch $@

$(FONTS): $(INSTALLED) lib/bantin/render/fonts.py lib/bantin/render/cut_fonts.py
	@$(BIN)/python -m bantin.render.fonts >/dev/null
	@touch $@

$(BYTECODE): $(INSTALLED) $(LIBRARY)
	@$(BIN)/python -m compileall -q lib/bantin >/dev/null
	@touch $@

$(LAB_SETTINGS): $(INSTALLED) Makefile
	@mkdir -p $(@D)
	@printf '%s\n' '$(LAB_OVERRIDES)' >$@
	@rm -f $(OLD_LAB_SERVER_CONFIG)


# Set in .git/config when make runs at the top of a git work tree (not from a tarball), and again whenever it
# differs (a moved checkout): one git call when it is set, no file to keep up to date.
git-filter:
	@if [ -e .git ] && [ "$$(git config --local --get-regexp '^filter\.nbstripout\.' 2>/dev/null | sort | tr '\n' ' ')" \
		!= "$$(printf '%s\n' 'filter.nbstripout.clean $(NBSTRIPOUT)' 'filter.nbstripout.extrakeys $(NBSTRIPOUT_EXTRA_KEYS)' \
		'filter.nbstripout.smudge cat' | sort | tr '\n' ' ')" ]; then \
		echo "Đặt bộ lọc notebook của git (nbstripout) trong .git/config"; \
		git config --local filter.nbstripout.clean '$(NBSTRIPOUT)' \
		&& git config --local filter.nbstripout.smudge cat \
		&& git config --local filter.nbstripout.extrakeys '$(NBSTRIPOUT_EXTRA_KEYS)' \
		|| echo "Không đặt được bộ lọc notebook của git (nbstripout): kết quả lưu trong notebook sẽ hiện trong git status"; \
	fi

report: $(SETUP) ## Kiểm tra số liệu kỳ PERIOD và làm lại vào outputs/ các bản tin có thay đổi [CLUSTER=… STRICT=1 FORCE=1 JOBS=N]
	@$(BIN)/bantin report --period "$(PERIOD)" --cluster "$(CLUSTER)" $(if $(JOBS),--jobs $(JOBS)) $(if $(filter 1,$(STRICT)),--strict) $(if $(filter 1,$(FORCE)),--force)

# The issue's date (DATE=2027-01-05; empty: today in Vietnam) and PARTIAL=1 (issue while units are awaited).
DATE ?=
PARTIAL ?=

# Writes issued/<PERIOD>/<number>-<symbol>/ and a line of data/issued.csv, once: nothing ever writes there again.
issue: $(SETUP) ## Phát hành kỳ PERIOD: đánh số theo data/issued.csv, ghi ngày, lưu vào issued/ [DATE=2027-01-05 PARTIAL=1]
	@$(BIN)/bantin issue --period "$(PERIOD)" --cluster "$(CLUSTER)" --date "$(DATE)" $(if $(JOBS),--jobs $(JOBS)) $(if $(filter 1,$(PARTIAL)),--partial)

# Its command is not echoed (nor report's): a refusal of its arguments is the first line the analyst reads.
template: $(SETUP) ## Tạo mẫu báo cáo Excel kỳ PERIOD cho từng đơn vị vào data/templates/PERIOD/ [CLUSTER=…]
	@$(BIN)/bantin template --period "$(PERIOD)" --cluster "$(CLUSTER)"

test: $(SETUP) ## Chạy các bài kiểm thử (pytest, và nbval với các sổ tay)
	$(BIN)/python -m pytest tests --nbval-lax notebooks

test-fast: $(SETUP) ## Chạy các bài kiểm thử nhanh (không xuất bản tin)
	$(BIN)/python -m pytest tests -m "not slow"

lint: $(INSTALLED) ## Kiểm tra định dạng và lỗi của mã nguồn (ruff)
	$(BIN)/ruff format --check lib tests notebooks benchmarks
	$(BIN)/ruff check lib tests notebooks benchmarks

bench: $(SETUP) ## Đo tốc độ: cả kỳ so với chuỗi lệnh đơn giản, chạy lại khi không đổi, 500 tệp, 93 sổ Excel, 1 triệu dòng
	$(BIN)/python -m benchmarks $(if $(JOBS),--jobs $(JOBS))

lab: $(SETUP) ## Mở các sổ tay trong JupyterLab (kernel "bantin") [LAB_ARGS=--no-browser …]
	$(BIN)/jupyter lab --notebook-dir=notebooks --MappingKernelManager.default_kernel_name=$(KERNEL_NAME) $(LAB_ROOT_ARGS) $(LAB_ARGS)

guide: $(SETUP) ## Tạo bản PDF của hướng dẫn sử dụng: docs/huong-dan/huong-dan.pdf
	@$(BIN)/python -m bantin.guide pdf

# The guide's pictures are committed: remade (a few minutes) where Chromium, poppler and LibreOffice are installed,
# whenever tests/test_guide.py says the sample's pages have changed.
guide-images: $(SETUP) ## Chụp lại các hình của hướng dẫn từ số liệu mẫu (cần chromium, pdftoppm, soffice)
	@$(BIN)/python -m bantin.guide images

lock: $(INSTALLED) ## Ghim lại phiên bản mọi gói trong requirements.lock (theo pyproject.toml) và installer.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --no-header --output-file requirements.lock
	{ echo "$(INSTALLER_LOCK_HEAD)"; echo pip | $(BIN)/uv pip compile - --universal --python-version 3.11 \
		--generate-hashes --no-header --quiet; } >installer.lock.new && mv installer.lock.new installer.lock

clean: ## Xóa mọi thứ đã tạo (outputs/, data/processed/, data/templates/ và bản ghi của chúng); giữ .venv, issued/ và data/issued.csv
	rm -rf outputs/* data/processed/* data/templates data/failed-validation .bantin/state.json .bantin/staging
	touch outputs/.gitkeep data/processed/.gitkeep
