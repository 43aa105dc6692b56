//go:build !linux && !js

package conv

import "time"

// threadCPU is not measured here (see bench_cpu_linux_test.go).
func threadCPU() (time.Duration, bool) { return 0, false }
