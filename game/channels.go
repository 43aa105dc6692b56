package game

import (
	"fmt"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/i18n"
)

// channelsPanel is the "channels" view of the maps column: the selected
// filter's map taken apart by input channel (x_c * w_c side by side, then
// + bias, = the map: state.Breakdown), and the groups: the weight drawn
// colour-blocked by group, with lines from the input channels each filter
// reads, and depthwise in one click.
type channelsPanel struct {
	*view
	head    rect
	parts   []rect // x_c * w_c, one per channel the filter reads
	out     rect   // the layer's map
	bias    rect   // "+ b" between the parts and the map
	check   rect   // the sum's check against the layer, or why there is none
	groups  rect   // the groups diagram
	ctrls   []control
	imgs    []*ebiten.Image // the parts, then the map
	imgKey  [3]uint64       // version, filter, colour map the images show
	imgSize [2]int
}

const (
	signW   = 16  // room for a + or = between tiles
	biasW   = 60  // "+ b" with its value
	maxTile = 120 // a breakdown tile's largest side
)

func (cp *channelsPanel) layout(a *areas) []control {
	cp.ctrls = cp.ctrls[:0]
	if !cp.shownTab(tabChannels) {
		return nil
	}
	s, r := cp.st, a.maps
	cp.head = rect{r.X, r.Y, r.W, headH}
	y := r.Y + headH + 2
	if s.C() > 1 { // one channel: depthwise is what groups = 1 already is
		label := fmt.Sprintf("Depthwise: groups = %d", s.C())
		cp.ctrls = append(cp.ctrls, control{name: "depthwise", kind: kButton, r: rect{r.X, y, min(r.W, 220), rowH - 2},
			label: label, press: func(float64, float64) { s.Bank.Depthwise() }})
	}
	y += rowH + 4
	n := s.Bank.FilterShape()[1]
	// The groups diagram under the breakdown, or right of it in a short,
	// wide area (a phone held sideways).
	w := r.W
	if r.W >= 2*r.H {
		w = r.W * 0.5
	}
	t := min(maxTile, (w-float64(n+1)*signW-biasW)/float64(n+1), r.H*0.3)
	cp.parts = cp.parts[:0]
	x := r.X
	for range n {
		cp.parts = append(cp.parts, rect{x, y + 16, t, t})
		x += t + signW
	}
	cp.bias = rect{x - signW, y + 16, biasW + signW, t}
	cp.out = rect{x + biasW + signW, y + 16, t, t}
	cp.check = rect{r.X, y + 16 + t + 44, w, 44} // three lines
	cp.groups = rect{r.X, cp.check.bottom() + 8, r.W, r.bottom() - cp.check.bottom() - 8}
	if w < r.W {
		cp.groups = rect{r.X + w + 12, y, r.W - w - 12, r.bottom() - y}
	}
	return cp.ctrls
}

func (cp *channelsPanel) draw(p painter) {
	if !cp.shownTab(tabChannels) {
		return
	}
	s := cp.st
	sum := fmt.Sprintf("y[%d] = Σ_c x_c * w[%d, c] + b[%d]", cp.st.Filter, cp.st.Filter, cp.st.Filter)
	heading(p, cp.head, p.fitFirst([]string{cp.tf(i18n.ChannelsHead, cp.st.Filter, cp.st.Filter, cp.st.Filter, cp.st.Filter), sum}, cp.head.W, bold, sizeHead))
	cp.drawButtons(p, cp.ctrls)
	b, err := s.Teach.Breakdown(cp.st.Filter)
	switch {
	case err != nil && s.Transposed && s.Err == nil: // not a refusal: the breakdown is Conv2d's
		cp.drawLines(p, cp.check.Y-44-cp.parts[0].H, cp.tf(i18n.NoBreakdown, i18n.Text(cp.lang, err)), colMuted)
	case err != nil:
		cp.drawLines(p, cp.check.Y-44-cp.parts[0].H, cp.tf(i18n.NoBreakdownRejected, err), colError)
	default:
		cp.drawBreakdown(p, b)
	}
	cp.drawGroups(p)
}

// drawBreakdown draws the parts, + bias, = the layer's map, on one colour
// scale (so the sum is visibly the map), each part with its kernel under
// it, then the check.
func (cp *channelsPanel) drawBreakdown(p painter, b state.Breakdown) {
	s, k := cp.st, cp.st.Kernel
	cp.refreshImages(b)
	for i, r := range cp.parts {
		if i >= len(b.Parts) {
			break
		}
		name := s.Bank.ChannelName(b.Inputs[i])
		caption := fmt.Sprintf("x_%s * w[%d, %d]", name, b.Filter, i)
		if p.width(caption, regular, sizeSmall) > r.W+signW-4 { // a narrow column: the channel alone
			caption = "x_" + name
		}
		p.text(caption, r.X, r.Y-15, regular, sizeSmall, colMuted, left)
		p.image(cp.imgs[i], r, 1)
		if i > 0 {
			p.text("+", r.X-signW/2, r.Y+r.H/2-10, bold, sizeHead+3, colText, center)
		}
		w := s.Bank.Filters[b.Filter].W
		kr := rect{r.X, r.bottom() + 4, 36, 36}
		drawKernel(p, w[i*k*k:(i+1)*k*k], k, kr)
		if kr.W+6+p.width("w[0, 0]", mono, sizeSmall) > r.W+signW-4 {
			continue // no room to name it: the caption above does
		}
		p.text(fmt.Sprintf("w[%d, %d]", b.Filter, i), kr.right()+6, kr.Y+10, mono, sizeSmall, colMuted, left)
	}
	bi := cp.bias
	p.text(fmt.Sprintf("+ %.3g", b.Bias), bi.X+bi.W/2, bi.Y+bi.H/2-10, bold, sizeBody, colText, center)
	p.text("bias", bi.X+bi.W/2, bi.Y+bi.H/2+8, regular, sizeSmall, colMuted, center)
	o := cp.out
	p.text("=", o.X-signW/2, o.Y+o.H/2-10, bold, sizeHead+3, colText, center)
	p.text(fmt.Sprintf("y[%d]", b.Filter), o.X, o.Y-15, regular, sizeSmall, colMuted, left)
	p.image(cp.imgs[len(b.Parts)], o, 1)
	p.stroke(o.inset(-2), 2, colAccent)
	msg := cp.tf(i18n.ChannelsCheckOK, b.Filter, b.MaxErr, state.BreakdownTol)
	c := colMuted
	if !b.OK {
		msg, c = cp.tf(i18n.ChannelsCheckBad, b.Filter, b.MaxErr, state.BreakdownTol), colError
	}
	if s.Input.N() > 1 {
		msg = cp.t(i18n.ChannelsSample0) + msg
	}
	switch {
	case s.C() == 1:
		msg = cp.t(i18n.ChannelsOne) + msg
	case len(b.Parts) == 1:
		msg = cp.tf(i18n.ChannelsGroupOne, s.Groups, b.Filter, s.Bank.ChannelName(b.Inputs[0])) + msg
	}
	cp.drawLines(p, cp.check.Y, msg, c)
}

// drawLines writes msg wrapped to the panel's width from y down.
func (cp *channelsPanel) drawLines(p painter, y float64, msg string, c color.Color) {
	for i, l := range p.wrap(msg, cp.check.W, regular, sizeSmall) {
		p.text(l, cp.check.X, y+float64(i)*14, regular, sizeSmall, c, left)
	}
}

// refreshImages colours the parts and the map into images, when the
// breakdown or the colour map changed. All share the largest |value| as
// the scale, so the colours add up as the numbers do.
func (cp *channelsPanel) refreshImages(b state.Breakdown) {
	s := cp.st
	key := [3]uint64{s.Version, uint64(b.Filter), uint64(s.Colormap)}
	if key == cp.imgKey && len(cp.imgs) == len(b.Parts)+1 && cp.imgSize == [2]int{b.H, b.W} {
		return
	}
	planes := append(append([][]float32{}, b.Parts...), b.Out)
	if cp.imgSize != [2]int{b.H, b.W} || len(cp.imgs) != len(planes) {
		for _, im := range cp.imgs {
			im.Deallocate()
		}
		cp.imgs = cp.imgs[:0]
		for range planes {
			cp.imgs = append(cp.imgs, ebiten.NewImage(b.W, b.H))
		}
	}
	cp.imgKey, cp.imgSize = key, [2]int{b.H, b.W}
	var m float32
	for _, pl := range planes {
		m = max(m, maxAbs(pl))
	}
	pix := make([]byte, 4*b.H*b.W)
	for i, pl := range planes {
		for j, v := range pl {
			c := cmap(s.Colormap, v/m)
			pix[4*j], pix[4*j+1], pix[4*j+2], pix[4*j+3] = c.R, c.G, c.B, 255
		}
		cp.imgs[i].WritePixels(pix)
	}
}

// groupColors tell the groups apart.
var groupColors = []color.RGBA{rgb(0x2a62a6), rgb(0xe08a1e), rgb(0x3a9a5b), rgb(0xa64ca6), rgb(0xc0392b), rgb(0x6d685e)}

// drawGroups draws the input channels on top, the weight below as one
// block per filter (its channels side by side, coloured by its group), and
// a line from each input channel to each filter channel that reads it.
func (cp *channelsPanel) drawGroups(p painter) {
	s, r := cp.st, cp.groups
	ws := s.Bank.FilterShape()
	links := s.Bank.GroupLinks()
	head := cp.tf(i18n.GroupsHead, s.Groups, conv.FormatShape(s.Bank.WeightShape()))
	p.text(p.fitFirst([]string{head, fmt.Sprintf("groups = %d: weight %s", s.Groups, conv.FormatShape(s.Bank.WeightShape()))}, r.W, bold, sizeBody), r.X, r.Y, bold, sizeBody, colText, left)
	if links == nil {
		cp.drawLines(p, r.Y+20, cp.tf(i18n.NoGroupsRejected, s.Groups, errText(s.Err)), colError)
		return
	}
	cin, cout, cpg := s.C(), ws[0], ws[1]
	top := rect{r.X, r.Y + 24, r.W, 22}
	bottom := rect{r.X, min(r.bottom()-40, top.bottom()+70), r.W, 22}
	inW := min(60, (r.W-float64(cin-1)*8)/float64(cin))
	inX := func(c int) float64 { return r.X + (r.W-float64(cin)*(inW+8)+8)/2 + float64(c)*(inW+8) }
	blockW := min(60, (r.W-float64(cout-1)*4)/float64(cout))
	outX := func(o int) float64 { return r.X + (r.W-float64(cout)*(blockW+4)+4)/2 + float64(o)*(blockW+4) }
	for gi, l := range links {
		col := groupColors[gi%len(groupColors)]
		for _, o := range l.Outputs {
			for c := range cpg {
				cell := rect{outX(o) + float64(c)*blockW/float64(cpg), bottom.Y, blockW / float64(cpg), bottom.H}
				ic := s.Bank.InputChannel(o, c)
				p.line(inX(ic)+inW/2, top.bottom(), cell.X+cell.W/2, cell.Y, 1, withAlpha(col, 0.6))
				p.fill(cell.inset(0.5), col)
			}
			p.text(fmt.Sprint(o), outX(o)+blockW/2, bottom.bottom()+2, mono, sizeSmall, colMuted, center)
		}
	}
	for c := range cin {
		box := rect{inX(c), top.Y, inW, top.H}
		p.roundRect(box, 4, colButton)
		p.textIn(s.Bank.ChannelName(c), box, mono, sizeSmall, colText, center)
	}
	p.text(cp.t(i18n.GroupsInputs), r.X, top.Y+4, regular, sizeSmall, colMuted, left)
	p.text(cp.t(i18n.GroupsFilters), r.X, bottom.bottom()+18, regular, sizeSmall, colMuted, left)
}

// errText is err's message, "" for none.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
