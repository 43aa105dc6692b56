# Conv Playground. `make serve` runs it, `make test` passes all the tests.
# Both install what they need (Debian packages via apt-get when run as root).

# The project's Go: a machine starts on its own Go (GOTOOLCHAIN=local), and
# the go command fetches this one from the module proxy once (~76 MB).
export GOTOOLCHAIN := go1.27.3
GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
WASMEXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
ADDR    ?= 127.0.0.1:8080

.PHONY: serve site wasm desktop test test-unit test-wasm test-e2e bench train golden fonts deps deps-test deps-desktop deps-wasm clean

serve: wasm
	$(GO) run serve.go -addr $(ADDR) -dir .

# The site for any static host: exactly the files the page loads (and the
# precompressed wasm), written to $(SITE) by serve.go's -site (which
# replaces an earlier site there and refuses a directory holding other files).
SITE ?= bin/site
site: wasm
	$(GO) run serve.go -dir . -site $(SITE)

# The browser build: wasm/main.wasm, wasm_exec.js from the same Go, and the
# precompressed .br/.gz that serve.go sends (redone only for a new build:
# brotli -q 11 takes a while).
wasm: deps-wasm
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o wasm/main.wasm.new .
	cmp -s wasm/main.wasm.new wasm/main.wasm && rm wasm/main.wasm.new || mv wasm/main.wasm.new wasm/main.wasm
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" wasm/wasm_exec.js
	[ wasm/main.wasm.gz -nt wasm/main.wasm ] || gzip -9 -n -c wasm/main.wasm > wasm/main.wasm.gz
	@if ! command -v brotli >/dev/null; then echo "no brotli: serving main.wasm.gz only"; rm -f wasm/main.wasm.br; \
	elif [ ! wasm/main.wasm.br -nt wasm/main.wasm ]; then echo brotli -q 11 wasm/main.wasm; brotli -f -n -q 11 -o wasm/main.wasm.br wasm/main.wasm; fi
	chmod 644 wasm/main.wasm*
	@ls -l wasm/main.wasm* | awk '{ printf "%-20s %9d bytes  %6.2f MiB\n", $$9, $$5, $$5 / 1048576 }'
	@[ ! -f wasm/main.wasm.br ] || [ $$(stat -c %s wasm/main.wasm.br) -le 2500000 ] || echo "WARNING: main.wasm.br is over the 2,500,000-byte budget (README: sizes)"

# The desktop app: a native binary (cgo, GLFW) with the same UI.
desktop: deps-desktop
	CGO_ENABLED=1 $(GO) build -trimpath -o bin/conv-playground .
	@echo "built bin/conv-playground"

# Debian packages, installed with apt-get when missing and running as root.
DESKTOP_PKGS := gcc libc6-dev libgl1-mesa-dev libxcursor-dev libxi-dev libxinerama-dev libxrandr-dev libxxf86vm-dev pkg-config
TEST_PKGS    := $(DESKTOP_PKGS) chromium xvfb xauth imagemagick python3-numpy python3-torch brotli node:nodejs

deps: deps-test
deps-wasm: # optional: without brotli, make wasm writes only the .gz
	-.ci/need brotli
deps-desktop:
	.ci/need $(DESKTOP_PKGS)
deps-test:
	.ci/need $(TEST_PKGS)

test: deps-test test-unit test-wasm

# Everything natively, under Xvfb because Ebiten needs a display at init.
# This includes the browser end-to-end test and the desktop smoke test (e2e/).
test-unit:
	xvfb-run -a -s "-screen 0 1280x1024x24" $(GO) test -timeout 30m ./...

# The display-free packages again, compiled to WebAssembly and run by Node.
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASMEXEC)" ./conv/... ./game/state/...

# Only the browser and desktop end-to-end tests (headless Chromium, Xvfb).
test-e2e: deps-test
	xvfb-run -a -s "-screen 0 1280x1024x24" $(GO) test -count=1 -v ./e2e/

# The forward-pass benchmarks (DESIGN.md's workloads A-D), BENCHCOUNT runs
# each: native on one goroutine (1g) and on all cores (all), then
# WebAssembly in Node (one thread). Other processes on the machine only
# slow a run down, so the best run is the closest to the machine's speed;
# "cpu best" (1g, Linux and Node) counts CPU time instead of wall time.
BENCHCOUNT ?= 3
BENCHTIME  ?= 1s
BENCHSUM = awk '/^BenchmarkForward\// { n = $$1; sub(/^BenchmarkForward\//, "", n); sub(/-[0-9]+$$/, "", n); \
	if (!(n in cnt)) names[++k] = n; c = ++cnt[n]; cg[n, c] = "-"; \
	for (i = 3; i <= NF; i++) { if ($$i == "GFLOP/s") g[n, c] = $$(i - 1); if ($$i == "ms/op") ms[n, c] = $$(i - 1); \
	if ($$i == "cpu-GFLOP/s") cg[n, c] = $$(i - 1); if ($$i == "allocs/op" && $$(i - 1) > al[n]) al[n] = $$(i - 1) } } \
	END { printf "%-24s %8s %8s %9s %9s %10s %9s\n", "workload/goroutines", "GFLOP/s", "median", "ms/op", "median", "allocs/op", "cpu best"; \
	for (i = 1; i <= k; i++) { n = names[i]; c = cnt[n]; \
	for (a = 1; a <= c; a++) for (b = a + 1; b <= c; b++) { \
	if (g[n, b] > g[n, a]) { t = g[n, a]; g[n, a] = g[n, b]; g[n, b] = t; t = ms[n, a]; ms[n, a] = ms[n, b]; ms[n, b] = t } \
	if (cg[n, b] > cg[n, a]) { t = cg[n, a]; cg[n, a] = cg[n, b]; cg[n, b] = t } } \
	m = int((c + 1) / 2); printf "%-24s %8.2f %8.2f %9.3f %9.3f %10d %9s\n", n, g[n, 1], g[n, m], ms[n, 1], ms[n, m], al[n], cg[n, 1] } }'

bench:
	@echo "native, GOARCH=$$($(GO) env GOARCH), $$(nproc) cores, best and median of $(BENCHCOUNT):"
	@out=$$($(GO) test -run '^$$' -bench 'Forward/' -benchtime $(BENCHTIME) -count $(BENCHCOUNT) ./conv/ 2>&1) || { echo "$$out"; exit 1; }; echo "$$out" | $(BENCHSUM)
	@echo "wasm in Node $$(node --version), best and median of $(BENCHCOUNT):"
	@out=$$(GOOS=js GOARCH=wasm $(GO) test -exec="$(WASMEXEC)" -run '^$$' -bench 'Forward/.*/1g' -benchtime $(BENCHTIME) -count $(BENCHCOUNT) ./conv/ 2>&1) || { echo "$$out"; exit 1; }; echo "$$out" | $(BENCHSUM)
	@echo "one stroke -> every feature map and the network's guess (game/state), native then wasm:"
	@$(GO) test -run '^$$' -bench Stroke -benchtime $(BENCHTIME) ./game/state/ | grep '^Benchmark'
	@GOOS=js GOARCH=wasm $(GO) test -exec="$(WASMEXEC)" -run '^$$' -bench Stroke -benchtime $(BENCHTIME) ./game/state/ | grep '^Benchmark'

# The PyTorch golden fixtures of conv/ (conv/testdata/golden, conv/npy/testdata)
# and of nn/ (nn/testdata: the network's logits and gradients):
# Debian's python3-torch 1.13 and NumPy. Deterministic; commit the result.
golden:
	.ci/need python3-torch python3-numpy
	$(GO) test ./conv/npy -run TestGoFiles -update
	/usr/bin/python3 scripts/golden.py
	/usr/bin/python3 scripts/nn_golden.py

# The embedded fonts (assets/fonts): Go Regular and Go Mono from the
# golang.org/x/image module without their hinting instructions, which
# x/image/font/opentype never runs (same pixels, 58 KB less brotli wasm).
# Debian's python3-fonttools. Deterministic; commit the result.
fonts:
	.ci/need python3-fonttools
	/usr/bin/python3 scripts/fonts.py

# The learned filters: trains package nn's network on the 60k MNIST training
# images of the GoMNIST module (fixed seed; 3 minutes on 2 free cores) and writes
# assets/mnist_lenet.bin. Commit the result.
train:
	$(GO) run ./cmd/train

clean:
	rm -f wasm/main.wasm wasm/main.wasm.new wasm/main.wasm.br wasm/main.wasm.gz wasm/wasm_exec.js
	rm -rf bin
