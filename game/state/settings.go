package state

import (
	"slices"
	"strconv"

	"convplayground/conv"
)

// Ranges of the settings. The ends reach values PyTorch rejects (stride 0,
// padding −1, dilation 0, groups 0) on purpose: the learner sees its message.
const (
	MaxOut               = 20
	MinStride, MaxStride = 0, 4
	MinPad, MaxPad       = -1, 4
	MinDil, MaxDil       = 0, 3
	MinKernel            = 1
	MinGroups            = 0
	MaxOutPad            = 3   // output_padding: 3 ≥ stride reaches PyTorch's refusal
	maxWeight            = 100 // typed weights are clamped to ±maxWeight
)

// Modes are the padding modes in cycling order.
var Modes = []string{conv.ZerosMode, conv.ReflectMode, conv.ReplicateMode, conv.CircularMode}

// Settings are the layer's hyper-parameters and the input scaling.
type Settings struct {
	OutChannels int    `json:"out_channels"`
	Kernel      int    `json:"kernel"`
	Stride      int    `json:"stride"`
	Padding     int    `json:"padding"` // used when PadString is ""
	PadString   string // "", "same" or "valid"
	Dilation    int    `json:"dilation"`
	PaddingMode string `json:"padding_mode"`
	Normalize   bool   `json:"normalize"` // Normalize(0.5, 0.5) after ToTensor
	Groups      int    `json:"groups"`    // nn.Conv2d's groups
	Batch       int    `json:"batch"`     // N, 1..MaxBatch (batch.go)
	// Transposed makes the layer nn.ConvTranspose2d with OutputPadding
	// (transpose.go); the other settings keep their meaning.
	Transposed    bool `json:"transposed"`
	OutputPadding int  `json:"output_padding"`
}

// DefaultSettings is nn.Conv2d(1, 8, 5, stride=1, padding=2) on ToTensor input.
func DefaultSettings() Settings {
	return Settings{OutChannels: 8, Kernel: 5, Stride: 1, Padding: 2, Dilation: 1, PaddingMode: conv.ZerosMode, Groups: 1, Batch: 1}
}

// Setting is one stepped setting of the layer: a row of SettingTable.
type Setting int

// The stepped settings, in the settings panel's order (the batch size N
// is stepped in the batch tab).
const (
	SetOut Setting = iota
	SetKernel
	SetStride
	SetPadding
	SetDilation
	SetMode
	SetGroups
	SetBatch
	SetTransposed    // Conv2d | ConvTranspose2d (the settings panel's switch)
	SetOutputPadding // shown only when transposed
	NumSettings
)

// SettingInfo is one setting's row: its names, and its value as a position
// that − and + step through (the number itself, or for padding and the
// mode an index in padSteps and Modes).
type SettingInfo struct {
	Key   string // the hook's name: "out_channels", "kernel", ...
	Label string // nn.Conv2d's argument, as the panel and a bad link name it
	Min   int    // the lowest position
	// max is the highest position: for groups the larger of in_channels
	// and out_channels (beyond both every value is refused the same way).
	max  func(t Settings, cin int) int
	wrap bool // cycles (the padding mode) instead of stopping at the ends
	get  func(t Settings) int
	set  func(t *Settings, v int)
	text func(t Settings) string // the value as the panel shows it
}

// Max is the highest position for the filters' in_channels cin.
func (i SettingInfo) Max(t Settings, cin int) int { return i.max(t, cin) }

// Text is the setting's value in t as the settings panel shows it.
func (i SettingInfo) Text(t Settings) string { return i.text(t) }

// Value is the setting's position in t.
func (i SettingInfo) Value(t Settings) int { return i.get(t) }

// SettingTable is the one table of the stepped settings: the keys, the
// settings panel, the link code and the hook read it.
var SettingTable = [NumSettings]SettingInfo{
	SetOut:      number("out_channels", "out_channels", 1, MaxOut, func(t *Settings) *int { return &t.OutChannels }),
	SetKernel:   number("kernel", "kernel_size", MinKernel, MaxKernel, func(t *Settings) *int { return &t.Kernel }),
	SetStride:   number("stride", "stride", MinStride, MaxStride, func(t *Settings) *int { return &t.Stride }),
	SetPadding:  {Key: "padding", Label: "padding", Min: 0, max: fixed(len(padSteps) - 1), get: padIndex, set: setPadIndex, text: Settings.PaddingText},
	SetDilation: number("dilation", "dilation", MinDil, MaxDil, func(t *Settings) *int { return &t.Dilation }),
	SetMode: {Key: "padding_mode", Label: "padding_mode", Min: 0, max: fixed(len(Modes) - 1), wrap: true,
		get:  func(t Settings) int { return modeIndex(t.PaddingMode) },
		set:  func(t *Settings, v int) { t.PaddingMode = Modes[v] },
		text: func(t Settings) string { return "'" + t.PaddingMode + "'" }},
	SetGroups: {Key: "groups", Label: "groups", Min: MinGroups,
		max:  func(t Settings, cin int) int { return max(cin, t.OutChannels) },
		get:  func(t Settings) int { return t.Groups },
		set:  func(t *Settings, v int) { t.Groups = v },
		text: func(t Settings) string { return strconv.Itoa(t.Groups) }},
	SetBatch: {Key: "batch", Label: "batch", Min: 1, max: fixed(MaxBatch),
		get:  func(t Settings) int { return clamp(t.Batch, 1, MaxBatch) },
		set:  func(t *Settings, v int) { t.Batch = v },
		text: func(t Settings) string { return strconv.Itoa(clamp(t.Batch, 1, MaxBatch)) }},
	SetTransposed: {Key: "transposed", Label: "layer", Min: 0, max: fixed(1), wrap: true,
		get:  func(t Settings) int { return b2i(t.Transposed) },
		set:  func(t *Settings, v int) { t.Transposed = v == 1 },
		text: Settings.LayerKind},
	SetOutputPadding: number("output_padding", "output_padding", 0, MaxOutPad, func(t *Settings) *int { return &t.OutputPadding }),
}

// number is the row of a setting whose position is its value.
func number(key, label string, lo, hi int, field func(t *Settings) *int) SettingInfo {
	return SettingInfo{Key: key, Label: label, Min: lo, max: fixed(hi),
		get:  func(t Settings) int { return *field(&t) },
		set:  func(t *Settings, v int) { *field(t) = v },
		text: func(t Settings) string { return strconv.Itoa(*field(&t)) }}
}

func fixed(hi int) func(Settings, int) int { return func(Settings, int) int { return hi } }

// Info is the setting's row of SettingTable.
func (st Setting) Info() SettingInfo { return SettingTable[st] }

func (st Setting) String() string {
	if st < 0 || st >= NumSettings {
		return "setting " + strconv.Itoa(int(st))
	}
	return SettingTable[st].Key
}

// stepped is t with setting st moved d steps (clamped to its range, or
// cycling), for filters with cin input channels.
func (st Setting) stepped(t Settings, cin, d int) Settings {
	info := SettingTable[st]
	v, lo, hi := info.get(t)+d, info.Min, info.max(t, cin)
	if info.wrap {
		v = lo + ((v-lo)%(hi-lo+1)+hi-lo+1)%(hi-lo+1)
	}
	info.set(&t, clamp(v, lo, hi))
	return t
}

// Step moves a setting one step up (+1) or down (−1), staying in its range.
// It returns false when the setting is already at that end.
func (s *State) Step(st Setting, d int) bool {
	if st < 0 || st >= NumSettings {
		s.Notice = "unknown " + st.String()
		return false
	}
	t := st.stepped(s.Settings, s.cin(), d)
	if t == s.Settings {
		return false
	}
	info := SettingTable[st]
	defer s.History.record(info.Label, info.text(s.Settings), info.text(t))()
	s.apply(t)
	return true
}

// apply installs new settings; the filters follow the kernel size and
// groups (presets rebuilt, edited and learned ones from their own numbers).
func (s *State) apply(t Settings) {
	s.Settings = t
	s.Bank.refreshFilters()
	s.changed()
}

type padStep struct {
	n int
	s string
}

// padSteps is the order padding cycles through: −1 (rejected), 0..4, same, valid.
var padSteps = func() []padStep {
	var p []padStep
	for n := MinPad; n <= MaxPad; n++ {
		p = append(p, padStep{n, ""})
	}
	return append(p, padStep{0, "same"}, padStep{0, "valid"})
}()

func padIndex(t Settings) int {
	for i, p := range padSteps {
		if p.s == t.PadString && (p.s != "" || p.n == t.Padding) {
			return i
		}
	}
	return 1 - MinPad
}

func setPadIndex(t *Settings, i int) { t.Padding, t.PadString = padSteps[i].n, padSteps[i].s }

func modeIndex(m string) int { return max(0, slices.Index(Modes, m)) }

func clamp(v, lo, hi int) int { return min(hi, max(lo, v)) }

// PaddingText is the padding as nn.Conv2d's argument reads: 2, 'same', 'valid'.
func (t Settings) PaddingText() string {
	if t.PadString != "" {
		return "'" + t.PadString + "'"
	}
	return strconv.Itoa(t.Padding)
}
