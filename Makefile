# sluice — see README.md. `make run` and `make test` are all a newcomer needs.

GO          ?= go
BIN         ?= bin/sluice
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X main.version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# A count, not a duration: counts never hit Go's fuzz deadline race (golang/go#75804).
FUZZTIME    ?= 20000x
# Fuzz targets as package:Name; `make fuzz FUZZTIME=10m` runs them longer.
FUZZ_TARGETS := $(shell grep -ho '^func Fuzz[A-Za-z]*' stages/*_test.go | sed 's/func /stages:/') \
                $(shell grep -ho '^func Fuzz[A-Za-z]*' pipeline/*_test.go | sed 's/func /pipeline:/')

.PHONY: all build run test test-faults unit fuzz lint check-kcat bench bench-html score score-textdump

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/sluice

## run: the service on the embedded broker at 127.0.0.1:9092 (Ctrl-C stops it).
run:
	$(GO) run -ldflags "$(LDFLAGS)" ./cmd/sluice run

## test: vet, formatting, every test (Kafka ones on loopback), 20000 inputs of every fuzz target.
test: check-kcat
	$(GO) vet -tags faults ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) test -count=1 -timeout 8m ./...
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZTIME)

## test-faults: the pipeline under kill -9 (20,000 pages, 10 kills), cut connections,
## a member leaving mid-stream and poison inputs, against real brokers on loopback (~2 min).
test-faults:
	$(GO) test -count=1 -tags faults -run '^TestFault' -timeout 15m -v ./cmd/sluice

## unit: the tests alone.
unit:
	$(GO) test -count=1 ./...

## fuzz: every fuzz target for FUZZTIME (a count like 20000x, or a duration like 5m).
## A run that fails with "context deadline exceeded" and writes no failing input is Go's
## fuzz-coordinator race (golang/go#75804, fixed in Go 1.27), reported and not counted.
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; dir=$$pkg/testdata/fuzz/$$name; \
	  before=$$(ls $$dir 2>/dev/null | wc -l); \
	  echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
	  if ! $(GO) test ./$$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) >/tmp/sluice-fuzz.log 2>&1; then \
	    after=$$(ls $$dir 2>/dev/null | wc -l); \
	    if [ "$$after" = "$$before" ] && grep -q 'context deadline exceeded' /tmp/sluice-fuzz.log; then \
	      echo "  ignored: fuzz coordinator deadline race (golang/go#75804), no failing input"; \
	    else cat /tmp/sluice-fuzz.log; exit 1; fi; \
	  fi; \
	done

## lint: go vet, gofmt and staticcheck; vet of the bench/ module too, so it keeps building.
lint:
	$(GO) vet -tags faults ./...
	@test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	$(GO) run $(STATICCHECK) -tags faults ./...
	cd bench && $(GO) vet ./...

check-kcat:
	@command -v kcat >/dev/null || { echo "kcat is needed by the tests: apt-get install -y kcat"; exit 1; }

## bench: text cleaning on one core over 50 MB of corpus-like pages and 50 MB of whole-page text dumps, with a baseline
## (decode + normalize) from the same run and the ratio of the two; the pathological inputs;
## then end to end through an embedded broker next to a kafka-go passthrough and offline cleaning,
## five rounds of the three (this machine is noisy), each round's ratio and their median; the CPU
## time per page of end to end next to offline cleaning, the same comparison by cost.
bench:
	@GOMAXPROCS=1 $(GO) test -run '^$$' -bench 'CleanText|BaselineNormalize' -benchtime 3x -count 1 ./pipeline/ | tee /tmp/sluice-bench.txt
	@awk '/^BenchmarkCleanText[ \t-]/ {for (i=1;i<=NF;i++) if ($$i=="MB/s") c=$$(i-1)} \
	      /^BenchmarkCleanTextDump/ {for (i=1;i<=NF;i++) if ($$i=="MB/s") t=$$(i-1)} \
	      /^BenchmarkBaselineNormalize/ {for (i=1;i<=NF;i++) if ($$i=="MB/s") n=$$(i-1)} \
	      END {if (n > 0) printf "text cleaning: %s MB/s on one core = %.2f x the decode+normalize baseline (%s MB/s)\nwhole-page text dumps: %s MB/s on one core = %.2f x the baseline\n", c, c/n, n, t, t/n}' /tmp/sluice-bench.txt
	@GOMAXPROCS=1 $(GO) test -run '^$$' -bench 'Pathological' -benchtime 1x -count 1 ./pipeline/ | grep -E '^Benchmark|^ok'
	@rm -f /tmp/sluice-e2e.txt; for round in 1 2 3 4 5; do \
	  $(GO) test -run '^$$' -bench 'EndToEnd|Passthrough|OfflineClean' -benchtime 2x -count 1 ./pipeline/ | grep -E '^Benchmark|FAIL|panic' | tee -a /tmp/sluice-e2e.txt; done
	@awk 'function v(unit) {for (i=1;i<=NF;i++) if ($$i==unit) return $$(i-1)} \
	      /^BenchmarkEndToEnd/ {e=v("pages/s"); em=v("MB/s"); r=v("MB-peak-RSS"); j=v("join-ms"); s=v("stop-ms"); ec=v("cpu-us/page")} /^BenchmarkPassthrough/ {p=v("pages/s")} \
	      /^BenchmarkOfflineClean/ {o=v("pages/s"); oc=v("cpu-us/page"); low=(p<o)?p:o; k=n++; q[k]=e/low; c[k]=oc/ec; \
	        printf "end to end through the broker, round %d: %d pages/s, %s MB/s (steady rate; group join %s ms and shutdown %s ms apart) = %.2f x the lower of a kafka-go passthrough (%d pages/s) and offline cleaning (%d pages/s) on the same cores; CPU per page %s us end to end, %s us offline; peak RSS %s MB (broker included)\n", n, e, em, j, s, e/low, p, o, ec, oc, r} \
	      END {for (a=0;a<n;a++) for (b=a+1;b<n;b++) {if (q[b]<q[a]) {t=q[a]; q[a]=q[b]; q[b]=t}; if (c[b]<c[a]) {t=c[a]; c[a]=c[b]; c[b]=t}}; \
	        if (n > 0) printf "end to end: median of %d rounds = %.2f x the lower of passthrough and offline cleaning; by CPU per page, offline / end to end = %.2f (median)\n", n, q[int(n/2)], c[int(n/2)]}' /tmp/sluice-e2e.txt

## bench-html: sluice next to go-trafilatura (with and without fallback) and go-readability
## on the HTML ground-truth sets, one process, one core (the bench/ module, so sluice
## itself does not depend on them).
bench-html:
	cd bench && $(GO) build -o ../bin/extractbench ./cmd/extractbench
	GOMAXPROCS=1 bin/extractbench --set ../shared/corpus/html/scrapinghub --score ../shared/tools/score-html
	GOMAXPROCS=1 bin/extractbench --set ../shared/corpus/html/wcxb-dev --score ../shared/tools/score-html --type article

## score: the text corpus scored with the corpus's own scorer.
score: build
	$(BIN) clean ../shared/corpus/text/*/input.txt > /tmp/sluice-text.jsonl
	../shared/tools/score-corpus --corpus ../shared/corpus/text --outputs /tmp/sluice-text.jsonl

## score-textdump: crawlers' plain-text dumps of whole pages, scored against the HTML sets' ground truth.
score-textdump: build
	$(BIN) clean ../shared/corpus/textdump/scrapinghub/pages > /tmp/sluice-textdump-sh.jsonl
	../shared/tools/score-html --set ../shared/corpus/textdump/scrapinghub --outputs /tmp/sluice-textdump-sh.jsonl
	-$(BIN) clean ../shared/corpus/textdump/wcxb-dev-articles/pages > /tmp/sluice-textdump-wcxb.jsonl
	../shared/tools/score-html --set ../shared/corpus/textdump/wcxb-dev-articles --outputs /tmp/sluice-textdump-wcxb.jsonl
