//go:build js

// Command trainworker is the training Web Worker's program (GOOS=js,
// GOARCH=wasm; make train-wasm writes wasm/train.wasm), started by
// wasm/train_worker.js. It carries the page's messages to package
// livetrain, whose comment has the protocol, and posts livetrain's updates
// back. It imports no display code: Ebiten's init wants a document and GL,
// which a worker has not.
package main

import (
	"fmt"
	"math"
	"time"
	"unsafe"

	"syscall/js"

	"convplayground/livetrain"
)

func main() {
	self := js.Global() // the worker's global scope
	msgs := make(chan js.Value, 64)
	enqueue := func(m js.Value) {
		select {
		case msgs <- m:
		default: // the page posts a few messages a second at most
			post(map[string]any{"error": "livetrain: too many messages waiting; one was dropped"})
		}
	}
	// train_worker.js queues what the page posts before Go listens.
	pending := self.Get("pending")
	for i := range pending.Length() {
		enqueue(pending.Index(i))
	}
	self.Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
		enqueue(args[0].Get("data"))
		return nil
	}))
	post(map[string]any{"ready": true})
	w := livetrain.NewWorker(time.Now)
	for {
		if !w.Busy() {
			handle(w, <-msgs) // nothing to do: wait for the page
		}
		for len(msgs) > 0 {
			handle(w, <-msgs)
		}
		u, ok, err := w.Next()
		if err != nil {
			post(map[string]any{"error": err.Error()})
		}
		if ok {
			postUpdate(u)
		}
		if w.Busy() {
			// Sleeping hands the thread back to the worker's event loop,
			// which delivers the page's messages; Go resumes after it.
			time.Sleep(time.Millisecond)
		}
	}
}

// handle passes one message from the page to the worker; a refused message
// is answered with an error message.
func handle(w *livetrain.Worker, m js.Value) {
	var err error
	// (Value.Get panics on anything but an object.)
	if m.Type() == js.TypeObject && m.Get("data").Type() == js.TypeObject {
		d := m.Get("data")
		err = w.Data(livetrain.Dataset{
			TrainImages: bytesOf(d, "train_images"), TrainLabels: bytesOf(d, "train_labels"),
			TestImages: bytesOf(d, "test_images"), TestLabels: bytesOf(d, "test_labels"),
		})
	} else {
		var c livetrain.Message
		if c, err = control(m); err == nil {
			err = w.Control(c)
		}
	}
	if err != nil {
		post(map[string]any{"error": err.Error()})
	}
}

// bytesOf copies the ArrayBuffer (or the bytes a typed array views)
// d[name] into Go; anything else is no bytes, which livetrain refuses.
func bytesOf(d js.Value, name string) []byte {
	v, buf, u8 := d.Get(name), js.Global().Get("ArrayBuffer"), js.Global().Get("Uint8Array")
	switch {
	case v.Type() != js.TypeObject:
		return nil
	case v.InstanceOf(buf):
		u8 = u8.New(v)
	case buf.Call("isView", v).Bool(): // a typed array or DataView: the bytes it views
		u8 = u8.New(v.Get("buffer"), v.Get("byteOffset"), v.Get("byteLength"))
	default:
		return nil
	}
	b := make([]byte, u8.Length())
	js.CopyBytesToGo(b, u8)
	return b
}

// postUpdate posts the progress (its weights as Float32Arrays whose
// buffers are transferred) and the test result of an update.
func postUpdate(u livetrain.Update) {
	if p := u.Progress; p != nil {
		weights, shapes := map[string]any{}, map[string]any{}
		var buffers []any
		for _, w := range p.Weights {
			f := js.Global().Get("Float32Array").New(len(w.Tensor.Data))
			data := w.Tensor.Data
			js.CopyBytesToJS(js.Global().Get("Uint8Array").New(f.Get("buffer")), unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(data))), 4*len(data)))
			weights[w.Name] = f
			buffers = append(buffers, f.Get("buffer"))
			dims := make([]any, len(w.Tensor.Shape))
			for i, d := range w.Tensor.Shape {
				dims[i] = d
			}
			shapes[w.Name] = dims
		}
		js.Global().Call("postMessage", map[string]any{"progress": p.Fields(), "weights": weights, "shapes": shapes}, buffers)
	}
	if u.Test != nil {
		post(map[string]any{"test": u.Test.Fields()})
	}
}

func post(m map[string]any) { js.Global().Call("postMessage", m) }

// control reads a control message: {start: {...}}, {pause: true},
// {resume: true} or {reset: true} (livetrain checks that it is one).
func control(m js.Value) (livetrain.Message, error) {
	var c livetrain.Message
	if m.Type() != js.TypeObject {
		return c, fmt.Errorf("livetrain: a message is an object, got %s", m.Type())
	}
	c.Pause, c.Resume, c.Reset = m.Get("pause").Truthy(), m.Get("resume").Truthy(), m.Get("reset").Truthy()
	s := m.Get("start")
	if s.IsUndefined() {
		return c, nil
	}
	if s.Type() != js.TypeObject {
		return c, fmt.Errorf("livetrain: start is an object of settings, got %s", s.Type())
	}
	var cfg livetrain.Config
	var seed, batch, every float64
	for _, f := range []struct {
		name string
		to   *float64
	}{{"seed", &seed}, {"lr", &cfg.LR}, {"momentum", &cfg.Momentum}, {"batch", &batch}, {"test_every", &every}} {
		v := s.Get(f.name)
		switch v.Type() {
		case js.TypeUndefined:
		case js.TypeNumber:
			*f.to = v.Float()
		default:
			return c, fmt.Errorf("livetrain: start.%s is a number, got %s", f.name, v.Type())
		}
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"seed", seed}, {"batch", batch}, {"test_every", every}} {
		if f.v != math.Trunc(f.v) || f.v < 0 || f.v > 1<<53 {
			return c, fmt.Errorf("livetrain: start.%s %v: want a whole number from 0 to 2^53", f.name, f.v)
		}
	}
	cfg.Seed, cfg.Batch, cfg.TestEvery = uint64(seed), int(batch), int(every)
	for _, f := range []struct {
		name string
		to   *string
	}{{"net", &cfg.Net}, {"optimizer", &cfg.Optimizer}} {
		v := s.Get(f.name)
		switch v.Type() {
		case js.TypeUndefined:
		case js.TypeString:
			*f.to = v.String()
		default:
			return c, fmt.Errorf("livetrain: start.%s is a string, got %s", f.name, v.Type())
		}
	}
	c.Start = &cfg
	return c, nil
}
