# Conv Playground. `make serve` runs it, `make test` passes all the tests.
# Both install what they need (Debian packages via apt-get when run as root).

GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
WASMEXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
ADDR    ?= 127.0.0.1:8080

.PHONY: serve wasm desktop test test-unit test-wasm bench train golden deps-test deps-desktop clean

serve: wasm
	$(GO) run serve.go -addr $(ADDR) -dir .

wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o wasm/main.wasm .
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" wasm/wasm_exec.js

test: deps-test test-unit test-wasm

# Everything natively, under Xvfb because Ebiten needs a display at init.
test-unit:
	xvfb-run -a $(GO) test ./...

# The display-free packages again, compiled to WebAssembly and run by Node.
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASMEXEC)" ./conv/...

clean:
	rm -f wasm/main.wasm wasm/main.wasm.br wasm/main.wasm.gz wasm/wasm_exec.js
