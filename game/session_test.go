package game

import (
	"testing"

	"convplayground/game/state"
)

// Opening another link in the same tab (a pasted #fragment) is one undo
// step: Undo gives the work back (issue 20, item 4).
func TestOpenLinkIsUndoable(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.st.Canvas[400] = 1
	g.st.Step(state.SetStride, 1)
	canvas := g.st.Canvas
	other := state.New()
	other.Step(state.SetKernel, -1)
	other.Recompute()
	g.RequestState(other.Encode())
	frame(t, g, screen(g))
	if g.st.Kernel == 5 || g.st.Stride != 1 {
		t.Fatalf("the link did not load: kernel %d, stride %d", g.st.Kernel, g.st.Stride)
	}
	if !g.st.History.Undo() || g.st.Canvas != canvas || g.st.Stride != 2 {
		t.Errorf("undo after opening a link: stride %d (want 2), canvas kept %v", g.st.Stride, g.st.Canvas == canvas)
	}
}
