# De twee commando's voor nieuwkomers: `make serve` en `make test`.
# Alles wordt geïnstalleerd in een eigen virtuele omgeving (.venv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SITE := site
STAGING := .site-staging
PORT ?= 8000
# Test tools from npm (axe-core, the Nu HTML Checker), pinned in tests/node/package-lock.json.
NODE_STAMP := tests/node/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build pdf validate new-case lint typecheck audit-workflows test test-only clean system-deps node-deps linkcheck bench

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { echo "Python 3.11 of nieuwer is nodig; installeer die eerst (bijvoorbeeld: apt-get install python3)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

## make serve: de site lokaal bekijken op http://127.0.0.1:8000 (ververst vanzelf bij wijzigingen; een andere poort: make serve PORT=8001)
serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload --dirtyreload

## make build: de complete site in site/ (alleen als alles klopt)
build: install
	$(BIN)/kennisbank validate
	rm -rf $(STAGING)
	$(BIN)/mkdocs build --strict --site-dir $(STAGING)
	$(BIN)/kennisbank pdf --site-dir $(STAGING)
	rm -rf $(SITE)
	mv $(STAGING) $(SITE)
	@echo "Klaar: de site staat in $(SITE)/, de pdf's in $(SITE)/pdf/."

## make pdf: alleen de pdf's (werkboeken en casusbladen) opnieuw maken in site/pdf/
pdf: install
	$(BIN)/kennisbank pdf --site-dir $(SITE)

## make validate: alle inhoud controleren
validate: install
	$(BIN)/kennisbank validate

## make new-case: een nieuwe casus maken door vragen te beantwoorden (schrijft cases/<naam>.md)
new-case: install
	$(BIN)/kennisbank new-case

lint: install
	$(BIN)/ruff check scripts macros tests
	$(BIN)/ruff format --check scripts macros tests

typecheck: install
	$(BIN)/mypy

## make audit-workflows: de GitHub-workflows en Dependabot-instellingen controleren op veiligheidsfouten
audit-workflows: install
	$(BIN)/zizmor --offline --min-severity medium .github

## make bench: meet buildtijd, bestanden en mappen, make serve, geheugen, paginagrootte en zoekindex bij 100, 1.000 en 3.000 casussen en toont elk doel (niet in make test)
bench: install
	$(BIN)/python -m kennisbank.tools.bench $(ARGS)

system-deps:
	@bash scripts/system-deps.sh

$(NODE_STAMP): tests/node/package.json tests/node/package-lock.json
	npm ci --prefix tests/node --no-audit --no-fund --ignore-scripts
	@touch $@

node-deps: $(NODE_STAMP)

## make linkcheck: de externe links (http/https) in de gebouwde site controleren; niet in CI, alleen op verzoek
linkcheck: build
	$(BIN)/python -m kennisbank.tools.linkcheck $(SITE)

## make test: installeren, dan lint, typecontrole, validatie en alle tests
test: install system-deps node-deps lint typecheck audit-workflows validate
	$(BIN)/pytest

## make clean: site/, .venv/, de cache (.cache/) en tijdelijke bestanden verwijderen
clean:
	rm -rf $(SITE) $(STAGING) $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
