package training

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"convplayground/conv/npy"
	"convplayground/livetrain"
	"convplayground/modelfile"
)

// NPZFile is the name the trained LeNet's weights are saved under (Copy
// code's LeNet loads it).
const NPZFile = "lenet_trained.npz"

// SaveName is the name of the saved weights, .npz or .pt (ext): the
// LeNet's, or a learner's network's (its Copy code is the network's own,
// which has the weights).
func (s *Session) SaveName(ext string) string {
	if n := s.runSettings().Net; n != "" && n != livetrain.LeNetPreset {
		return "network_trained" + ext
	}
	return strings.TrimSuffix(NPZFile, ".npz") + ext
}

// stateDictKeys are the LeNet's state_dict keys in PyTorch's order.
var stateDictKeys = livetrain.LeNetKeys[:]

// NPZ is the latest weights as a state_dict in an .npz (np.savez's format).
func (s *Session) NPZ() ([]byte, error) {
	return s.save(npy.WriteNPZ)
}

// PT is the latest weights as torch.save(model.state_dict()) writes them.
func (s *Session) PT() ([]byte, error) {
	return s.save(func(w io.Writer, ts []npy.Array) error {
		return modelfile.WriteTorch(w, s.SaveName(""), ts)
	})
}

// save writes the latest weights as the network's state_dict, in PyTorch's
// key order (a worker's message lists them in any order), float32 but for
// BatchNorm's num_batches_tracked, int64 as in PyTorch.
func (s *Session) save(write func(io.Writer, []npy.Array) error) ([]byte, error) {
	if s.Weights == nil {
		return nil, errors.New("no trained weights yet: press Train or Reset")
	}
	arrays := make([]npy.Array, 0, len(s.Weights))
	for _, w := range s.Weights {
		a := npy.Array{Name: w.Name, Shape: slices.Clone(w.Tensor.Shape), DType: npy.Float32, F32: w.Tensor.Data}
		if strings.HasSuffix(w.Name, "num_batches_tracked") && len(w.Tensor.Data) == 1 {
			a.DType, a.F32, a.I64 = npy.Int64, nil, []int64{int64(w.Tensor.Data[0])}
		}
		arrays = append(arrays, a)
	}
	slices.SortStableFunc(arrays, func(a, b npy.Array) int { return keyRank(a.Name) - keyRank(b.Name) })
	var b bytes.Buffer
	if err := write(&b, arrays); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// keyRank is a key's place in its state_dict: the LeNet's order, or an
// nn.Sequential's (by layer index, then a layer's parameters and buffers
// in the order PyTorch registers them).
func keyRank(k string) int {
	if i := slices.Index(stateDictKeys, k); i >= 0 {
		return i
	}
	layer, name, _ := strings.Cut(k, ".")
	i, err := strconv.Atoi(layer)
	if err != nil {
		return math.MaxInt32
	}
	return i*len(layerKeys) + slices.Index(layerKeys, name) + 1
}

// layerKeys are a layer's state_dict entries in PyTorch's order.
var layerKeys = []string{"weight", "bias", "running_mean", "running_var", "num_batches_tracked"}

// Code is the Python that rebuilds the trained LeNet from the saved .npz
// (Save .npz), for Copy code; "" before there are weights.
func (s *Session) Code() string {
	c2, h := 0, 0
	for _, w := range s.Weights {
		switch w.Name {
		case "conv2.weight":
			c2 = w.Tensor.Shape[0]
		case "fc1.weight":
			h = w.Tensor.Shape[0]
		}
	}
	if c2 == 0 || h == 0 {
		return ""
	}
	return fmt.Sprintf(`
# The LeNet trained in the playground (step %d, %s, lr %v, batch %d, seed %d),
# conv1 the layer above; its state_dict is %s (Save .npz).
import numpy as np
import torch.nn.functional as F

class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, padding=2)
        self.conv2 = nn.Conv2d(20, %d, 5)
        self.fc1 = nn.Linear(%d, %d)
        self.fc2 = nn.Linear(%d, 10)

    def forward(self, x):  # x: [N, 1, 28, 28], white digits on black in [0, 1]
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))

net = LeNet()
net.load_state_dict({k: torch.from_numpy(v) for k, v in np.load(%q).items()})
`, s.Step, s.runSettings().Optimizer, s.runSettings().LR, s.runSettings().Batch, s.runSettings().Seed, NPZFile, c2, c2*25, h, h, NPZFile)
}

// runSettings are the settings the weights were trained with.
func (s *Session) runSettings() Settings {
	if s.run != nil {
		return *s.run
	}
	return s.Settings
}
