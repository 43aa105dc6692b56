package game

import (
	"io"
	"os"
	"path/filepath"

	"convplayground/game/picture"
	"convplayground/game/state"
	"convplayground/i18n"
	"convplayground/modelfile"
)

// Opening a model file (a drop, Open…, the desktop's -model): the file is
// read off the frame (a 200 MB state_dict takes a while), and the model
// view shows it when it is read; a file that cannot be read leaves
// everything as it was, with the reader's message.

// modelHooks is what the platform gives for opening a model.
type modelHooks struct {
	// OpenFile shows the platform's file picker for a model file, whose
	// bytes then come as a drop does (QueueDrop); nil where there is none.
	OpenFile func()
}

// openModel is the Open… button: the file picker, or where there is none,
// how to open a model instead.
func (fl *Files) openModel() {
	g := fl.g
	if g.OpenFile == nil {
		g.st.Say(g.t(i18n.ModelOpenNeedsPicker))
		return
	}
	g.OpenFile()
}

// loadModelFile reads a dropped model file in a goroutine; its result
// comes back through the drop queue, to be shown on the game loop.
func (fl *Files) loadModelFile(name string, data []byte) {
	g := fl.g
	g.st.Say(g.tf(i18n.ModelReading, name, byteSize(int64(len(data)))))
	go func() {
		m, err := state.ReadModel(name, data)
		g.Files.queue(droppedFile{name: name, apply: func() {
			g.st.Trained.ShowModel(m, err)
			if err == nil {
				g.tab = tabModel
			}
		}})
	}()
}

// DropLimit is the largest file of this name a drop reads: a model file
// up to modelfile.MaxFileSize, anything else (a picture, a .npy) up to
// the images' limit.
func DropLimit(name string) int64 {
	if state.IsModelFile(name) {
		return modelfile.MaxFileSize
	}
	return picture.MaxImageBytes
}

// TooLarge is the error for a dropped file over its DropLimit.
func TooLarge(name string, size int64) error {
	return picture.TooLargeFor(name, size, DropLimit(name))
}

// OpenModelFile opens the model file at path as a drop of it does (the
// desktop's -model flag).
func (fl *Files) OpenModelFile(path string) {
	g := fl.g
	f, err := os.Open(path)
	if err != nil {
		g.st.Say(err.Error())
		return
	}
	defer f.Close()
	limit := DropLimit(path)
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	switch {
	case err != nil:
		g.st.Say(path + ": " + err.Error())
	case int64(len(data)) > limit:
		g.st.Say(i18n.Text(g.lang, TooLarge(filepath.Base(path), int64(len(data)))))
	default:
		g.Files.loadFile(filepath.Base(path), data)
	}
}
