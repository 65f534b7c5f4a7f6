# crimemap: build, preview and test a street-level crime map site.
#
#   make site    build the site from the embedded sample dataset and serve it
#   make test    run every test
#   make bench   national-scale benchmarks (generates the national sample once)
#   make fuzz    run each fuzz target for FUZZTIME

SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)

GO        ?= go
BIN       := bin/crimemap
CACHE     ?= $(HOME)/.cache/crimemap
SAMPLE    := .cache/sample
ADDR      ?= 127.0.0.1:8080
FUZZTIME  ?= 60s
SHARED    := ../shared

.PHONY: all build site sample test vet crawl bench bench-map fuzz clean npm chromium minio

# Front-end packages, installed exactly as the lock file says. The tests read
# the built tiles with them, as the browser does.
NODE_MODULES := assets/node_modules/.package-lock.json

$(NODE_MODULES): assets/package.json assets/package-lock.json
	cd assets && npm ci --no-audit --no-fund
	@touch $@

npm: $(NODE_MODULES)

# Debian's Chromium for the browser tests; playwright-core drives it and
# never downloads a browser of its own.
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

chromium: $(CHROMIUM)

# A real MinIO server for the publish tests, built from source through the
# module proxy into the cache outside the repository (about 6 minutes on 2
# cores the first time, 1.2 GB of module cache, 0.9 GB of build cache, a
# 143 MB binary).
MINIO_VERSION := v0.0.0-20260212201848-7aac2a2c5b7c
MINIO         := $(CACHE)/bin/minio

$(MINIO):
	GOBIN=$(CACHE)/bin $(GO) install github.com/minio/minio@$(MINIO_VERSION)

minio: $(MINIO)

all: build

# The binary embeds the bundled stylesheets and scripts, so it builds a
# site from any folder and needs no Node.js; --assets DIR bundles from a
# source tree instead, for development.
build: $(NODE_MODULES)
	$(GO) run ./cmd/bundle --assets assets --out generator/bundle/dist
	$(GO) build -o $(BIN) ./cmd/crimemap

# The small sample is deterministic; a second run keeps the files it finds
# complete.
sample: build
	$(BIN) sample --quiet --out $(SAMPLE)

site: sample
	$(BIN) build --data $(SAMPLE) --out public --base-url http://$(ADDR)/
	$(BIN) serve --dir public --addr $(ADDR)

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

vet:
	@unformatted=$$(gofmt -l cmd generator templates assets); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Every test: the Go suite (unit, whole-build, real-data, CLI), then the
# independent crawler over a site built from the sample. The whole-build
# package (generator/site, with the browser checks) takes about ten minutes
# on two cores, which is go test's default limit for a package: the limit
# is raised so that a slower machine does not fail it.
test: vet sample $(NODE_MODULES) $(CHROMIUM) $(MINIO)
	CRIMEMAP_MINIO=$(MINIO) $(GO) test -count=1 -timeout 40m ./...
	node --test assets/test/*.test.mjs
	rm -rf .cache/test-site
	$(BIN) build --quiet --data $(SAMPLE) --out .cache/test-site
	@if [ -f $(SHARED)/tools/crawl.py ]; then python3 $(SHARED)/tools/crawl.py .cache/test-site; \
	  else echo "crawl: $(SHARED)/tools/crawl.py not found, skipped"; fi

# The national sample (about 8 GB) is generated once and kept outside the
# repository; running sample again keeps its complete files and finishes an
# interrupted run.
NATIONAL := $(CACHE)/national

# The whole build, from nothing and monthly, then from nothing at 12 and 24
# months; sites and caches go to $(CACHE)/bench (about 30 GB while it runs).
bench: build $(NODE_MODULES)
	$(BIN) sample --quiet --scale national --out $(NATIONAL)
	$(GO) run ./cmd/bench --data $(NATIONAL) --work $(CACHE)/bench --scaling --json $(CACHE)/bench.json
	@echo "reference for the page renderer (same number of pages as the national site):"
	bench/hugo-reference.sh 5974
	$(MAKE) --no-print-directory bench-map
	$(GO) test -run '^$$' -bench . -benchmem ./generator/...

# The map's first view on the sample site: bytes loaded and time to the
# first crime drawn, in headless Chromium.
bench-map: sample $(NODE_MODULES) $(CHROMIUM)
	rm -rf .cache/bench-site
	$(BIN) build --quiet --data $(SAMPLE) --out .cache/bench-site --base-url http://127.0.0.1:8766/
	$(BIN) serve --dir .cache/bench-site --addr 127.0.0.1:8766 >/dev/null & pid=$$!; sleep 1; \
	  node assets/test/mapbench.mjs http://127.0.0.1:8766/; rc=$$?; kill $$pid; exit $$rc

FUZZ_TARGETS := \
	./generator/csvread:FuzzCSVReader \
	./generator/source:FuzzParseStreet \
	./generator/source:FuzzParseRows \
	./generator/source:FuzzOpenZip \
	./generator/source:FuzzDecodeParsed \
	./generator/hosting:FuzzParseRules \
	./generator/slug:FuzzMake \
	./generator/slug:FuzzUnique \
	./generator/reference:FuzzReadKML \
	./generator/reference:FuzzReadGeoJSON \
	./generator/reference:FuzzReadDetails \
	./generator/reference:FuzzReadPostcodes \
	./generator/reference:FuzzReadPopulation \
	./generator/snap:FuzzReadGazetteer \
	./generator/snap:FuzzKeep \
	./generator/pmtiles:FuzzOpen \
	./generator/pmtiles:FuzzRead \
	./generator/pmtiles:FuzzDirectory \
	./generator/markdown:FuzzParse \
	./generator/charts:FuzzText \
	./generator/charts:FuzzIsClean \
	./generator/pages:FuzzMarkup \
	./generator/pages:FuzzXMLText \
	./generator/downloads:FuzzCopyKept

# Go 1.26's fuzzing coordinator can end a run with "context deadline
# exceeded" at the -fuzztime boundary without any failing input
# (go.dev/issue/75804, fixed in Go 1.27). A target fails here when the
# fuzzer wrote a failing input to testdata/fuzz/<target>/, or failed in any
# other way; that one message with no new input is reported and passed.
fuzz:
	@mkdir -p .cache
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; dir=$$pkg/testdata/fuzz/$$name; \
	  echo "fuzz $$name ($$pkg) for $(FUZZTIME)"; \
	  before=$$(ls $$dir 2>/dev/null | wc -l); \
	  $(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) $$pkg > .cache/fuzz.log 2>&1; rc=$$?; \
	  tail -3 .cache/fuzz.log; after=$$(ls $$dir 2>/dev/null | wc -l); \
	  if [ $$rc -ne 0 ]; then \
	    if [ $$after -eq $$before ] && grep -q '^    context deadline exceeded$$' .cache/fuzz.log && ! grep -q 'Failing input written' .cache/fuzz.log; then \
	      echo "fuzz $$name: stopped by Go's fuzztime race (go.dev/issue/75804), no failing input: passed"; \
	    else cat .cache/fuzz.log; exit 1; fi; \
	  fi; \
	done

clean:
	rm -rf bin .cache public public.staging-* public.old
