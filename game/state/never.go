package state

import "convplayground/conv"

// never caches the input rows and columns no window of a layer's maps
// reads, per output version and layer (the view asks every frame).
type never struct {
	ver        uint64 // OutVersion the lists are of
	layer      int    // and the layer
	rows, cols []int
}

// NeverRead returns the input rows and columns of the selected layer's
// maps (Shown: layer 0's, or a deeper Conv2d's over layer i−1's maps) that
// no output cell reads, directly or through a padding copy
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
	if s.Layer > 0 {
		n = &s.Player.deepNever
	}
	return n.of(s.OutVersion, s.Layer, sh.Geom)
}

// neverRead0 is NeverRead of layer 0, whichever layer is selected (the
// shapes panel's).
func (te *Teach) neverRead0() (rows, cols []int) {
	s := te.s
	if !s.Layers.convShown() {
		return nil, nil
	}
	return s.Player.never.of(s.OutVersion, 0, s.Geom)
}

// of is the lists of layer's maps of geometry g, computed again when the
// output or the layer changed.
func (n *never) of(ver uint64, layer int, g conv.Geometry) (rows, cols []int) {
	if n.ver != ver || n.layer != layer {
		n.ver, n.layer = ver, layer
		n.rows, n.cols = g.Unreached()
	}
	return n.rows, n.cols
}
