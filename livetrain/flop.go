package livetrain

// Multiply-adds of the LeNet's layers for one image (conv1, conv2, fc1,
// fc2: out channels × weights per output × output pixels).
const (
	conv1MACs = 20 * 1 * 25 * 28 * 28
	lenetMACs = conv1MACs + 32*20*25*10*10 + 800*128 + 128*10
)

// TrainFLOP is the floating-point operations of one image in a training
// step of the LeNet, counted as 2 per multiply-add: the forward pass, the
// weight gradients (as many multiply-adds as the forward pass) and the
// input gradients of every layer but conv1 (whose input needs none). The
// benchmarks turn images/s into GFLOP/s with it, the same for every
// trainer; ReLU, pooling, the loss and the optimizer's update are not counted.
const TrainFLOP = 2 * (2*lenetMACs + lenetMACs - conv1MACs)
