package state

// Fix is a way out of the current error that the view can offer as a
// button: PyTorch's message stays, and the fix names what really repairs it.
type Fix int

const (
	FixPresets Fix = iota // "Use Preset filters": ResetBank, presets for the input's channels
	FixCanvas             // "Back to the 28x28 canvas": SetPhoto(false)
)

// Label is the button's text.
func (f Fix) Label() string {
	switch f {
	case FixPresets:
		return "Use Preset filters"
	case FixCanvas:
		return "Back to the 28x28 canvas"
	}
	return ""
}

// Fixes lists the fixes that apply now. The one error with fixes that no
// setting gives: learned filters (in_channels 1) on a multi-channel input,
// PyTorch's "expected input[1, 3, 64, 64] to have 1 channels". Presets
// take the input's channels; the canvas has the filters' one channel.
func (s *State) Fixes() []Fix {
	if s.Err == nil || s.cin() == s.C() {
		return nil
	}
	fixes := []Fix{FixPresets}
	if s.Photo {
		fixes = append(fixes, FixCanvas)
	}
	return fixes
}

// ApplyFix does what the fix's button says.
func (s *State) ApplyFix(f Fix) {
	switch f {
	case FixPresets:
		s.Bank.ResetBank()
	case FixCanvas:
		s.Input.SetPhoto(false)
	}
}
