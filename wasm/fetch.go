//go:build js

package wasm

import (
	"errors"
	"fmt"
	"syscall/js"
)

// fetchBytes reads url's body, at most limit bytes (more is refused: not
// the file the page asked for), telling progress the bytes read so far
// of the total (X-Uncompressed-Length, which serve.go sends, or
// Content-Length; 0 for unknown when a host re-encodes the file and it
// says less). Call it in a goroutine: it waits for the browser.
func fetchBytes(url string, limit int, progress func(loaded, total int64)) ([]byte, error) {
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", url, err)
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("%s: HTTP %d %s", url, resp.Get("status").Int(), resp.Get("statusText").String())
	}
	var total int64
	for _, h := range []string{"Content-Length", "X-Uncompressed-Length"} {
		if n := resp.Get("headers").Call("get", h); n.Truthy() {
			fmt.Sscan(n.String(), &total)
		}
	}
	reader := resp.Get("body").Call("getReader")
	var file []byte
	for {
		r, err := await(reader.Call("read"))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", url, err)
		}
		if r.Get("done").Bool() {
			return file, nil
		}
		chunk := r.Get("value")
		n := chunk.Length()
		if len(file)+n > limit {
			return nil, fmt.Errorf("%s: over %d bytes, not the file the page asked for", url, limit)
		}
		if int64(len(file)+n) > total {
			total = 0
		}
		file = append(file, make([]byte, n)...)
		js.CopyBytesToGo(file[len(file)-n:], chunk)
		progress(int64(len(file)), total)
	}
}

// await waits for a promise in a goroutine (never the page's event loop).
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	done := make(chan result, 1)
	var ok, fail js.Func
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ok.Release()
		fail.Release()
		done <- result{v: args[0]}
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ok.Release()
		fail.Release()
		done <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	p.Call("then", ok, fail)
	r := <-done
	return r.v, r.err
}
