package game

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/i18n"
	"convplayground/lesson"
)

// The switch's 한국어 shows the playground in Korean (the desktop has the
// texts and the font compiled in), EN back in English.
func TestLanguageSwitch(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	click(t, g, "lang:ko")
	frame(t, g, img)
	if g.Lang.Language() != i18n.KO || g.Hook().Lang != "ko" || ctrlLabel(g, "pen") != "펜" {
		t.Fatalf("after 한국어: %s, pen %q", g.Lang.Language(), ctrlLabel(g, "pen"))
	}
	click(t, g, "lang:en")
	frame(t, g, img)
	if g.Lang.Language() != i18n.EN || ctrlLabel(g, "pen") != "Pen" {
		t.Errorf("after EN: %s, pen %q", g.Lang.Language(), ctrlLabel(g, "pen"))
	}
}

// The lesson in Korean at the three sizes: each step sets the
// playground as it says (shapes, tab, selected layer) and rings its
// panel; a wrong typed answer gets a hint, the right one (typed, or a
// choice pressed) is taken and shows the worked formula; Next goes on;
// no Korean text and nothing of the card is cut at any step.
func TestLessonWalk(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}} {
		t.Run(fmt.Sprintf("%gx%g", sz[0], sz[1]), func(t *testing.T) {
			g := newAt(t, sz[0], sz[1], 1)
			var got []string
			g.OnLesson = func(i int, open bool) { got = append(got, lesson.LinkValue(i, open)) }
			g.Lang.SetLanguage(i18n.KO)
			g.StartLesson(0, true, true)
			img := screen(g)
			c := panelOf[*lessonCard](g)
			for i, st := range c.steps {
				frame(t, g, img)
				checkLessonState(t, g, st)
				if c.ring.W == 0 {
					t.Errorf("step %s: no panel ringed", st.ID)
				}
				if i == 0 {
					click(t, g, "lesson_answer")
					typeChars(g, "99")
					pressKey(g, ebiten.KeyEnter)
					if c.answered[0] || c.checked != "99" {
						t.Errorf("99 taken for step 1: answered %v", c.answered[0])
					}
				}
				if len(st.Choices) > 0 {
					click(t, g, "lesson_choice:"+st.Answer())
				} else {
					click(t, g, "lesson_answer")
					typeChars(g, st.Answer())
					pressKey(g, ebiten.KeyEnter)
				}
				frame(t, g, img)
				if !c.answered[i] || !c.revealed {
					t.Errorf("step %s: %q not taken", st.ID, st.Answer())
				}
				for _, cut := range g.Hook().Clipped {
					if hasHangul(cut) || slices.ContainsFunc(c.lines, func(l cardLine) bool { return l.s == cut }) {
						t.Errorf("step %s: cut %q", st.ID, cut)
					} else { // the LeNet's strip at 800x600, the batch heading on a phone: cut in English too
						t.Logf("step %s: cut (not Korean, not the card's) %q", st.ID, cut)
					}
				}
				if i == 2 || i == 4 || i == 7 {
					saveShot(t, fmt.Sprintf("lesson-ko-%gx%g-%s.png", sz[0], sz[1], st.ID), frame(t, g, img))
				}
				if i < len(c.steps)-1 {
					click(t, g, "lesson_next")
				}
			}
			click(t, g, "lesson_finish")
			frame(t, g, img)
			if c.open || g.Hook().Lesson != nil {
				t.Error("the card is still open")
			}
			if want := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "off"}; !slices.Equal(got, want) {
				t.Errorf("OnLesson got %v, want %v", got, want)
			}
		})
	}
}

// checkLessonState checks the playground against a step's state: the
// shapes its layer makes, the tab, the selected layer.
func checkLessonState(t *testing.T, g *Game, st lesson.Step) {
	t.Helper()
	s := st.Set
	in := s.InputShape()
	geo, err := conv.New(in[1], s.OutChannels, s.Kernel, s.Stride, s.Padding).Geometry(in)
	if err != nil {
		t.Fatal(err)
	}
	h := g.Hook()
	if !slices.Equal(h.Input, in) || !slices.Equal(h.Output, geo.Output) || h.Error != "" {
		t.Errorf("step %s: %v → %v (%q), want %v → %v", st.ID, h.Input, h.Output, h.Error, in, geo.Output)
	}
	if h.SelectedLayer != lesson.LeNetLayer(s.Layer) || s.Layer == "" && h.Tab != s.Tab {
		t.Errorf("step %s: layer %d, tab %s; want %q, %s", st.ID, h.SelectedLayer, h.Tab, s.Layer, s.Tab)
	}
	if h.Lesson["id"] != st.ID {
		t.Errorf("hook lesson %v, want %s", h.Lesson, st.ID)
	}
}
