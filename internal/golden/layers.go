package golden

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"convplayground/conv/npy"
)

// LayerCase is one case of package nn's layer fixtures (nn/testdata/layers,
// written by scripts/nn_layers_golden.py; the script's comment says what
// each kind holds), which nn's and cmd/net's tests read.
type LayerCase struct {
	ID       int      `json:"id"`
	Kind     string   `json:"kind"` // grad, train, load, error, loss
	Text     string   `json:"text"` // the nn.Sequential(...) source
	Input    []int    `json:"input"`
	Train    bool     `json:"train"`
	File     string   `json:"file"`
	Layer    int      `json:"layer"` // the layer that refuses (error)
	Error    string   `json:"error"`
	Optim    string   `json:"optim"`
	LR       float64  `json:"lr"`
	Momentum float64  `json:"momentum"`
	Steps    int      `json:"steps"`
	Labels   []int64  `json:"labels"` // cross_entropy's refused labels (loss)
	Repr     []string `json:"repr"`   // each layer as torch prints it (grad)
}

// LayerCases reads the index of the layer fixtures in dir.
func LayerCases(dir string) ([]LayerCase, error) {
	b, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		return nil, err
	}
	var idx struct{ Cases []LayerCase }
	if err := json.Unmarshal(b, &idx); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "index.json"), err)
	}
	return idx.Cases, nil
}

// Arrays reads a case's arrays from dir, in the file's order (a state_dict's).
func (c LayerCase) Arrays(dir string) ([]npy.Array, error) {
	return npy.LoadNPZ(filepath.Join(dir, c.File))
}
