package main

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"convplayground/conv"
	"convplayground/conv/npy"
)

// tensorFile is an input, weight or bias file whose header has been read:
// its shape is known before its data is read, so that conv2d checks the
// setting, the bias and the work from the shapes first (a 1 GiB input
// under a kernel larger than it is refused without reading it).
type tensorFile struct {
	path  string
	shape []int
	f     *os.File
	r     *bufio.Reader
	npy   *npy.Header // nil for an image
}

// openTensor opens a .npy file, or with images also a PNG or JPEG
// (recognised by the .npy magic bytes), and reads its header. Images
// become [1,C,H,W]: one channel for a grey image, three otherwise.
func openTensor(path string, images bool) (*tensorFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	t := &tensorFile{path: path, f: f, r: bufio.NewReader(f)}
	if head, _ := t.r.Peek(6); !images || string(head) == "\x93NUMPY" {
		h, err := npy.ReadHeader(t.r)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t.npy, t.shape = &h, h.Shape
		return t, nil
	}
	cfg, _, err := image.DecodeConfig(t.r)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: neither a .npy file nor a PNG/JPEG image (%v)", path, err)
	}
	if cfg.Width > maxImageSide || cfg.Height > maxImageSide {
		f.Close()
		return nil, fmt.Errorf("%s: %d×%d pixels is too large (limit %d×%d)", path, cfg.Width, cfg.Height, maxImageSide, maxImageSide)
	}
	t.shape = []int{1, 3, cfg.Height, cfg.Width}
	if greyModel(cfg.ColorModel) {
		t.shape[1] = 1
	}
	return t, nil
}

// read reads the data and closes the file.
func (t *tensorFile) read() (*conv.Tensor, error) {
	defer t.close()
	if t.npy != nil {
		info, err := t.f.Stat()
		if err != nil {
			return nil, err
		}
		data, err := npy.ReadData(&npy.LenReader{R: t.r, N: info.Size() - t.npy.Len}, *t.npy)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.path, err)
		}
		return conv.FromData(data, t.shape...), nil
	}
	if _, err := t.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bufio.NewReader(t.f))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", t.path, err)
	}
	return imageTensor(img), nil
}

// close closes the file (again: nothing).
func (t *tensorFile) close() {
	if t != nil {
		t.f.Close()
	}
}

func greyModel(m color.Model) bool { return m == color.GrayModel || m == color.Gray16Model }

// writeAll writes each file (path → its writer) under a temporary name
// beside it and renames them all into place only when every one was
// written, so that a failure (a -png in a missing directory, a full disk)
// leaves none of them behind, and no half-written file under its name.
func writeAll(files map[string]func(io.Writer) error) error {
	temps := map[string]string{}
	defer func() {
		for _, tmp := range temps {
			os.Remove(tmp)
		}
	}()
	for path, write := range files {
		tmp, err := writeTemp(path, write)
		if err != nil {
			return err
		}
		temps[path] = tmp
	}
	for path, tmp := range temps {
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		delete(temps, path)
	}
	return nil
}

// writeTemp writes a new file in path's directory and returns its name.
func writeTemp(path string, write func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return "", fmt.Errorf("%s: %w", path, pe.Err) // not the temporary name
	} else if err != nil {
		return "", err
	}
	w := bufio.NewWriter(f)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Chmod(0o644) // what os.Create gives with the usual umask
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return f.Name(), nil
}
