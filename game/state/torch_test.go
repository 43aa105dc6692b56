package state

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// torchServer runs the scripts the PyTorch tests send it in one Python
// process for the whole test binary: importing torch takes seconds, once.
// Each request is a length-prefixed JSON [script, args...]; the script
// runs with sys.argv = ["-c", args...] and its printed output comes back
// length-prefixed, after "ok" or "error" (the traceback).
const torchServer = `
import contextlib, io, json, os, sys, traceback
home = os.getcwd() # each script starts here, whatever directory the last one left
stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
def send(status, text):
    b = text.encode()
    stdout.write(b"%s %d\n" % (status.encode(), len(b)) + b); stdout.flush()
try:
    import torch, numpy
except Exception as e:
    send("missing", str(e)); sys.exit()
send("ready", "")
while True:
    n = stdin.readline()
    if not n:
        break
    req = json.loads(stdin.read(int(n)))
    out, status = io.StringIO(), "ok"
    sys.argv = ["-c"] + req[1:]
    os.chdir(home)
    try:
        with contextlib.redirect_stdout(out):
            exec(req[0], {"__name__": "__main__"})
    except BaseException:
        status = "error"
        out.write(traceback.format_exc())
    send(status, out.getvalue())
`

var torch struct {
	sync.Mutex
	started bool
	in      io.WriteCloser
	out     *bufio.Reader
	missing string // why there is no torch, "" when the server runs
}

// python runs a script with /usr/bin/python3, which has PyTorch (Debian's
// python3-torch) and NumPy, and returns what it prints. Without them the
// test is skipped, except in CI (CI=true), where the reference must run.
func python(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	if runtime.GOOS == "js" {
		t.Skip("no subprocesses under js/wasm")
	}
	torch.Lock()
	defer torch.Unlock()
	if !torch.started {
		torch.started = true
		torch.missing = startTorch()
	}
	if torch.missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("/usr/bin/python3 with torch and numpy is missing (python3-torch, python3-numpy): " + torch.missing)
		}
		t.Skip("no /usr/bin/python3 with torch and numpy: " + torch.missing)
	}
	req, _ := json.Marshal(append([]string{script}, args...))
	if _, err := fmt.Fprintf(torch.in, "%d\n%s", len(req), req); err != nil {
		t.Fatalf("python: %v", err)
	}
	status, out, err := reply()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	if status != "ok" {
		t.Fatalf("python: %s", out)
	}
	return out
}

// startTorch starts the server and says why it cannot run ("" when it runs).
func startTorch() string {
	cmd := exec.Command("/usr/bin/python3", "-c", torchServer)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return err.Error()
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err.Error()
	}
	if err := cmd.Start(); err != nil {
		return err.Error()
	}
	torch.in, torch.out = in, bufio.NewReader(out) // the process ends with the test binary's stdin pipe
	status, msg, err := reply()
	switch {
	case err != nil:
		return err.Error()
	case status != "ready":
		return string(msg)
	}
	return ""
}

// reply reads one "status length\n" and the bytes after it.
func reply() (string, []byte, error) {
	line, err := torch.out.ReadString('\n')
	if err != nil {
		return "", nil, fmt.Errorf("the Python server stopped: %v", err)
	}
	status, n, _ := strings.Cut(strings.TrimSpace(line), " ")
	size, err := strconv.Atoi(n)
	if err != nil {
		return "", nil, fmt.Errorf("the Python server said %q", line)
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(torch.out, b); err != nil {
		return "", nil, err
	}
	return status, b, nil
}
