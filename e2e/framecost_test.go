package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceEvent is what frameCost reads of a Chromium trace event.
type traceEvent struct {
	Name string  `json:"name"`
	Ph   string  `json:"ph"`
	Ts   float64 `json:"ts"`   // µs
	Dur  float64 `json:"dur"`  // µs, wall
	TDur float64 `json:"tdur"` // µs, the thread's CPU time
	Args struct {
		Data struct {
			Message string `json:"message"`
		} `json:"data"`
	} `json:"args"`
}

// frameCost runs act and says what the frames the page counted meanwhile
// cost its main thread (wasm/frames.go): Update+Draw wall milliseconds as
// the page's clock has them, and the thread's CPU time of each one's whole
// animation frame (Ebiten's GL calls included) from a browser trace. The
// wall time is what a learner waits; on a loaded machine it grows with the
// time the thread waits for a core, which the CPU time leaves out (the
// machine's load average is given beside). It fails only when the
// measurement is broken: no frames, or frames the trace lacks.
func frameCost(t *testing.T, p *tab, act func()) string {
	t.Helper()
	frameTimes(t, p) // forget the frames before
	evs := traceOf(t, p, act)
	times := frameTimes(t, p)
	if len(times) == 0 {
		t.Fatal("no frame counted: the measurement is broken")
	}
	var marks []float64
	for _, e := range evs {
		if e.Name == "TimeStamp" && e.Args.Data.Message == "frame" {
			marks = append(marks, e.Ts)
		}
	}
	var cpu []float64
	for _, e := range evs {
		if e.Name == "FireAnimationFrame" && e.Ph == "X" && slices.ContainsFunc(marks, func(m float64) bool { return m >= e.Ts && m <= e.Ts+e.Dur }) {
			cpu = append(cpu, e.TDur/1000)
		}
	}
	if len(cpu) < len(times)*9/10 {
		t.Fatalf("the trace has %d of the %d counted frames (%d marks): the measurement is broken", len(cpu), len(times), len(marks))
	}
	wall := make([]float64, len(times))
	for i, v := range times {
		wall[i] = v[0]
	}
	load, _ := os.ReadFile("/proc/loadavg")
	return fmt.Sprintf("%d frames; Update+Draw wall ms median %.2f, p95 %.2f, max %.2f; animation frame CPU ms median %.2f, p95 %.2f, max %.2f; load %s",
		len(times), quantile(wall, 0.5), quantile(wall, 0.95), quantile(wall, 1), quantile(cpu, 0.5), quantile(cpu, 0.95), quantile(cpu, 1),
		strings.Join(strings.Fields(string(load))[:3], " "))
}

// quantile is the q-quantile of v (nearest rank; q=1 is the largest).
func quantile(v []float64, q float64) float64 {
	s := slices.Sorted(slices.Values(v))
	return s[int(q*float64(len(s)-1)+0.5)]
}

// traceOf records the page's devtools.timeline trace events while act runs.
func traceOf(t *testing.T, p *tab, act func()) []traceEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(p.ctx)
	defer cancel()
	var (
		mu   sync.Mutex
		evs  []traceEvent
		done = make(chan struct{})
	)
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			defer mu.Unlock()
			for _, v := range e.Value {
				var te traceEvent
				if json.Unmarshal(v, &te) == nil {
					evs = append(evs, te)
				}
			}
		case *tracing.EventTracingComplete:
			close(done)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, tracing.Start, tracing.StartParams{TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{IncludedCategories: []string{"devtools.timeline"}}}); err != nil {
		t.Fatal(err)
	}
	act()
	if _, err := chromedp.Call(p.ctx, tracing.End, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	<-done
	mu.Lock()
	defer mu.Unlock()
	return evs
}
