package livetrain

import (
	"syscall/js"
	"time"
)

// processCPU is Node's process CPU time (conv's threadCPU: Go's wasm runs
// on one thread), so that make bench-train's Node row has cpu-images/s
// too; a browser has none.
func processCPU() (time.Duration, bool) {
	proc := js.Global().Get("process")
	if proc.Type() != js.TypeObject || proc.Get("cpuUsage").Type() != js.TypeFunction {
		return 0, false
	}
	u := proc.Call("cpuUsage")
	return time.Duration(u.Get("user").Float()+u.Get("system").Float()) * time.Microsecond, true
}
