package state

import (
	"fmt"
	"strings"

	"convplayground/conv"

	"convplayground/game/link"
	"convplayground/game/picture"
	"convplayground/game/preset"
	"convplayground/game/training"
	"convplayground/i18n"
	"convplayground/livetrain"
)

// A shared playground is a link code (package link): the settings, colour
// map and scale, all 64 filter slots, the input and playback of the session, as
// one link.Snapshot. A dropped photo or .npy is not carried (too big for a
// link): the link holds the generated photo instead of an RGB one, the
// drawing (or digit) instead of a 1-channel one.

// Display preferences of the feature maps, kept in the state so that a link
// carries them. The view owns their names and colours.
const (
	ColormapRdBu = iota
	ColormapGrey
	NumColormaps
)

// The link holds every filter slot.
const _ = uint(MaxOut-link.Filters) + uint(link.Filters-MaxOut)

// linkSettings are the settings a link's record carries, in its order.
var linkSettings = [...]Setting{SetOut, SetKernel, SetStride, SetPadding, SetDilation, SetMode}

// Encode is the session as a link code; Decode reads it back.
func (sh *Share) Encode() string {
	s := sh.s
	return link.Encode(s.Share.snapshot()) + s.Share.netLink()
}

// snapshot is what a link carries of the session.
func (sh *Share) snapshot() *link.Snapshot {
	s := sh.s
	var pos [len(linkSettings)]int
	for i, st := range linkSettings {
		pos[i] = SettingTable[st].get(s.Settings)
	}
	sn := &link.Snapshot{OutChannels: pos[0], Kernel: pos[1], Stride: pos[2], PadStep: pos[3], Dilation: pos[4], Mode: pos[5],
		Normalize: s.Normalize, SharedScale: s.SharedScale, Colormap: s.Colormap, Groups: s.Groups, Batch: s.Batch,
		Cin: s.Bank.bankCin, Seed: s.Seed, Play: s.Player.link(), Transposed: s.Transposed, OutputPadding: s.OutputPadding}
	switch {
	case s.Input.Photo && s.C() == picture.RGB:
		sn.Input = link.Photo
	case s.Input.Digit >= 0:
		sn.Input, sn.Digit = link.Digit, s.Input.Digit
	default:
		sn.Input, sn.Canvas = link.Drawing, s.Input.Canvas
	}
	for i, f := range s.Bank.Filters {
		sn.Filter[i] = link.FilterRec{Preset: f.Preset, Edited: f.Edited, Seed: f.Seed, B: f.B, EditedChannels: f.EditedChannels}
		if f.Edited {
			sn.Filter[i].W = s.Share.allChannels(i)
		}
	}
	if !link.Fits(sn) {
		s.Share.leaveOut(sn)
	}
	sn.Train = linkTrain(s.Training)
	if s.Trained.NetworkOnScreen() { // its layers' weights are never in a link: Whole network brings them all
		sn.LeftOut, sn.LeftOutNet = s.Trained.Opened.Name, true
	}
	return sn
}

// leaveOut takes a model file's filters out of a link too large to carry
// them (AlexNet's 64 of 3×11×11 are 93 KB of numbers, over link.MaxRecord):
// their slots become their default init, and the link names the weight
// and its file, so that whoever opens it is told where the numbers are.
func (sh *Share) leaveOut(sn *link.Snapshot) {
	s := sh.s
	for i, f := range s.Bank.Filters {
		if f.From == "" {
			continue
		}
		if sn.LeftOut == "" {
			name, _, _ := strings.Cut(f.From, "[")
			sn.LeftOut = fmt.Sprintf("%s of %s", name, conv.FormatShape(s.Bank.WeightShape()))
			if m := s.Trained.Opened; m != nil && s.Trained.PickedConv() >= 0 {
				sn.LeftOut = fmt.Sprintf("%s %s of %s", name, conv.FormatShape(m.Convs[m.Picked].Weight.Shape), m.Name)
			}
		}
		sn.Filter[i] = link.FilterRec{Preset: preset.Kaiming, Seed: link.ExtraSeed(i)}
	}
}

// leftOutNotice tells whoever opens a link what it left out.
func leftOutNotice(l i18n.Lang, sn *link.Snapshot) string {
	if sn.LeftOutNet {
		return l.Sprintf(i18n.NoticeLinkLeftOutNet, sn.LeftOut, sn.LeftOut)
	}
	return l.Sprintf(i18n.NoticeLinkLeftOut, sn.LeftOut)
}

// linkRanges are the values a link may hold: the settings table's ranges.
func (sh *Share) linkRanges() *link.Ranges {
	s := sh.s
	r := func(st Setting) [2]int { return [2]int{SettingTable[st].Min, SettingTable[st].max(Settings{}, 0)} }
	return &link.Ranges{OutChannels: r(SetOut), Kernel: r(SetKernel), Stride: r(SetStride), PadSteps: r(SetPadding),
		Dilation: r(SetDilation), Modes: r(SetMode), Colormaps: NumColormaps, MaxBatch: MaxBatch, MinGroups: MinGroups,
		MaxCin: picture.RGB, Digits: len(s.Input.Digits), Speeds: len(Speeds), MaxOutputPadding: MaxOutPad,
		Optimizers: int(training.NumOptimizers), MaxTrainBatch: livetrain.MaxBatch}
}

// Decode loads a link code (a leading '#' is ignored). Everything is checked
// before anything changes: a malformed, truncated, oversized or out-of-range
// code returns an error saying what is wrong, and the state stays as it was.
func (sh *Share) Decode(code string) error {
	s := sh.s
	code, text, seeds, err := splitNet(code) // the network's text and seeds (net_link.go)
	var sn *link.Snapshot
	if err == nil {
		sn, err = link.Decode(code, s.Share.linkRanges())
	}
	var fs [MaxOut]Filter
	if err == nil {
		fs, err = s.Share.linkFilters(sn)
	}
	var train *training.Settings
	if err == nil {
		train, err = trainOf(sn.Train)
	}
	if err != nil {
		return i18n.Errorf(i18n.ShareLoad, err)
	}
	defer s.History.record("link", "", "")()
	s.Share.applyShared(sn, fs)
	s.Training = train
	if err := s.Share.applyNetLink(text, seeds); err != nil {
		return err
	}
	if sn.LeftOut != "" {
		s.Notice = leftOutNotice(s.Lang, sn)
	}
	return nil
}

// linkFilters builds a link's filters: edited ones from their numbers,
// presets anew, learned ones from the network (refused without it).
func (sh *Share) linkFilters(sn *link.Snapshot) (fs [MaxOut]Filter, err error) {
	s := sh.s
	k, cin := sn.Kernel, sn.Cin
	for i, rec := range sn.Filter {
		switch {
		case rec.Edited:
			fs[i] = Filter{Preset: rec.Preset, Edited: true, Seed: rec.Seed, W: rec.W, B: rec.B}
		case rec.Preset == preset.Learned:
			if err := s.Share.learnedFilter(&fs[i], i, k, cin, rec.Seed); err != nil {
				return fs, err
			}
		default:
			fs[i] = newFilter(rec.Preset, k, cin, rec.Seed)
		}
		fs[i].EditedChannels = rec.EditedChannels
	}
	return fs, nil
}

// learnedFilter is slot i of the trained network's first layer, unedited.
func (sh *Share) learnedFilter(f *Filter, i, k, cin int, seed uint64) error {
	s := sh.s
	if s.Trained.Model.Net == nil {
		return i18n.Errorf(i18n.ShareLearnedUnavailable, s.Trained.Model.Unavailable())
	}
	w, b := s.Trained.Model.Net.Conv1()
	if i >= w.Shape[0] || w.Shape[2] != k || cin != 1 {
		return i18n.Errorf(i18n.ShareLearnedFilter, i, k, k, cin)
	}
	*f = Filter{Preset: preset.Learned, Seed: seed, W: append([]float32(nil), w.Data[i*k*k:(i+1)*k*k]...), B: b.Data[i]}
	return nil
}

// applyShared installs a checked link. It can be undone.
func (sh *Share) applyShared(sn *link.Snapshot, fs [MaxOut]Filter) {
	s := sh.s
	defer s.History.record("link", "", "")()
	t := Settings{Normalize: sn.Normalize, Groups: sn.Groups, Batch: sn.Batch, Transposed: sn.Transposed, OutputPadding: sn.OutputPadding}
	for i, v := range []int{sn.OutChannels, sn.Kernel, sn.Stride, sn.PadStep, sn.Dilation, sn.Mode} {
		SettingTable[linkSettings[i]].set(&t, v)
	}
	s.Settings = t
	s.Colormap, s.SharedScale = sn.Colormap, sn.SharedScale
	s.Bank.Filters, s.Bank.bankCin, s.Seed = fs, sn.Cin, sn.Seed
	s.Input.Photo = sn.Input == link.Photo
	s.Share.storeShared(!sn.Tensors)
	switch {
	case s.Input.Photo:
		if s.Input.photo == nil || s.Input.PhotoName != "" {
			s.Input.photo, s.Input.PhotoName, s.Input.photoDims = picture.Photo(), "", [3]int{picture.RGB, picture.PhotoSize, picture.PhotoSize}
		}
		s.changed()
	case sn.Input == link.Digit:
		s.Input.PickDigit(sn.Digit)
	default:
		s.Input.replaceCanvas(sn.Canvas, -1, "")
	}
	s.Share.applyLink(sn.Play)
}
