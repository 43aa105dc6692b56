package state

// How the view colours the maps are settings like any other (a shared link
// carries them): these actions bump Version, so the maps are recoloured and
// the link code is refreshed through the same version as every other change.

// CycleColormap shows the maps in the next colour map.
func (s *State) CycleColormap() {
	s.Colormap = (s.Colormap + 1) % NumColormaps
	s.changed()
}

// ToggleSharedScale switches between one colour scale for all maps and one
// per map.
func (s *State) ToggleSharedScale() {
	s.SharedScale = !s.SharedScale
	s.changed()
}
