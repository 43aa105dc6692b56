package e2e

import (
	"context"
	"encoding/base64"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"convplayground/nn/arch"
)

// fixture is a model file of the repository as dropJS takes it: its name
// and its bytes in base64.
func fixture(t *testing.T, path string) [2]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return [2]string{path[strings.LastIndexByte(path, '/')+1:], base64.StdEncoding.EncodeToString(b)}
}

// A torch.save state_dict dropped on the page opens in the model view (the
// hook lists its tensors); a real click on "Use on input" makes its first
// conv weight the layer on the drawing, one undo step; a ResNet stem's
// [64, 3, 7, 7] runs on the photo; a file that is no state_dict is refused
// with the reader's message and the model stays. Screenshots at 1280x720
// and 800x600.
func TestBrowserModelFile(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	shots := shotDir(t)
	p.drop(fixture(t, "../modelfile/testdata/cnn.pt"))
	h := p.waitState("the model view", func(h hook) bool { return h.Model != nil && h.Tab == "model" })
	if h.Model["name"] != "cnn.pt" || h.Model["format"] != "pytorch" || len(h.Model["tensors"].([]any)) != 10 {
		t.Fatalf("model %v", h.Model)
	}
	first := h.Model["tensors"].([]any)[0].(map[string]any)
	if first["name"] != "features.0.weight" || first["dtype"] != "float32" || len(first["shape"].([]any)) != 4 {
		t.Errorf("first tensor %v", first)
	}
	undo := h.Undo
	p.click("model-pick:0")
	h = p.waitState("the picked weight on the drawing", func(h hook) bool { return h.Model["picked"] == "features.0.weight" })
	if !slices.Equal(h.Weight, []int{4, 1, 3, 3}) || h.Undo != undo+1 || h.UndoLabel != "Undo: features.0.weight" || h.Error != "" {
		t.Errorf("after the pick: weight %v, undo %d (%q), error %q", h.Weight, h.Undo, h.UndoLabel, h.Error)
	}
	p.screenshot(shots, "model_1280x720.png")

	// A deeper layer's weight (in_channels 4) is refused with the fix.
	p.click("model-pick:1")
	p.waitState("the misfit's message", func(h hook) bool {
		return strings.HasPrefix(h.Notice, "features.3.weight [6, 4, 3, 3] reads 4 input channel(s), the drawing has 1")
	})

	p.do(chromedp.EmulateViewport(800, 600))
	p.waitState("the 800x600 layout", func(h hook) bool { return h.Scale < 1 })
	p.drop(fixture(t, "../game/state/testdata/resnet_stem.pt"))
	p.waitState("the ResNet stem", func(h hook) bool { return h.Model != nil && h.Model["name"] == "resnet_stem.pt" })
	p.click("photo")
	p.click("model-pick:0")
	h = p.waitState("[64, 3, 7, 7] on the photo", func(h hook) bool { return h.Model["picked"] == "conv1.weight" })
	if h.Weight[1] != 3 || h.Weight[2] != 7 || !h.Settings.Photo || h.Error != "" || h.Model["shown"] != float64(h.Weight[0]) {
		t.Errorf("after the pick on the photo: weight %v, error %q", h.Weight, h.Error)
	}
	p.screenshot(shots, "model_800x600.png")

	// A phone in portrait: the model tab on the maps page.
	p.do(chromedp.EmulateViewport(390, 844))
	p.waitState("the portrait layout", func(h hook) bool { return p.controls()["page:maps"].W > 0 })
	p.click("page:maps")
	p.waitState("the model tab in portrait", func(h hook) bool { return p.controls()["model-pick:0"].W > 0 })
	p.screenshot(shots, "model_390x844.png")
	p.click("tab:maps") // ResNet's 64 maps, shrunk to fit the page
	p.waitState("the maps tab in portrait", func(h hook) bool { return h.Tab == "maps" })
	p.screenshot(shots, "model_maps_390x844.png")
	p.click("page:filter") // its 64 filters in the bank
	p.waitState("the filter page", func(h hook) bool { return p.controls()["filter63"].W > 0 })
	p.screenshot(shots, "model_filter_390x844.png")
	p.do(chromedp.EmulateViewport(viewW, viewH))

	p.drop(fixture(t, "../modelfile/testdata/refused_module.pt"))
	h = p.waitState("the refusal", func(h hook) bool { return strings.HasPrefix(h.Notice, "refused_module.pt: ") })
	if h.Model["name"] != "resnet_stem.pt" {
		t.Errorf("the open model changed to %v", h.Model["name"])
	}
	t.Logf("refused: %s", h.Notice)

	// Model files have their own size limit (a ResNet-50 state_dict is
	// ~100 MB), images keep theirs.
	for _, c := range []struct{ call, want string }{
		{`drop('huge.pt', new Uint8Array(8), 300 * 1048576)`, "huge.pt: 300.0 MB is too large (limit 256 MB)"},
		{`drop('big.safetensors', new Uint8Array(8), 100 * 1048576)`, "big.safetensors: "}, // read: the reader's message
		{`drop('big.png', new Uint8Array(8), 100 * 1048576)`, "big.png: 100.0 MB is too large (limit 32 MB)"},
	} {
		eval[bool](p, `(() => { window.convPlayground.`+c.call+`; return true; })()`)
		h := p.waitState(c.call, func(h hook) bool {
			return strings.HasPrefix(h.Notice, c.want) && !strings.HasPrefix(h.Notice, "reading")
		})
		if strings.Contains(c.call, "safetensors") && strings.Contains(h.Notice, "too large") {
			t.Errorf("a 100 MB model file refused by its size: %s", h.Notice)
		}
	}
	// Through the page's own drop handler: a 40 MB .pt is read (it is no
	// model: the reader says so), not refused by the images' 32 MB.
	eval[bool](p, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([new Uint8Array(40 * 1048576)], 'zeros.pt'));
		return document.querySelector('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
	})()`)
	h = p.waitState("the 40 MB .pt read", func(h hook) bool { return strings.HasPrefix(h.Notice, "zeros.pt: not a model file") })
	if h.Model["name"] != "resnet_stem.pt" {
		t.Errorf("the open model changed to %v", h.Model["name"])
	}
}

// Open… shows the browser's file picker (intercepted here, as a protocol
// client may): the file picked opens as a dropped one does. TinyVGG's
// state_dict is taken whole by the preset, whose output on the drawing the
// hook reports.
func TestBrowserModelOpen(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	opened := make(chan cdp.BackendNodeID, 1)
	if err := chromedp.Listen(p.ctx, func(ev any) {
		if e, ok := ev.(*page.EventFileChooserOpened); ok {
			select {
			case opened <- e.BackendNodeID:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.SetInterceptFileChooserDialog, page.SetInterceptFileChooserDialogParams{Enabled: true})
		return err
	}))
	p.click("tab:model")
	p.waitState("the model tab", func(h hook) bool { return h.Tab == "model" })
	p.click("model-open")
	var input cdp.BackendNodeID
	select {
	case input = <-opened:
	case <-p.ctx.Done():
		t.Fatal("no file chooser opened")
	}
	path, err := filepath.Abs("../game/state/testdata/tinyvgg.pt")
	if err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{path}, BackendNodeID: input})
		return err
	}))
	h := p.waitState("the picked file opened", func(h hook) bool { return h.Model != nil && h.Model["name"] == "tinyvgg.pt" })
	if h.Model["network"] != "TinyVGG" || len(h.Model["network_output"].([]any)) != 10 || h.Model["network_error"] != "" {
		t.Errorf("network %v, output %v, error %v", h.Model["network"], h.Model["network_output"], h.Model["network_error"])
	}
	p.screenshot(shotDir(t), "model_tinyvgg_1280x720.png")

	// AlexNet's 11×11 first layer on the photo, all 64 filters: the editor
	// (its numbers ×10⁻ⁿ) and the 64 maps at the largest kernel.
	p.drop(fixture(t, "../game/state/testdata/alexnet_stem.pt"))
	p.waitState("AlexNet's stem", func(h hook) bool { return h.Model != nil && h.Model["name"] == "alexnet_stem.pt" })
	p.click("photo")
	p.click("model-pick:0")
	h = p.waitState("[64, 3, 11, 11] on the photo", func(h hook) bool { return h.Model["picked"] == "features.0.weight" })
	if !slices.Equal(h.Weight, []int{64, 3, 11, 11}) || h.Error != "" || h.Model["shown"] != float64(64) {
		t.Errorf("weight %v, error %q, shown %v", h.Weight, h.Error, h.Model["shown"])
	}
	p.screenshot(shotDir(t), "model_alexnet_1280x720.png")
	p.click("tab:maps")
	p.waitState("the maps tab", func(h hook) bool { return h.Tab == "maps" })
	p.screenshot(shotDir(t), "model_alexnet_maps_1280x720.png")
}

// A .safetensors whose state_dict is TinyVGG's: "Whole network" (a real
// click) makes it the network on screen, twelve layers, and the last
// layer's output on the drawing is the file's network's (the hook's
// network_output, which the state's test holds to torch's). A 5-class
// TinyVGG is refused first, the message naming the key and both shapes.
// Screenshots at 1280x720 and 390x844.
func TestBrowserModelWhole(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	shots := shotDir(t)
	p.drop(fixture(t, "../game/state/testdata/tinyvgg_5class.safetensors"))
	p.waitState("the 5-class model", func(h hook) bool { return h.Model != nil && h.Tab == "model" })
	p.click("model-whole")
	want := "tinyvgg_5class.safetensors is not the whole of any network here: closest is TinyVGG, where 11.weight is [5, 160] in the file, [10, 160] in the network"
	h := p.waitState("the misfit's message", func(h hook) bool { return strings.HasPrefix(h.Notice, want) })
	if len(h.Layers) != 1 {
		t.Errorf("the refused network changed the layers: %d", len(h.Layers))
	}

	p.drop(fixture(t, "../game/state/testdata/tinyvgg.safetensors"))
	p.waitState("TinyVGG's file", func(h hook) bool { return h.Model != nil && h.Model["name"] == "tinyvgg.safetensors" })
	p.click("model-whole")
	h = p.waitState("the whole network on screen", func(h hook) bool { return h.Model["whole"] == true && len(h.Layers) == 12 })
	if !slices.Equal(h.Weight, []int{10, 1, 3, 3}) || !slices.Equal(h.Layers[11].Output, []int{1, 10}) || h.Net != arch.TinyVGG {
		t.Fatalf("weight %v, last layer %+v, net %s", h.Weight, h.Layers[11], h.Net)
	}
	p.screenshot(shots, "model_whole_1280x720.png")
	p.click("layer:11")
	h = p.waitState("the last layer's output", func(h hook) bool { return h.SelectedLayer == 11 && len(h.LayerValues) == 10 })
	out := h.Model["network_output"].([]any)
	for i, v := range h.LayerValues {
		if d := math.Abs(float64(v) - out[i].(float64)); d > 1e-6 {
			t.Fatalf("y[%d] on screen %v, the file's network %v", i, v, out[i])
		}
	}
	t.Logf("the file's TinyVGG on the drawing: %v", h.LayerValues)
	p.click("tab:maps")
	p.waitState("the maps tab", func(h hook) bool { return h.Tab == "maps" })
	p.screenshot(shots, "model_whole_layer11_1280x720.png")
	p.click("layer:0") // the model tab shows layer 0's file
	p.click("tab:model")
	p.waitState("layer 0 in the model tab", func(h hook) bool { return h.SelectedLayer == 0 && h.Tab == "model" })

	p.do(chromedp.EmulateViewport(390, 844))
	p.waitState("the portrait layout", func(h hook) bool { return p.controls()["page:maps"].W > 0 })
	p.click("page:maps")
	if !p.waitUntil(func() bool { return p.controls()["model-whole"].W > 0 }) {
		p.screenshot(shots, "model_whole_390x844_failed.png")
		t.Fatalf("no Whole network button in portrait: %v", slices.Sorted(maps.Keys(p.controls())))
	}
	p.screenshot(shots, "model_whole_390x844.png")
}
