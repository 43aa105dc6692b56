package livetrain

import (
	"syscall"
	"time"
)

// processCPU is the process's CPU time (all its threads: the training
// goroutine, the GC), which other processes on a shared machine disturb far
// less than wall time.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
