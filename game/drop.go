package game

import (
	"fmt"
	"path"
	"strings"
	"sync"

	"convplayground/game/state"
)

// Drops that arrive outside the game loop (the browser page's drop handler,
// a JS callback) wait in a queue that Update drains, so the model is only
// ever touched from the loop. The queues live here rather than in Game so
// that this file is the whole feature; one Game has one queue.
var drops struct {
	sync.Mutex
	queue map[*Game][]droppedFile
}

// droppedFile is a file's name and bytes, or a message instead (msg != ""),
// or what to do on the loop with a file read off it (apply, modelopen.go).
type droppedFile struct {
	name  string
	data  []byte
	msg   string
	apply func()
}

// QueueDrop hands a dropped file (name and bytes) or a message about a drop
// that is not read (msg) to the game; it is safe from any goroutine.
func (g *Game) QueueDrop(name string, data []byte, msg string) {
	g.queue(droppedFile{name: name, data: data, msg: msg})
}

func (g *Game) queue(f droppedFile) {
	drops.Lock()
	defer drops.Unlock()
	if drops.queue == nil {
		drops.queue = map[*Game][]droppedFile{}
	}
	drops.queue[g] = append(drops.queue[g], f)
}

// drainDrops loads what QueueDrop queued, in order; Update calls it.
func (g *Game) drainDrops() {
	drops.Lock()
	q := drops.queue[g]
	if q != nil {
		delete(drops.queue, g)
	}
	drops.Unlock()
	for _, f := range q {
		if f.apply != nil {
			f.apply()
			g.dirty = true
			continue
		}
		if f.msg != "" {
			g.st.Say(f.msg)
			continue
		}
		g.loadFile(f.name, f.data)
	}
}

// loadFile uses a dropped file as the input: a .npy tensor, or an image as
// the RGB photo; a model file opens in the model view. One that is not
// usable leaves everything as it was, with a message.
func (g *Game) loadFile(name string, data []byte) {
	if state.IsModelFile(name) {
		g.loadModelFile(name, data)
	} else if strings.EqualFold(path.Ext(name), ".npy") {
		g.st.Input.LoadNPY(name, data)
	} else {
		g.st.Input.LoadImage(name, data)
	}
	g.dirty = true
}

// DropMessage says why a drop of files files and folders folders is not
// read, "" for one file and no folder: the playground reads one file.
func DropMessage(files, folders int) string {
	switch {
	case files == 1 && folders == 0:
		return ""
	case files == 0 && folders > 0:
		return "folders are not read: drop one file (.npy, PNG, JPEG or GIF)"
	case folders == 0:
		return fmt.Sprintf("drop one file: %d files were dropped, none was read", files)
	}
	return fmt.Sprintf("drop one file: %s and %s were dropped (folders are not read), none was read", count(files, "file"), count(folders, "folder"))
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
