package e2e

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"convplayground/internal/static"
)

// `go run serve.go` (what `make serve` runs) serves the page and the
// precompressed wasm. The handler itself is tested in internal/static; this
// checks the program around it: flags, listening, the address it prints.
func TestServeProgram(t *testing.T) {
	dir := site(t)
	bin := filepath.Join(t.TempDir(), "serve")
	goCmd(t, nil, "build", "-o", bin, "serve.go")
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-dir", dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()

	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`on (http://\S+/)`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
				break
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	var url string
	select {
	case url = <-addr:
	case <-time.After(30 * time.Second):
		t.Fatal("serve.go printed no address")
	}

	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(page), "<title>Conv Playground</title>") {
		t.Errorf("GET /: %d, no playground page", res.StatusCode)
	}

	req, _ := http.NewRequest("GET", url+"wasm/main.wasm", nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	res, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("Content-Encoding"); got != siteEncoding {
		t.Errorf("main.wasm: Content-Encoding %q, want %q", got, siteEncoding)
	}
	if got := res.Header.Get("Content-Type"); got != "application/wasm" {
		t.Errorf("main.wasm: Content-Type %q", got)
	}
	checkServed(t, url)
	checkSlowHeaders(t, strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"))
}

// checkServed: the program serves the site's files only, GET and HEAD only.
func checkServed(t *testing.T, url string) {
	for _, p := range []string{"serve.go", "go.mod", "wasm/", "wasm/main.wasm.br", ".git/config", "wasm/../serve.go", "%2e%2e/go.mod"} {
		res, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET /%s: %d, want 404", p, res.StatusCode)
		}
	}
	res, err := http.Post(url, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}

// checkSlowHeaders: clients that send half a header are all dropped after
// the header timeout.
func checkSlowHeaders(t *testing.T, addr string) {
	const clients = 100
	start := time.Now()
	done := make(chan time.Duration, clients)
	for range clients {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n"))
		go func() {
			defer c.Close()
			c.SetReadDeadline(time.Now().Add(static.ReadHeaderTimeout + 20*time.Second))
			io.Copy(io.Discard, c) // ends when the server closes
			done <- time.Since(start)
		}()
	}
	var last time.Duration
	for range clients {
		last = max(last, <-done)
	}
	if last > static.ReadHeaderTimeout+3*time.Second {
		t.Errorf("%d half-header clients: the last was held %v (ReadHeaderTimeout %v)", clients, last, static.ReadHeaderTimeout)
	}
	t.Logf("%d half-header clients all dropped after %v", clients, last.Round(10*time.Millisecond))
}
