package state

import "testing"

// The last valid maps stay (dimmed) under a rejected setting only while
// they belong to the input on screen (issue 20, item 7: the MNIST 7's maps
// stayed under the house photo).
func TestStaleMapsBelongToTheInput(t *testing.T) {
	s := New()
	s.Input.PickDigit(0)
	s.Recompute()
	s.Step(SetStride, -1) // stride 0: rejected
	s.Recompute()
	if s.Err == nil || !s.Stale() {
		t.Fatalf("stride 0 on the same input: err %v, stale %v; want the last valid maps kept", s.Err, s.Stale())
	}
	s.Step(SetStride, +1)
	s.Recompute()
	if !s.Trained.LoadLearned() {
		t.Skip("no learned filters:", s.Notice)
	}
	s.Recompute()
	s.Input.SetPhoto(true) // the learned filters refuse 3 channels
	s.Recompute()
	if s.Err == nil || s.Stale() || s.Out != nil {
		t.Errorf("the photo under the learned filters: err %v, stale %v; want no maps of the digit", s.Err, s.Stale())
	}
}
