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
	g.RequestState(other.Share.Encode())
	frame(t, g, screen(g))
	if g.st.Kernel == 5 || g.st.Stride != 1 {
		t.Fatalf("the link did not load: kernel %d, stride %d", g.st.Kernel, g.st.Stride)
	}
	if !g.st.History.Undo() || g.st.Canvas != canvas || g.st.Stride != 2 {
		t.Errorf("undo after opening a link: stride %d (want 2), canvas kept %v", g.st.Stride, g.st.Canvas == canvas)
	}
}

// Where the platform keeps the session, a Start fresh button (beside the
// exports, on every layout) forgets it.
func TestStartFreshButton(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}} {
		g := newAt(t, sz[0], sz[1], 1)
		if ctrlRectOf(g, "start_fresh").W > 0 {
			t.Fatal("a Start fresh button without a platform that keeps the session")
		}
		fresh := 0
		g.OnStartFresh = func() { fresh++ }
		g.OnCopyCode = func(string) string { return "" }
		g.OnSave = func(string, []byte) string { return "" }
		g.relayout()
		frame(t, g, screen(g))
		if g.portrait {
			click(t, g, "page:shapes")
			frame(t, g, screen(g))
		}
		click(t, g, "start_fresh")
		if fresh != 1 {
			t.Errorf("%v: Start fresh pressed: %d calls", sz, fresh)
		}
		if cl := g.Hook().View.Clipped; len(cl) > 0 {
			t.Errorf("%v: cut %q", sz, cl)
		}
	}
}
