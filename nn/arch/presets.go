package arch

// Preset is a network offered in one click: its name and its text, which is
// Spec.String's canonical form.
type Preset struct {
	Name, Text string
}

// The presets' texts.
const (
	// OneConv is today's playground: the default settings' single layer
	// (8 filters, 5x5, padding 2) on the 1x28x28 canvas.
	OneConv = `nn.Sequential(
    nn.Conv2d(1, 8, 5, padding=2)
)`

	// LeNet is the trained network of package nn (assets/mnist_lenet.bin):
	// [N,1,28,28] → conv1 [N,20,28,28] → pool [N,20,14,14] → conv2
	// [N,32,10,10] → pool [N,32,5,5] → [N,800] → [N,128] → [N,10].
	LeNet = `nn.Sequential(
    nn.Conv2d(1, 20, 5, padding=2),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(20, 32, 5),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(800, 128),
    nn.ReLU(),
    nn.Linear(128, 10)
)`

	// TinyVGG is CNN Explainer's network on a 1x28x28 input: two blocks of
	// conv-relu-conv-relu-maxpool with 10 filters of 3x3 and no padding,
	// 28 → 26 → 24 → 12 → 10 → 8 → 4, then [N,10·4·4] → [N,10].
	TinyVGG = `nn.Sequential(
    nn.Conv2d(1, 10, 3),
    nn.ReLU(),
    nn.Conv2d(10, 10, 3),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(10, 10, 3),
    nn.ReLU(),
    nn.Conv2d(10, 10, 3),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(160, 10)
)`
)

// Presets lists the presets in menu order, the default first.
func Presets() []Preset {
	return []Preset{{"One Conv2d layer", OneConv}, {"The trained LeNet", LeNet}, {"TinyVGG", TinyVGG}}
}
