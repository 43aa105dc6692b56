//go:build js

package wasm

import (
	"errors"
	"syscall/js"
	"unsafe"

	"convplayground/conv"
	"convplayground/game"
	"convplayground/game/training"
	"convplayground/i18n"
	"convplayground/livetrain"
)

// The files training needs beside the page (internal/static.Files).
const (
	trainWorkerJS = "wasm/train_worker.js"
	trainDataFile = "assets/mnist12k.bin.gz"
)

// Train gives the game's training session the browser's backend: a Web
// Worker (wasm/train_worker.js running train.wasm, package livetrain's
// protocol) that trains off the page's thread, started on the first
// Train or Reset, and the data file fetched on the first Train.
func Train(g *game.Game) {
	s := g.Training()
	s.Backend = &trainWorker{post: s.Post}
}

// trainWorker is the Web Worker as a training.Backend.
type trainWorker struct {
	post   func(training.Event)
	worker js.Value
	funcs  []js.Func // the worker's handlers, alive as long as it is
}

// Send posts a control message, starting the worker first.
func (b *trainWorker) Send(m livetrain.Message) {
	b.start()
	var msg map[string]any
	switch {
	case m.Start != nil:
		c := m.Start
		msg = map[string]any{"start": map[string]any{"net": c.Net, "seed": float64(c.Seed), "optimizer": c.Optimizer,
			"lr": c.LR, "momentum": c.Momentum, "batch": c.Batch, "test_every": c.TestEvery}}
	case m.Pause:
		msg = map[string]any{"pause": true}
	case m.Resume:
		msg = map[string]any{"resume": true}
	case m.Reset:
		msg = map[string]any{"reset": true}
	}
	b.worker.Call("postMessage", msg)
}

func (b *trainWorker) start() {
	if b.worker.Truthy() {
		return
	}
	b.worker = js.Global().Get("Worker").New(trainWorkerJS)
	onMessage := js.FuncOf(func(_ js.Value, args []js.Value) any { b.message(args[0].Get("data")); return nil })
	onError := js.FuncOf(func(_ js.Value, args []js.Value) any {
		b.post(training.Event{Err: i18n.Errorf(i18n.TrainWorkerFailed, args[0].Get("message").String())})
		return nil
	})
	b.funcs = append(b.funcs, onMessage, onError)
	b.worker.Set("onmessage", onMessage)
	b.worker.Set("onerror", onError)
}

// message turns one of the worker's messages into a session event.
func (b *trainWorker) message(d js.Value) {
	switch {
	case d.Get("error").Truthy():
		b.post(training.Event{Err: errors.New(d.Get("error").String())})
	case d.Get("test").Truthy():
		t := d.Get("test")
		b.post(training.Event{Test: &livetrain.Test{Step: t.Get("step").Int(), Accuracy: t.Get("test_accuracy").Float()}})
	case d.Get("progress").Truthy():
		p := d.Get("progress")
		b.post(training.Event{Progress: &livetrain.Progress{
			Step: p.Get("step").Int(), Epoch: p.Get("epoch").Float(), Loss: p.Get("loss").Float(), LossRaw: p.Get("loss_raw").Float(),
			ImagesPerS: p.Get("images_per_s").Float(), Running: p.Get("running").Bool(), Snapshot: p.Get("snapshot").Bool(),
			Weights: stateDictOf(d.Get("weights"), d.Get("shapes")),
		}})
	}
}

// stateDictOf copies the worker's weights {name: Float32Array} with their
// shapes {name: [dims]} into Go tensors.
func stateDictOf(weights, shapes js.Value) []livetrain.Param {
	keys := js.Global().Get("Object").Call("keys", weights)
	sd := make([]livetrain.Param, keys.Length())
	for i := range sd {
		name := keys.Index(i).String()
		f, dims := weights.Get(name), shapes.Get(name)
		shape := make([]int, dims.Length())
		for k := range shape {
			shape[k] = dims.Index(k).Int()
		}
		t := conv.Zeros(shape...)
		if n := f.Get("length").Int(); n == len(t.Data) {
			bytes := js.Global().Get("Uint8Array").New(f.Get("buffer"), f.Get("byteOffset"), 4*n)
			js.CopyBytesToGo(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(t.Data))), 4*n), bytes)
		}
		sd[i] = livetrain.Param{Name: name, Tensor: t}
	}
	return sd
}

// LoadData fetches the data file, reporting its bytes as they come,
// checks it and hands it to the worker (its buffers transferred).
func (b *trainWorker) LoadData() {
	b.start()
	go func() {
		file, err := fetchBytes(trainDataFile, maxDataFile, func(loaded, total int64) {
			b.post(training.Event{Loaded: loaded, Total: total})
		})
		if err != nil {
			b.post(training.Event{DataErr: err})
			return
		}
		d, err := training.Dataset(file)
		if err != nil {
			b.post(training.Event{DataErr: err})
			return
		}
		msg := map[string]any{}
		var buffers []any
		for name, part := range map[string][]byte{"train_images": d.TrainImages, "train_labels": d.TrainLabels,
			"test_images": d.TestImages, "test_labels": d.TestLabels} {
			a := js.Global().Get("Uint8Array").New(len(part))
			js.CopyBytesToJS(a, part)
			msg[name] = a
			buffers = append(buffers, a.Get("buffer"))
		}
		b.worker.Call("postMessage", map[string]any{"data": msg}, buffers)
		b.post(training.Event{DataReady: true})
	}()
}

// maxDataFile bounds the data file's download (it is 2.27 MB).
const maxDataFile = 64 << 20
