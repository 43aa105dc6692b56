package nn

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"strings"
	"testing"
)

// crafted is a 1 MB weights file whose header asks for the widest network
// (C2 = H = MaxWidth): conv1 and conv2 are present, then fc1.weight claims
// [1024, 25600] (107 MB as float32) and the file ends.
func crafted() []byte {
	le := binary.LittleEndian
	b := append([]byte(nil), magic[:]...)
	b = le.AppendUint32(b, version)
	b = le.AppendUint32(b, 8)
	sh := shapes(MaxWidth, MaxWidth)
	for i, s := range sh[:5] {
		b = le.AppendUint32(b, uint32(len(s)))
		n := 1
		for _, d := range s {
			b = le.AppendUint32(b, uint32(d))
			n *= d
		}
		if i < 4 { // fc1.weight's data is missing
			b = append(b, make([]byte, 2*n)...)
		}
	}
	return b
}

func TestLoadCraftedAllocatesLittle(t *testing.T) {
	file := crafted()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Load(bytes.NewReader(file))
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "fc1.weight") || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("error %v, want fc1.weight truncated", err)
	}
	// What the file holds, as float32 (2x) with a copy of its bytes, and slack.
	alloc := after.TotalAlloc - before.TotalAlloc
	if limit := uint64(8 * len(file)); alloc > limit {
		t.Errorf("Load of a %d-byte file allocated %d bytes (limit %d)", len(file), alloc, limit)
	}
	t.Logf("%d-byte file: %d bytes allocated", len(file), alloc)
}
