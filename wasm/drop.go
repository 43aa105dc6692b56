//go:build js

package wasm

import (
	"syscall/js"

	"convplayground/game"
	"convplayground/game/state"
)

// Dropper takes the files dropped on the page (game.Game implements it).
type Dropper interface {
	QueueDrop(name string, data []byte, msg string)
}

// installDrops adds to the hook object what the page's drop handler
// (index.html) calls; the page handles every drop itself, so none reaches
// Ebiten's own handler, which panics on items without a file-system entry.
//
//	maxDropBytes                    the page reads at most one byte more
//	drop(name, Uint8Array)          one file's bytes
//	dropRefused(files, folders, why) several files, folders, or an unreadable
//	                                file (why, a message; "" for the counts')
func installDrops(obj js.Value, d Dropper) {
	obj.Set("maxDropBytes", state.MaxImageBytes)
	obj.Set("drop", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 || args[1].Type() != js.TypeObject {
			return nil
		}
		data := make([]byte, args[1].Get("length").Int())
		js.CopyBytesToGo(data, args[1])
		d.QueueDrop(args[0].String(), data, "")
		return nil
	}))
	obj.Set("dropRefused", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 3 {
			return nil
		}
		msg := args[2].String()
		if msg == "" {
			msg = game.DropMessage(args[0].Int(), args[1].Int())
		}
		if msg != "" {
			d.QueueDrop("", nil, msg)
		}
		return nil
	}))
}
