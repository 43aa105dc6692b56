//go:build js

package wasm

import (
	"syscall/js"

	"convplayground/game"
	"convplayground/i18n"
)

// OpenFile gives the game's Open… button the browser's file picker, for a
// model file: the chosen file's bytes come to the game as a drop's do
// (dropArgs' checks, the same queue). The picker opens from the game's
// update, within the press's user activation.
func OpenFile(g *game.Game) {
	g.OpenFile = func() {
		in := js.Global().Get("document").Call("createElement", "input")
		in.Set("type", "file")
		in.Set("accept", ".pt,.pth,.safetensors,.npz")
		var changed, cancelled js.Func
		changed = js.FuncOf(func(js.Value, []js.Value) any {
			changed.Release()
			cancelled.Release()
			if files := in.Get("files"); files.Length() == 1 {
				read(g, files.Index(0))
			}
			return nil
		})
		cancelled = js.FuncOf(func(js.Value, []js.Value) any { // the picker closed without a file
			changed.Release()
			cancelled.Release()
			return nil
		})
		in.Call("addEventListener", "change", changed)
		in.Call("addEventListener", "cancel", cancelled)
		in.Call("click")
	}
}

// read reads the picked file (none of it when it is over its limit, as
// the page's drop handler does) and queues it.
func read(g *game.Game, file js.Value) {
	name, size := file.Get("name"), file.Get("size")
	limit := float64(game.DropLimit(name.String()))
	end := limit + 1
	if size.Float() > limit {
		end = 0
	}
	var done, failed js.Func
	release := func() { done.Release(); failed.Release() }
	done = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		g.Files.QueueDrop(dropArgs([]js.Value{name, js.Global().Get("Uint8Array").New(args[0]), size}))
		return nil
	})
	failed = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		g.Files.QueueDrop("", nil, i18n.Errorf(i18n.DropUnreadable, name.String(), args[0].Call("toString").String()))
		return nil
	})
	file.Call("slice", 0, end).Call("arrayBuffer").Call("then", done, failed)
}
