package state

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"convplayground/conv"
	"convplayground/game/preset"
	"convplayground/i18n"
	"convplayground/modelfile"
	"convplayground/nn"
)

// OpenModel is a model file the learner opened (dropped, Open…, -model):
// its tensors in the file's order, grouped by layer, and the conv weights
// among them, any of which can become the layer on screen (PickConv).
type OpenModel struct {
	Name    string
	Format  string // "pytorch", "safetensors" or "npz"
	Bytes   int64  // the file's size
	Tensors []modelfile.Tensor
	Layers  []modelfile.Layer
	Convs   []modelfile.Conv
	Picked  int // the index in Convs last put on screen, −1 for none
	Shown   int // how many of its filters are on screen (at most MaxOut)

	// The whole network, when the state_dict is one of nn/arch's presets'
	// (MatchPreset): its name and the loaded network; else NetErr says
	// what load_state_dict found for each.
	NetName string
	Net     *nn.Sequential
	NetErr  error

	run netRun // Net's last output on the input (modelnet.go)

	whole wholeNet // the network UseNetwork put on screen (modelwhole.go)
}

// ReadModel reads a model file's bytes (package modelfile) into an
// OpenModel. It touches no State, so a big file is read off the frame.
func ReadModel(name string, data []byte) (*OpenModel, error) {
	ts, err := modelfile.Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path.Base(name), err)
	}
	if len(ts) == 0 {
		return nil, i18n.Errorf(i18n.ModelNoTensors, path.Base(name))
	}
	m := &OpenModel{Name: path.Base(name), Format: modelFormat(name, data), Bytes: int64(len(data)),
		Tensors: ts, Layers: modelfile.Layers(ts), Convs: modelfile.Convs(ts), Picked: -1}
	m.NetName, m.Net, m.NetErr = MatchPreset(ts)
	return m, nil
}

// modelFormat names what modelfile.Read recognised: a zip is an .npz when
// it holds .npy members (np.savez's), else torch.save's.
func modelFormat(name string, data []byte) string {
	switch {
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "safetensors"
	case strings.HasSuffix(strings.ToLower(name), ".npz") || bytes.Contains(data[:min(len(data), 512)], []byte(".npy")):
		return "npz"
	}
	return "pytorch"
}

// IsModelFile says whether a file's name is a model file's (.pt, .pth,
// .safetensors, .npz), which a drop opens as a model.
func IsModelFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".pt", ".pth", ".safetensors", ".npz":
		return true
	}
	return false
}

// ShowModel shows a model read by ReadModel; a file that could not be read
// leaves the one shown (and everything else) as it was and says why.
// Opening a file changes nothing the learner made: it is no undo step.
func (tn *Trained) ShowModel(m *OpenModel, err error) {
	s := tn.s
	if err != nil {
		s.Say(i18n.Text(s.Lang, err))
		return
	}
	s.Trained.Opened = m
	s.Say("") // redraw
}

// CloseModel hides the open model.
func (tn *Trained) CloseModel() {
	s := tn.s
	s.Trained.Opened = nil
	s.Say("")
}

// PickConv makes conv weight i of the open model (with its bias) the layer
// on screen: out_channels and kernel_size become the weight's (its first
// MaxOut filters when it has more: Shown says how many), stride, padding
// and the rest are kept; one undo step. A weight whose in_channels
// the input does not have changes nothing and says which input fits.
func (tn *Trained) PickConv(i int) bool {
	s := tn.s
	m := s.Trained.Opened
	if m == nil || i < 0 || i >= len(m.Convs) {
		s.Notice = fmt.Sprintf("no conv weight %d in the open model", i)
		return false
	}
	c := m.Convs[i]
	sh := c.Weight.Shape
	cout, k := sh[0], sh[2]
	if msg := s.Trained.convMisfit(c.Weight.Name, sh); msg != "" {
		s.Notice = msg
		return false
	}
	defer s.History.record(c.Weight.Name, "", "")()
	t := s.Settings
	t.OutChannels, t.Kernel, t.Groups = min(cout, MaxOut), k, 1
	s.apply(t)
	s.Trained.fillBank(i)
	s.changed()
	return true
}

// fillBank puts conv weight i of the open model (its first OutChannels
// filters) and its bias into the bank, each filter named for where it
// came from; the settings are already the weight's.
func (tn *Trained) fillBank(i int) {
	s := tn.s
	m := s.Trained.Opened
	c := m.Convs[i]
	cin, k := c.Weight.Shape[1], c.Weight.Shape[2]
	s.Bank.setBankCin(cin)
	size := cin * k * k
	for o := range s.OutChannels {
		f := Filter{Preset: preset.Kaiming, Edited: true, EditedChannels: uint8(1<<min(cin, 8) - 1), From: fmt.Sprintf("%s[%d]", c.Weight.Name, o),
			W: append([]float32(nil), c.Weight.F32[o*size:(o+1)*size]...)}
		if c.Bias != nil {
			f.B = c.Bias.F32[o]
		}
		s.Bank.Filters[o] = f
		s.Bank.own(o)
	}
	m.Picked, m.Shown = i, s.OutChannels
}

// PickedConv is the index in the open model's Convs of the weight on
// screen: the one last picked while the layer's filters are still its
// (Undo or another bank takes it off), −1 for none.
func (tn *Trained) PickedConv() int {
	s := tn.s
	m := s.Trained.Opened
	if m == nil || m.Picked < 0 || !strings.HasPrefix(s.Bank.Filters[0].From, m.Convs[m.Picked].Weight.Name+"[") {
		return -1
	}
	return m.Picked
}

// convMisfit says why weight name of shape sh cannot be the layer on the
// input, "" when it can: its in_channels must be the input's (PyTorch's
// own message says it too) and its kernel within the editor's.
func (tn *Trained) convMisfit(name string, sh []int) string {
	s := tn.s
	cin, k := sh[1], sh[2]
	if k > MaxKernel {
		return s.Lang.Sprintf(i18n.ModelKernelTooBig, name, conv.FormatShape(sh), k, k, MaxKernel, MaxKernel)
	}
	have := s.C()
	if cin == have {
		return ""
	}
	torch := fmt.Sprintf("expected input[1, %d, %d, %d] to have %d channels, but got %d channels instead", have, s.H(), s.W(), cin, have)
	fix := i18n.ModelFirstLayerOnly
	switch cin {
	case 1:
		fix = i18n.ModelPickDrawing
	case 3:
		fix = i18n.ModelPickPhoto
	}
	return s.Lang.Sprintf(i18n.ModelChannelsMisfit, name, conv.FormatShape(sh), cin,
		historyName(s.Lang, inputName(s.Input.Photo)), have, s.Lang.T(fix), torch)
}
