package npy

import (
	"fmt"
	"io"
	"os"
)

// LoadWith opens the file at path and reads it with read, which gets the
// file and its size (the bound of what it may allocate); read's error
// names the path. Load, LoadNPZ and modelfile.Load read files with it.
func LoadWith[T any](path string, read func(r io.ReaderAt, size int64) (T, error)) (T, error) {
	var none T
	f, err := os.Open(path)
	if err != nil {
		return none, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return none, err
	}
	v, err := read(f, fi.Size())
	if err != nil {
		return none, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}
