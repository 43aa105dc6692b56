package e2e

import (
	"strconv"
	"testing"
)

// An edit goes into the link at once when the page is hidden or left
// (issue 20 item 4: the link followed at most twice a second, so a tab
// hidden, discarded or closed within ~300 ms of a stroke lost it). Each
// edit here is followed within a frame or two by the event, well inside
// the game's half-second throttle; the link then says the edit, and is
// what the throttled update writes later.
func TestBrowserFlushLink(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	hash := func() string { return eval[string](p, `location.hash.slice(1)`) }
	// visibilityState is read-only: a hidden page is emulated for the
	// visibilitychange event, as a phone's home button would make it.
	const hide = `(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
		document.dispatchEvent(new Event('visibilitychange'));
		delete document.visibilityState;
		return true;
	})()`
	const leave = `(window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })), true)`
	p.waitState("a first code", func(h hook) bool { return h.Share != "" }) // the link is written at the first change
	for i, c := range []struct {
		key           string
		mods          int64
		stride        int
		event, script string
	}{
		{"s", 0, 2, "visibilitychange", hide},
		{"S", 8, 1, "pagehide", leave},
		{"s", 0, 2, "pagehide", leave},
		{"S", 8, 1, "visibilitychange", hide},
	} {
		before := hash()
		p.key(c.key, "KeyS", 'S', c.mods)
		p.waitState("stride "+strconv.Itoa(c.stride), func(h hook) bool { return h.setting("stride") == c.stride })
		if hash() != before {
			t.Logf("edit %d: the throttled update came first (this edit proves nothing)", i)
		}
		eval[bool](p, c.script)
		flushed := hash()
		if flushed == before {
			t.Errorf("edit %d: the link is unchanged after %s", i, c.event)
			continue
		}
		// The throttled update comes to the same code, and leaves the link so.
		p.waitState("the game's code after the flush", func(h hook) bool { return h.Share == flushed })
		if now := hash(); now != flushed {
			t.Errorf("edit %d: flushed %q, the link now %q", i, flushed, now)
		}
	}
}
