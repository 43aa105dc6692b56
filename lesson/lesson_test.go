package lesson

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/i18n"
)

var langs = []i18n.Lang{i18n.EN, i18n.KO}

func step(t *testing.T, id string) Step {
	t.Helper()
	for _, s := range Steps() {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no step %q", id)
	return Step{}
}

// The order, every text filled in both languages, every layer one
// PyTorch accepts, and the expected answer among the offered choices.
func TestStepsAreValid(t *testing.T) {
	var ids []string
	for _, s := range Steps() {
		ids = append(ids, s.ID)
		s.Set.geometry() // panics on a rejected layer
		for _, l := range langs {
			for what, text := range map[string]string{"title": s.Title(l), "text": s.Text(l), "question": s.Question(l), "worked": s.Worked(l)} {
				if text == "" || strings.Contains(text, "%!") || strings.Contains(text, "Lesson") {
					t.Errorf("%s %s %s: %q", s.ID, l, what, text)
				}
			}
		}
		if s.Choices != nil && !slices.Contains(s.Choices, s.Answer()) {
			t.Errorf("%s: answer %s is not among the choices %v", s.ID, s.Answer(), s.Choices)
		}
		if s.Highlight == "" || s.Set.Tab == "" {
			t.Errorf("%s: no panel to highlight or no tab", s.ID)
		}
	}
	want := []string{"formula", "padding", "stride", "floor", "rgb", "params", "batch", "cell", "pool", "guess"}
	if !slices.Equal(ids, want) {
		t.Errorf("steps %v, want %v", ids, want)
	}
}

// The answers are the and the source lesson's numbers.
func TestAnswers(t *testing.T) {
	for id, want := range map[string]string{
		"formula": "24",  // (28 − 5)/1 + 1
		"padding": "2",   // (5 − 1)/2
		"stride":  "14",  // the issue: stride 2, padding 2, kernel 5, input 28
		"floor":   "12",  // ⌊23/2⌋ + 1
		"rgb":     "1",   // three channel results sum into one map
		"params":  "450", // the issue: Conv2d(3, 6, 5)'s weight, + 6 bias
		"batch":   "1",   // one weight for all 16
		"cell":    "25",  // 5·5 products for one channel
		"pool":    "10",  // conv2 on 14x14, no padding
		"guess":   "800", // fc1's in_features
	} {
		if got := step(t, id).Answer(); got != want {
			t.Errorf("%s: answer %s, want %s", id, got, want)
		}
	}
	w := step(t, "params").Worked(i18n.EN)
	for _, part := range []string{"[6, 3, 5, 5]", "6·3·5·5 = 450", "bias [6]: 6", "456"} {
		if !strings.Contains(w, part) {
			t.Errorf("params worked %q lacks %q", w, part)
		}
	}
	for _, l := range langs {
		if w := step(t, "stride").Worked(l); !strings.Contains(w, "⌊(28 − 5 + 2·2)/2⌋ + 1 = 14") || !strings.Contains(w, "13.5") {
			t.Errorf("stride worked (%s): %q", l, w)
		}
		if w := step(t, "floor").Worked(l); !strings.Contains(w, "22") || !strings.Contains(w, "26") || !strings.Contains(w, "27") {
			t.Errorf("floor worked (%s): %q", l, w)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		id, answer string
		right      bool
		reply      i18n.Key // for a wrong answer: the hint (its text starts the reply)
	}{
		{"stride", "14", true, i18n.LessonRight},
		{"stride", " 14 ", true, i18n.LessonRight},
		{"stride", "14.0", true, i18n.LessonRight},
		{"stride", "１４", true, i18n.LessonRight},
		{"stride", "15", false, i18n.LessonHintFormula},
		{"stride", "13.5", false, i18n.LessonHintFloor},
		{"stride", "28", false, i18n.LessonStrideHalf},
		{"stride", "", false, i18n.LessonEmpty},
		{"stride", "   ", false, i18n.LessonEmpty},
		{"stride", "abc", false, i18n.LessonNotNumber},
		{"stride", "NaN", false, i18n.LessonNotNumber},
		{"stride", "1e999", false, i18n.LessonNotNumber},
		{"stride", "1e300", false, i18n.LessonHintFormula},
		{"formula", "24", true, i18n.LessonRight},
		{"formula", "23", false, i18n.LessonHintPlusOne},
		{"padding", "2", true, i18n.LessonRight},
		{"padding", "4", false, i18n.LessonPaddingBoth},
		{"padding", "0", false, i18n.LessonPaddingHint},
		{"params", "450", true, i18n.LessonRight},
		{"params", "456", false, i18n.LessonParamsBias},
		{"params", "75", false, i18n.LessonParamsOne},
		{"rgb", "1", true, i18n.LessonRight},
		{"rgb", "3", false, i18n.LessonRGBHint},
		{"rgb", "6", false, i18n.LessonRGBFilters},
		{"batch", "1", true, i18n.LessonRight},
		{"batch", "16", false, i18n.LessonBatchShared},
		{"batch", "20", false, i18n.LessonBatchFilters},
		{"cell", "25", true, i18n.LessonRight},
		{"cell", "26", false, i18n.LessonCellBias},
		{"cell", "500", false, i18n.LessonCellAll},
		{"pool", "10", true, i18n.LessonRight},
		{"pool", "14", false, i18n.LessonPoolNoPadding},
		{"pool", "5", false, i18n.LessonPoolAfter},
		{"guess", "800", true, i18n.LessonRight},
		{"guess", "25", false, i18n.LessonGuessOneMap},
	} {
		for _, l := range langs {
			right, reply := step(t, c.id).Check(l, c.answer)
			// The hint's first words: its text up to any argument.
			lead, _, _ := strings.Cut(l.T(c.reply), "%")
			if right != c.right || reply == "" || !strings.HasPrefix(reply, lead) {
				t.Errorf("%s %s Check(%q) = %v, %q; want %v and %q", c.id, l, c.answer, right, reply, c.right, l.T(c.reply))
			}
		}
	}
	if _, reply := step(t, "stride").Check(i18n.KO, "abc"); !strings.Contains(reply, `"abc"`) {
		t.Errorf("the reply to abc does not quote it: %q", reply)
	}
}

// The two examples' shapes are PyTorch's (conv's golden fixtures, written
// by torch 1.13: the seed cases [1,3,64,64] → [1,6,64,64] and
// [16,1,28,28] → [16,20,28,28]).
func TestExamplesArePyTorchs(t *testing.T) {
	b, err := os.ReadFile("../conv/testdata/golden/index.json")
	if err != nil {
		t.Fatal(err)
	}
	var idx struct {
		Cases []struct {
			Input, Output []int
			Seed          bool
			OutChannels   int    `json:"out_channels"`
			Kernel        [2]int `json:"kernel"`
			Padding       [2]int `json:"padding"`
		}
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, st := range []State{rgb("maps"), mnist("batch")} {
		g := st.geometry()
		for _, c := range idx.Cases {
			if c.Seed && slices.Equal(c.Input, g.Input) && c.OutChannels == st.OutChannels && c.Kernel[0] == st.Kernel && c.Padding[0] == st.Padding {
				found++
				if !slices.Equal(c.Output, g.Output) {
					t.Errorf("%v: output %v, PyTorch %v", g.Input, g.Output, c.Output)
				}
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d of the 2 seed cases", found)
	}
}

// The LeNet's shape chain is PyTorch's (nn's torch_chain.json, case 0:
// conv1 = Conv2d(1, 20, 5, 1, 2) on [1,1,28,28]), without the ReLUs.
func TestChainIsPyTorchs(t *testing.T) {
	b, err := os.ReadFile("../nn/testdata/torch_chain.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		C2, H int
		Cases []struct {
			Stride  int
			Padding int
			Stages  [][2]json.RawMessage
		}
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if ref.C2 != lenetC2 || ref.H != lenetHidden {
		t.Fatalf("PyTorch's network is C2=%d, H=%d; the lesson says %d, %d", ref.C2, ref.H, lenetC2, lenetHidden)
	}
	c := ref.Cases[0]
	if c.Stride != 1 || c.Padding != 2 {
		t.Fatalf("case 0 is stride %d, padding %d", c.Stride, c.Padding)
	}
	var want []stage
	for _, s := range c.Stages {
		var st stage
		if json.Unmarshal(s[0], &st.name) != nil || json.Unmarshal(s[1], &st.shape) != nil {
			t.Fatalf("stage %s", s)
		}
		if !strings.HasPrefix(st.name, "relu") {
			want = append(want, st)
		}
	}
	got := chain(lenet("fc1"))
	if chainText(got) != chainText(want) {
		t.Errorf("chain\n%s\nPyTorch\n%s", chainText(got), chainText(want))
	}
}

// The RGB step's one filter is 3x5x5 and the map count is the filters'.
func TestRGBWorked(t *testing.T) {
	g := rgb("channels").geometry()
	if !slices.Equal(g.Weight, []int{6, 3, 5, 5}) || conv.FormatShape(g.Output) != "[1, 6, 64, 64]" {
		t.Fatalf("RGB layer: weight %v, output %v", g.Weight, g.Output)
	}
	if w := step(t, "cell").Worked(i18n.EN); !strings.Contains(w, "392,000 multiply-adds") {
		t.Errorf("cell worked: %q", w)
	}
	if !i18n.HasKorean() { // the browser build before its language pack: native runs check this
		return
	}
	if w := step(t, "rgb").Worked(i18n.KO); !strings.Contains(w, "필터 6개가 맵 6개") || !strings.Contains(w, "[1, 6, 64, 64]") {
		t.Errorf("rgb worked: %q", w)
	}
}
