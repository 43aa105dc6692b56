package game

// A phone held sideways (844x390, 915x412) is too short for the landscape
// layout at full size: scaled to fit, its text would be ~6 CSS px. It gets
// two columns under one header row instead, at portrait's 4/3 CSS px a
// virtual pixel (a 24-pixel row is a 32-pixel finger, the smallest text
// 13 CSS px), and the same four pages, each a pair of columns:
//
//	input:  the canvas | its buttons and the network's guess
//	filter: the settings | the filter editor
//	maps:   the maps column's tabs and views, across both columns
//	shapes: the shapes and the layer's code, the export row under them
//
// The header row holds the title (the notice in its place while there is
// one), the language switch when there is room, the page bar and the
// Examples menu. As in portrait, the panels of
// the other pages lie off the screen (onScreen), so every panel lays out
// and draws as it does elsewhere.

const (
	// sidewaysScale: a window wider than tall whose landscape layout would
	// be scaled below this is a phone held sideways (800x600, at 0.8, is not).
	sidewaysScale = 0.75
	// sidewaysW is the virtual pixels the two columns need, before
	// portraitK shrinks: a 640x360 phone's scale stays 1.10, its smallest
	// text (10 px) 11 CSS px (settingsW keeps the settings' names whole).
	sidewaysW = 580
	sidewaysH = 290
	barH      = 36  // the header row
	pageW     = 56  // a page button ("shapes" and 7 px either side)
	menuW     = 88  // the Examples menu's button: at 844x390 the language switch fits beside the title
	colGap    = 10  // between the two columns
	editorW   = 320 // the filter editor's width: ten thumbnails a row in its bank
	settingsW = 270 // the settings' least width: padding_mode clear of its − button
)

// isSideways reports whether a w×h window is a phone held sideways.
func isSideways(w, h float64) bool {
	return !isPortrait(w, h) && min(w/minVW, h/minVH) < sidewaysScale
}

// arrangeSideways places the shown page's two columns under the header
// row; the other pages' panels lie two window-widths right.
func arrangeSideways(vw, vh float64, shown page) areas {
	var a areas
	a.header = rect{0, 0, vw, barH}
	bar := float64(numPages)*pageW + float64(numPages-1)*6
	a.pages = rect{vw - margin - menuW - 10 - bar, 4, bar, rowH}
	top, bottom := float64(barH+4), vh-6
	h, full := bottom-top, vw-2*portraitM
	on := func(r rect, p page) rect {
		if p != shown {
			r.X += 2 * vw
		}
		return r
	}
	side := h - headH - 2 // the canvas: a square as tall as the column
	right := rect{portraitM + side + colGap, top, full - side - colGap, h}
	a.input = on(rect{portraitM, top, side, h}, pageInput)
	a.inputSide = on(right, pageInput)
	sw := max(settingsW, min(full-colGap-editorW, (full-colGap)/2)) // a smaller phone's editor gives up a few pixels
	ew := full - colGap - sw
	a.settings = on(rect{portraitM, top, sw, headH + 2 + settingRows*rowH}, pageFilter)
	a.filters = on(rect{vw - portraitM - ew, top, ew, h}, pageFilter)
	a.tabs = on(rect{portraitM, top, full, rowH - 4}, pageMaps)
	a.maps = on(rect{portraitM, a.tabs.bottom() + 6, full, bottom - a.tabs.bottom() - 6}, pageMaps)
	a.export = on(rect{portraitM, bottom - exportRowH, full, exportRowH}, pageShapes) // one row: the page is wide enough
	a.shapes = on(rect{portraitM, top, full, a.export.Y - 6 - top}, pageShapes)
	return a
}
