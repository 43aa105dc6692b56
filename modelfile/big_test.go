package modelfile

import (
	"os"
	"runtime"
	"testing"
)

// TestBigFile measures a large model file (MODELFILE_BIG=path, e.g. a
// 100 MB state_dict; skipped without it): the bytes allocated while reading
// it against the bytes of the tensors kept, which must stay within 2x.
func TestBigFile(t *testing.T) {
	path := os.Getenv("MODELFILE_BIG")
	if path == "" {
		t.Skip("MODELFILE_BIG names no file")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ts, err := Load(path)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	var kept uint64
	for _, x := range ts {
		kept += 4*uint64(len(x.F32)) + 8*uint64(len(x.I64))
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d tensors, %.1f MB kept, %.1f MB allocated (%.3fx), heap in use %.1f MB",
		len(ts), float64(kept)/1e6, float64(alloc)/1e6, float64(alloc)/float64(kept), float64(after.HeapInuse)/1e6)
	if alloc > 2*kept {
		t.Errorf("allocated %d bytes for %d bytes of tensors", alloc, kept)
	}
}
