package state

import (
	"convplayground/i18n"
	"strings"
)

// The undo/redo history. Every action that changes what the learner made
// (the input, the filters, the settings, an example) takes a snapshot of
// that part of the playground before it changes it: Undo goes back to the
// snapshot and keeps the present for Redo. Snapshots share what is never
// written in place (a photo, a file's batch), so a step costs the canvas
// and the filters: about 22 KB at most (20 filters of 3·7·7 stored and
// live weights). Each list keeps maxUndo steps, the oldest dropped first:
// the history holds at most 2·maxUndo·22 KB, under 1.5 MB. Playback, the
// selection and the colours are not actions.

// maxUndo is how many steps each of the undo and redo lists keeps.
const maxUndo = 32

// step is one action in the history: the playground on its other side,
// and what going there does (Undo reads what the action did backwards).
type step struct {
	made        *saved
	what        string // "stride", "w[0, 0, 2, 2]", "clear", ...
	from, to    string // the values before and after the action, "" for none
	gesture     uint64 // the pointer gesture the action came in, 0 for none
	coalescible bool   // later edits of the same what in the gesture join this step
}

// History is the undo and redo lists of a session, most recent last.
type History struct {
	s          *State
	undo, redo []step
	open       bool   // an action is being recorded: actions it calls are part of it
	gesture    uint64 // the pointer gesture under way (Gesture), 0 for none
	gestures   uint64
}

// record takes the snapshot for an action about to change the playground
// and returns the function that closes it (defer s.record(...)()). An
// action called by another (PickDigit by RandomDigit) is part of the outer
// one. The redo list is forgotten: the action starts a new future.
func (h *History) record(what, from, to string) func() {
	if h.open {
		return func() {}
	}
	h.open, h.redo = true, nil
	h.undo = pushBounded(h.undo, step{made: h.s.save(), what: what, from: from, to: to})
	return func() { h.open = false }
}

// recordEdit records an edit that a pointer drag repeats (a weight, the
// bias): within one gesture the edits of the same value are one step,
// from the value before the drag to the last one.
func (h *History) recordEdit(what, from, to string) func() {
	if n := len(h.undo); !h.open && n > 0 && h.gesture != 0 {
		if top := &h.undo[n-1]; top.coalescible && top.gesture == h.gesture && top.what == what && h.redo == nil {
			top.to = to
			return func() {}
		}
	}
	end := h.record(what, from, to)
	if n := len(h.undo); n > 0 && h.gesture != 0 {
		h.undo[n-1].gesture, h.undo[n-1].coalescible = h.gesture, true
	}
	return end
}

// Gesture says a pointer press began (true) or ended (false): the edits
// of one value made while the pointer is down are one undo step.
func (h *History) Gesture(down bool) {
	h.gesture = 0
	if down {
		h.gestures++
		h.gesture = h.gestures
	}
}

func pushBounded(l []step, st step) []step {
	if len(l) == maxUndo {
		copy(l, l[1:])
		l = l[:maxUndo-1]
	}
	return append(l, st)
}

// Undo takes back the last action; Redo does the last undone one again.
// Either says so in Notice when there is nothing to take.
func (h *History) Undo() bool { return h.travel(&h.undo, &h.redo, i18n.NoticeNothingToUndo) }

// Redo does again the action the last Undo took back.
func (h *History) Redo() bool { return h.travel(&h.redo, &h.undo, i18n.NoticeNothingToRedo) }

// travel restores the last step of from and keeps the present in to.
func (h *History) travel(from, to *[]step, nothing i18n.Key) bool {
	if len(*from) == 0 {
		h.s.Notice = h.s.Lang.T(nothing)
		return false
	}
	st := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	made := st.made
	st.made, st.gesture, st.coalescible = h.s.save(), 0, false
	*to = pushBounded(*to, st)
	h.s.restore(made)
	return true
}

// UndoLabel says what Undo would do, e.g. "Undo: stride 2 → 1", "" when
// there is nothing to undo; RedoLabel the same for Redo. Both are in the
// state's Lang (the names of settings and files as they are).
func (h *History) UndoLabel() string {
	return h.label(i18n.HistoryUndo, i18n.HistoryUndoChange, h.undo, true)
}

// RedoLabel says what Redo would do, e.g. "Redo: stride 1 → 2".
func (h *History) RedoLabel() string {
	return h.label(i18n.HistoryRedo, i18n.HistoryRedoChange, h.redo, false)
}

func (h *History) label(one, change i18n.Key, l []step, back bool) string {
	if len(l) == 0 {
		return ""
	}
	lang, st := h.s.Lang, l[len(l)-1]
	if st.from == "" && st.to == "" {
		return lang.Sprintf(one, historyName(lang, st.what))
	}
	from, to := st.from, st.to
	if back {
		from, to = to, from
	}
	return lang.Sprintf(change, historyName(lang, st.what), historyName(lang, from), historyName(lang, to))
}

// historyWords are the names of actions and values that are words (not
// a setting's, a file's or a number): the table's keys for them.
var historyWords = append([]i18n.Key{i18n.HistoryStroke, i18n.HistoryClear, i18n.HistoryCamera, i18n.HistoryLink,
	i18n.HistoryNetwork, i18n.HistoryInput, i18n.HistoryScaling, i18n.SamplePhoto, i18n.SampleDrawing,
	i18n.HistoryLearned, i18n.HistoryPresets, i18n.ExampleRGB, i18n.ExampleMNIST}, i18n.PresetKeys...)

// historyPrefixes are the names made of a word and a name (a layer's, a
// file's, a number): the table's template of each, filled with the name.
var historyPrefixes = []struct {
	prefix string
	key    i18n.Key
}{{"add ", i18n.HistoryAdd}, {"remove ", i18n.HistoryRemove}, {"move ", i18n.HistoryMove},
	{"network of ", i18n.HistoryNetworkOf}, {"MNIST digit #", i18n.HistoryDigit}, {"filter ", i18n.HistoryFilter}}

// historyName is a history label's name in language l.
func historyName(l i18n.Lang, name string) string {
	for _, p := range historyPrefixes {
		if rest, ok := strings.CutPrefix(name, p.prefix); ok {
			return l.Sprintf(p.key, rest)
		}
	}
	return l.Known(name, historyWords...)
}

// Steps is how many actions Undo and Redo can take back and do again.
func (h *History) Steps() (undo, redo int) { return len(h.undo), len(h.redo) }

// ForgetUndo empties the history (e.g. after loading the start picture).
func (h *History) ForgetUndo() { h.undo, h.redo = nil, nil }
