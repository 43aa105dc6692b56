package e2e

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"convplayground/internal/static"
)

// fakeWasm is n bytes of compressible text (brotli -q 11 takes a moment on
// it, like on the real build), different for each seed.
func fakeWasm(seed uint64, n int) []byte {
	words := strings.Fields("conv stride padding dilation kernel channel weight bias tensor map filter")
	r := rand.New(rand.NewPCG(seed, 1))
	var b bytes.Buffer
	for b.Len() < n {
		b.WriteString(words[r.IntN(len(words))])
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.Bytes()[:n]
}

// `make wasm`'s install step (wasm-install) while a server serves the
// directory: every response is a whole main.wasm of one build or the
// other, in any encoding (the .gz was sent truncated and the .br empty
// while they were written); the variants carry main.wasm's time; nothing
// unchanged is rewritten (wasm_exec.js kept its Last-Modified).
func TestWasmInstall(t *testing.T) {
	need(t, "make")
	need(t, "gzip")
	dir := t.TempDir()
	wasmDir := filepath.Join(dir, "wasm")
	os.Mkdir(wasmDir, 0o755)
	wasm := filepath.Join(wasmDir, "main.wasm")
	install := func(data []byte) {
		t.Helper()
		if err := os.WriteFile(wasm+".new", data, 0o755); err != nil {
			t.Fatal(err)
		}
		makeCmd(t, "wasm-install", "NEW="+wasm+".new")
	}
	times := func() map[string]time.Time {
		m := map[string]time.Time{}
		for _, f := range []string{"main.wasm", "main.wasm.gz", "main.wasm.br", "wasm_exec.js"} {
			if info, err := os.Stat(filepath.Join(wasmDir, f)); err == nil {
				m[f] = info.ModTime()
			}
		}
		return m
	}

	a, b := fakeWasm(1, 1<<20), fakeWasm(2, 1<<20)
	install(a)
	got := times()
	for _, v := range []string{"main.wasm.gz", "main.wasm.br"} {
		if mt, ok := got[v]; ok && !mt.Equal(got["main.wasm"]) {
			t.Errorf("%s has time %v, main.wasm %v: the server would not send it", v, mt, got["main.wasm"])
		}
	}
	if _, ok := got["main.wasm.gz"]; !ok {
		t.Fatal("no main.wasm.gz")
	}
	exec, _ := os.ReadFile(filepath.Join(goroot(t), "lib", "wasm", "wasm_exec.js"))
	if mine, _ := os.ReadFile(filepath.Join(wasmDir, "wasm_exec.js")); !bytes.Equal(mine, exec) {
		t.Error("wasm_exec.js is not Go's")
	}
	time.Sleep(20 * time.Millisecond) // a rewrite would show as a new time
	install(a)
	if again := times(); len(again) != len(got) {
		t.Errorf("files %v after the same build, were %v", again, got)
	} else {
		for f, mt := range got {
			if !again[f].Equal(mt) {
				t.Errorf("the same build again rewrote %s", f)
			}
		}
	}
	brA, _ := os.ReadFile(wasm + ".br")

	// A new build while a client keeps fetching.
	srv := httptest.NewServer(static.Handler(dir))
	defer srv.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	var bad []string
	var brotli [][]byte // brotli bodies not of the first build: checked after the install
	for _, accept := range []string{"br, gzip", "gzip", "identity"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				enc, body, err := fetchRaw(srv.URL+"/wasm/main.wasm", accept)
				mu.Lock()
				counts[enc]++
				if err != nil {
					bad = append(bad, err.Error())
				} else if plain, ok := decoded(enc, body); ok && !bytes.Equal(plain, a) && !bytes.Equal(plain, b) {
					bad = append(bad, enc+": not a whole build")
				} else if !ok && !bytes.Equal(body, brA) {
					brotli = append(brotli, body)
				}
				mu.Unlock()
			}
		}()
	}
	install(b)
	close(stop)
	wg.Wait()
	brB, _ := os.ReadFile(wasm + ".br")
	for _, body := range brotli {
		if !bytes.Equal(body, brB) {
			bad = append(bad, "br: not a whole build's variant")
		}
	}
	t.Logf("responses during the install, by encoding: %v", counts)
	if len(bad) > 0 {
		t.Errorf("%d of the responses were broken, e.g. %s", len(bad), bad[0])
	}
	if mine, _ := os.ReadFile(wasm); !bytes.Equal(mine, b) {
		t.Error("main.wasm is not the new build")
	}
	for _, f := range []string{"main.wasm.new", "main.wasm.gz.new", "main.wasm.br.new", "wasm_exec.js.new"} {
		if _, err := os.Stat(filepath.Join(wasmDir, f)); err == nil {
			t.Errorf("%s left behind", f)
		}
	}
}

// fetchRaw GETs url with an Accept-Encoding, returning the encoding and
// the body as sent.
func fetchRaw(url, accept string) (string, []byte, error) {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", accept)
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return "", nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.Header.Get("Content-Encoding"), body, err
}

// decoded is the body without its encoding, or false for brotli (which
// Go's library cannot read: compared as bytes instead).
func decoded(enc string, body []byte) ([]byte, bool) {
	switch enc {
	case "":
		return body, true
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, true
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			return nil, true
		}
		return plain, true
	}
	return nil, false
}
