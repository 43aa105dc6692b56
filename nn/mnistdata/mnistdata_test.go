package mnistdata

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"os"
	"reflect"
	"strings"
	"testing"
)

// small is a set of 3 training and 2 test images with varied pixels.
func small() *Set {
	s := &Set{}
	for i := range 5 {
		im := &s.Train
		if i >= 3 {
			im = &s.Test
		}
		for p := range Pixels {
			im.Pixels = append(im.Pixels, byte(p*(i+1)*7))
		}
		im.Labels = append(im.Labels, byte(9-i))
	}
	return s
}

func encode(t testing.TB, s *Set) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	s := small()
	got, err := Decode(bytes.NewReader(encode(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Fatalf("decoded %+v", got)
	}
	if got.Train.Len() != 3 || got.Test.Image(1)[1] != 35 {
		t.Fatalf("Len %d, pixel %d", got.Train.Len(), got.Test.Image(1)[1])
	}
}

func TestEncodeRefuses(t *testing.T) {
	s := small()
	s.Train.Labels[1] = 10
	if err := Encode(&bytes.Buffer{}, s); err == nil || err.Error() != "image 1 has label 10 (want 0..9)" {
		t.Errorf("label 10: %v", err)
	}
	s = small()
	s.Test.Pixels = s.Test.Pixels[1:]
	if err := Encode(&bytes.Buffer{}, s); err == nil || err.Error() != "2 labels but 1567 pixel bytes (want 1568)" {
		t.Errorf("short pixels: %v", err)
	}
}

// gz compresses a raw payload, for files Encode would not write.
func gz(t *testing.T, payload []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(payload)
	zw.Close()
	return b.Bytes()
}

// payload is small()'s uncompressed file, changed by edit before its CRC
// is recomputed (so that only the edit is wrong).
func payload(t *testing.T, edit func([]byte) []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(encode(t, small())))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.ReadFrom(zr)
	p := edit(b.Bytes()[:b.Len()-4])
	return binary.LittleEndian.AppendUint32(p, crc32.ChecksumIEEE(p))
}

func TestDecodeErrors(t *testing.T) {
	good := encode(t, small())
	set32 := func(off int, v uint32) func([]byte) []byte {
		return func(p []byte) []byte { binary.LittleEndian.PutUint32(p[off:], v); return p }
	}
	badCRC := payload(t, func(p []byte) []byte { return p })
	badCRC[100] ^= 1
	for _, c := range []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "MNIST data: the file is empty"},
		{"HTML", []byte("<!doctype html><title>404 Not Found</title>"), "MNIST data: this is an HTML page, not the data file (is the file missing on the server?)"},
		{"not gzip", []byte("CPMD\x01\x00\x00\x00"), "MNIST data: not a gzip file (damaged or not the data file)"},
		{"one byte", good[:1], "MNIST data: truncated: the compressed data ends early"},
		{"gzip header only", good[:10], "MNIST data: truncated: the compressed data ends early"},
		{"cut in the data", good[:len(good)/2], "MNIST data: truncated: the compressed data ends early"},
		{"cut before gzip's trailer", good[:len(good)-8], "MNIST data: truncated: the compressed data ends early"},
		{"gzip's CRC", append(append([]byte{}, good[:len(good)-8]...), 0, 0, 0, 0, 0x14, 0x0f, 0, 0), "MNIST data: damaged: gzip's checksum does not match"},
		{"trailing bytes", append(append([]byte{}, good...), 0), "MNIST data: damaged: bytes after the compressed data"},
		{"magic", gz(t, payload(t, func(p []byte) []byte { p[0] = 'X'; return p })), `MNIST data: wrong magic "XPMD", want "CPMD": not the playground's MNIST file`},
		{"version", gz(t, payload(t, set32(4, 2))), "MNIST data: version 2, want 1"},
		{"no training images", gz(t, payload(t, set32(8, 0))), "MNIST data: the header claims 0 training and 2 test images (want 1..60000 and 1..10000): damaged"},
		{"too many test images", gz(t, payload(t, set32(12, 10001))), "MNIST data: the header claims 3 training and 10001 test images (want 1..60000 and 1..10000): damaged"},
		{"claims more", gz(t, payload(t, set32(12, 3))), "MNIST data: truncated: 3929 of 4714 bytes after the header"},
		{"claims fewer", gz(t, payload(t, set32(8, 2))), "MNIST data: damaged: more data than the header's 2 training and 2 test images"},
		{"our CRC", gz(t, badCRC), "MNIST data: damaged: checksum "},
		{"label", gz(t, payload(t, func(p []byte) []byte { p[headerSize+3+3*Pixels+1] = 12; return p })), "MNIST data: damaged: test image 1 has label 12 (want 0..9)"},
		{"header cut", gz(t, []byte("CPMD\x01\x00")), "MNIST data: truncated: the compressed data ends early"},
	} {
		s, err := Decode(bytes.NewReader(c.file))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || (!strings.HasSuffix(c.want, " ") && err.Error() != c.want) {
			t.Errorf("%s: %v, %v; want %s", c.name, s != nil, err, c.want)
		}
	}
}

// TestEveryByteMatters flips each byte of a small file in turn: every flip
// is an error (the two checksums), none a panic.
func TestEveryByteMatters(t *testing.T) {
	good := encode(t, small())
	for i := range good {
		if 4 <= i && i < 10 {
			continue // gzip's mtime, flags and OS bytes are not checked
		}
		bad := append([]byte{}, good...)
		bad[i] ^= 0x55
		if _, err := Decode(bytes.NewReader(bad)); err == nil {
			t.Errorf("byte %d flipped: no error", i)
		}
	}
}

// TestDataFile checks assets/mnist12k.bin.gz: 1,200 training images
// of each digit and 2,000 test images. TestAgainstMNIST (mnist_test.go)
// compares its images with MNIST's files.
func TestDataFile(t *testing.T) {
	s := dataFile(t)
	var count [10]int
	for _, l := range s.Train.Labels {
		count[l]++
	}
	if count != [10]int{1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200} || s.Test.Len() != 2000 {
		t.Fatalf("%v training images per digit, %d test images", count, s.Test.Len())
	}
}

// dataFile decodes assets/mnist12k.bin.gz, which is not committed: the
// Makefile builds it (make test-native and test-wasm do before testing).
func dataFile(t *testing.T) *Set {
	f, err := os.Open("../../assets/mnist12k.bin.gz")
	if err != nil {
		t.Fatalf("%v (make assets/mnist12k.bin.gz builds it)", err)
	}
	defer f.Close()
	s, err := Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func FuzzDecode(f *testing.F) {
	good := encode(f, small())
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Add([]byte("<html>"))
	f.Fuzz(func(t *testing.T, file []byte) {
		s, err := Decode(bytes.NewReader(file))
		if err != nil {
			return
		}
		back, err := Decode(bytes.NewReader(encode(t, s)))
		if err != nil || !reflect.DeepEqual(back, s) {
			t.Fatalf("decoded set does not round-trip: %v", err)
		}
	})
}

// BenchmarkDecode decodes the data file (2.27 MB to 11 MB).
func BenchmarkDecode(b *testing.B) {
	data, err := os.ReadFile("../../assets/mnist12k.bin.gz")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
