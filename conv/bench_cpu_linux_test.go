package conv

import (
	"syscall"
	"time"
)

// threadCPU is the CPU time of the calling OS thread (lock it first), which
// other processes on a shared machine disturb far less than wall time.
func threadCPU() (time.Duration, bool) {
	const rusageThread = 1 // RUSAGE_THREAD
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
