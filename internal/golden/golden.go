// Package golden reads the PyTorch golden fixtures of package conv
// (conv/testdata/golden, written by scripts/golden.py with torch 1.13), for
// the tests of conv and of the packages built on it; only tests import it.
// index.json lists every case; a valid case names an .npz holding x,
// weight, bias (with bias), out, and for non-seed cases gy (a random
// upstream gradient) with gx, gw, gb, the gradients of (out*gy).sum(). A
// rejected case carries torch's message in Error. It does not import conv,
// so conv's own tests can use it. It reads package nn's layer fixtures too
// (LayerCases).
package golden

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"convplayground/conv/npy"
)

// Case is one setting of index.json.
type Case struct {
	ID            int    `json:"id"`
	Name          string `json:"name"`
	Input         []int  `json:"input"`
	Output        []int  `json:"output"` // torch's output shape (3-D for an unbatched input)
	File          string `json:"file"`
	Seed          bool   `json:"seed"` // out holds only a prefix of the output
	Error         string `json:"error"`
	ErrorType     string `json:"error_type"`
	InChannels    int    `json:"in_channels"`
	OutChannels   int    `json:"out_channels"`
	Kernel        [2]int `json:"kernel"`
	Stride        [2]int `json:"stride"`
	Padding       [2]int `json:"padding"`
	OutputPadding [2]int `json:"output_padding"` // ConvTranspose2d's (conv/testdata/transpose)
	PaddingString string `json:"padding_string"`
	Dilation      [2]int `json:"dilation"`
	Groups        int    `json:"groups"`
	Bias          bool   `json:"bias"`
	PaddingMode   string `json:"padding_mode"`
}

// Array is one array of a case, as stored.
type Array struct {
	Shape []int
	Data  []float32
}

// Cases reads the index of the fixtures in dir.
func Cases(dir string) ([]Case, error) {
	b, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		return nil, err
	}
	var idx struct{ Cases []Case }
	if err := json.Unmarshal(b, &idx); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "index.json"), err)
	}
	return idx.Cases, nil
}

// Arrays reads a valid case's arrays from dir, by name (x, weight, …).
func (c Case) Arrays(dir string) (map[string]Array, error) {
	z, err := zip.OpenReader(filepath.Join(dir, c.File))
	if err != nil {
		return nil, fmt.Errorf("case %d: %w", c.ID, err)
	}
	defer z.Close()
	m := map[string]Array{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("case %d: %w", c.ID, err)
		}
		shape, data, err := npy.Read(r)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("case %d: %s: %w", c.ID, f.Name, err)
		}
		m[strings.TrimSuffix(f.Name, ".npy")] = Array{shape, data}
	}
	return m, nil
}
