package static

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteSite copies the site under dir (Files, and the precompressed
// variants the handler would send) into out, so that out can be copied to
// any static host as it is. The copies keep their modification times
// (so the variants still belong to their main.wasm). Nothing else is copied; a missing site file is
// an error. out is new, empty or an earlier site (whose files are
// replaced); a directory holding anything else is refused, untouched.
func WriteSite(dir, out string) error {
	if err := clearSite(out); err != nil {
		return err
	}
	for _, f := range Files {
		src := filepath.Join(dir, filepath.FromSlash(f))
		info, err := os.Stat(src)
		if err != nil {
			return fmt.Errorf("%v (build it with `make wasm`)", err)
		}
		if err := copyFile(src, filepath.Join(out, filepath.FromSlash(f))); err != nil {
			return err
		}
		for _, enc := range encodings {
			v, err := os.Stat(src + enc.ext)
			if err != nil || !belongs(v, info) {
				continue // absent or stale: the handler would not send it either
			}
			if err := copyFile(src+enc.ext, filepath.Join(out, filepath.FromSlash(f))+enc.ext); err != nil {
				return err
			}
		}
	}
	return nil
}

// clearSite empties out if it holds only a site's files.
func clearSite(out string) error {
	site := map[string]bool{}
	for _, f := range Files {
		site[f] = true
		for _, enc := range encodings {
			site[f+enc.ext] = true
		}
	}
	var old []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if !site[filepath.ToSlash(rel)] {
			return fmt.Errorf("%s holds %s, which is not a site file: the site goes into a new, empty or earlier site directory", out, rel)
		}
		old = append(old, p)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, p := range old {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	info, err := in.Stat()
	if err != nil {
		return err
	}
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
}
