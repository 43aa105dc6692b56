package state

// never caches the input rows and columns no window of the shown maps
// reads, per output version (the view asks every frame).
type never struct {
	ver        uint64 // OutVersion the lists are of
	rows, cols []int
}

// NeverRead returns the input rows and columns of the shown maps that no
// output cell reads, directly or through a padding copy
// (conv.Geometry.Unreached): the floor's leftovers at the end, and the rows
// and columns a stride or dilation jumps over. A pixel is never read exactly
// when its row or its column is listed. Both are nil without maps; the
// slices are shared, not to be changed.
func (te *Teach) NeverRead() (rows, cols []int) {
	s := te.s
	if !s.Layers.convShown() {
		return nil, nil
	}
	n := &s.Player.never
	if n.ver != s.OutVersion {
		n.ver = s.OutVersion
		n.rows, n.cols = s.Geom.Unreached()
	}
	return n.rows, n.cols
}
