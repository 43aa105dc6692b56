package conv

import (
	"syscall/js"
	"time"
)

// threadCPU is Node's process CPU time: Go's wasm runs on one thread, and
// V8's helper threads add little once the code is compiled.
func threadCPU() (time.Duration, bool) {
	proc := js.Global().Get("process")
	if proc.Type() != js.TypeObject || proc.Get("cpuUsage").Type() != js.TypeFunction {
		return 0, false // a browser
	}
	u := proc.Call("cpuUsage")
	return time.Duration(u.Get("user").Float()+u.Get("system").Float()) * time.Microsecond, true
}
