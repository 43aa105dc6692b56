// Package lesson is the guided lesson of issue 21 as data: the source's
// walk through nn.Conv2d in ten steps, each setting the playground's
// state, pointing at one panel, saying one thing, and asking a question
// before it tells (the answer checked, then the formula shown worked out
// with the step's numbers). Every expected answer and worked number comes
// from package conv's shape arithmetic, not from the text. No display:
// the view maps State onto its session and draws the card.
package lesson

import (
	"math"
	"strconv"
	"strings"

	"convplayground/i18n"
)

// State is what a step sets, as plain values for the view to map onto
// its session. Example, when not NoExample, is loaded first (it sets the
// input, the filters and the layer itself; the other fields then say
// what it set, for checking through the hook).
type State struct {
	Example     int    // index in game/state's Examples (ExampleRGB, ExampleMNIST), or NoExample
	Input       string // "canvas" (the 28x28 digit) or "photo" (the RGB 3x64x64 photo)
	Filters     string // "presets" or "learned" (the trained network's conv1)
	OutChannels int    // nn.Conv2d's out_channels
	Kernel      int    // kernel_size (square)
	Stride      int
	Padding     int
	Batch       int    // N
	Tab         string // the maps column's tab: "maps", "explain", "channels" or "batch"
	Network     string // the network preset: "" (none named) or "lenet" (the trained LeNet)
	Layer       string // the network's selected layer ("conv1", "pool1", "conv2", "fc1"), "" for none
}

// The examples' indexes in game/state's Examples, as its buttons list them.
const (
	NoExample    = -1
	ExampleRGB   = 0 // RGB 3x64x64 → 6 filters, k=5, p=2
	ExampleMNIST = 1 // MNIST batch [16,1,28,28] → Conv2d(1,20,5,1,2)
)

// InputShape is the input the state makes, [N,C,H,W].
func (s State) InputShape() []int {
	if s.Input == "photo" {
		return []int{s.Batch, 3, 64, 64}
	}
	return []int{s.Batch, 1, 28, 28}
}

// Step is one card of the lesson.
type Step struct {
	ID        string // stable name, for the link
	Set       State
	Highlight string // the panel the card points at: "shapes", "input", "channels", "batch", "explain", "chain" or "guess"
	// Choices are the answers offered as buttons (the learner presses
	// one, and the view passes its text to Check); nil when the learner
	// types a number.
	Choices []string

	title, text msg
	question    msg
	answer      float64
	hint        msg         // any other wrong number
	mistakes    map[int]msg // usual wrong answers, each with its own hint
	worked      msg
}

// msg is a message of the table with its arguments.
type msg struct {
	key  i18n.Key
	args []any
}

func m(k i18n.Key, args ...any) msg { return msg{k, args} }

func (x msg) in(l i18n.Lang) string { return l.Sprintf(x.key, x.args...) }

// Title is the step's heading, e.g. "1. The output size".
func (s Step) Title(l i18n.Lang) string { return s.title.in(l) }

// Text is what the step says: two or three sentences.
func (s Step) Text(l i18n.Lang) string { return s.text.in(l) }

// Question is what the step asks before it tells.
func (s Step) Question(l i18n.Lang) string { return s.question.in(l) }

// Worked is the formula worked out with the step's numbers, shown after
// a right answer (or when the learner asks for the answer).
func (s Step) Worked(l i18n.Lang) string { return s.worked.in(l) }

// Answer is the expected answer, as the learner would type it.
func (s Step) Answer() string { return strconv.FormatFloat(s.answer, 'f', -1, 64) }

// Check checks an answer as typed ("14", " 14 ", "14.0", "１４") or as a
// choice's text. Right, it returns true and LessonRight; wrong, false and
// a hint: for a usual mistake its own, otherwise the step's; for text
// that is not a number, how to answer.
func (s Step) Check(l i18n.Lang, answer string) (right bool, reply string) {
	a := strings.TrimSpace(toASCIIDigits(answer))
	if a == "" {
		return false, l.T(i18n.LessonEmpty)
	}
	v, err := strconv.ParseFloat(a, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return false, l.Sprintf(i18n.LessonNotNumber, strings.TrimSpace(answer))
	}
	switch {
	case v == s.answer:
		return true, l.T(i18n.LessonRight)
	case v != math.Trunc(v):
		if h, ok := s.mistakes[fractionMistake]; ok {
			return false, h.in(l)
		}
	case math.Abs(v) < 1e9: // an int key of mistakes
		if h, ok := s.mistakes[int(v)]; ok {
			return false, h.in(l)
		}
	}
	return false, s.hint.in(l)
}

// fractionMistake keys the hint for an answer with a fraction (the floor
// forgotten) in Step.mistakes.
const fractionMistake = math.MinInt

// toASCIIDigits turns full-width digits and signs (what a Korean input
// method may type: "１４") into ASCII.
func toASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' { // U+FF01..U+FF5E mirror ASCII 0x21..0x7E
			return r - '！' + '!'
		}
		return r
	}, s)
}
