package game

import (
	"path"
	"strings"
	"sync"

	"convplayground/game/state"
	"convplayground/i18n"
)

// Drops that arrive outside the game loop (the browser page's drop handler,
// a JS callback) wait in a queue that Update drains, so the model is only
// ever touched from the loop. The queues live here rather than in Game so
// that this file is the whole feature; one Game has one queue.
var drops struct {
	sync.Mutex
	queue map[*Game][]droppedFile
}

// droppedFile is a file's name and bytes, or why it is not read instead,
// or what to do on the loop with a file read off it (apply, modelopen.go).
type droppedFile struct {
	name  string
	data  []byte
	why   error
	apply func()
}

// QueueDrop hands a dropped file (name and bytes) or a message about a drop
// that is not read (why, written in the UI's language when it is an
// i18n.Error) to the game; it is safe from any goroutine.
func (fl *Files) QueueDrop(name string, data []byte, why error) {
	g := fl.g
	g.Files.queue(droppedFile{name: name, data: data, why: why})
}

func (fl *Files) queue(f droppedFile) {
	g := fl.g
	drops.Lock()
	defer drops.Unlock()
	if drops.queue == nil {
		drops.queue = map[*Game][]droppedFile{}
	}
	drops.queue[g] = append(drops.queue[g], f)
}

// drainDrops loads what QueueDrop queued, in order; Update calls it.
func (fl *Files) drainDrops() {
	g := fl.g
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
		if f.why != nil {
			g.st.Say(i18n.Text(g.lang, f.why))
			continue
		}
		g.Files.loadFile(f.name, f.data)
	}
}

// loadFile uses a dropped file as the input: a .npy tensor, or an image as
// the RGB photo; a model file opens in the model view. One that is not
// usable leaves everything as it was, with a message.
func (fl *Files) loadFile(name string, data []byte) {
	g := fl.g
	if state.IsModelFile(name) {
		g.Files.loadModelFile(name, data)
	} else if strings.EqualFold(path.Ext(name), ".npy") {
		g.st.Input.LoadNPY(name, data)
	} else {
		g.st.Input.LoadImage(name, data)
	}
	g.dirty = true
}

// DropMessage says why a drop of files files and folders folders is not
// read, nil for one file and no folder: the playground reads one file.
func DropMessage(files, folders int) error {
	switch {
	case files == 1 && folders == 0:
		return nil
	case files == 0 && folders > 0:
		return i18n.Errorf(i18n.DropFolders)
	case folders == 0:
		return i18n.Errorf(i18n.DropFiles, files)
	}
	return i18n.Errorf(i18n.DropMixed, countOf(files, i18n.DropOneFile, i18n.DropNFiles), countOf(folders, i18n.DropOneFolder, i18n.DropNFolders))
}

// countOf is n things, one or many, as an error of the table (so that it
// is written in the language of the message around it).
func countOf(n int, one, many i18n.Key) error {
	if n == 1 {
		return i18n.Errorf(one)
	}
	return i18n.Errorf(many, n)
}
