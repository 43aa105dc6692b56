package game

import (
	"convplayground/game/state"
	"convplayground/i18n"
	"math"
)

// The layer out of the playground: "Copy code" (state.PyTorchCode) and
// "Save .npy" of the input, weight, bias and output (state.NPY), as a row
// of buttons in the shapes panel's heading. The platform glue sets the
// hooks: the browser copies the code to the clipboard and shows it in a
// text box, and downloads the files; the desktop prints the code and
// writes files.

// Platform hooks, set before the game runs; nil hides the buttons.
type exportHooks struct {
	// OnCopyCode gets the layer's PyTorch code and returns what the button
	// then says for a while, in a word or two ("Code copied").
	OnCopyCode func(code string) string
	// OnSave gets a .npy file's name and contents and returns what was
	// done, in a word ("Downloaded", "Saved"): the row's label says it
	// for a while, the tensor's button lit.
	OnSave func(name string, data []byte) string
	// OnStartFresh forgets the session the platform keeps (the browser's
	// localStorage and link) and starts over with the defaults.
	OnStartFresh func()
}

// exportTensors are the tensors a Save button each, in order.
var exportTensors = []string{state.TensorInput, state.TensorWeight, state.TensorBias, state.TensorOutput}

// exportBar is the row of export buttons. It draws over the shapes
// panel's heading row, so it comes after that panel in newPanels.
type exportBar struct {
	g         *Game
	label     rect   // "Save .npy:", or what the last save did
	saveText  string // its text
	ctrls     []control
	note      string // what the last pressed button says, until noteUntil
	noted     string // that button's name
	noteUntil uint64
}

// Portrait's export rows: Copy code, then Save .npy: and its buttons.
const (
	exportRowH  = 24 // 32 CSS px at portrait's 4/3
	exportRowsH = 2*exportRowH + 4
)

// exportFile is the file name a tensor is saved as.
func exportFile(name string) string { return "conv_" + name + ".npy" }

func (e *exportBar) layout(a *areas) []control {
	g := e.g
	e.ctrls = e.ctrls[:0]
	p := painter{k: g.k(), fonts: &g.fonts}
	x, y := a.shapes.X+90, a.shapes.Y+6
	h := float64(exampleH)
	x0, right := x, math.Inf(1)
	if a.export.W > 0 { // portrait: rows of their own, 32 CSS px for a finger (4/3 CSS px a layout px)
		x, y, h = a.export.X, a.export.Y, exportRowH
		x0, right = x, a.export.right()
	}
	noted := func(name string) bool { return e.noted == name && g.ticks < e.noteUntil }
	add := func(name, label string, press func()) {
		if name == "copy_code" && noted(name) {
			label = e.note
		}
		r := rect{x, y, p.width(label, regular, sizeSmall+1) + 16, h}
		if r.right() > right { // the next row
			r.X, r.Y = x0, r.Y+h+4
			y = r.Y
		}
		e.ctrls = append(e.ctrls, control{name: name, kind: kItem, r: r, label: label, on: noted(name), press: func(float64, float64) { press() }})
		x = r.right() + 6
	}
	if g.OnCopyCode != nil {
		add("copy_code", g.t(i18n.ExportCopyCode), func() {
			e.noteFor("copy_code", g.OnCopyCode(g.st.Export.PyTorchCode()+g.train.Code()))
			g.saveNetNPZ()
		})
	}
	if g.OnStartFresh != nil { // beside Copy code: on a phone, the first of the two rows
		add("start_fresh", g.t(i18n.ExportStartFresh), g.OnStartFresh)
	}
	if g.OnSave != nil {
		e.saveText = g.t(i18n.ExportSaveNpy)
		if g.ticks < e.noteUntil && e.noted != "copy_code" {
			e.saveText = e.note + ":"
		}
		e.label = rect{x + 6, y, p.width(e.saveText, regular, sizeSmall+1) + 6, h}
		need := e.label.right() + 2 // the label and its buttons on this row
		for _, t := range exportTensors {
			need += p.width(t, regular, sizeSmall+1) + 16 + 6
		}
		if a.export.W > 0 && need > right { // the label starts the second row
			e.label.X, e.label.Y = x0, y+h+4
			y = e.label.Y
		}
		x = e.label.right() + 2
		for _, t := range exportTensors {
			add("save_"+t, t, func() { e.save(t) })
		}
	}
	g.exportEnd = 0
	if a.export.W == 0 {
		g.exportEnd = x
	}
	return e.ctrls
}

// save hands tensor t's .npy to the platform; a tensor there is none of
// (the output of a rejected layer) is said in the header's notice.
func (e *exportBar) save(t string) {
	b, err := e.g.st.Export.NPY(t) // an error is in the state's notice
	if err != nil {
		return
	}
	e.noteFor("save_"+t, e.g.OnSave(exportFile(t), b))
}

func (e *exportBar) noteFor(name, note string) {
	e.noted, e.note, e.noteUntil = name, note, e.g.ticks+noteTicks
	e.g.noteDue = e.noteUntil
}

// drawKey: besides its buttons, the bar draws its label.
func (e *exportBar) drawKey(k *drawKey) {
	k.b(e.g.OnSave != nil)
	k.s(e.saveText)
	k.r(e.label)
}

func (e *exportBar) draw(p painter) {
	if e.g.OnSave != nil {
		p.textIn(e.saveText, e.label, regular, sizeSmall+1, colMuted, left)
	}
	e.g.drawButtons(p, e.ctrls)
}
