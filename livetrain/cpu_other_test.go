//go:build !linux

package livetrain

import "time"

// processCPU is not measured here (see cpu_linux_test.go).
func processCPU() (time.Duration, bool) { return 0, false }
