//go:build js

package wasm

import (
	"errors"
	"math"
	"syscall/js"

	"convplayground/game"
	"convplayground/game/picture"
	"convplayground/modelfile"
)

// Dropper takes the files dropped on the page (game.Files implements it).
type Dropper interface {
	QueueDrop(name string, data []byte, why error)
}

// Longest name and message taken from the page (longer ones are cut in
// JavaScript, before they are copied).
const (
	maxNameLen    = 255
	maxMessageLen = 500
)

// installDrops adds to the hook object what the page's drop handler
// (index.html) calls; the page handles every drop itself, so none reaches
// Ebiten's own handler, which panics on items without a file-system entry.
//
//	maxDropBytes                     the page reads at most one byte more
//	maxModelBytes                    the same for a model file (.pt, .pth,
//	                                 .safetensors, .npz), read as a model
//	drop(name, Uint8Array[, size])   one file's bytes, and the whole file's
//	                                 size when the page read only a part
//	dropRefused(files, folders, why) several files, folders, or an unreadable
//	                                 file (why, a message; "" for the counts')
//
// Any script can call these with anything: the arguments are checked in
// JavaScript terms (types, lengths) before anything is copied into Go, and
// a bad call is refused with a message, never a panic.
func installDrops(obj js.Value, d Dropper) {
	obj.Set("maxDropBytes", picture.MaxImageBytes)
	obj.Set("maxModelBytes", modelfile.MaxFileSize)
	obj.Set("drop", js.FuncOf(func(_ js.Value, args []js.Value) any {
		d.QueueDrop(dropArgs(args))
		return nil
	}))
	obj.Set("dropRefused", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if why := refusedMessage(args); why != nil {
			d.QueueDrop("", nil, why)
		}
		return nil
	}))
}

// dropArgs reads drop's arguments: the file's name and bytes, or a message
// instead. The bytes must be a Uint8Array of at most the name's limit + 1
// bytes (game.DropLimit: a model file's or an image's), and the size (if
// a number) at most the limit; a larger file is refused with its size,
// without copying a byte.
func dropArgs(args []js.Value) (name string, data []byte, why error) {
	name = "the dropped file"
	if len(args) > 0 && args[0].Type() == js.TypeString {
		if s := jsString(args[0], maxNameLen); s != "" {
			name = s
		}
	}
	n, ok := -1.0, len(args) > 1 && isBytes(args[1])
	if ok {
		n, ok = number(args[1].Get("length"))
	}
	if !ok {
		return "", nil, errors.New(name + ": not read (drop takes a name and the file's bytes as a Uint8Array)")
	}
	size := n
	if len(args) > 2 {
		if s, ok := number(args[2]); ok {
			size = max(size, s)
		}
	}
	if size > float64(game.DropLimit(name)) {
		return "", nil, game.TooLarge(name, int64(size))
	}
	data = make([]byte, int(n))
	js.CopyBytesToGo(data, args[1])
	return name, data, nil
}

// refusedMessage is dropRefused's message: its why when that is a
// non-empty string, else the counts' (game.DropMessage; nil for one file),
// else, for arguments that are neither, a message saying so.
func refusedMessage(args []js.Value) error {
	if len(args) > 2 && args[2].Type() == js.TypeString {
		if s := jsString(args[2], maxMessageLen); s != "" {
			return errors.New(s) // the page's words
		}
	}
	var counts [2]int
	for i := range counts {
		v, ok := -1.0, len(args) > i
		if ok {
			v, ok = number(args[i])
		}
		if !ok || v != math.Trunc(v) || v > 1e6 {
			return errors.New("a drop was not read (dropRefused takes two counts and a message)")
		}
		counts[i] = int(v)
	}
	return game.DropMessage(counts[0], counts[1])
}

// isBytes reports whether v is a Uint8Array: a real typed array
// (ArrayBuffer.isView, which no object can fake) of that kind.
func isBytes(v js.Value) bool {
	return js.Global().Get("ArrayBuffer").Call("isView", v).Bool() && v.InstanceOf(js.Global().Get("Uint8Array"))
}

// number is v as a finite number of at least 0.
func number(v js.Value) (float64, bool) {
	if v.Type() != js.TypeNumber {
		return 0, false
	}
	f := v.Float()
	return f, f >= 0 && !math.IsInf(f, 0)
}

// jsString is the JavaScript string s, cut to at most limit UTF-16 units
// in JavaScript first (String.prototype.slice: Go's Length and Call take
// objects only).
func jsString(s js.Value, limit int) string {
	return js.Global().Get("String").Get("prototype").Get("slice").Call("call", s, 0, limit).String()
}
