package lesson

import (
	"fmt"
	"strconv"
	"strings"

	"convplayground/conv"
	"convplayground/i18n"
	"convplayground/nn"
)

// The trained LeNet (package nn, assets/mnist_lenet.bin): conv1 is
// Conv2d(1, 20, 5, 1, 2), then ReLU and MaxPool2d(2), conv2 =
// Conv2d(20, lenetC2, 5), ReLU, MaxPool2d(2), flatten, fc1 =
// Linear(lenetC2·5·5, lenetHidden), fc2 = Linear(lenetHidden, 10).
const (
	lenetC2     = 32
	lenetHidden = 128
)

var pool = nn.NewMaxPool2d([2]int{2, 2}, [2]int{2, 2}, [2]int{})

// Steps are the lesson's steps in order. The slice is the caller's.
func Steps() []Step {
	return []Step{
		formulaStep(), paddingStep(), strideStep(), floorStep(), rgbStep(),
		paramsStep(), batchStep(), cellStep(), poolStep(), guessStep(),
	}
}

// canvas is the 28x28 digit through nn.Conv2d(1, out, k, s, p).
func canvas(out, k, s, p int) State {
	return State{Example: NoExample, Input: "canvas", Filters: "presets", OutChannels: out, Kernel: k, Stride: s, Padding: p, Batch: 1, Tab: "maps"}
}

// layer is the conv.Conv2d a state sets.
func (s State) layer() conv.Conv2d {
	return conv.New(s.InputShape()[1], s.OutChannels, s.Kernel, s.Stride, s.Padding)
}

// geometry is the state's layer on its input. The lesson's settings are
// all valid (TestStepsAreValid); a rejected one is a bug in this file.
func (s State) geometry() conv.Geometry {
	g, err := s.layer().Geometry(s.InputShape())
	if err != nil {
		panic(fmt.Sprintf("lesson: PyTorch rejects the step's layer: %v", err))
	}
	return g
}

// hout asks for H_out of the state's layer.
func hout(st State) (State, conv.Geometry, msg) {
	g := st.geometry()
	return st, g, m(i18n.LessonQuestionHout, g.Input[2], st.Kernel, st.Padding, st.Stride)
}

func formulaStep() Step {
	st, g, q := hout(canvas(8, 5, 1, 0))
	h := g.Output[2]
	return Step{ID: "formula", Set: st, Highlight: "shapes",
		title: m(i18n.LessonFormulaTitle), text: m(i18n.LessonFormulaText), question: q,
		answer: float64(h), hint: m(i18n.LessonHintFormula),
		mistakes: map[int]msg{h - 1: m(i18n.LessonHintPlusOne), fractionMistake: m(i18n.LessonHintFloor)},
		worked:   m(i18n.LessonFormulaWorked, g.Formula(0), st.Kernel-1),
	}
}

func paddingStep() Step {
	st := canvas(8, 5, 1, 2)
	g := st.geometry()
	return Step{ID: "padding", Set: st, Highlight: "input",
		title: m(i18n.LessonPaddingTitle), text: m(i18n.LessonPaddingText),
		question: m(i18n.LessonPaddingQuestion, st.Kernel, g.Input[2], g.Input[2]),
		answer:   float64(st.Padding), hint: m(i18n.LessonPaddingHint),
		mistakes: map[int]msg{st.Kernel - 1: m(i18n.LessonPaddingBoth, st.Kernel-1)},
		worked:   m(i18n.LessonPaddingWorked, g.Formula(0), st.Padding),
	}
}

func strideStep() Step {
	st, g, q := hout(canvas(8, 5, 2, 2))
	num := g.Input[2] - st.Kernel + 2*st.Padding
	return Step{ID: "stride", Set: st, Highlight: "shapes",
		title: m(i18n.LessonStrideTitle), text: m(i18n.LessonStrideText), question: q,
		answer: float64(g.Output[2]), hint: m(i18n.LessonHintFormula),
		mistakes: map[int]msg{
			g.Input[2]:      m(i18n.LessonStrideHalf, st.Stride),
			fractionMistake: m(i18n.LessonHintFloor),
		},
		worked: m(i18n.LessonStrideWorked, g.Formula(0), strconv.FormatFloat(float64(num)/float64(st.Stride), 'f', -1, 64)),
	}
}

func floorStep() Step {
	st, g, q := hout(canvas(8, 5, 2, 0))
	rows, _ := g.Unreached()
	last := (g.Output[2]-1)*st.Stride - st.Padding
	return Step{ID: "floor", Set: st, Highlight: "input",
		title: m(i18n.LessonFloorTitle), text: m(i18n.LessonFloorText), question: q,
		answer: float64(g.Output[2]), hint: m(i18n.LessonHintFormula),
		mistakes: map[int]msg{g.Output[2] - 1: m(i18n.LessonHintPlusOne), fractionMistake: m(i18n.LessonHintFloor)},
		worked:   m(i18n.LessonFloorWorked, g.Formula(0), st.Stride, last, last+st.Kernel-1, span(rows)),
	}
}

// rgb is the RGB example: nn.Conv2d(3, 6, 5, 1, 2) on the 3x64x64 photo.
func rgb(tab string) State {
	return State{Example: ExampleRGB, Input: "photo", Filters: "presets", OutChannels: 6, Kernel: 5, Stride: 1, Padding: 2, Batch: 1, Tab: tab}
}

func rgbStep() Step {
	st := rgb("channels")
	g := st.geometry()
	return Step{ID: "rgb", Set: st, Highlight: "channels", Choices: []string{"1", "3", "6"},
		title: m(i18n.LessonRGBTitle), text: m(i18n.LessonRGBText), question: m(i18n.LessonRGBQuestion),
		answer: 1, hint: m(i18n.LessonRGBHint),
		mistakes: map[int]msg{g.Output[1]: m(i18n.LessonRGBFilters, g.Output[1])},
		worked:   m(i18n.LessonRGBWorked, g.Weight[0], g.Output[1], conv.FormatShape(g.Output)),
	}
}

func paramsStep() Step {
	st := rgb("maps")
	g := st.geometry()
	w, b := conv.Numel(g.Weight), conv.Numel(g.Bias)
	code := fmt.Sprintf("Conv2d(%d, %d, %d)", g.Conv.InChannels, g.Conv.OutChannels, st.Kernel)
	return Step{ID: "params", Set: st, Highlight: "shapes",
		title: m(i18n.LessonParamsTitle), text: m(i18n.LessonParamsText), question: m(i18n.LessonParamsQuestion, code),
		answer: float64(w), hint: m(i18n.LessonParamsHint),
		mistakes: map[int]msg{w + b: m(i18n.LessonParamsBias), w / g.Weight[0]: m(i18n.LessonParamsOne, g.Weight[0])},
		worked: m(i18n.LessonParamsWorked, conv.FormatShape(g.Weight), product(g.Weight), w,
			conv.FormatShape(g.Bias), b, g.Params),
	}
}

// mnist is the MNIST example: the trained conv1, nn.Conv2d(1, 20, 5, 1, 2),
// on a batch of 16 digits.
func mnist(tab string) State {
	return State{Example: ExampleMNIST, Input: "canvas", Filters: "learned", OutChannels: 20, Kernel: 5, Stride: 1, Padding: 2, Batch: 16, Tab: tab}
}

func batchStep() Step {
	st := mnist("batch")
	g := st.geometry()
	ws := conv.FormatShape(g.Weight)
	return Step{ID: "batch", Set: st, Highlight: "batch",
		Choices: []string{"1", strconv.Itoa(st.Batch), strconv.Itoa(st.OutChannels)},
		title:   m(i18n.LessonBatchTitle), text: m(i18n.LessonBatchText), question: m(i18n.LessonBatchQuestion, ws, st.Batch),
		answer: 1, hint: m(i18n.LessonBatchShared),
		mistakes: map[int]msg{st.OutChannels: m(i18n.LessonBatchFilters, st.OutChannels)},
		worked: m(i18n.LessonBatchWorked, ws, st.Batch, conv.FormatShape(g.Input),
			conv.FormatShape(g.Output), g.Params),
	}
}

func cellStep() Step {
	st := canvas(20, 5, 1, 2)
	st.Filters, st.Tab = "learned", "explain"
	g := st.geometry()
	taps := conv.Numel(g.Weight[1:])
	return Step{ID: "cell", Set: st, Highlight: "explain",
		title: m(i18n.LessonCellTitle), text: m(i18n.LessonCellText), question: m(i18n.LessonCellQuestion, layerCode(st)),
		answer: float64(taps), hint: m(i18n.LessonCellHint),
		mistakes: map[int]msg{taps + 1: m(i18n.LessonCellBias), taps * g.Weight[0]: m(i18n.LessonCellAll, g.Weight[0])},
		worked: m(i18n.LessonCellWorked, product(g.Weight[1:]), taps, grouped(g.MACs),
			g.Output[1], g.Output[2], g.Output[3]),
	}
}

// lenet is the trained LeNet on the canvas, its layer selected.
func lenet(layer string) State {
	st := canvas(20, 5, 1, 2)
	st.Filters, st.Network, st.Layer = "learned", "lenet", layer
	return st
}

func poolStep() Step {
	st := lenet("pool1")
	ch := chain(st)
	c2 := conv.New(ch[2].shape[1], lenetC2, 5, 1, 0)
	g2, err := c2.Geometry(ch[2].shape)
	if err != nil {
		panic(fmt.Sprintf("lesson: conv2: %v", err))
	}
	return Step{ID: "pool", Set: st, Highlight: "chain",
		title: m(i18n.LessonPoolTitle), text: m(i18n.LessonPoolText),
		question: m(i18n.LessonPoolQuestion, conv.FormatShape(ch[2].shape), fmt.Sprintf("Conv2d(%d, %d, %d)", c2.InChannels, c2.OutChannels, c2.Kernel[0])),
		answer:   float64(g2.Output[2]), hint: m(i18n.LessonHintFormula),
		mistakes: map[int]msg{ch[2].shape[2]: m(i18n.LessonPoolNoPadding, c2.Kernel[0]-1), ch[4].shape[2]: m(i18n.LessonPoolAfter)},
		worked:   m(i18n.LessonPoolWorked, g2.Formula(0), conv.FormatShape(ch[3].shape), conv.FormatShape(ch[4].shape)),
	}
}

func guessStep() Step {
	st := lenet("fc1")
	ch := chain(st)
	p2, flat := ch[4].shape, ch[5].shape[1]
	return Step{ID: "guess", Set: st, Highlight: "guess",
		title: m(i18n.LessonGuessTitle), text: m(i18n.LessonGuessText), question: m(i18n.LessonGuessQuestion, conv.FormatShape(p2)),
		answer: float64(flat), hint: m(i18n.LessonGuessHint),
		mistakes: map[int]msg{p2[2] * p2[3]: m(i18n.LessonGuessOneMap, p2[1])},
		worked:   m(i18n.LessonGuessWorked, product(p2[1:]), flat, flat, lenetHidden, chainText(ch)),
	}
}

// stage is one layer of the LeNet's shape chain and the shape it makes.
type stage struct {
	name  string
	shape []int
}

// chain is the LeNet's shape chain on the state's input, as package nn
// runs it: input, conv1, pool1, conv2, pool2, flatten, fc1, fc2 (the
// ReLUs keep the shape and are left out).
func chain(st State) []stage {
	g1 := st.geometry()
	p1, err := pool.OutShape(g1.Output)
	if err != nil {
		panic(fmt.Sprintf("lesson: pool1: %v", err))
	}
	g2, err := conv.New(p1[1], lenetC2, 5, 1, 0).Geometry(p1)
	if err != nil {
		panic(fmt.Sprintf("lesson: conv2: %v", err))
	}
	p2, err := pool.OutShape(g2.Output)
	if err != nil {
		panic(fmt.Sprintf("lesson: pool2: %v", err))
	}
	n := p2[0]
	return []stage{
		{"input", g1.Input}, {"conv1", g1.Output}, {"pool1", p1}, {"conv2", g2.Output}, {"pool2", p2},
		{"flatten", []int{n, conv.Numel(p2[1:])}}, {"fc1", []int{n, lenetHidden}}, {"fc2", []int{n, 10}},
	}
}

// chainText writes the chain as the worked answer shows it:
// "input [1, 1, 28, 28] → conv1 [1, 20, 28, 28] → … → fc2 [1, 10]".
func chainText(ch []stage) string {
	parts := make([]string, len(ch))
	for i, s := range ch {
		parts[i] = s.name + " " + conv.FormatShape(s.shape)
	}
	return strings.Join(parts, " → ")
}

// layerCode is the state's layer as PyTorch's positional call, e.g. Conv2d(1, 20, 5, 1, 2).
func layerCode(st State) string {
	return fmt.Sprintf("Conv2d(%d, %d, %d, %d, %d)", st.InputShape()[1], st.OutChannels, st.Kernel, st.Stride, st.Padding)
}

// product writes a shape's numbers as a product, e.g. 6·3·5·5.
func product(shape []int) string {
	parts := make([]string, len(shape))
	for i, v := range shape {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, "·")
}

// span writes consecutive indices as the canvas labels them: "27" or "26..27".
func span(idx []int) string {
	switch len(idx) {
	case 0:
		return ""
	case 1:
		return strconv.Itoa(idx[0])
	}
	return strconv.Itoa(idx[0]) + ".." + strconv.Itoa(idx[len(idx)-1])
}

// grouped writes a count with thousands separators, e.g. 392,000.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
