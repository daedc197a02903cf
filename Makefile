# VănPhòng: `make run` serves the demo office; `make test` runs every check; `make bench` the benchmarks.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export VANPHONG_DEMO_PASSWORD ?= VanPhong@2026
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/vanphong_test
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test bench install system assets chromium lint typecheck test-sqlite test-pg clean

$(BIN)/vanphong: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON))."; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/vanphong

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --silent
	touch $@

MO := vanphong/locale/en/LC_MESSAGES/django.mo
$(MO): vanphong/locale/en/LC_MESSAGES/django.po $(BIN)/vanphong
	@command -v msgfmt >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq gettext; }
	cd vanphong && ../$(BIN)/vanphong compilemessages -v0

# Debian packages the application itself needs: Liberation Serif 2 (Times New Roman metrics, every Vietnamese
# letter; version 1 lacks most of them) for rendered and stamped PDFs.
SYSTEM_PACKAGES := fonts-liberation2
system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && apt-get install -y -qq $$missing; fi

install: system $(BIN)/vanphong assets $(MO)
assets: node_modules/.installed

run: install
	$(BIN)/vanphong migrate --no-input -v0
	$(BIN)/vanphong demo --if-empty
	@echo "Tài khoản trình diễn: demo-thuong, demo-mat, demo-toimat, demo-tuyetmat, demo-vanthu, demo-lanhdao, demo-admin"
	@echo "Mật khẩu: $(VANPHONG_DEMO_PASSWORD)"
	@echo "Mở http://127.0.0.1:$(PORT)/ (Ctrl-C để dừng)"
	$(BIN)/vanphong serve --port $(PORT)

chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium; }

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy vanphong

# The whole suite on SQLite, then on PostgreSQL when it answers (required with VANPHONG_REQUIRE_PG=1).
test: install chromium lint typecheck
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadfile
	@if $(BIN)/python -m vanphong.pgcheck "$(TEST_DATABASE_URL)"; then \
		echo "== PostgreSQL: $(TEST_DATABASE_URL)"; \
		DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadfile; \
	elif [ "$${VANPHONG_REQUIRE_PG:-0}" = "1" ]; then \
		echo "PostgreSQL không trả lời tại $(TEST_DATABASE_URL) mà VANPHONG_REQUIRE_PG=1."; exit 1; \
	else \
		echo "== Bỏ qua PostgreSQL: không kết nối được $(TEST_DATABASE_URL)"; \
	fi

# The desk and sign-in figures, search at BENCH_SIZE records (default 1,000,000: tens of minutes here), the văn
# thư, then the decision cycle's overdue dashboard and year's programme.
bench: install
	$(BIN)/pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/run.py
	$(BIN)/python bench/search.py
	TEST_DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/python bench/documents.py
	$(BIN)/python bench/cycle_dashboard.py
	$(BIN)/python bench/cycle_programme.py
	$(BIN)/python bench/info.py
	$(BIN)/python bench/petitions_report.py
	$(BIN)/python bench/petitions_repeats.py

clean:
	rm -rf $(VENV) node_modules var test-artifacts
