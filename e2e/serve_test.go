package e2e

import (
	"bufio"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
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
}
