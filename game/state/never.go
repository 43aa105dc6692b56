package state

// never caches the input rows and columns no window of the shown maps
// reads, per output version and layer (the view asks every frame).
type never struct {
	ver        uint64 // OutVersion the lists are of
	layer      int    // and the layer
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
	sh, ok := te.Shown()
	if !ok {
		return nil, nil
	}
	n := &s.Player.never
	if n.ver != s.OutVersion || n.layer != s.Layer {
		n.ver, n.layer = s.OutVersion, s.Layer
		n.rows, n.cols = sh.Geom.Unreached()
	}
	return n.rows, n.cols
}
